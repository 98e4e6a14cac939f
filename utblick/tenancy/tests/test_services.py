"""The write paths of units and municipality details: the staff pages and plain data (as the
demo and the commands call them) refuse the same, in Swedish, and the database refuses what
the rules refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from utblick.tenancy import services
from utblick.tenancy.models import Unit

pytestmark = pytest.mark.django_db

ALREADY = "Det finns redan en enhet med det här namnet."
REQUIRED = "Det här fältet är obligatoriskt."
KIND = "Välj en förvaltning, ett kontor eller ett kommunalt bolag."


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_the_unit_page_refuses_a_name_taken_in_another_case(client, home):
    # "Ö" is not an ASCII letter: SQLite's own case folding would not see the clash.
    client.force_login(home.users["coordinator"])
    before = Unit.objects.filter(municipality=home.municipality).count()
    url = reverse("staff:unit_create", args=["trollhattan"])
    response = client.post(url, {"name_sv": f"  {home.unit.name_sv.upper()} ", "kind": "office"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"name_sv": [ALREADY]}
    assert ALREADY in response.content.decode()
    assert Unit.objects.filter(municipality=home.municipality).count() == before


def test_a_unit_keeps_its_own_name_when_it_is_changed(client, home):
    client.force_login(home.users["coordinator"])
    url = reverse("staff:unit_edit", args=["trollhattan", home.unit.pk])
    response = client.post(
        url, {"name_sv": home.unit.name_sv, "name_en": "Culture", "kind": "office"}
    )
    assert response.status_code == 302
    home.unit.refresh_from_db()
    assert (home.unit.name_en, home.unit.kind) == ("Culture", "office")


def test_unit_rules_hold_without_a_form(home, away):
    assert refusal(
        lambda: services.save_unit(
            municipality=home.municipality, name_sv=home.unit.name_sv.upper(), kind="shop"
        )
    ) == {"name_sv": [ALREADY], "kind": [KIND]}
    assert refusal(lambda: services.save_unit(municipality=home.municipality, name_sv="  ")) == {
        "name_sv": [REQUIRED],
        "kind": [REQUIRED],
    }
    # Another municipality may have a unit of the same name; a unit never moves.
    twin = services.save_unit(
        municipality=away.municipality, name_sv=home.unit.name_sv, kind=Unit.Kind.OFFICE
    )
    assert twin.municipality == away.municipality
    assert "municipality" in refusal(
        lambda: services.save_unit(municipality=home.municipality, unit=twin, name_en="Moved")
    )
    assert Unit.objects.get(pk=twin.pk).name_en != "Moved"


@pytest.mark.parametrize(
    "fields",
    [
        # Another case in ASCII letters: SQLite's LOWER folds no other (the rules do).
        {"name_sv": "TH KULTUR- och fritidsförvaltningen", "kind": "office"},
        {"name_sv": "", "kind": "office"},
        {"name_sv": "Ny enhet", "kind": "shop"},
    ],
    ids=["name taken", "no name", "unknown kind"],
)
def test_the_database_refuses_what_the_unit_rules_refuse(home, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(municipality=home.municipality, **fields)


def test_municipality_details_are_refused_without_a_form_and_nothing_changes(home):
    errors = refusal(
        lambda: services.save_municipality_details(
            municipality=home.municipality, phone="0520-49 50 00", diarienummer_pattern=r"(a)\1"
        )
    )
    assert list(errors) == ["diarienummer_pattern"]
    assert errors["diarienummer_pattern"][0].startswith("Mönstret kan inte användas.")
    home.municipality.refresh_from_db()
    assert home.municipality.phone != "0520-49 50 00"
    with pytest.raises(TypeError):
        services.save_municipality_details(municipality=home.municipality, is_active=False)
