"""Record the result of an automated accessibility check for the public statement."""

import argparse
import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from utblick.core.refusals import refused_options
from utblick.public import services

# The option that gives each of the service's fields.
OPTIONS = {
    "tool": "--tool",
    "pages": "--pages",
    "violations": "--violations",
    "summary": "--summary",
    "checked_on": "--date",
}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30.")
            % {"value": value}
        ) from None


def _count(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a whole number.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Record an automated accessibility check of the public pages (tool, pages checked, "
        "violations found); the accessibility statement shows the latest one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tool", required=True, help='e.g. "axe-core 4.12.1"')
        parser.add_argument("--pages", type=_count, required=True)
        parser.add_argument("--violations", type=_count, required=True)
        parser.add_argument("--summary", default="")
        parser.add_argument(
            "--date", type=_date, default=None, help="YYYY-MM-DD; today if left out"
        )

    def handle(self, *args, tool, pages, violations, summary, date, **options):
        try:
            check = services.record_accessibility_check(
                tool=tool, pages=pages, violations=violations, summary=summary, checked_on=date
            )
        except ValidationError as refused:
            raise CommandError(
                refused_options(_("The check was not recorded:"), refused, OPTIONS)
            ) from refused
        self.stdout.write(
            _(
                "Recorded the check made with %(tool)s on %(date)s (pages checked: %(pages)s, "
                "violations: %(violations)s); every accessibility statement shows it."
            )
            % {
                "tool": check.tool,
                "date": check.checked_on.isoformat(),
                "pages": check.pages,
                "violations": check.violations,
            }
        )
