"""Reads of news items, for the staff and public pages, the feeds and the newsletter."""

from django.shortcuts import get_object_or_404

from .models import NewsItem

PUBLIC_PAGE_SIZE = 10
FEED_SIZE = 20


def news_of(municipality):
    return NewsItem.objects.filter(municipality=municipality)


def news_list(municipality):
    return news_of(municipality).select_related("unit")


def news_item(municipality, pk) -> NewsItem:
    return get_object_or_404(news_of(municipality).select_related("municipality", "unit"), pk=pk)


def public_news(municipality):
    """Public, published news of the municipality, newest first."""
    return NewsItem.objects.public().filter(municipality=municipality)


def public_news_item(municipality, pk) -> NewsItem:
    return get_object_or_404(public_news(municipality).select_related("municipality"), pk=pk)


def feed_items(municipality):
    return list(public_news(municipality).select_related("municipality")[:FEED_SIZE])


def published_since(municipality, since=None):
    """Published news (public and internal) since a moment, for composing a newsletter."""
    queryset = news_of(municipality).published()
    if since is not None:
        queryset = queryset.filter(publish_at__gte=since)
    return queryset
