from django.core.management.base import BaseCommand, CommandError

from utblick.backup.services import export_archive
from utblick.security.models import AuditEvent
from utblick.security.services import record_event
from utblick.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Write every municipality's data and uploads (or one municipality's) to one archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .zip file to write")
        parser.add_argument("--municipality", help="slug or SCB code: export only this one")

    def handle(self, *args, archive, verbosity=1, municipality=None, **options):
        self.verbosity = verbosity
        scope = None
        if municipality:
            scope = Municipality.objects.filter(slug=municipality).first() or (
                Municipality.objects.filter(code=municipality).first()
            )
            if scope is None:
                raise CommandError(f"No municipality {municipality!r}.")
        manifest = export_archive(destination=archive, municipality=scope, progress=self._progress)
        rows = sum(manifest["counts"].values())
        record_event(
            kind=AuditEvent.Kind.EXPORT,
            username="manage.py export_all",
            municipality=scope,
            rows=rows,
            files=manifest["files"],
        )
        self.stdout.write(f"\n{rows} rows and {manifest['files']} files written to {archive}.")

    def _progress(self, done, total, label):
        if self.verbosity:
            self.stdout.write(f"\r[{done}/{total}] {label:60}", ending="")
