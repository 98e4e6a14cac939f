"""The staff start page per role: what a coordinator, a unit representative and a reader
each need this week, every item linked to where it is handled, in a constant number of
queries however much there is."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from utblick.core import public_cache
from utblick.core.tests.test_swedish_text import english_in, visible_text
from utblick.documents.models import GoverningDocument
from utblick.documents.services import save_document
from utblick.documents.tests.factories import DocumentFactory
from utblick.funding.models import CallMark, Need, Watch
from utblick.funding.tests.factories import CallFactory, NeedFactory, deadline
from utblick.isg.models import ActionItem, Meeting, MeetingDecision
from utblick.jobs.models import Job
from utblick.newsletter.models import Delivery
from utblick.newsletter.tests.factories import IssueFactory, subscribe_active
from utblick.projects.models import Project, ProjectReport
from utblick.projects.services import save_project
from utblick.projects.tests.factories import ProjectFactory
from utblick.strategy.models import ActionPlan, Activity
from utblick.tenancy.models import Membership
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
    assert list(found) == ["deadlines", "matches", "meeting", "actions", "deliveries", "jobs"]
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


def test_a_representative_finds_the_action_items_owned_in_another_case(client, home):
    # Owners are typed in the minutes; "Å", "Ö" and "É" are not ASCII letters, which is all
    # SQLite's own case folding knows.
    rep = home.users["rep"]
    rep.first_name, rep.last_name = "Åsa", "Öberg-Éden"
    rep.save()
    meeting = Meeting.objects.create(
        municipality=home.municipality, place="Stadshuset",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    for description, owner in (
        ("Boka tolk", "ÅSA ÖBERG-ÉDEN"),
        ("Skicka inbjudan", home.unit.name.upper()),
        ("Beställ fika", "Åke Öst"),
    ):
        ActionItem.objects.create(meeting=meeting, description=description, owner=owner)
    found, _html = sections(client, home, "rep")
    assert "Boka tolk" in found["actions"] and "Skicka inbjudan" in found["actions"]
    assert "Beställ fika" not in found["actions"]


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


def test_the_coordinator_sees_plan_follow_ups_due_with_the_other_deadlines(client, home):
    plan = home.records["activity"].action_plan
    today = timezone.localdate()
    document = DocumentFactory(
        municipality=home.municipality, title_sv="Handlingsplanen som dokument",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=today - datetime.timedelta(days=100),
        follow_up_on=today + datetime.timedelta(days=12),
    )  # fmt: skip
    ActionPlan.objects.filter(pk=plan.pk).update(document=document)
    found, html = sections(client, home, "coordinator")
    assert f"Uppföljning av handlingsplanen {plan.title}" in found["deadlines"]
    # Once, as the plan's follow-up (not again as a document review), linked to the report.
    assert "Handlingsplanen som dokument" not in found["deadlines"]
    assert reverse("staff:action_plan_report", args=[home.municipality.slug, plan.pk]) in html
    save_document(
        municipality=home.municipality,
        user=home.users["coordinator"],
        document=document,
        follow_up_on=today + datetime.timedelta(days=45),
    )
    found, _html = sections(client, home, "coordinator")
    assert "Uppföljning av handlingsplanen" not in found["deadlines"]  # not this month


def later(home, *, hours):
    """As if the coordinator's last view of the start page was ``hours`` earlier."""
    Membership.objects.filter(user=home.users["coordinator"]).update(
        last_visit_at=F("last_visit_at") - datetime.timedelta(hours=hours),
        previous_visit_at=F("previous_visit_at") - datetime.timedelta(hours=hours),
    )
    CallMark.objects.update(marked_at=F("marked_at") - datetime.timedelta(hours=hours))


