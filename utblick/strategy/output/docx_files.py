"""DOCX (python-docx) of the action plan and of the follow-up report: A4, the request's
language, real heading styles, table header rows repeated on every page, the chart as an
image with alt text (see ``core/office_documents``)."""

import io
import re
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor

from utblick.core import office_documents as office

from .chart_images import bar_chart_png
from .outline import PlanOutline

ACCENT = RGBColor(0x00, 0x4B, 0x87)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def _styled_list(document, texts, style_name):
    """Many paragraphs in one style, added as one XML fragment (see _styled)."""
    texts = list(texts)
    if not texts:
        return
    style_id = document.styles[style_name].style_id
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>'
        for text in texts
    )
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{paragraphs}</w:body>")
    body = document.element.body
    end = body.sectPr
    for paragraph in list(fragment):
        if end is not None:
            end.addprevious(paragraph)
        else:
            body.append(paragraph)


def _table(document, header, rows):
    """A "Table Grid" table: the header row through python-docx, the body rows as one XML
    fragment (python-docx's add_row and cell.text take milliseconds per cell)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    widths = []
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        widths.append(cell._tc.tcPr.xml if cell._tc.tcPr is not None else "")
    if rows:
        cells = []
        for row in rows:
            cells.append("<w:tr>")
            for width, text in zip(widths, row, strict=True):
                cells.append(
                    f'<w:tc>{width}<w:p><w:r><w:t xml:space="preserve">'
                    f"{_xml_text(text)}</w:t></w:r></w:p></w:tc>"
                )
            cells.append("</w:tr>")
        fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(cells)}</w:tbl>")
        for tr in list(fragment):
            table._tbl.append(tr)
    office.header_row(table)
    office.rows_do_not_split(table)
    return table


def _paragraphs(document, text, style=None):
    for block in (text or "").split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip(), style=style)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _footer(document, lines):
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.text = "  |  ".join(lines)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        run.font.size = Pt(8)


def plan_docx(outline: PlanOutline) -> bytes:
    document = office.new_docx(title=outline.title, author=outline.municipality.name)
    # The row of document types is a line of text, not a layout table: a screen reader
    # reads it as one sentence, the current type in bold.
    types = document.add_paragraph()
    for number, (name, current) in enumerate(outline.type_row):
        run = types.add_run(("  |  " if number else "") + ("➤ " if current else "") + name)
        run.bold = current
        run.font.size = Pt(8)
    brand = document.add_paragraph()
    brand_run = brand.add_run(outline.municipality.name)
    brand_run.bold = True
    brand_run.font.color.rgb = ACCENT
    document.add_heading(outline.title, level=1)
    document.add_heading(_("Document information"), level=2)
    _table(
        document,
        (_("Information"), _("Value")),
        [(label, value or "–") for label, value in outline.information],
    )
    document.add_heading(_("Contents"), level=2)
    _styled_list(document, outline.contents, "List Number")
    document.add_heading(_("Background"), level=2)
    _paragraphs(document, outline.background)
    for area in outline.areas:
        document.add_heading(area.name, level=2)
        _paragraphs(document, area.text)
        if area.core:
            document.add_heading(_("Core tasks"), level=3)
            _styled_list(document, area.core, "List Bullet")
        if area.development:
            document.add_heading(_("Identified development potential"), level=3)
            _styled_list(document, area.development, "List Bullet")
    document.add_paragraph()
    for line in outline.contact:
        document.add_paragraph(line)
    _footer(document, outline.contact)
    return _save(document)


_money = office.money
_ratio = office.decimal


def chart_alt(title, chart) -> str:
    """The chart's alt text: its title and every bar's label and value."""
    return f"{title}: " + "; ".join(f"{row['label']} {row['text']}" for row in chart["rows"])


def report_docx(report, chart=None) -> bytes:
    plan = report.plan
    title = _("Follow-up of %(plan)s") % {"plan": plan.title}
    document = office.new_docx(title=title, author=plan.municipality.name)
    document.add_heading(title, level=1)
    document.add_paragraph(
        _("Period: %(start)s – %(end)s") % {"start": report.start, "end": report.end}
    )
    document.add_paragraph(
        _("External funding %(external)s, own contribution %(own)s, leverage %(ratio)s.")
        % {
            "external": _money(report.external),
            "own": _money(report.own),
            "ratio": _ratio(report.leverage),
        }
    )
    if chart and chart["rows"]:
        chart_title = _("Average progress per focus area")
        document.add_heading(chart_title, level=2)
        office.picture(document, bar_chart_png(chart), alt=chart_alt(chart_title, chart))
    for area in report.areas:
        document.add_heading(area.focus_area.name, level=2)
        document.add_paragraph(
            _("Average progress: %(progress)s %%") % {"progress": area.average_progress}
        )
        document.add_heading(_("Activities by status"), level=3)
        _table(
            document,
            (_("Status"), _("Number")),
            [(row["label"], row["count"]) for row in area.status_counts],
        )
        # Two tables in a row would be merged into one by Word: a heading between them.
        document.add_heading(_("Activities"), level=3)
        _table(
            document,
            (_("Activity"), _("Responsible unit"), _("Status"), _("Progress")),
            [
                (a.title, a.unit or "–", a.get_status_display(), f"{a.progress} %")
                for a in area.activities
            ],
        )
        document.add_heading(_("Follow-up entries of the period"), level=3)
        if not area.entries:
            document.add_paragraph(_("No entries in the period."))
        _styled_list(
            document,
            (f"{e.date.isoformat()} – {e.activity.title}: {e.text}" for e in area.entries),
            "List Bullet",
        )
        document.add_heading(_("Projects"), level=3)
        if area.projects:
            rows = [
                (item.project, _money(item.external), _money(item.own), _ratio(item.leverage))
                for item in area.projects
            ]
            rows.append(
                (_("Total"), _money(area.external), _money(area.own), _ratio(area.leverage))
            )
            _table(
                document,
                (_("Project"), _("External funding"), _("Own contribution"), _("Leverage")),
                rows,
            )
        else:
            document.add_paragraph(_("No linked projects."))
        document.add_heading(_("Partnerships and networks"), level=3)
        used = [str(p) for p in area.partnerships] + [str(n) for n in area.networks]
        if not used:
            document.add_paragraph(_("None linked."))
        _styled_list(document, used, "List Bullet")
    return _save(document)
