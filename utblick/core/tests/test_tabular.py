"""The one CSV/XLSX writer: Swedish Excel opens the CSV right, the XLSX has typed cells, and
formula-like text is never run."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from utblick.core import tabular

COLUMNS = ["name", "start", "amount", "tags", "public"]
ROWS = [
    ['=HYPERLINK("http://x")', datetime.date(2024, 3, 1), Decimal("1234.50"), ["a", "b"], True],
    ["Ålesund", None, 7, [], False],
]


def test_csv_for_excel_with_swedish_settings():
    content = tabular.to_csv(COLUMNS, ROWS)
    assert content.startswith("\ufeff".encode())
    assert b"\r\n" in content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        COLUMNS,
        ['\'=HYPERLINK("http://x")', "2024-03-01", "1234,50", "a; b", "true"],
        ["Ålesund", "", "7", "", "false"],
    ]


def test_xlsx_has_typed_dates_and_numbers():
    sheet = load_workbook(io.BytesIO(tabular.to_xlsx(COLUMNS, ROWS, sheet_name="data")))["data"]
    header, first, second = ([cell for cell in row] for row in sheet.iter_rows())
    assert [cell.value for cell in header] == COLUMNS
    assert first[0].value == '\'=HYPERLINK("http://x")' and first[0].data_type == "s"
    assert first[1].value == datetime.datetime(2024, 3, 1) and first[1].is_date
    assert first[1].number_format == "yyyy-mm-dd"
    assert first[2].value == 1234.5 and first[2].data_type == "n"
    assert first[3].value == "a; b" and first[4].value is True
    assert second[2].value == 7 and second[2].data_type == "n"


def test_xlsx_states_its_size_so_that_the_imports_read_it_back():
    """The imports refuse a sheet that does not state its size (core.limits); the streaming
    writer leaves it out unless told."""
    from utblick.core.limits import check_sheet_size, input_limits, xlsx_rows

    content = tabular.to_xlsx(COLUMNS, ROWS, sheet_name="data")
    sheet = load_workbook(io.BytesIO(content), read_only=True)["data"]
    assert sheet.calculate_dimension() == "A1:E3"
    limits = input_limits("strategy")
    check_sheet_size(io.BytesIO(content), limits)  # does not refuse it
    assert [line for line, _values in xlsx_rows(io.BytesIO(content), limits)] == [1, 2, 3]
