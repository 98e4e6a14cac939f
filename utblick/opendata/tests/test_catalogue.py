"""Open data licences and the DCAT-AP-SE catalogue: every dataset, download and API answer
names its licence, and the catalogue has what dataportal.se requires of each class."""

import csv
import datetime
import io
import json
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from utblick.core import licences, tabular
from utblick.funding.tests.factories import CallFactory

CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# DCAT-AP-SE's mandatory properties per class (and those that the open data page promises:
# licence, contact point, update frequency), checked like a SHACL shape.
MANDATORY = {
    DCAT.Catalog: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset),
    DCAT.Dataset: (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.publisher,
        DCAT.contactPoint,
        DCAT.distribution,
        DCTERMS.accrualPeriodicity,
    ),
    DCAT.Distribution: (DCAT.accessURL, DCTERMS.license, DCTERMS.format),
    FOAF.Agent: (FOAF.name, DCTERMS.type),
    VCARD.Organization: (VCARD.fn,),
}


def missing_mandatory(graph: Graph) -> list[str]:
    problems = []
    for cls, properties in MANDATORY.items():
        for prop in properties:
            query = """SELECT ?node WHERE { ?node a ?cls .
                       FILTER NOT EXISTS { ?node ?prop ?value } }"""
            for row in graph.query(query, initBindings={"cls": cls, "prop": prop}):
                problems.append(f"{row.node} ({graph.qname(cls)}) lacks {graph.qname(prop)}")
    return problems


def catalogue(client, slug, fmt):
    response = client.get(reverse("public:opendata_catalogue", args=[slug, fmt]))
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_catalogue_has_every_mandatory_dcat_ap_se_property(home, client):
    slug = home.municipality.slug
    response = catalogue(client, slug, "ttl")
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.content, format="turtle")
    assert missing_mandatory(graph) == []
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(d).rsplit("#dataset-", 1)[1] for d in datasets} == {
        "projects",
        "partners",
        "partnerships",
        "networks",
    }
    for dataset in datasets:
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = sorted(
            str(graph.value(d, DCTERMS.format)).rsplit("/", 1)[1] for d in distributions
        )
        assert formats == ["CSV", "JSON", "JSON", "XLSX"]  # the files and the API
        assert {graph.value(d, DCTERMS.license) for d in distributions} == {CC0}
        assert graph.value(dataset, DCAT.contactPoint) is not None
    projects = URIRef(f"http://testserver/{slug}/oppna-data/#dataset-projects")
    period = graph.value(projects, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2024-03-01"
    # JSON-LD says the same as Turtle.
    jsonld = Graph().parse(data=catalogue(client, slug, "jsonld").content, format="json-ld")
    assert len(jsonld) == len(graph)
    assert missing_mandatory(jsonld) == []


@pytest.mark.django_db
def test_a_distribution_without_licence_is_reported(home, client):
    graph = Graph().parse(data=catalogue(client, home.municipality.slug, "ttl").content)
    distribution = next(graph.subjects(RDF.type, DCAT.Distribution))
    graph.remove((distribution, DCTERMS.license, None))
    assert missing_mandatory(graph) == [f"{distribution} (dcat:Distribution) lacks dct:license"]


@pytest.mark.django_db
def test_licence_on_the_page_downloads_and_api(home, client):
    slug = home.municipality.slug
    page = client.get(reverse("public:opendata_downloads", args=[slug]))
    assert f'href="{CC0}" rel="license"' in page.content.decode()
    download = client.get(reverse("public:opendata_download", args=[slug, "projects", "csv"]))
    assert download["Link"] == f'<{CC0}>; rel="license"'
    assert client.get("/api/v1/projects/")["Link"] == f'<{CC0}>; rel="license"'
    calls = client.get("/api/v1/calls/")["Link"]
    assert calls == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


@pytest.mark.django_db
def test_open_data_page_describes_each_dataset_in_schema_org(home, client):
    slug = home.municipality.slug
    for prefix in ("", "/en"):
        page = client.get(f"{prefix}/{slug}/oppna-data/").content.decode()
        start = page.index('<script type="application/ld+json">') + len(
            '<script type="application/ld+json">'
        )
        graph = json.loads(page[start : page.index("</script>", start)])["@graph"]
        datasets = {node["@id"]: node for node in graph if node["@type"] == "Dataset"}
        projects = datasets[f"http://testserver/{slug}/oppna-data/#dataset-projects"]
        assert projects["url"] == projects["@id"]
        assert projects["license"] == str(CC0)
        assert projects["temporalCoverage"].startswith("2024-03-01/")
        assert {d["encodingFormat"] for d in projects["distribution"]} >= {"text/csv"}
        assert projects["publisher"] == {"@id": f"http://testserver/{slug}/#org"}


@pytest.mark.django_db
def test_every_download_carries_the_municipality_licence(home, client):
    """CSV and JSON stay plain data with the licence in the Link header; the XLSX also
    carries it in its properties and on a sheet "Licens"."""
    slug = home.municipality.slug
    urls = {
        fmt: reverse("public:opendata_download", args=[slug, "projects", fmt])
        for fmt in ("csv", "xlsx", "json")
    }
    answers = {fmt: client.get(url) for fmt, url in urls.items()}
    for answer in answers.values():
        assert answer.status_code == 200
        assert answer["Link"] == f'<{CC0}>; rel="license"'
    # The CSV: the header and one row per public project, nothing else.
    text = answers["csv"].content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:2] == ["id", "municipality"]
    assert [row[0] for row in rows[1:]] == [str(home.records["public_project"].pk)]
    # The JSON: the rows as before, not wrapped.
    assert [row["id"] for row in json.loads(answers["json"].content)] == [
        home.records["public_project"].pk
    ]
    workbook = openpyxl.load_workbook(io.BytesIO(answers["xlsx"].content))
    assert workbook.sheetnames == ["projects", "Licens"]
    assert workbook.active.max_row == 2  # the data sheet has only the data
    properties = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
    assert properties == {"License": str(CC0), "LicenseName": "CC0 1.0"}
    assert f"CC0 1.0 ({CC0})" in workbook.properties.description
    licence = {row[0]: row[1] for row in workbook["Licens"].iter_rows(values_only=True)}
    assert licence["Licens"] == "CC0 1.0"
    assert licence["Licensens adress"] == str(CC0)
    assert "Erkännande" not in licence  # CC0 asks for none
    assert licence["Källa"] == f"{home.municipality.name}, http://testserver/{slug}/oppna-data/"
    assert licence["Datum"].date() == timezone.localdate()


