"""What every staff page reads about the signed-in person (user, municipality, membership)
and the menu it shows: what is kept between requests (the menu, the rendered project list)
never lets a change of role, membership or account wait for the next request."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from utblick.funding.services import mark_call
from utblick.funding.tests.factories import CallFactory, NeedFactory
from utblick.tenancy.models import Membership, Role

pytestmark = pytest.mark.django_db


def current_menu_item(html):
    """The label of the menu item marked as the current page."""
    found = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', html)
    assert len(found) == 1, found
    return found[0]


def test_a_role_change_applies_on_the_very_next_request(client, home):
    slug = home.municipality.slug
    coordinator = home.users["coordinator"]
    client.force_login(coordinator)
    projects = reverse("staff:project_list", args=[slug]) + "?q=klimat"
    create = reverse("staff:project_create", args=[slug])
    assert create in client.get(projects).content.decode()
    assert create in client.get(projects).content.decode()  # the kept list, again
    # Straight in the database, past every service: nothing kept may hide it.
    Membership.objects.filter(user=coordinator, municipality=home.municipality).update(
        role=Role.READER
    )
    page = client.get(projects)
    assert page.status_code == 200
    assert create not in page.content.decode()
    assert client.get(create).status_code == 403


def test_a_removed_member_or_deactivated_account_is_refused_at_once(client, home):
    slug = home.municipality.slug
    rep = home.users["rep"]
    client.force_login(rep)
    dashboard = reverse("staff:dashboard", args=[slug])
    projects = reverse("staff:project_list", args=[slug])
    assert client.get(dashboard).status_code == 200
    assert client.get(projects).status_code == 200
    membership = Membership.objects.get(user=rep, municipality=home.municipality)
    membership.delete()
    assert client.get(dashboard).status_code == 403
    assert client.get(projects).status_code == 403
    membership.pk = None
    membership.save()
    assert client.get(projects).status_code == 200
    rep.is_active = False
    rep.save()
    response = client.get(projects)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_member_sees_no_other_municipalitys_staff_pages(client, home, away):
    client.force_login(home.users["coordinator"])
    assert (
        client.get(reverse("staff:project_list", args=[home.municipality.slug])).status_code == 200
    )
    for name in ("staff:project_list", "staff:dashboard"):
        assert client.get(reverse(name, args=[away.municipality.slug])).status_code == 403


def test_the_menu_marks_the_page_shown_in_the_visitors_language(client, home):
    slug = home.municipality.slug
    client.force_login(home.users["coordinator"])
    pages = {
        "staff:dashboard": ("Översikt", "Overview"),
        "staff:project_list": ("Projekt", "Projects"),
        "staff:unit_list": ("Enheter och personer", "Units and people"),
    }
    for _round in range(2):  # the second time from what is kept
        for name, (swedish, english) in pages.items():
            with translation.override("sv"):  # a response leaves its language active
                url = reverse(name, args=[slug])
            html = client.get(url).content.decode()
            assert current_menu_item(html) == swedish
            with translation.override("en"):
                url = reverse(name, args=[slug])
            assert url.startswith("/en/")
            html = client.get(url).content.decode()
            assert current_menu_item(html) == english
            assert f'href="{url}" aria-current="page"' in html
    assert current_menu_item(
        client.get(
            reverse("staff:project_detail", args=[slug, home.records["project"].pk])
        ).content.decode()
    ) in ("Projekt", "Projects")


def test_a_call_marked_during_a_visit_shows_on_the_start_page_at_once(client, home):
    client.force_login(home.users["coordinator"])
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    need = NeedFactory(municipality=home.municipality, unit=home.unit, title="Kulturskolan")
    assert "Musik utan gränser" not in client.get(dashboard).content.decode()
    call = CallFactory(title="Musik utan gränser")
    mark_call(need=need, call=call, relevant=True, user=home.users["coordinator"])
    assert "Musik utan gränser" in client.get(dashboard).content.decode()
    mark_call(need=need, call=call, relevant=None, user=home.users["coordinator"])
    assert "Musik utan gränser" not in client.get(dashboard).content.decode()
