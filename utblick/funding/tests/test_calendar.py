"""iCalendar feeds, the calendar page and the deadline reminders."""

import datetime
import json
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from utblick.testing import login

from .. import ical
from ..models import Call, FeedToken, ReminderSent, Watch
from ..reminders import send_deadline_reminders
from .conftest import EU_CUT
from .factories import CallFactory, deadline
from .helpers import public_url, url

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def events(client, municipality, token):
    response = client.get(public_url("funding_feed", municipality.slug, token.token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [c for c in calendar.walk("VEVENT")], calendar


def call_events(found):
    return [e for e in found if str(e["UID"]).startswith("deadline-")]


def test_feed_parses_with_brussels_times_and_stable_uids(client, home):
    token = home.records["funding_feed_token"]
    found, calendar = events(client, home.municipality, token)
    uid = f"deadline-{home.records['funding_deadline'].pk}@{ical.uid_host()}"
    # The test world holds other apps' calls too; this test follows the funding one.
    assert len(call_events(found)) >= 1
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    (event,) = [e for e in call_events(found) if e["UID"] == uid]
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    expected = home.records["funding_deadline"].due
    assert start == expected
    assert start.astimezone(STOCKHOLM).hour == 23  # a calendar in Sweden shows local time
    assert event["UID"] == f"deadline-{home.records['funding_deadline'].pk}@{ical.uid_host()}"
    assert "DTSTAMP" in event and int(event["SEQUENCE"]) == 0
    again, _calendar = events(client, home.municipality, token)
    assert [e for e in call_events(again) if e["UID"] == uid][0]["SEQUENCE"] == event["SEQUENCE"]


def test_changing_a_deadline_raises_sequence(client, home, tmp_path):
    call_command("import_calls", str(EU_CUT), "--no-embeddings", verbosity=0)
    call = Call.objects.get(identifier="CERV-2026-CITIZENS-TOWN-TT")
    Watch.objects.create(municipality=home.municipality, call=call, user=home.users["rep"])
    token = FeedToken.objects.create(
        municipality=home.municipality, kind=FeedToken.Kind.USER, user=home.users["rep"]
    )
    text = EU_CUT.read_text(encoding="utf-8-sig")
    decoder, offset, records = json.JSONDecoder(), 0, []
    while offset < len(text):
        record, offset = decoder.raw_decode(text, offset)
        if record["topicId"] == call.identifier:
            record["deadline"] = "2026-10-07"
        records.append(record)
    moved = tmp_path / "moved.json"
    moved.write_text("".join(json.dumps(r) for r in records), encoding="utf-8")
    call_command("import_calls", str(moved), "--no-embeddings", verbosity=0)
    deadline_row = call.deadlines.get()
    assert deadline_row.sequence == 1
    found, _calendar = events(client, home.municipality, token)
    (event,) = [e for e in found if call.identifier in str(e["SUMMARY"])]
    assert int(event["SEQUENCE"]) == 1
    assert event["UID"] == f"deadline-{deadline_row.pk}@{ical.uid_host()}"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour) == (datetime.date(2026, 10, 7), 17)
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_user_and_unit_feeds_show_their_watch_lists_only(client, home):
    mine = CallFactory(title="Mine")
    deadline(mine)
    other = CallFactory(title="Not mine")
    deadline(other)
    Watch.objects.create(municipality=home.municipality, call=mine, user=home.users["reader"])
    token = FeedToken.objects.create(
        municipality=home.municipality, kind=FeedToken.Kind.USER, user=home.users["reader"]
    )
    found, _calendar = events(client, home.municipality, token)
    assert [str(e["SUMMARY"]).endswith("Mine") for e in call_events(found)] == [True]
    unit_token = FeedToken.objects.create(
        municipality=home.municipality,
        kind=FeedToken.Kind.UNIT,
        unit=home.unit,
        user=home.users["rep"],
    )
    found, _calendar = events(client, home.municipality, unit_token)
    assert [str(e["SUMMARY"]) for e in call_events(found)] == [
        f"Deadline: {home.records['funding_call'].identifier} – Nordplus Junior 2027"
    ]


def test_wrong_token_or_wrong_municipality_is_404(client, home, away):
    assert client.get(public_url("funding_feed", home.municipality.slug, "nope")).status_code == 404
    away_token = away.records["funding_feed_token"].token
    response = client.get(public_url("funding_feed", home.municipality.slug, away_token))
    assert response.status_code == 404


def test_calendar_page_lists_watched_deadlines_and_feed_addresses(client, home, away):
    login(client, home.users["rep"])
    response = client.get(url("funding_calendar", home.municipality.slug))
    page = response.content.decode()
    assert "Nordplus Junior 2027" in page
    tokens = FeedToken.objects.filter(municipality=home.municipality, user=home.users["rep"])
    assert set(tokens.values_list("kind", flat=True)) == {"municipality", "user", "unit"}
    for token in tokens:
        assert token.token in page
    # Everyone has their own addresses: not the coordinator's, not another municipality's.
    assert home.records["funding_feed_token"].token not in page
    assert away.records["funding_feed_token"].token not in page


@pytest.fixture
def watched(home):
    call = CallFactory(title="Watched call", url="https://example.org/call")
    soon = deadline(call, days=5)
    later = deadline(call, days=40)
    Watch.objects.create(municipality=home.municipality, call=call, user=home.users["reader"])
    Watch.objects.create(municipality=home.municipality, call=call, unit=home.unit)
    for user in (home.users["reader"], home.users["rep"]):
        user.email = f"{user.username}@example.org"
        user.save()
    return soon, later


def test_reminders_go_out_once_to_watchers_within_the_window(home, watched, settings):
    settings.FUNDING_REMINDER_DAYS = 14
    mail.outbox.clear()
    assert send_deadline_reminders() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [home.users["reader"].email, home.users["rep"].email]
    )  # the user's own list and the unit's representative
    assert "Watched call" in mail.outbox[0].body
    assert send_deadline_reminders() == 0
    call_command("send_deadline_reminders", verbosity=0)
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


def test_a_moved_deadline_is_reminded_again(home, watched):
    soon, _later = watched
    send_deadline_reminders(days=14)
    soon.due += datetime.timedelta(days=2)
    soon.save()
    assert send_deadline_reminders(days=14) == 2
