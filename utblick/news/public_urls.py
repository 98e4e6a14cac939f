"""Public URLs of the news app, under /<municipality-slug>/ in the "public" namespace."""

from django.urls import path

from . import feeds, public_views

urlpatterns = [
    path("<slug:municipality_slug>/nyheter/", public_views.news_index, name="news_index"),
    path(
        "<slug:municipality_slug>/nyheter/<int:pk>/", public_views.news_detail, name="news_detail"
    ),
    path(
        "<slug:municipality_slug>/nyheter/<int:pk>/bild/",
        public_views.news_image,
        name="news_image",
    ),
    path("<slug:municipality_slug>/nyheter/rss/", feeds.NewsRssFeed(), name="news_rss"),
    path("<slug:municipality_slug>/nyheter/atom/", feeds.NewsAtomFeed(), name="news_atom"),
]
