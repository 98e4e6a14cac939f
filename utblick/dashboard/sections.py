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
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core.names import named
from utblick.tenancy.models import Role

HORIZON_DAYS = 30
# A call's long text and its vector, which no section shows.
HEAVY_CALL_FIELDS = ("description", "keywords", "embedding")
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
    chart: Any = None  # a reader.Chart: a bar chart and its table


def url(name, municipality, *args):
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
            url("call_detail", municipality, d.call_id),
            timezone.localtime(d.due),
        )
        for d in CallDeadline.objects.filter(calls, due__gte=now, due__date__lte=horizon)
        .select_related("call")
        .defer(*(f"call__{name}" for name in HEAVY_CALL_FIELDS))
        .order_by("due")[:LIMIT]
    ]
    items += [
        Item(
            _("Report “%(report)s” for %(project)s") % {"report": r.title, "project": r.project},
            url("project_detail", municipality, r.project_id),
            r.due_date,
        )
        for r in reporting_deadlines(municipality, unit=unit, since=today, done=False).filter(
            due_date__lte=horizon
        )[:LIMIT]
    ]
    if unit is None:
        items += plan_follow_ups(municipality, today=today, horizon=horizon)
        documents = (
            GoverningDocument.objects.filter(
                municipality=municipality,
                status=GoverningDocument.Status.ADOPTED,
                follow_up_on__lte=horizon,
            )
            .exclude(action_plans__isnull=False)  # an action plan's: a plan follow-up
            .order_by("follow_up_on")[:LIMIT]
        )
        items += [
            Item(
                _("Review of the document %(document)s") % {"document": d.title},
                url("document_detail", municipality, d.pk),
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
        url("funding_calendar", municipality),
        _("The whole calendar"),
    )


def plan_follow_ups(municipality, *, today, horizon) -> list[Item]:
    """Action plans due for follow-up: the follow-up date of the adopted governing document
    that holds the plan, by the horizon (overdue ones too). Handled in the plan's follow-up
    report."""
    from utblick.documents.models import GoverningDocument
    from utblick.strategy.models import ActionPlan

    plans = (
        ActionPlan.objects.filter(
            municipality=municipality,
            document__status=GoverningDocument.Status.ADOPTED,
            document__follow_up_on__lte=horizon,
        )
        .select_related("document")
        .order_by("document__follow_up_on", "pk")[:LIMIT]
    )
    return [
        Item(
            _("Follow-up of the action plan %(plan)s") % {"plan": plan.title},
            url("action_plan_report", municipality, plan.pk),
            plan.document.follow_up_on,
            _("overdue") if plan.document.follow_up_on < today else "",
        )
        for plan in plans
    ]


def new_matches(municipality, *, since) -> Section:
    """Calls marked relevant for an open funding need since the previous visit to the start
    page, newest first; each links to the need, where its suggested calls are handled."""
    from utblick.funding.models import CallMark, Need

    marks = (
        CallMark.objects.filter(
            need__municipality=municipality,
            need__status=Need.Status.OPEN,
            relevant=True,
            marked_at__gt=since,
        )
        .select_related("call", "need")
        .defer(*(f"call__{name}" for name in HEAVY_CALL_FIELDS))
        .defer("need__description", "need__description_sv", "need__description_en")
        .order_by("-marked_at", "-pk")[:LIMIT]
    )
    items = [
        Item(
            _("%(call)s for the need %(need)s") % {"call": m.call.title, "need": m.need.title},
            url("need_detail", municipality, m.need_id),
            timezone.localtime(m.marked_at),
        )
        for m in marks
    ]
    return Section(
        "matches",
        _("New calls for open needs since your last visit"),
        items,
        _(
            "No new call has been marked relevant for an open need since your last visit. "
            "Open a need to see the calls suggested for it."
        ),
        url("need_list", municipality),
        _("All needs"),
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
                url("isg_meeting_detail", municipality, meeting.pk),
                timezone.localtime(meeting.starts_at),
                status,
            )
        )
    return Section(
        "meeting",
        _("Next meeting of the collaboration group"),
        items,
        _("No meeting is planned. Plan the next one under the collaboration group."),
        url("isg_meeting_list", municipality),
        _("All meetings"),
    )


def action_items(municipality, *, owner_names=()) -> Section:
    """Open action items of the collaboration group (for a representative: those whose
    owner is their name or their unit's)."""
    from utblick.isg.models import ActionItem

    actions = ActionItem.objects.filter(meeting__municipality=municipality, done=False)
    if owner_names:
        # Owners are typed in the minutes: "åsa lind" is Åsa Lind's (core.names).
        actions = named(actions, "owner", owner_names)
    items = [
        Item(
            f"{a.description} ({a.owner})",
            url("isg_meeting_detail", municipality, a.meeting_id),
            a.due_date,
        )
        for a in actions.order_by("due_date", "pk")[:LIMIT]
    ]
    return Section(
        "actions",
        _("Open action items"),
        items,
        _("No open action items. Action items are added to a meeting's minutes."),
        url("isg_meeting_list", municipality),
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
            url("newsletter_issue_detail", municipality, i.pk),
        )
        for i in issues
    ]
    return Section(
        "deliveries",
        _("Failed newsletter deliveries"),
        items,
        _("Every newsletter was delivered."),
        url("newsletter_overview", municipality),
        _("All issues"),
    )


def running_jobs(municipality) -> Section:
    from utblick.jobs.models import Job

    jobs = Job.objects.filter(
        municipality=municipality, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).order_by("-created_at")[:LIMIT]
    items = [
        Item(j.title, url("job_detail", municipality, j.pk), None, j.get_status_display())
        for j in jobs
    ]
    return Section(
        "jobs",
        _("Background jobs in progress"),
        items,
        _("No import or mail-out is running."),
        url("job_list", municipality),
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
            url("activity_detail", municipality, a.pk),
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
        url("strategy_overview", municipality),
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
            url("need_detail", municipality, n.pk),
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
        url("need_list", municipality),
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
        Item(str(p), url("project_detail", municipality, p.pk), None, p.get_status_display())
        for p in projects
    ]
    return Section(
        "projects",
        _("Your unit's projects"),
        items,
        _("Your unit has no project yet. Register one when an application is being prepared."),
        url("project_list", municipality),
        _("All projects"),
    )


ROLE_TITLES = {
    Role.COORDINATOR: gettext_lazy("Your month as coordinator"),
    Role.UNIT_REPRESENTATIVE: gettext_lazy("Your unit's international work"),
    Role.READER: gettext_lazy("The international work at a glance"),
}


def unit_sections(user, municipality, unit, *, today) -> list[Section]:
    """A unit representative's sections: their unit's work."""
    names = [name for name in (user.get_full_name(), user.username, unit.name) if name]
    return [
        unit_activities(municipality, unit),
        unit_needs(municipality, unit),
        unit_projects(municipality, unit),
        deadlines(municipality, today=today, unit=unit),
        next_meeting(municipality, now=timezone.now()),
        action_items(municipality, owner_names=names),
    ]


def coordinator_sections(municipality, *, today) -> list[Section]:
    """The coordinator's sections that are the same for every coordinator."""
    return [
        deadlines(municipality, today=today),
        next_meeting(municipality, now=timezone.now()),
        action_items(municipality),
        # Deliveries are written by the mail-out job, and the end of a job drops what the
        # cache keeps (jobs.runner calls public_cache.invalidate()).
        failed_deliveries(municipality),
    ]
