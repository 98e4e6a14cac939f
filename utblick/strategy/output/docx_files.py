"""DOCX (python-docx) of the action plan and of the follow-up report."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from .outline import PlanOutline

ACCENT = RGBColor(0x00, 0x4B, 0x87)


def _styled(document, text, style_name):
    """A paragraph in a named style; sets the style id directly, since python-docx's style
    lookup per paragraph makes long lists slow (seconds per thousand paragraphs)."""
    cache = document.__dict__.setdefault("_utblick_style_ids", {})
    if style_name not in cache:
        cache[style_name] = document.styles[style_name].style_id
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().style = cache[style_name]
    return paragraph


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
    for entry in outline.contents:
        _styled(document, entry, "List Number")
    document.add_heading(_("Background"), level=1)
    _paragraphs(document, outline.background)
    for area in outline.areas:
        document.add_heading(area.name, level=1)
        _paragraphs(document, area.text)
        if area.core:
            document.add_heading(_("Core tasks"), level=2)
            for title in area.core:
                _styled(document, title, "List Bullet")
        if area.development:
            document.add_heading(_("Identified development potential"), level=2)
            for title in area.development:
                _styled(document, title, "List Bullet")
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
        counts = document.add_table(rows=1, cols=2)
        counts.style = "Table Grid"
        counts.rows[0].cells[0].text, counts.rows[0].cells[1].text = _("Status"), _("Number")
        for row in area.status_counts:
            cells = counts.add_row().cells
            cells[0].text, cells[1].text = str(row["label"]), str(row["count"])
        activities = document.add_table(rows=1, cols=4)
        activities.style = "Table Grid"
        for cell, text in zip(
            activities.rows[0].cells,
            (_("Activity"), _("Responsible unit"), _("Status"), _("Progress")),
            strict=True,
        ):
            cell.text = text
        for activity in area.activities:
            cells = activities.add_row().cells
            cells[0].text = activity.title
            cells[1].text = str(activity.unit or "–")
            cells[2].text = str(activity.get_status_display())
            cells[3].text = f"{activity.progress} %"
        document.add_heading(_("Follow-up entries of the period"), level=2)
        if not area.entries:
            document.add_paragraph(_("No entries in the period."))
        for entry in area.entries:
            _styled(
                document,
                f"{entry.date.isoformat()} – {entry.activity.title}: {entry.text}",
                "List Bullet",
            )
        document.add_heading(_("Projects"), level=2)
        if area.projects:
            projects = document.add_table(rows=1, cols=4)
            projects.style = "Table Grid"
            for cell, text in zip(
                projects.rows[0].cells,
                (_("Project"), _("External funding"), _("Own contribution"), _("Leverage")),
                strict=True,
            ):
                cell.text = text
            for item in area.projects:
                cells = projects.add_row().cells
                cells[0].text = str(item.project)
                cells[1].text = _money(item.external)
                cells[2].text = _money(item.own)
                cells[3].text = _ratio(item.leverage)
            cells = projects.add_row().cells
            cells[0].text = _("Total")
            cells[1].text = _money(area.external)
            cells[2].text = _money(area.own)
            cells[3].text = _ratio(area.leverage)
        else:
            document.add_paragraph(_("No linked projects."))
        document.add_heading(_("Partnerships and networks"), level=2)
        used = [str(p) for p in area.partnerships] + [str(n) for n in area.networks]
        if not used:
            document.add_paragraph(_("None linked."))
        for name in used:
            _styled(document, name, "List Bullet")
    return _save(document)
