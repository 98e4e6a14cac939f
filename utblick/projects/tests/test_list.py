import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from utblick.core import public_cache
from utblick.testing import login

from ..models import Project
from .factories import ProjectFactory, TagFactory, goal, programme
from .helpers import url

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=30)
FUTURE = TODAY + datetime.timedelta(days=30)


def titles(response):
    return {p.title_sv for p in response.context["object_list"]}


def get_list(client, side, **params):
    login(client, side.users["reader"])
    response = client.get(url("project_list", side.municipality.slug), params)
    assert response.status_code == 200
    return response


@pytest.fixture(autouse=True)
def only_our_samples(home):
    """Other apps add projects to the test world too; these tests start from ours only."""
    ours = [home.records["public_project"].pk, home.records["internal_project"].pk]
    Project.objects.filter(municipality=home.municipality).exclude(pk__in=ours).delete()


@pytest.fixture
def make(home):
    def make(title, **fields):
        return ProjectFactory(municipality=home.municipality, title=title, title_sv=title, **fields)

    return make


def test_list_shows_the_columns_of_the_municipality_s_projects_only(client, home, away):
    response = get_list(client, home)
    page = response.content.decode()
    assert "GREEN" in page
    assert "Green border towns" in page
    assert "Interreg Europe" in page
    assert "Lead partner" in page
    assert "Ongoing" in page
    assert "2024-03-01 – 2099-02-28" in page
    assert "160\xa0000\xa0EUR" in page
    assert titles(response) == {"Gröna gränsstäder", "Intern förstudie"}
    away.records["project"].title_sv = "Motalas projekt"
    away.records["project"].save()
    assert "Motalas projekt" not in get_list(client, home).content.decode()


def test_filter_by_status_role_programme_and_visibility(client, home, make):
    make("Ansökt", status=Project.Status.SUBMITTED, role=Project.Role.ASSOCIATED)
    make("Erasmus", programme=programme("Erasmus+"), is_public=True)
    assert titles(get_list(client, home, status="submitted")) == {"Ansökt"}
    assert titles(get_list(client, home, role="associated")) == {"Ansökt"}
    erasmus = programme("Erasmus+").pk
    assert titles(get_list(client, home, programme=erasmus)) == {"Erasmus"}
    assert titles(get_list(client, home, visibility="public")) == {"Gröna gränsstäder", "Erasmus"}
    assert titles(get_list(client, home, visibility="internal")) == {
        "Intern förstudie",
        "Ansökt",
    }


def test_filter_by_unit_includes_projects_where_the_unit_takes_part(client, home, make):
    shared = make("Delat", unit=home.other_unit)
    shared.other_units.add(home.unit)
    make("Bara andra", unit=home.other_unit)
    assert titles(get_list(client, home, unit=home.unit.pk)) == {
        "Gröna gränsstäder",
        "Intern förstudie",
        "Delat",
    }
    assert titles(get_list(client, home, unit=home.other_unit.pk)) == {"Delat", "Bara andra"}


def test_unit_of_another_municipality_is_not_a_valid_choice(client, home, away):
    response = get_list(client, home, unit=away.unit.pk)
    assert "unit" in response.context["filter"].form.errors


def test_filter_by_year_keeps_projects_running_in_that_year(client, home, make):
    make("2019–2021", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2021, 6, 30))
    make("2022–", start_date=datetime.date(2022, 9, 1))
    make("Utan datum")
    assert titles(get_list(client, home, year=2020)) == {"2019–2021"}
    assert titles(get_list(client, home, year=2021)) == {"2019–2021"}
    assert titles(get_list(client, home, year=2023)) == {"2022–"}
    assert titles(get_list(client, home, year=2025)) == {"2022–", "Gröna gränsstäder"}


def test_ongoing_and_completed_follow_from_status_and_dates(client, home, make):
    make("Beviljat pågår", status=Project.Status.GRANTED, end_date=FUTURE)
    make("Pågår utan slut", status=Project.Status.ONGOING)
    make("Pågår men passerat", status=Project.Status.ONGOING, end_date=PAST)
    make("Avslutat", status=Project.Status.COMPLETED, end_date=FUTURE)
    make("Avslaget", status=Project.Status.REJECTED, end_date=PAST)
    make("Slutar idag", status=Project.Status.ONGOING, end_date=TODAY)
    assert titles(get_list(client, home, phase="ongoing")) == {
        "Gröna gränsstäder",
        "Beviljat pågår",
        "Pågår utan slut",
        "Slutar idag",
    }
    assert titles(get_list(client, home, phase="completed")) == {
        "Pågår men passerat",
        "Avslutat",
    }


