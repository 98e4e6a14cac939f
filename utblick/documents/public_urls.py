"""Public URLs of the documents app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import public_views

urlpatterns = [
    path(
        "<slug:municipality_slug>/styrdokument/",
        public_views.document_list,
        name="governing_documents",
    ),
    path(
        "<slug:municipality_slug>/styrdokument/<int:pk>/",
        public_views.document_detail,
        name="governing_document",
    ),
    path(
        "<slug:municipality_slug>/styrdokument/<int:pk>/filer/<int:file_pk>/",
        public_views.document_file,
        name="governing_document_file",
    ),
]
