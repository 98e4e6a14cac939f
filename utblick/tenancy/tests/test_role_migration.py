"""Migration tenancy.0007 mends the roles the rules refuse before it adds them as
constraints: an installation with such rows (written through the admin, say) migrates."""

import pytest

from utblick.tenancy.models import Invitation, Membership
from utblick.testing import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("tenancy", "0006_unit_rules_in_the_database")]


def test_roles_the_rules_refuse_are_mended_before_they_are_constraints():
    old = migrate_to(BEFORE)
    try:
        municipality = old.get_model("tenancy", "Municipality").objects.get(slug="trollhattan")
        name = "Kultur- och fritidsförvaltningen"
        unit = old.get_model("tenancy", "Unit").objects.create(
            municipality=municipality, name=name, name_sv=name, kind="department"
        )
        users = old.get_model("tenancy", "User").objects
        rows = {  # user name: (role, unit) as stored before the migration
            "rep": ("unit_rep", unit),
            "rep-without-unit": ("unit_rep", None),
            "reader-with-unit": ("reader", unit),
            "chief": ("chief", unit),
        }
        for username, (role, its_unit) in rows.items():
            user = users.create(username=username, password="!")
            old.get_model("tenancy", "Membership").objects.create(
                user=user, municipality=municipality, role=role, unit=its_unit
            )
        old.get_model("tenancy", "Invitation").objects.create(
            user=users.create(username="invited", password="!"),
            municipality=municipality,
            role="coordinator",
            unit=unit,
            username="invited",
        )
    finally:
        migrate_to_latest()
    roles = dict(
        Membership.objects.filter(municipality__slug="trollhattan").values_list(
            "user__username", "role"
        )
    )
    assert roles == {
        "rep": "unit_rep",
        "rep-without-unit": "reader",
        "reader-with-unit": "reader",
        "chief": "reader",
    }
    units = set(Membership.objects.exclude(unit=None).values_list("user__username", flat=True))
    assert units == {"rep"}
    invitation = Invitation.objects.get(username="invited")
    assert (invitation.role, invitation.unit) == ("coordinator", None)
