"""Public URLs of the strategy app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("<slug:municipality_slug>/strategi/", public_views.strategy, name="strategy"),
]
