"""The staff start page: the sections of the signed-in person's role, and the registry's
figures and latest changes.

What is the same for everyone with the role (the key figures, the tables, the latest changes,
the sections) is kept in the cache until the municipality's data change
(``core.public_cache.cached_value``, the public pages' versions) or a few minutes pass, so
a repeated visit reads only what is personal or changes without a version: a coordinator's
visit and the running jobs (what is new since the last visit is kept per visit)."""

import datetime

from django.shortcuts import render
from django.template.loader import render_to_string
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

FRESH_MINUTES = 5


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


def _kept(municipality, role, unit, user) -> tuple[str, dict]:
    """The cache name and the computation of what the page keeps for a while: the figures,
    and the role's sections that are the same for everyone in it (the coordinator's
    deadlines, meeting, action items and failed deliveries; all of a unit representative's;
    all of a reader's). Kept until the data change, and for at most ``FRESH_MINUTES``: sections that
    depend on the clock (a deadline passing) or on rows the cache versions do not follow
    (marks of calls) are at most that old."""
    now = timezone.localtime()
    today = now.date()
    slot = f"{today}:{now.hour}:{now.minute // FRESH_MINUTES}"
    language = translation.get_language()

    def compute(sections):
        # Kept rendered: the page then only fills them in (the figures stay in the context).
        def kept():
            found = figures(municipality, today)
            return {
                # The plain figures stay in the context; the records only in the HTML.
                **{key: found[key] for key in ("counts", "by_status", "by_country")},
                "sections": [_section_html(section) for section in sections()],
                "figures_html": render_to_string(
                    "staff/_dashboard_figures.html", {**found, "municipality": municipality}
                ),
            }

        return kept

    if role == Role.COORDINATOR:
        return f"dashboard:coordinator:{language}:{slot}", compute(
            lambda: dashboard_sections.coordinator_sections(municipality, today=today)
        )
    if role == Role.UNIT_REPRESENTATIVE and unit is not None:
        return f"dashboard:unit:{user.pk}:{language}:{slot}", compute(
            lambda: dashboard_sections.unit_sections(user, municipality, unit, today=today)
        )
    return f"dashboard:reader:{language}:{slot}", compute(lambda: reader_sections(municipality))


def _section_html(section):
    return render_to_string("staff/_dashboard_section.html", {"section": section})


def _live_sections(request, municipality, role) -> list:
    """The coordinator's sections read on every visit: what is new since their previous
    visit (which this visit replaces) and running jobs. What is new is kept rendered per
    starting point until the municipality's data change: a call marked for a need and a
    need saved raise its staff version (``funding.services``), as a changed call does."""
    if role != Role.COORDINATOR:
        return []
    now = timezone.now()
    membership = permissions.membership(request.user, municipality)
    since = None
    if membership is not None:  # a platform superuser has no membership: the last 30 days
        record_visit(membership=membership, now=now)
        since = membership.previous_visit_at
    if since is None:
        # The first visit: the last 30 days, from the start of a FRESH_MINUTES slot (a
        # start that moved with every request would never find what is kept).
        since = (now - datetime.timedelta(days=dashboard_sections.HORIZON_DAYS)).replace(
            second=0, microsecond=0
        )
        since -= datetime.timedelta(minutes=since.minute % FRESH_MINUTES)
    matches = cached_value(
        municipality.slug,
        f"dashboard:matches:{translation.get_language()}:{since.isoformat()}",
        lambda: _section_html(dashboard_sections.new_matches(municipality, since=since)),
    )
    return [matches, _section_html(dashboard_sections.running_jobs(municipality))]


@staff_view()
def dashboard(request, municipality):
    role = permissions.role(request.user, municipality)
    unit = permissions.unit_of(request.user, municipality)
    name, compute = _kept(municipality, role, unit, request.user)
    kept = cached_value(municipality.slug, name, compute)
    sections = kept["sections"]
    live = _live_sections(request, municipality, role)
    if live:  # after the deadlines: what is new, then the meeting and what is running
        sections = [sections[0], live[0], *sections[1:], *live[1:]]
    context = {
        **kept,
        "municipality": municipality,
        "role_title": dashboard_sections.ROLE_TITLES.get(role, ""),
        "sections": sections,
        "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
    }
    return render(request, "staff/dashboard.html", context)
