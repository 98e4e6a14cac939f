"""Staff URLs of the strategy app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path, re_path

from . import manage_views, views

urlpatterns = [
    path("strategy/", views.strategy_overview, name="strategy_overview"),
    path("strategy/new/", manage_views.strategy_create, name="strategy_create"),
    path("strategy/<int:pk>/edit/", manage_views.strategy_edit, name="strategy_edit"),
    path("strategy/<int:pk>/delete/", manage_views.strategy_delete, name="strategy_delete"),
    path(
        "strategy/<int:pk>/focus-areas/new/",
        manage_views.focus_area_create,
        name="focus_area_create",
    ),
    path(
        "strategy/<int:pk>/plans/new/", manage_views.action_plan_create, name="action_plan_create"
    ),
    path(
        "strategy/focus-areas/<int:pk>/edit/",
        manage_views.focus_area_edit,
        name="focus_area_edit",
    ),
    path(
        "strategy/focus-areas/<int:pk>/delete/",
        manage_views.focus_area_delete,
        name="focus_area_delete",
    ),
    path(
        "strategy/focus-areas/<int:pk>/directions/new/",
        manage_views.direction_create,
        name="direction_create",
    ),
    path("strategy/directions/<int:pk>/edit/", manage_views.direction_edit, name="direction_edit"),
    path(
        "strategy/directions/<int:pk>/delete/",
        manage_views.direction_delete,
        name="direction_delete",
    ),
    path("strategy/plans/<int:pk>/edit/", manage_views.action_plan_edit, name="action_plan_edit"),
    path(
        "strategy/plans/<int:pk>/delete/",
        manage_views.action_plan_delete,
        name="action_plan_delete",
    ),
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
