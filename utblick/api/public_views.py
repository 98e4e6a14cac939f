"""The public open-data page of a municipality: downloads, the data dictionary and the
DCAT-AP-SE catalogue."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.site.pages import public_view, render_page

from . import catalogue as dcat
from . import exports


@public_view
def downloads(request, municipality):
    datasets = [
        {"name": name, "title": spec["title"], "columns": spec["columns"].items()}
        for name, spec in exports.DATASETS.items()
    ]
    return render_page(
        request,
        "public/opendata/downloads.html",
        municipality,
        {
            "datasets": datasets,
            "formats": list(exports.FORMATS),
            "title": _("Open data"),
            "licence_url": dcat.CC0,
        },
        section="opendata",
        crumb=_("Open data"),
        nodes=[dcat.schema_org_dataset(request, municipality, name) for name in exports.DATASETS],
    )


@public_view
def download(request, municipality, dataset, fmt):
    if dataset not in exports.DATASETS or fmt not in exports.FORMATS:
        raise Http404
    with translation.override("sv"):
        page = reverse("public:opendata_downloads", args=[municipality.slug])
    return exports.response(dataset, fmt, municipality, source=request.build_absolute_uri(page))


CATALOGUE_FORMATS = {"ttl": "Turtle", "jsonld": "JSON-LD"}


@public_view
def catalogue(request, municipality, fmt):
    """The DCAT-AP-SE catalogue of the municipality's datasets, for dataportal.se."""
    if fmt not in CATALOGUE_FORMATS:
        raise Http404
    rdf_format, content_type = dcat.FORMATS[CATALOGUE_FORMATS[fmt]]
    body = dcat.build_graph(request, municipality).serialize(format=rdf_format)
    response = HttpResponse(body, content_type=content_type)
    response["Link"] = dcat.licence_link_header()
    return response
