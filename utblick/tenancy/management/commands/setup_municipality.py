from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from utblick.tenancy.models import Membership, Municipality, Role, User
from utblick.tenancy.services import activate_municipality


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
            raise CommandError(f"No municipality with SCB code or slug {municipality!r}.")
        activate_municipality(municipality=found)
        self.stdout.write(f"{found.name} is active: /{found.slug}/ and /staff/{found.slug}/")
        if coordinator:
            user, created = User.objects.get_or_create(
                username=coordinator, defaults={"email": email}
            )
            if created:
                user.set_unusable_password()
                user.save()
            Membership.objects.update_or_create(
                user=user, municipality=found, defaults={"role": Role.COORDINATOR, "unit": None}
            )
            hint = (
                " Set a password with: manage.py changepassword " + coordinator if created else ""
            )
            self.stdout.write(f"{coordinator} is coordinator of {found.short_name}.{hint}")
            self.stdout.write(
                "A link for adding an authenticator app (second factor): "
                f"manage.py issue_enrolment_link {coordinator}"
            )
