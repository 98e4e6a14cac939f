"""Every upload and import is read streaming within limits (issue #14, finding 4).

Packed size, unpacked size, rows and cell length are checked in ``core.limits``; a file over
one is refused with a clear error (the line where there is one) before anything is written.
Malformed CSV and NUL characters give a line-numbered error instead of a crash or a stored
NUL."""

import csv
import gzip
import io
import zipfile
from contextlib import nullcontext

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from utblick.funding.models import Call
from utblick.jobs.models import Job
from utblick.opendata.models import EUProject, TwinTownPair
from utblick.strategy.models import Activity
from utblick.testing import login

pytestmark = pytest.mark.django_db

HEADER = ["key", "focus_area", "kind", "title_sv", "status", "progress", "description_sv"]


def sv(name, *args):
    with translation.override("sv"):
        return reverse(name, args=args)


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


# Call files ------------------------------------------------------------------------------


def test_a_gzip_bomb_call_file_is_refused_before_a_job_starts(client, home, media_root):
    bomb = gzip.compress(b"[" + b" " * (60 * 1024 * 1024) + b"]")
    assert len(bomb) < 100 * 1024
    login(client, home.users["superuser"])
    response = client.post(
        sv("staff:call_import", home.municipality.slug),
        {"file": SimpleUploadedFile("calls.json.gz", bomb)},
    )
    assert response.status_code == 400
    assert "Filen packas upp till mer än de 50 MB som tillåts." in response.content.decode()
    assert not Job.objects.filter(handler__endswith="import_calls_job").exists()


def test_a_gzip_bomb_given_to_the_command_is_refused(db, tmp_path):
    path = tmp_path / "calls.json.gz"
    path.write_bytes(gzip.compress(b"[" + b" " * (60 * 1024 * 1024) + b"]"))
    with pytest.raises(CommandError):
        call_command("import_calls", str(path), "--no-embeddings", verbosity=0)
    assert not Call.objects.exists()


# Strategy imports ------------------------------------------------------------------------


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _row(**changes):
    row = {
        "key": "A001",
        "focus_area": "Hållbar samhällsutveckling",
        "kind": "core",
        "title_sv": "Samverka",
        "status": "ongoing",
        "progress": "40",
        "description_sv": "Kort.",
    }
    row.update(changes)
    return [row[name] for name in HEADER]


def _import(client, home, content, name, capture):
    plan = home.records["action_plan"]
    login(client, home.users["coordinator"])
    with capture(execute=True):
        response = client.post(
            en("staff:action_plan_import", home.municipality.slug, plan.pk),
            {"file": SimpleUploadedFile(name, content)},
        )
    return response


def _activities(plan):
    return list(
        Activity.objects.filter(action_plan=plan)
        .order_by("key")
        .values_list("key", "title_sv", "description_sv", "progress")
    )


def _failed_job():
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.FAILED
    return job


def test_a_too_long_strategy_cell_is_refused_with_its_line(
    client, home, media_root, django_capture_on_commit_callbacks
):
    plan = home.records["action_plan"]
    before = _activities(plan)
    content = _csv([HEADER, _row(), _row(key="A002", description_sv="x" * 30_000)])
    _import(client, home, content, "plan.csv", django_capture_on_commit_callbacks)
    job = _failed_job()
    assert job.errors[0]["line"] == 3
    assert "longer than 20,000 characters" in job.message.replace("\u00a0", ",")
    assert _activities(plan) == before


def test_a_nul_character_is_refused_with_its_line_not_stored(
    client, home, media_root, django_capture_on_commit_callbacks
):
    plan = home.records["action_plan"]
    before = _activities(plan)
    content = _csv([HEADER, _row(title_sv="Sam\x00verka")])
    _import(client, home, content, "plan.csv", django_capture_on_commit_callbacks)
    job = _failed_job()
    assert job.errors == [
        {"line": 2, "message": job.message},
    ]
    assert "NUL" in job.message
    assert _activities(plan) == before


def test_malformed_csv_gives_the_line_not_a_crash(
    client, home, media_root, django_capture_on_commit_callbacks
):
    plan = home.records["action_plan"]
    before = _activities(plan)
    # A cell past the csv module's field limit (131,072 characters) raises csv.Error.
    content = _csv([HEADER, _row(), _row(), _row(key="A003", description_sv="y" * 140_000)])
    _import(client, home, content, "plan.csv", django_capture_on_commit_callbacks)
    job = _failed_job()
    assert job.errors[0]["line"] == 4
    assert "not valid CSV" in job.message
    assert _activities(plan) == before


