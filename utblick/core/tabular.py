"""The one writer of CSV and XLSX files in Utblick (open data downloads, staff exports).

CSV as Excel with Swedish settings opens it: UTF-8 with a byte order mark, semicolons,
CRLF, decimal commas. XLSX with typed cells: dates are dates and amounts are numbers, so a
spreadsheet can sort and sum them. In both, text that a spreadsheet would run as a formula
gets a leading apostrophe, and lists become "a; b"."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

# Text starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"


def safe_value(value):
    """A cell's value: None as empty, lists joined, formula-like text quoted; dates and
    numbers unchanged."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_text(value) -> str:
    value = safe_value(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | float):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(columns: Sequence[str], rows: Iterable[Sequence], *, sheet_name: str) -> bytes:
    """The workbook states its sheet's size (``<dimension>``), which a streaming writer
    leaves out: Utblick's own imports refuse a sheet without one (``core.limits``), so
    without it an exported file could not be imported again unchanged."""
    rows = list(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    width = max([len(columns), *(len(row) for row in rows)]) or 1
    size = f"A1:{get_column_letter(width)}{len(rows) + 1}"
    # The write-only sheet writes a dimension when it can calculate one (openpyxl's
    # WorksheetWriter.write_dimensions asks for ``calculate_dimension``): it is known here.
    sheet.calculate_dimension = lambda: size
    sheet.append(list(columns))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=safe_value(value))
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
