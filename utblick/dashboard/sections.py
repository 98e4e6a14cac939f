"""Reads for the staff start page, one set of sections per role.

Coordinator: what needs doing in the municipality this month. Unit representative: their
unit's activities, needs and projects. Reader (politicians, managers): the plan's progress,
external funding and recent decisions, nothing to edit. Every section is one or two queries
with a limit, so the page costs the same number of queries however much data there is; every
item links to the page where it is handled, and an empty section says what to do next.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.tenancy.models import Role

HORIZON_DAYS = 30
LIMIT = 8


@dataclass
class Item:
    text: str
    url: str
    when: datetime.date | datetime.datetime | None = None
    note: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime.datetime)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    empty: str
    more_url: str = ""
    more_text: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)


def _url(name, municipality, *args):
    return reverse(f"staff:{name}", args=[municipality.slug, *args])


def deadlines(municipality, *, today, unit=None) -> Section:
    """Call deadlines (watched, own, or marked relevant for a need), project reports and
    document follow-ups in the next 30 days, soonest first."""
    from utblick.documents.models import GoverningDocument
    from utblick.funding.models import CallDeadline, CallMark, Watch
    from utblick.projects.selectors import reporting_deadlines

    now = timezone.now()
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    watches = Watch.objects.filter(municipality=municipality)
    marks = CallMark.objects.filter(need__municipality=municipality, relevant=True)
    if unit is not None:
        watches = watches.filter(unit=unit)
        marks = marks.filter(need__unit=unit)
    calls = Q(call__in=watches.values("call")) | Q(call__in=marks.values("call"))
    if unit is None:
        calls |= Q(call__municipality=municipality)
    items = [
        Item(
            _("Deadline for the call %(call)s") % {"call": d.call.title},
            _url("call_detail", municipality, d.call_id),
            timezone.localtime(d.due),
        )
        for d in CallDeadline.objects.filter(calls, due__gte=now, due__date__lte=horizon)
        .select_related("call")
        .order_by("due")[:LIMIT]
    ]
    items += [
        Item(
            _("Report “%(report)s” for %(project)s") % {"report": r.title, "project": r.project},
            _url("project_detail", municipality, r.project_id),
            r.due_date,
        )
        for r in reporting_deadlines(municipality, unit=unit, since=today, done=False).filter(
            due_date__lte=horizon
        )[:LIMIT]
    ]
    if unit is None:
        documents = GoverningDocument.objects.filter(
            municipality=municipality,
            status=GoverningDocument.Status.ADOPTED,
            follow_up_on__lte=horizon,
        ).order_by("follow_up_on")[:LIMIT]
        items += [
            Item(
                _("Review of the document %(document)s") % {"document": d.title},
                _url("document_detail", municipality, d.pk),
                d.follow_up_on,
                _("overdue") if d.follow_up_on < today else "",
            )
            for d in documents
        ]
    items.sort(key=lambda item: _as_date(item.when))
    return Section(
        "deadlines",
        _("Deadlines in the next 30 days"),
        items[: LIMIT * 2],
        _("No deadlines in the next 30 days. Watch calls to see their deadlines here."),
        _url("funding_calendar", municipality),
        _("The whole calendar"),
    )


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def next_meeting(municipality, *, now) -> Section:
    from utblick.isg.models import Meeting

    meeting = (
        Meeting.objects.filter(municipality=municipality, starts_at__gte=now)
        .annotate(agenda_items=Count("agenda"))
        .order_by("starts_at")
        .first()
    )
    items = []
    if meeting is not None:
        status = (
            _("agenda with %(n)s items") % {"n": meeting.agenda_items}
            if meeting.agenda_items
            else _("no agenda yet")
        )
        items.append(
            Item(
                _("Collaboration group, %(place)s") % {"place": meeting.place},
                _url("isg_meeting_detail", municipality, meeting.pk),
                timezone.localtime(meeting.starts_at),
                status,
            )
        )
    return Section(
        "meeting",
        _("Next meeting of the collaboration group"),
        items,
        _("No meeting is planned. Plan the next one under the collaboration group."),
        _url("isg_meeting_list", municipality),
        _("All meetings"),
    )


def action_items(municipality, *, owner_names=()) -> Section:
    """Open action items of the collaboration group (for a representative: those whose
    owner is their name or their unit's)."""
    from utblick.isg.models import ActionItem

    actions = ActionItem.objects.filter(meeting__municipality=municipality, done=False)
    if owner_names:
        mine = Q()
        for name in owner_names:
            mine |= Q(owner__iexact=name)
        actions = actions.filter(mine)
    items = [
        Item(
            f"{a.description} ({a.owner})",
            _url("isg_meeting_detail", municipality, a.meeting_id),
            a.due_date,
        )
        for a in actions.order_by("due_date", "pk")[:LIMIT]
    ]
    return Section(
        "actions",
        _("Open action items"),
        items,
        _("No open action items. Action items are added to a meeting's minutes."),
        _url("isg_meeting_list", municipality),
        _("All meetings"),
    )


def failed_deliveries(municipality) -> Section:
    from utblick.newsletter.models import Delivery, Issue

    issues = (
        Issue.objects.filter(municipality=municipality)
        .annotate(failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)))
        .filter(failed__gt=0)
        .order_by("-pk")[:LIMIT]
    )
    items = [
        Item(
            _("%(subject)s: %(n)s not delivered") % {"subject": i.subject, "n": i.failed},
            _url("newsletter_issue_detail", municipality, i.pk),
        )
        for i in issues
    ]
    return Section(
        "deliveries",
        _("Failed newsletter deliveries"),
        items,
        _("Every newsletter was delivered."),
        _url("newsletter_overview", municipality),
        _("All issues"),
    )