def _sheet_xlsx(rows: int, dimension: str | None) -> bytes:
    """A minimal workbook with the import's header and ``rows`` one-cell rows, written by
    hand (fast)."""
    header = "".join(
        f'<c r="{column}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for column, name in zip("ABCDEFG", HEADER, strict=True)
    )
    body = f'<row r="1">{header}</row>' + "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
        for n in range(2, rows + 2)
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<dimension ref="{dimension}"/>' if dimension else "")
            + f"<sheetData>{body}</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_long_workbook_is_refused_before_its_rows_are_read(client, home, media_root):
    """300,000 rows (11 MB unpacked, 1.5 MB packed): the old import read every one of them
    (20 s and hundreds of MB) before counting; the sheet's stated size refuses it now."""
    content = _sheet_xlsx(300_000, dimension="A1:G300001")
    response = _import(client, home, content, "plan.xlsx", lambda **kw: nullcontext())
    assert response.status_code == 400
    assert "more than 5,000 rows" in response.content.decode().replace("\u00a0", ",")
    assert not Job.objects.filter(handler__endswith="import_activities_job").exists()


def test_a_workbook_that_hides_its_size_is_refused(client, home, media_root):
    """Without a stated size openpyxl reads the whole sheet when it opens it."""
    content = _sheet_xlsx(300_000, dimension=None)
    response = _import(client, home, content, "plan.xlsx", lambda **kw: nullcontext())
    assert response.status_code == 400
    assert "does not state the size of its first sheet" in response.content.decode()


def test_a_workbook_within_the_limits_is_read_streaming(
    client, home, media_root, django_capture_on_commit_callbacks
):
    content = _sheet_xlsx(3, dimension="A1:G4")
    response = _import(client, home, content, "plan.xlsx", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job = _failed_job()  # rows of one cell lack the required values: line 2 is named
    assert job.errors[0]["line"] == 2


# EU open data ----------------------------------------------------------------------------


def test_a_cordis_workbook_that_unpacks_too_far_is_refused_unopened(db, tmp_path, settings):
    settings.UNPACKED_UPLOAD_MAX_BYTES = 1024 * 1024
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Project Nbr", "Project Title"])
    for number in range(20_000):
        sheet.append([str(100_000 + number), f"Project {number} " + "z" * 60])
    path = tmp_path / "projects.xlsx"
    workbook.save(path)
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import_opendata", "cordis-projects", str(path), "--no-progress")
    assert "more than the 1 MB allowed" in str(refused.value)
    assert not EUProject.objects.exists()


def test_a_twin_town_list_with_a_nul_character_names_the_line(db, tmp_path):
    path = tmp_path / "twins.csv"
    path.write_text(
        "city1,country1,city2,country2\nTrollhättan,SE,Kaiserslautern,DE\nMotala,SE,Ra\x00sa,FI\n",
        encoding="utf-8",
    )
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import_opendata", "twin-towns", str(path), "--no-progress")
    assert "line 3: Line 3 contains a NUL character" in str(refused.value)
    assert not TwinTownPair.objects.exists()


def test_a_participation_file_without_line_breaks_is_refused(db, tmp_path, settings):
    path = tmp_path / "participations.csv"
    path.write_text(
        "project_id,pic,partner_role,legal_name,country_code,framework_programme\n"
        + "1," * 600_000,
        encoding="utf-8",
    )
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import_opendata", "cordis-participations", str(path), "--no-progress")
    assert "Line 2 is longer than 1,000,000 characters" in str(refused.value).replace("\u00a0", ",")


# Documents and project uploads -----------------------------------------------------------


def test_a_zip_bomb_posing_as_a_document_is_refused(client, home, media_root, settings):
    settings.UNPACKED_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" * (40 * 1024 * 1024))
    document = home.records["adopted_document"]
    login(client, home.users["rep"])
    response = client.post(
        sv("staff:document_file_upload", home.municipality.slug, document.pk),
        {
            "language": "en",
            "title": "Strategy in English",
            "file": SimpleUploadedFile("strategy.docx", buffer.getvalue()),
        },
    )
    assert response.status_code == 400
    assert "40 MB" in response.content.decode()
    assert not document.files.filter(language="en").exists()
