"""/api/v1/: the open data API and its OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import others, views

app_name = "api"
router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("calls", others.CallViewSet, basename="call")
router.register("news", others.NewsViewSet, basename="news")
router.register("documents", others.DocumentViewSet, basename="document")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
