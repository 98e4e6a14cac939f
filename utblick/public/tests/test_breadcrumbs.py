"""Breadcrumbs on every public page below a municipality's start page: a visible trail
(``<nav aria-label="Brödsmulor">``, the page itself marked ``aria-current="page"``) and the
same trail as a schema.org ``BreadcrumbList`` that ends with the page's own address."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from utblick import public_urls
from utblick.documents.models import GoverningDocument
from utblick.news.models import NewsItem
from utblick.newsletter import selectors as newsletter_selectors

from .html import page

# Public addresses that are not pages of their own: files, feeds, the catalogue, and the
# newsletter's personal pages (a key or token in the address, and "noindex").
NOT_PAGES = {
    "index",  # the list of municipalities, above every municipality
    "home",  # the start page: the trail's first crumb
    "document_download",
    "governing_document_file",
    "news_image",
    "news_rss",
    "news_atom",
    "funding_feed",
    "opendata_download",
    "opendata_catalogue",
    "newsletter_subscribe_sent",
    "newsletter_confirm",
    "newsletter_manage",
    "newsletter_unsubscribe",
}
NAV = re.compile(r'<nav class="breadcrumbs" aria-label="([^"]+)">(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]*)</a>')


# The pages and the names of the crumbs between the start page and each.
PAGES = {
    "partners": [],
    "networks": [],
    "projects_ongoing": [],
    "projects_completed": [],
    "project_detail": ["Ongoing projects"],
    "contact": [],
    "accessibility": [],
    "strategy": [],
    "governing_documents": ["Strategy and action plan"],
    "governing_document": ["Strategy and action plan", "Governing documents"],
    "news_index": [],
    "news_detail": ["News"],
    "newsletter_subscribe": ["News"],
    "newsletter_archive": ["News"],
    "newsletter_archive_issue": ["News", "Newsletter archive"],
    "opendata_downloads": [],
}


def arguments(side):
    """The record each detail page shows: a public one of the municipality."""
    municipality = side.municipality
    news = NewsItem.objects.get(municipality=municipality, title_sv__startswith="Nytt")
    document = GoverningDocument.objects.get(
        municipality=municipality, title_sv="Internationell strategi"
    )
    return {
        "project_detail": [side.records["public_project"].pk],
        "governing_document": [document.pk],
        "news_detail": [news.pk],
        "newsletter_archive_issue": [newsletter_selectors.archive(municipality).first().pk],
    }


def test_every_public_page_is_walked_or_named_as_no_page():
    """A new public page must get breadcrumbs (and a place in this walk)."""
    names = {pattern.name for pattern in public_urls.urlpatterns}
    assert names - NOT_PAGES == set(PAGES)


@pytest.mark.parametrize(("language", "label"), [("sv", "Brödsmulor"), ("en", "Breadcrumbs")])
def test_every_page_below_the_start_page_has_breadcrumbs(client, home, language, label):
    slug = home.municipality.slug
    with translation.override(language):
        start = reverse("public:home", args=[slug])
        detail = arguments(home)
        walk = [
            (
                name,
                reverse(f"public:{name}", args=[slug, *detail.get(name, [])]),
                [str(translation.gettext(crumb)) for crumb in trail],
            )
            for name, trail in PAGES.items()
        ]
    for name, path, between in walk:
        response = client.get(path)
        assert response.status_code == 200, name
        html = response.content.decode()
        [(nav_label, nav)] = NAV.findall(html)
        assert nav_label == label
        links = LINK.findall(nav)
        # The visible trail: the start page, the pages between, the page itself (current).
        assert links[0][0] == start and links[0][2] == "Trollhättan", name
        assert [text for _href, _current, text in links[1:-1]] == between, name
        assert links[-1][0] == path and links[-1][1], name
        assert not any(current for _href, current, _text in links[:-1]), name
        # The same trail in JSON-LD, ending with the page's own address.
        [trail] = page(response).json_ld_nodes("BreadcrumbList")
        items = trail["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(links) + 1)), name
        assert [item["item"] for item in items] == [
            f"http://testserver{href}" for href, _current, _text in links
        ], name
        assert [item["name"] for item in items] == [
            unescape(text) for _href, _current, text in links
        ], name
        assert items[-1]["item"] == f"http://testserver{path}", name


def test_the_start_page_has_no_breadcrumbs(client, home):
    response = client.get(reverse("public:home", args=[home.municipality.slug]))
    assert not NAV.findall(response.content.decode())
    assert page(response).json_ld_nodes("BreadcrumbList") == []
