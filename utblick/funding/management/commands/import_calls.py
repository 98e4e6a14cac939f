import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from utblick.funding.embeddings import embed_calls
from utblick.funding.imports import import_file
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
            raise CommandError(f"No such file: {file}")
        progress = bar(self.stdout) if options.get("verbosity", 1) else None
        try:
            result = import_file(data=path.read_bytes(), progress=progress)
        except ParseError as error:
            for item in error.errors:
                sys.stderr.write(
                    _("line %(line)s: %(message)s")
                    % {"line": item.get("line") or "?", "message": item["message"]}
                    + "\n"
                )
            raise CommandError("The file has errors; nothing was imported.") from error
        result.pop("changed_ids")
        self.stdout.write(
            "{source}: {created} new, {updated} updated, {unchanged} unchanged, "
            "{vanished} marked as vanished.".format(**result)
        )
        if not no_embeddings:
            count = embed_calls(progress=progress)
            self.stdout.write(f"Semantic vectors computed for {count} call(s).")
