"""Public data of all active municipalities, for the API and the downloads.

Only records a municipality has marked public; partners are organisations that appear in a
public partnership or a public project of their municipality.
"""

from django.db.models import Exists, OuterRef

from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects.models import Project, ProjectPartner
from utblick.tenancy.models import Municipality


def municipalities():
    return Municipality.objects.filter(is_active=True).order_by("name")


def projects(municipality=None):
    queryset = Project.objects.filter(is_public=True, municipality__is_active=True)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return (
        queryset.select_related("municipality", "programme")
        .prefetch_related("goals", "tags")
        .order_by("pk")
    )


def partners(municipality=None):
    """Organisations in a public partnership or a public project of their municipality."""
    public_partnership = Partnership.objects.filter(
        is_public=True, partner=OuterRef("pk"), municipality=OuterRef("municipality")
    )
    public_project = ProjectPartner.objects.filter(
        organisation=OuterRef("pk"),
        project__is_public=True,
        project__municipality=OuterRef("municipality"),
    )
    queryset = Organisation.objects.filter(municipality__is_active=True).filter(
        Exists(public_partnership) | Exists(public_project)
    )
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset.select_related("municipality").order_by("pk")


def partnerships(municipality=None):
    queryset = Partnership.objects.filter(is_public=True, municipality__is_active=True)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset.select_related("municipality", "partner").order_by("pk")


def memberships(municipality=None):
    queryset = NetworkMembership.objects.filter(is_public=True, municipality__is_active=True)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset.select_related("municipality", "network").order_by("pk")


def project_partners(project_ids):
    return ProjectPartner.objects.filter(project_id__in=project_ids).select_related("organisation")
