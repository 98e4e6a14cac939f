"""Staff URLs of the funding app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("funding/calls/", views.call_list, name="call_list"),
    path("funding/calls/new/", views.call_create, name="call_create"),
    path("funding/calls/import/", views.call_import, name="call_import"),
    path("funding/calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("funding/calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("funding/calls/<int:pk>/watch/", views.call_watch, name="call_watch"),
    path("funding/needs/", views.need_list, name="need_list"),
    path("funding/needs/new/", views.need_create, name="need_create"),
    path("funding/needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("funding/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("funding/needs/<int:pk>/calls/<int:call_pk>/mark/", views.need_mark, name="need_mark"),
    path("funding/consortium-check/", views.consortium_check, name="consortium_check"),
    path("funding/rules/", views.programme_rule_list, name="programme_rule_list"),
    path("funding/rules/new/", views.programme_rule_create, name="programme_rule_create"),
    path("funding/rules/<int:pk>/", views.programme_rule_detail, name="programme_rule_detail"),
    path("funding/rules/<int:pk>/edit/", views.programme_rule_edit, name="programme_rule_edit"),
    path(
        "funding/rules/<int:pk>/delete/", views.programme_rule_delete, name="programme_rule_delete"
    ),
    path("funding/calendar/", views.calendar, name="funding_calendar"),
]