def test_filter_by_goal_and_tag(client, home, make):
    climate = make("Klimat och vatten")
    climate.goals.set([goal(13), goal(6)])
    climate.tags.set([TagFactory(name="vatten"), TagFactory(name="klimat")])
    assert titles(get_list(client, home, goal=goal(13).pk)) == {
        "Gröna gränsstäder",
        "Klimat och vatten",
    }
    assert titles(get_list(client, home, goal=goal(6).pk)) == {"Klimat och vatten"}
    water = climate.tags.get(name="vatten")
    assert titles(get_list(client, home, tag=water.pk)) == {"Klimat och vatten"}
    climate_tag = climate.tags.get(name="klimat")
    response = get_list(client, home, tag=climate_tag.pk, goal=goal(13).pk)
    assert titles(response) == {"Gröna gränsstäder", "Klimat och vatten"}


def test_tag_choices_are_the_tags_used_in_the_municipality(client, home, away):
    away.records["internal_project"].tags.add(TagFactory(name="bara i motala"))
    choices = get_list(client, home).context["filter"].form.fields["tag"].queryset
    assert [tag.name for tag in choices] == ["klimat"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gränsstäder", {"Gröna gränsstäder"}),
        ("border towns", {"Gröna gränsstäder"}),
        ("green", {"Gröna gränsstäder"}),
        ("IE-2024", {"Gröna gränsstäder"}),
        ("INTERN", {"Intern förstudie"}),  # SQLite folds the case of ASCII letters only
        ("cycling", {"Cykla mera"}),
        ("BIKE", {"Cykla mera"}),
        ("nothing like this", set()),
    ],
)
def test_search_on_titles_acronyms_and_call_identifier(client, home, make, query, expected):
    make("Cykla mera", title_en="More cycling", acronym_sv="CYKEL", acronym_en="BIKE")
    assert titles(get_list(client, home, q=query)) == expected


def test_new_project_button_only_for_those_who_may_create(client, home):
    login(client, home.users["reader"])
    new = url("project_create", home.municipality.slug)
    assert new not in client.get(url("project_list", home.municipality.slug)).content.decode()
    login(client, home.users["rep"])
    assert new in client.get(url("project_list", home.municipality.slug)).content.decode()


def _fill_up_to(home, count):
    """Add projects (with programme, units, goals and tags) until the municipality has count."""
    tag = TagFactory(name="mätning")
    existing = Project.objects.filter(municipality=home.municipality).count()
    for n in range(existing, count):
        project = ProjectFactory(
            municipality=home.municipality,
            title=f"Mätprojekt {n}",
            title_sv=f"Mätprojekt {n}",
            programme=programme("Erasmus+"),
            unit=home.unit,
            status=Project.Status.ONGOING,
        )
        project.goals.set([goal(4)])
        project.tags.set([tag])
        project.other_units.set([home.other_unit])


@pytest.mark.parametrize("filtered", [False, True])
def test_list_query_count_is_constant_from_10_to_100_rows(
    client, home, django_assert_num_queries, filtered
):
    params = {}
    if filtered:
        params = {"unit": home.unit.pk, "goal": goal(4).pk, "phase": "ongoing", "q": "projekt"}
    login(client, home.users["coordinator"])
    target = url("project_list", home.municipality.slug)
    _fill_up_to(home, 10)
    client.get(target, params)  # the session and membership are warm from here on
    # Measured with the list made afresh both times (not the page kept in the cache).
    public_cache.invalidate(home.municipality.slug)
    with CaptureQueriesContext(connection) as at_10:
        response = client.get(target, params)
    assert len(response.context["object_list"]) >= 8
    _fill_up_to(home, 100)
    public_cache.invalidate(home.municipality.slug)
    with django_assert_num_queries(len(at_10)):
        response = client.get(target, params)
    assert len(response.context["object_list"]) == 50  # a full page


def test_the_form_and_results_are_kept_until_the_data_change(client, home, make):
    from utblick.projects.services import save_project
    from utblick.tenancy.forms import UnitForm
    from utblick.tenancy.services import save_unit

    target = url("project_list", home.municipality.slug)
    login(client, home.users["reader"])
    params = {"q": "gröna", "unit": home.unit.pk}

    def page(params):
        return client.get(target, params).content.decode()

    def link(project):
        return url("project_detail", home.municipality.slug, project.pk)

    page(params)
    with CaptureQueriesContext(connection) as again:
        html = page(params)
    # The form's lists (units, programmes, goals, tags) and the results are not read again...
    assert not [q for q in again.captured_queries if "projects_" in q["sql"]]
    assert f'<option value="{home.unit.pk}" selected>' in html
    assert link(home.records["public_project"]) in html
    # ...until something changes through the services (an internal project too, which
    # changes no public page); another query has its own form and results.
    form = UnitForm({"name_sv": "Nya enheten", "kind": "office"}, municipality=home.municipality)
    assert form.is_valid(), form.errors
    unit = save_unit(municipality=home.municipality, **form.service_data())
    html = page(params)
    assert f'<option value="{unit.pk}">' in html
    project = save_project(
        municipality=home.municipality,
        user=home.users["coordinator"],
        title_sv="Gröna skolgårdar",
        unit=home.unit,
        is_public=False,
        role="partner",
        status="idea",
    )
    html = page(params)
    assert f'<option value="{unit.pk}">' in html and link(project) in html
    assert f'<option value="{home.unit.pk}" selected>' not in page({"q": "gröna"})
