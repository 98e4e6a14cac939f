"""Writes of the public app: the automated accessibility checks the statement shows.

``record_accessibility_check`` is the one way a check is recorded (``manage.py
record_accessibility_check``, after the check has run); it takes plain keyword data and
enforces: the tool is named (at most 100 characters), at least one page was checked, the
number of violations is not negative, and the check is not dated in the future.

Broken rules raise ``ValidationError`` keyed by field; the database refuses a check without
a tool, of no page or with negative violations too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.refusals import Refusals

from .models import AccessibilityCheck

TOOL_MAX_LENGTH = AccessibilityCheck._meta.get_field("tool").max_length


def accessibility_check_errors(*, values: dict) -> dict:
    """The broken rules of a check with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    tool = (values.get("tool") or "").strip()
    if not tool:
        refusals.refuse("tool", _("Name the tool that made the check, e.g. axe-core 4.12.1."))
    elif len(tool) > TOOL_MAX_LENGTH:
        refusals.refuse(
            "tool",
            _("The tool's name can have at most %(max)s characters.") % {"max": TOOL_MAX_LENGTH},
        )
    pages = values.get("pages")
    if pages is None or pages < 1:
        refusals.refuse("pages", _("At least one page must have been checked."))
    violations = values.get("violations")
    if violations is None or violations < 0:
        refusals.refuse("violations", _("The number of violations cannot be negative."))
    checked_on = values.get("checked_on")
    if checked_on is not None and checked_on > timezone.localdate():
        refusals.refuse("checked_on", _("The check cannot be dated in the future."))
    return refusals.as_dict()


@transaction.atomic
def record_accessibility_check(
    *, tool: str, pages: int, violations: int, summary: str = "", checked_on=None
) -> AccessibilityCheck:
    """Record a check of every public page (``checked_on`` None: today). Raises
    ``ValidationError`` per field."""
    values = {
        "tool": (tool or "").strip(),
        "pages": pages,
        "violations": violations,
        "summary": (summary or "").strip(),
        "checked_on": checked_on or timezone.localdate(),
    }
    errors = accessibility_check_errors(values=values)
    if errors:
        raise ValidationError(errors)
    check = AccessibilityCheck.objects.create(**values)
    public_cache.invalidate()  # every municipality's accessibility statement shows it
    return check
