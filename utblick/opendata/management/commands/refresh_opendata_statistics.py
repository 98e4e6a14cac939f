"""manage.py refresh_opendata_statistics: rebuild the partner search's pre-computed
statistics from the imported participations (imports do it themselves; this is for data
imported before the statistics existed)."""

import time

from django.core.management.base import BaseCommand

from utblick.opendata.services import refresh_statistics


class Command(BaseCommand):
    help = "Rebuild the EU open-data statistics used by topic-less partner searches."

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = refresh_statistics()
        self.stdout.write(
            f"Refreshed {rows} organisation and programme rows in "
            f"{time.monotonic() - started:.1f} s."
        )
