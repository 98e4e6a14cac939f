"""Whole public pages from the cache, per page and language, dropped when what they show changes.

A page is cached only for a visitor who is not signed in and carries no session (so no
flash messages), when the view answered 200 without setting a cookie or using a CSRF token
(pages with forms stay uncached) and without asking for ``Cache-Control: private``.

Invalidation is by version. A cached page is kept with the versions current when it was
made and served only while they still are (page and versions come in one read), so raising
a version makes every page that depends on it stale at once, on every app server that
shares the cache. The versions:

- ``shared``: data every municipality's pages show (calls, EU open data, reference data);
- one per municipality: everything of that municipality (its settings, units, partners,
  strategy: what many of its pages show);
- one per municipality for its lists, start page and feeds, and one for the start page of
  the whole site (``/``), which lists the municipalities;
- one per record with a page of its own (a project, a news item, a governing document, a
  newsletter issue: ``RECORD_PAGES``).

A list page depends on ``shared``, its municipality and the municipality's lists; a record's
page on ``shared``, its municipality and the record. Writers say what they changed, once per
service function and only when it is public (a draft, a subscriber or an internal note
changes no public page):

- ``record_changed(record=…, public=…)``: that record's page, its municipality's lists and
  the site's start page go; other records' pages stay;
- ``invalidate(slug)``: every page of the municipality; ``invalidate()``: every page (after
  bulk writes, a restore, the demo).

There are no signal receivers: a write outside the services (the Django admin) says so
itself (``tenancy.admin``). ``PUBLIC_CACHE_SECONDS`` bounds how long a page lives anyway.

A hit costs one cache read and no view, session, CSRF or template work: the page is kept as
the finished response, headers included (security policies, language, Vary), marked as a hit.
In production the hit does not even reach Django: ``PublicPageApp`` (``utblick.wsgi``)
answers it from the kept status line, headers and body before Django's handler and
middleware; the middleware keeps the pages (and answers hits where Django runs without the
wrapper).

``cached_value()`` keeps other things computed from a municipality's data (the staff start
page's figures, the staff project list) under the shared version and the municipality's
staff version, which ``record_changed`` raises for every change, public or not, and
``invalidate`` with it.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils import translation

from .logs import request_id

NAMESPACE = "public"
SHARED = "shared"
HEADER = "X-Utblick-Cache"
# Response headers not kept with a cached page (a page with cookies is not kept at all).
DROPPED_HEADERS = {"set-cookie", "x-request-id", HEADER.lower()}
# The public pages of one record: URL name -> (the record's model label, the URL argument
# that holds its primary key). Every other page of a municipality counts as a list.
RECORD_PAGES = {
    "project_detail": ("projects.project", "pk"),
    "document_download": ("projects.project", "project_pk"),
    "governing_document": ("documents.governingdocument", "pk"),
    "governing_document_file": ("documents.governingdocument", "pk"),
    "news_detail": ("news.newsitem", "pk"),
    "news_image": ("news.newsitem", "pk"),
    "newsletter_archive_issue": ("newsletter.issue", "pk"),
}
SITE_INDEX = "index"


def _version_key(*scope) -> str:
    return "public-cache:version:" + ":".join(str(part) for part in scope)


def _raise(keys) -> None:
    """Give each version a fresh, never reused number (a version lost from the cache cannot
    revive old pages), now and again once the transaction commits: a page made from the
    old data in between is stale too."""

    def bump():
        cache.set_many(dict.fromkeys(keys, time.time_ns()), None)

    bump()
    transaction.on_commit(bump)


def invalidate(municipality_slug: str | None = None) -> None:
    """Drop the cached public pages of one municipality, or of all (``None``)."""
    if municipality_slug is None:
        _raise([_version_key(SHARED)])
    else:
        _raise(
            [
                _version_key(municipality_slug),
                _version_key(municipality_slug, "staff"),
                _version_key(SITE_INDEX),
            ]
        )


def record_changed(*, record, public: bool = True, related=()) -> None:
    """A record of a municipality was saved or deleted: drop its own public page (if it has
    one, see ``RECORD_PAGES``) and those of the ``related`` records that show it, its
    municipality's lists, start page and feeds, and the site's start page. ``public``:
    whether the public pages show (or showed) it; a record that is not public, before or
    after the change, drops no public page (but what staff pages keep, see ``cached_value``)."""
    slug = record.municipality.slug
    if not public:
        _raise([_version_key(slug, "staff")])
        return
    _raise(
        [
            _version_key(slug, "lists"),
            _version_key(slug, "staff"),
            _version_key(SITE_INDEX),
            *(_version_key(slug, one._meta.label_lower, one.pk) for one in [record, *related]),
        ]
    )


@functools.lru_cache(maxsize=4096)
def _public_route(urlconf, path_info):
    """``(language, keys of the versions the page depends on)``, or None if the path is no
    public page. Kept per path: resolving the URL is a good part of a hit's cost."""
    # As LocaleMiddleware decides it under i18n_patterns(prefix_default_language=False).
    language = translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path_info, urlconf)
        except Resolver404:
            return None
    if match.namespace != NAMESPACE:
        return None
    slug = match.kwargs.get("municipality_slug")
    if slug is None:
        return language, (_version_key(SHARED), _version_key(SITE_INDEX))
    record = RECORD_PAGES.get(match.url_name)
    if record is None:
        own = _version_key(slug, "lists")
    else:
        own = _version_key(slug, record[0], match.kwargs[record[1]])
    return language, (_version_key(SHARED), _version_key(slug), own)


