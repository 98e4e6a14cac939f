import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from utblick.testing import login

from ..models import NewsItem
from ..rendering import render_markdown
from .factories import NewsItemFactory, png_file


def staff_url(name, side, lang="sv", **kwargs):
    with translation.override(lang):
        return reverse(
            f"staff:{name}", kwargs={"municipality_slug": side.municipality.slug, **kwargs}
        )


def public_url(name, side, lang="sv", **kwargs):
    with translation.override(lang):
        return reverse(
            f"public:{name}", kwargs={"municipality_slug": side.municipality.slug, **kwargs}
        )


def form_data(**overrides):
    data = {
        "title_sv": "Besök från Flensburg",
        "title_en": "Visit from Flensburg",
        "lead_sv": "En delegation kom på besök.",
        "body_sv": "Vi pratade om **klimat**.",
        "category": "partners",
        "publish_at": "2026-01-15T10:00",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_a_representative_writes_news_for_their_unit_with_an_image(client, home, media_root):
    login(client, home.users["rep"])
    data = form_data(image=png_file("flaggor.png"), image_alt_sv="Flaggor", image_alt_en="Flags")
    response = client.post(staff_url("news_create", home), data)
    assert response.status_code == 302
    item = NewsItem.objects.get(title_sv="Besök från Flensburg")
    assert item.unit == home.unit
    assert item.municipality == home.municipality
    assert item.image.name.endswith(".png")
    assert (item.image_alt_sv, item.image_alt_en) == ("Flaggor", "Flags")
    assert item.history.count() == 1


def test_an_image_without_alt_text_is_refused_and_nothing_is_saved(client, home, media_root):
    login(client, home.users["coordinator"])
    response = client.post(
        staff_url("news_create", home, "en"), form_data(image=png_file("bild.png"))
    )
    assert response.status_code == 400
    assert "Describe the image in Swedish" in response.content.decode()
    assert "Describe the image in English" in response.content.decode()
    assert not NewsItem.objects.filter(title_sv="Besök från Flensburg").exists()
    assert not any(media_root.rglob("*.png")) if media_root.exists() else True


def test_a_file_that_is_not_an_image_is_refused(client, home, media_root):
    from django.core.files.base import ContentFile

    login(client, home.users["coordinator"])
    fake = ContentFile(b"not an image at all", name="bild.png")
    response = client.post(
        staff_url("news_create", home, "en"), form_data(image=fake, image_alt_sv="x")
    )
    assert response.status_code == 400
    assert not NewsItem.objects.filter(title_sv="Besök från Flensburg").exists()


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown(
        "# Rubrik\n\n**fet** <script>alert(1)</script> [länk](javascript:alert(1)) "
        '[bra](https://example.org) <img src=x onerror="alert(1)">'
    )
    assert "<h2>Rubrik</h2>" in html and "<h1>" not in html
    assert "<strong>fet</strong>" in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">bra</a>' in html


def test_the_public_pages_show_only_public_published_news(client, home, away):
    page = client.get(public_url("news_index", home)).content.decode()
    assert "Nytt samarbete med Emilia-Romagna" in page
    assert "Intern nyhet om budgeten" not in page
    assert "Kommande nyhet" not in page
    english = client.get(public_url("news_index", home, "en")).content.decode()
    assert "New cooperation with Emilia-Romagna" in english
    detail = client.get(public_url("news_detail", home, pk=home.records["news_item"].pk))
    assert 'alt="Flaggor utanför stadshuset"' in detail.content.decode()
    assert "<strong>SERN</strong>" in detail.content.decode()
    other = client.get(public_url("news_detail", home, pk=away.records["news_item"].pk))
    assert other.status_code == 404


def test_rss_and_atom_feeds_per_language(client, home):
    rss = client.get(public_url("news_rss", home))
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Nytt samarbete med Emilia-Romagna</title>" in body
    assert "Intern nyhet" not in body and "Kommande nyhet" not in body
    atom = client.get(public_url("news_atom", home, "en"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert "New cooperation with Emilia-Romagna" in body
    assert "/en/" + home.municipality.slug + "/nyheter/" in body
    assert "&lt;strong&gt;SERN&lt;/strong&gt;" in body


def test_lists_and_feeds_keep_a_constant_number_of_queries(
    client, home, django_assert_max_num_queries
):
    login(client, home.users["reader"])
    urls = [
        staff_url("news_list", home),
        public_url("news_index", home),
        public_url("news_rss", home),
        public_url("news_atom", home),
    ]

    def counts():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx))
        return found

    before = counts()
    for n in range(30):
        NewsItemFactory(municipality=home.municipality, unit=home.unit, is_public=n % 2 == 0)
    assert counts() == before


def test_staff_list_filters_and_shows_internal_news_to_readers(client, home):
    login(client, home.users["reader"])
    response = client.get(staff_url("news_list", home, "en"), {"visibility": "internal"})
    page = response.content.decode()
    assert "Intern nyhet om budgeten" in page
    assert "Emilia-Romagna" not in page


def test_only_the_owning_unit_or_the_coordinator_changes_a_news_item(client, home):
    item = home.records["news_item"]
    login(client, home.users["rep_other"])
    assert client.post(staff_url("news_edit", home, pk=item.pk), form_data()).status_code == 403
    login(client, home.users["rep"])
    response = client.post(staff_url("news_delete", home, pk=item.pk))
    assert response.status_code == 302
    assert not NewsItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("when", [datetime.timedelta(days=-1)])
def test_a_public_image_is_served_only_for_public_news(client, home, when):
    item = home.records["news_item"]
    response = client.get(public_url("news_image", home, pk=item.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now() - when)
    assert client.get(public_url("news_image", home, pk=item.pk)).status_code == 404
