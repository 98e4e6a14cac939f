"""robots.txt and sitemap.xml: every public page in both languages with hreflang alternates,
every listed address answers, and nothing internal is listed."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_staff_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /staff/", "Disallow: /en/staff/", "Disallow: /admin/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_public_pages_in_both_languages(home, away, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    # Our own answer, not untrusted input.
    urls = ElementTree.fromstring(response.content).findall("s:url", NS)  # noqa: S314
    locations = [urlsplit(url.find("s:loc", NS).text).path for url in urls]
    project = home.records["public_project"].pk
    for slug in (home.municipality.slug, away.municipality.slug):
        assert {f"/{slug}/", f"/en/{slug}/", f"/{slug}/projekt/"} <= set(locations)
    assert {f"/trollhattan/projekt/{project}/", f"/en/trollhattan/projekt/{project}/"} <= set(
        locations
    )
    internal = home.records["internal_project"].pk
    assert not [path for path in locations if path.endswith(f"/projekt/{internal}/")]
    for url in urls:
        alternates = {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("x:link", NS)
        }
        assert set(alternates) == {"sv", "en", "x-default"}
        assert alternates["en"] == "/en" + alternates["sv"]
    for path in locations:
        assert client.get(path).status_code == 200, path
