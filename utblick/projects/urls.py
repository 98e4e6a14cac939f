from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path(
        "projects/<int:pk>/documents/new/",
        views.document_upload,
        name="project_document_upload",
    ),
    path(
        "projects/<int:pk>/documents/<int:document_pk>/",
        views.document_download,
        name="project_document_download",
    ),
    path(
        "projects/<int:pk>/documents/<int:document_pk>/delete/",
        views.document_delete,
        name="project_document_delete",
    ),
    path("projects/<int:pk>/reports/new/", views.report_create, name="project_report_create"),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/edit/",
        views.report_edit,
        name="project_report_edit",
    ),
    path(
        "projects/<int:pk>/reports/<int:report_pk>/delete/",
        views.report_delete,
        name="project_report_delete",
    ),
]
