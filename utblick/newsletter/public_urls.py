"""Public URLs of the newsletter app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import public_views as views

urlpatterns = [
    path("<slug:municipality_slug>/nyhetsbrev/", views.subscribe, name="newsletter_subscribe"),
    path(
        "<slug:municipality_slug>/nyhetsbrev/skickat/",
        views.subscribe_sent,
        name="newsletter_subscribe_sent",
    ),
    path(
        "<slug:municipality_slug>/nyhetsbrev/bekrafta/<str:token>/",
        views.confirm,
        name="newsletter_confirm",
    ),
    path(
        "<slug:municipality_slug>/nyhetsbrev/prenumeration/<str:key>/",
        views.manage,
        name="newsletter_manage",
    ),
    path(
        "<slug:municipality_slug>/nyhetsbrev/avsluta/<str:key>/<int:list_pk>/",
        views.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("<slug:municipality_slug>/nyhetsbrev/arkiv/", views.archive, name="newsletter_archive"),
    path(
        "<slug:municipality_slug>/nyhetsbrev/arkiv/<int:pk>/",
        views.archive_issue,
        name="newsletter_archive_issue",
    ),
]
