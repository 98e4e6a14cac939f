"""manage.py import_opendata KIND FILE: import one EU open-data file (all or nothing)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from utblick.opendata.importers import IMPORTERS, ImportFailed


class Command(BaseCommand):
    help = "Import EU open data: " + ", ".join(IMPORTERS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, kind, file, no_progress=False, **options):
        started = time.monotonic()
        last = [0.0]

        def progress(done, total=None):
            now = time.monotonic()
            if no_progress or (now - last[0] < 0.2 and done != total):
                return
            last[0] = now
            if total:
                filled = int(30 * min(done, total) / total)
                bar = "#" * filled + "-" * (30 - filled)
                self.stderr.write(f"\r[{bar}] {100 * done // total:3d}% {done}/{total}", ending="")
            else:
                self.stderr.write(f"\r{done} rows", ending="")
            self.stderr.flush()

        try:
            stats = IMPORTERS[kind](file).run(progress=progress)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {file}") from exc
        except ImportFailed as failure:
            if not no_progress:
                self.stderr.write("")
            lines = [failure.message] + [
                _("line %(line)s: %(message)s")
                % {"line": error["line"], "message": error["message"]}
                for error in failure.errors
            ]
            raise CommandError("\n".join(lines)) from failure
        if not no_progress:
            self.stderr.write("")
        seconds = max(time.monotonic() - started, 1e-6)
        self.stdout.write(
            f"Imported {stats['rows']} rows from {file} in {seconds:.1f} s "
            f"({stats['rows'] / seconds:.0f} rows/s)."
        )
