"""RSS and Atom feeds of a municipality's public news, per language (/en/ for English)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from utblick.site import selectors as site_selectors

from . import selectors
from .rendering import render_markdown


class NewsRssFeed(Feed):
    def get_object(self, request, municipality_slug):
        return site_selectors.municipality_or_404(municipality_slug)

    def title(self, municipality):
        return _("News about the international work of %(name)s") % {"name": municipality.name}

    def link(self, municipality):
        return reverse("public:news_index", args=[municipality.slug])

    def author_name(self, municipality):
        # Atom requires an author for every entry (RFC 4287 4.1.1); the municipality is the
        # publisher of all of its news, so one feed-level author covers every entry.
        return municipality.name

    def description(self, municipality):
        return _("EU news, projects, calls, twin towns and events from %(name)s.") % {
            "name": municipality.name
        }

    def items(self, municipality):
        return selectors.feed_items(municipality)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        lead = f"<p>{escape(item.lead)}</p>" if item.lead else ""
        return lead + render_markdown(item.body)

    def item_link(self, item):
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, municipality):
        return self.description(municipality)
