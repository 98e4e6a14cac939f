"""A call's status as of today and the order of the call lists: a call whose deadlines have
all passed is closed (whatever the source said when it was imported) and listed last; the
others are listed by their next deadline."""

import datetime

import pytest
from django.urls import reverse

from utblick.testing import login

from ..models import Call
from .factories import CallFactory, deadline


@pytest.fixture
def scheduled(db):
    # Imported as open, but its only deadline passed yesterday.
    expired = CallFactory(identifier="A-EXPIRED", title="Expired", status=Call.Status.OPEN)
    deadline(expired, days=-1)
    # Two deadlines, the first passed: it is still open and sorts by the second.
    two_stage = CallFactory(identifier="B-TWO-STAGE", title="Two stages")
    deadline(two_stage, days=-10)
    deadline(two_stage, days=40)
    soon = CallFactory(identifier="C-SOON", title="Soon")
    deadline(soon, days=5)
    forthcoming = CallFactory(
        identifier="D-FORTHCOMING",
        title="Forthcoming",
        status=Call.Status.FORTHCOMING,
        opening_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    deadline(forthcoming, days=90)
    opened = CallFactory(
        identifier="E-OPENED",
        title="Opened since",
        status=Call.Status.FORTHCOMING,
        opening_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    deadline(opened, days=20)
    closed_long_ago = CallFactory(identifier="F-CLOSED", status=Call.Status.CLOSED)
    deadline(closed_long_ago, days=-300)


def url(name, *args):
    """The Swedish staff page (the funding helpers give the English one)."""
    return reverse(f"staff:{name}", args=args)


OURS = {"A-EXPIRED", "B-TWO-STAGE", "C-SOON", "D-FORTHCOMING", "E-OPENED", "F-CLOSED"}
ORDER = ["C-SOON", "E-OPENED", "B-TWO-STAGE", "D-FORTHCOMING", "A-EXPIRED", "F-CLOSED"]


def _staff_list(client, home, **params):
    response = client.get(url("call_list", home.municipality.slug), params)
    assert response.status_code == 200
    rows = [c for c in response.context["object_list"] if c.identifier in OURS]
    return rows, response.content.decode()


def test_staff_list_sorts_by_next_deadline_and_closes_expired_calls(client, home, scheduled):
    login(client, home.users["reader"])
    rows, html = _staff_list(client, home)
    assert [c.identifier for c in rows] == ORDER
    assert _statuses(html) == {
        "C-SOON": "Öppen",
        "E-OPENED": "Öppen",
        "B-TWO-STAGE": "Öppen",
        "D-FORTHCOMING": "Kommande",
        "A-EXPIRED": "Stängd",
        "F-CLOSED": "Stängd",
    }


def _statuses(html):
    """The status cell of each of our rows in the staff list."""
    found = {}
    for identifier in OURS:
        row = html[html.index(f"<strong>{identifier}</strong>") :].split("</tr>")[0]
        found[identifier] = row.split("<td>")[2].split("</td>")[0].strip()
    return found


def test_staff_status_filter_uses_the_status_as_of_today(client, home, scheduled):
    login(client, home.users["reader"])
    closed, _html = _staff_list(client, home, status="closed")
    assert {c.identifier for c in closed} == {"A-EXPIRED", "F-CLOSED"}
    open_calls, _html = _staff_list(client, home, status="open")
    assert {c.identifier for c in open_calls} == {"B-TWO-STAGE", "C-SOON", "E-OPENED"}


def test_call_page_shows_an_expired_call_as_closed(client, home, scheduled):
    login(client, home.users["reader"])
    expired = Call.objects.get(identifier="A-EXPIRED")
    html = client.get(url("call_detail", home.municipality.slug, expired.pk)).content.decode()
    assert "Stängd" in html and "Öppen" not in html


def test_api_lists_calls_by_next_deadline_with_their_status_as_of_today(client, scheduled):
    body = client.get("/api/v1/calls/", {"page_size": 100}).json()
    rows = [r for r in body["results"] if r["identifier"] in OURS]
    assert [r["identifier"] for r in rows] == ORDER
    assert {r["identifier"]: r["status"] for r in rows}["A-EXPIRED"] == "closed"
    closed = client.get("/api/v1/calls/", {"status": "closed", "page_size": 100}).json()
    assert {r["identifier"] for r in closed["results"]} & OURS == {"A-EXPIRED", "F-CLOSED"}
