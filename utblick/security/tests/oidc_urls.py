"""The site's URLs as they are with OIDC_ENABLED=true (settings decide them at start-up)."""

from django.urls import include, path

from utblick.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]
