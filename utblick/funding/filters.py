"""Filters and search of the staff call list."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utblick.projects.models import FunderProgramme
from utblick.tenancy import permissions

from .models import Call, CallDeadline, CallMark, ProgrammeRule, Watch
from .parsers import BRUSSELS


class CallFilter(django_filters.FilterSet):
    WATCHED = [
        ("me", _("On my watch list")),
        ("unit", _("On my unit's watch list")),
        ("any", _("Watched by anyone here")),
    ]
    MATCHED = [
        ("relevant", _("Marked relevant for one of our needs")),
        ("assessed", _("Assessed for one of our needs")),
    ]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Identifier, title, keywords or programme."),
    )
    # The status as of today (a call whose deadlines have passed is closed).
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        label=_("Status"),
        choices=Call.Status.choices,
        empty_label=_("All"),
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=FunderProgramme.objects.all(), empty_label=_("All")
    )
    deadline_from = django_filters.DateFilter(
        label=_("Deadline from"),
        method="filter_deadline_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deadline_to = django_filters.DateFilter(
        label=_("Deadline until"),
        method="filter_deadline_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    matched = django_filters.ChoiceFilter(
        label=_("Matched to our needs"),
        choices=MATCHED,
        method="filter_matched",
        empty_label=_("All"),
    )
    watched = django_filters.ChoiceFilter(
        label=_("Watch list"), choices=WATCHED, method="filter_watched", empty_label=_("All")
    )

    class Meta:
        model = Call
        fields = []

    def __init__(self, data=None, *args, municipality, user, **kwargs):
        if data is not None and data.get("watched") == "1":
            # Older links said watched=1 for "my watch list".
            data = data.copy()
            data["watched"] = "me"
        super().__init__(data, *args, **kwargs)
        self.municipality = municipality
        self.user = user

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(identifier__icontains=value)
            | Q(title__icontains=value)
            | Q(keywords__icontains=value)
            | Q(programme_name__icontains=value)
        )

    def _deadlines(self, **lookup):
        return CallDeadline.objects.filter(**lookup).values("call_id")

    def filter_deadline_from(self, queryset, name, value):
        start = datetime.datetime.combine(value, datetime.time.min, tzinfo=BRUSSELS)
        return queryset.filter(pk__in=self._deadlines(due__gte=start))

    def filter_deadline_to(self, queryset, name, value):
        end = datetime.datetime.combine(
            value + datetime.timedelta(days=1), datetime.time.min, tzinfo=BRUSSELS
        )
        return queryset.filter(pk__in=self._deadlines(due__lt=end))

    def filter_matched(self, queryset, name, value):
        marks = CallMark.objects.filter(need__municipality=self.municipality)
        if value == "relevant":
            marks = marks.filter(relevant=True)
        return queryset.filter(pk__in=marks.values("call_id"))

    def filter_watched(self, queryset, name, value):
        watches = Watch.objects.filter(municipality=self.municipality)
        if value == "me":
            watches = watches.filter(user=self.user)
        elif value == "unit":
            unit = permissions.unit_of(self.user, self.municipality)
            if unit is None:
                return queryset.none()
            watches = watches.filter(unit=unit)
        return queryset.filter(pk__in=watches.values("call_id"))


class ProgrammeRuleFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=FunderProgramme.objects.filter(rules__isnull=False).distinct().order_by("name"),
        empty_label=_("All"),
    )
    period = django_filters.CharFilter(label=_("Programme period"), lookup_expr="icontains")

    class Meta:
        model = ProgrammeRule
        fields = []
