"""The one writer of CSV and XLSX files in Utblick (open data downloads, staff exports).

CSV as Excel with Swedish settings opens it: UTF-8 with a byte order mark, semicolons,
CRLF, decimal commas. XLSX with typed cells: dates are dates and amounts are numbers, so a
spreadsheet can sort and sum them. In both, text that a spreadsheet would run as a formula
gets a leading apostrophe, and lists become "a; b".

The licence travels inside the XLSX (core property description, custom properties License
and LicenseName, and a second sheet "Licens" with name, address, source and date). A CSV
has no place for it that keeps it machine-readable, so the CSV holds only the header and
the data rows: its licence is in the download's HTTP Link header (rel="license")."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter

from .licences import Licence

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


def to_xlsx(
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_name: str,
    licence: Licence | None = None,
    source: str = "",
    date: datetime.date | None = None,
) -> bytes:
    """The workbook with the data on its first sheet; with a licence, also in the workbook's
    properties and on a second sheet "Licens" (with the data's source and date).

    The workbook states its sheet's size (``<dimension>``), which a streaming writer
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
    if licence:
        _add_licence(workbook, licence, source=source, date=date or timezone.localdate())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_licence(workbook, licence: Licence, *, source: str, date: datetime.date) -> None:
    statement = f"{licence.name} ({licence.url})"
    if licence.attribution:
        statement += f", {licence.attribution}"
    workbook.properties.description = f"Licens: {statement}. Källa: {source}."
    workbook.custom_doc_props.append(StringProperty(name="License", value=licence.url))
    workbook.custom_doc_props.append(StringProperty(name="LicenseName", value=licence.name))
    sheet = workbook.create_sheet("Licens")
    sheet.append(["Licens", licence.name])
    sheet.append(["Licensens adress", licence.url])
    if licence.attribution:
        sheet.append(["Erkännande", licence.attribution])
    sheet.append(["Källa", safe_value(source)])
    date_cell = WriteOnlyCell(sheet, value=date)
    date_cell.number_format = DATE_FORMAT
    sheet.append(["Datum", date_cell])