def _raw_host(environ) -> str:
    """The host as the request gives it, from what Django's ``get_host()`` reads."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    port = environ.get("SERVER_PORT", "")
    if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in environ:
        port = environ["HTTP_X_FORWARDED_PORT"]
    return f"{environ.get('SERVER_NAME', '')}:{port}"


def _page_key(environ) -> tuple[str, tuple] | None:
    """The cache key of the page a visitor without a session asks for, and the keys of the
    versions it depends on; None if it is no cacheable public page, or one this cannot tell
    (then Django answers). From the WSGI environ alone, so that the same function serves
    ``PublicPageApp`` (before Django) and the middleware (``request.META``): both find the
    same entry. The key holds the raw inputs Django derives the scheme, host and path from,
    so two requests share an entry only if Django sees them alike."""
    method = environ.get("REQUEST_METHOD", "")
    if method not in ("GET", "HEAD") or settings.PUBLIC_CACHE_SECONDS <= 0:
        return None
    path_info = environ.get("PATH_INFO") or "/"
    # Non-ASCII paths arrive as latin-1 in WSGI and Django decodes them: left to Django.
    if not path_info.isascii() or path_info.startswith(settings.STATIC_URL):
        return None  # static files are WhiteNoise's, further in
    cookies = environ.get("HTTP_COOKIE")
    # A substring is enough to send the request on to Django (which may still find it).
    if cookies and (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies):
        return None
    host = _raw_host(environ)
    route = _public_route(settings.ROOT_URLCONF, path_info)
    if route is None:
        return None
    language, version_keys = route
    proxy = settings.SECURE_PROXY_SSL_HEADER
    page = (
        f"{method}:{environ.get('wsgi.url_scheme')}:{environ.get(proxy[0]) if proxy else ''}"
        f"://{host}{environ.get('SCRIPT_NAME', '')}{path_info}"
        f"?{environ.get('QUERY_STRING', '')}"
    )
    digest = hashlib.sha256(page.encode()).hexdigest()[:32]
    # "kept", not the "page" of the versions before the entries held a ready WSGI answer:
    # those (an HttpResponse) are never read, also during an upgrade.
    return f"public-cache:kept:{language}:{digest}", version_keys


def _lookup(request):
    """``_page_key`` of the request. Calling ``get_host()`` also refuses a host not in
    ALLOWED_HOSTS, as Django's CommonMiddleware would further in."""
    lookup = _page_key(request.META)
    if lookup is not None:
        request.get_host()
    return lookup


def _current_versions(version_keys, found) -> str:
    """The versions as read (``found``), starting the ones the cache does not hold."""
    for key in version_keys:
        if key not in found:
            found[key] = time.time_ns()
            cache.add(key, found[key], None)
    return "-".join(str(found[key]) for key in version_keys)


