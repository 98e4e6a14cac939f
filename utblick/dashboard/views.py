"""The staff start page: the sections of the signed-in person's role, and the registry's
figures and latest changes."""

from django.shortcuts import render
from django.utils import timezone

from utblick.documents import selectors as document_selectors
from utblick.partners import selectors as partner_selectors
from utblick.projects import selectors as project_selectors
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import sections as dashboard_sections
from .selectors import recent_changes


@staff_view()
def dashboard(request, municipality):
    role = permissions.role(request.user, municipality)
    context = {
        "municipality": municipality,
        "role_title": dashboard_sections.ROLE_TITLES.get(role, ""),
        "sections": dashboard_sections.sections_for(
            request.user,
            municipality,
            role=role,
            unit=permissions.unit_of(request.user, municipality),
        ),
        "counts": {
            "projects": project_selectors.projects_of(municipality).count(),
            "partnerships": partner_selectors.partnerships_of(municipality).count(),
            "organisations": partner_selectors.organisations_of(municipality).count(),
            "memberships": partner_selectors.memberships_of(municipality).count(),
        },
        "by_status": project_selectors.status_counts(municipality),
        "by_country": partner_selectors.partnerships_by_country(municipality),
        "changes": recent_changes(municipality),
        "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        **document_selectors.dashboard_context(municipality, timezone.localdate()),
    }
    return render(request, "staff/dashboard.html", context)
