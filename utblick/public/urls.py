"""The public site: /<municipality-slug>/… in Swedish, /en/<municipality-slug>/… in English.

The paths are Swedish in both languages, so that an address stays the same apart from the
language prefix.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:municipality_slug>/", views.home, name="home"),
    path("<slug:municipality_slug>/partner/", views.partners, name="partners"),
    path("<slug:municipality_slug>/natverk/", views.networks, name="networks"),
    path("<slug:municipality_slug>/projekt/", views.projects_ongoing, name="projects_ongoing"),
    path(
        "<slug:municipality_slug>/projekt/avslutade/",
        views.projects_completed,
        name="projects_completed",
    ),
    path(
        "<slug:municipality_slug>/projekt/<int:pk>/",
        views.project_detail,
        name="project_detail",
    ),
    path(
        "<slug:municipality_slug>/projekt/<int:project_pk>/dokument/<int:pk>/",
        views.document_download,
        name="document_download",
    ),
    path("<slug:municipality_slug>/kontakt/", views.contact, name="contact"),
    path(
        "<slug:municipality_slug>/tillganglighet/",
        views.accessibility,
        name="accessibility",
    ),
]
