"""DOCX (python-docx) of the action plan and of the follow-up report."""

import io
import re
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor

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
    document = Document()
    document.core_properties.title = outline.title
    row = document.add_table(rows=1, cols=len(outline.type_row))
    row.style = "Table Grid"
    for cell, (name, current) in zip(row.rows[0].cells, outline.type_row, strict=True):
        run = cell.paragraphs[0].add_run(("➤ " if current else "") + name)
        run.bold = current
        run.font.size = Pt(8)
    brand = document.add_paragraph()
    brand_run = brand.add_run(outline.municipality.name)
    brand_run.bold = True
    brand_run.font.color.rgb = ACCENT
    document.add_heading(outline.title, level=0)
    document.add_heading(_("Document information"), level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in outline.information:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value or "–"
    document.add_heading(_("Contents"), level=1)
    _styled_list(document, outline.contents, "List Number")
    document.add_heading(_("Background"), level=1)
    _paragraphs(document, outline.background)
    for area in outline.areas:
        document.add_heading(area.name, level=1)
        _paragraphs(document, area.text)
        if area.core:
            document.add_heading(_("Core tasks"), level=2)
            _styled_list(document, area.core, "List Bullet")
        if area.development:
            document.add_heading(_("Identified development potential"), level=2)
            _styled_list(document, area.development, "List Bullet")
    document.add_paragraph()
    for line in outline.contact:
        document.add_paragraph(line)
    _footer(document, outline.contact)
    return _save(document)


def _money(value):
    return f"{value:,.0f}".replace(",", "\u00a0") + " SEK"


def _ratio(value):
    return "–" if value is None else f"{value}"


def report_docx(report) -> bytes:
    plan = report.plan
    document = Document()
    title = _("Follow-up of %(plan)s") % {"plan": plan.title}
    document.core_properties.title = title
    document.add_heading(title, level=0)
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
    for area in report.areas:
        document.add_heading(area.focus_area.name, level=1)
        document.add_paragraph(
            _("Average progress: %(progress)s %%") % {"progress": area.average_progress}
        )
        document.add_heading(_("Activities by status"), level=2)
        _table(
            document,
            (_("Status"), _("Number")),
            [(row["label"], row["count"]) for row in area.status_counts],
        )
        _table(
            document,
            (_("Activity"), _("Responsible unit"), _("Status"), _("Progress")),
            [
                (a.title, a.unit or "–", a.get_status_display(), f"{a.progress} %")
                for a in area.activities
            ],
        )
        document.add_heading(_("Follow-up entries of the period"), level=2)
        if not area.entries:
            document.add_paragraph(_("No entries in the period."))
        _styled_list(
            document,
            (f"{e.date.isoformat()} – {e.activity.title}: {e.text}" for e in area.entries),
            "List Bullet",
        )
        document.add_heading(_("Projects"), level=2)
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
        document.add_heading(_("Partnerships and networks"), level=2)
        used = [str(p) for p in area.partnerships] + [str(n) for n in area.networks]
        if not used:
            document.add_paragraph(_("None linked."))
        _styled_list(document, used, "List Bullet")
    return _save(document)
