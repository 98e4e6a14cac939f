"""Demo newsletter: lists, a few (made-up, example.org) subscribers and a sent issue in the
archive of Trollhättan and Motala; idempotent. Subscribers sign up and confirm, and the issue
is composed and recorded as sent, through the newsletter services (``subscribe``,
``confirm``, ``save_issue``, ``record_sent``), like on the public and staff pages."""

import datetime

from django.utils import timezone

from utblick.news.models import NewsItem
from utblick.newsletter import services, tokens
from utblick.newsletter.models import Issue, MailingList, Subscriber
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
        for name, language in SUBSCRIBERS:
            email = f"{name}@example.org"
            if not Subscriber.objects.filter(municipality=municipality, email=email).exists():
                subscribe(municipality, email, language, external)
        sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(8, 0)))
        issue = Issue.objects.filter(
            municipality=municipality, mailing_list=external, subject_sv=subject_sv
        ).first()
        if issue is not None and not issue.is_editable:
            continue  # in the archive already
        issue = services.save_issue(
            municipality=municipality,
            user=None,
            issue=issue,
            mailing_list=external,
            subject_sv=subject_sv,
            subject_en=subject_en,
            intro_sv="Hej! Här är det senaste om vårt internationella arbete.",
            intro_en="Hello! Here is the latest on our international work.",
            news_items=NewsItem.objects.filter(
                municipality=municipality, is_public=True, publish_at__lte=sent_at
            ),
        )
        services.record_sent(issue=issue, sent_at=sent_at)


def subscribe(municipality, email, language, mailing_list):
    """Sign up on the public form and use the link of the confirmation mail."""
    subscriber = services.subscribe(
        municipality=municipality, email=email, language=language, lists=[mailing_list]
    )
    token = tokens.confirmation_token(subscriber, [mailing_list.pk], language)
    services.confirm(data=tokens.read_confirmation_token(token))
