"""The open-data downloads and catalogue, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import public_views

urlpatterns = [
    path(
        "<slug:municipality_slug>/oppna-data/",
        public_views.downloads,
        name="opendata_downloads",
    ),
    # Before the downloads: "katalog.ttl" would match <dataset>.<fmt> as well.
    path(
        "<slug:municipality_slug>/oppna-data/katalog.<slug:fmt>",
        public_views.catalogue,
        name="opendata_catalogue",
    ),
    path(
        "<slug:municipality_slug>/oppna-data/<slug:dataset>.<slug:fmt>",
        public_views.download,
        name="opendata_download",
    ),
]
