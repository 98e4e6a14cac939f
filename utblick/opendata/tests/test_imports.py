"""Importers: every shared dataset imports with one command, twice changes nothing, a broken
file changes nothing and names the line."""

import csv
import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from utblick.jobs.models import Job
from utblick.testing import login

from ..models import EUOrganisation, EUProject, Participation, TwinTownPair
from .factories import DATA


@pytest.fixture(autouse=True)
def english():
    """These tests read messages of commands and jobs, which speak the active language."""
    with translation.override("en"):
        yield


def snapshot():
    return {
        "organisations": sorted(
            EUOrganisation.objects.values_list("key", "name", "country", "org_type")
        ),
        "projects": sorted(
            EUProject.objects.values_list("source", "external_id", "title", "search_text")
        ),
        "participations": sorted(
            Participation.objects.values_list(
                "organisation__key",
                "project__external_id",
                "role",
                "is_coordinator",
                "eu_contribution",
                "year",
            )
        ),
        "twins": sorted(
            TwinTownPair.objects.values_list("city", "country", "partner_city", "partner_country")
        ),
    }


def run(kind, path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_opendata", kind, str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


FILES = [
    ("cordis-projects", "cordis-h2020-projects.xlsx"),
    ("cordis-projects", "cordis-fp7-projects.xlsx"),
    ("cordis-participations", "cordis-participations.csv"),
    ("interreg", "interreg-partners.json"),
    ("twin-towns", "twin-towns.csv"),
]


@pytest.mark.django_db
def test_every_dataset_imports_and_twice_changes_nothing():
    for kind, name in FILES:
        out, err = run(kind, DATA / name)
        assert "rows/s" in out
        assert "100%" in err  # the progress bar reached the end
    first = snapshot()
    assert EUProject.objects.get(external_id="617329").title.startswith("INTENSE")
    assert TwinTownPair.objects.filter(partner_city="Trollhättan", city="Kerava").exists()
    for kind, name in FILES:
        run(kind, DATA / name)
    assert snapshot() == first


@pytest.mark.django_db
def test_counts_match_the_raw_file():
    for kind, name in FILES:
        run(kind, DATA / name)
    with open(DATA / "cordis-participations.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    # An organisation listed twice in a project (e.g. also as third party) counts once.
    def key(row):
        return row["project_id"], row["pic"] if row["pic"] != "NA" else row["legal_name"]

    pairs = {key(r) for r in rows}
    coordinators = {key(r) for r in rows if r["partner_role"] == "Coordinator"}
    interreg_projects = EUProject.objects.filter(source="interreg")
    cordis = Participation.objects.exclude(project__in=interreg_projects)
    assert cordis.count() == len(pairs)
    assert cordis.filter(is_coordinator=True).count() == len(coordinators)
    assert Participation.objects.filter(project__in=interreg_projects).count() == 80
    assert EUProject.objects.filter(source__in=["h2020", "fp7"]).count() >= len(
        {r["project_id"] for r in rows}
    )


@pytest.mark.django_db
def test_a_broken_csv_changes_nothing_and_names_the_line(tmp_path):
    run("twin-towns", DATA / "twin-towns.csv")
    before = snapshot()
    broken = tmp_path / "participations.csv"
    lines = (DATA / "cordis-participations.csv").read_text(encoding="utf-8").splitlines()
    # A malformed PIC on line 701, after the first rows were read.
    lines[700] = lines[700].replace(lines[700].split(",")[1], "12AB", 1)
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        run("cordis-participations", broken)
    assert "line 701: pic must be nine digits" in str(failure.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_broken_xlsx_and_json_change_nothing(tmp_path):
    import json

    import openpyxl

    workbook = openpyxl.load_workbook(DATA / "cordis-h2020-projects.xlsx")
    sheet = workbook.worksheets[0]
    sheet.cell(row=5, column=8, value="not a number")
    workbook.save(tmp_path / "projects.xlsx")
    with pytest.raises(CommandError) as failure:
        run("cordis-projects", tmp_path / "projects.xlsx")
    assert "line 5: Project Nbr is not a project number" in str(failure.value)
    records = json.loads((DATA / "interreg-partners.json").read_text(encoding="utf-8"))
    records[41]["organisationsroll"] = "XX"
    (tmp_path / "interreg.json").write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        run("interreg", tmp_path / "interreg.json")
    assert "line 42: organisationsroll must be LP, PP or AP" in str(failure.value)
    assert EUProject.objects.count() == 0 and EUOrganisation.objects.count() == 0


@pytest.mark.django_db
def test_wrong_kind_of_file_is_named(tmp_path):
    with pytest.raises(CommandError) as failure:
        run("cordis-participations", DATA / "twin-towns.csv")
    assert "Missing columns" in str(failure.value)


def test_import_through_the_staff_interface_runs_as_a_job(
    home, client, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["superuser"])
    url = reverse("staff:opendata_import", args=[home.municipality.slug])
    with (
        open(DATA / "twin-towns.csv", "rb") as handle,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, {"kind": "twin-towns", "file": handle})
    job = Job.objects.get(handler="utblick.opendata.services.import_job")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result["rows"] == 88 and job.done == job.total == 88
    assert TwinTownPair.objects.filter(city="Kerava").exists()


def test_a_broken_upload_fails_the_job_with_line_numbers(
    home, client, media_root, tmp_path, django_capture_on_commit_callbacks
):
    broken = tmp_path / "twins.csv"
    shutil.copy(DATA / "twin-towns.csv", broken)
    with open(broken, "a", encoding="utf-8") as handle:
        handle.write("Lund,Sweden,,Germany\n")
    login(client, home.users["superuser"])
    url = reverse("staff:opendata_import", args=[home.municipality.slug])
    with open(broken, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "twin-towns", "file": handle})
    job = Job.objects.get(handler="utblick.opendata.services.import_job")
    assert job.status == Job.Status.FAILED
    assert job.errors == [{"line": 90, "message": "city2 is missing."}]
    assert TwinTownPair.objects.count() == 0


def test_the_import_form_rejects_the_wrong_file_type(home, client, media_root):
    login(client, home.users["superuser"])
    url = reverse("staff:opendata_import", args=[home.municipality.slug])
    with open(DATA / "twin-towns.csv", "rb") as handle:
        response = client.post(url, {"kind": "interreg", "file": handle})
    assert response.status_code == 400
    assert not Job.objects.filter(handler="utblick.opendata.services.import_job").exists()
