"""Fixtures of the public site's tests.

The public site needs no staff personas, so its tests use two active municipalities of their
own (``town`` = Trollhättan, ``other_town`` = Motala) rather than the full test world, which
is much slower to build. The permission matrix runs every public URL against the full world.
"""

import datetime
from types import SimpleNamespace

import pytest

from utblick.partners.models import Partnership
from utblick.projects.models import Project, SustainableDevelopmentGoal
from utblick.tenancy.tests.factories import UnitFactory, active_municipality

from .factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectDocumentFactory,
    ProjectFactory,
    ProjectLinkFactory,
    ProjectPartnerFactory,
    in_days,
)


def _town(code):
    municipality = active_municipality(code)
    return SimpleNamespace(municipality=municipality, unit=UnitFactory(municipality=municipality))


@pytest.fixture
def town(db):
    return _town("1488")


@pytest.fixture
def other_town(db):
    return _town("0583")


@pytest.fixture
def site(town, other_town):
    """Public and internal records of `town`, and public ones of `other_town`."""
    m = town.municipality
    m.intro_sv = "Trollhättan samarbetar med städer i hela Europa."
    m.intro_en = "Trollhättan works with towns all over Europe."
    m.phone = "0520-49 50 00"
    m.email = "kommun@trollhattan.se"
    m.website = "https://www.trollhattan.se"
    m.postal_address = "461 83 Trollhättan"
    m.contact_text_sv = "Kontakta internationella samordnaren."
    m.contact_text_en = "Contact the international coordinator."
    m.accessibility_known_issues_sv = "Några PDF-dokument saknar taggar."
    m.accessibility_known_issues_en = "Some PDF documents lack tags."
    m.accessibility_assessed_on = datetime.date(2025, 3, 14)
    m.accessibility_contact_email = "tillganglighet@trollhattan.se"
    m.save()

    goal = SustainableDevelopmentGoal.objects.get(number=11)
    ongoing = ProjectFactory(
        municipality=m,
        unit=town.unit,
        title_sv="Gröna kajer",
        title_en="Green quays",
        acronym_sv="GRÖN",
        summary_sv="Kajerna längs älven blir gröna.",
        summary_en="The quays along the river turn green.",
        role=Project.Role.LEAD,
        start_date=datetime.date(2024, 2, 1),
        end_date=in_days(400),
    )
    ongoing.goals.add(goal)
    german = OrganisationFactory(
        municipality=m, name="Stadt Kaiserslautern", country="DE", city="Kaiserslautern"
    )
    finnish = OrganisationFactory(municipality=m, name="Hämeenlinna", country="FI", city="")
    ProjectPartnerFactory(project=ongoing, organisation=german)
    ProjectPartnerFactory(project=ongoing, organisation=finnish, role="associated")
    ProjectLinkFactory(project=ongoing, title="Projektets webbplats", url="https://example.org/g")
    public_document = ProjectDocumentFactory(project=ongoing, title="Slutrapport")
    internal_document = ProjectDocumentFactory(
        project=ongoing, title="Intern budget", is_public=False
    )
    completed = ProjectFactory(
        municipality=m,
        title_sv="Avslutat utbyte",
        status=Project.Status.COMPLETED,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    secret = ProjectFactory(
        municipality=m, title_sv="Hemligt projekt", title_en="Secret project", is_public=False
    )
    hidden_partner = OrganisationFactory(municipality=m, name="Hemlig partner GmbH", country="AT")
    ProjectPartnerFactory(project=secret, organisation=hidden_partner)
    secret_document = ProjectDocumentFactory(project=secret, title="Hemlig rapport")

    twin = PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(municipality=m, name="Skedsmo kommune", country="NO"),
        since=datetime.date(1965, 5, 1),
    )
    PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(municipality=m, name="Saint-Maur", country="FR"),
        kind=Partnership.Kind.FRIENDSHIP,
        since=datetime.date(1990, 1, 1),
    )
    PartnershipFactory(municipality=m, partner=german, kind=Partnership.Kind.COOPERATION)
    PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(municipality=m, name="Dold vänort", country="EE"),
        is_public=False,
    )
    PartnershipFactory(
        municipality=m,
        partner=OrganisationFactory(municipality=m, name="Avslutad vänort", country="LV"),
        status=Partnership.Status.ENDED,
    )
    network = NetworkFactory(
        name="Eurocities",
        acronym="EC",
        description_sv="Nätverk för europeiska storstäder.",
        description_en="Network of major European cities.",
    )
    NetworkMembershipFactory(
        municipality=m, network=network, member_since=datetime.date(2012, 3, 1)
    )
    NetworkMembershipFactory(
        municipality=m, network=NetworkFactory(name="Hemligt nätverk"), is_public=False
    )
    NetworkMembershipFactory(
        municipality=m,
        network=NetworkFactory(name="Utträtt nätverk"),
        member_until=datetime.date(2020, 1, 1),
    )

    a = other_town.municipality
    ProjectFactory(municipality=a, title_sv="Motalas projekt")
    PartnershipFactory(
        municipality=a, partner=OrganisationFactory(municipality=a, name="Motalas vänort")
    )
    NetworkMembershipFactory(municipality=a, network=NetworkFactory(name="Motalas nätverk"))
    return {
        "ongoing": ongoing,
        "completed": completed,
        "secret": secret,
        "twin": twin,
        "public_document": public_document,
        "internal_document": internal_document,
        "secret_document": secret_document,
        "network": network,
    }
