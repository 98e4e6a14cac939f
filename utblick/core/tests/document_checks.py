"""Validator-level checks of the downloadable documents, for the tests (not a test module).

veraPDF cannot run here, so ``pdf_problems`` reads the PDF with pikepdf and checks the
PDF/UA-1 requirements a machine can decide: a structure tree, MarkInfo Marked, the
document language, the title in DocInfo and XMP shown as the window title, the PDF/UA
identifier, headings, alt text on every figure and header cells in every table.

``docx_problems`` reads a DOCX with python-docx: language, A4 and margins, title and author,
the header with author and date, real heading styles, table header rows repeated and rows
kept whole, no two tables next to each other (Word merges them), pictures with alt text.
Each returns a list of findings; an empty list means the document passes.
"""

from __future__ import annotations

import io

from docx.shared import Mm

PDFUA = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _structure(node, found, depth=0):
    """Every structure element below ``node`` as (type, element)."""
    import pikepdf

    if depth > 200:
        return
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _structure(kid, found, depth + 1)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    if "/S" in node:
        found.append((str(node.S), node))
    if "/K" in node:
        _structure(node.K, found, depth + 1)


def pdf_problems(
    content: bytes, *, language: str, title: str | None = None, figures: int = 0
) -> list[str]:
    import pikepdf

    found = []
    pdf = pikepdf.open(io.BytesIO(content))
    root = pdf.Root
    if "/StructTreeRoot" not in root:
        return ["no structure tree (StructTreeRoot): the PDF is not tagged"]
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        found.append("MarkInfo Marked is not true")
    if str(root.get("/Lang", "")) != language:
        found.append(f"document language {str(root.get('/Lang', ''))!r}, not {language!r}")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        found.append("ViewerPreferences DisplayDocTitle is not true")
    info_title = str(pdf.docinfo.get("/Title", ""))
    with pdf.open_metadata() as metadata:
        xmp_title = metadata.get(DC_TITLE, "")
        pdfua = metadata.get(PDFUA)
    if not info_title or not xmp_title:
        found.append(f"title missing (DocInfo {info_title!r}, XMP {xmp_title!r})")
    elif title is not None and title not in (info_title, xmp_title):
        found.append(f"title {info_title!r}, not {title!r}")
    if pdfua != "1":
        found.append(f"no PDF/UA-1 identifier in the XMP metadata ({pdfua!r})")
    elements = []
    _structure(root.StructTreeRoot, elements)
    kinds = [kind for kind, _element in elements]
    if kinds.count("/Figure") < figures:
        found.append(f"{kinds.count('/Figure')} figures, at least {figures} expected")
    if "/H1" not in kinds:
        found.append("no H1 heading in the structure")
    for number, (kind, element) in enumerate(elements):
        if kind == "/Figure" and not str(element.get("/Alt", "")).strip():
            found.append(f"figure {number} without alt text")
        if kind == "/Table":
            cells = []
            _structure(element.K, cells)
            if not any(cell_kind == "/TH" for cell_kind, _cell in cells):
                found.append(f"table {number} without header cells (TH)")
    return found


def _near(length, millimetres) -> bool:
    return length is not None and abs(length - Mm(millimetres)) <= Mm(0.5)


def docx_problems(
    content: bytes, *, language: str, author: str, date: str | None = None, pictures: int = 0
) -> list[str]:
    from docx import Document
    from docx.oxml.ns import qn

    found = []
    document = Document(io.BytesIO(content))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    value = None if lang is None else lang.get(qn("w:val"))
    if value != language:
        found.append(f"default language {value!r}, not {language!r}")
    properties = document.core_properties
    if not properties.title:
        found.append("no title in the document properties")
    if properties.author != author:
        found.append(f"author {properties.author!r}, not {author!r}")
    if properties.last_modified_by != author:
        found.append(f"last modified by {properties.last_modified_by!r}, not {author!r}")
    for number, section in enumerate(document.sections, start=1):
        if not (_near(section.page_width, 210) and _near(section.page_height, 297)):
            found.append(f"section {number} is not A4")
        margins = (section.top_margin, section.bottom_margin)
        margins += (section.left_margin, section.right_margin)
        if not all(_near(margin, 25) for margin in margins):
            found.append(f"section {number}: margins are not 25 mm")
        header = " ".join(p.text for p in section.header.paragraphs)
        if author not in header or (date is not None and date not in header):
            found.append(f"section {number}: header {header!r} lacks the author or the date")
    styles = [p.style.name for p in document.paragraphs]
    if "Heading 1" not in styles:
        found.append("no paragraph in the style Heading 1")
    if "Title" in styles:
        found.append("the style Title is used (not a heading for navigation)")
    for number, table in enumerate(document.tables, start=1):
        rows = table._tbl.findall(qn("w:tr"))
        first = rows[0].find(qn("w:trPr")) if rows else None
        if first is None or first.find(qn("w:tblHeader")) is None:
            found.append(f"table {number}: the first row is not a repeated header row")
        if any(
            row.find(qn("w:trPr")) is None or row.find(qn("w:trPr")).find(qn("w:cantSplit")) is None
            for row in rows
        ):
            found.append(f"table {number}: a row may split over two pages")
    previous = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl") and previous == qn("w:tbl"):
            found.append("two tables next to each other (Word merges them)")
        previous = element.tag
    shapes = list(document.inline_shapes)
    if len(shapes) != pictures:
        found.append(f"{len(shapes)} pictures, {pictures} expected")
    for number, shape in enumerate(shapes, start=1):
        if not (shape._inline.docPr.get("descr") or "").strip():
            found.append(f"picture {number} without alt text")
    return found
