"""Public pages come from the cache per page and language, and go when their data changes."""

import contextlib
import copy

import pytest
from csp.constants import NONCE
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from utblick.core import public_cache
from utblick.newsletter.models import MailingList
from utblick.projects import services
from utblick.projects.models import Project
from utblick.tenancy.models import Role
from utblick.tenancy.tests.factories import member
from utblick.wsgi import application as wsgi_application

from .factories import ProjectFactory
from .helpers import get, url

HEADER = "X-Utblick-Cache"


@pytest.fixture
def project(town):
    return ProjectFactory(
        municipality=town.municipality,
        unit=town.unit,
        title_sv="Cykelstråk längs kanalen",
        title_en="Cycle path along the canal",
        is_public=True,
    )


def test_second_visit_is_served_from_the_cache_without_queries(
    client, town, project, django_assert_num_queries
):
    first = get(client, "projects_ongoing", "sv", town)
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = get(client, "projects_ongoing", "sv", town)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # A hit skips most middleware but carries the headers they gave the page.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "Referrer-Policy",
        "Content-Language",
        "Content-Length",
    ):
        assert second[name] == first[name], name
    assert not second.cookies


def test_a_host_outside_allowed_hosts_is_refused_also_from_the_cache(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    path = url("projects_ongoing", "sv", town.municipality.slug)
    assert client.get(path, headers={"host": "evil.example"}).status_code == 400


def test_each_host_has_its_own_entry(client, town, project, settings):
    # Pages may hold absolute links (feeds, canonical), so a host's page is its own.
    settings.ALLOWED_HOSTS = ["testserver", "utblick.example.se"]
    path = url("projects_ongoing", "sv", town.municipality.slug)
    assert client.get(path)[HEADER] == "miss"
    assert client.get(path, headers={"host": "utblick.example.se"})[HEADER] == "miss"
    assert client.get(path, headers={"host": "utblick.example.se"})[HEADER] == "hit"


def test_each_language_has_its_own_entry(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    english = get(client, "projects_ongoing", "en", town)
    assert english[HEADER] == "miss"
    assert "Cycle path along the canal" in english.content.decode()
    assert get(client, "projects_ongoing", "en", town)[HEADER] == "hit"
    swedish = get(client, "projects_ongoing", "sv", town)
    assert "Cykelstråk längs kanalen" in swedish.content.decode()


def test_a_change_to_a_shown_record_drops_the_page(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    services.save_project(
        municipality=town.municipality, user=None, project=project, title_sv="Gångstråk"
    )
    response = get(client, "projects_ongoing", "sv", town)
    assert response[HEADER] == "miss"
    assert "Gångstråk" in response.content.decode()


def test_a_deleted_record_disappears_at_once(client, town, project):
    detail = url("project_detail", "sv", town.municipality.slug, project.pk)
    assert client.get(detail).status_code == 200
    services.delete_project(project=Project.objects.get(pk=project.pk))
    assert client.get(detail).status_code == 404


def test_another_municipalitys_change_keeps_the_page(client, town, other_town, project):
    get(client, "projects_ongoing", "sv", town)
    services.save_project(
        municipality=other_town.municipality,
        user=None,
        unit=other_town.unit,
        title_sv="Motalas nya projekt",
        role=Project.Role.PARTNER,
        is_public=True,
    )
    assert get(client, "projects_ongoing", "sv", town)[HEADER] == "hit"


def test_shared_data_changes_drop_every_municipalitys_pages(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    public_cache.invalidate()  # what the job runner does after an import
    assert get(client, "projects_ongoing", "sv", town)[HEADER] == "miss"


def test_signed_in_visitors_and_staff_pages_are_never_cached(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    signed_in = Client()
    signed_in.force_login(member(town.municipality, Role.COORDINATOR))
    response = get(signed_in, "projects_ongoing", "sv", town)
    assert HEADER not in response
    staff = signed_in.get(f"/staff/{town.municipality.slug}/")
    assert staff.status_code == 200
    assert HEADER not in staff


def test_a_page_with_a_form_is_not_cached(client, town):
    # The subscribe form holds a CSRF token, which must not be shared between visitors.
    MailingList.objects.create(
        municipality=town.municipality, name="Nyheter", audience=MailingList.Audience.EXTERNAL
    )
    response = client.get(url("newsletter_subscribe", "sv", town.municipality.slug))
    assert response.status_code == 200
    assert HEADER not in response
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert HEADER not in client.get(url("newsletter_subscribe", "sv", town.municipality.slug))


def test_the_cache_can_be_switched_off(client, town, project, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    get(client, "projects_ongoing", "sv", town)
    assert HEADER not in get(client, "projects_ongoing", "sv", town)


def test_a_hit_carries_its_own_request_id(client, town, project):
    get(client, "projects_ongoing", "sv", town)
    first = get(client, "projects_ongoing", "sv", town)
    second = get(client, "projects_ongoing", "sv", town)
    assert first[HEADER] == second[HEADER] == "hit"
    assert first["X-Request-ID"] != second["X-Request-ID"]
    sent = get_with(client, town, headers={"X-Request-ID": "lb-0123456789"})
    assert sent[HEADER] == "hit"
    assert sent["X-Request-ID"] == "lb-0123456789"


def get_with(client, town, **kwargs):
    return client.get(url("projects_ongoing", "sv", town.municipality.slug), **kwargs)


def test_plain_http_is_redirected_even_when_the_page_is_cached(client, town, project, settings):
    # The cache answers before the security middleware: it must not serve HTTPS's pages
    # over plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    get_with(client, town, secure=True)
    assert get_with(client, town, secure=True)[HEADER] == "hit"
    response = get_with(client, town)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert get_with(client, town).status_code == 301


def test_a_hit_keeps_the_security_headers_and_vary(client, town, project, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    first = get_with(client, town, secure=True)
    second = get_with(client, town, secure=True)
    assert second[HEADER] == "hit"
    assert second["Strict-Transport-Security"] == first["Strict-Transport-Security"]
    assert "max-age=3600" in second["Strict-Transport-Security"]
    assert second["Vary"] == first["Vary"]
    assert second["Content-Language"] == "sv"
    assert second.content == first.content


def test_a_page_with_a_csp_nonce_is_not_cached(client, town, settings):
    # A nonce must be new for every answer: a kept page would hand every visitor the same
    # one (and its header must match the page it came with).
    settings.ROOT_URLCONF = "utblick.public.tests.nonce_urls"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["script-src"].append(NONCE)
    settings.CONTENT_SECURITY_POLICY = policy
    path = f"/{town.municipality.slug}/nonce/"
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert HEADER not in first and HEADER not in second
    nonces = []
    for response in (first, second):
        nonce = response.content.decode().split('nonce="')[1].split('"')[0]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def wsgi_get(path, **extra):
    """A request through the production WSGI application (``utblick.wsgi``: the page cache's
    ``PublicPageApp`` around Django's handler): (status line, headers, body)."""
    environ = RequestFactory().get(path, **extra).environ
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    # As utblick.wsgi makes it, afresh: middleware reads its settings when it is made.
    assert isinstance(wsgi_application, public_cache.PublicPageApp)
    with keeping_the_test_connection():
        body = public_cache.PublicPageApp(WSGIHandler())(environ, start_response)
        content = b"".join(body)
        if hasattr(body, "close"):
            body.close()
    return seen["status"], seen["headers"], content


@contextlib.contextmanager
def keeping_the_test_connection():
    """As Django's test client does: a request must not close the database connection that
    holds the test's transaction (on PostgreSQL it would take the test's rows with it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_hit_before_django_answers_as_django_does(town, project, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    path = url("projects_ongoing", "sv", town.municipality.slug)
    status, headers, body = wsgi_get(path, secure=True)
    assert (HEADER, "miss") in headers
    started = []

    def count(**kwargs):
        started.append(kwargs)

    request_started.connect(count)
    try:
        hit_status, hit_headers, hit_body = wsgi_get(path, secure=True)
    finally:
        request_started.disconnect(count)
    assert not started  # Django's handler never ran
    assert (HEADER, "hit") in hit_headers
    assert hit_status == status == "200 OK"
    assert hit_body == body
    # The same headers in the same order (security policies, language, Vary, length), only
    # the cache's mark and the request id of its own.
    mine = [(name, value) for name, value in headers if name not in (HEADER, "X-Request-ID")]
    assert [h for h in hit_headers if h[0] not in (HEADER, "X-Request-ID")] == mine
    names = {name for name, _value in hit_headers}
    for name in ("Content-Security-Policy", "Strict-Transport-Security", "Vary", "X-Request-ID"):
        assert name in names, name
    assert dict(hit_headers)["X-Request-ID"] != dict(headers)["X-Request-ID"]
    # And as the middleware answers a hit when Django is called without the wrapper.
    client = Client()
    inside = client.get(path, secure=True)
    assert inside[HEADER] == "hit"
    assert inside.content == hit_body
    assert [(n, v) for n, v in inside.items() if n != "X-Request-ID"] == [
        (n, v) for n, v in hit_headers if n != "X-Request-ID"
    ]


def test_before_django_a_foreign_host_or_a_session_goes_to_django(client, town, project):
    path = url("projects_ongoing", "sv", town.municipality.slug)
    wsgi_get(path)
    assert (HEADER, "hit") in wsgi_get(path)[1]
    assert wsgi_get(path, headers={"host": "evil.example"})[0].startswith("400")
    client.force_login(member(town.municipality, Role.COORDINATOR))
    cookie = f"{client.cookies['sessionid'].key}={client.cookies['sessionid'].value}"
    status, headers, _body = wsgi_get(path, HTTP_COOKIE=cookie)
    assert status == "200 OK"
    assert HEADER not in dict(headers)
    # A HEAD has its own entry, answered without a body as Django answers it.
    head = RequestFactory().head(path).environ
    seen = {}
    with keeping_the_test_connection():
        first = b"".join(wsgi_application(head, lambda s, h, e=None: seen.update(h=h)))
        second = b"".join(wsgi_application(head, lambda s, h, e=None: seen.update(h2=h)))
    assert (HEADER, "miss") in seen["h"] and (HEADER, "hit") in seen["h2"]
    assert first == second


def test_before_django_a_cache_failure_leaves_the_answer_to_django(town, project, monkeypatch):
    path = url("projects_ongoing", "sv", town.municipality.slug)
    wsgi_get(path)
    failed = []
    found = public_cache._found

    def fails_once(lookup):
        if not failed:
            failed.append(lookup)
            raise ConnectionError("the cache is down")
        return found(lookup)

    monkeypatch.setattr(public_cache, "_found", fails_once)
    status, headers, _body = wsgi_get(path)
    assert failed  # the wrapper asked first...
    assert status == "200 OK"  # ...and Django answered (here from the cache, once it was back)
    assert (HEADER, "hit") in headers
