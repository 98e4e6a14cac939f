"""schema.org JSON-LD on the public pages."""

import pytest

from utblick.news.models import NewsItem

from .factories import ProjectFactory
from .helpers import LANGUAGES, all_pages, get
from .html import page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_describes_the_municipality(client, town, site, language):
    for name, args in all_pages(site):
        doc = page(get(client, name, language, town, *args))
        blocks = doc.json_ld()  # fails on invalid JSON
        assert len(blocks) == 1, name
        assert blocks[0]["@context"] == "https://schema.org"
        [organisation] = doc.json_ld_nodes("GovernmentOrganization")
        assert organisation["name"] == "Trollhättans kommun"
        assert organisation["@id"] == "http://testserver/trollhattan/#org"
        assert organisation["address"]["streetAddress"] == "Gärdhemsvägen 9, 461 83"
        assert organisation["address"]["addressCountry"] == "SE"
        assert organisation["telephone"] == "0520-49 50 00"
        assert organisation["url"] == "https://www.trollhattan.se"


@pytest.mark.parametrize(
    ("language", "name", "description"),
    [
        ("sv", "Gröna kajer", "Kajerna längs älven blir gröna."),
        ("en", "Green quays", "The quays along the river turn green."),
    ],
)
def test_project_page_describes_the_project(client, town, site, language, name, description):
    project = site["ongoing"]
    doc = page(get(client, "project_detail", language, town, project.pk))
    [node] = doc.json_ld_nodes("Project")
    assert node["name"] == name
    assert node["alternateName"] == "GRÖN"
    assert node["description"] == description
    assert node["startDate"] == "2024-02-01"
    assert node["endDate"] == project.end_date.isoformat()
    expected_funder = (
        "Interreg Östersjöprogrammet" if language == "sv" else "Interreg Baltic Sea Region"
    )
    assert node["funder"] == {"@type": "Organization", "name": expected_funder}
    [municipality] = doc.json_ld_nodes("GovernmentOrganization")
    members = node["member"]
    assert {"@id": municipality["@id"]} in members
    partners = {m["name"]: m for m in members if m.get("@type") == "Organization"}
    assert set(partners) == {"Stadt Kaiserslautern", "Hämeenlinna"}
    assert partners["Stadt Kaiserslautern"]["address"]["addressCountry"] == "DE"


def test_project_data_cannot_close_the_script_element(client, town, site):
    title = 'Kajer </script><script>alert("x")</script>'
    project = ProjectFactory(municipality=town.municipality, title_sv=title)
    response = get(client, "project_detail", "sv", town, project.pk)
    doc = page(response)
    assert len(doc.scripts) == 1
    [node] = doc.json_ld_nodes("Project")
    assert node["name"] == title
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_partners_page_describes_public_partners_only(client, town, site, language):
    doc = page(get(client, "partners", language, town))
    names = {node["name"] for node in doc.json_ld_nodes("Organization")}
    assert names == {"Skedsmo kommune", "Saint-Maur", "Stadt Kaiserslautern", "Hämeenlinna"}
    [skedsmo] = [n for n in doc.json_ld_nodes("Organization") if n["name"] == "Skedsmo kommune"]
    assert skedsmo["address"]["addressCountry"] == "NO"


@pytest.mark.parametrize(
    ("prefix", "headline", "news"),
    [("", "Nytt samarbete med Emilia-Romagna", "Nyheter"), ("/en", "New cooperation", "News")],
)
def test_news_item_is_a_news_article_with_breadcrumbs(client, home, prefix, headline, news):
    item = NewsItem.objects.get(municipality=home.municipality, title_sv__startswith="Nytt")
    path = f"{prefix}/trollhattan/nyheter/{item.pk}/"
    doc = page(client.get(path))
    [article] = doc.json_ld_nodes("NewsArticle")
    assert article["headline"].startswith(headline)
    # @id and url are the page's own address (per language); the publisher is the one
    # municipality node, the same in both languages.
    assert article["url"] == f"http://testserver{path}"
    assert article["@id"] == article["url"] + "#article"
    assert article["publisher"] == {"@id": "http://testserver/trollhattan/#org"}
    assert article["datePublished"] == item.publish_at.isoformat()
    assert article["image"].startswith(f"http://testserver{prefix}/trollhattan/nyheter/")
    [trail] = doc.json_ld_nodes("BreadcrumbList")
    crumbs = [(c["position"], c["name"], c["item"]) for c in trail["itemListElement"]]
    assert crumbs == [
        (1, "Trollhättan", f"http://testserver{prefix}/trollhattan/"),
        (2, news, f"http://testserver{prefix}/trollhattan/nyheter/"),
        (3, article["headline"], article["url"]),
    ]


def test_project_page_has_breadcrumbs_through_its_list(client, home):
    project = home.records["public_project"]
    doc = page(client.get(f"/trollhattan/projekt/{project.pk}/"))
    [trail] = doc.json_ld_nodes("BreadcrumbList")
    assert [c["name"] for c in trail["itemListElement"]] == [
        "Trollhättan",
        "Pågående projekt",
        "Gröna gränsstäder",
    ]
    assert trail["itemListElement"][1]["item"] == "http://testserver/trollhattan/projekt/"
