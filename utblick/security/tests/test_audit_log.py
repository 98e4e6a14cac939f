from django.urls import reverse

from utblick.security.models import AuditEvent
from utblick.tenancy.models import Membership, Role
from utblick.testing import login


def test_sign_in_and_failed_sign_in_are_logged(client, home):
    user = home.users["reader"]
    user.set_password("a-long-test-password-2026")
    user.save()
    client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    client.post(
        reverse("login"), {"username": user.username, "password": "a-long-test-password-2026"}
    )
    kinds = list(AuditEvent.objects.filter(username=user.username).values_list("kind", flat=True))
    assert kinds == ["sign_in", "sign_in_failed"]
    failed = AuditEvent.objects.get(username=user.username, kind="sign_in_failed")
    assert failed.ip_address == "127.0.0.1"


def test_role_change_is_logged_with_who_did_it(client, home):
    coordinator = home.users["coordinator"]
    login(client, coordinator)
    member = Membership.objects.get(user=home.users["reader"], municipality=home.municipality)
    url = reverse("staff:member_edit", args=[home.municipality.slug, member.pk])
    response = client.post(url, {"role": Role.COORDINATOR, "unit": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(kind="role_change")
    assert event.user == coordinator
    assert event.municipality == home.municipality
    assert event.detail["old_role"] == Role.READER
    assert event.detail["new_role"] == Role.COORDINATOR


def test_audit_log_page_shows_only_own_municipality(client, home, away):
    AuditEvent.objects.create(kind="export", municipality=home.municipality, username="home-x")
    AuditEvent.objects.create(kind="export", municipality=away.municipality, username="away-x")
    AuditEvent.objects.create(kind="sign_in_failed", username=away.users["reader"].username)
    login(client, home.users["coordinator"])
    page = client.get(reverse("staff:audit_log", args=[home.municipality.slug])).content.decode()
    assert "home-x" in page
    assert "away-x" not in page
    assert away.users["reader"].username not in page


def test_audit_log_has_constant_query_count(client, home, django_assert_max_num_queries):
    login(client, home.users["coordinator"])
    url = reverse("staff:audit_log", args=[home.municipality.slug])
    for i in range(30):
        AuditEvent.objects.create(kind="export", municipality=home.municipality, username=f"u{i}")
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_the_admin_cannot_change_or_delete_events(client, home):
    event = AuditEvent.objects.create(kind="export", municipality=home.municipality)
    login(client, home.users["superuser"])
    change = reverse("admin:security_auditevent_change", args=[event.pk])
    delete = reverse("admin:security_auditevent_delete", args=[event.pk])
    assert client.post(change, {"kind": "erasure"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).kind == "export"
