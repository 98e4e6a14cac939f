"""The open data API, /api/v1/: public reads of every active municipality's public records;
staff write projects with their token (``Authorization: Token <key>``)."""

from django.db.models import Q
from rest_framework import mixins, viewsets
from rest_framework.permissions import SAFE_METHODS

from utblick.projects.models import Project
from utblick.tenancy.models import Membership

from . import filters, selectors, serializers
from .catalogue import LicenceHeaderMixin


class MunicipalityViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Municipalities that publish their international work here."""

    serializer_class = serializers.MunicipalitySerializer
    lookup_field = "slug"
    filterset_fields = []

    def get_queryset(self):
        return selectors.municipalities()


class ProjectViewSet(LicenceHeaderMixin, viewsets.ModelViewSet):
    """Public projects. Staff create, change and delete their municipality's projects."""

    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return selectors.projects()
        user = self.request.user
        queryset = Project.objects.select_related("municipality").prefetch_related(
            "other_units", "goals", "tags"
        )
        if not user.is_authenticated:
            return queryset.none()
        if user.is_superuser:
            return queryset.order_by("pk")
        # Another municipality's records are not found (404), as on the web.
        member_of = Membership.objects.filter(user=user).values("municipality")
        return queryset.filter(Q(municipality__in=member_of)).order_by("pk")


class PartnerViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations in public partnerships or public projects."""

    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter

    def get_queryset(self):
        return selectors.partners()


class PartnershipViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Public partnerships (twin towns, friendship towns, cooperation)."""

    serializer_class = serializers.PartnershipSerializer
    filterset_class = filters.PartnershipFilter

    def get_queryset(self):
        return selectors.partnerships()


class NetworkViewSet(
    LicenceHeaderMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Public network memberships."""

    serializer_class = serializers.NetworkMembershipSerializer
    filterset_class = filters.NetworkMembershipFilter

    def get_queryset(self):
        return selectors.memberships()
