import functools
import json

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from utblick.core import office_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language, for the language switcher."""
    request = context["request"]
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": url, "current": code == current}
        for (code, name), url in zip(
            settings.LANGUAGES, _translated(path, *_url_state()), strict=True
        )
    ]


def _url_state() -> tuple:
    """What reversing a URL depends on besides its arguments: the active language, the URL
    configuration and the script prefix (the keys of the kept renderings below)."""
    return translation.get_language(), get_urlconf(), get_script_prefix()


@functools.lru_cache(maxsize=4096)
def _translated(path, language, urlconf, prefix) -> tuple:
    """The path in each of the site's languages: resolving and reversing it each time was a
    good part of rendering a staff page's frame. Only ``_url_state()`` and the path decide
    it, and they are the key."""
    return tuple(translate_url(path, code) for code, _name in settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def staff_nav(context, slug):
    """The staff menu of a municipality, with the current page marked (rendered afresh in
    development, where templates change while the server runs)."""
    render = _staff_nav.__wrapped__ if settings.DEBUG else _staff_nav
    return render(slug, context["request"].path, *_url_state())


@functools.lru_cache(maxsize=4096)
def _staff_nav(slug, path, language, urlconf, prefix) -> str:
    """Rendered once per municipality, page, language and URL configuration: a dozen URLs
    reversed and labels translated, the same for everyone."""
    return render_to_string("staff/_nav.html", {"slug": slug, "path": path})


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    """The current query string with some parameters replaced (e.g. the page)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return "?" + query.urlencode()


@register.filter
def json_ld(data):
    """Embed schema.org data; '<' is escaped so the script element cannot be closed early."""
    text = json.dumps(data, ensure_ascii=False, cls=_LazyEncoder).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


class _LazyEncoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


@register.filter
def money(value, currency=""):
    """Whole amounts with grouped thousands in the page's language: "12 500 kr" in Swedish,
    "12 500 SEK" in English, other currencies by their code (the same rule as documents)."""
    if value is None:
        return "–"
    if not currency:
        return office_documents.grouped(value)
    return office_documents.money(value, currency)
