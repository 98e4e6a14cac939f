"""Read endpoints for apps built beside this one: funding calls, news and governing
documents (their public records only)."""

import django_filters
from django.utils import timezone
from rest_framework import serializers, viewsets

from utblick.documents.models import GoverningDocument
from utblick.funding.models import Call
from utblick.news.models import NewsItem

from .catalogue import CC0, CC_BY_4, LicenceHeaderMixin

# Each source's licence: the European Commission's CC BY 4.0, Vinnova's open data CC0 1.0.
# A list that may mix sources names the stricter one.
CALL_LICENCES = {Call.Source.EU: CC_BY_4, Call.Source.VINNOVA: CC0}


class CallSerializer(serializers.ModelSerializer):
    programme = serializers.StringRelatedField(read_only=True, allow_null=True)
    deadlines = serializers.SerializerMethodField()
    # The status as of now: a call whose deadlines have all passed is closed.
    status = serializers.ChoiceField(
        source="current_status", choices=Call.Status.choices, read_only=True
    )
    # Declared, so that the schema does not depend on the database's integer range.
    expected_grants = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "identifier",
            "call_identifier",
            "source",
            "title",
            "programme",
            "programme_name",
            "action_type",
            "status",
            "opening_date",
            "deadline_model",
            "deadlines",
            "budget_min",
            "budget_max",
            "currency",
            "expected_grants",
            "url",
        ]

    def get_deadlines(self, call) -> list[str]:
        return [deadline.due.isoformat() for deadline in call.deadlines.all()]


class CallFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(field_name="current_status", choices=Call.Status.choices)

    class Meta:
        model = Call
        fields = ["status", "source"]


class CallViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Funding calls shared by all municipalities (imported from the funders)."""

    licence = CC_BY_4

    serializer_class = CallSerializer
    filterset_class = CallFilter

    def list(self, request, *args, **kwargs):
        self.licence = CALL_LICENCES.get(request.query_params.get("source"), CC_BY_4)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        call = super().get_object()
        self.licence = CALL_LICENCES.get(call.source, CC_BY_4)
        return call

    def get_queryset(self):
        return (
            Call.objects.filter(municipality__isnull=True)
            .with_schedule()
            .by_next_deadline()
            .select_related("programme")
            .prefetch_related("deadlines")
        )


class NewsSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "municipality",
            "title_sv",
            "title_en",
            "lead_sv",
            "lead_en",
            "category",
            "publish_at",
        ]


class NewsFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__slug")

    class Meta:
        model = NewsItem
        fields = ["municipality", "category"]


class NewsViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Public, published news."""

    serializer_class = NewsSerializer
    filterset_class = NewsFilter

    def get_queryset(self):
        return (
            NewsItem.objects.public(timezone.now())
            .filter(municipality__is_active=True)
            .select_related("municipality")
            .order_by("-publish_at", "pk")
        )


class DocumentSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = GoverningDocument
        fields = [
            "id",
            "municipality",
            "doc_type",
            "title_sv",
            "title_en",
            "designation",
            "registration_number",
            "adopted_on",
            "valid_from",
            "valid_to",
        ]


class DocumentFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__slug")

    class Meta:
        model = GoverningDocument
        fields = ["municipality", "doc_type"]


class DocumentViewSet(LicenceHeaderMixin, viewsets.ReadOnlyModelViewSet):
    """Adopted, public governing documents (strategies, policies, action plans)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        return (
            GoverningDocument.objects.filter(
                status=GoverningDocument.Status.ADOPTED,
                is_public=True,
                municipality__is_active=True,
            )
            .select_related("municipality")
            .order_by("pk")
        )