def test_the_coordinator_sees_calls_marked_for_open_needs_since_the_last_visit_only(client, home):
    need = NeedFactory(municipality=home.municipality, unit=home.unit, title="Kulturskolan")
    funded = NeedFactory(
        municipality=home.municipality, unit=home.unit, title="Badhuset",
        status=Need.Status.FUNDED,
    )  # fmt: skip
    CallMark.objects.create(need=need, call=CallFactory(title="Musik utan gränser"), relevant=True)
    CallMark.objects.create(need=need, call=CallFactory(title="Ointressant"), relevant=False)
    CallMark.objects.create(need=funded, call=CallFactory(title="Simhallar"), relevant=True)
    found, html = sections(client, home, "coordinator")  # the first visit: the last 30 days
    assert "Musik utan gränser för behovet Kulturskolan" in found["matches"]
    assert "Ointressant" not in found["matches"] and "Simhallar" not in found["matches"]
    assert reverse("staff:need_detail", args=[home.municipality.slug, need.pk]) in html
    # A reload is the same visit: what was new when it began is still shown.
    found, _html = sections(client, home, "coordinator")
    assert "Musik utan gränser för behovet Kulturskolan" in found["matches"]
    # The next visit (more than an hour later): nothing new since the previous one, and the
    # section says what to do.
    later(home, hours=2)
    found, _html = sections(client, home, "coordinator")
    assert "Musik utan gränser" not in found["matches"]
    assert "Inget nytt" in found["matches"]
    CallMark.objects.create(need=need, call=CallFactory(title="Kreativ skola"), relevant=True)
    later(home, hours=2)
    found, _html = sections(client, home, "coordinator")
    assert "Kreativ skola för behovet Kulturskolan" in found["matches"]
    assert "Musik utan gränser" not in found["matches"]
    # Readers have no such section.
    assert "matches" not in sections(client, home, "reader")[0]


def test_the_readers_charts_have_tables_with_the_figures_in_swedish_format(client, home):
    add_week_of_work(home)  # a new activity at 20 % beside the plan's own at 40 %
    for grant in ("12500", "10000"):
        ProjectFactory(
            municipality=home.municipality, status=Project.Status.COMPLETED,
            start_date=datetime.date(2031, 3, 1), grant=Decimal(grant),
        )  # fmt: skip
    found, html = sections(client, home, "reader")
    plan = html[html.index('data-section="plan"') :]
    plan = plan[: plan.index("</section>")]
    assert '<svg role="img" aria-labelledby="plan-progress-title"' in plan
    assert "<caption>Genomsnittligt framsteg för aktiviteterna per fokusområde</caption>" in plan
    assert "Näringslivsutveckling 2 30 %" in found["plan"].replace("\xa0", " ")
    assert "Hållbar samhällsutveckling 1 0 %" in found["plan"].replace("\xa0", " ")
    funding = html[html.index('data-section="funding"') :]
    funding = funding[: funding.index("</section>")]
    assert '<svg role="img" aria-labelledby="funding-per-year-title"' in funding
    rows = re.findall(r"<tr><th scope=\"row\">(\d{4})</th><td>(\d+)</td><td>([^<]+)</td>", funding)
    assert ("2031", "2", "22\xa0500\xa0kr") in rows
    assert not english_in(found["plan"] + found["funding"])


@pytest.mark.parametrize("persona", ["coordinator", "rep", "reader"])
def test_the_start_page_costs_the_same_number_of_queries_with_more_data(client, home, persona):
    url = reverse("staff:dashboard", args=[home.municipality.slug])
    login(client, home.users[persona])
    add_week_of_work(home, n=1)
    client.get(url)  # warm the per-process caches (content types, sessions)
    # Measured with the figures computed afresh both times (no cached aggregates).
    public_cache.invalidate(home.municipality.slug)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_week_of_work(home, n=6, start=1)
    public_cache.invalidate(home.municipality.slug)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), "\n".join(q["sql"][:300] for q in many.captured_queries)


@pytest.mark.parametrize("persona", ["coordinator", "reader"])
def test_the_figures_are_kept_until_the_municipalitys_data_change(client, home, persona):
    url = reverse("staff:dashboard", args=[home.municipality.slug])
    login(client, home.users[persona])
    client.get(url)
    public_cache.invalidate(home.municipality.slug)
    with CaptureQueriesContext(connection) as fresh:
        before = client.get(url).context["counts"]["projects"]
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    # A repeated visit neither counts the registry nor reads the history again...
    assert len(again) < len(fresh)
    assert not [q for q in again.captured_queries if "historical" in q["sql"]]
    assert [q for q in fresh.captured_queries if "historical" in q["sql"]]
    # ...until something changes (through the services): then the figures are fresh.
    save_project(
        municipality=home.municipality,
        user=home.users["coordinator"],
        title_sv="Nytt projekt",
        unit=home.unit,
        role="partner",
        status="idea",
        is_public=False,
    )
    assert client.get(url).context["counts"]["projects"] == before + 1
