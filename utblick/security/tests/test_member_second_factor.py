"""A coordinator issues enrolment links for members and resets their second factor."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from utblick.security.models import AuditEvent, EnrolmentLink
from utblick.security.services import new_recovery_codes
from utblick.tenancy.models import Membership, Role
from utblick.testing import login


def page_of(side, user):
    membership = Membership.objects.get(user=user, municipality=side.municipality)
    return reverse("staff:member_second_factor", args=[side.municipality.slug, membership.pk])


def test_coordinator_issues_a_one_time_link_shown_once(client, home):
    reader = home.users["reader"]
    login(client, home.users["coordinator"])
    url = page_of(home, reader)
    assert "enrolment-link" not in client.get(url).content.decode()
    response = client.post(url, {"action": "link"})
    assert response.status_code == 200
    link = response.context["link"]
    assert "/login/second-factor/enrol/" in link
    assert link in response.content.decode()
    assert EnrolmentLink.objects.get(user=reader).used_at is None
    event = AuditEvent.objects.get(kind="enrolment_link")
    assert (event.municipality, event.user, event.detail["member"]) == (
        home.municipality,
        home.users["coordinator"],
        reader.username,
    )
    # A second link replaces the first.
    client.post(url, {"action": "link"})
    assert EnrolmentLink.objects.filter(user=reader, used_at=None).count() == 1


def test_coordinator_resets_a_lost_phone(client, home):
    reader = home.users["reader"]
    TOTPDevice.objects.create(user=reader, name="phone", confirmed=True)
    new_recovery_codes(user=reader)
    login(client, home.users["coordinator"])
    response = client.post(page_of(home, reader), {"action": "reset"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=reader).exists()
    assert not StaticDevice.objects.filter(user=reader).exists()
    event = AuditEvent.objects.get(kind="second_factor_reset")
    assert event.municipality == home.municipality
    assert event.detail["member"] == reader.username


def test_a_coordinator_cannot_touch_a_superusers_second_factor(client, home):
    superuser = home.users["superuser"]
    Membership.objects.create(user=superuser, municipality=home.municipality, role=Role.READER)
    TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    login(client, home.users["coordinator"])
    url = page_of(home, superuser)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "reset"}).status_code == 403
    assert client.post(url, {"action": "link"}).status_code == 403
    assert TOTPDevice.objects.filter(user=superuser).exists()
    assert not EnrolmentLink.objects.exists()


def test_the_command_issues_a_link_for_the_first_superuser(home):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_enrolment_link", home.users["superuser"].username, stdout=out)
    assert "/login/second-factor/enrol/" in out.getvalue()
    assert EnrolmentLink.objects.filter(user=home.users["superuser"]).exists()
