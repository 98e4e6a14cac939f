"""Staff URLs of the API, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from .staff_views import api_token

urlpatterns = [path("opendata/api-token/", api_token, name="api_token")]
