"""Export of an action plan's activities to CSV and XLSX, in the columns the import reads.

The Swedish export speaks Swedish: its column headers are the Swedish labels and its kinds
and statuses the Swedish names. The English export keeps the stable identifiers (``key``,
``not_started``), as scripts read them. The import accepts either language (see
``imports``)."""

from django.utils import translation
from django.utils.translation import pgettext_lazy

from utblick.core import tabular

from . import selectors

# The columns of the file: identifier -> header label (the Swedish export's header).
COLUMN_LABELS = {
    "key": pgettext_lazy("activity file column", "Key"),
    "focus_area": pgettext_lazy("activity file column", "Focus area"),
    "direction": pgettext_lazy("activity file column", "Direction"),
    "kind": pgettext_lazy("activity file column", "Kind"),
    "title_sv": pgettext_lazy("activity file column", "Title (Swedish)"),
    "title_en": pgettext_lazy("activity file column", "Title (English)"),
    "description_sv": pgettext_lazy("activity file column", "Description (Swedish)"),
    "description_en": pgettext_lazy("activity file column", "Description (English)"),
    "responsible_unit": pgettext_lazy("activity file column", "Responsible unit"),
    "responsible_person": pgettext_lazy("activity file column", "Responsible person"),
    "status": pgettext_lazy("activity file column", "Status"),
    "progress": pgettext_lazy("activity file column", "Progress (%)"),
}
COLUMNS = list(COLUMN_LABELS)


def _spoken(language) -> bool:
    """Whether the file's headers and codes are the language's words (Swedish) rather than
    the identifiers (English)."""
    return (language or "").split("-")[0] == "sv"


def column_name(name, language) -> str:
    """The column's header in the language's export."""
    if not _spoken(language):
        return name
    with translation.override(language):
        return str(COLUMN_LABELS[name])


def header(language) -> list[str]:
    return [column_name(name, language) for name in COLUMNS]


def codes(choices, language) -> list[str]:
    """The codes of a field's choices as the language's export writes them."""
    if not _spoken(language):
        return [code for code, _label in choices]
    with translation.override(language):
        return [str(label) for _code, label in choices]


def rows(plan, language):
    spoken = _spoken(language)
    with translation.override(language):
        for activity in selectors.plan_activities(plan):
            # Formula-like text is quoted by the writer (the import removes the apostrophe).
            yield [
                activity.key,
                activity.focus_area.name_sv,
                activity.direction.name_sv if activity.direction else "",
                str(activity.get_kind_display()) if spoken else activity.kind,
                activity.title_sv or "",
                activity.title_en or "",
                activity.description_sv or "",
                activity.description_en or "",
                activity.unit.name if activity.unit else "",
                activity.responsible_person,
                str(activity.get_status_display()) if spoken else activity.status,
                activity.progress,
            ]


def to_csv(plan, *, language="sv") -> bytes:
    return tabular.to_csv(header(language), rows(plan, language))


def to_xlsx(plan, *, language="sv") -> bytes:
    with translation.override(language if _spoken(language) else "en"):
        sheet_name = str(pgettext_lazy("activity file sheet", "Activities"))
    return tabular.to_xlsx(header(language), rows(plan, language), sheet_name=sheet_name)
