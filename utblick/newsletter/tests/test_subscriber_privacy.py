"""Subscribers' personal data: audited export and erasure, no e-mail addresses for readers,
and no re-subscription through an old link (issue #14, finding 6)."""

from django.core import signing

from utblick.security.models import AuditEvent
from utblick.testing import login

from ..models import Delivery, Subscription
from ..services import end_subscription
from ..tokens import SALT
from .helpers import url


def confirm_path(home, token):
    return url("public", "newsletter_confirm", home, token=token)


def test_an_old_confirmation_link_does_not_resubscribe_after_unsubscribing(client, home):
    pending = home.records["pending_subscriber"]
    mailing_list = home.records["mailing_list"]
    token = home.records["confirm_token"]
    assert client.post(confirm_path(home, token)).status_code == 302
    subscription = Subscription.objects.get(subscriber=pending, mailing_list=mailing_list)
    assert subscription.status == Subscription.Status.ACTIVE

    end_subscription(subscriber=pending, mailing_list=mailing_list, method="one-click")
    client.post(confirm_path(home, token))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ENDED


def test_an_old_link_does_not_confirm_a_later_request_after_unsubscribing(client, home):
    """Someone typed the address into the form again after the person left: the mail still
    in the person's inbox from before does not confirm it; only the new link does."""
    pending = home.records["pending_subscriber"]
    mailing_list = home.records["mailing_list"]
    old_token = home.records["confirm_token"]
    end_subscription(subscriber=pending, mailing_list=mailing_list, method="one-click")
    Subscription.objects.filter(subscriber=pending).update(status=Subscription.Status.PENDING)
    client.post(confirm_path(home, old_token))
    subscription = Subscription.objects.get(subscriber=pending, mailing_list=mailing_list)
    assert subscription.status == Subscription.Status.PENDING
    # A link from before links carried their time is not honoured for an ended one either.
    data = signing.loads(old_token, salt=SALT)
    del data["t"]
    client.post(confirm_path(home, signing.dumps(data, salt=SALT)))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING


def test_export_and_erasure_go_to_the_audit_log_without_the_address(client, home):
    subscriber = home.records["subscriber"]
    coordinator = home.users["coordinator"]
    login(client, coordinator)
    client.get(url("staff", "newsletter_subscriber_export", home, pk=subscriber.pk))
    client.post(url("staff", "newsletter_subscriber_erase", home, pk=subscriber.pk))
    events = AuditEvent.objects.filter(kind__in=["export", "erasure"]).order_by("pk")
    assert [(e.kind, e.user, e.municipality) for e in events] == [
        ("export", coordinator, home.municipality),
        ("erasure", coordinator, home.municipality),
    ]
    assert all(e.detail == {"subscriber": str(subscriber.pk)} for e in events)
    log = client.get(url("staff", "audit_log", home)).content.decode()
    assert subscriber.email not in log


def test_readers_do_not_see_addresses_of_failed_deliveries(client, home):
    issue = home.records["sent_issue"]
    subscriber = home.records["subscriber"]
    Delivery.objects.update_or_create(
        issue=issue,
        subscriber=subscriber,
        defaults={
            "status": Delivery.Status.FAILED,
            "smtp_code": 550,
            "error": f"550 5.1.1 <{subscriber.email}>: No such user",
        },
    )
    page_url = url("staff", "newsletter_issue_detail", home, pk=issue.pk)
    for persona in ("reader", "rep"):
        login(client, home.users[persona])
        page = client.get(page_url)
        assert page.status_code == 200
        assert subscriber.email not in page.content.decode(), persona
    login(client, home.users["coordinator"])
    assert subscriber.email in client.get(page_url).content.decode()
