"""Record the result of an automated accessibility check for the public statement."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from utblick.core import public_cache
from utblick.public.models import AccessibilityCheck


class Command(BaseCommand):
    help = (
        "Record an automated accessibility check of the public pages (tool, pages checked, "
        "violations found); the accessibility statement shows the latest one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tool", required=True, help='e.g. "axe-core 4.12.1"')
        parser.add_argument("--pages", type=int, required=True)
        parser.add_argument("--violations", type=int, required=True)
        parser.add_argument("--summary", default="")
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, tool, pages, violations, summary, date, **options):
        if pages < 1 or violations < 0:
            raise CommandError("--pages must be at least 1 and --violations at least 0.")
        check = AccessibilityCheck.objects.create(
            checked_on=date or timezone.localdate(),
            tool=tool,
            pages=pages,
            violations=violations,
            summary=summary,
        )
        public_cache.invalidate()  # every municipality's accessibility statement shows it
        self.stdout.write(f"Recorded {check}: {pages} pages, {violations} violations.")
