"""iCalendar feeds (RFC 5545) of call deadlines and project reporting deadlines, in
Europe/Brussels time, in the language of the feed's address (/en/ for English).

Each deadline has a stable UID (``deadline-<id>@<site host>``, ``report-<id>@<site host>``);
its SEQUENCE is raised whenever the date or time moves, so calendar clients update the event
instead of adding a new one.
"""

from __future__ import annotations

import datetime
import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from .parsers import BRUSSELS, STOCKHOLM

PRODID = "-//Utblick//Funding radar//SV"
# A deadline is a moment; calendars need an end to show it, so each timed event starts at
# the deadline's clock and lasts this long (a zero-length event is dropped or misdrawn by
# several clients; the validators want DTEND after DTSTART).
DEADLINE_LENGTH = datetime.timedelta(minutes=30)


def uid_host(request=None) -> str:
    """The domain in the events' UIDs: the configured site's host, else the request's host.
    It must stay the same between downloads, or clients would duplicate every event."""
    host = urlsplit(getattr(settings, "SITE_URL", "") or "").hostname
    if not host and request is not None:
        host = urlsplit(f"//{request.get_host()}").hostname
    return host or "utblick"


@functools.cache
def brussels_timezone() -> Timezone:
    """VTIMEZONE for Europe/Brussels from the tz database (slow to build: made once)."""
    return Timezone.from_tzid(
        "Europe/Brussels", first_date=datetime.date(1996, 1, 1), last_date=datetime.date(2038, 1, 1)
    )


def feed(*, name: str, deadlines, reports=(), host: str = "utblick") -> bytes:
    """A calendar with one event per call deadline (with its call selected) and per project
    reporting deadline (``projects.ProjectReport`` with its project selected)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    calendar.add_component(brussels_timezone())
    stamp = timezone.now().replace(microsecond=0)
    for deadline in deadlines:
        calendar.add_component(deadline_event(deadline, stamp=stamp, host=host))
    for report in reports:
        calendar.add_component(report_event(report, stamp=stamp, host=host))
    return calendar.to_ical()


def deadline_event(deadline, *, stamp, host: str) -> Event:
    call = deadline.call
    due = deadline.due.astimezone(BRUSSELS)
    event = Event()
    event.add("uid", f"deadline-{deadline.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("sequence", deadline.sequence)
    event.add("dtstart", due)
    event.add("dtend", due + DEADLINE_LENGTH)
    label = f" ({deadline.label})" if deadline.label else ""
    summary = _("Deadline: %(call)s") % {"call": f"{call.identifier}{label} – {call.title}"}
    event.add("summary", summary[:250])
    if call.url:
        event.add("url", call.url)
    lines = [
        _("Application deadline: %(when)s")
        % {"when": f"{timezone.localtime(deadline.due):%Y-%m-%d %H:%M}"},
        call.title,
        call.url,
    ]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("categories", ["Utblick", _("Call deadline")])
    event.add("transp", "TRANSPARENT")
    return event


def report_event(report, *, stamp, host: str) -> Event:
    """A project's reporting deadline: at its time (Swedish time, written in the feed's
    Europe/Brussels zone, which keeps the same clock since 1996), or a whole day."""
    project = report.project
    event = Event()
    event.add("uid", f"report-{report.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("sequence", report.sequence)
    if report.due_time is None:
        event.add("dtstart", report.due_date)
        event.add("dtend", report.due_date + datetime.timedelta(days=1))
        when = f"{report.due_date:%Y-%m-%d}"
    else:
        due = datetime.datetime.combine(report.due_date, report.due_time, tzinfo=STOCKHOLM)
        event.add("dtstart", due.astimezone(BRUSSELS))
        event.add("dtend", (due + DEADLINE_LENGTH).astimezone(BRUSSELS))
        when = f"{due:%Y-%m-%d %H:%M}"
    done = " ✓" if report.done else ""
    event.add("summary", f"{report.get_kind_display()}: {project} – {report.title}{done}"[:250])
    lines = [
        _("Report due: %(when)s") % {"when": when},
        str(project),
        report.title,
        _("Report submitted") if report.done else "",
    ]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("categories", ["Utblick", _("Reporting")])
    event.add("transp", "TRANSPARENT")
    return event
