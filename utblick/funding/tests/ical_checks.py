"""A validator-level check of iCalendar feeds (RFC 5545), for the tests.

``problems()`` parses the calendar with icalendar and lists what a validator would report:
CRLF line endings and folded lines of at most 75 octets, PRODID and VERSION, per event
UID (unique), DTSTAMP and DTSTART, a real end (DTEND after DTSTART, or a positive
DURATION, never both), and a VTIMEZONE for every TZID used. An empty list means it passes.
"""

from __future__ import annotations

import datetime

from icalendar import Calendar

TIMED_PROPERTIES = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")


def _lines(body: bytes) -> list[str]:
    found = []
    if b"\n" in body.replace(b"\r\n", b""):
        found.append("a line does not end in CRLF")
    for number, line in enumerate(body.split(b"\r\n"), start=1):
        if len(line) > 75:
            found.append(f"line {number} is {len(line)} octets long (75 at most)")
    return found


def _tzids_used(component) -> set[str]:
    used = set()
    for name, value in component.property_items(recursive=True):
        params = getattr(value, "params", None)
        if params and "TZID" in params and name in TIMED_PROPERTIES:
            used.add(params["TZID"])
    return used


def _end_problem(event) -> str | None:
    has_end, has_duration = "DTEND" in event, "DURATION" in event
    if has_end and has_duration:
        return "has both DTEND and DURATION"
    if not (has_end or has_duration):
        return "has neither DTEND nor DURATION"
    start = event.decoded("DTSTART")
    if has_duration:
        return None if event.decoded("DURATION") > datetime.timedelta(0) else "DURATION is 0"
    end = event.decoded("DTEND")
    if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
        return "DTSTART and DTEND are not of the same type"
    return None if end > start else "DTEND is not after DTSTART"


def problems(body: bytes) -> list[str]:
    found = _lines(body)
    try:
        calendar = Calendar.from_ical(body)
    except ValueError as error:
        return [*found, f"does not parse: {error}"]
    if calendar.name != "VCALENDAR":
        return [*found, f"{calendar.name} is not a VCALENDAR"]
    if not calendar.get("PRODID"):
        found.append("calendar: no PRODID")
    if str(calendar.get("VERSION", "")) != "2.0":
        found.append("calendar: VERSION is not 2.0")
    zones = {}
    for zone in calendar.walk("VTIMEZONE"):
        zones[str(zone["TZID"])] = zone
        rules = zone.walk("STANDARD") + zone.walk("DAYLIGHT")
        if not rules:
            found.append(f"VTIMEZONE {zone['TZID']}: neither STANDARD nor DAYLIGHT")
        for rule in rules:
            for name in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if name not in rule:
                    found.append(f"VTIMEZONE {zone['TZID']}: {rule.name} without {name}")
    for tzid in sorted(_tzids_used(calendar) - set(zones)):
        found.append(f"TZID {tzid} is used but has no VTIMEZONE")
    uids = set()
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(event.get("UID", ""))
        where = f"event {number} ({uid or 'no UID'})"
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if name not in event:
                found.append(f"{where}: no {name}")
        if uid and uid in uids:
            found.append(f"{where}: UID is not unique")
        uids.add(uid)
        if "DTSTART" in event:
            problem = _end_problem(event)
            if problem:
                found.append(f"{where}: {problem}")
    return found
