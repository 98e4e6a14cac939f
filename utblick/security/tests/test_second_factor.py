"""Staff sign in with a password and a TOTP code when STAFF_SECOND_FACTOR is on."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from utblick.security.models import AuditEvent
from utblick.security.services import issue_enrolment_link, new_recovery_codes

PASSWORD = "a-long-test-password-2026"


@pytest.fixture
def coordinator(home):
    user = home.users["coordinator"]
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def required(settings):
    settings.STAFF_SECOND_FACTOR = True


def code_for(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def enrolment_link(user):
    return reverse("second_factor_enrol", args=[issue_enrolment_link(user=user)])


def test_without_second_factor_staff_pages_send_to_setup(client, home, coordinator, required):
    sign_in(client, coordinator)
    client.get(enrolment_link(coordinator))
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    response = client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor"))

    setup = client.get(response["Location"], follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("second_factor_setup"))
    page = setup.content.decode()
    assert "<svg" in page
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=False).count() == 1
    assert " ".join(page.split()).count(setup.context["secret"]) == 1


def test_a_password_alone_cannot_add_an_authenticator(client, home, coordinator, required):
    """Issue #14, finding 5: whoever learnt the password could bind their own app."""
    sign_in(client, coordinator)
    setup_url = reverse("second_factor_setup")
    page = client.get(setup_url)
    assert page.status_code == 403
    assert "<svg" not in page.content.decode()
    assert client.post(setup_url, {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    assert client.get(dashboard).status_code == 302


def test_an_enrolment_link_works_once_and_for_its_own_account_only(
    client, home, coordinator, required
):
    link = enrolment_link(home.users["reader"])
    sign_in(client, coordinator)
    assert client.get(link).status_code == 404
    assert client.get(reverse("second_factor_setup")).status_code == 403

    own = enrolment_link(coordinator)
    assert client.get(own)["Location"] == reverse("second_factor_setup")
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    client.post(reverse("second_factor_setup"), {"code": code_for(device)})
    client.logout()
    sign_in(client, coordinator)
    assert client.get(own).status_code == 404


def test_setup_confirms_the_app_with_a_right_code_only(
    client, home, coordinator, required, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between the wrong and the right try
    sign_in(client, coordinator)
    client.get(enrolment_link(coordinator))
    setup_url = reverse("second_factor_setup") + "?next=/staff/"
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    wrong = client.post(setup_url, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert wrong.context["form"].errors["code"]
    assert AuditEvent.objects.filter(kind="second_factor_failed", user=coordinator).count() == 1
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    assert client.get(dashboard).status_code == 302

    right = client.post(setup_url, {"code": code_for(device)})
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(kind="second_factor_added", user=coordinator).exists()

    # The recovery codes are shown once, right after enrolment.
    codes_page = client.get(right["Location"])
    assert codes_page.status_code == 200
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    for code in codes:
        assert code in codes_page.content.decode()
    assert client.get(right["Location"]).status_code == 302
    assert client.get(dashboard).status_code == 200


def test_a_recovery_code_signs_in_once(client, home, coordinator, required):
    TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    code = new_recovery_codes(user=coordinator)[0]
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    sign_in(client, coordinator)
    verified = client.post(reverse("second_factor"), {"code": code.upper(), "next": dashboard})
    assert verified["Location"] == dashboard
    assert client.get(dashboard).status_code == 200
    assert AuditEvent.objects.filter(kind="recovery_code_used", user=coordinator).exists()
    client.logout()
    sign_in(client, coordinator)
    assert client.post(reverse("second_factor"), {"code": code}).status_code == 400


def test_next_sign_in_asks_for_the_code(client, home, coordinator, required):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    sign_in(client, coordinator)
    dashboard = reverse("staff:dashboard", args=[home.municipality.slug])
    response = client.get(dashboard)
    assert response["Location"].startswith(reverse("second_factor"))
    assert not response["Location"].startswith(reverse("second_factor_setup"))
    verified = client.post(reverse("second_factor"), {"code": code_for(device), "next": dashboard})
    assert verified["Location"] == dashboard
    assert client.get(dashboard).status_code == 200


def test_next_must_stay_on_this_site(client, coordinator, required):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    sign_in(client, coordinator)
    response = client.post(
        reverse("second_factor"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/staff/"


def test_admin_needs_the_second_factor_too(client, home, required):
    superuser = home.users["superuser"]
    superuser.set_password(PASSWORD)
    superuser.save()
    sign_in(client, superuser)
    assert client.get("/admin/").status_code == 302
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.post(reverse("second_factor"), {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_off_by_setting(client, home, coordinator, settings):
    settings.STAFF_SECOND_FACTOR = False
    sign_in(client, coordinator)
    assert client.get(reverse("staff:dashboard", args=[home.municipality.slug])).status_code == 200
