"""Bulk update: export to CSV/XLSX, edit, import back (matched by key, all or nothing)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from utblick.core.testing import login
from utblick.jobs.models import Job
from utblick.strategy.models import Activity

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
    assert header[:3] == ["key", "focus_area", "kind"]
    by_key = {row[0]: row for row in rows[1:]}
    by_key["A002"][header.index("status")] = "done"
    by_key["A002"][header.index("progress")] = "100"
    by_key["A002"][header.index("title_sv")] = "Bevaka Healthy Cities noga"
    rows.append(
        [
            "A900",
            "Hållbar samhällsutveckling",
            "development",
            "Ny aktivitet",
            "",
            home.other_unit.name,
            "Anna",
            "not_started",
            "0",
        ]
    )
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result == {"created": 1, "updated": 1, "unchanged": 1}
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
    plan = home.records["action_plan"]
    login(client, home.users["rep"])
    rows = _csv_rows(_export(client, home, "csv"))
    header = rows[0]
    by_key = {row[0]: row for row in rows[1:]}
    by_key["A001"][header.index("progress")] = "60"  # own unit: fine
    by_key["A002"][header.index("progress")] = "60"  # no unit: the coordinator's
    before = _snapshot(plan)
    job = _import(client, home, _csv_bytes(rows), "plan.csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.FAILED
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "A002")
    assert job.errors == [
        {"line": line, "message": "you may only report on your own unit's activities"}
    ]
    assert _snapshot(plan) == before


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
    sheet.append(["A002", "Näringslivsutveckling", "core", "", "ongoing", 10])
    workbook.save(path)
    with pytest.raises(CommandError):
        call_command("import_activities", plan.pk, str(path))
    activity.refresh_from_db()
    assert activity.progress == 90
