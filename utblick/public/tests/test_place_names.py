"""A partner's place is shown once, with its region: "Tempe, Arizona", not "Tempe, Tempe,
Arizona"."""

import pytest

from .factories import OrganisationFactory, PartnershipFactory
from .helpers import LANGUAGES, get
from .html import page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_twin_town_named_like_its_city_shows_the_place_once_with_region_and_country(
    client, town, language
):
    municipality = town.municipality
    tempe = OrganisationFactory(
        municipality=municipality, name="Tempe", country="US", city="Tempe, Arizona"
    )
    flensburg = OrganisationFactory(
        municipality=municipality, name="Stadt Flensburg", country="DE", city="Flensburg"
    )
    university = OrganisationFactory(
        municipality=municipality, name="Hanzehogeschool", country="NL", city="Groningen"
    )
    for partner in (tempe, flensburg, university):
        PartnershipFactory(municipality=municipality, partner=partner, is_public=True)
    text = " ".join(page(get(client, "partners", language, town)).by_id["main"].split())
    assert "Tempe, Tempe" not in text
    assert "Tempe, Arizona" in text
    assert "Stadt Flensburg, Flensburg" not in text
    assert "Hanzehogeschool, Groningen" in text
    country = "Amerikas förenta stater" if language == "sv" else "United States"
    assert country in text  # the country heading the place is listed under
