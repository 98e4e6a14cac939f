"""The coordinator's pages for strategies, focus areas, directions and action plans."""

import pytest
from django.urls import reverse

from utblick.projects.models import Project
from utblick.strategy.models import ActionPlan, Activity, Direction, FocusArea, Strategy
from utblick.testing import login

pytestmark = pytest.mark.django_db


def sv(name, *args):
    """A URL of the Swedish (default) interface."""
    return reverse(name, args=args)


def test_the_overview_and_plan_page_link_to_the_pages_for_the_coordinator_only(client, home):
    strategy = home.records["strategy"]
    plan = home.records["action_plan"]
    slug = home.municipality.slug
    links = [
        sv("staff:strategy_create", slug),
        sv("staff:strategy_edit", slug, strategy.pk),
        sv("staff:focus_area_create", slug, strategy.pk),
        sv("staff:action_plan_create", slug, strategy.pk),
        sv("staff:focus_area_edit", slug, home.records["strategy_focus_area"].pk),
        sv("staff:direction_create", slug, home.records["strategy_focus_area"].pk),
        sv("staff:direction_edit", slug, home.records["strategy_direction"].pk),
    ]
    plan_links = [
        sv("staff:action_plan_edit", slug, plan.pk),
        sv("staff:action_plan_delete", slug, plan.pk),
    ]
    for persona, shown in (("coordinator", True), ("rep", False), ("reader", False)):
        login(client, home.users[persona])
        overview = client.get(sv("staff:strategy_overview", slug)).content.decode()
        plan_page = client.get(sv("staff:action_plan_detail", slug, plan.pk)).content.decode()
        for link in links:
            assert (f'href="{link}"' in overview) is shown, (persona, link)
        for link in plan_links:
            assert (f'href="{link}"' in plan_page) is shown, (persona, link)


def test_the_coordinator_creates_a_strategy_with_both_languages(client, home):
    login(client, home.users["coordinator"])
    response = client.post(
        sv("staff:strategy_create", home.municipality.slug),
        {
            "title_sv": "Internationell strategi 2027–2030",
            "title_en": "International strategy 2027–2030",
            "summary_sv": "Kommunen samarbetar över gränser.",
            "summary_en": "The municipality works across borders.",
            "adopted_on": "2026-11-02",
            "valid_from": "2027-01-01",
            "valid_to": "2030-12-31",
            "is_public": "on",
        },
    )
    created = Strategy.objects.get(title_sv="Internationell strategi 2027–2030")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#strategy-{created.pk}")
    assert created.municipality == home.municipality
    assert created.title_en == "International strategy 2027–2030"
    assert created.summary_en == "The municipality works across borders."
    assert created.is_public
    page = client.get(response["Location"]).content.decode()
    assert "Internationell strategi 2027–2030" in page


