"""The follow-up report: figures recomputed from the records."""

import datetime
import re
from decimal import Decimal

import pytest

from utblick.projects.models import Project
from utblick.projects.tests.factories import ProjectFactory
from utblick.strategy.models import Activity, FocusArea, FollowUpEntry
from utblick.testing import login

from .factories import activity
from .helpers import docx_text, en

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(home):
    """The world's EUR project on the business area (through an activity) and a SEK project
    on the sustainability area (through its own focus area), and an internal project."""
    plan = home.records["action_plan"]
    sustainable = FocusArea.objects.get(
        strategy=plan.strategy, name_sv="Hållbar samhällsutveckling"
    )
    sek = ProjectFactory(
        municipality=home.municipality,
        title="Gröna skolgårdar",
        title_sv="Gröna skolgårdar",
        unit=home.unit,
        start_date=datetime.date(2025, 2, 1),
        grant=Decimal("300000"),
        own_cash=Decimal("100000"),
        own_in_kind=Decimal("50000"),
        focus_area=sustainable,
    )
    done = activity(
        plan,
        sustainable,
        "A003",
        "Ansöka om medel",
        status=Activity.Status.DONE,
        progress=100,
        unit=home.unit,
    )
    FollowUpEntry.objects.create(
        activity=done,
        date=datetime.date(2026, 6, 1),
        text_sv="Klart.",
        text="Klart.",
        status=Activity.Status.DONE,
    )
    FollowUpEntry.objects.create(
        activity=done,
        date=datetime.date(2024, 6, 1),
        text_sv="Före perioden.",
        text="Före perioden.",
    )
    return plan, sek


def expected(home, plan):
    """Recompute the figures straight from the records, as a reader of the data would."""
    areas = {}
    for area in FocusArea.objects.filter(strategy=plan.strategy):
        projects = set(Project.objects.filter(focus_area=area))
        projects |= {
            p
            for a in Activity.objects.filter(action_plan=plan, focus_area=area)
            for p in a.projects.all()
        }
        rate = {p.pk: (p.exchange_rate if p.currency == "EUR" else Decimal(1)) for p in projects}
        external = sum(((p.grant or 0) * rate[p.pk] for p in projects), Decimal(0))
        own = sum(
            (((p.own_cash or 0) + (p.own_in_kind or 0)) * rate[p.pk] for p in projects),
            Decimal(0),
        )
        items = list(Activity.objects.filter(action_plan=plan, focus_area=area))
        areas[area.pk] = {
            "external": external,
            "own": own,
            "progress": round(sum(a.progress for a in items) / len(items)) if items else 0,
            "done": sum(1 for a in items if a.status == "done"),
        }
    return areas


def figure(text, name):
    match = re.search(rf'data-figure="{name}">([^<]*)<', text)
    assert match, name
    return match.group(1)


def money(value):
    return f"{value:,.0f}".replace(",", "\u00a0") + "\u00a0SEK"


def test_the_report_shows_figures_recomputed_from_the_records(client, home, linked):
    plan, _sek = linked
    login(client, home.users["reader"])
    response = client.get(en("staff:action_plan_report", home.municipality.slug, plan.pk))
    assert response.status_code == 200
    text = response.content.decode()
    areas = expected(home, plan)
    total_external = sum(a["external"] for a in areas.values())
    total_own = sum(a["own"] for a in areas.values())
    # The world's EUR project: 160 000 grant and 40 000 own at 11.5; the SEK one 300 000.
    assert total_external == Decimal("160000") * Decimal("11.5") + Decimal("300000")
    assert figure(text, "external") == money(total_external)
    assert figure(text, "own") == money(total_own)
    assert figure(text, "leverage") == str((total_external / total_own).quantize(Decimal("0.01")))
    for pk, area in areas.items():
        assert (
            figure(text, f"external-{pk}") == money(area["external"]) if area["external"] else True
        )
        assert figure(text, f"progress-{pk}") == str(area["progress"])
        assert figure(text, f"status-{pk}-done") == str(area["done"])
    sustainable = FocusArea.objects.get(
        strategy=plan.strategy, name_sv="Hållbar samhällsutveckling"
    )
    assert figure(text, f"leverage-{sustainable.pk}") == "2.00"


def test_the_report_lists_the_entries_of_the_period_only(client, home, linked):
    plan, _sek = linked
    login(client, home.users["reader"])
    url = en("staff:action_plan_report", home.municipality.slug, plan.pk)
    text = client.get(url, {"start": "2026-01-01", "end": "2026-12-31"}).content.decode()
    assert "Klart." in text
    assert "Före perioden." not in text
    assert "Första mötet hölls." not in text  # 2025-03-01, outside this period
    whole = client.get(url).content.decode()
    assert "Första mötet hölls." in whole


def test_the_report_names_partnerships_networks_and_the_internal_project(client, home, linked):
    plan, _sek = linked
    own = home.records["activity"]
    own.projects.add(home.records["internal_project"])
    login(client, home.users["reader"])
    text = client.get(
        en("staff:action_plan_report", home.municipality.slug, plan.pk)
    ).content.decode()
    assert "Intern förstudie" in text  # staff see internal projects in their report
    for partnership in own.partnerships.all():
        assert str(partnership) in text


def test_the_report_as_docx_and_pdf(client, home, linked):
    plan, _sek = linked
    login(client, home.users["reader"])
    docx = client.get(en("staff:action_plan_report_file", home.municipality.slug, plan.pk, "docx"))
    text = docx_text(docx.content)
    assert "Gröna skolgårdar" in text
    assert "Gröna skolgårdar 300 000 SEK 150 000 SEK 2.00" in text
    assert "Klart." in text
    pdf = client.get(en("staff:action_plan_report_file", home.municipality.slug, plan.pk, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_report_keeps_a_constant_number_of_queries(
    client, home, linked, django_assert_max_num_queries
):
    plan, _sek = linked
    login(client, home.users["reader"])
    url = en("staff:action_plan_report", home.municipality.slug, plan.pk)
    area = home.records["activity"].focus_area
    for number in range(30):
        extra = activity(plan, area, f"B{number:03d}", f"Aktivitet {number}", unit=home.unit)
        extra.projects.add(ProjectFactory(municipality=home.municipality, grant=Decimal(1000)))
        FollowUpEntry.objects.create(activity=extra, date=datetime.date(2025, 5, 1), text_sv="x")
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
