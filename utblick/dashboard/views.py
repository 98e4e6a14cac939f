"""The staff start page: the sections of the signed-in person's role, and the registry's
figures and latest changes.

Everything computed from the whole municipality (the key figures, the tables, the latest
changes, the reader's charts) is kept in the cache until the municipality's data change
(``core.public_cache.cached_value``, the public pages' versions), so a repeated visit reads
only what is personal or time-bound: the coordinator's and the unit's sections."""

from django.shortcuts import render
from django.utils import timezone, translation

from utblick.core.public_cache import cached_value
from utblick.documents import selectors as document_selectors
from utblick.partners import selectors as partner_selectors
from utblick.projects import selectors as project_selectors
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view
from utblick.tenancy.models import Role
from utblick.tenancy.services import record_visit

from . import sections as dashboard_sections
from .reader import reader_sections
from .selectors import recent_changes


def figures(municipality, today) -> dict:
    """The registry's figures, latest changes and overdue documents (cached by the view)."""
    return {
        "counts": {
            "projects": project_selectors.projects_of(municipality).count(),
            "partnerships": partner_selectors.partnerships_of(municipality).count(),
            "organisations": partner_selectors.organisations_of(municipality).count(),
            "memberships": partner_selectors.memberships_of(municipality).count(),
        },
        "by_status": [
            {**row, "label": str(row["label"])}
            for row in project_selectors.status_counts(municipality)
        ],
        "by_country": [
            {**row, "name": str(row["name"])}
            for row in partner_selectors.partnerships_by_country(municipality)
        ],
        "changes": recent_changes(municipality),
        **document_selectors.dashboard_context(municipality, today),
    }


def _sections(request, municipality, role, unit):
    if role not in (Role.COORDINATOR, Role.UNIT_REPRESENTATIVE) or (
        role == Role.UNIT_REPRESENTATIVE and unit is None
    ):
        return cached_value(
            municipality.slug,
            f"dashboard:reader:{translation.get_language()}:{timezone.localdate()}",
            lambda: reader_sections(municipality),
        )
    since = None
    membership = permissions.membership(request.user, municipality)
    if role == Role.COORDINATOR and membership is not None:
        # "New since your last visit" compares with the visit before this one.
        record_visit(membership=membership, now=timezone.now())
        since = membership.previous_visit_at
    return dashboard_sections.sections_for(
        request.user, municipality, role=role, unit=unit, since=since
    )


@staff_view()
def dashboard(request, municipality):
    role = permissions.role(request.user, municipality)
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "role_title": dashboard_sections.ROLE_TITLES.get(role, ""),
        "sections": _sections(
            request, municipality, role, permissions.unit_of(request.user, municipality)
        ),
        "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        **cached_value(
            municipality.slug,
            f"dashboard:figures:{translation.get_language()}:{today}",
            lambda: figures(municipality, today),
        ),
    }
    return render(request, "staff/dashboard.html", context)
