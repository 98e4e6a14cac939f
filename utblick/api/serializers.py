"""API representations. Read fields are the public ones; staff may write projects, which
``utblick.projects.services.save_project`` saves under the same rules as the staff form."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects import services as project_services
from utblick.projects.models import Project
from utblick.tenancy import permissions
from utblick.tenancy.models import Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "slug", "name", "short_name", "website"]


class ProjectSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="slug", queryset=Municipality.objects.filter(is_active=True)
    )
    programme = serializers.StringRelatedField(read_only=True, allow_null=True)
    goals = serializers.SerializerMethodField(help_text="Agenda 2030 goal numbers.")
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    title_sv = serializers.CharField(max_length=300)
    # The translated fields are empty (null) until someone writes them.
    title_en = serializers.CharField(
        max_length=300, required=False, allow_blank=True, allow_null=True
    )
    summary_sv = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    summary_en = serializers.CharField(required=False, allow_blank=True, allow_null=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "municipality",
            "title_sv",
            "title_en",
            "acronym",
            "summary_sv",
            "summary_en",
            "role",
            "status",
            "programme",
            "call_identifier",
            "start_date",
            "end_date",
            "currency",
            "exchange_rate",
            "budget_total",
            "grant",
            "goals",
            "tags",
            "is_public",
        ]
        read_only_fields = ["acronym"]

    def get_goals(self, project) -> list[int]:
        return [goal.number for goal in project.goals.all()]

    def validate(self, attrs):
        if self.instance is None:
            municipality = attrs["municipality"]
            if not permissions.allows(
                self.context["request"].user, permissions.CREATE, municipality
            ):
                raise serializers.ValidationError(
                    {"municipality": _("You may not create projects in this municipality.")}
                )
        return attrs

    def create(self, validated_data):
        return self._save(None, validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, project, data):
        """The service decides (rules, unit, timeline); its refusals answer 400, keyed by
        field with the form's messages."""
        municipality = data.pop("municipality", None) or project.municipality
        try:
            return project_services.save_project(
                municipality=municipality,
                user=self.context["request"].user,
                project=project,
                **data,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


class PartnerSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "municipality", "name", "kind", "country", "city", "website", "pic"]


class PartnershipSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    partner_country = serializers.CharField(source="partner.country.code", read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "municipality",
            "partner",
            "partner_name",
            "partner_country",
            "kind",
            "status",
            "since",
            "decision_body",
            "decision_date",
            "decision_reference",
        ]


class NetworkMembershipSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    network = serializers.CharField(source="network.name", read_only=True)
    acronym = serializers.CharField(source="network.acronym", read_only=True)
    website = serializers.CharField(source="network.website", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = [
            "id",
            "municipality",
            "network",
            "acronym",
            "website",
            "member_since",
            "member_until",
            "decision_date",
        ]
