"""The follow-up report of an action plan for a period, as data for the page, DOCX and PDF.

Figures are in SEK (EUR budgets converted at the project's rate). External funding is a
project's grant, own contribution its cash and in-kind contribution, and the leverage ratio
is external funding divided by own contribution.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q

from utblick.projects.models import Project

from . import selectors
from .models import Activity, FollowUpEntry


def leverage(external: Decimal, own: Decimal) -> Decimal | None:
    if not own:
        return None
    return (external / own).quantize(Decimal("0.01"))


@dataclass
class ProjectFigures:
    project: Project
    external: Decimal
    own: Decimal

    @property
    def leverage(self):
        return leverage(self.external, self.own)


@dataclass
class AreaReport:
    focus_area: object
    activities: list
    status_counts: list
    average_progress: int
    entries: list
    projects: list
    partnerships: list
    networks: list
    external: Decimal = Decimal(0)
    own: Decimal = Decimal(0)

    @property
    def leverage(self):
        return leverage(self.external, self.own)


@dataclass
class Report:
    plan: object
    start: datetime.date
    end: datetime.date
    areas: list = field(default_factory=list)
    external: Decimal = Decimal(0)
    own: Decimal = Decimal(0)
    funding_by_year: list = field(default_factory=list)

    @property
    def leverage(self):
        return leverage(self.external, self.own)

    @property
    def activity_count(self):
        return sum(len(area.activities) for area in self.areas)


def figures(project: Project) -> ProjectFigures:
    return ProjectFigures(
        project=project,
        external=project.in_sek(project.grant) or Decimal(0),
        own=project.in_sek(project.own_contribution) or Decimal(0),
    )


def status_counts(activities) -> list[dict]:
    return [
        {
            "status": value,
            "label": label,
            "count": sum(1 for a in activities if a.status == value),
        }
        for value, label in Activity.Status.choices
    ]


def _links_by_activity(plan, queryset, related_name) -> dict:
    """{activity id: [linked objects]} for one kind of link of the plan's activities, in one
    query (the link rows joined to their targets; no per-activity managers)."""
    rows = queryset.filter(**{f"{related_name}__action_plan": plan}).annotate(
        link_activity_id=F(related_name)
    )
    found = {}
    for obj in rows:
        found.setdefault(obj.link_activity_id, []).append(obj)
    return found


def follow_up_report(plan, *, start: datetime.date, end: datetime.date) -> Report:
    """Everything the report shows, in a constant number of queries."""
    projects = Project.objects.select_related("programme").order_by("start_date", "pk")
    activities = list(selectors.plan_activities(plan))
    by_id = {activity.pk: activity for activity in activities}
    for activity in activities:
        activity.period_entries = []
    entries = (
        FollowUpEntry.objects.filter(activity__action_plan=plan, date__gte=start, date__lte=end)
        .select_related("author")
        .order_by("date", "pk")
    )
    for entry in entries:
        entry.activity = by_id[entry.activity_id]
        entry.activity.period_entries.append(entry)
    linked_projects = _links_by_activity(plan, projects, "plan_activities")
    linked_partnerships = _links_by_activity(plan, selectors._partnerships(), "plan_activities")
    linked_networks = _links_by_activity(plan, selectors._memberships(), "plan_activities")
    direct = list(
        projects.filter(
            Q(municipality=plan.municipality) & Q(focus_area__strategy_id=plan.strategy_id)
        )
    )
    report = Report(plan=plan, start=start, end=end)
    every_project = {}
    for area, core, development in selectors.grouped(plan, activities):
        items = core + development
        area_projects = {p.pk: p for p in direct if p.focus_area_id == area.pk}
        partnerships, networks = {}, {}
        for activity in items:
            area_projects.update({p.pk: p for p in linked_projects.get(activity.pk, ())})
            partnerships.update({p.pk: p for p in linked_partnerships.get(activity.pk, ())})
            networks.update({m.pk: m for m in linked_networks.get(activity.pk, ())})
        project_figures = [figures(p) for p in sorted(area_projects.values(), key=_by_start)]
        every_project.update(area_projects)
        entries = sorted(
            (entry for activity in items for entry in activity.period_entries),
            key=lambda e: (e.date, e.pk),
        )
        report.areas.append(
            AreaReport(
                focus_area=area,
                activities=sorted(items, key=lambda a: (a.status, -a.progress, a.order, a.pk)),
                status_counts=status_counts(items),
                average_progress=round(sum(a.progress for a in items) / len(items)) if items else 0,
                entries=entries,
                projects=project_figures,
                partnerships=sorted(partnerships.values(), key=str),
                networks=sorted(networks.values(), key=str),
                external=sum((f.external for f in project_figures), Decimal(0)),
                own=sum((f.own for f in project_figures), Decimal(0)),
            )
        )
    distinct = [figures(p) for p in every_project.values()]
    report.external = sum((f.external for f in distinct), Decimal(0))
    report.own = sum((f.own for f in distinct), Decimal(0))
    report.funding_by_year = funding_by_year(report)
    return report


def _by_start(project):
    return (project.start_date or datetime.date.min, project.pk)


def funding_by_year(report: Report) -> list[dict]:
    """Projects and external funding per focus area and start year (for the chart)."""
    rows = []
    for area in report.areas:
        years = {}
        for item in area.projects:
            year = item.project.start_date.year if item.project.start_date else None
            count, external = years.get(year, (0, Decimal(0)))
            years[year] = (count + 1, external + item.external)
        for year in sorted(years, key=lambda y: (y is None, y)):
            count, external = years[year]
            rows.append(
                {
                    "focus_area": area.focus_area,
                    "year": year,
                    "projects": count,
                    "external": external,
                }
            )
    return rows
