import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from utblick.partners.models import Network, NetworkMembership

from .factories import NetworkFactory, NetworkMembershipFactory
from .helpers import as_user, page_text, staff_url

pytestmark = pytest.mark.django_db


def membership_data(chosen, **overrides):
    data = {
        "network": chosen.pk,
        "member_since": "2012-01-01",
        "member_until": "",
        "decision_body": "kf",
        "decision_committee": "",
        "decision_date": "2011-11-24",
        "decision_paragraph": "§ 112",
        "decision_reference": "KS 2011/455",
        "yearly_fee": "2500.00",
        "fee_currency": "EUR",
        "representatives": "Eva Ek, kommunalråd",
        "description_sv": "Nätverk för städer i Östersjöregionen.",
        "description_en": "Network of cities around the Baltic Sea.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_list_shows_columns(client, home, away):
    membership = home.records["network_membership"]
    hidden = NetworkMembershipFactory(
        municipality=home.municipality, network__name="Eurocities", is_public=False
    )
    NetworkMembershipFactory(municipality=away.municipality, network__name="Only Motala")

    response = as_user(client, home.users["reader"]).get(staff_url("membership_list", home))

    text = page_text(response)
    assert response.status_code == 200
    assert "UBC – Union of the Baltic Cities" in text
    assert "2015-01-01" in text
    assert "12\u00a0000\u00a0SEK" in text
    assert str(home.unit) in text
    assert "Eurocities" in text
    assert "Only Motala" not in text
    rows = {m.pk: m for m in response.context["object_list"]}
    assert rows[membership.pk].is_public and not rows[hidden.pk].is_public


def test_list_filters(client, home):
    NetworkMembershipFactory(
        municipality=home.municipality,
        network__name="Eurocities",
        member_until=datetime.date(2020, 12, 31),
        is_public=False,
    )
    as_user(client, home.users["reader"])
    url = staff_url("membership_list", home)

    def names(query):
        return {m.network.name for m in client.get(url, query).context["object_list"]}

    assert names({"q": "ubc"}) == {"Union of the Baltic Cities"}
    assert names({"current": "no"}) == {"Eurocities"}
    assert names({"current": "yes"}) == {"Union of the Baltic Cities"}
    assert names({"public": "no"}) == {"Eurocities"}


def test_detail(client, home):
    membership = home.records["network_membership"]
    membership.description_sv = "Vi deltar i miljökommissionen."
    membership.decision_reference = "KS 2014/77"
    membership.save()

    response = as_user(client, home.users["reader"]).get(
        staff_url("membership_detail", home, pk=membership.pk)
    )

    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>UBC – Union of the Baltic Cities</h1>" in text
    assert "Vi deltar i miljökommissionen." in text
    assert "KS 2014/77" in text
    assert str(home.unit) in text
    assert "Change history" in text


def test_create_membership(client, home, away):
    network = NetworkFactory(name="Eurocities")
    as_user(client, home.users["coordinator"])
    data = membership_data(
        network, unit=home.other_unit.pk, representative_units=[home.unit.pk, home.other_unit.pk]
    )

    response = client.post(staff_url("membership_create", home), data)

    membership = NetworkMembership.objects.get(municipality=home.municipality, network=network)
    assert response.status_code == 302
    assert response["Location"] == staff_url("membership_detail", home, pk=membership.pk)
    assert membership.yearly_fee == Decimal("2500.00")
    assert membership.fee_currency == "EUR"
    assert membership.unit == home.other_unit
    assert set(membership.representative_units.all()) == {home.unit, home.other_unit}
    assert membership.description_en == "Network of cities around the Baltic Sea."


def test_unit_representative_creates_for_own_unit(client, home):
    network = NetworkFactory(name="Eurocities")
    as_user(client, home.users["rep"])
    response = client.post(
        staff_url("membership_create", home), membership_data(network, unit=home.other_unit.pk)
    )
    assert response.status_code == 302
    assert NetworkMembership.objects.get(network=network).unit == home.unit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("member_until", "2010-01-01", "The membership cannot end before it began."),
        ("yearly_fee", "-5", "The fee cannot be negative."),
        ("yearly_fee", "a lot", "Enter a number."),
        ("fee_currency", "USD", "Select a valid choice"),
        ("decision_reference", "nr 455", "e.g. KS 2024/310"),
        ("network", "", "This field is required."),
    ],
)
def test_invalid_membership_is_refused(client, home, field, value, message):
    network = NetworkFactory(name="Eurocities")
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("membership_create", home), membership_data(network, **{field: value})
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in page_text(response)
    assert not NetworkMembership.objects.filter(network=network).exists()


