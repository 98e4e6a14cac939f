"""Public URLs of the funding app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<slug:municipality_slug>/kalender/<str:token>.ics",
        views.feed,
        name="funding_feed",
    ),
]
