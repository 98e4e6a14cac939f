"""The reader's start page (politicians, managers): the plan's progress per focus area and the
external funding per year, each as an inline SVG bar chart with a table as its text
alternative, and the collaboration group's recent decisions. Nothing to edit.

The figures are aggregates over the whole municipality: the view keeps them in the cache
(``core.public_cache.cached_value``) until the municipality's data change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import office_documents
from utblick.strategy import charts

from .sections import LIMIT, Item, Section, url


@dataclass
class Chart:
    """A bar chart (``strategy.charts.bars``) and the table that says the same in text."""

    key: str
    title: str
    bars: dict
    headings: list[str]
    rows: list[list[str]]


def plan_progress(municipality) -> Section:
    """The current action plan: its activities by status, and the average progress per
    focus area as a chart and a table."""
    from utblick.strategy import selectors as strategy_selectors
    from utblick.strategy.models import ActionPlan, Activity

    today = timezone.localdate()
    plan = (
        ActionPlan.objects.filter(municipality=municipality, start_date__lte=today)
        .order_by("-start_date", "-pk")
        .first()
    )
    section = Section(
        "plan",
        _("The action plan's progress"),
        [],
        _("No action plan is in force yet."),
        url("strategy_overview", municipality),
        _("Strategy and action plans"),
    )
    if plan is None:
        return section
    activities = list(strategy_selectors.plan_activities(plan))
    counted = [a for a in activities if a.status != Activity.Status.DROPPED]
    by_status = {}
    for activity in counted:
        by_status[activity.status] = by_status.get(activity.status, 0) + 1
    labels = dict(Activity.Status.choices)
    section.facts = [(str(labels[s]), str(n)) for s, n in by_status.items()]
    done = by_status.get(Activity.Status.DONE, 0)
    section.items.append(
        Item(
            str(plan.title),
            url("action_plan_detail", municipality, plan.pk),
            None,
            _("%(done)s of %(total)s activities done") % {"done": done, "total": len(counted)},
        )
    )
    progress = strategy_selectors.progress_by_focus_area(plan, activities)
    if progress:
        for row in progress:
            row["shown"] = f"{row['progress']}\u00a0%"
        section.chart = Chart(
            "plan-progress",
            _("Average progress of the activities per focus area"),
            charts.bars(
                [(r["focus_area"].name, r["progress"], r["shown"]) for r in progress],
                maximum=100,
            ),
            [_("Focus area"), _("Activities"), _("Average progress")],
            [[str(r["focus_area"].name), str(r["count"]), r["shown"]] for r in progress],
        )
    return section


def _sek(project: dict, amount) -> Decimal:
    if amount is None:
        return Decimal(0)
    if project["currency"] == "SEK":
        return amount
    return (amount * (project["exchange_rate"] or 0)).quantize(Decimal("1"))


def external_funding(municipality) -> Section:
    """Grants against the municipality's own contribution, in SEK, of granted and ongoing
    projects (how much external money each krona of its own brings), and the grants of
    granted, ongoing and completed projects per start year as a chart and a table."""
    from utblick.projects.models import Project, ProjectQuerySet

    funded = (*ProjectQuerySet.RUNNING, Project.Status.COMPLETED)
    rows = Project.objects.filter(municipality=municipality, status__in=funded).values(
        "status", "start_date", "grant", "own_cash", "own_in_kind", "currency", "exchange_rate"
    )
    grants = own = Decimal(0)
    per_year: dict[int, list] = {}
    for row in rows:
        grant = _sek(row, row["grant"])
        if row["status"] in ProjectQuerySet.RUNNING:
            grants += grant
            if row["own_cash"] is not None or row["own_in_kind"] is not None:
                own += _sek(row, (row["own_cash"] or 0) + (row["own_in_kind"] or 0))
        if row["start_date"] is not None and grant:
            year = per_year.setdefault(row["start_date"].year, [0, Decimal(0)])
            year[0] += 1
            year[1] += grant
    section = Section(
        "funding",
        _("External funding of running projects"),
        [],
        _("No granted or ongoing project has a budget yet."),
        url("project_list", municipality),
        _("All projects"),
    )
    money = office_documents.money
    if grants or own:
        section.facts = [(_("Grants"), money(grants)), (_("Own contribution"), money(own))]
        if own:
            section.facts.append(
                (_("External kronor per own krona"), office_documents.decimal(grants / own))
            )
    if per_year:
        years = sorted(per_year.items())
        section.chart = Chart(
            "funding-per-year",
            _("Grants per start year of granted, ongoing and completed projects"),
            charts.bars([(str(year), total, money(total)) for year, (_n, total) in years]),
            [_("Year"), _("Projects"), _("Grants")],
            [[str(year), str(n), money(total)] for year, (n, total) in years],
        )
    return section


def recent_decisions(municipality) -> Section:
    from utblick.isg.models import MeetingDecision

    decisions = (
        MeetingDecision.objects.filter(meeting__municipality=municipality)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")[:LIMIT]
    )
    items = [
        Item(
            d.text,
            url("isg_meeting_detail", municipality, d.meeting_id),
            timezone.localtime(d.meeting.starts_at),
        )
        for d in decisions
    ]
    return Section(
        "decisions",
        _("Recent decisions of the collaboration group"),
        items,
        _("No decisions recorded yet."),
        url("isg_meeting_list", municipality),
        _("All meetings"),
    )


def reader_sections(municipality) -> list[Section]:
    return [
        plan_progress(municipality),
        external_funding(municipality),
        recent_decisions(municipality),
    ]
