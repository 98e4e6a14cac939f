import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from utblick.core import office_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language, for the language switcher."""
    request = context["request"]
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


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
