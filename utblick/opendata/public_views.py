"""The public open-data page of a municipality: downloads and the data dictionary."""

from django.http import Http404
from django.utils.translation import gettext as _

from utblick.api import exports
from utblick.site.pages import public_view, render_page


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
        {"datasets": datasets, "formats": list(exports.FORMATS), "title": _("Open data")},
        section="opendata",
    )


@public_view
def download(request, municipality, dataset, fmt):
    if dataset not in exports.DATASETS or fmt not in exports.FORMATS:
        raise Http404
    return exports.response(dataset, fmt, municipality)
