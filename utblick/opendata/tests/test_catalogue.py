"""Open data licences and the DCAT-AP-SE catalogue: every dataset, download and API answer
names its licence, and the catalogue has what dataportal.se requires of each class."""

import json

import pytest
from django.urls import reverse
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

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
