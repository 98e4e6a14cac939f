"""The client address behind reverse proxies (issue #14, finding 7)."""

import pytest
from django.urls import reverse

from utblick.security.models import AuditEvent

PROXY = "10.0.0.1"


def fail_sign_in(client, username, forwarded):
    return client.post(
        reverse("login"),
        {"username": username, "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 2


def test_behind_a_proxy_one_persons_failures_lock_out_only_them(client, home, one_proxy):
    user = home.users["reader"]
    for _ in range(3):
        fail_sign_in(client, user.username, "198.51.100.7")
    locked = fail_sign_in(client, user.username, "198.51.100.7")
    assert locked.status_code == 429
    # Someone else behind the same proxy can still sign in with the same user name.
    user.set_password("a-long-test-password-2026")
    user.save()
    other = client.post(
        reverse("login"),
        {"username": user.username, "password": "a-long-test-password-2026"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.20",
    )
    assert other.status_code == 302
    failed = AuditEvent.objects.filter(kind="sign_in_failed", username=user.username)
    assert set(failed.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_client_cannot_choose_its_address_by_writing_the_header(client, home, one_proxy):
    user = home.users["reader"]
    # The proxy appends the real address; what the client wrote stays on the left.
    for i in range(4):
        fail_sign_in(client, user.username, f"192.0.2.{i}, 198.51.100.7")
    assert fail_sign_in(client, user.username, "192.0.2.99, 198.51.100.7").status_code == 429
    failed = AuditEvent.objects.filter(kind="sign_in_failed", username=user.username)
    assert set(failed.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_without_trusted_proxies_the_header_is_ignored(client, home, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    fail_sign_in(client, home.users["reader"].username, "198.51.100.7")
    event = AuditEvent.objects.get(kind="sign_in_failed")
    assert event.ip_address == PROXY
