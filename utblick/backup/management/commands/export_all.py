from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
                raise CommandError(
                    _("No municipality has the SCB code or the slug “%(value)s”.")
                    % {"value": municipality}
                )
        # Asked before anything is read, so that a mistyped path costs no export.
        folder = Path(archive).parent
        if not folder.is_dir():
            raise CommandError(_("The folder does not exist: %(path)s") % {"path": folder})
        try:
            manifest = export_archive(
                destination=archive, municipality=scope, progress=self._progress
            )
        except PermissionError as error:
            raise CommandError(
                _("No permission to write the archive: %(path)s") % {"path": archive}
            ) from error
        except OSError as error:
            # The system's own reason is English: shown with --traceback.
            raise CommandError(
                _("The archive cannot be written: %(path)s") % {"path": archive}
            ) from error
        rows = sum(manifest["counts"].values())
        record_event(
            kind=AuditEvent.Kind.EXPORT,
            username="manage.py export_all",
            municipality=scope,
            rows=rows,
            files=manifest["files"],
        )
        self.stdout.write(
            "\n"
            + _("%(rows)s rows and %(files)s files written to %(archive)s.")
            % {"rows": rows, "files": manifest["files"], "archive": archive}
        )

    def _progress(self, done, total, label):
        if self.verbosity:
            self.stdout.write(f"\r[{done}/{total}] {label:60}", ending="")
