"""Filters and search for the staff lists of the partners app."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import selectors
from .models import NetworkMembership, Organisation, Partnership

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
ALL = _("All")


def _country_choices(codes):
    """The given countries by their names in the active language."""
    return sorted(((code, countries.name(code)) for code in codes if code), key=lambda c: c[1])


class _MunicipalityFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, municipality, **kwargs):
        self.municipality = municipality
        super().__init__(data, queryset, **kwargs)


class OrganisationFilter(_MunicipalityFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name, city or PIC."),
    )
    kind = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Type"), choices=Organisation.Kind.choices
    )
    country = django_filters.ChoiceFilter(empty_label=ALL, label=_("Country"), choices=[])
    review = django_filters.ChoiceFilter(
        empty_label=ALL,
        label=_("Contact persons due for review"),
        choices=YES_NO,
        method="filter_review",
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "review"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = _country_choices(
            selectors.organisation_countries(self.municipality)
        )

    def search(self, queryset, name, value):
        value = value.strip()
        pic = "".join(value.split())
        return queryset.filter(
            Q(name__icontains=value) | Q(city__icontains=value) | Q(pic__icontains=pic)
        )

    def filter_review(self, queryset, name, value):
        return queryset.filter(has_overdue_contacts=value == "yes")


class PartnershipFilter(_MunicipalityFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", help_text=_("Partner."))
    kind = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Kind"), choices=Partnership.Kind.choices
    )
    status = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Status"), choices=Partnership.Status.choices
    )
    country = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Country"), field_name="partner__country", choices=[]
    )
    dormant = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Dormant by activity"), choices=YES_NO, method="filter_dormant"
    )

    class Meta:
        model = Partnership
        fields = ["q", "kind", "status", "country", "dormant"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = _country_choices(
            selectors.partnership_countries(self.municipality)
        )

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(partner__name__icontains=value) | Q(partner__city__icontains=value)
        )

    def filter_dormant(self, queryset, name, value):
        return queryset.filter(dormant_by_activity=value == "yes")


class MembershipFilter(_MunicipalityFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Network name or acronym.")
    )
    current = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Current membership"), choices=YES_NO, method="filter_current"
    )
    public = django_filters.ChoiceFilter(
        empty_label=ALL, label=_("Public"), choices=YES_NO, method="filter_public"
    )

    class Meta:
        model = NetworkMembership
        fields = ["q", "current", "public"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(network__name__icontains=value) | Q(network__acronym__icontains=value)
        )

    def filter_public(self, queryset, name, value):
        return queryset.filter(is_public=value == "yes")

    def filter_current(self, queryset, name, value):
        ended = Q(member_until__lt=timezone.localdate())
        return queryset.exclude(ended) if value == "yes" else queryset.filter(ended)
