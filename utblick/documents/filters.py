"""Filters of the staff list of governing documents."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import DocumentType, GoverningDocument


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Title or registration number.")
    )
    doc_type = django_filters.ChoiceFilter(
        label=_("Document type"), choices=DocumentType.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=GoverningDocument.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = GoverningDocument
        fields = ["q", "doc_type", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title_sv__icontains=value)
            | Q(title_en__icontains=value)
            | Q(registration_number__icontains=value)
        )
