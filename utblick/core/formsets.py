"""Formsets with any number of rows: "More rows" without JavaScript, a new row at once with it.

Without JavaScript the "More rows" button submits the form with ``more_rows=<prefix>``; the
view answers with the same form, what was typed kept, one row more and no error messages
(nothing is checked or saved). With JavaScript (static/js/formset.js) the same button clones
the formset's empty form in the page instead.
"""

from django.forms.utils import ErrorDict, ErrorList

MORE_ROWS = "more_rows"


def more_rows_for(data) -> str | None:
    """The prefix of the formset whose "More rows" button was pressed, if any."""
    return data.get(MORE_ROWS) or None if data else None


def with_one_more_row(data, prefix):
    """A copy of the submitted ``data`` with one more form in the formset ``prefix``."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(total + 1)
    return data


def without_validation(*forms_and_formsets):
    """Show bound forms as typed, without running or showing validation."""
    for item in forms_and_formsets:
        if hasattr(item, "forms"):
            item._errors = [ErrorDict() for _form in item.forms]
            item._non_form_errors = ErrorList()
            without_validation(*item.forms)
        else:
            item._errors = ErrorDict()
            item.cleaned_data = {}
