"""The world map of partner places on the public partners page (issue #18)."""

import csv
import math
import re
import xml.etree.ElementTree as ET

import pytest

from utblick.partners.models import Partnership
from utblick.site import worldmap

from .factories import (
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from .helpers import get
from .test_queries import count_queries

SVG = "{http://www.w3.org/2000/svg}"


def the_map(response):
    """The map's SVG element, parsed (the page must hold exactly one)."""
    html = response.content.decode()
    found = re.findall(r'<svg class="worldmap".*?</svg>', html, flags=re.S)
    assert len(found) == 1
    return ET.fromstring(found[0]), html  # noqa: S314 (our own page)


def markers(svg):
    return [
        (marker.get("href"), marker.find(f"{SVG}title").text, marker.find(f"{SVG}circle"))
        for marker in svg.iter(f"{SVG}a")
    ]


@pytest.fixture
def partners(town):
    m = town.municipality
    flensburg = PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(municipality=m, name="Stadt Flensburg", country="DE", city=""),
    )
    tempe = PartnershipFactory(
        municipality=m,
        kind=Partnership.Kind.FRIENDSHIP,
        partner=OrganisationFactory(municipality=m, name="Tempe", country="US", city="Tempe"),
    )
    kiel = OrganisationFactory(municipality=m, name="Kiel University", country="DE", city="Kiel")
    ProjectPartnerFactory(project=ProjectFactory(municipality=m), organisation=kiel)
    # The same place as Tempe's partnership: one marker for both.
    asu = OrganisationFactory(
        municipality=m, name="Arizona State University", country="US", city="tempe"
    )
    ProjectPartnerFactory(project=ProjectFactory(municipality=m), organisation=asu)
    hidden = PartnershipFactory(
        municipality=m,
        is_public=False,
        partner=OrganisationFactory(municipality=m, name="Hemlig partner GmbH", country="JP"),
    )
    return {"flensburg": flensburg, "tempe": tempe, "kiel": kiel, "asu": asu, "hidden": hidden}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_one_marker_per_partner_place_linking_to_its_entry(client, town, partners, language):
    svg, html = the_map(get(client, "partners", language, town))
    found = {href: title for href, title, _circle in markers(svg)}
    assert set(found) == {
        f"#partnership-{partners['flensburg'].pk}",
        f"#partnership-{partners['tempe'].pk}",
        f"#organisation-{partners['kiel'].pk}",
    }
    for href in found:
        assert f'id="{href[1:]}"' in html  # the link's target is an entry of the list
    germany, usa = (
        ("Tyskland", "Amerikas förenta stater")
        if language == "sv"
        else (
            "Germany",
            "United States of America",
        )
    )
    assert found[f"#partnership-{partners['flensburg'].pk}"] == f"Stadt Flensburg ({germany})"
    assert found[f"#partnership-{partners['tempe'].pk}"] == (
        f"Tempe; Arizona State University (Tempe, {usa})"
    )
    assert "Hemlig partner GmbH" not in ET.tostring(svg, encoding="unicode")


@pytest.mark.parametrize(
    ("language", "name", "description"),
    [
        ("sv", "Karta över våra partner", "3 partnerorter i 2 länder."),
        ("en", "Map of our partners", "3 partner places in 2 countries."),
    ],
)
def test_map_has_an_accessible_name_and_summary(
    client, town, partners, language, name, description
):
    svg, _html = the_map(get(client, "partners", language, town))
    # No role: an svg is a graphics document whose marker links stay reachable (role="img"
    # would hide them, role="group" is not valid on svg).
    assert svg.get("role") is None
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and title.text == name
    assert svg.get("aria-describedby") == desc.get("id")
    assert desc.text.startswith(description)
    # The outlines are decoration; only the markers are announced.
    land = svg.find(f"{SVG}path")
    assert land.get("aria-hidden") == "true" and len(land.get("d")) > 10_000


def test_map_refers_to_nothing_outside_the_page(client, town, partners):
    svg, _html = the_map(get(client, "partners", "sv", town))
    text = ET.tostring(svg, encoding="unicode")
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")
    assert all(href.startswith("#") for href, _title, _circle in markers(svg))
    assert svg.find(f"{SVG}image") is None and svg.find(f"{SVG}use") is None


def test_markers_stand_in_their_country(client, town, partners):
    svg, _html = the_map(get(client, "partners", "sv", town))
    position = {
        href: (float(circle.get("cx")), float(circle.get("cy")))
        for href, _title, circle in markers(svg)
    }
    # Two German places stand in a small circle around Germany's centroid (about 10°E 51°N).
    x, y = position[f"#partnership-{partners['flensburg'].pk}"]
    assert worldmap.project(5, 56)[0] < x < worldmap.project(16, 46)[0]
    assert worldmap.project(5, 56)[1] < y < worldmap.project(16, 46)[1]
    x, y = position[f"#partnership-{partners['tempe'].pk}"]
    assert worldmap.project(-125, 49)[0] < x < worldmap.project(-67, 25)[0]
    assert worldmap.project(-125, 49)[1] < y < worldmap.project(-67, 25)[1]
    # Two places in Germany are not drawn on top of each other.
    assert (
        position[f"#partnership-{partners['flensburg'].pk}"]
        != position[f"#organisation-{partners['kiel'].pk}"]
    )


