"""Demo newsletter: lists, a few (made-up, example.org) subscribers and a sent issue in the
archive of Trollhättan and Motala; idempotent."""

import datetime

from django.utils import timezone

from utblick.news.models import NewsItem
from utblick.newsletter.consent import CONSENT_VERSION, consent_text
from utblick.newsletter.models import (
    ConsentRecord,
    Delivery,
    Issue,
    MailingList,
    Subscriber,
    Subscription,
)
from utblick.tenancy.models import Municipality

SUBSCRIBERS = [("anna.lind", "sv"), ("erik.berg", "sv"), ("maria.rossi", "en")]
# (subject sv, subject en, days before the day the demo is loaded that the issue was sent):
# the archive shows a recent issue on any day.
ISSUES = {
    "trollhattan": ("Nytt från Trollhättan i världen", "News from Trollhättan in the world", 20),
    "motala": ("Motalas internationella nyhetsbrev", "Motala's international newsletter", 45),
}


def load_demo_data():
    for slug, (subject_sv, subject_en, days_ago) in ISSUES.items():
        sent_on = timezone.localdate() - datetime.timedelta(days=days_ago)
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        external, _ = MailingList.objects.update_or_create(
            municipality=municipality,
            audience=MailingList.Audience.EXTERNAL,
            name_sv="Internationellt nyhetsbrev",
            defaults={
                "name": "Internationellt nyhetsbrev",
                "name_en": "International newsletter",
                "description_sv": "EU-projekt, utlysningar, vänorter och evenemang.",
                "description_en": "EU projects, calls, twin towns and events.",
            },
        )
        MailingList.objects.update_or_create(
            municipality=municipality,
            audience=MailingList.Audience.INTERNAL,
            name_sv="Internt nyhetsbrev",
            defaults={"name": "Internt nyhetsbrev", "name_en": "Internal newsletter"},
        )
        sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(8, 0)))
        subscribers = []
        for name, language in SUBSCRIBERS:
            subscriber, created = Subscriber.objects.get_or_create(
                municipality=municipality,
                email=f"{name}@example.org",
                defaults={"language": language},
            )
            subscribers.append(subscriber)
            Subscription.objects.update_or_create(
                subscriber=subscriber,
                mailing_list=external,
                defaults={"status": Subscription.Status.ACTIVE, "confirmed_at": sent_at},
            )
            if created:
                for action, method in (("given", "web form"), ("confirmed", "confirmation link")):
                    ConsentRecord.objects.create(
                        subscriber=subscriber,
                        mailing_list=external,
                        action=action,
                        method=method,
                        text=consent_text(municipality, language),
                        version=CONSENT_VERSION,
                        created_at=sent_at - datetime.timedelta(days=30),
                    )
        issue, _ = Issue.objects.update_or_create(
            municipality=municipality,
            mailing_list=external,
            subject_sv=subject_sv,
            defaults={
                "subject": subject_sv,
                "subject_en": subject_en,
                "intro_sv": "Hej! Här är det senaste om vårt internationella arbete.",
                "intro_en": "Hello! Here is the latest on our international work.",
                "status": Issue.Status.SENT,
                "scheduled_at": sent_at,
                "sent_at": sent_at,
            },
        )
        issue.news_items.set(
            NewsItem.objects.filter(
                municipality=municipality, is_public=True, publish_at__lte=sent_at
            )
        )
        for subscriber in subscribers:
            Delivery.objects.update_or_create(
                issue=issue,
                subscriber=subscriber,
                defaults={
                    "status": Delivery.Status.SENT,
                    "attempts": 1,
                    "smtp_code": 250,
                    "sent_at": sent_at,
                },
            )
