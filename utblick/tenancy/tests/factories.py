import factory

from utblick.tenancy.models import Invitation, Membership, Municipality, Role, Unit, User


def active_municipality(code="1488", **details):
    """One of the 290 reference municipalities, activated (they exist from the migration)."""
    municipality = Municipality.objects.get(code=code)
    municipality.is_active = True
    municipality.address = details.get("address", "Gärdhemsvägen 9, 461 83")
    municipality.opening_hours = details.get("opening_hours", "Måndag–fredag 8:00–16:30")
    municipality.save()
    return municipality


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    name_sv = factory.SelfAttribute("name")
    kind = Unit.Kind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")


def member(municipality, role, unit=None, **user_fields):
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, municipality=municipality, role=role, unit=unit)
    return user


__all__ = ["Role", "UnitFactory", "UserFactory", "active_municipality", "member"]


def world_records(*, municipality, unit):
    invited = UserFactory(username=f"invited-{municipality.slug}")
    return {
        "unit": unit,
        "membership": Membership.objects.filter(municipality=municipality).first(),
        "invitation": Invitation.objects.create(
            user=invited, municipality=municipality, role=Role.READER, username=invited.username
        ),
    }
