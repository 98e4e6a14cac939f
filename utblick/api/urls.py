"""/api/v1/: the open data API and its OpenAPI schema."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.routers import APIRootView, DefaultRouter

from . import others, views
from .catalogue import LicenceHeaderMixin


class LicensedRootView(LicenceHeaderMixin, APIRootView):
    """The API's root answers with the licence header too (its list is of CC0 data)."""


class EnglishSchemaView(SpectacularAPIView):
    """The served schema is the committed one: generated in English whatever the request's
    language (model and choice labels are translated). Its generator settings live in
    schema.py (imported by DRF's settings, hence not from here)."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        return response


@csrf_exempt
def not_found(request, path):
    """Any other address under /api/v1/ (e.g. an id with a dot) answers JSON, as the API's
    own 404s do, not the site's HTML page (and not a CSRF page for writes: the API
    authenticates by token, not by cookie)."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)


app_name = "api"
router = DefaultRouter()
router.APIRootView = LicensedRootView
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("calls", others.CallViewSet, basename="call")
router.register("news", others.NewsViewSet, basename="news")
router.register("documents", others.DocumentViewSet, basename="document")

urlpatterns = [
    path("schema/", EnglishSchemaView.as_view(), name="schema"),
    *router.urls,
    re_path(r"^(?P<path>.*)$", not_found),
]
