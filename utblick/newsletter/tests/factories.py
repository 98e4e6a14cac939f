import datetime

import factory
from django.utils import timezone

from utblick.funding.tests.factories import CallFactory, deadline
from utblick.news.models import NewsItem
from utblick.projects.models import FunderProgramme, Project

from ..models import Issue, MailingList, Subscriber, Subscription
from ..tokens import confirmation_token


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingList

    name = factory.Sequence(lambda n: f"Nyhetsbrev {n}")
    name_sv = factory.SelfAttribute("name")
    audience = MailingList.Audience.EXTERNAL


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    language = "sv"


def subscribe_active(mailing_list, email=None, language="sv", **fields):
    subscriber = Subscriber.objects.create(
        municipality=mailing_list.municipality,
        email=email
        or f"reader{Subscriber.objects.count() + 1}-{timezone.now().timestamp()}@example.org",
        language=language,
        **fields,
    )
    Subscription.objects.create(
        subscriber=subscriber,
        mailing_list=mailing_list,
        status=Subscription.Status.ACTIVE,
        confirmed_at=timezone.now(),
    )
    return subscriber


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    subject = factory.Sequence(lambda n: f"Nyhetsbrev nummer {n}")
    subject_sv = factory.SelfAttribute("subject")
    intro_sv = "Hej! Här är det senaste om vårt internationella arbete."


def eu_programme():
    found = FunderProgramme.objects.filter(is_eu=True).order_by("pk").first()
    return found or FunderProgramme.objects.create(name="Horisont Europa", is_eu=True)


def world_records(*, municipality, unit):
    """An external and an internal list, an active and a pending subscriber, a draft issue with
    the public news item, and a sent issue on each list (only the external one is public)."""
    external = MailingListFactory(
        municipality=municipality,
        name="Internationellt nyhetsbrev",
        name_sv="Internationellt nyhetsbrev",
        name_en="International newsletter",
    )
    internal = MailingListFactory(
        municipality=municipality,
        name="Internt nyhetsbrev",
        name_sv="Internt nyhetsbrev",
        name_en="Internal newsletter",
        audience=MailingList.Audience.INTERNAL,
    )
    subscriber = subscribe_active(external, email=f"anna@{municipality.slug}.example.org")
    pending = Subscriber.objects.create(
        municipality=municipality, email=f"pending@{municipality.slug}.example.org"
    )
    Subscription.objects.create(subscriber=pending, mailing_list=external)
    issue = IssueFactory(municipality=municipality, mailing_list=external)
    issue.news_items.set(NewsItem.objects.filter(municipality=municipality, is_public=True))
    # A call with a programme and a deadline, so the mail shows every section. The
    # municipality's own (as a manually entered call is): the world must not add shared
    # calls that other apps' tests would see.
    call = CallFactory(
        municipality=municipality,
        identifier=f"HORIZON-NEWSLETTER-{municipality.slug}",
        title="Cities for climate-neutral twinning",
        programme=eu_programme(),
        url="https://ec.europa.eu/info/funding-tenders/",
        language="en",
    )
    deadline(call, days=45)
    issue.calls.add(call)
    issue.projects.set(Project.objects.filter(municipality=municipality, is_public=True)[:1])
    scheduled = IssueFactory(
        municipality=municipality,
        mailing_list=external,
        subject="Nyhetsbrev hösten",
        subject_sv="Nyhetsbrev hösten",
        status=Issue.Status.SCHEDULED,
        scheduled_at=timezone.now() + datetime.timedelta(days=30),
    )
    sent = IssueFactory(
        municipality=municipality,
        mailing_list=external,
        subject="Nyhetsbrev våren",
        subject_sv="Nyhetsbrev våren",
        subject_en="Spring newsletter",
        status=Issue.Status.SENT,
        sent_at=timezone.now(),
    )
    internal_sent = IssueFactory(
        municipality=municipality,
        mailing_list=internal,
        status=Issue.Status.SENT,
        sent_at=timezone.now(),
    )
    return {
        "mailing_list": external,
        "internal_mailing_list": internal,
        "subscriber": subscriber,
        "pending_subscriber": pending,
        "confirm_token": confirmation_token(pending, [external.pk]),
        "issue": issue,
        "newsletter_call": call,
        "scheduled_issue": scheduled,
        "sent_issue": sent,
        "internal_sent_issue": internal_sent,
    }
