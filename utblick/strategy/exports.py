"""Export of an action plan's activities to CSV and XLSX, in the columns the import reads."""

from utblick.core import tabular

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


def rows(plan):
    for activity in selectors.plan_activities(plan):
        # Formula-like text is quoted by the writer (the import removes the apostrophe).
        yield [
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
        ]


def to_csv(plan) -> bytes:
    return tabular.to_csv(COLUMNS, rows(plan))


def to_xlsx(plan) -> bytes:
    return tabular.to_xlsx(COLUMNS, rows(plan), sheet_name="activities")
