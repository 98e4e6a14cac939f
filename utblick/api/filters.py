import django_filters
from drf_spectacular.utils import extend_schema_field

from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects.models import Project


class MunicipalityFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipality__slug", help_text="The municipality's slug, e.g. trollhattan."
    )


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    """A year from 1900 to 2100, bounds that the schema states as well."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1900, max_value=2100, **kwargs)


class ProjectFilter(MunicipalityFilterSet):
    programme = django_filters.CharFilter(field_name="programme__name", lookup_expr="icontains")
    start_year = YearFilter(field_name="start_date", lookup_expr="year")

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
