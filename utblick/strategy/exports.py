"""Export of an action plan's activities to CSV and XLSX, in the columns the import reads."""

import csv
import io

from openpyxl import Workbook

from . import selectors

COLUMNS = [
    "key",
    "focus_area",
    "direction",
    "kind",
    "title_sv",
    "title_en",
    "description_sv",
    "description_en",
    "responsible_unit",
    "responsible_person",
    "status",
    "progress",
]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (the import
    removes it again)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(plan):
    for activity in selectors.plan_activities(plan):
        yield [
            cell(value)
            for value in (
                activity.key,
                activity.focus_area.name_sv,
                activity.direction.name_sv if activity.direction else "",
                activity.kind,
                activity.title_sv or "",
                activity.title_en or "",
                activity.description_sv or "",
                activity.description_en or "",
                activity.unit.name if activity.unit else "",
                activity.responsible_person,
                activity.status,
                activity.progress,
            )
        ]


def to_csv(plan) -> bytes:
    """UTF-8 with a byte order mark and semicolons, as Excel in Sweden opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(plan))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(plan) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("activities")
    sheet.append(COLUMNS)
    for row in rows(plan):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
