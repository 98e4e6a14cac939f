"""Import an action plan's activities from a CSV or XLSX file, synchronously."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from utblick.strategy.imports import ImportFailed, import_file
from utblick.strategy.models import ActionPlan
from utblick.tenancy.models import User


class Command(BaseCommand):
    help = (
        "Import activities into an action plan (rows matched by key; all or nothing; rows "
        "the user may not change are skipped with a note)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action_plan_id", type=int)
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", help="Username recorded as author of the changes.")

    def handle(self, *args, action_plan_id, path, user=None, **options):
        plan = (
            ActionPlan.objects.select_related("municipality", "strategy")
            .filter(pk=action_plan_id)
            .first()
        )
        if plan is None:
            raise CommandError(f"No action plan with id {action_plan_id}.")
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in ("csv", "xlsx"):
            raise CommandError("The file must end in .csv or .xlsx.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        author = None
        if user:
            author = User.objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user {user}.")
        try:
            outcome = import_file(plan=plan, content=content, fmt=suffix, user=author)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(
                    _("line %(line)s: %(message)s")
                    % {"line": error["line"], "message": error["message"]}
                )
            raise CommandError(failure.message) from failure
        for note in outcome.notes:
            self.stdout.write(
                _("line %(line)s: %(message)s") % {"line": note["line"], "message": note["message"]}
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome.created} created, {outcome.updated} updated, "
                f"{outcome.unchanged} unchanged, {outcome.skipped} skipped."
            )
        )