def cached_value(municipality_slug: str, name: str, compute):
    """``compute()``, kept in the cache until the municipality's data or the shared data
    change (the shared version and the municipality's staff version, raised by every
    ``record_changed`` and ``invalidate``) and at most ``PUBLIC_CACHE_SECONDS``. One cache
    round trip when it is kept; ``name`` says what it is and everything else it depends on
    (a date, a unit). For staff pages' aggregates."""
    if settings.PUBLIC_CACHE_SECONDS <= 0:
        return compute()
    version_keys = [_version_key(SHARED), _version_key(municipality_slug, "staff")]
    key = f"public-cache:value:{municipality_slug}:{name}"
    found = cache.get_many([*version_keys, key])
    versions = _current_versions(version_keys, found)
    stored = found.get(key)
    if stored is not None and stored[0] == versions:
        return stored[1]
    value = compute()
    # With the versions read before it was computed: a change meanwhile leaves it stale.
    cache.set(key, (versions, value), settings.PUBLIC_CACHE_SECONDS)
    return value


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        # A nonce is for one answer only: not kept when the page asked django-csp for one
        # (whether or not the policy names it) or the policy holds one.
        and getattr(request, "_csp_nonce", None) is None
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def _kept(response) -> tuple:
    """What is kept of a response: its status line, headers and content as Django's WSGI
    handler would hand them to the server, marked as a hit, without cookies or a request id
    (each visitor gets their own)."""
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
    )
    status = f"{response.status_code} {response.reason_phrase}"
    return status, (*headers, (HEADER, "hit")), response.content


def _found(lookup):
    """The kept page (status line, headers, content) if it still matches its versions, else
    None; and the versions as read. One round trip to the cache."""
    page_key, version_keys = lookup
    found = cache.get_many([*version_keys, page_key])
    versions = _current_versions(version_keys, found)
    stored = found.get(page_key)
    if stored is not None and stored[0] == versions:
        return stored[1], versions
    return None, versions


class PublicPageCacheMiddleware:
    """Serve and keep whole public pages; see the module's docstring.

    ``PublicPageApp`` answers the hits before Django in production; this middleware keeps
    the pages (and answers the hits where Django is called without that wrapper: the test
    client, ``runserver``). It sits right after the request id, so that a hit skips the rest
    of the middleware (the security headers, WhiteNoise, sessions, CSRF, locale,
    authentication, axes): a page is kept as the finished response, with every header the
    middleware inside it added. A plain HTTP request behind the TLS proxy has its own key,
    which nothing fills: the security middleware inside redirects it to HTTPS, and a
    redirect is not kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = _lookup(request)
        if lookup is None:
            return self.get_response(request)
        kept, versions = _found(lookup)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=int(status.split(" ", 1)[0]))
            for name, value in headers:
                response.headers[name] = value
            return response
        response = self.get_response(request)
        if _storable(request, response):
            # With the versions read before the page was made: a change while it was being
            # made leaves it stale.
            cache.set(lookup[0], (versions, _kept(response)), settings.PUBLIC_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response


class PublicPageApp:
    """The WSGI application (``utblick.wsgi``) with cache hits answered before Django: no
    request object, signals or middleware, only the cache read, the kept status line,
    headers and content, and the visitor's own request id, as ``RequestIdMiddleware`` gives
    it. The answer is the one the middleware would give. Everything else, and whatever
    ``_page_key`` leaves to Django (a host outside ALLOWED_HOSTS among it), goes to
    Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        lookup = _page_key(environ)
        if lookup is not None:
            domain = split_domain_port(_raw_host(environ))[0]
            if validate_host(domain, settings.ALLOWED_HOSTS):
                try:
                    kept = _found(lookup)[0]
                except Exception:  # noqa: BLE001 - the cache is down: Django answers and logs it
                    kept = None
                if kept is not None:
                    status, headers, content = kept
                    start_response(status, [*headers, ("X-Request-ID", request_id(environ))])
                    return [content]
        return self.application(environ, start_response)
