"""Every RSS and Atom feed the site offers passes a validator-level check (issue #17)."""

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from . import feed_checks


def _feed_url_names(resolver=None, namespace=""):
    """Names of every URL served by a syndication Feed, found in the URL configuration."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _feed_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and isinstance(entry.callback, Feed) and entry.name:
            yield f"{namespace}{entry.name}"


FEEDS = sorted(set(_feed_url_names()))


def test_the_site_offers_rss_and_atom():
    assert {"public:news_rss", "public:news_atom"} <= set(FEEDS)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_passes_the_feed_check_in_both_languages(client, world, name, language):
    for side in world:
        with translation.override(language):
            url = reverse(name, kwargs={"municipality_slug": side.municipality.slug})
        response = client.get(url)
        assert response.status_code == 200
        assert feed_checks.problems(response.content) == [], url
        assert (f'xml:lang="{language}"' in response.content.decode()) or (
            f"<language>{language}</language>" in response.content.decode()
        )


def test_an_atom_feed_names_the_municipality_as_author(client, home):
    body = client.get(
        reverse("public:news_atom", kwargs={"municipality_slug": home.municipality.slug})
    ).content.decode()
    assert f"<author><name>{home.municipality.name}</name></author>" in body


ATOM_WITHOUT_AUTHOR = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xml:lang="sv" xmlns="http://www.w3.org/2005/Atom"><title>Nyheter</title>
<link href="http://example.se/k/nyheter/atom/" rel="self"/><id>http://example.se/k/</id>
<updated>2026-12-06T21:58:18+00:00</updated>
<entry><title>A</title><link href="http://example.se/k/1/"/><id>http://example.se/k/1/</id>
<updated>2026-12-06 21:58</updated></entry>
<entry><title>B</title><link href="http://example.se/k/1/"/><id>http://example.se/k/1/</id>
<updated>2026-12-06T21:58:18Z</updated></entry></feed>"""

RSS_BROKEN = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nyheter</title><link>http://example.se/k/</link>
<lastBuildDate>2026-12-06</lastBuildDate>
<item><title>A</title><link>/k/1/</link><guid>x</guid><pubDate>6 dec 2026</pubDate></item>
<item><title>B</title><guid>x</guid></item></channel></rss>"""


def test_the_check_finds_what_the_w3c_validator_reports():
    atom = feed_checks.problems(ATOM_WITHOUT_AUTHOR)
    assert "entry 1: no author (and none for the feed)" in atom
    assert "entry 2: id 'http://example.se/k/1/' is not unique" in atom
    assert "entry 1: <updated> '2026-12-06 21:58' is not an RFC 3339 date" in atom
    rss = feed_checks.problems(RSS_BROKEN)
    assert "channel: 0 <description> elements, exactly one required" in rss
    assert "channel: <language> None is not a language tag" in rss
    assert "channel: no absolute atom:link rel=self" in rss
    assert "channel: <lastBuildDate> '2026-12-06' is not an RFC 822 date" in rss
    assert "item 1: <link> '/k/1/' is not an absolute URL" in rss
    assert "item 1: <pubDate> '6 dec 2026' is not an RFC 822 date" in rss
    assert "item 2: guid 'x' is not unique" in rss
    assert feed_checks.problems(b"<rss><channel>") == [
        "not well-formed XML: no element found: line 1, column 14"
    ]