def test_eu_data_in_a_workbook_keeps_its_source_licence_and_attribution():
    content = tabular.to_xlsx(
        ["identifier"],
        [["101000001"]],
        sheet_name="calls",
        licence=licences.EU_CC_BY_4,
        source="CORDIS",
        date=datetime.date(2026, 8, 1),
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    licence = {row[0]: row[1] for row in workbook["Licens"].iter_rows(values_only=True)}
    assert licence["Licens"] == "CC BY 4.0"
    assert licence["Licensens adress"] == "https://creativecommons.org/licenses/by/4.0/"
    assert licence["Erkännande"] == "© European Union"
    assert (licence["Källa"], licence["Datum"]) == ("CORDIS", datetime.datetime(2026, 8, 1))
    assert "© European Union" in workbook.properties.description
    assert {prop.name: prop.value for prop in workbook.custom_doc_props.props}["License"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    # Without a licence the workbook is the data alone.
    plain = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx(["a"], [[1]], sheet_name="d")))
    assert plain.sheetnames == ["d"] and not plain.custom_doc_props.props


def test_the_workbook_is_dated_by_the_swedish_calendar():
    new_year_in_stockholm = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=new_year_in_stockholm):
        content = tabular.to_xlsx(["a"], [[1]], sheet_name="d", licence=licences.CC0)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    licence = {row[0]: row[1] for row in workbook["Licens"].iter_rows(values_only=True)}
    assert licence["Datum"] == datetime.datetime(2027, 1, 1)


@pytest.mark.django_db
def test_every_api_answer_names_its_licence_own_data_and_eu_data(home, client):
    cc0 = f'<{CC0}>; rel="license"'
    eu = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    project = home.records["public_project"].pk
    call = CallFactory(identifier="HORIZON-CL6-2026-01", municipality=None)
    vinnova = CallFactory(identifier="2026-01234", municipality=None, source="vinnova")
    for address, expected in (
        ("/api/v1/", cc0),
        ("/api/v1/projects/", cc0),
        (f"/api/v1/projects/{project}/", cc0),
        ("/api/v1/partners/", cc0),
        ("/api/v1/partnerships/", cc0),
        ("/api/v1/networks/", cc0),
        ("/api/v1/news/", cc0),
        ("/api/v1/documents/", cc0),
        ("/api/v1/municipalities/", cc0),
        ("/api/v1/calls/", eu),  # EU and Vinnova calls: the stricter licence
        ("/api/v1/calls/?source=eu", eu),
        (f"/api/v1/calls/{call.pk}/", eu),
        # Vinnova's open data is CC0 1.0.
        ("/api/v1/calls/?source=vinnova", cc0),
        (f"/api/v1/calls/{vinnova.pk}/", cc0),
    ):
        answer = client.get(address, HTTP_ACCEPT="application/json")
        assert answer.status_code == 200, address
        assert answer["Link"] == expected, address
