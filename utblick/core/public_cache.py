"""Whole public pages from the cache, per page and language, dropped when what they show changes.

A page is cached only for a visitor who is not signed in and carries no session (so no
flash messages), when the view answered 200 without setting a cookie or using a CSRF token
(pages with forms stay uncached) and without asking for ``Cache-Control: private``.

Invalidation is by version: each municipality has a version number, and so has the shared
data (calls, EU open data, reference data). A cached page is kept with the versions current
when it was made and served only while they still are (page and versions come in one read),
so raising a version makes every page that depends on it stale at once, on every app server
that shares the cache. Versions are raised:

- when a row of a Utblick model is saved or deleted (the receivers below: this is cache
  bookkeeping, not business logic, and it catches the admin, services and imports alike);
- by ``invalidate()`` after bulk writes that send no signals (the job runner calls it when
  a background job ends, which covers the importers).

``PUBLIC_CACHE_SECONDS`` bounds how long a page lives even if nothing changes.

``cached_value()`` keeps other things computed from a municipality's data (the staff start
page's figures) under the same versions.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

NAMESPACE = "public"
SHARED = "shared"
HEADER = "X-Utblick-Cache"
# Response headers not kept with a cached page (a page with cookies is not kept at all).
DROPPED_HEADERS = {"set-cookie", HEADER.lower()}
# Rows no public page shows, some of them written often (logins, mail deliveries, jobs).
# (A watched call is shown: the calendar feeds, which are public addresses, list them.)
IGNORED_APPS = {"jobs", "security", "backup"}
IGNORED_MODELS = {
    "tenancy.user",
    "tenancy.membership",
    "newsletter.subscriber",
    "newsletter.subscription",
    "newsletter.consentrecord",
    "newsletter.delivery",
    "funding.callmark",
    "funding.feedtoken",
    "funding.remindersent",
}


def _version_key(scope) -> str:
    return f"public-cache:version:{scope}"


def invalidate(municipality_slug: str | None = None) -> None:
    """Drop the cached public pages of one municipality, or of all (``None``)."""
    scope = municipality_slug if municipality_slug is not None else SHARED
    # A fresh, never reused number: a version lost from the cache cannot revive old pages.
    cache.set(_version_key(scope), time.time_ns(), None)


def _current_versions(version_keys, found) -> str:
    """The versions as read (``found``), starting the ones the cache does not hold."""
    for key in version_keys:
        if key not in found:
            found[key] = time.time_ns()
            cache.add(key, found[key], None)
    return "-".join(str(found[key]) for key in version_keys)


def cached_value(municipality_slug: str, name: str, compute):
    """``compute()``, kept in the cache until the municipality's data or the shared data
    change (the same versions as the public pages, so the same receivers drop it) and at
    most ``PUBLIC_CACHE_SECONDS``. One cache round trip when it is kept; ``name`` says what
    it is and everything else it depends on (a date, a unit). For staff pages' aggregates."""
    if settings.PUBLIC_CACHE_SECONDS <= 0:
        return compute()
    version_keys = [_version_key(SHARED), _version_key(municipality_slug)]
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


@functools.lru_cache(maxsize=4096)
def _public_route(urlconf, language, path_info):
    """``(municipality slug or None,)`` when the path is a public page, else None. Kept per
    path: resolving the URL is a good part of a hit's cost."""
    with translation.override(language):
        try:
            match = resolve(path_info, urlconf)
        except Resolver404:
            return None
    if match.namespace != NAMESPACE:
        return None
    return (match.kwargs.get("municipality_slug"),)


def _lookup(request):
    """The cache key of the page a visitor without a session asks for, and the keys of the
    versions it depends on; None if it is no cacheable public page. Calling ``get_host()``
    also refuses a host not in ALLOWED_HOSTS, as Django's CommonMiddleware would further in."""
    if request.method not in ("GET", "HEAD") or settings.PUBLIC_CACHE_SECONDS <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    # As LocaleMiddleware decides it under i18n_patterns(prefix_default_language=False).
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    route = _public_route(get_urlconf() or settings.ROOT_URLCONF, language, request.path_info)
    if route is None:
        return None
    page = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(page.encode()).hexdigest()[:32]
    scopes = [SHARED] if route[0] is None else [SHARED, route[0]]
    return f"public-cache:page:{language}:{digest}", [_version_key(scope) for scope in scopes]


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    """Serve and keep whole public pages; see the module's docstring.

    It sits right after WhiteNoise, so that a hit skips the rest of the middleware; a page is
    kept with every header the middleware inside it added (security policies, language), and
    served with them again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = _lookup(request)
        if lookup is None:
            return self.get_response(request)
        page_key, version_keys = lookup
        # One round trip to the cache: the page and the versions it must still match.
        found = cache.get_many([*version_keys, page_key])
        versions = _current_versions(version_keys, found)
        stored = found.get(page_key)
        if stored is not None and stored[0] == versions:
            response = HttpResponse(stored[1], headers=stored[2])
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = {
                name: value
                for name, value in response.headers.items()
                if name.lower() not in DROPPED_HEADERS
            }
            # With the versions read before the page was made: a change while it was being
            # made leaves it stale.
            cache.set(
                page_key, (versions, response.content, headers), settings.PUBLIC_CACHE_SECONDS
            )
            response[HEADER] = "miss"
        return response


def _changed_municipality(instance) -> str | None | bool:
    """The slug of the municipality a changed row belongs to, None for shared data (or when
    it cannot be told: then every page goes), False for rows no public page shows."""
    meta = instance._meta
    if (
        not type(instance).__module__.startswith("utblick.")
        or meta.app_label in IGNORED_APPS
        or meta.label_lower in IGNORED_MODELS
        # History rows come with the save of the row itself, which already counts.
        or meta.model_name.startswith("historical")
    ):
        return False
    # By label: core knows no feature app (see .importlinter); the municipality is the tenant.
    Municipality = apps.get_model("tenancy", "Municipality")
    if isinstance(instance, Municipality):
        return instance.slug
    municipality_id = getattr(instance, "municipality_id", None)
    if municipality_id is None:
        # One step up, e.g. a project partner -> its project -> the municipality.
        for field in instance._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and getattr(instance, field.attname) is not None
                and any(f.name == "municipality" for f in field.related_model._meta.fields)
            ):
                municipality_id = (
                    field.related_model._base_manager.filter(pk=getattr(instance, field.attname))
                    .values_list("municipality_id", flat=True)
                    .first()
                )
                break
    if municipality_id is None:
        return None
    return Municipality.objects.filter(pk=municipality_id).values_list("slug", flat=True).first()


@receiver(post_save)
@receiver(post_delete)
def _row_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # fixtures and restores: the restore ends with invalidate()
    scope = _changed_municipality(instance)
    if scope is not False:
        invalidate(scope)


@receiver(m2m_changed)
def _links_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        scope = _changed_municipality(instance)
        if scope is not False:
            invalidate(scope)
