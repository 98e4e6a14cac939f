"""Daily: e-mail document owners whose follow-up date is near (each reminder once)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from utblick.documents import services


class Command(BaseCommand):
    help = "E-mail the owners of governing documents that are due for follow-up (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument(
            "--base-url",
            default="",
            help="Prefix for links in the e-mails, e.g. https://host (default: SITE_URL)",
        )

    def handle(self, *args, today=None, base_url="", **options):
        sent = services.send_reminders(
            today=today or timezone.localdate(), base_url=base_url.rstrip("/")
        )
        for document in sent:
            self.stdout.write(f"{document.municipality}: {document} → {document.owner.email}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) sent."))
