"""Double opt-in, the consent log, managing and leaving, one-click unsubscribe, export and
erasure."""

import json
import re
import time

from django.core import signing
from django.test import Client

from utblick.testing import login

from ..consent import CONSENT_VERSION
from ..models import ConsentRecord, Subscriber, Subscription
from .helpers import url


def subscribe(client, home, email="ny@example.org", language="en"):
    with_callbacks = {
        "email": email,
        "lists": [home.records["mailing_list"].pk],
        "language": language,
        "consent": "on",
    }
    return client.post(url("public", "newsletter_subscribe", home, "en"), with_callbacks)


def confirmation_link(mail):
    return re.search(r"https?://\S+/nyhetsbrev/bekrafta/\S+/", mail.body).group(0)


def test_a_subscription_is_only_active_after_the_confirmation_link(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, home)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="ny@example.org")
    subscription = subscriber.subscriptions.get()
    assert subscription.status == Subscription.Status.PENDING
    given = ConsentRecord.objects.get(subscriber=subscriber)
    assert given.action == "given" and given.method == "web form"
    assert given.version == CONSENT_VERSION and "newsletter" in given.text
    assert given.mailing_list == home.records["mailing_list"]

    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ny@example.org"]
    link = confirmation_link(mailoutbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link (or a mail scanner fetching it) does not yet confirm.
    page = client.get("/" + path)
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING
    response = client.post("/" + path)
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE and subscription.confirmed_at
    assert list(subscriber.consents.values_list("action", "method")) == [
        ("given", "web form"),
        ("confirmed", "confirmation link"),
    ]


def test_a_new_language_takes_effect_only_when_the_link_is_used(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    # Anyone can type a subscriber's address into the form: that alone must change nothing.
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, home, email="redan@example.org", language="sv")
    path = "/" + confirmation_link(mailoutbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.post(path)
    subscriber = Subscriber.objects.get(email="redan@example.org")
    assert subscriber.language == "sv"

    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, home, email="redan@example.org", language="en")
    subscriber.refresh_from_db()
    assert subscriber.language == "sv"
    # The confirmation mail speaks the language asked for; the link brings it into effect.
    second = mailoutbox[1]
    assert second.subject.startswith("Confirm your subscription")
    path = "/" + confirmation_link(second).split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/en/")
    assert client.post(path).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"


def test_an_expired_or_forged_confirmation_link_is_refused(client, home, monkeypatch, settings):
    token = home.records["confirm_token"]
    pending = home.records["pending_subscriber"]
    confirm = url("public", "newsletter_confirm", home, "en", token=token)
    real_time = time.time
    monkeypatch.setattr(
        signing.time, "time", lambda: real_time() + settings.NEWSLETTER_CONFIRM_DAYS * 86400 + 60
    )
    response = client.post(confirm)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    monkeypatch.undo()
    forged = url("public", "newsletter_confirm", home, "en", token=token[:-2] + "xx")
    assert client.post(forged).status_code == 400
    assert pending.subscriptions.get().status == Subscription.Status.PENDING
    assert client.post(confirm).status_code == 302
    assert pending.subscriptions.get().status == Subscription.Status.ACTIVE


def test_subscribing_needs_consent_and_a_list(client, home):
    response = client.post(
        url("public", "newsletter_subscribe", home, "en"), {"email": "x@example.org"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "We can only send the newsletter with your consent." in page
    assert "Choose at least one newsletter." in page
    assert not Subscriber.objects.filter(email="x@example.org").exists()


def test_internal_lists_cannot_be_subscribed_to_from_the_public_form(client, home):
    response = client.post(
        url("public", "newsletter_subscribe", home, "en"),
        {
            "email": "x@example.org",
            "lists": [home.records["internal_mailing_list"].pk],
            "language": "sv",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert not Subscriber.objects.filter(email="x@example.org").exists()


def test_one_click_unsubscribe_from_a_mail_client_ends_the_subscription_at_once(home):
    subscriber = home.records["subscriber"]
    mailing_list = home.records["mailing_list"]
    mail_client = Client(enforce_csrf_checks=True)  # no session, no CSRF token
    response = mail_client.post(
        url("public", "newsletter_unsubscribe", home, key=subscriber.key, list_pk=mailing_list.pk),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription = subscriber.subscriptions.get(mailing_list=mailing_list)
    assert subscription.status == Subscription.Status.ENDED and subscription.ended_at
    withdrawn = subscriber.consents.get(action="withdrawn")
    assert withdrawn.method == "one-click unsubscribe"


def test_unsubscribe_needs_the_subscriber_s_key(home, away):
    mail_client = Client(enforce_csrf_checks=True)
    mailing_list = home.records["mailing_list"]
    wrong = url("public", "newsletter_unsubscribe", home, key="guess", list_pk=mailing_list.pk)
    assert mail_client.post(wrong).status_code == 404
    other = url(
        "public",
        "newsletter_unsubscribe",
        home,
        key=away.records["subscriber"].key,
        list_pk=mailing_list.pk,
    )
    assert mail_client.post(other).status_code == 404
    assert home.records["subscriber"].subscriptions.get().status == Subscription.Status.ACTIVE


def test_the_manage_page_changes_language_and_leaves_lists(client, home):
    subscriber = home.records["subscriber"]
    manage = url("public", "newsletter_manage", home, "en", key=subscriber.key)
    page = client.get(manage).content.decode()
    assert "International newsletter" in page
    response = client.post(manage, {"language": "en"})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert subscriber.subscriptions.get().status == Subscription.Status.ENDED
    client.post(manage, {"language": "en", "lists": [home.records["mailing_list"].pk]})
    assert subscriber.subscriptions.get().status == Subscription.Status.ACTIVE
    assert list(subscriber.consents.values_list("action", flat=True)) == [
        "withdrawn",
        "given",
        "confirmed",
    ]


def test_the_coordinator_exports_and_erases_a_subscriber(client, home):
    subscriber = home.records["subscriber"]
    login(client, home.users["coordinator"])
    export = client.get(url("staff", "newsletter_subscriber_export", home, pk=subscriber.pk))
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["email"] == subscriber.email
    assert data["subscriptions"][0]["status"] == "active"

    key = subscriber.key
    response = client.post(url("staff", "newsletter_subscriber_erase", home, pk=subscriber.pk))
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not ConsentRecord.objects.filter(subscriber_id=subscriber.pk).exists()
    assert client.get(url("public", "newsletter_manage", home, key=key)).status_code == 404


def without_tokens(html):
    """A page without what differs on every request (CSRF tokens, CSP nonces)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def attempt(client, home, email, ip="192.0.2.10", lang="sv", **headers):
    return client.post(
        url("public", "newsletter_subscribe", home, lang),
        {
            "email": email,
            "lists": [home.records["mailing_list"].pk],
            "language": "sv",
            "consent": "on",
        },
        REMOTE_ADDR=ip,
        **headers,
    )


def test_the_subscribe_form_is_throttled_per_ip_address(client, home, settings, mailoutbox):
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_IP = 3
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL = 100
    for n in range(3):
        assert attempt(client, home, f"ip{n}@example.org").status_code == 302
    # Invalid attempts count too: a fourth, of any kind, is refused.
    blocked = attempt(client, home, "ip3@example.org")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    page = blocked.content.decode()
    assert "För många försök" in page and "Vänta en timme" in page
    assert not Subscriber.objects.filter(email="ip3@example.org").exists()
    assert client.get(url("public", "newsletter_subscribe", home)).status_code == 200
    # Another connection is not affected.
    assert attempt(client, home, "ip3@example.org", ip="192.0.2.99").status_code == 302


def test_behind_a_proxy_the_subscribe_limit_counts_each_client(client, home, settings):
    """Issue #14, finding 7: behind a proxy the limit was one for the whole site."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_IP = 1
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL = 100
    proxy = "10.0.0.1"

    def behind_proxy(email, forwarded):
        return attempt(client, home, email, ip=proxy, HTTP_X_FORWARDED_FOR=forwarded)

    assert behind_proxy("a@example.org", "198.51.100.7").status_code == 302
    assert behind_proxy("b@example.org", "198.51.100.7").status_code == 429
    assert behind_proxy("c@example.org", "203.0.113.20").status_code == 302
    # What a client writes into the header itself does not give it a fresh limit.
    assert behind_proxy("d@example.org", "192.0.2.1, 198.51.100.7").status_code == 429


def test_the_subscribe_form_is_throttled_per_address_with_the_same_answer_for_everyone(
    client, home, settings
):
    """Known and unknown addresses get exactly the same answers, before and at the limit."""
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_IP = 100
    settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL = 2
    known = home.records["subscriber"].email  # active already
    answers = {}
    for email in (known, "stranger@example.org"):
        answers[email] = [attempt(client, home, email, ip=f"198.51.100.{n}") for n in range(3)]
    for first, second in zip(answers[known], answers["stranger@example.org"], strict=True):
        assert first.status_code == second.status_code
        assert first.get("Location") == second.get("Location")
    assert [r.status_code for r in answers[known]] == [302, 302, 429]
    last = without_tokens(answers[known][-1].content.decode())
    assert last == without_tokens(answers["stranger@example.org"][-1].content.decode())
    assert "För många försök" in last
    # Upper or lower case, the address is the same address.
    assert attempt(client, home, known.upper(), ip="203.0.113.1").status_code == 429
    assert home.records["subscriber"].subscriptions.get().status == Subscription.Status.ACTIVE
