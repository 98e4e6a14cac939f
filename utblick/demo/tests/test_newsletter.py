from django.core.management import call_command
from django.test import Client

from utblick.news.models import NewsItem
from utblick.newsletter.models import Delivery, Issue, Subscriber


def counts():
    return (
        NewsItem.objects.count(),
        Issue.objects.count(),
        Subscriber.objects.count(),
        Delivery.objects.count(),
    )


def test_the_demo_has_news_from_the_seeds_and_a_sent_issue_and_is_idempotent(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    client = Client()
    news = client.get("/trollhattan/nyheter/").content.decode()
    assert "Ny handlingsplan för den internationella strategin 2025–2026" in news
    assert "International House" not in news  # the internal item
    archive = client.get("/motala/nyhetsbrev/arkiv/").content.decode()
    assert "Motalas internationella nyhetsbrev" in archive
