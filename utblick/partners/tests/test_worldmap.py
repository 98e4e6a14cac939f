"""The world map above the staff list of partner organisations (issue #18)."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from .factories import OrganisationFactory
from .helpers import as_user, staff_url

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def map_markers(response):
    """(href, title) of every marker of the page's one map."""
    assert response.status_code == 200
    found = re.findall(r'<svg class="worldmap".*?</svg>', response.content.decode(), flags=re.S)
    assert len(found) == 1
    svg = ET.fromstring(found[0])  # noqa: S314 (our own page)
    assert svg.find(f"{SVG}title").text == "Map of the partner organisations"
    return {a.get("href"): a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")}


def detail_url(side, organisation):
    with translation.override("en"):
        return reverse("staff:organisation_detail", args=[side.municipality.slug, organisation.pk])


def test_markers_open_the_municipalitys_own_organisations(client, home, away):
    oulu = OrganisationFactory(municipality=home.municipality, name="Oulu", country="FI", city="")
    away_partner = OrganisationFactory(
        municipality=away.municipality, name="Bortaort", country="BR", city="Recife"
    )
    as_user(client, home.users["reader"])
    markers = map_markers(client.get(staff_url("organisation_list", home)))
    assert markers[detail_url(home, oulu)] == "Oulu (Finland)"
    assert detail_url(away, away_partner) not in markers
    home_staff = staff_url("organisation_list", home).removesuffix("organisations/")
    assert all(href.startswith(home_staff) for href in markers)
    assert not any("Bortaort" in title for title in markers.values())


def test_map_follows_the_filter(client, home):
    oulu = OrganisationFactory(municipality=home.municipality, name="Oulu", country="FI", city="")
    OrganisationFactory(municipality=home.municipality, name="Tartu", country="EE", city="Tartu")
    as_user(client, home.users["reader"])
    markers = map_markers(client.get(staff_url("organisation_list", home) + "?country=FI"))
    assert list(markers) == [detail_url(home, oulu)]


def test_a_known_city_stands_at_its_coordinates(client, home):
    from utblick.site import worldmap

    tartu = OrganisationFactory(
        municipality=home.municipality, name="Tartu Ülikool", country="EE", city="Tartu"
    )
    as_user(client, home.users["reader"])
    response = client.get(staff_url("organisation_list", home))
    found = re.findall(r'<svg class="worldmap".*?</svg>', response.content.decode(), flags=re.S)
    svg = ET.fromstring(found[0])  # noqa: S314 (our own page)
    marker = next(a for a in svg.iter(f"{SVG}a") if a.get("href") == detail_url(home, tartu))
    circle = marker.find(f"{SVG}circle")
    x, y = worldmap.project(26.7225, 58.38)  # Tartu in data/cities.csv
    assert abs(float(circle.get("cx")) - x) <= 0.1 and abs(float(circle.get("cy")) - y) <= 0.1
