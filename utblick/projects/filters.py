"""Filters and search of the staff project list."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utblick.tenancy.models import Unit

from . import selectors
from .models import FunderProgramme, Project, SustainableDevelopmentGoal


class ProjectFilter(django_filters.FilterSet):
    PHASES = [("ongoing", _("Ongoing")), ("completed", _("Completed"))]
    VISIBILITY = [("public", _("Public")), ("internal", _("Internal"))]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Title, acronym or call identifier."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("All")
    )
    phase = django_filters.ChoiceFilter(
        label=_("Ongoing or completed"), choices=PHASES, method="filter_phase", empty_label=_("All")
    )
    role = django_filters.ChoiceFilter(
        label=_("Our role"), choices=Project.Role.choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=FunderProgramme.objects.all(), empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), method="filter_unit", empty_label=_("All")
    )
    year = django_filters.NumberFilter(
        label=_("Running in year"),
        method="filter_year",
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}),
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Public or internal"),
        choices=VISIBILITY,
        method="filter_visibility",
        empty_label=_("All"),
    )
    goal = django_filters.ModelChoiceFilter(
        label=_("Agenda 2030 goal"),
        field_name="goals",
        queryset=SustainableDevelopmentGoal.objects.all(),
        empty_label=_("All"),
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), field_name="tags", queryset=None, empty_label=_("All")
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, data=None, *args, municipality, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(municipality=municipality)
        self.filters["tag"].queryset = selectors.tags_in_use(municipality)

    def search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_phase(self, queryset, name, value):
        return queryset.ongoing() if value == "ongoing" else queryset.completed()

    def filter_unit(self, queryset, name, value):
        # A project belongs to its lead unit and to its other units.
        matching = Project.objects.filter(Q(unit=value) | Q(other_units=value)).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )

    def filter_visibility(self, queryset, name, value):
        return queryset.filter(is_public=value == "public")
