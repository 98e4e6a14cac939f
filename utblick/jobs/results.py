"""What a finished job's result keys mean, in the reader's language.

Handlers return plain dicts ({"created": 3, "updated": 1}); the keys are stable identifiers
kept in the database, so they are translated here, when shown, not when stored. A key
missing from this list is not shown at all: a raw identifier would be English in the
Swedish UI (the test ``test_every_result_key_of_a_handler_has_a_label`` keeps it complete).
"""

from django.template.defaultfilters import yesno
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

RESULT_LABELS = {
    # imports of calls and activities
    "created": _("New"),
    "updated": _("Updated"),
    "unchanged": _("Unchanged"),
    "vanished": _("No longer in the source"),
    "skipped": _("Skipped"),
    "source": _("Source"),
    # open data imports and matching
    "rows": _("Rows read"),
    "without_country": _("Rows without a country"),
    "without_name": _("Rows without a name"),
    "partners": _("Partners checked"),
    "links": _("New links"),
    "linked": _("Linked"),
    "to_review": _("To review"),
    # semantic index
    "embedded": _("Calls indexed"),
    # mail-outs
    "sent": _("Sent"),
    "failed": _("Failed"),
    "total": _("Recipients"),
    "already_sent": _("Already sent"),
    "cancelled": _("Cancelled"),
}


def result_rows(result: dict) -> list[tuple[str, str]]:
    """The result as (label, value) pairs to show, values in the active language's format."""
    rows = []
    for key, value in (result or {}).items():
        label = RESULT_LABELS.get(key)
        if label is None:
            continue
        if isinstance(value, bool):
            shown = yesno(value, str(_("yes,no")))
        elif isinstance(value, int | float):
            shown = number_format(value, force_grouping=True)
        elif isinstance(value, list | tuple):
            shown = number_format(len(value), force_grouping=True)
        else:
            shown = str(value)
        rows.append((str(label), shown))
    return rows
