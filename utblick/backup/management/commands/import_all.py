from django.core.management.base import BaseCommand, CommandError

from utblick.backup.services import BackupError, import_archive


class Command(BaseCommand):
    help = "Restore an archive written by export_all into a new, migrated installation."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .zip file written by export_all")

    def handle(self, *args, archive, verbosity=1, **options):
        self.verbosity = verbosity
        try:
            result = import_archive(source=archive, progress=self._progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(result["counts"].values())
        self.stdout.write(f"\n{rows} rows restored from {archive}.")

    def _progress(self, done, total, label):
        if self.verbosity:
            self.stdout.write(f"\r[{done}/{total}] {label:60}", ending="")
