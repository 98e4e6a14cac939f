"""Public site URLs: the public app's pages and each app's public pages, all in the "public"
namespace, under /<municipality-slug>/ (Swedish) and /en/<municipality-slug>/ (English)."""

from utblick.api.public_urls import urlpatterns as opendata_urls
from utblick.documents.public_urls import urlpatterns as document_urls
from utblick.funding.public_urls import urlpatterns as funding_urls
from utblick.news.public_urls import urlpatterns as news_urls
from utblick.newsletter.public_urls import urlpatterns as newsletter_urls
from utblick.public.urls import urlpatterns as site_urls
from utblick.strategy.public_urls import urlpatterns as strategy_urls

app_name = "public"
urlpatterns = (
    site_urls
    + document_urls
    + strategy_urls
    + funding_urls
    + news_urls
    + newsletter_urls
    + opendata_urls
)
