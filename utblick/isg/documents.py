"""The agenda and the minutes of a meeting as DOCX (python-docx) and PDF (WeasyPrint)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import office_documents as office
from utblick.core.office_documents import PDF_VARIANT

KINDS = ("agenda", "minutes")
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def heading(meeting, kind) -> str:
    label = _("Agenda") if kind == "agenda" else _("Minutes")
    when = timezone.localtime(meeting.starts_at)
    return f"{label}: ISG {when:%Y-%m-%d %H:%M}, {meeting.place}"


def docx(meeting, kind) -> bytes:
    author = meeting.municipality.name
    document = office.new_docx(
        title=heading(meeting, kind),
        author=author,
        date=timezone.localdate(meeting.starts_at),
    )
    document.add_heading(heading(meeting, kind), level=1)
    document.add_heading(_("Agenda"), level=2)
    for number, item in enumerate(meeting.agenda.all(), start=1):
        document.add_heading(f"{number}. {item.title}", level=3)
        for line in item.notes.splitlines():
            if line.strip():
                document.add_paragraph(line.lstrip("- "), style="List Bullet")
    if kind == "minutes":
        if meeting.minutes:
            document.add_heading(_("Minutes"), level=2)
            for paragraph in meeting.minutes.split("\n\n"):
                document.add_paragraph(paragraph)
        document.add_heading(_("Decisions"), level=2)
        for decision in meeting.decisions.all():
            document.add_paragraph(decision.text, style="List Number")
        document.add_heading(_("Action items"), level=2)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, [_("Action"), _("Owner"), _("Due"), _("Done")], strict=True
        ):
            cell.text = text
        for action in meeting.actions.all():
            row = table.add_row().cells
            row[0].text = action.description
            row[1].text = action.owner
            row[2].text = f"{action.due_date:%Y-%m-%d}" if action.due_date else ""
            row[3].text = _("Yes") if action.done else _("No")
        office.header_row(table)
        office.rows_do_not_split(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(meeting, kind) -> bytes:
    from weasyprint import HTML

    from utblick.core.pdf import url_fetcher

    html = render_to_string(
        "staff/isg/meeting_document.html",
        {
            "meeting": meeting,
            "kind": kind,
            "heading": heading(meeting, kind),
            "author": meeting.municipality.name,
        },
    )
    return HTML(string=html, url_fetcher=url_fetcher()).write_pdf(pdf_variant=PDF_VARIANT)


def render(meeting, kind, fmt) -> bytes:
    return docx(meeting, kind) if fmt == "docx" else pdf(meeting, kind)


def filename(meeting, kind, fmt) -> str:
    return f"isg-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{kind}.{fmt}"
