"""Staff URLs of the strategy app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("strategy/", views.strategy_overview, name="strategy_overview"),
    path("strategy/plans/<int:pk>/", views.action_plan_detail, name="action_plan_detail"),
    path(
        "strategy/plans/<int:pk>/activities/new/",
        views.activity_create,
        name="activity_create",
    ),
    re_path(
        r"^strategy/plans/(?P<pk>\d+)/export\.(?P<fmt>csv|xlsx)$",
        views.action_plan_export,
        name="action_plan_export",
    ),
    path("strategy/plans/<int:pk>/import/", views.action_plan_import, name="action_plan_import"),
    path("strategy/plans/<int:pk>/report/", views.action_plan_report, name="action_plan_report"),
    re_path(
        r"^strategy/plans/(?P<pk>\d+)/report\.(?P<fmt>docx|pdf)$",
        views.action_plan_report_file,
        name="action_plan_report_file",
    ),
    re_path(
        r"^strategy/plans/(?P<pk>\d+)/document\.(?P<fmt>docx|pdf)$",
        views.action_plan_document,
        name="action_plan_document",
    ),
    path("strategy/activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("strategy/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("strategy/activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path(
        "strategy/activities/<int:pk>/entries/new/",
        views.entry_create,
        name="activity_entry_create",
    ),
    path(
        "strategy/activities/<int:pk>/entries/<int:entry_pk>/attachment/",
        views.entry_attachment,
        name="activity_entry_attachment",
    ),
]
