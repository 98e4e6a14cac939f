"""Reads of projects, for the views of this and other apps."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import (
    Project,
    ProjectDocument,
    ProjectPartner,
    ProjectReport,
    ProjectStatusChange,
    Tag,
)


def projects_of(municipality):
    return Project.objects.filter(municipality=municipality)


def status_counts(municipality) -> list[dict]:
    """Projects per status, in the order of the status list, with labels."""
    counts = dict(
        projects_of(municipality).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Project.Status.choices
    ]


def project_list(municipality):
    """The municipality's projects with everything the staff list shows (no per-row queries)."""
    return projects_of(municipality).select_related("programme", "unit")


# The fields the staff search looks in.
SEARCH_FIELDS = ("title_sv", "title_en", "acronym_sv", "acronym_en", "call_identifier")


def search(queryset, text: str):
    """Projects with ``text`` in a title, an acronym or the call identifier, as a part of it
    ("klimat" finds "Stadsklimat" too: Swedish compounds), case-insensitively."""
    text = text.strip()
    if not text:
        return queryset
    matches = Q()
    for field in SEARCH_FIELDS:
        matches |= Q(**{f"{field}__icontains": text})
    return queryset.filter(matches)


def tags_in_use(municipality):
    """Tags used by at least one of the municipality's projects, for the list filter."""
    return Tag.objects.filter(projects__municipality=municipality).distinct().order_by("name")


def project_detail(municipality, pk) -> Project:
    """One project of the municipality with its partners, goals, tags, links, documents and
    status timeline prefetched: a constant number of queries however many partners it has."""
    queryset = projects_of(municipality).select_related("municipality", "programme", "unit")
    queryset = queryset.prefetch_related(
        "other_units",
        "goals",
        "tags",
        "links",
        "documents",
        "reports",
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.select_related("organisation").order_by(
                "organisation__name", "pk"
            ),
        ),
        Prefetch(
            "status_changes",
            queryset=ProjectStatusChange.objects.select_related("changed_by").order_by(
                "date", "pk"
            ),
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def project_for_change(municipality, pk) -> Project:
    """A project of the municipality with the units it belongs to (for the permission check)."""
    queryset = projects_of(municipality).select_related("municipality")
    return get_object_or_404(queryset.prefetch_related("other_units"), pk=pk)


def document_of(municipality, project_pk, pk) -> ProjectDocument:
    return get_object_or_404(
        ProjectDocument.objects.select_related("project__municipality").prefetch_related(
            "project__other_units"
        ),
        project__municipality=municipality,
        project_id=project_pk,
        pk=pk,
    )


def report_of(municipality, project_pk, pk) -> ProjectReport:
    return get_object_or_404(
        ProjectReport.objects.select_related("project__municipality").prefetch_related(
            "project__other_units"
        ),
        project__municipality=municipality,
        project_id=project_pk,
        pk=pk,
    )


def reporting_deadlines(municipality, *, unit=None, since=None, done=None):
    """Reporting deadlines of the municipality's projects (of one unit's projects: as lead
    unit or as one of the other units), with their project, earliest first."""
    reports = ProjectReport.objects.filter(project__municipality=municipality)
    if unit is not None:
        owned = Project.objects.filter(Q(unit=unit) | Q(other_units=unit)).values("pk")
        reports = reports.filter(project__in=owned)
    if since is not None:
        reports = reports.filter(due_date__gte=since)
    if done is not None:
        reports = reports.filter(done=done)
    return reports.select_related("project").order_by("due_date", "due_time", "pk")


def budget_rows(project: Project) -> list[dict]:
    """The budget table: each figure in the project's currency and, for EUR, in SEK."""
    figures = [
        (_("Total budget"), project.budget_total),
        (_("Grant"), project.grant),
        (_("Own contribution, cash"), project.own_cash),
        (_("Own contribution, in kind"), project.own_in_kind),
        (_("Own contribution, total"), project.own_contribution),
    ]
    return [
        {"label": label, "amount": amount, "sek": project.in_sek(amount)}
        for label, amount in figures
    ]


def plain_rate(project: Project):
    """The exchange rate without trailing zeros (11.5, not 11.5000), or None."""
    rate = project.exchange_rate
    if rate is None:
        return None
    return rate.quantize(Decimal(1)) if rate == rate.to_integral() else rate.normalize()


def budget_exceeded(project: Project) -> bool:
    """Grant and own contribution together are more than the total budget (a warning only:
    budgets sometimes count in-kind work outside the eligible total)."""
    if project.budget_total is None:
        return False
    return (project.grant or 0) + (project.own_contribution or 0) > project.budget_total
