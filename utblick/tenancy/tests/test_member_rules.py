"""The write paths of invitations and roles: the staff pages and plain data (as the demo and
the commands call them) refuse the same, in Swedish, and nothing is written then; the
database refuses what the rules refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from utblick.security.models import AuditEvent
from utblick.tenancy import services
from utblick.tenancy.models import Invitation, Membership, Role, User
from utblick.testing import login

pytestmark = pytest.mark.django_db

NEEDS_UNIT = "En enhetsrepresentant måste höra till en enhet."
NO_UNIT = "Bara en enhetsrepresentant hör till en enhet."
OWN_UNIT = "Välj en av kommunens egna enheter."
UNKNOWN_ROLE = "Välj en roll: internationell samordnare, enhetsrepresentant eller läsare."
HAS_ROLE = "Den här personen har redan en roll här."
REQUIRED = "Det här fältet är obligatoriskt."


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def written():
    """What an invitation or a change of role writes."""
    return (
        User.objects.count(),
        Invitation.objects.count(),
        sorted(Membership.objects.values_list("pk", "role", "unit")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    ("role", "unit", "errors"),
    [
        ("chief", None, {"role": [UNKNOWN_ROLE]}),
        ("", None, {"role": [REQUIRED]}),
        (Role.UNIT_REPRESENTATIVE, None, {"unit": [NEEDS_UNIT]}),
        (Role.UNIT_REPRESENTATIVE, "away", {"unit": [OWN_UNIT]}),
        (Role.READER, "home", {"unit": [NO_UNIT]}),
        (Role.COORDINATOR, "home", {"unit": [NO_UNIT]}),
    ],
    ids=["unknown role", "no role", "rep without unit", "unit elsewhere", "reader", "coordinator"],
)
def test_roles_are_refused_in_swedish_without_a_form(home, away, role, unit, errors):
    unit = {"home": home.unit, "away": away.unit, None: None}[unit]
    before = written()
    assert (
        refusal(
            lambda: services.invite_member(
                municipality=home.municipality, username="karin", role=role, unit=unit
            )
        )
        == errors
    )
    membership = Membership.objects.get(user=home.users["reader"])
    assert (
        refusal(lambda: services.change_role(membership=membership, role=role, unit=unit)) == errors
    )
    assert written() == before


def test_an_invitation_is_refused_for_a_member_a_bad_address_and_a_weak_password(home):
    before = written()
    errors = refusal(
        lambda: services.invite_member(
            municipality=home.municipality,
            username=f" {home.users['reader'].username} ",
            email="karin@",
            password="1234",
            first_name="K" * 151,
            role=Role.READER,
        )
    )
    assert errors["username"] == [HAS_ROLE]
    assert errors["email"] == ["Ange en giltig mejladress."]
    assert any("för kort" in message for message in errors["password"])
    assert errors["first_name"][0].startswith("Säkerställ att detta värde har som mest 150 tecken")
    assert refusal(
        lambda: services.invite_member(municipality=home.municipality, username=" ", role="reader")
    ) == {"username": [REQUIRED]}
    assert written() == before


def test_an_invitation_from_plain_data_creates_the_account_and_logs_it(home):
    coordinator = home.users["coordinator"]
    invitation = services.invite_member(
        municipality=home.municipality,
        username=" karin ",
        first_name="Karin",
        last_name="Nyström",
        role=Role.UNIT_REPRESENTATIVE,
        unit=home.unit,
        actor=coordinator,
    )
    assert (invitation.username, invitation.display_name) == ("karin", "Karin Nyström")
    assert (invitation.role, invitation.unit, invitation.invited_by) == (
        Role.UNIT_REPRESENTATIVE,
        home.unit,
        coordinator,
    )
    assert not invitation.user.has_usable_password()
    event = AuditEvent.objects.get(kind="member_invited")
    assert event.detail == {
        "member": "karin",
        "role": Role.UNIT_REPRESENTATIVE,
        "unit": str(home.unit),
    }


def test_a_change_of_role_from_plain_data_is_logged(home):
    membership = Membership.objects.get(user=home.users["rep"])
    services.change_role(membership=membership, role=Role.READER, actor=home.users["coordinator"])
    membership.refresh_from_db()
    assert (membership.role, membership.unit) == (Role.READER, None)
    event = AuditEvent.objects.get(kind="role_change")
    assert (event.detail["old_role"], event.detail["new_role"]) == ("unit_rep", "reader")
    # The same role again: nothing to log.
    services.change_role(membership=membership, role=Role.READER)
    assert AuditEvent.objects.filter(kind="role_change").count() == 1


def test_the_invitation_page_shows_the_same_refusals(client, home):
    login(client, home.users["coordinator"])
    url = reverse("staff:member_create", args=[home.municipality.slug])
    before = written()
    response = client.post(url, {"username": "bertil", "role": Role.UNIT_REPRESENTATIVE})
    assert response.status_code == 400
    assert response.context["form"].errors == {"unit": [NEEDS_UNIT]}
    assert NEEDS_UNIT in response.content.decode()
    response = client.post(
        url, {"username": home.users["reader"].username, "role": Role.READER, "password": "1234"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["username"] == [HAS_ROLE]
    assert any("för kort" in message for message in errors["password"])
    assert written() == before


def test_the_role_page_refuses_a_rep_without_unit_and_drops_a_unit_left_chosen(client, home):
    login(client, home.users["coordinator"])
    membership = Membership.objects.get(user=home.users["reader"])
    url = reverse("staff:member_edit", args=[home.municipality.slug, membership.pk])
    response = client.post(url, {"role": Role.UNIT_REPRESENTATIVE, "unit": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {"unit": [NEEDS_UNIT]}
    assert NEEDS_UNIT in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.READER

    # The page offers a unit whatever the role: one left chosen for a reader is dropped.
    rep = Membership.objects.get(user=home.users["rep"])
    url = reverse("staff:member_edit", args=[home.municipality.slug, rep.pk])
    response = client.post(url, {"role": Role.READER, "unit": home.unit.pk})
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.role, rep.unit) == (Role.READER, None)


def test_a_member_added_at_once_follows_the_same_rules(home, away):
    person = User.objects.create(username="karin")
    before = written()
    assert refusal(
        lambda: services.add_member(
            municipality=home.municipality,
            user=person,
            role=Role.UNIT_REPRESENTATIVE,
            unit=away.unit,
        )
    ) == {"unit": [OWN_UNIT]}
    assert refusal(
        lambda: services.add_member(
            municipality=home.municipality, user=person, role=Role.READER, unit=home.unit
        )
    ) == {"unit": [NO_UNIT]}
    assert written() == before

    services.invite_member(municipality=home.municipality, username="karin", role=Role.READER)
    membership = services.add_member(
        municipality=home.municipality, user=person, role=Role.UNIT_REPRESENTATIVE, unit=home.unit
    )
    assert (membership.role, membership.unit) == (Role.UNIT_REPRESENTATIVE, home.unit)
    # The open invitation is answered by the role.
    assert not Invitation.objects.filter(user=person).exists()
    event = AuditEvent.objects.get(kind="role_change", detail__member="karin")
    assert (event.detail["old_role"], event.detail["new_role"]) == ("", "unit_rep")
    # Again, or as another role: the one membership, changed.
    services.add_member(
        municipality=home.municipality, user=person, role=Role.UNIT_REPRESENTATIVE, unit=home.unit
    )
    services.add_member(municipality=home.municipality, user=person, role=Role.COORDINATOR)
    assert list(Membership.objects.filter(user=person).values_list("role", "unit")) == [
        (Role.COORDINATOR, None)
    ]
    assert AuditEvent.objects.filter(kind="role_change", detail__member="karin").count() == 2


@pytest.mark.parametrize("model", [Membership, Invitation])
@pytest.mark.parametrize(
    ("role", "unit"),
    [("chief", None), (Role.UNIT_REPRESENTATIVE, None), (Role.READER, "unit")],
    ids=["unknown role", "rep without unit", "reader with unit"],
)
def test_the_database_refuses_what_the_role_rules_refuse(home, model, role, unit):
    person = User.objects.create(username="karin")
    fields = {"user": person, "municipality": home.municipality, "role": role}
    fields["unit"] = home.unit if unit else None
    if model is Invitation:
        fields["username"] = person.username
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_the_database_refuses_a_role_changed_past_the_services(home):
    rep = Membership.objects.filter(user=home.users["rep"])
    with pytest.raises(IntegrityError), transaction.atomic():
        rep.update(role=Role.READER)
    with pytest.raises(IntegrityError), transaction.atomic():
        rep.update(unit=None)
    assert rep.get().unit == home.unit
