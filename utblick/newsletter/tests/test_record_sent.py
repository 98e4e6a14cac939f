"""An issue sent before the municipality used Utblick is recorded as sent (``record_sent``)
with the rules of a sending, and no mail goes out."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from .. import services
from ..models import Delivery, Issue, Subscription
from .factories import IssueFactory, MailingListFactory, subscribe_active

pytestmark = pytest.mark.django_db


def test_a_past_issue_goes_to_the_archive_with_a_delivery_per_active_subscriber(home):
    mailing_list = MailingListFactory(municipality=home.municipality)
    anna = subscribe_active(mailing_list, email="anna@example.org")
    bo = subscribe_active(mailing_list, email="bo@example.org")
    Subscription.objects.filter(subscriber=bo).update(status=Subscription.Status.ENDED)
    issue = IssueFactory(municipality=home.municipality, mailing_list=mailing_list)
    sent_at = timezone.now() - datetime.timedelta(days=20)
    mail.outbox.clear()

    services.record_sent(issue=issue, sent_at=sent_at)

    issue.refresh_from_db()
    assert (issue.status, issue.sent_at) == (Issue.Status.SENT, sent_at)
    assert list(issue.deliveries.values_list("subscriber", "status", "sent_at")) == [
        (anna.pk, Delivery.Status.SENT, sent_at)
    ]
    assert mail.outbox == []
    with translation.override("en"), pytest.raises(services.SendingRefused, match="draft"):
        services.record_sent(issue=issue, sent_at=sent_at)
    assert issue.deliveries.count() == 1


def test_an_issue_is_not_recorded_as_sent_in_the_future(home):
    issue = IssueFactory(
        municipality=home.municipality,
        mailing_list=MailingListFactory(municipality=home.municipality),
    )
    with translation.override("en"), pytest.raises(services.SendingRefused, match="future"):
        services.record_sent(issue=issue, sent_at=timezone.now() + datetime.timedelta(hours=1))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT and not issue.deliveries.exists()