def running_jobs(municipality) -> Section:
    from utblick.jobs.models import Job

    jobs = Job.objects.filter(
        municipality=municipality, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).order_by("-created_at")[:LIMIT]
    items = [
        Item(j.title, _url("job_detail", municipality, j.pk), None, j.get_status_display())
        for j in jobs
    ]
    return Section(
        "jobs",
        _("Background jobs in progress"),
        items,
        _("No import or mail-out is running."),
        _url("job_list", municipality),
        _("All background jobs"),
    )


def unit_activities(municipality, unit) -> Section:
    from utblick.strategy.models import Activity

    activities = Activity.objects.filter(
        municipality=municipality,
        unit=unit,
        status__in=[Activity.Status.NOT_STARTED, Activity.Status.ONGOING, Activity.Status.PAUSED],
    ).order_by("progress", "pk")[:LIMIT]
    items = [
        Item(
            a.title,
            _url("activity_detail", municipality, a.pk),
            None,
            f"{a.get_status_display()}, {a.progress} %",
        )
        for a in activities
    ]
    return Section(
        "activities",
        _("Your unit's activities to follow up"),
        items,
        _("Your unit has no activity to follow up in the action plans."),
        _url("strategy_overview", municipality),
        _("Strategy and action plans"),
    )


def unit_needs(municipality, unit) -> Section:
    from utblick.funding.models import Need

    needs = (
        Need.objects.filter(municipality=municipality, unit=unit)
        .exclude(status=Need.Status.DROPPED)
        .annotate(relevant=Count("marks", filter=Q(marks__relevant=True)))
        .order_by("-pk")[:LIMIT]
    )
    items = [
        Item(
            n.title,
            _url("need_detail", municipality, n.pk),
            None,
            _("%(status)s; %(n)s calls marked relevant")
            % {"status": n.get_status_display(), "n": n.relevant},
        )
        for n in needs
    ]
    return Section(
        "needs",
        _("Your unit's needs and suggested calls"),
        items,
        _("Describe what your unit needs funding for, and Utblick suggests matching calls."),
        _url("need_list", municipality),
        _("All needs"),
    )


def unit_projects(municipality, unit) -> Section:
    from utblick.projects.models import Project

    projects = (
        Project.objects.filter(municipality=municipality)
        .filter(Q(unit=unit) | Q(other_units=unit))
        .distinct()
        .order_by("-pk")[:LIMIT]
    )
    items = [
        Item(str(p), _url("project_detail", municipality, p.pk), None, p.get_status_display())
        for p in projects
    ]
    return Section(
        "projects",
        _("Your unit's projects"),
        items,
        _("Your unit has no project yet. Register one when an application is being prepared."),
        _url("project_list", municipality),
        _("All projects"),
    )


