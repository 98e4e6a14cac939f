"""Coordinators invite, remove and change the roles of people; nothing of another
municipality's accounts shows (issue #14, finding 2)."""

from django.urls import reverse

from utblick.security.models import AuditEvent
from utblick.security.services import record_user_event
from utblick.tenancy.models import Invitation, Membership, Role
from utblick.testing import login

PERSON = {"first_name": "Karin", "last_name": "Nyström", "role": Role.READER}


def invite(client, side, username):
    return client.post(
        reverse("staff:member_create", args=[side.municipality.slug]),
        {"username": username, **PERSON},
    )


def test_inviting_an_account_of_another_municipality_reveals_nothing(client, home, away):
    stranger = away.users["reader"]
    stranger.first_name, stranger.last_name = "Hemlig", "Motalabo"
    stranger.save()
    record_user_event(kind=AuditEvent.Kind.SIGN_IN, user=stranger)
    AuditEvent.objects.create(kind="sign_in_failed", username=stranger.username)
    login(client, home.users["coordinator"])

    existing = invite(client, home, stranger.username)
    told_existing = [str(m) for m in client.get(existing["Location"]).context["messages"]]
    new = invite(client, home, "karin-nystrom-ny")
    told_new = [str(m) for m in client.get(new["Location"]).context["messages"]]
    assert (existing.status_code, existing["Location"]) == (new.status_code, new["Location"])
    assert told_existing == told_new

    people = client.get(existing["Location"]).content.decode()
    assert "Motalabo" not in people
    assert people.count("Karin Nyström") == 2
    # No role before the person says yes: the audit log has nothing of theirs yet.
    assert not Membership.objects.filter(user=stranger, municipality=home.municipality).exists()
    log = client.get(reverse("staff:audit_log", args=[home.municipality.slug]))
    assert log.context["page"].paginator.count > 0
    assert not [e for e in log.context["object_list"] if e.username == stranger.username]


def test_an_invited_person_accepts_and_sees_only_events_from_then_on(client, home, away):
    person = away.users["reader"]
    record_user_event(kind=AuditEvent.Kind.SIGN_IN, user=person, request=None)
    login(client, home.users["coordinator"])
    invite(client, home, person.username)

    login(client, person)
    staff_home = client.get(reverse("staff_home"))
    assert home.municipality.name in staff_home.content.decode()
    invitation = Invitation.objects.get(user=person)
    accepted = client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    assert accepted["Location"] == reverse("staff:dashboard", args=[home.municipality.slug])
    assert Membership.objects.get(user=person, municipality=home.municipality).role == Role.READER
    record_user_event(kind=AuditEvent.Kind.SIGN_OUT, user=person)

    home_log = set(
        AuditEvent.objects.filter(
            municipality=home.municipality, username=person.username
        ).values_list("kind", flat=True)
    )
    assert home_log == {"role_change", "sign_out"}
    login(client, home.users["coordinator"])
    page = client.get(reverse("staff:audit_log", args=[home.municipality.slug]))
    kinds = {e.kind for e in page.context["object_list"] if e.username == person.username}
    assert kinds == {"role_change", "sign_out"}


def test_an_invitation_of_someone_else_cannot_be_answered(client, home):
    login(client, home.users["coordinator"])
    invite(client, home, "karin-nystrom-ny")
    invitation = Invitation.objects.get(username="karin-nystrom-ny")
    login(client, home.users["reader"])
    url = reverse("invitation_answer", args=[invitation.pk])
    assert client.post(url, {"answer": "accept"}).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_declined_invitation_gives_no_role(client, home, away):
    person = away.users["reader"]
    login(client, home.users["coordinator"])
    invite(client, home, person.username)
    login(client, person)
    invitation = Invitation.objects.get(user=person)
    client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "decline"})
    assert not Invitation.objects.filter(user=person).exists()
    assert not Membership.objects.filter(user=person, municipality=home.municipality).exists()
    assert AuditEvent.objects.filter(
        kind="invitation_declined", municipality=home.municipality
    ).exists()


def test_coordinator_removes_a_member_and_withdraws_an_invitation(client, home):
    reader = home.users["reader"]
    membership = Membership.objects.get(user=reader, municipality=home.municipality)
    login(client, home.users["coordinator"])
    url = reverse("staff:member_remove", args=[home.municipality.slug, membership.pk])
    assert client.get(url).status_code == 200
    assert client.post(url)["Location"] == reverse("staff:unit_list", args=[home.municipality.slug])
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(kind="member_removed")
    assert (event.municipality, event.user) == (home.municipality, home.users["coordinator"])
    assert event.detail == {"member": reader.username, "old_role": Role.READER}
    login(client, reader)
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    assert client.get(dashboard).status_code == 403

    login(client, home.users["coordinator"])
    invite(client, home, "karin-nystrom-ny")
    invitation = Invitation.objects.get(username="karin-nystrom-ny")
    client.post(reverse("staff:invitation_withdraw", args=[home.municipality.slug, invitation.pk]))
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert (
        AuditEvent.objects.filter(kind="member_removed", municipality=home.municipality).count()
        == 2
    )


def test_a_coordinator_cannot_change_or_remove_a_superusers_role(client, home):
    superuser = home.users["superuser"]
    membership = Membership.objects.create(
        user=superuser, municipality=home.municipality, role=Role.COORDINATOR
    )
    login(client, home.users["coordinator"])
    slug = home.municipality.slug
    edit = reverse("staff:member_edit", args=[slug, membership.pk])
    remove = reverse("staff:member_remove", args=[slug, membership.pk])
    assert client.post(edit, {"role": Role.READER}).status_code == 403
    assert client.post(remove).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
