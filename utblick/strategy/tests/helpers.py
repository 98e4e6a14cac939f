"""Small helpers of the tests (not a test module)."""

from django.urls import reverse
from django.utils import translation


def en(name, *args):
    """A URL in English, so that the tests read the English interface."""
    with translation.override("en"):
        return reverse(name, args=args)


def pdf_text(document) -> str:
    """The text weasyprint laid out on the pages of a rendered document, in order."""
    from weasyprint.formatting_structure import boxes

    texts = []

    def walk(box):
        if isinstance(box, boxes.TextBox):
            texts.append(box.text)
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(" ".join(texts).split())


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a DOCX, body and footer, as one string."""
    import io

    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return " ".join(" ".join(parts).split())
