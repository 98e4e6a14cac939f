"""Every PDF is rendered with one URL fetcher that fetches the project's static files and
nothing else (issue #14, finding 11)."""

import pytest
from django.conf import settings
from django.urls import reverse
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from utblick.core.pdf import StaticFilesURLFetcher, url_fetcher
from utblick.testing import login

FAVICON = settings.BASE_DIR / "utblick" / "static" / "favicon.svg"


@pytest.fixture
def fetches(monkeypatch):
    """Every URL any fetcher is asked for, with the fetcher's class."""
    seen = []
    real_init = URLFetcher.__init__

    def init(self, *args, **kwargs):
        seen.append(type(self))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "__init__", init)
    return seen


@pytest.fixture
def opened(monkeypatch):
    """URLs that reached urllib (the network or a file outside the static files)."""
    seen = []

    def open_(self, url, *args, **kwargs):
        seen.append(getattr(url, "full_url", url))
        raise OSError("no network in tests")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", open_)
    return seen


def test_urls_outside_the_static_files_are_not_fetched(tmp_path, opened):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    html = (
        f'<img src="file://{secret}"><img src="http://169.254.169.254/latest/">'
        f'<img src="https://example.org/x.png"><img src="file:///etc/passwd">'
        f'<img src="file://{FAVICON}"><p>Text</p>'
    )
    fetcher = url_fetcher()
    seen = []
    real = fetcher.fetch

    def fetch(url, headers=None):
        try:
            response = real(url, headers)
        except ValueError:
            seen.append(("refused", url))
            raise
        seen.append(("fetched", url))
        return response

    fetcher.fetch = fetch
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()  # no AttributeError
    assert pdf.startswith(b"%PDF")
    assert opened == []
    assert ("fetched", f"file://{FAVICON}") in seen
    refused = {url for verdict, url in seen if verdict == "refused"}
    assert refused == {
        f"file://{secret}",
        "http://169.254.169.254/latest/",
        "https://example.org/x.png",
        "file:///etc/passwd",
    }


@pytest.mark.django_db
def test_a_url_in_the_plan_pdf_is_refused_without_breaking_it(client, home, monkeypatch, opened):
    """The strategy PDFs' plain-function fetcher made WeasyPrint 70 raise AttributeError
    (it reads the fetcher's ``_fail_on_errors``) as soon as a URL was refused."""
    from utblick.strategy.output import pdf_files

    real = pdf_files.render_to_string

    def with_a_url(template, context=None, *args, **kwargs):
        html = real(template, context, *args, **kwargs)
        if template.endswith("plan.html"):
            html = html.replace("</body>", '<img src="http://example.org/logo.png"></body>')
        return html

    monkeypatch.setattr(pdf_files, "render_to_string", with_a_url)
    login(client, home.users["reader"])
    plan = home.records["action_plan"]
    response = client.get(
        reverse(
            "staff:action_plan_document",
            kwargs={"municipality_slug": home.municipality.slug, "pk": plan.pk, "fmt": "pdf"},
        )
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    assert opened == []


@pytest.mark.django_db
def test_every_pdf_page_renders_with_the_static_files_fetcher(client, home, fetches):
    login(client, home.users["reader"])
    meeting = home.records["isg_meeting"]
    plan = home.records["action_plan"]
    slug = home.municipality.slug
    urls = [
        reverse(
            "staff:isg_meeting_document",
            kwargs={"municipality_slug": slug, "pk": meeting.pk, "kind": "minutes", "fmt": "pdf"},
        ),
        reverse(
            "staff:action_plan_document",
            kwargs={"municipality_slug": slug, "pk": plan.pk, "fmt": "pdf"},
        ),
    ]
    for url in urls:
        fetches.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith(b"%PDF"), url
        assert fetches and set(fetches) == {StaticFilesURLFetcher}, (url, fetches)
