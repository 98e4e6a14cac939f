"""Bulk update: export to CSV/XLSX, edit, import back (matched by key, all or nothing)."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from utblick.jobs.models import Job
from utblick.strategy.models import Activity
from utblick.testing import login

from .helpers import en

pytestmark = pytest.mark.django_db


def _export(client, home, fmt):
    plan = home.records["action_plan"]
    response = client.get(en("staff:action_plan_export", home.municipality.slug, plan.pk, fmt))
    assert response.status_code == 200
    return response.content


def _csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _csv_bytes(rows):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _import(client, home, content, name, django_capture_on_commit_callbacks):
    plan = home.records["action_plan"]
    url = en("staff:action_plan_import", home.municipality.slug, plan.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    return Job.objects.latest("pk")


def _snapshot(plan):
    return list(
        Activity.objects.filter(action_plan=plan)
        .order_by("key")
        .values_list("key", "title_sv", "status", "progress", "unit_id")
    )


def test_csv_round_trip(client, home, media_root, django_capture_on_commit_callbacks):
    login(client, home.users["coordinator"])
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    assert header[:4] == ["key", "focus_area", "direction", "kind"]
    by_key = {row[0]: row for row in rows[1:]}
    by_key["A002"][header.index("status")] = "done"
    by_key["A002"][header.index("progress")] = "100"
    by_key["A002"][header.index("title_sv")] = "Bevaka Healthy Cities noga"
    new_row = {
        "key": "A900",
        "focus_area": "Hållbar samhällsutveckling",
        "kind": "development",
        "title_sv": "Ny aktivitet",
        "responsible_unit": home.other_unit.name,
        "responsible_person": "Anna",
        "status": "not_started",
        "progress": "0",
    }
    rows.append([new_row.get(column, "") for column in header])
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result == {
        "created": 1,
        "updated": 1,
        "unchanged": 1,
        "skipped": 0,
        "notes": [],
    }
    changed = Activity.objects.get(key="A002", action_plan=home.records["action_plan"])
    assert (changed.title_sv, changed.status, changed.progress) == (
        "Bevaka Healthy Cities noga",
        "done",
        100,
    )
    entry = changed.entries.get()
    assert (entry.previous_status, entry.status, entry.progress) == ("not_started", "done", 100)
    assert entry.author == home.users["coordinator"]
    new = Activity.objects.get(key="A900")
    assert new.unit == home.other_unit and new.kind == "development"
    # Exporting again gives what was imported.
    again = {row[0]: row for row in _csv_rows(_export(client, home, "csv"))[1:]}
    assert again["A002"][header.index("title_sv")] == "Bevaka Healthy Cities noga"


EDITED = {
    "focus_area": "Hållbar samhällsutveckling",
    "direction": "",
    "kind": "Identifierad utvecklingspotential",  # a Swedish label works as well as a code
    "title_sv": "Samverka med Business Region Göteborg",
    "title_en": "Work with Business Region Gothenburg",
    "description_sv": "Gemensamma träffar varje kvartal.",
    "description_en": "Joint meetings every quarter.",
    "responsible_person": "Karin Ek",
    "status": "Pausad",
    "progress": "65",
}
EXPECTED = {
    "kind": "development",
    "title_sv": "Samverka med Business Region Göteborg",
    "title_en": "Work with Business Region Gothenburg",
    "description_sv": "Gemensamma träffar varje kvartal.",
    "description_en": "Joint meetings every quarter.",
    "responsible_person": "Karin Ek",
    "status": "paused",
    "progress": 65,
}


def _check_every_column(home, activity):
    activity.refresh_from_db()
    for name, value in EXPECTED.items():
        assert getattr(activity, name) == value, name
    assert activity.focus_area.name_sv == "Hållbar samhällsutveckling"
    assert activity.direction is None
    assert activity.unit == home.other_unit


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_exported_column_comes_back_edited(
    client, home, media_root, django_capture_on_commit_callbacks, fmt
):
    """Export, change every column of one activity, import: each change is in the record,
    the other activity is untouched, and a second export shows the edited values."""
    activity = home.records["activity"]
    assert activity.direction is None
    activity.direction = home.records["strategy_direction"]
    activity.responsible_person = "Per Ek"
    activity.save()
    other = Activity.objects.get(action_plan=activity.action_plan, key="A002")
    other_before = _snapshot(activity.action_plan)[1]
    login(client, home.users["coordinator"])
    edited = {**EDITED, "responsible_unit": home.other_unit.name}
    content = _export(client, home, fmt)
    if fmt == "csv":
        rows = _csv_rows(content)
        header = rows[0]
        assert set(header) == set(edited) | {"key"}
        row = next(r for r in rows if r[0] == "A001")
        assert row[header.index("direction")] == "Etableringar"
        for name, value in edited.items():
            row[header.index(name)] = value
        upload = _csv_bytes(rows)
    else:
        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.active
        header = [c.value for c in sheet[1]]
        assert set(header) == set(edited) | {"key"}
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A001")
        for name, value in edited.items():
            row[header.index(name)].value = int(value) if name == "progress" else value
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = buffer.getvalue()
    job = _import(client, home, upload, f"plan.{fmt}", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "skipped": 0,
        "notes": [],
    }
    _check_every_column(home, activity)
    assert _snapshot(activity.action_plan)[1] == other_before
    other.refresh_from_db()
    assert other.kind == "development"
    again = {r[0]: r for r in _csv_rows(_export(client, home, "csv"))[1:]}
    header = _csv_rows(_export(client, home, "csv"))[0]
    for name in ("title_en", "description_sv", "description_en", "responsible_person"):
        assert again["A001"][header.index(name)] == edited[name]
    assert again["A001"][header.index("kind")] == "development"
    assert again["A001"][header.index("status")] == "paused"


def test_a_direction_must_belong_to_the_focus_area(
    client, home, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["coordinator"])
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    by_key = {row[0]: row for row in rows[1:]}
    by_key["A002"][header.index("direction")] = "Etableringar"  # of Näringslivsutveckling
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.FAILED
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "A002")
    assert job.errors == [
        {"line": line, "message": "unknown direction “Etableringar” in the focus area"}
    ]


def test_xlsx_round_trip(client, home, media_root, django_capture_on_commit_callbacks):
    login(client, home.users["coordinator"])
    workbook = load_workbook(io.BytesIO(_export(client, home, "xlsx")))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "A001":
            row[header.index("progress")].value = 75
            row[header.index("status")].value = "Paused"  # a label works as well as a code
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _import(client, home, buffer.getvalue(), "plan.xlsx", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    activity = home.records["activity"]
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("paused", 75)


def test_one_bad_row_changes_nothing_and_is_named(
    client, home, media_root, django_capture_on_commit_callbacks
):
    plan = home.records["action_plan"]
    login(client, home.users["coordinator"])
    before = _snapshot(plan)
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    rows[1][header.index("progress")] = "55"  # a good change on line 2
    rows[2][header.index("progress")] = "150"  # line 3 is bad
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.FAILED
    assert [error["line"] for error in job.errors] == [3]
    assert "progress must be a number from 0 to 100" in job.errors[0]["message"]
    assert _snapshot(plan) == before
    page = client.get(job.get_absolute_url())
    assert "progress must be a number from 0 to 100" in page.content.decode()


def test_unknown_focus_area_status_and_duplicate_keys_are_reported_per_line(
    client, home, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["coordinator"])
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    rows[1][header.index("focus_area")] = "Rymdfart"
    rows[2][header.index("status")] = "kanske"
    rows.append(list(rows[2]))
    rows[3][header.index("status")] = "ongoing"
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    messages = {error["line"]: error["message"] for error in job.errors}
    assert "unknown focus area “Rymdfart”" in messages[2]
    assert "unknown status “kanske”" in messages[3]
    assert "also on line 3" in messages[4]


def test_a_unit_representative_imports_only_their_own_activities(
    client, home, media_root, django_capture_on_commit_callbacks
):
    """The own unit's change is applied; the change of the coordinator's (unit-less) row is
    skipped with a note, not an error (see test_import_round_trip for every role)."""
    plan = home.records["action_plan"]
    login(client, home.users["rep"])
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    by_key = {row[0]: row for row in rows[1:]}
    by_key["A001"][header.index("progress")] = "60"  # own unit: fine
    by_key["A002"][header.index("progress")] = "60"  # no unit: the coordinator's
    before = dict((row[0], row) for row in _snapshot(plan))
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "A002")
    message = "skipped — only the coordinator changes an activity without a unit"
    assert job.result["notes"] == [{"line": line, "message": message}]
    after = dict((row[0], row) for row in _snapshot(plan))
    assert after["A002"] == before["A002"]
    assert after["A001"][3] == 60


def test_a_file_without_the_columns_or_of_the_wrong_type_is_refused(
    client, home, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["coordinator"])
    job = _import(
        client, home, b"name;value\r\nx;1\r\n", "x.csv", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["line"] == 1
    plan = home.records["action_plan"]
    response = client.post(
        en("staff:action_plan_import", home.municipality.slug, plan.pk),
        {"file": SimpleUploadedFile("plan.txt", b"key")},
    )
    assert response.status_code == 400
    assert "Choose a file ending in .csv or .xlsx." in response.content.decode()


def test_the_management_command_imports_synchronously(home, tmp_path):
    plan = home.records["action_plan"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["key", "focus_area", "kind", "title_sv", "status", "progress"])
    sheet.append(["A001", "Näringslivsutveckling", "core", "Samverka", "ongoing", 90])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    call_command("import_activities", plan.pk, str(path))
    activity = home.records["activity"]
    activity.refresh_from_db()
    assert (activity.title_sv, activity.progress) == ("Samverka", 90)
    # Columns the file does not have are left as they were.
    assert activity.unit == home.unit
    sheet.append(["A002", "Näringslivsutveckling", "core", "", "ongoing", 10])
    workbook.save(path)
    with pytest.raises(CommandError):
        call_command("import_activities", plan.pk, str(path))
    activity.refresh_from_db()
    assert activity.progress == 90


def test_a_file_without_optional_columns_keeps_them_but_no_stale_direction(home, tmp_path):
    activity = home.records["activity"]
    activity.direction = home.records["strategy_direction"]
    activity.description_sv = "Beskrivningen står kvar."
    activity.save()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["key", "focus_area", "kind", "title_sv", "status", "progress"])
    sheet.append(["A001", "Hållbar samhällsutveckling", "core", "Samverka", "ongoing", 40])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    call_command("import_activities", activity.action_plan.pk, str(path))
    activity.refresh_from_db()
    assert activity.focus_area.name_sv == "Hållbar samhällsutveckling"
    assert activity.direction is None  # Etableringar belongs to the old focus area
    assert (activity.description_sv, activity.unit) == ("Beskrivningen står kvar.", home.unit)


def test_a_zip_bomb_posing_as_a_workbook_is_refused_unopened(
    client, home, media_root, django_capture_on_commit_callbacks, settings
):
    settings.UNPACKED_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    plan = home.records["action_plan"]
    login(client, home.users["coordinator"])
    before = _snapshot(plan)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (40 * 1024 * 1024))
    url = en("staff:action_plan_import", home.municipality.slug, plan.pk)
    upload = SimpleUploadedFile("plan.xlsx", buffer.getvalue())
    response = client.post(url, {"file": upload})
    # Refused by the form, before a job starts.
    assert response.status_code == 400
    assert "40 MB" in response.content.decode()
    assert not Job.objects.filter(handler__endswith="import_activities_job").exists()
    assert _snapshot(plan) == before
