"""Shared parts of the downloadable documents (DOCX and PDF): accessible by default.

Downloadable documents fall under DOS-lagen (2018:1937): PDFs are written as tagged
PDF/UA-1, DOCX files carry their language, title, author, real heading styles, repeated and
marked table header rows and images with alt text. Numbers and money are written the way
the document's language writes them ("12 500 kr", "1,50" in Swedish).
"""

from __future__ import annotations

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# WeasyPrint's tagged variant: structure tree, /Lang, title shown in the window, PDF/UA id.
PDF_VARIANT = "pdf/ua-1"

DOCX_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}
# Word's Swedish A4 template: 25 mm all round, header and footer 12.5 mm from the edge.
MARGIN = Mm(25)
HEADER_DISTANCE = Mm(12.5)
TEXT_WIDTH = Mm(210) - 2 * MARGIN


def _language() -> str:
    return (translation.get_language() or "sv").split("-")[0]


def grouped(value, places: int = 0) -> str:
    """A number with a no-break space between thousands and the language's decimal mark."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}".replace(",", "\u00a0")
    return text.replace(".", ",") if _language() == "sv" else text


def money(value, currency: str = "SEK") -> str:
    """Whole kronor: "12 500 kr" in Swedish, "12 500 SEK" in English; "–" for nothing."""
    if value is None:
        return "–"
    unit = "kr" if currency == "SEK" and _language() == "sv" else currency
    return f"{grouped(value)}\u00a0{unit}"


def decimal(value, places: int = 2) -> str:
    """A ratio such as the leverage: "1,50" in Swedish, "1.50" in English; "–" for nothing."""
    return "–" if value is None else grouped(value, places)


def docx_language() -> str:
    return DOCX_LANGUAGES.get(_language(), "sv-SE")


def new_docx(*, title: str, author: str, date: datetime.date | None = None):
    """A python-docx Document on A4 with Swedish margins, the language of the request in
    the default run properties, title and author in its properties, and the author
    (the municipality) and the document date in the page header."""
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = docx_language()
    properties.comments = ""
    _set_default_language(document, docx_language())
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = MARGIN
        section.left_margin = section.right_margin = MARGIN
        section.header_distance = section.footer_distance = HEADER_DISTANCE
        header = section.header.paragraphs[0]
        # The header style's centre stop, then a right stop at the text's right edge.
        header.paragraph_format.tab_stops.add_tab_stop(
            section.page_width - 2 * MARGIN, WD_TAB_ALIGNMENT.RIGHT
        )
        header.text = f"{author}\t\t{(date or timezone.localdate()).isoformat()}"
        for run in header.runs:
            run.font.size = Pt(9)
    return document


def _set_default_language(document, tag: str) -> None:
    """<w:lang> in the document defaults, so every run (and the spell checker) has it."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    properties = run_defaults.find(qn("w:rPr"))
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)
    language.set(qn("w:bidi"), "ar-SA")


def header_row(table) -> None:
    """Mark the first row as the table's header: repeated on every page, read as headers,
    and never split over two pages."""
    row = table.rows[0]
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        properties.append(element)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def rows_do_not_split(table) -> None:
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        if properties.find(qn("w:cantSplit")) is None:
            properties.insert(0, OxmlElement("w:cantSplit"))


def picture(document, image_bytes: bytes, *, alt: str) -> None:
    """An image in a paragraph of its own, as wide as the text, with its alt text (descr)
    and title."""
    document.add_paragraph().add_run().add_picture(io.BytesIO(image_bytes), width=TEXT_WIDTH)
    inline = document.inline_shapes[-1]._inline
    properties = inline.docPr
    properties.set("descr", alt)
    properties.set("title", alt)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.LEFT
