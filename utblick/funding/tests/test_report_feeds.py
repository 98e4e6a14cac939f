"""Project reporting deadlines (``projects.ProjectReport``) in the calendar feeds and page."""

import datetime
import zoneinfo

from icalendar import Calendar

from utblick.projects.models import ProjectReport
from utblick.testing import login

from .. import ical
from ..models import FeedToken
from .helpers import public_url, url

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def report_events(client, municipality, token):
    response = client.get(public_url("funding_feed", municipality.slug, token.token))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {
        str(e["UID"]): e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("report-")
    }


def _post_report(client, home, report, **changes):
    data = {
        "title": report.title,
        "kind": report.kind,
        "due_date": report.due_date.isoformat(),
        "due_time": report.due_time.strftime("%H:%M") if report.due_time else "",
    }
    if report.done:
        data["done"] = "on"
    data.update(changes)
    return client.post(
        url("project_report_edit", home.municipality.slug, report.project_id, report.pk), data
    )


def test_reporting_deadline_is_in_the_feed_at_swedish_time_and_moves_with_a_new_sequence(
    client, home
):
    report = home.records["project_report"]
    token = home.records["funding_feed_token"]
    uid = f"report-{report.pk}@{ical.uid_host()}"
    event = report_events(client, home.municipality, token)[uid]
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert start == datetime.datetime.combine(report.due_date, datetime.time(10), STOCKHOLM)
    assert start.astimezone(STOCKHOLM).hour == 10
    assert int(event["SEQUENCE"]) == 0 and "DTSTAMP" in event
    assert "Delrapport 1" in str(event["SUMMARY"]) and "Interim report" in str(event["SUMMARY"])

    login(client, home.users["rep"])  # the representative of the project's unit
    moved = report.due_date + datetime.timedelta(days=7)
    response = _post_report(client, home, report, due_date=moved.isoformat(), due_time="09:30")
    assert response.status_code == 302
    event = report_events(client, home.municipality, token)[uid]
    assert int(event["SEQUENCE"]) == 1
    start = event.decoded("DTSTART").astimezone(STOCKHOLM)
    assert (start.date(), start.hour, start.minute) == (moved, 9, 30)

    report.refresh_from_db()
    assert _post_report(client, home, report, done="on").status_code == 302
    report.refresh_from_db()
    assert report.done and report.sequence == 1  # ticking it off moves nothing


def test_a_deadline_without_a_time_is_a_whole_day(client, home):
    report = home.records["project_report"]
    report.due_time = None
    report.save()
    event = report_events(client, home.municipality, home.records["funding_feed_token"])[
        f"report-{report.pk}@{ical.uid_host()}"
    ]
    assert event.decoded("DTSTART") == report.due_date
    assert event.decoded("DTEND") == report.due_date + datetime.timedelta(days=1)


def test_unit_and_user_feeds_carry_the_reports_of_their_unit_s_projects(client, home):
    report = home.records["project_report"]
    uid = f"report-{report.pk}@{ical.uid_host()}"
    feeds = {
        "unit": FeedToken.objects.create(
            municipality=home.municipality,
            kind=FeedToken.Kind.UNIT,
            unit=home.unit,
            user=home.users["rep"],
        ),
        "other_unit": FeedToken.objects.create(
            municipality=home.municipality,
            kind=FeedToken.Kind.UNIT,
            unit=home.other_unit,
            user=home.users["rep_other"],
        ),
        "rep": FeedToken.objects.create(
            municipality=home.municipality, kind=FeedToken.Kind.USER, user=home.users["rep"]
        ),
        "reader": FeedToken.objects.create(
            municipality=home.municipality, kind=FeedToken.Kind.USER, user=home.users["reader"]
        ),
    }
    present = {
        name: uid in report_events(client, home.municipality, t) for name, t in feeds.items()
    }
    assert present == {"unit": True, "other_unit": False, "rep": True, "reader": False}


def test_another_municipality_s_feed_has_none_of_our_reports(client, home, away):
    ours = f"report-{home.records['project_report'].pk}@{ical.uid_host()}"
    theirs = report_events(client, away.municipality, away.records["funding_feed_token"])
    assert ours not in theirs and len(theirs) == 1


def test_calendar_page_lists_open_reporting_deadlines(client, home):
    report = home.records["project_report"]
    ProjectReport.objects.create(
        project=report.project,
        title="Slutrapport inskickad",
        kind=ProjectReport.Kind.FINAL,
        due_date=report.due_date,
        done=True,
    )
    login(client, home.users["reader"])
    page = client.get(url("funding_calendar", home.municipality.slug)).content.decode()
    assert "Delrapport 1" in page
    assert "Slutrapport inskickad" not in page
