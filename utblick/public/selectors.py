"""Reads for the public site: only public records of active municipalities.

Every query here is scoped to one municipality and to what that municipality has marked
public (``is_public=True``). Internal records never leave this module.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db.models import Count, F, Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects.models import Project, ProjectDocument, ProjectPartner
from utblick.site.selectors import as_date
from utblick.tenancy.models import Municipality

PROJECT_PAGE_SIZE = 20
LATEST_PROJECTS = 4


# Projects ------------------------------------------------------------------------------


def public_projects(municipality):
    return Project.objects.filter(municipality=municipality, is_public=True)


def ongoing_projects(municipality, today=None):
    return (
        public_projects(municipality)
        .ongoing(today)
        .select_related("programme")
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
    )


def completed_projects(municipality, today=None):
    return (
        public_projects(municipality)
        .completed(today)
        .select_related("programme")
        .order_by(F("end_date").desc(nulls_last=True), "-pk")
    )


def latest_projects(municipality, today=None, limit=LATEST_PROJECTS):
    """The most recently started public projects that the site lists (ongoing or completed)."""
    projects = public_projects(municipality)
    listed = (projects.ongoing(today) | projects.completed(today)).select_related("programme")
    return list(listed.order_by(F("start_date").desc(nulls_last=True), "-pk")[:limit])


def listed_in(project, today=None) -> str:
    """The list that shows the project: "ongoing", "completed" or "" (neither).

    Decided by ``ProjectQuerySet.ongoing`` and ``completed``, like the lists themselves.
    """
    projects = Project.objects.filter(pk=project.pk)
    if projects.ongoing(today).exists():
        return "ongoing"
    if projects.completed(today).exists():
        return "completed"
    return ""


def project_or_404(municipality, pk):
    """A public project with everything its page shows; an internal project is not found."""
    queryset = public_projects(municipality).select_related("programme")
    queryset = queryset.prefetch_related(
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.filter(organisation__municipality=municipality)
            .select_related("organisation")
            .order_by("organisation__name", "pk"),
            to_attr="public_partners",
        ),
        "goals",
        "links",
        Prefetch(
            "documents",
            queryset=ProjectDocument.objects.filter(is_public=True).order_by("title", "pk"),
            to_attr="public_documents",
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def document_or_404(municipality, project_pk, pk):
    """A public document of a public project of this municipality, else not found."""
    return get_object_or_404(
        ProjectDocument,
        pk=pk,
        is_public=True,
        project_id=project_pk,
        project__is_public=True,
        project__municipality=municipality,
    )


# Partners and networks -----------------------------------------------------------------


def public_partnerships(municipality):
    """Public partnerships that have not ended, with their partner organisation."""
    return (
        Partnership.objects.filter(
            municipality=municipality, is_public=True, partner__municipality=municipality
        )
        .exclude(status=Partnership.Status.ENDED)
        .select_related("partner")
        .order_by("partner__name", "pk")
    )


def twin_towns(municipality):
    return public_partnerships(municipality).filter(kind=Partnership.Kind.TWIN_TOWN)


def project_partner_organisations(municipality):
    """Organisations that take part in the municipality's public projects, with those projects.

    Each organisation gets ``public_roles``: its roles in public projects, with the project.
    """
    in_public_projects = Q(project__is_public=True, project__municipality=municipality)
    roles = (
        ProjectPartner.objects.filter(in_public_projects)
        .select_related("project")
        .order_by("project__start_date", "project_id")
    )
    return (
        Organisation.objects.filter(
            municipality=municipality,
            project_roles__project__is_public=True,
            project_roles__project__municipality=municipality,
        )
        .distinct()
        .order_by("name", "pk")
        .prefetch_related(Prefetch("project_roles", queryset=roles, to_attr="public_roles"))
    )


def public_memberships(municipality, today=None):
    """Public network memberships that are current, with their network."""
    today = today or timezone.localdate()
    return (
        NetworkMembership.objects.filter(municipality=municipality, is_public=True)
        .filter(Q(member_until__isnull=True) | Q(member_until__gte=today))
        .select_related("network")
        .order_by("network__name", "pk")
    )


def group_by_country(items, country_of):
    """Group records by country, groups sorted by the country's name in the active language.

    Returns ``[{"code": "DE", "name": "Tyskland", "items": [...]}, ...]``.
    """
    groups = {}
    for item in items:
        country = country_of(item)
        group = groups.setdefault(
            country.code, {"code": country.code, "name": str(country.name), "items": []}
        )
        group["items"].append(item)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return sorted(groups.values(), key=lambda group: name_sort_key(group["name"], language))


# In Swedish, å, ä and ö (and æ, ø) are letters of their own after z.
_SWEDISH_LAST = {"å": "z\u0001", "ä": "z\u0002", "æ": "z\u0002", "ö": "z\u0003", "ø": "z\u0003"}


def name_sort_key(name: str, language: str = "sv") -> str:
    """Sort key for names: accents sort with their base letter, except Swedish å, ä, ö."""
    text = name.casefold()
    if language.startswith("sv"):
        text = "".join(_SWEDISH_LAST.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Start page ----------------------------------------------------------------------------


def key_figures(municipality, today=None) -> dict:
    """Counts of public records for the start page (a fixed number of queries)."""
    partnership_counts = public_partnerships(municipality).aggregate(
        partnerships=Count("pk"),
        twin_towns=Count("pk", filter=Q(kind=Partnership.Kind.TWIN_TOWN)),
        countries=Count("partner__country", distinct=True),
    )
    return {
        "ongoing": public_projects(municipality).ongoing(today).count(),
        "completed": public_projects(municipality).completed(today).count(),
        "networks": public_memberships(municipality, today).count(),
        **partnership_counts,
    }


# "Last reviewed" -----------------------------------------------------------------------


def municipalities_changed_on(municipalities):
    """The latest change of any of these municipalities (for the page that lists them)."""
    ids = [municipality.pk for municipality in municipalities]
    if not ids:
        return None
    latest = Municipality.history.filter(id__in=ids).aggregate(latest=Max("history_date"))
    return as_date(latest["latest"])


# Fields whose change changes the accessibility statement.
STATEMENT_FIELDS = (
    "name",
    "email",
    "accessibility_contact_email",
    "accessibility_assessed_on",
    "accessibility_known_issues_sv",
    "accessibility_known_issues_en",
)


def statement_updated_on(municipality):
    """When the accessibility statement last changed: the assessment or its texts."""
    versions = list(
        municipality.history.order_by("-history_date", "-history_id").values_list(
            "history_date", *STATEMENT_FIELDS
        )
    )
    changed = None
    for newer, older in zip(versions, versions[1:] + [None], strict=True):
        if older is None or newer[1:] != older[1:]:
            changed = as_date(newer[0])
            break
    dates = [date for date in (changed, municipality.accessibility_assessed_on) if date]
    return max(dates) if dates else None
