"""iCalendar feeds (RFC 5545) of call deadlines and project reporting deadlines, in
Europe/Brussels time.

Each deadline has a stable UID (``deadline-<id>@utblick``, ``report-<id>@utblick``); its
SEQUENCE is raised whenever the date or time moves, so
calendar clients update the event instead of adding a new one.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .parsers import BRUSSELS, STOCKHOLM

PRODID = "-//Utblick//Funding radar//SV"


def brussels_timezone() -> Timezone:
    """VTIMEZONE for Europe/Brussels (CET/CEST, EU rules since 1996)."""
    tz = Timezone()
    tz.add("tzid", "Europe/Brussels")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("tzname", "CET")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime.datetime(1981, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("tzname", "CEST")
    tz.add_component(standard)
    tz.add_component(daylight)
    return tz


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
        call = deadline.call
        due = deadline.due.astimezone(BRUSSELS)
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("sequence", deadline.sequence)
        event.add("dtstart", due)
        event.add("dtend", due)
        label = f" ({deadline.label})" if deadline.label else ""
        event.add("summary", f"Deadline: {call.identifier}{label} – {call.title}"[:250])
        if call.url:
            event.add("url", call.url)
        event.add("description", f"{call.title}\n{call.url}".strip())
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for report in reports:
        calendar.add_component(report_event(report, stamp=stamp, host=host))
    return calendar.to_ical()


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
    else:
        due = datetime.datetime.combine(report.due_date, report.due_time, tzinfo=STOCKHOLM)
        event.add("dtstart", due.astimezone(BRUSSELS))
        event.add("dtend", due.astimezone(BRUSSELS))
    done = " ✓" if report.done else ""
    event.add("summary", f"{report.get_kind_display()}: {project} – {report.title}{done}"[:250])
    event.add("description", f"{project}\n{report.title}")
    event.add("categories", ["Utblick", "report"])
    event.add("transp", "TRANSPARENT")
    return event
