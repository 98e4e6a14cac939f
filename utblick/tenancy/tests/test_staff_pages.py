import pytest
from django.urls import reverse

from utblick.tenancy.models import Invitation, Membership, Role, Unit, User

pytestmark = pytest.mark.django_db


def test_staff_home_sends_a_member_to_their_municipality(client, home):
    client.force_login(home.users["reader"])
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard", args=["trollhattan"])


def test_staff_home_without_role_explains_how_to_get_access(client, home):
    client.force_login(home.users["nobody"])
    response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    assert "international coordinator" in response.content.decode() or "samordnare" in (
        response.content.decode()
    )


def test_dashboard_shows_counts_and_projects_by_status(client, home):
    client.force_login(home.users["reader"])
    response = client.get(reverse("staff:dashboard", args=["trollhattan"]))
    assert response.status_code == 200
    by_status = {row["status"]: row["count"] for row in response.context["by_status"]}
    assert sum(by_status.values()) == response.context["counts"]["projects"]


def test_coordinator_adds_a_unit(client, home):
    client.force_login(home.users["coordinator"])
    url = reverse("staff:unit_create", args=["trollhattan"])
    response = client.post(
        url, {"name_sv": "Socialförvaltningen", "name_en": "", "kind": "department"}
    )
    assert response.status_code == 302
    assert Unit.objects.filter(
        municipality=home.municipality, name_sv="Socialförvaltningen"
    ).exists()


def test_unit_form_rejects_a_duplicate_name_and_saves_nothing(client, home):
    client.force_login(home.users["coordinator"])
    before = Unit.objects.count()
    response = client.post(
        reverse("staff:unit_create", args=["trollhattan"]),
        {"name_sv": home.unit.name_sv, "kind": "department"},
    )
    assert response.status_code == 400
    assert "already a unit with this name" in response.content.decode() or (
        "redan en enhet" in response.content.decode()
    )
    assert Unit.objects.count() == before


def test_unit_form_requires_a_kind(client, home):
    client.force_login(home.users["coordinator"])
    response = client.post(reverse("staff:unit_create", args=["trollhattan"]), {"name_sv": "X"})
    assert response.status_code == 400
    assert response.context["form"].errors["kind"]


def test_coordinator_adds_a_unit_representative(client, home):
    client.force_login(home.users["coordinator"])
    response = client.post(
        reverse("staff:member_create", args=["trollhattan"]),
        {
            "username": "anna",
            "first_name": "Anna",
            "last_name": "Andersson",
            "email": "anna@example.se",
            "password": "a-very-long-passphrase-42",
            "role": Role.UNIT_REPRESENTATIVE,
            "unit": home.unit.pk,
        },
    )
    assert response.status_code == 302
    anna = User.objects.get(username="anna")
    assert anna.check_password("a-very-long-passphrase-42")
    assert not Membership.objects.filter(user=anna).exists()
    client.force_login(anna)
    invitation = Invitation.objects.get(user=anna)
    client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    membership = Membership.objects.get(user=anna)
    assert membership.unit == home.unit


def test_unit_representative_needs_a_unit_and_nothing_is_saved(client, home):
    client.force_login(home.users["coordinator"])
    response = client.post(
        reverse("staff:member_create", args=["trollhattan"]),
        {"username": "bertil", "role": Role.UNIT_REPRESENTATIVE},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]
    assert not User.objects.filter(username="bertil").exists()


def test_member_form_rejects_a_weak_password(client, home):
    client.force_login(home.users["coordinator"])
    response = client.post(
        reverse("staff:member_create", args=["trollhattan"]),
        {"username": "cecilia", "role": Role.READER, "password": "123"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="cecilia").exists()


def test_unit_of_another_municipality_cannot_be_chosen(client, home, away):
    client.force_login(home.users["coordinator"])
    response = client.post(
        reverse("staff:member_create", args=["trollhattan"]),
        {"username": "david", "role": Role.UNIT_REPRESENTATIVE, "unit": away.unit.pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]


def test_coordinator_changes_a_role(client, home):
    client.force_login(home.users["coordinator"])
    membership = Membership.objects.get(user=home.users["reader"])
    response = client.post(
        reverse("staff:member_edit", args=["trollhattan", membership.pk]),
        {"role": Role.COORDINATOR},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_municipality_details_are_saved_and_bad_pattern_refused(client, home):
    client.force_login(home.users["coordinator"])
    url = reverse("staff:municipality_edit", args=["trollhattan"])
    data = {
        "address": "Gärdhemsvägen 9",
        "opening_hours_sv": "Måndag–fredag 8:00–16:30",
        "diarienummer_pattern": "([",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["diarienummer_pattern"]
    home.municipality.refresh_from_db()
    assert home.municipality.address != "Gärdhemsvägen 9"
    data["diarienummer_pattern"] = r"^KS \d{4}/\d+$"
    assert client.post(url, data).status_code == 302
    home.municipality.refresh_from_db()
    assert home.municipality.opening_hours_sv == "Måndag–fredag 8:00–16:30"


def test_unit_list_query_count_is_constant(client, home, django_assert_max_num_queries):
    from utblick.tenancy.tests.factories import UnitFactory, member

    client.force_login(home.users["reader"])
    url = reverse("staff:unit_list", args=["trollhattan"])
    for count in (10, 100):
        for _ in range(count - Unit.objects.filter(municipality=home.municipality).count()):
            unit = UnitFactory(municipality=home.municipality)
            member(home.municipality, Role.UNIT_REPRESENTATIVE, unit)
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
