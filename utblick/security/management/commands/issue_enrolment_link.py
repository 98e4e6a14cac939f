"""Issue a one-time link for adding an authenticator app, e.g. for the first superuser."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from utblick.security.services import issue_enrolment_link


class Command(BaseCommand):
    help = "Skriv ut en engångslänk med vilken användaren kan lägga till en autentiseringsapp."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Det finns ingen aktiv användare med användarnamnet {username}.")
        token = issue_enrolment_link(user=user)
        self.stdout.write(f"{settings.SITE_URL}{reverse('second_factor_enrol', args=[token])}")
