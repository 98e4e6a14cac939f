from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core.refusals import refused_options
from utblick.tenancy.models import Municipality, Role
from utblick.tenancy.services import activate_municipality, add_member, ensure_account

# The option that gives each field the services may refuse.
OPTIONS = {"username": "--coordinator", "email": "--email"}


class Command(BaseCommand):
    help = (
        "Activate a municipality on this installation (by SCB code or slug) and give an "
        "existing or new user the coordinator role in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="SCB code (e.g. 1488) or slug (trollhattan)")
        parser.add_argument("--coordinator", help="user name of the international coordinator")
        parser.add_argument("--email", default="", help="e-mail of a new coordinator")

    @transaction.atomic
    def handle(self, *args, municipality, coordinator, email, **options):
        found = Municipality.objects.filter(code=municipality).first() or (
            Municipality.objects.filter(slug=municipality).first()
        )
        if found is None:
            raise CommandError(
                _("No municipality has the SCB code or the slug “%(value)s”.")
                % {"value": municipality}
            )
        activate_municipality(municipality=found)
        self.stdout.write(
            _("%(name)s is active: /%(slug)s/ and /staff/%(slug)s/")
            % {"name": found.name, "slug": found.slug}
        )
        if not coordinator:
            return
        try:
            user, created = ensure_account(username=coordinator, email=email)
            add_member(municipality=found, user=user, role=Role.COORDINATOR)
        except ValidationError as refused:
            # The transaction is rolled back: the municipality is not activated either.
            raise CommandError(
                refused_options(_("The municipality was not set up:"), refused, OPTIONS)
            ) from refused
        self.stdout.write(
            _("%(user)s is international coordinator of %(municipality)s.")
            % {"user": user.get_username(), "municipality": found.short_name}
        )
        if created:
            self.stdout.write(
                _("Set a password with: manage.py changepassword %(user)s")
                % {"user": user.get_username()}
            )
        self.stdout.write(
            _(
                "A link for adding an authenticator app (second factor): "
                "manage.py issue_enrolment_link %(user)s"
            )
            % {"user": user.get_username()}
        )
