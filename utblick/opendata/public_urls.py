"""Public URLs of the opendata app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import public_views

urlpatterns = [
    path(
        "<slug:municipality_slug>/oppna-data/",
        public_views.downloads,
        name="opendata_downloads",
    ),
    path(
        "<slug:municipality_slug>/oppna-data/<slug:dataset>.<slug:fmt>",
        public_views.download,
        name="opendata_download",
    ),
]
