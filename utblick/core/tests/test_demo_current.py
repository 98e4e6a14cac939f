"""The demo is current on whatever day it is loaded: open calls with deadlines ahead, an
upcoming ISG meeting, and for each demo need a relevant call among its suggestions."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from utblick.documents.models import GoverningDocument
from utblick.funding.models import Call, Need
from utblick.isg.models import Meeting
from utblick.newsletter.models import Issue
from utblick.strategy.models import FollowUpEntry
from utblick.tenancy.models import User
from utblick.testing import login

pytestmark = pytest.mark.django_db

# Long after the calls were harvested (2026-08), and on another weekday and season.
LATER = datetime.datetime(2029, 2, 14, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def later(monkeypatch, django_capture_on_commit_callbacks):
    """Load and view the demo as if it were LATER (timezone.localdate() follows now()); the
    jobs the demo starts after its commit (the calls' semantic index) run, as the worker
    would run them."""
    monkeypatch.setattr(timezone, "now", lambda: LATER)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    return LATER


# For each demo need, calls of the demo cut that are relevant to it.
RELEVANT = {
    "Grön stadsplanering med Fastiv": {
        "HORIZON-MISS-2026-04-CIT-01",
        "LIFE-2026-SAP-CLIMA-CCA",
        "LIFE-2026-SAP-NAT-NATURE",
        "LIFE-2026-CET-HEATCOOLPLAN",
        "HORIZON-CL6-2026-01-CIRCBIO-04",
    },
    "Energibesparing i skolor": {
        "LIFE-2026-CET-BETTERRENO",
        "LIFE-2026-CET-ENERPOV",
        "HORIZON-CL5-2026-09-D4-02",
    },
    "Ungdomsutbyte mot rasism inom idrotten": {"ERASMUS-SPORT-2026-EU-AWARDS-INCLUSION"},
    "Vänortsutbyte med Fastiv": {"CERV-2026-CITIZENS-TOWN-TT"},
}


def test_demo_loaded_later_is_current(client, later):
    login(client, User.objects.get(username="trollhattan-samordnare"))

    calls = client.get(reverse("staff:call_list", args=["trollhattan"]))
    listed = list(calls.context["object_list"])
    # Open calls first, by their next deadline, which is ahead.
    assert listed[0].current_status == Call.Status.OPEN
    assert later < listed[0].next_due < later + datetime.timedelta(days=120)
    assert [c.next_due for c in listed if c.next_due] == sorted(
        c.next_due for c in listed if c.next_due
    )
    html = calls.content.decode()
    assert "Öppen" in html
    assert html.index("Öppen") < html.index("ERC-2026-POC")  # the closed call is last

    meetings = client.get(reverse("staff:isg_meeting_list", args=["trollhattan"]))
    upcoming = Meeting.objects.get(municipality__slug="trollhattan", starts_at__gt=later)
    assert upcoming.starts_at < later + datetime.timedelta(days=60)
    assert reverse("staff:isg_meeting_detail", args=["trollhattan", upcoming.pk]) in (
        meetings.content.decode()
    )

    for title, relevant in RELEVANT.items():
        need = Need.objects.get(municipality__slug="trollhattan", title_sv=title)
        page = client.get(reverse("staff:need_detail", args=["trollhattan", need.pk]))
        top = [s.call.identifier for s in page.context["suggestions"][:3]]
        assert relevant & set(top), f"{title}: {top}"
        assert all(
            later < s.call.deadlines.all()[0].due or len(s.call.deadlines.all()) > 1
            for s in page.context["suggestions"]
        )


def test_demo_loaded_later_has_recent_follow_up_news_and_coming_reviews(client, later):
    today = later.date()
    entries = FollowUpEntry.objects.filter(activity__municipality__slug="trollhattan")
    assert entries.count() == 4
    assert all(today - datetime.timedelta(days=180) < e.date < today for e in entries)
    reviews = GoverningDocument.objects.filter(
        municipality__slug="trollhattan", follow_up_on__isnull=False
    )
    assert reviews and all(d.follow_up_on > today for d in reviews)
    assert min(d.follow_up_on for d in reviews) < today + datetime.timedelta(days=60)
    issue = Issue.objects.get(municipality__slug="motala")
    assert today - datetime.timedelta(days=60) < issue.sent_at.date() < today
    archive = client.get("/motala/nyhetsbrev/arkiv/").content.decode()
    assert issue.subject_sv in archive
