"""The follow-up report and the action plan as accessible documents (issues #17 and #18):
tagged PDF/UA-1 and well-formed DOCX in Swedish and English, Swedish number formats, chart
labels never cut."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from utblick.core.tests.document_checks import docx_problems, pdf_problems
from utblick.testing import login

from .helpers import docx_text
from .test_report import linked  # noqa: F401  (the fixture: a SEK project with figures)

LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def get(client, name, home, language, *args):
    with translation.override(language):
        url = reverse(name, args=[home.municipality.slug, *args])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_follow_up_report_is_accessible_as_pdf_and_docx(client, home, linked, language):  # noqa: F811
    plan, _sek = linked
    login(client, home.users["reader"])
    with translation.override(language):
        title = gettext("Follow-up of %(plan)s") % {"plan": plan.title}
    pdf = get(client, "staff:action_plan_report_file", home, language, plan.pk, "pdf")
    assert pdf_problems(pdf, language=language, title=title, figures=1) == []
    docx = get(client, "staff:action_plan_report_file", home, language, plan.pk, "docx")
    problems = docx_problems(
        docx,
        language=LANGUAGES[language],
        author=home.municipality.name,
        date=timezone.localdate().isoformat(),
        pictures=1,
    )
    assert problems == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_action_plan_is_accessible_as_pdf_and_docx(client, home, language):
    plan = home.records["action_plan"]
    login(client, home.users["reader"])
    pdf = get(client, "staff:action_plan_document", home, language, plan.pk, "pdf")
    assert pdf_problems(pdf, language=language) == []
    docx = get(client, "staff:action_plan_document", home, language, plan.pk, "docx")
    assert docx_problems(docx, language=LANGUAGES[language], author=home.municipality.name) == []


def test_the_swedish_report_writes_money_and_ratios_the_swedish_way(client, home, linked):  # noqa: F811
    plan, _sek = linked
    login(client, home.users["reader"])
    docx = get(client, "staff:action_plan_report_file", home, "sv", plan.pk, "docx")
    text = docx_text(docx)
    assert "Gröna skolgårdar 300 000 kr 150 000 kr 2,00" in text
    assert "SEK" not in text
    page = get(client, "staff:action_plan_report", home, "sv", plan.pk).decode()
    assert "300\u00a0000\u00a0kr" in page and "2,00" in page and "SEK" not in page


def test_a_long_focus_area_name_is_wrapped_in_the_chart_not_cut(client, home, linked):  # noqa: F811
    plan, _sek = linked
    area = home.records["activity"].focus_area
    area.name_sv = "Internationellt samarbete för hållbar regional utveckling och kompetens"
    area.save()
    login(client, home.users["reader"])
    page = get(client, "staff:action_plan_report", home, "sv", plan.pk).decode()
    chart = page[page.index('id="report-progress-title"') :]
    chart = chart[: chart.index("</svg>")]
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart)
    assert area.name_sv in " ".join(lines)
    assert all(len(line) <= 27 for line in lines)


def test_the_checks_find_an_untagged_pdf_and_a_careless_docx():
    from docx import Document
    from weasyprint import HTML

    plain = HTML(string="<html><body><h1>Rubrik</h1></body></html>").write_pdf()
    assert pdf_problems(plain, language="sv") == [
        "no structure tree (StructTreeRoot): the PDF is not tagged"
    ]
    careless = HTML(
        string='<html lang="en"><head><title>T</title></head><body><p>x</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<table><tr><td>1</td></tr></table></body></html>"
    ).write_pdf(pdf_variant="pdf/ua-1")
    problems = pdf_problems(careless, language="sv", figures=2)
    assert "document language 'en', not 'sv'" in problems
    assert "no H1 heading in the structure" in problems
    assert any(p.startswith("table ") and p.endswith("without header cells (TH)") for p in problems)
    document = Document()
    document.add_heading("Rubrik", level=0)
    document.add_table(rows=2, cols=2)
    document.add_table(rows=1, cols=2)
    buffer = io.BytesIO()
    document.save(buffer)
    problems = docx_problems(
        buffer.getvalue(), language="sv-SE", author="Trollhättans kommun", date="2026-12-06"
    )
    assert problems[:4] == [
        "default language 'en-US', not 'sv-SE'",
        "no title in the document properties",
        "author 'python-docx', not 'Trollhättans kommun'",
        "last modified by '', not 'Trollhättans kommun'",
    ]
    assert "section 1 is not A4" in problems
    assert "no paragraph in the style Heading 1" in problems
    assert "the style Title is used (not a heading for navigation)" in problems
    assert "table 1: the first row is not a repeated header row" in problems
    assert "two tables next to each other (Word merges them)" in problems


def test_no_table_row_of_the_pdf_report_is_split_over_two_pages(home, linked):  # noqa: F811
    from weasyprint.formatting_structure import boxes

    from utblick.strategy import reports
    from utblick.strategy.output import pdf_files

    from .factories import activity

    plan, _sek = linked
    area = home.records["activity"].focus_area
    words = " ".join(["samarbete"] * 45)
    for number in range(40):
        activity(plan, area, f"L{number:03d}", f"Aktivitet {number} {words}", unit=home.unit)
    report = reports.follow_up_report(plan, start=plan.start_date, end=plan.end_date)
    document = pdf_files.report_document(report, {"rows": [], "height": 24, "width": 710})
    pages_of_row = {}

    def rows(box, page):
        if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
            return  # the header row is repeated on each page, as it should be
        if isinstance(box, boxes.TableRowBox):
            pages_of_row.setdefault(box.element, set()).add(page)
        for child in getattr(box, "children", None) or []:
            rows(child, page)

    for number, page in enumerate(document.pages):
        rows(page._page_box, number)
    assert len(document.pages) > 2
    assert len(pages_of_row) >= 40
    assert [len(pages) for pages in pages_of_row.values() if len(pages) > 1] == []
