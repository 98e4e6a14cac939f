from django.core.management.base import BaseCommand

from utblick.funding.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "E-mail watchers about deadlines within FUNDING_REMINDER_DAYS (each reminder once)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        sent = send_deadline_reminders(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
