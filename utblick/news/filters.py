"""Filters and search of the staff news list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


class NewsFilter(django_filters.FilterSet):
    VISIBILITY = [("public", _("Public")), ("internal", _("Internal"))]

    q = django_filters.CharFilter(label=_("Search"), method="search", help_text=_("Title or lead."))
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=NewsItem.Category.choices, empty_label=_("All")
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Public or internal"),
        choices=VISIBILITY,
        method="filter_visibility",
        empty_label=_("All"),
    )

    class Meta:
        model = NewsItem
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title_sv__icontains=value)
            | Q(title_en__icontains=value)
            | Q(lead_sv__icontains=value)
            | Q(lead_en__icontains=value)
        )

    def filter_visibility(self, queryset, name, value):
        return queryset.filter(is_public=value == "public")
