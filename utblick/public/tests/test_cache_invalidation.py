"""A write drops only the cached public pages that show what it changed (issue 16): the
changed record's own page, its municipality's lists and start page, the site's start page.
Other records' pages, other municipalities' pages and every page after a change that is not
public stay in the cache."""

import pytest
from django.test import Client

from utblick.newsletter import services as newsletter_services
from utblick.newsletter.models import MailingList
from utblick.partners import services as partner_services
from utblick.projects import services as project_services
from utblick.projects.models import Project
from utblick.tenancy import services as tenancy_services
from utblick.tenancy.models import Unit, User

from .factories import ProjectFactory
from .helpers import url

HEADER = "X-Utblick-Cache"


def _project(side, title):
    return ProjectFactory(
        municipality=side.municipality, unit=side.unit, title_sv=title, is_public=True
    )


@pytest.fixture
def pages(client, town, other_town):
    """Public pages of both towns, each visited twice (so cached); ``state()`` visits them
    again and says, per page, whether it came from the cache."""
    a = _project(town, "Kanalprojektet")
    b = _project(town, "Slussprojektet")
    elsewhere = _project(other_town, "Motalaprojektet")
    slug, other = town.municipality.slug, other_town.municipality.slug
    paths = {
        "A": url("project_detail", "sv", slug, a.pk),
        "A en": url("project_detail", "en", slug, a.pk),
        "B": url("project_detail", "sv", slug, b.pk),
        "list": url("projects_ongoing", "sv", slug),
        "start": url("home", "sv", slug),
        "site": url("index", "sv"),
        "other list": url("projects_ongoing", "sv", other),
        "other project": url("project_detail", "sv", other, elsewhere.pk),
    }
    for path in paths.values():
        assert client.get(path).status_code == 200
        assert client.get(path)[HEADER] == "hit", path

    def state():
        return {name: client.get(path).get(HEADER) for name, path in paths.items()}

    state.paths = paths
    state.records = {"A": a, "B": b}
    return state


def test_a_change_to_a_project_drops_its_page_and_lists_and_keeps_the_others(client, town, pages):
    project_services.save_project(
        municipality=town.municipality,
        user=None,
        project=pages.records["A"],
        title_sv="Kanalprojektet, etapp 2",
    )
    assert pages() == {
        "A": "miss",
        "A en": "miss",
        "B": "hit",
        "list": "miss",
        "start": "miss",
        "site": "miss",
        "other list": "hit",
        "other project": "hit",
    }
    for name in ("A", "list"):
        assert "Kanalprojektet, etapp 2" in client.get(pages.paths[name]).content.decode()


def test_a_project_made_internal_leaves_the_public_pages_at_once(client, town, pages):
    project_services.save_project(
        municipality=town.municipality, user=None, project=pages.records["A"], is_public=False
    )
    assert client.get(pages.paths["A"]).status_code == 404
    assert "Kanalprojektet" not in client.get(pages.paths["list"]).content.decode()
    assert client.get(pages.paths["B"])[HEADER] == "hit"


def test_a_deleted_project_leaves_the_public_pages_at_once(client, pages):
    project_services.delete_project(project=pages.records["A"])
    assert client.get(pages.paths["A"]).status_code == 404
    assert "Kanalprojektet" not in client.get(pages.paths["list"]).content.decode()
    assert client.get(pages.paths["B"])[HEADER] == "hit"


def test_a_change_that_is_not_public_keeps_every_page(
    town, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = project_services.save_project(
            municipality=town.municipality,
            user=None,
            unit=town.unit,
            title_sv="Utkast",
            role=Project.Role.PARTNER,
            is_public=False,
        )
        project_services.save_project(
            municipality=town.municipality, user=None, project=draft, title_sv="Utkast 2"
        )
    assert set(pages().values()) == {"hit"}


def test_a_newsletter_sign_up_keeps_every_page(town, pages, django_capture_on_commit_callbacks):
    mailing_list = MailingList.objects.create(
        municipality=town.municipality, name="Nyheter", audience=MailingList.Audience.EXTERNAL
    )
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_services.subscribe(
            municipality=town.municipality,
            email="ny@example.org",
            language="sv",
            lists=[mailing_list],
        )
    assert set(pages().values()) == {"hit"}


def test_a_partner_change_drops_every_page_of_its_municipality_only(town, pages):
    # Partners show on the partner pages and on every project page that names them.
    partner_services.save_organisation(
        municipality=town.municipality,
        user=None,
        name="Stadt Wolfsburg",
        kind="municipality",
        country="DE",
    )
    state = pages()
    assert {state[name] for name in ("A", "B", "list", "start", "site")} == {"miss"}
    assert state["other list"] == state["other project"] == "hit"


@pytest.mark.parametrize("change", ["unit", "details"])
def test_a_unit_or_details_change_drops_every_page_of_its_municipality_only(town, pages, change):
    if change == "unit":
        tenancy_services.save_unit(municipality=town.municipality, unit=town.unit, name_en="Art")
    else:
        tenancy_services.save_municipality_details(
            municipality=town.municipality, phone="0520-49 50 00"
        )
    state = pages()
    assert {state[name] for name in ("A", "B", "list", "start", "site")} == {"miss"}
    assert state["other list"] == state["other project"] == "hit"


def test_a_new_network_keeps_every_page_and_a_changed_one_drops_them_all(town, pages):
    network = partner_services.save_network(name="Energy Cities")
    assert set(pages().values()) == {"hit"}
    partner_services.save_network(network=network, description_sv="Energiomställning.")
    assert set(pages().values()) == {"miss"}


def test_a_change_in_the_admin_drops_every_page(town, pages):
    # The admin writes past the services; a superuser's rare change there drops everything.
    admin = Client()
    admin.force_login(User.objects.create_superuser("plattform", "p@example.org", "x" * 20))
    response = admin.post(
        f"/admin/tenancy/unit/{town.unit.pk}/change/",
        {
            "municipality": town.municipality.pk,
            "name_sv": "Kulturförvaltningen",
            "name_en": "Culture department",
            "kind": Unit.Kind.DEPARTMENT,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(pages().values()) == {"miss"}
