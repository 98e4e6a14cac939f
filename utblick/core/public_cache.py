"""Whole public pages from the cache, per page and language, dropped when what they show changes.

A page is cached only for a visitor who is not signed in and carries no session (so no
flash messages), when the view answered 200 without setting a cookie or using a CSRF token
(pages with forms stay uncached) and without asking for ``Cache-Control: private``.

Invalidation is by version: each municipality has a version number, and so has the shared
data (calls, EU open data, reference data). A cached page's key holds the versions current
when it was made, so raising a version makes every page that depends on it unreachable at
once, on every app server that shares the cache. Versions are raised:

- when a row of a Utblick model is saved or deleted (the receivers below: this is cache
  bookkeeping, not business logic, and it catches the admin, services and imports alike);
- by ``invalidate()`` after bulk writes that send no signals (the job runner calls it when
  a background job ends, which covers the importers).

``PUBLIC_CACHE_SECONDS`` bounds how long a page lives even if nothing changes.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

NAMESPACE = "public"
SHARED = "shared"
HEADER = "X-Utblick-Cache"
# Response headers kept with a cached page (security headers are added again on the way out).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link")
# Rows no public page shows, some of them written often (logins, mail deliveries, jobs).
IGNORED_APPS = {"jobs", "security", "backup"}
IGNORED_MODELS = {
    "tenancy.user",
    "tenancy.membership",
    "newsletter.subscriber",
    "newsletter.subscription",
    "newsletter.consentrecord",
    "newsletter.delivery",
    "funding.callmark",
    "funding.watch",
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


def _versions(municipality_slug) -> str:
    scopes = [SHARED] if municipality_slug is None else [SHARED, municipality_slug]
    keys = [_version_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            found[key] = time.time_ns()
            cache.add(key, found[key], None)
    return "-".join(str(found[key]) for key in keys)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or settings.PUBLIC_CACHE_SECONDS <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace != NAMESPACE:
        return None
    return match


def _page_key(request, match) -> str | None:
    slug = match.kwargs.get("municipality_slug")
    language = translation.get_language() or settings.LANGUAGE_CODE
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"public-cache:page:{language}:{_versions(slug)}:{path}"


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
    """Serve and keep whole public pages; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _cacheable_request(request)
        key = _page_key(request, match) if match else None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), settings.PUBLIC_CACHE_SECONDS)
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
    from utblick.tenancy.models import Municipality

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
