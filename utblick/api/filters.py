import django_filters

from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects.models import Project


class MunicipalityFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipality__slug", help_text="The municipality's slug, e.g. trollhattan."
    )


class ProjectFilter(MunicipalityFilterSet):
    programme = django_filters.CharFilter(field_name="programme__name", lookup_expr="icontains")
    start_year = django_filters.NumberFilter(
        field_name="start_date", lookup_expr="year", min_value=1900, max_value=2100
    )

    class Meta:
        model = Project
        fields = ["municipality", "status", "role", "programme", "start_year"]


class PartnerFilter(MunicipalityFilterSet):
    class Meta:
        model = Organisation
        fields = ["municipality", "kind", "country"]


class PartnershipFilter(MunicipalityFilterSet):
    class Meta:
        model = Partnership
        fields = ["municipality", "kind", "status"]


class NetworkMembershipFilter(MunicipalityFilterSet):
    class Meta:
        model = NetworkMembership
        fields = ["municipality"]