def test_strategy_errors_are_in_swedish_and_save_nothing(client, home):
    login(client, home.users["coordinator"])
    before = Strategy.objects.count()
    response = client.post(
        sv("staff:strategy_create", home.municipality.slug),
        {"title_sv": "", "valid_from": "2027-01-01", "valid_to": "2026-01-01"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Ingenting sparades" in text
    assert "Titel på svenska" in text and "Det här fältet är obligatoriskt." in text
    assert "Slutdatumet kan inte vara före startdatumet." in text
    assert Strategy.objects.count() == before


def test_the_coordinator_edits_a_strategy(client, home):
    strategy = home.records["strategy"]
    login(client, home.users["coordinator"])
    url = sv("staff:strategy_edit", home.municipality.slug, strategy.pk)
    form = client.get(url)
    assert 'value="Internationell strategi"' in form.content.decode()
    response = client.post(
        url, {"title_sv": "Ny titel", "title_en": "New title", "summary_sv": "Kort."}
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.title_sv, strategy.title_en, strategy.summary_sv) == (
        "Ny titel",
        "New title",
        "Kort.",
    )
    assert not strategy.is_public  # an unticked box is a change too


def test_focus_areas_are_created_edited_and_named_once(client, home):
    strategy = home.records["strategy"]
    slug = home.municipality.slug
    login(client, home.users["coordinator"])
    url = sv("staff:focus_area_create", slug, strategy.pk)
    assert 'value="3"' in client.get(url).content.decode()  # the next place is proposed
    response = client.post(
        url,
        {
            "name_sv": "Verksamhets- och kompetensutveckling",
            "name_en": "Organisational and skills development",
            "description_sv": "Lära av andra.",
            "order": 0,
        },
    )
    assert response.status_code == 302
    area = FocusArea.objects.get(strategy=strategy, name_sv="Verksamhets- och kompetensutveckling")
    assert area.name_en == "Organisational and skills development"
    # The import matches focus areas by name, so a second one of the same name is refused.
    response = client.post(url, {"name_sv": "näringslivsutveckling", "order": 4})
    assert response.status_code == 400
    assert "Strategin har redan ett fokusområde med det namnet." in response.content.decode()
    edit = sv("staff:focus_area_edit", slug, area.pk)
    response = client.post(edit, {"name_sv": "Kompetensutveckling", "name_en": "", "order": 0})
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name_sv == "Kompetensutveckling"
    assert not area.name_en and not area.description_sv


def test_directions_are_created_and_edited(client, home):
    area = home.records["strategy_focus_area"]
    slug = home.municipality.slug
    login(client, home.users["coordinator"])
    response = client.post(
        sv("staff:direction_create", slug, area.pk),
        {"name_sv": "Besökare", "name_en": "Visitors", "order": 2},
    )
    assert response.status_code == 302
    direction = Direction.objects.get(focus_area=area, name_sv="Besökare")
    assert direction.name_en == "Visitors"
    response = client.post(
        sv("staff:direction_edit", slug, direction.pk), {"name_sv": "", "order": 2}
    )
    assert response.status_code == 400
    assert "Namn på svenska" in response.content.decode()
    response = client.post(
        sv("staff:direction_edit", slug, direction.pk),
        {"name_sv": "Besöksnäring", "name_en": "Tourism", "order": 2},
    )
    direction.refresh_from_db()
    assert (direction.name_sv, direction.name_en) == ("Besöksnäring", "Tourism")


def test_the_coordinator_creates_and_edits_an_action_plan(client, home):
    strategy = home.records["strategy"]
    slug = home.municipality.slug
    login(client, home.users["coordinator"])
    url = sv("staff:action_plan_create", slug, strategy.pk)
    bad = client.post(
        url,
        {"title_sv": "Handlingsplan 2027", "start_date": "2027-12-31", "end_date": "2027-01-01"},
    )
    assert bad.status_code == 400
    assert "Slutdatumet kan inte vara före startdatumet." in bad.content.decode()
    response = client.post(
        url,
        {
            "title_sv": "Handlingsplan 2027",
            "title_en": "Action plan 2027",
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "background_sv": "Planen bygger på strategin.",
            "background_en": "The plan follows the strategy.",
            "is_public": "on",
        },
    )
    plan = ActionPlan.objects.get(title_sv="Handlingsplan 2027")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.municipality, plan.strategy, plan.title_en) == (
        home.municipality,
        strategy,
        "Action plan 2027",
    )
    assert plan.background_en == "The plan follows the strategy."
    edit = sv("staff:action_plan_edit", slug, plan.pk)
    response = client.post(
        edit,
        {
            "title_sv": "Handlingsplan 2027–2028",
            "start_date": "2027-01-01",
            "end_date": "2028-12-31",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title_sv, plan.end_date.year, plan.is_public) == (
        "Handlingsplan 2027–2028",
        2028,
        False,
    )
    # Both saves are in the plan's history, with the coordinator and the changed fields.
    assert plan.history.count() == 2
    assert plan.history.latest().history_user == home.users["coordinator"]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Ändringshistorik" in page
    assert "periodens slut" in page


def test_an_action_plan_offers_only_the_municipality_documents(client, home, away):
    from utblick.documents.models import GoverningDocument

    foreign = GoverningDocument.objects.filter(municipality=away.municipality).first()
    if foreign is None:
        pytest.skip("the test world has no governing document")
    login(client, home.users["coordinator"])
    plan = home.records["action_plan"]
    response = client.post(
        sv("staff:action_plan_edit", home.municipality.slug, plan.pk),
        {
            "title_sv": "x",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "document": foreign.pk,
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"document"}


def test_deleting_asks_first_and_refuses_what_is_in_use(client, home):
    slug = home.municipality.slug
    strategy = home.records["strategy"]
    area = home.records["strategy_focus_area"]
    direction = home.records["strategy_direction"]
    plan = home.records["action_plan"]
    login(client, home.users["coordinator"])
    # A focus area with activities and a strategy with an action plan stay.
    confirm = client.get(sv("staff:focus_area_delete", slug, area.pk))
    assert confirm.status_code == 200 and "Det går inte att ångra." in confirm.content.decode()
    response = client.post(sv("staff:focus_area_delete", slug, area.pk), follow=True)
    assert "Inte borttaget" in response.content.decode()
    assert FocusArea.objects.filter(pk=area.pk).exists()
    client.post(sv("staff:strategy_delete", slug, strategy.pk))
    assert Strategy.objects.filter(pk=strategy.pk).exists()
    # A direction goes; its activities keep their focus area.
    activity = home.records["activity"]
    activity.direction = direction
    activity.save()
    response = client.post(sv("staff:direction_delete", slug, direction.pk))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.direction is None and activity.focus_area == area
    # The plan goes with its activities; then the focus areas and the strategy can go.
    project = Project.objects.filter(focus_area=area).first()
    response = client.post(sv("staff:action_plan_delete", slug, plan.pk))
    assert response.status_code == 302
    assert not Activity.objects.filter(action_plan_id=plan.pk).exists()
    response = client.post(sv("staff:strategy_delete", slug, strategy.pk))
    assert response.status_code == 302
    assert not Strategy.objects.filter(pk=strategy.pk).exists()
    assert not FocusArea.objects.filter(pk=area.pk).exists()
    if project is not None:
        project.refresh_from_db()
        assert project.focus_area is None


def test_a_unit_representative_cannot_shape_the_plan(client, home):
    strategy = home.records["strategy"]
    login(client, home.users["rep"])
    response = client.post(
        sv("staff:focus_area_create", home.municipality.slug, strategy.pk), {"name_sv": "X"}
    )
    assert response.status_code == 403
    assert not FocusArea.objects.filter(name_sv="X").exists()
