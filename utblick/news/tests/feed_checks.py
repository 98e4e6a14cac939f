"""A validator-level check of RSS 2.0 and Atom (RFC 4287) feeds, for the tests.

It checks what the W3C feed validator reports as errors for the feeds Utblick writes:
required elements, unique ids, date formats (RFC 822 in RSS, RFC 3339 in Atom), the
self link and the language. ``problems()`` returns a list of readable findings; an empty
list means the feed passes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

RFC_3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
RFC_822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT|[ECMP][SD]T)$"
)
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _absolute_url(value) -> bool:
    parts = urlsplit(value or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def problems(body: bytes | str) -> list[str]:
    """Findings for an RSS 2.0 or Atom document (decided by its root element)."""
    try:
        # The body is a feed Utblick itself just wrote, in a test; no untrusted input.
        root = ET.fromstring(body)  # noqa: S314
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag == f"{ATOM}feed":
        return atom_problems(root)
    if root.tag == "rss":
        return rss_problems(root)
    return [f"neither RSS nor Atom: root element {root.tag}"]


def _text(element, tag):
    found = element.find(tag)
    return None if found is None else (found.text or "").strip()


def _one(element, tag, where, found):
    count = len(element.findall(tag))
    short = tag.replace(ATOM, "")
    if count != 1:
        found.append(f"{where}: {count} <{short}> elements, exactly one required")
        return None
    value = _text(element, tag)
    if not value:
        found.append(f"{where}: <{short}> is empty")
    return value


def _atom_date(element, tag, where, found):
    value = _one(element, tag, where, found)
    if value and not RFC_3339.match(value):
        found.append(f"{where}: <{tag.replace(ATOM, '')}> {value!r} is not an RFC 3339 date")


def atom_problems(feed) -> list[str]:
    found: list[str] = []
    _one(feed, f"{ATOM}id", "feed", found)
    _one(feed, f"{ATOM}title", "feed", found)
    _atom_date(feed, f"{ATOM}updated", "feed", found)
    language = feed.get(XML_LANG)
    if not language or not LANGUAGE_TAG.match(language):
        found.append(f"feed: xml:lang {language!r} is not a language tag")
    links = feed.findall(f"{ATOM}link")
    if not any(link.get("rel") == "self" and _absolute_url(link.get("href")) for link in links):
        found.append("feed: no absolute link rel=self")
    feed_authors = [a for a in feed.findall(f"{ATOM}author") if _text(a, f"{ATOM}name")]
    ids = set()
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        entry_id = _one(entry, f"{ATOM}id", where, found)
        if entry_id in ids:
            found.append(f"{where}: id {entry_id!r} is not unique")
        ids.add(entry_id)
        _one(entry, f"{ATOM}title", where, found)
        _atom_date(entry, f"{ATOM}updated", where, found)
        if entry.find(f"{ATOM}published") is not None:
            _atom_date(entry, f"{ATOM}published", where, found)
        has_author = any(_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author"))
        if not (feed_authors or has_author):
            found.append(f"{where}: no author (and none for the feed)")
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            found.append(f"{where}: neither <content> nor a link rel=alternate")
    return found


def rss_problems(rss) -> list[str]:
    found: list[str] = []
    if rss.get("version") != "2.0":
        found.append(f"rss: version {rss.get('version')!r}, 2.0 required")
    channels = rss.findall("channel")
    if len(channels) != 1:
        return [*found, f"rss: {len(channels)} <channel> elements, exactly one required"]
    channel = channels[0]
    for tag in ("title", "link", "description"):
        _one(channel, tag, "channel", found)
    language = _text(channel, "language")
    if not language or not LANGUAGE_TAG.match(language):
        found.append(f"channel: <language> {language!r} is not a language tag")
    for tag in ("lastBuildDate", "pubDate"):
        value = _text(channel, tag)
        if value is not None and not RFC_822.match(value):
            found.append(f"channel: <{tag}> {value!r} is not an RFC 822 date")
    if not any(
        link.get("rel") == "self" and _absolute_url(link.get("href"))
        for link in channel.findall(f"{ATOM}link")
    ):
        found.append("channel: no absolute atom:link rel=self")
    guids = set()
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if not (_text(item, "title") or _text(item, "description")):
            found.append(f"{where}: neither <title> nor <description>")
        link = _text(item, "link")
        if link is not None and not _absolute_url(link):
            found.append(f"{where}: <link> {link!r} is not an absolute URL")
        guid = _text(item, "guid")
        if not guid:
            found.append(f"{where}: no <guid>")
        elif guid in guids:
            found.append(f"{where}: guid {guid!r} is not unique")
        guids.add(guid)
        published = _text(item, "pubDate")
        if published is not None and not RFC_822.match(published):
            found.append(f"{where}: <pubDate> {published!r} is not an RFC 822 date")
    return found
