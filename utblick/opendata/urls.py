"""Staff URLs of the opendata app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("opendata/", views.partner_search, name="opendata_search"),
    path(
        "opendata/organisations/<int:pk>/",
        views.organisation_detail,
        name="opendata_organisation",
    ),
    path(
        "opendata/organisations/<int:pk>/correction/",
        views.correction_propose,
        name="opendata_correction_propose",
    ),
    path("opendata/corrections/", views.correction_list, name="opendata_corrections"),
    path("opendata/import/", views.import_file, name="opendata_import"),
    path("opendata/links/", views.link_list, name="opendata_links"),
    path("opendata/links/match/", views.match_partners, name="opendata_match"),
    path("opendata/links/<int:pk>/", views.link_decide, name="opendata_link_decide"),
    path("opendata/twin-towns/", views.twin_towns, name="opendata_twintowns"),
    path("opendata/due-diligence/", views.duediligence_list, name="duediligence_list"),
    path("opendata/due-diligence/new/", views.duediligence_create, name="duediligence_create"),
    path("opendata/due-diligence/<int:pk>/", views.duediligence_detail, name="duediligence_detail"),
    path(
        "opendata/due-diligence/<int:pk>/edit/",
        views.duediligence_edit,
        name="duediligence_edit",
    ),
]
