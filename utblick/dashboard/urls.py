"""Staff URLs of the start page, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
