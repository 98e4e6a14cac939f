from django.core.management.base import BaseCommand

from utblick.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo: Trollhättan, Västerås, Kungälv and Motala. Idempotent."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/login/ with password {DEMO_PASSWORD!r}:"
        )
        for username, description in logins:
            self.stdout.write(f"  {username:28} {description}")