@pytest.mark.parametrize(
    ("code", "west_north", "east_south"),
    [("SE", (11, 69), (24, 55)), ("FR", (-5, 51), (8, 42)), ("NO", (4, 71), (31, 58))],
)
def test_centroid_of_the_mainland(code, west_north, east_south):
    x, y = worldmap.country_centroid(code)
    (left, top), (right, bottom) = worldmap.project(*west_north), worldmap.project(*east_south)
    assert left < x < right and top < y < bottom
    assert worldmap.country_centroid("ZZ") is None


def test_no_map_without_partners(client, town):
    response = get(client, "partners", "sv", town)
    assert 'class="worldmap"' not in response.content.decode()


def test_map_costs_no_extra_queries_as_partners_grow(
    client, town, partners, django_assert_num_queries, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # the view's own queries are counted
    from .helpers import url

    path = url("partners", "sv", town.municipality.slug)
    before, _response = count_queries(client, path)
    m = town.municipality
    for code in ["FI", "NO", "PL", "FR", "EE", "LV", "NL", "IT"]:
        PartnershipFactory(
            municipality=m, partner=OrganisationFactory(municipality=m, country=code)
        )
    with django_assert_num_queries(before):
        response = client.get(path)
    assert len(markers(the_map(response)[0])) == 3 + 8


def test_outlines_are_loaded_once():
    assert worldmap._countries() is worldmap._countries()
    assert worldmap.DATA_FILE.stat().st_size < 300_000


def _position(svg, href):
    for found, _title, circle in markers(svg):
        if found == href:
            return float(circle.get("cx")), float(circle.get("cy"))
    raise AssertionError(href)


def _near(position, lon, lat):
    x, y = worldmap.project(lon, lat)
    return abs(position[0] - x) <= 0.1 and abs(position[1] - y) <= 0.1


def test_a_known_city_stands_at_its_coordinates_else_the_country_centre(client, town, partners):
    """Tempe (a twin town in the data, 33.43°N 111.94°W) and Kiel stand at their cities;
    Flensburg without a city stands near Germany's centroid."""
    svg, _html = the_map(get(client, "partners", "sv", town))
    assert _near(_position(svg, f"#partnership-{partners['tempe'].pk}"), -111.94, 33.4255)
    assert _near(_position(svg, f"#organisation-{partners['kiel'].pk}"), 10.1394, 54.3233)
    flensburg = _position(svg, f"#partnership-{partners['flensburg'].pk}")
    centre = worldmap.country_centroid("DE")
    assert math.dist(flensburg, centre) <= worldmap.SPREAD_RADIUS + 0.1
    assert not _near(flensburg, 9.4367, 54.7819)  # not Flensburg's own place


def test_a_city_matches_without_accents_case_or_region(client, town):
    """ "LIEGE, Wallonia" is Liège; a city the data does not know stands in its country."""
    m = town.municipality
    liege = PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(
            municipality=m, name="Ville de Liège", country="BE", city="LIEGE, Wallonia"
        ),
    )
    unknown = PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(
            municipality=m, name="Fastiv", country="UA", city="Fastiv, Kyiv oblast"
        ),
    )
    svg, _html = the_map(get(client, "partners", "en", town))
    lon, lat = next(
        (float(row["lng"]), float(row["lat"]))
        for row in csv.DictReader(worldmap.CITIES_FILE.open(encoding="utf-8"))
        if row["country"] == "BE" and row["city"] == "Liège"
    )
    assert _near(_position(svg, f"#partnership-{liege.pk}"), lon, lat)
    assert (
        math.dist(_position(svg, f"#partnership-{unknown.pk}"), worldmap.country_centroid("UA"))
        < 0.1
    )


def test_a_place_is_named_once(client, town):
    """Issue: "Tempe, Tempe, Arizona": the marker says the city's region, not the name
    again; the list beside it says the same once."""
    m = town.municipality
    tempe = PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(
            municipality=m, name="Tempe", country="US", city="Tempe, Arizona"
        ),
    )
    svg, html = the_map(get(client, "partners", "en", town))
    titles = {href: title for href, title, _circle in markers(svg)}
    assert titles[f"#partnership-{tempe.pk}"] == "Tempe (Arizona, United States of America)"
    assert "Tempe, Tempe" not in html


def test_the_city_data_is_a_small_cut_with_its_licence():
    readme = (worldmap.CITIES_FILE.parent / "README.md").read_text()
    assert "CC BY-SA 4.0" in worldmap.__doc__ and "Attribution-ShareAlike 4.0" in readme
    assert worldmap.CITIES_FILE.stat().st_size < 100_000
    assert worldmap.city_position("SE", "Trollhättan") is not None
    assert worldmap.city_position("SE", "") is None
