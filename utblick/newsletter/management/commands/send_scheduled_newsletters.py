"""Start newsletter issues whose time has come, and resume sendings that a temporary failure
interrupted (the mail server hung up or could not be reached). A sending stopped by a
permanent failure, or cancelled, is left alone.

Run it from cron every few minutes, e.g. ``*/5 * * * * manage.py send_scheduled_newsletters``;
the sending itself happens in the background queue (``manage.py db_worker``)."""

from django.core.management.base import BaseCommand

from utblick.newsletter.services import send_due


class Command(BaseCommand):
    help = (
        "Start due newsletter issues (and resume sendings interrupted by a temporary failure) "
        "in the background queue."
    )

    def handle(self, *args, **options):
        started = send_due()
        for issue in started:
            self.stdout.write(f"Started: {issue} ({issue.municipality.slug})")
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(started)} issue(s) started.")