def plan_progress(municipality) -> Section:
    """The current action plan: its activities by status and their average progress."""
    from utblick.strategy.models import ActionPlan, Activity

    today = timezone.localdate()
    plan = (
        ActionPlan.objects.filter(municipality=municipality, start_date__lte=today)
        .order_by("-start_date", "-pk")
        .first()
    )
    facts = []
    items = []
    if plan is not None:
        rows = (
            Activity.objects.filter(action_plan=plan)
            .exclude(status=Activity.Status.DROPPED)
            .values("status")
            .annotate(n=Count("pk"))
        )
        by_status = {row["status"]: row["n"] for row in rows}
        total = sum(by_status.values())
        labels = dict(Activity.Status.choices)
        facts = [(str(labels[s]), str(n)) for s, n in by_status.items()]
        done = by_status.get(Activity.Status.DONE, 0)
        items.append(
            Item(
                str(plan.title),
                _url("action_plan_detail", municipality, plan.pk),
                None,
                _("%(done)s of %(total)s activities done") % {"done": done, "total": total},
            )
        )
    return Section(
        "plan",
        _("The action plan's progress"),
        items,
        _("No action plan is in force yet."),
        _url("strategy_overview", municipality),
        _("Strategy and action plans"),
        facts,
    )


def external_funding(municipality) -> Section:
    """Grants against the municipality's own contribution, in SEK, of granted and
    ongoing projects: how much external money each krona of its own brings."""
    from django.utils.formats import number_format

    from utblick.projects.models import Project, ProjectQuerySet

    projects = Project.objects.filter(
        municipality=municipality, status__in=ProjectQuerySet.RUNNING
    ).only("grant", "own_cash", "own_in_kind", "currency", "exchange_rate")
    grants = own = Decimal(0)
    for project in projects:
        grants += project.in_sek(project.grant) or 0
        own += project.in_sek(project.own_contribution) or 0
    facts = []
    if grants or own:
        facts = [
            (
                _("Grants"),
                _("%(amount)s kr") % {"amount": number_format(grants, 0, force_grouping=True)},
            ),
            (
                _("Own contribution"),
                _("%(amount)s kr") % {"amount": number_format(own, 0, force_grouping=True)},
            ),
        ]
        if own:
            facts.append((_("External kronor per own krona"), number_format(grants / own, 2)))
    return Section(
        "funding",
        _("External funding of running projects"),
        [],
        _("No granted or ongoing project has a budget yet."),
        _url("project_list", municipality),
        _("All projects"),
        facts,
    )


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
            _url("isg_meeting_detail", municipality, d.meeting_id),
            timezone.localtime(d.meeting.starts_at),
        )
        for d in decisions
    ]
    return Section(
        "decisions",
        _("Recent decisions of the collaboration group"),
        items,
        _("No decisions recorded yet."),
        _url("isg_meeting_list", municipality),
        _("All meetings"),
    )


ROLE_TITLES = {
    Role.COORDINATOR: gettext_lazy("Your month as coordinator"),
    Role.UNIT_REPRESENTATIVE: gettext_lazy("Your unit's international work"),
    Role.READER: gettext_lazy("The international work at a glance"),
}


def sections_for(user, municipality, *, role, unit) -> list[Section]:
    """The start page's sections for the user's role (see the module's docstring)."""
    today = timezone.localdate()
    now = timezone.now()
    if role == Role.UNIT_REPRESENTATIVE and unit is not None:
        names = [name for name in (user.get_full_name(), user.username, unit.name) if name]
        return [
            unit_activities(municipality, unit),
            unit_needs(municipality, unit),
            unit_projects(municipality, unit),
            deadlines(municipality, today=today, unit=unit),
            next_meeting(municipality, now=now),
            action_items(municipality, owner_names=names),
        ]
    if role != Role.COORDINATOR:  # readers, and a representative without a unit
        return [
            plan_progress(municipality),
            external_funding(municipality),
            recent_decisions(municipality),
        ]
    return [
        deadlines(municipality, today=today),
        next_meeting(municipality, now=now),
        action_items(municipality),
        failed_deliveries(municipality),
        running_jobs(municipality),
    ]