def test_second_membership_of_same_network_is_refused(client, home):
    network = home.records["network"]
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("membership_create", home), membership_data(network)
    )
    assert response.status_code == 400
    assert "The municipality is already a member of this network." in page_text(response)
    assert NetworkMembership.objects.filter(municipality=home.municipality).count() == 1


def test_representative_units_are_scoped(client, home, away):
    network = NetworkFactory(name="Eurocities")
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("membership_create", home),
        membership_data(network, representative_units=[away.unit.pk]),
    )
    assert response.status_code == 400
    assert "representative_units" in response.context["form"].errors
    assert not NetworkMembership.objects.filter(network=network).exists()


def test_edit_is_recorded_in_the_history(client, home):
    membership = home.records["network_membership"]
    as_user(client, home.users["rep"])
    response = client.post(
        staff_url("membership_edit", home, pk=membership.pk),
        membership_data(
            membership.network,
            yearly_fee="15000",
            fee_currency="SEK",
            representative_units=[home.unit.pk],
        ),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.yearly_fee == Decimal("15000")
    detail = page_text(client.get(staff_url("membership_detail", home, pk=membership.pk)))
    history = detail[detail.index("Change history") :]
    assert "yearly fee" in history


def test_representative_of_another_unit_cannot_edit(client, home):
    membership = home.records["network_membership"]
    response = as_user(client, home.users["rep_other"]).post(
        staff_url("membership_edit", home, pk=membership.pk),
        membership_data(membership.network, yearly_fee="1"),
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.yearly_fee == Decimal("12000")


def test_delete_membership_keeps_the_network(client, home):
    membership = home.records["network_membership"]
    url = staff_url("membership_delete", home, pk=membership.pk)
    as_user(client, home.users["coordinator"])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not NetworkMembership.objects.filter(pk=membership.pk).exists()
    assert Network.objects.filter(pk=home.records["network"].pk).exists()


# Shared networks --------------------------------------------------------------------------


def test_coordinator_adds_a_network(client, home):
    as_user(client, home.users["coordinator"])
    response = client.post(
        staff_url("network_create", home),
        {
            "name": "Energy Cities",
            "acronym": "EC",
            "website": "https://energy-cities.eu",
            "description_sv": "Europeiskt nätverk för energiomställning.",
            "description_en": "European network for the energy transition.",
        },
    )
    network = Network.objects.get(name="Energy Cities")
    assert response.status_code == 302
    assert response["Location"] == staff_url("membership_create", home) + f"?network={network.pk}"
    assert network.description_en == "European network for the energy transition."
    form = client.get(response["Location"]).context["form"]
    assert str(form["network"].value()) == str(network.pk)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "union of the baltic cities"}, "name", "There is already a network"),
        ({"name": ""}, "name", "This field is required."),
        ({"name": "New network", "website": "nope"}, "website", "Enter a valid URL."),
    ],
)
def test_invalid_network_is_refused(client, home, data, field, message):
    before = Network.objects.count()
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("network_create", home), data
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Network.objects.count() == before


def test_the_network_page_refuses_a_taken_name_in_swedish(client, home):
    url = reverse("staff:network_create", args=[home.municipality.slug])  # the Swedish page
    response = as_user(client, home.users["coordinator"]).post(
        url, {"name": " UNION  of the Baltic cities"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["Det finns redan ett nätverk med det här namnet."]
    }
    assert Network.objects.filter(name__iexact="union of the baltic cities").count() == 1


def test_unit_representative_cannot_add_networks(client, home):
    response = as_user(client, home.users["rep"]).post(
        staff_url("network_create", home), {"name": "Rogue network"}
    )
    assert response.status_code == 403
    assert not Network.objects.filter(name="Rogue network").exists()
