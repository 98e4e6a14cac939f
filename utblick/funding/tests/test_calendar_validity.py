"""The calendar feeds pass an RFC 5545 check in both languages, with real event ends,
texts in the feed's language, UIDs on the site's domain, HEAD, and fresh watch lists
(issue #17)."""

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from ..models import FeedToken
from ..services import toggle_watch
from . import ical_checks
from .factories import CallFactory, deadline


def feed_url(side, token, language):
    with translation.override(language):
        return reverse("public:funding_feed", args=[side.municipality.slug, token.token])


def tokens(side):
    return [
        side.records["funding_feed_token"],
        # Every address belongs to a person: the unit's feed to its representative.
        FeedToken.objects.create(
            municipality=side.municipality,
            kind=FeedToken.Kind.UNIT,
            unit=side.unit,
            user=side.users["rep"],
        ),
        FeedToken.objects.create(
            municipality=side.municipality, kind=FeedToken.Kind.USER, user=side.users["rep"]
        ),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_calendar_feed_passes_the_rfc_5545_check(client, home, language):
    for token in tokens(home):
        response = client.get(feed_url(home, token, language))
        assert response.status_code == 200
        assert ical_checks.problems(response.content) == [], token.kind
        calendar = Calendar.from_ical(response.content)
        assert calendar.walk("VEVENT"), token.kind


def test_texts_are_in_the_language_of_the_feed_address(client, home):
    token = home.records["funding_feed_token"]
    swedish = client.get(feed_url(home, token, "sv")).content.decode()
    english = client.get(feed_url(home, token, "en")).content.decode()
    assert "SUMMARY:Sista ansökningsdag: " in swedish
    assert "DESCRIPTION:Sista ansökningsdag: " in swedish
    assert "Deadline" not in swedish
    assert "SUMMARY:Deadline: " in english


def test_a_head_request_answers_like_a_get(client, home):
    url = feed_url(home, home.records["funding_feed_token"], "sv")
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"] == client.get(url)["Content-Type"]


def test_uids_are_on_the_configured_site_s_domain(client, home, settings):
    settings.SITE_URL = "https://utblick.trollhattan.se"
    body = client.get(feed_url(home, home.records["funding_feed_token"], "sv")).content
    uids = [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")]
    assert uids and all(uid.endswith("@utblick.trollhattan.se") for uid in uids)


def test_a_newly_watched_call_is_in_the_feed_at_once(client, home, settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    token = FeedToken.objects.create(
        municipality=home.municipality, kind=FeedToken.Kind.USER, user=home.users["reader"]
    )
    url = feed_url(home, token, "sv")
    first = client.get(url)
    assert "Nyss bevakad" not in first.content.decode()
    # A feed address is personal and revocable: no cache (ours or a proxy's) keeps it.
    assert "private" in first["Cache-Control"]
    assert client.get(url).get("X-Utblick-Cache") != "hit"
    call = CallFactory(title="Nyss bevakad")
    deadline(call)
    toggle_watch(municipality=home.municipality, call=call, user=home.users["reader"])
    assert "Nyss bevakad" in client.get(url).content.decode()
    toggle_watch(municipality=home.municipality, call=call, user=home.users["reader"])
    assert "Nyss bevakad" not in client.get(url).content.decode()


BROKEN = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    b"BEGIN:VEVENT\r\nUID:a@b\r\n"
    b"DTSTART;TZID=Europe/Brussels:20261201T170000\r\n"
    b"DTEND;TZID=Europe/Brussels:20261201T170000\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20261201T170000Z\r\n"
    b"DTSTART;VALUE=DATE:20261201\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_the_check_finds_a_broken_calendar():
    assert ical_checks.problems(BROKEN) == [
        "calendar: no PRODID",
        "TZID Europe/Brussels is used but has no VTIMEZONE",
        "event 1 (a@b): no DTSTAMP",
        "event 1 (a@b): DTEND is not after DTSTART",
        "event 2 (a@b): UID is not unique",
        "event 2 (a@b): has neither DTEND nor DURATION",
    ]
    assert ical_checks.problems(BROKEN.replace(b"\r\n", b"\n"))[0] == (
        "a line does not end in CRLF"
    )
