"""PDF (weasyprint) of the action plan and of the follow-up report, from print templates,
as tagged PDF/UA-1 (DOS-lagen: structure, language, title, alt text for the chart).

The style sheet (print/print.css) is parsed once per process, with one font configuration
that every document shares, instead of once per document."""

import functools

from django.conf import settings
from django.template.loader import render_to_string

from utblick.core.office_documents import PDF_VARIANT


@functools.cache
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    from utblick.core.pdf import url_fetcher

    return CSS(
        string=render_to_string("staff/strategy/print/print.css"),
        font_config=_fonts(),
        url_fetcher=url_fetcher(),
    )


def render_document(template, context):
    """The weasyprint document (pages with their layout); ``.write_pdf()`` gives the bytes."""
    from weasyprint import HTML

    from utblick.core.pdf import url_fetcher

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=url_fetcher()).render(
        stylesheets=[_stylesheet()], font_config=_fonts(), pdf_variant=PDF_VARIANT
    )


def plan_document(outline):
    return render_document("staff/strategy/print/plan.html", {"outline": outline})


def report_document(report, chart):
    return render_document("staff/strategy/print/report.html", {"report": report, "chart": chart})


def pdf_bytes(document) -> bytes:
    return document.write_pdf(pdf_variant=PDF_VARIANT)
