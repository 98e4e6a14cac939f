"""The partners' write paths, called with plain data (no form): organisations, partnerships,
memberships and networks under the same rules as the staff forms, and the database's
refusals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .. import services
from ..models import Network, NetworkMembership, Organisation
from .factories import NetworkFactory


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_organisation_rules_hold_without_a_form(home, away):
    existing = home.records["partner_organisation"]
    errors = refusal(
        lambda: services.save_organisation(
            municipality=home.municipality,
            user=home.users["coordinator"],
            name=existing.name.upper(),
            country=existing.country,
            kind=existing.kind,
            pic="12345",
            unit=away.unit,
        )
    )
    assert set(errors) == {"name", "pic", "unit"}
    created = services.save_organisation(
        municipality=home.municipality,
        user=home.users["rep"],
        name="Comune di Prato",
        country="IT",
        kind=Organisation.Kind.MUNICIPALITY,
    )
    assert (created.municipality, created.unit) == (home.municipality, home.unit)


def test_partnership_rules_hold_without_a_form(home, away):
    home.municipality.diarienummer_pattern = r"KS \d{4}/\d+"
    home.municipality.save()
    errors = refusal(
        lambda: services.save_partnership(
            municipality=home.municipality,
            user=home.users["coordinator"],
            partner=away.records["partner_organisation"],
            kind="twin",
            decision_body="namnd",
            decision_reference="fel",
        )
    )
    assert set(errors) == {"partner", "decision_committee", "decision_reference"}


def test_membership_rules_hold_without_a_form(home):
    membership = home.records["network_membership"]
    errors = refusal(
        lambda: services.save_membership(
            municipality=home.municipality,
            user=home.users["coordinator"],
            network=membership.network,
            yearly_fee=Decimal(-1),
            member_since=datetime.date(2025, 1, 1),
            member_until=datetime.date(2024, 1, 1),
        )
    )
    assert errors == {
        "network": ["Kommunen är redan medlem i det här nätverket."],
        "yearly_fee": ["Avgiften kan inte vara negativ."],
        "member_until": ["Medlemskapet kan inte upphöra innan det har börjat."],
    }


def test_a_record_never_moves_to_another_municipality(home, away):
    membership = home.records["network_membership"]
    errors = refusal(
        lambda: services.save_membership(
            municipality=away.municipality, user=None, membership=membership, is_public=False
        )
    )
    assert "municipality" in errors


@pytest.mark.parametrize(
    "fields",
    [
        {"yearly_fee": Decimal(-1)},
        {"member_since": datetime.date(2025, 1, 1), "member_until": datetime.date(2024, 1, 1)},
    ],
)
def test_the_database_refuses_what_the_rules_refuse(home, fields):
    other = NetworkFactory(name="Eurocities")
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMembership.objects.create(municipality=home.municipality, network=other, **fields)


def test_network_rules_hold_without_a_form(home):
    taken = home.records["network"].name.upper()
    assert refusal(lambda: services.save_network(name=f"  {taken} ")) == {
        "name": ["Det finns redan ett nätverk med det här namnet."]
    }
    assert refusal(lambda: services.save_network(name=" ", acronym="X")) == {
        "name": ["Det här fältet är obligatoriskt."]
    }
    network = services.save_network(name="  Energy   Cities ", acronym="EC")
    assert Network.objects.get(pk=network.pk).name == "Energy Cities"
    # A network keeps its own name when it is changed, in another case too.
    services.save_network(network=network, name="Energy cities", website="https://energy-cities.eu")
    network.refresh_from_db()
    assert (network.name, network.acronym) == ("Energy cities", "EC")


@pytest.mark.parametrize("name", ["UNION OF THE BALTIC CITIES", ""], ids=["taken", "empty"])
def test_the_database_refuses_what_the_network_rules_refuse(home, name):
    with pytest.raises(IntegrityError), transaction.atomic():
        Network.objects.create(name=name)
