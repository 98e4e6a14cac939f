"""The municipality's open data catalogue in DCAT-AP-SE (RDF with rdflib, as Turtle or
JSON-LD), for dataportal.se to harvest; and the licence of each dataset.

Every dataset is the municipality's own published data under CC0 1.0 (the open data law,
2022:818, asks for reuse without conditions); the catalogue lists each dataset with its
distributions (CSV, XLSX, JSON and the API), publisher, contact point, licence, update
frequency and temporal coverage."""

from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from utblick.core import licences

from . import exports

CC0 = licences.CC0.url
# Funding calls are the funders' data: the European Commission's are reusable under
# CC BY 4.0 (Commission Decision 2011/833/EU on the reuse of its documents).
CC_BY_4 = licences.EU_CC_BY_4.url
# The EU's controlled vocabularies that DCAT-AP-SE uses.
EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY_CONTINUOUS = URIRef(EU + "frequency/UPDATE_CONT")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
THEME_GOVERNMENT = URIRef(EU + "data-theme/GOVE")
LANGUAGES = (URIRef(EU + "language/SWE"), URIRef(EU + "language/ENG"))
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON"}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
API_PATHS = {
    "projects": "projects",
    "partners": "partners",
    "partnerships": "partnerships",
    "networks": "networks",
}
# Columns whose dates make up a dataset's temporal coverage.
DATE_COLUMNS = {
    "projects": ("start_date", "end_date"),
    "partners": (),
    "partnerships": ("since", "decision_date"),
    "networks": ("member_since", "member_until", "decision_date"),
}
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FORMATS = {
    "Turtle": ("turtle", "text/turtle; charset=utf-8"),
    "JSON-LD": ("json-ld", "application/ld+json"),
}


def licence_link_header(licence: str = CC0) -> str:
    """The HTTP Link header (RFC 8288) that names the licence of a download or API answer."""
    return f'<{licence}>; rel="license"'


def temporal_coverage(dataset: str, municipality):
    """The first and last date in the dataset's date columns, or None."""
    columns, rows = exports.table(dataset, municipality)
    positions = [columns.index(column) for column in DATE_COLUMNS[dataset]]
    dates = [row[i] for row in rows for i in positions if row[i] not in (None, "")]
    return (min(dates), max(dates)) if dates else None


def schema_org_dataset(request, municipality, name):
    """The dataset as schema.org JSON-LD for its place on the open data page."""
    from utblick.site import jsonld

    spec = exports.DATASETS[name]
    with translation.override("sv"):  # one identifier in both languages, as in the catalogue
        page = reverse("public:opendata_downloads", args=[municipality.slug])
    return jsonld.dataset(
        request,
        municipality,
        url=f"{page}#dataset-{name}",
        name=f"{spec['title']} – {municipality.name}",
        description=f"{spec['title']}: {', '.join(spec['columns'])}.",
        licence=CC0,
        downloads={
            MEDIA_TYPES[fmt]: reverse(
                "public:opendata_download", args=[municipality.slug, name, fmt]
            )
            for fmt in FILE_TYPES
        },
        temporal=temporal_coverage(name, municipality),
    )


def _titles(spec):
    result = []
    for language in ("sv", "en"):
        with translation.override(language):
            result.append(Literal(str(spec["title"]), lang=language))
    return result


def build_graph(request, municipality) -> Graph:
    def absolute(path):
        return URIRef(request.build_absolute_uri(path))

    with translation.override("sv"):
        page = reverse("public:opendata_downloads", args=[municipality.slug])
        home = reverse("public:home", args=[municipality.slug])
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    catalogue = absolute(page + "#catalog")
    publisher = absolute(home + "#org")
    contact = absolute(home + "#contact")

    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(municipality.name, lang="sv")))
    graph.add((publisher, DCTERMS.type, LOCAL_AUTHORITY))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(municipality.name, lang="sv")))
    if municipality.email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{municipality.email}")))
    graph.add((contact, VCARD.hasURL, URIRef(municipality.website or absolute(home))))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add(
        (catalogue, DCTERMS.title, Literal(f"Öppna data från {municipality.name}", lang="sv"))
    )
    graph.add((catalogue, DCTERMS.title, Literal(f"Open data from {municipality.name}", lang="en")))
    graph.add(
        (
            catalogue,
            DCTERMS.description,
            Literal(
                f"Det internationella arbetet i {municipality.name}: projekt, partner, "
                "samarbeten och nätverk.",
                lang="sv",
            ),
        )
    )
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.license, URIRef(CC0)))
    graph.add((catalogue, FOAF.homepage, absolute(page)))
    for language in LANGUAGES:
        graph.add((catalogue, DCTERMS.language, language))

    for name, spec in exports.DATASETS.items():
        dataset = absolute(f"{page}#dataset-{name}")
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        for title in _titles(spec):
            graph.add((dataset, DCTERMS.title, title))
        columns = ", ".join(spec["columns"])
        graph.add(
            (
                dataset,
                DCTERMS.description,
                Literal(f"{municipality.name}: {spec['title']} ({columns}).", lang="sv"),
            )
        )
        graph.add((dataset, DCTERMS.publisher, publisher))
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((dataset, DCAT.theme, THEME_GOVERNMENT))
        graph.add((dataset, DCTERMS.accrualPeriodicity, FREQUENCY_CONTINUOUS))
        graph.add((dataset, DCAT.landingPage, absolute(page)))
        coverage = temporal_coverage(name, municipality)
        if coverage:
            period = BNode()
            graph.add((dataset, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(coverage[0], datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(coverage[1], datatype=XSD.date)))
        for fmt, file_type in FILE_TYPES.items():
            url = absolute(reverse("public:opendata_download", args=[municipality.slug, name, fmt]))
            _distribution(graph, dataset, url, url, file_type, MEDIA_TYPES[fmt], spec)
        api = absolute(f"/api/v1/{API_PATHS[name]}/?municipality={municipality.slug}")
        _distribution(graph, dataset, api, None, "JSON", "application/json", spec, api=True)
    return graph


def _distribution(graph, dataset, access, download, file_type, media_type, spec, api=False):
    distribution = URIRef(str(access) + ("#api" if api else "#file"))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, access))
    if download:
        graph.add((distribution, DCAT.downloadURL, download))
    graph.add((distribution, DCTERMS.license, URIRef(CC0)))
    graph.add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
    graph.add(
        (
            distribution,
            DCAT.mediaType,
            URIRef(f"http://www.iana.org/assignments/media-types/{media_type}"),
        )
    )
    kind = "API" if api else file_type
    for title in _titles(spec):
        graph.add((distribution, DCTERMS.title, Literal(f"{title} ({kind})", lang=title.language)))


class LicenceHeaderMixin:
    """API views: every answer names the licence of its data in a Link header."""

    licence = CC0

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = licence_link_header(self.licence)
        return response
