from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from utblick.funding.embeddings import embed_calls
from utblick.funding.imports import import_file
from utblick.funding.models import Call
from utblick.funding.parsers import ParseError


def bar(stream):
    def progress(done, total, message=""):
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return progress


class Command(BaseCommand):
    help = (
        "Import funding calls from an EU Funding & Tenders topic file (.json or .json.gz) or "
        "a Vinnova open-data file. Re-import is idempotent; a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--no-embeddings",
            action="store_true",
            help="Do not compute the semantic vectors now (run the import again later).",
        )

    def handle(self, *args, file, no_embeddings=False, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(_("The file does not exist: %(path)s") % {"path": file})
        if not path.is_file():
            raise CommandError(_("This is not a file: %(path)s") % {"path": file})
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(_("The file cannot be read: %s") % file) from error
        progress = bar(self.stdout) if options.get("verbosity", 1) else None
        try:
            result = import_file(data=data, progress=progress)
        except ParseError as error:
            for item in error.errors:
                message = item["message"]
                if item.get("line"):
                    message = _("line %(line)s: %(message)s") % {
                        "line": item["line"],
                        "message": message,
                    }
                self.stderr.write(message)
            raise CommandError(
                _("The file has errors; no call was imported or changed.")
            ) from error
        result.pop("changed_ids")
        self.stdout.write(
            _(
                "%(source)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                "%(vanished)s marked as vanished."
            )
            % {**result, "source": Call.Source(result["source"]).label}
        )
        if not no_embeddings:
            count = embed_calls(progress=progress)
            self.stdout.write(
                ngettext(
                    "Semantic vectors computed for %(count)s call.",
                    "Semantic vectors computed for %(count)s calls.",
                    count,
                )
                % {"count": count}
            )
