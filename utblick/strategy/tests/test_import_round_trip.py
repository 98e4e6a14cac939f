"""Issue 18: every role's export comes back through the import unchanged.

Export through the export URL, import the same bytes through the import page (or the
command): an unchanged file changes and refuses nothing, for the coordinator and for a unit
representative; a unit representative's edits of another unit's rows are skipped with a
note, their own edits are applied (and shown in the activity's history); a reader does not
import at all. The Swedish export's headers and codes are Swedish; both languages import.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from utblick.jobs.models import Job
from utblick.strategy.models import Activity, FollowUpEntry
from utblick.testing import login

from .factories import activity as make_activity

pytestmark = pytest.mark.django_db

STATUS = {"sv": "Status", "en": "status"}
PROGRESS = {"sv": "Förlopp (%)", "en": "progress"}
TITLE_EN = {"sv": "Titel (engelska)", "en": "title_en"}


def _url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def plan(home):
    """The world's plan (A001 of ``unit``, A002 without a unit) with an activity of
    ``other_unit`` whose texts a spreadsheet could spoil: several lines, formula-like."""
    the_plan = home.records["action_plan"]
    make_activity(
        the_plan,
        home.records["strategy_focus_area"],
        "A003",
        "Utbyte med vänorten",
        unit=home.other_unit,
        status=Activity.Status.PAUSED,
        progress=20,
        title_en="=Exchange with the twin town",
        description_sv="Första raden.\r\nAndra raden.",
        responsible_person="Eva Berg",
        direction=home.records["strategy_direction"],
    )
    return the_plan


def _export(client, home, plan, fmt, language):
    url = _url("staff:action_plan_export", language, home.municipality.slug, plan.pk, fmt)
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def _import(client, home, plan, content, fmt, language, capture):
    url = _url("staff:action_plan_import", language, home.municipality.slug, plan.pk)
    with capture(execute=True):
        response = client.post(url, {"file": SimpleUploadedFile(f"plan.{fmt}", content)})
    assert response.status_code == 302
    return Job.objects.latest("pk")


def _table(content, fmt) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _file(table, fmt) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(table)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook()
    for row in table:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _edit(table, key, column, value):
    """Set one cell of the row with ``key``; return its line number in the file."""
    header = table[0]
    for line, row in enumerate(table, start=1):
        if row[0] == key:
            row[header.index(column)] = value
            return line
    raise AssertionError(key)


def _state(plan):
    """Everything an import could change: the activities, their history and timeline."""
    activities = list(
        Activity.objects.filter(action_plan=plan)
        .order_by("key")
        .values_list(
            "key",
            "focus_area_id",
            "direction_id",
            "kind",
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "unit_id",
            "responsible_person",
            "status",
            "progress",
        )
    )
    history = Activity.history.filter(action_plan=plan).count()
    entries = FollowUpEntry.objects.filter(activity__action_plan=plan).count()
    return activities, history, entries


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_swedish_export_speaks_swedish_and_the_english_one_keeps_the_codes(
    client, home, plan, fmt
):
    login(client, home.users["rep"])
    swedish = _table(_export(client, home, plan, fmt, "sv"), fmt)
    assert swedish[0] == [
        "Nyckel",
        "Fokusområde",
        "Inriktning",
        "Typ",
        "Titel (svenska)",
        "Titel (engelska)",
        "Beskrivning (svenska)",
        "Beskrivning (engelska)",
        "Ansvarig enhet",
        "Ansvarig person",
        "Status",
        "Förlopp (%)",
    ]
    rows = {row[0]: row for row in swedish[1:]}
    assert (rows["A001"][3], rows["A001"][10]) == ("Grunduppdrag", "Pågående")
    assert (rows["A002"][3], rows["A002"][10]) == (
        "Identifierad utvecklingspotential",
        "Inte påbörjad",
    )
    english = _table(_export(client, home, plan, fmt, "en"), fmt)
    assert english[0][:4] == ["key", "focus_area", "direction", "kind"]
    rows = {row[0]: row for row in english[1:]}
    assert (rows["A001"][3], rows["A001"][10]) == ("core", "ongoing")


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", ["coordinator", "rep"])
def test_the_round_trip_changes_what_was_edited_and_only_that(
    client, home, plan, media_root, django_capture_on_commit_callbacks, persona, fmt, language
):
    """(1) The unchanged export: 0 changes, 0 errors. (2) One edited cell of the user's own
    row: exactly that change, in the activity's history. (3) For a unit representative,
    edits of another unit's and of a unit-less row: skipped, each with a note on its line."""
    login(client, home.users[persona])
    user = home.users[persona]
    content = _export(client, home, plan, fmt, language)
    before = _state(plan)
    job = _import(client, home, plan, content, fmt, language, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.errors == []
    assert job.result == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0, "notes": []}
    assert _state(plan) == before

    # (2) One cell of A001 (of the rep's unit).
    table = _table(content, fmt)
    _edit(table, "A001", PROGRESS[language], 75 if fmt == "xlsx" else "75")
    activities, history, entries = before
    job = _import(
        client, home, plan, _file(table, fmt), fmt, language, django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result == {"created": 0, "updated": 1, "unchanged": 2, "skipped": 0, "notes": []}
    expected = [row if row[0] != "A001" else (*row[:-1], 75) for row in activities]
    assert _state(plan) == (expected, history + 1, entries + 1)
    activity = home.records["activity"]
    page = client.get(_url("staff:activity_detail", "en", home.municipality.slug, activity.pk))
    history_rows = page.content.decode().split('id="history-title"')[1].split("<tr>")
    imported = [row for row in history_rows if "(through an import)" in row]
    assert len(imported) == 1
    assert "Changed the activity (through an import)<ul><li>progress (%)</li></ul>" in imported[0]
    assert f"<td>{user}</td>" in imported[0]

    if persona != "rep":
        return
    # (3) A unit representative's edits of rows that are not theirs.
    table = _table(_export(client, home, plan, fmt, language), fmt)
    _edit(table, "A001", TITLE_EN[language], "Work with the business office")
    unitless_line = _edit(table, "A002", PROGRESS[language], "90")
    other_line = _edit(table, "A003", STATUS[language], "done")
    before = {row[0]: row for row in _state(plan)[0]}
    job = _import(
        client, home, plan, _file(table, fmt), fmt, language, django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.SUCCEEDED, job.errors
    other, unitless = {
        "sv": (
            "hoppades över — aktiviteten tillhör en annan enhet",
            "hoppades över — bara samordnaren ändrar en aktivitet utan ansvarig enhet",
        ),
        "en": (
            "skipped — the activity belongs to another unit",
            "skipped — only the coordinator changes an activity without a unit",
        ),
    }[language]
    assert job.errors == []
    assert job.result == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "skipped": 2,
        "notes": sorted(
            [
                {"line": unitless_line, "message": unitless},
                {"line": other_line, "message": other},
            ],
            key=lambda note: note["line"],
        ),
    }
    after = {row[0]: row for row in _state(plan)[0]}
    assert after["A003"] == before["A003"] and after["A002"] == before["A002"]
    assert after["A001"][5] == "Work with the business office"
    page = client.get(job.get_absolute_url()).content.decode()
    line_word = {"sv": "Rad", "en": "Line"}[language]
    assert f"{line_word} {other_line}: {other}" in page


def test_a_new_row_for_another_unit_or_a_move_is_skipped_for_a_unit_rep(
    client, home, plan, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["rep"])
    table = _table(_export(client, home, plan, "csv", "sv"), "csv")
    moved_line = _edit(table, "A001", "Ansvarig enhet", home.other_unit.name)
    new = ["A900", "Näringslivsutveckling", "", "Grunduppdrag", "Ny aktivitet", "", "", ""]
    table.append([*new, home.other_unit.name, "", "Pågående", "0"])
    before = _state(plan)
    job = _import(
        client, home, plan, _file(table, "csv"), "csv", "sv", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result["notes"] == [
        {
            "line": moved_line,
            "message": "hoppades över — bara samordnaren flyttar en aktivitet till en annan enhet",
        },
        {"line": len(table), "message": "hoppades över — aktiviteten tillhör en annan enhet"},
    ]
    assert _state(plan) == before


def test_headers_and_codes_are_read_in_either_language(
    client, home, plan, media_root, django_capture_on_commit_callbacks
):
    """Swedish headers with English codes, and English headers with Swedish names."""
    login(client, home.users["coordinator"])
    table = _table(_export(client, home, plan, "csv", "sv"), "csv")
    _edit(table, "A001", "Status", "paused")
    _edit(table, "A002", "Typ", "core")
    job = _import(
        client, home, plan, _file(table, "csv"), "csv", "sv", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result["updated"] == 2
    table = _table(_export(client, home, plan, "csv", "en"), "csv")
    # The English labels (and one Swedish), in any case.
    table[0] = [
        "KEY",
        "Focus area",
        "Direction",
        "Kind",
        "Title (Swedish)",
        "title (english)",
        "Description (Swedish)",
        "Description (English)",
        "Responsible unit",
        "Responsible person",
        "Status",
        "Förlopp (%)",
    ]
    _edit(table, "A001", "Status", "Pågående")
    job = _import(
        client, home, plan, _file(table, "csv"), "csv", "en", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result["updated"] == 1
    assert Activity.objects.get(action_plan=plan, key="A001").status == "ongoing"


def test_a_real_error_still_fails_the_whole_import_with_its_line(
    client, home, plan, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["rep"])
    table = _table(_export(client, home, plan, "xlsx", "sv"), "xlsx")
    _edit(table, "A001", "Förlopp (%)", 60)
    bad_line = _edit(table, "A001", "Status", "kanske")
    before = _state(plan)
    job = _import(
        client, home, plan, _file(table, "xlsx"), "xlsx", "sv", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.FAILED
    assert [error["line"] for error in job.errors] == [bad_line]
    assert "kanske" in job.errors[0]["message"]
    assert _state(plan) == before


def test_a_reader_may_not_import(home, plan, client, tmp_path, media_root):
    login(client, home.users["reader"])
    content = _export(client, home, plan, "csv", "sv")
    url = _url("staff:action_plan_import", "sv", home.municipality.slug, plan.pk)
    response = client.post(url, {"file": SimpleUploadedFile("plan.csv", content)})
    assert response.status_code == 403
    assert client.get(url).status_code == 403
    table = _table(content, "csv")
    _edit(table, "A001", "Förlopp (%)", "99")
    path = tmp_path / "plan.csv"
    path.write_bytes(_file(table, "csv"))
    before = _state(plan)
    with pytest.raises(CommandError):
        call_command("import_activities", plan.pk, str(path), user=home.users["reader"].username)
    assert _state(plan) == before
    assert not Job.objects.filter(handler__endswith="import_activities_job").exists()


def test_the_command_lists_the_skipped_rows(home, plan, client, tmp_path):
    login(client, home.users["rep"])
    table = _table(_export(client, home, plan, "xlsx", "en"), "xlsx")
    line = _edit(table, "A003", "progress", 55)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_file(table, "xlsx"))
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_activities", plan.pk, str(path), user="th-rep", stdout=out)
    assert f"line {line}: skipped — the activity belongs to another unit" in out.getvalue()
    assert "0 created, 0 updated, 2 unchanged, 1 skipped." in out.getvalue()
    assert Activity.objects.get(action_plan=plan, key="A003").progress == 20


def test_an_unchanged_round_trip_costs_the_same_queries_for_more_rows(home, plan, client):
    """Checked and compared row by row, but with a constant number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from utblick.strategy import imports

    rep = home.users["rep"]
    login(client, rep)

    def queries():
        content = _export(client, home, plan, "csv", "sv")
        with CaptureQueriesContext(connection) as captured:
            outcome = imports.import_file(plan=plan, content=content, fmt="csv", user=rep)
        assert outcome.updated == outcome.created == outcome.skipped == 0
        return len(captured)

    few = queries()
    for number in range(10):
        make_activity(
            plan,
            home.records["strategy_focus_area"],
            f"B{number:03}",
            f"Aktivitet {number}",
            unit=home.unit if number % 2 else home.other_unit,
        )
    rep = type(rep).objects.get(pk=rep.pk)  # no memberships cached from the first run
    assert queries() == few


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Nyckel; Fokusområde; Inriktning", "Grunduppdrag", "Inte påbörjad, Pågående"]),
        ("en", ["key; focus_area; direction", "core, development", "not_started, ongoing"]),
    ],
)
def test_the_import_page_names_the_columns_and_codes_of_its_language(
    client, home, plan, language, expected
):
    login(client, home.users["rep"])
    url = _url("staff:action_plan_import", language, home.municipality.slug, plan.pk)
    page = client.get(url).content.decode()
    for text in expected:
        assert text in page
