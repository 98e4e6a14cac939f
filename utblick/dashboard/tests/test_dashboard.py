"""The staff start page per role: what a coordinator, a unit representative and a reader
each need this week, every item linked to where it is handled, in a constant number of
queries however much there is."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from utblick.core.tests.test_swedish_text import english_in, visible_text
from utblick.funding.models import CallMark, Watch
from utblick.funding.tests.factories import CallFactory, NeedFactory, deadline
from utblick.isg.models import ActionItem, Meeting, MeetingDecision
from utblick.jobs.models import Job
from utblick.newsletter.models import Delivery
from utblick.newsletter.tests.factories import IssueFactory, subscribe_active
from utblick.projects.models import Project, ProjectReport
from utblick.projects.tests.factories import ProjectFactory
from utblick.strategy.models import Activity
from utblick.testing import login

pytestmark = pytest.mark.django_db


def sections(client, home, persona):
    """{section key: its visible text} of the start page, and the page's HTML."""
    login(client, home.users[persona])
    response = client.get(
        reverse("staff:dashboard", args=[home.municipality.slug]), HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 200
    html = response.content.decode()
    found = dict(re.findall(r'data-section="(\w+)">(.*?)</section>', html, flags=re.DOTALL))
    return {key: " ".join(visible_text(body).split()) for key, body in found.items()}, html


def add_week_of_work(home, n=1, start=0):
    """``n`` of everything the start pages show: deadlines, reports, meetings with action
    items and decisions, failed deliveries, running jobs, activities, needs, projects."""
    municipality, unit = home.municipality, home.unit
    issue_list = home.records["issue"].mailing_list
    for index in range(start, start + n):
        call = CallFactory(title=f"Kreativa Europa {index}")
        deadline(call, days=10)
        Watch.objects.create(municipality=municipality, call=call, unit=unit)
        need = NeedFactory(municipality=municipality, unit=unit, title=f"Ungdomsutbyte {index}")
        CallMark.objects.create(need=need, call=call, relevant=True)
        project = ProjectFactory(
            municipality=municipality, unit=unit, title=f"Gröna gränser {index}",
            title_sv=f"Gröna gränser {index}", status=Project.Status.ONGOING,
            grant=Decimal("12500"), own_cash=Decimal("5000"),
        )  # fmt: skip
        ProjectReport.objects.create(
            project=project, title="Delrapport", kind=ProjectReport.Kind.INTERIM,
            due_date=timezone.localdate() + datetime.timedelta(days=20),
        )  # fmt: skip
        meeting = Meeting.objects.create(
            municipality=municipality, place=f"Stadshuset {index}",
            starts_at=timezone.now() + datetime.timedelta(days=30 + index),
        )  # fmt: skip
        ActionItem.objects.create(
            meeting=meeting, description=f"Boka lokal {index}", owner=unit.name
        )
        MeetingDecision.objects.create(meeting=meeting, text=f"Beslut nummer {index}")
        issue = IssueFactory(municipality=municipality, mailing_list=issue_list)
        Delivery.objects.create(
            issue=issue, subscriber=subscribe_active(issue_list), status=Delivery.Status.FAILED
        )
        Job.objects.create(
            municipality=municipality, title=f"Import {index}", handler="x.y",
            status=Job.Status.RUNNING,
        )  # fmt: skip
        plan = home.records["activity"].action_plan
        Activity.objects.create(
            municipality=municipality, action_plan=plan, unit=unit, key=f"X{index}",
            focus_area=home.records["activity"].focus_area, title=f"Ny aktivitet {index}",
            title_sv=f"Ny aktivitet {index}", status=Activity.Status.ONGOING, progress=20,
        )  # fmt: skip


def test_the_coordinator_sees_the_months_deadlines_meeting_actions_deliveries_and_jobs(
    client, home
):
    add_week_of_work(home)
    found, html = sections(client, home, "coordinator")
    assert list(found) == ["deadlines", "meeting", "actions", "deliveries", "jobs"]
    assert "Sista dag för utlysningen Kreativa Europa 0" in found["deadlines"]
    assert "Rapport ”Delrapport” för Gröna gränser 0" in found["deadlines"]
    assert "Nordplus Junior 2027" not in found["deadlines"]  # in 60 days: not this month
    assert "Stadshuset" in found["meeting"] and "dagordning med 1 punkter" in found["meeting"]
    assert "Boka lokal 0" in found["actions"] and "Skriv ansökan" in found["actions"]
    assert "1 levererades inte" in found["deliveries"]
    assert "Import 0" in found["jobs"]
    # Every item links to the page where it is handled.
    call = reverse("staff:call_detail", args=[home.municipality.slug, 1])[:-2]
    assert call in html
    assert not english_in(" ".join(found.values()))


def test_a_unit_representative_sees_their_units_work_only(client, home):
    add_week_of_work(home)
    found, _html = sections(client, home, "rep")
    assert list(found) == ["activities", "needs", "projects", "deadlines", "meeting", "actions"]
    assert "Ny aktivitet 0" in found["activities"]
    assert "Samverka med näringslivsenheten" in found["activities"]
    assert "Ungdomsutbyte 0" in found["needs"] and "1 utlysningar markerade" in found["needs"]
    assert "Gröna gränser 0" in found["projects"]
    assert "Boka lokal 0" in found["actions"]  # owned by the unit
    assert "Skriv ansökan" not in found["actions"]  # owned by Anna
    other, _html = sections(client, home, "rep_other")
    assert "Ny aktivitet 0" not in other["activities"]
    assert "Gröna gränser 0" not in other["projects"]
    # Empty sections say what to do next.
    assert "Beskriv vad din enhet behöver" in other["needs"]
    assert "deliveries" not in found and "jobs" not in found


def test_a_reader_sees_progress_funding_and_decisions_in_swedish_format_with_nothing_to_edit(
    client, home
):
    add_week_of_work(home)
    found, html = sections(client, home, "reader")
    assert list(found) == ["plan", "funding", "decisions"]
    assert "aktiviteter klara" in found["plan"]
    funding = found["funding"].replace("\xa0", " ")
    # Swedish format: a space between thousands, "kr" after, a decimal comma.
    assert re.search(r"Beviljat stöd \d{1,3}( \d{3})+ kr Egen insats \d{1,3}( \d{3})* kr", funding)
    assert re.search(r"Externa kronor per egen krona \d+,\d\d", funding)
    assert "Beslut nummer 0" in found["decisions"]
    links = re.findall(r'href="([^"]+)"', html[html.index("role-title") :])
    assert not [link for link in links if link.endswith(("/edit/", "/new/", "/delete/"))]


@pytest.mark.parametrize("persona", ["coordinator", "rep", "reader"])
def test_the_start_page_costs_the_same_number_of_queries_with_more_data(client, home, persona):
    url = reverse("staff:dashboard", args=[home.municipality.slug])
    login(client, home.users[persona])
    add_week_of_work(home, n=1)
    client.get(url)  # warm the per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_week_of_work(home, n=6, start=1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), "\n".join(q["sql"][:300] for q in many.captured_queries)
