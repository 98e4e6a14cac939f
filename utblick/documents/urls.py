"""Staff URLs of the documents app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/settings/", views.document_settings, name="document_settings"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/files/new/", views.document_file_upload, name="document_file_upload"),
    path(
        "documents/<int:pk>/files/<int:file_pk>/",
        views.document_file_download,
        name="document_file_download",
    ),
    path(
        "documents/<int:pk>/files/<int:file_pk>/delete/",
        views.document_file_delete,
        name="document_file_delete",
    ),
]
