import pytest
from django.core.management import call_command

from utblick.partners.models import NetworkMembership, Partnership
from utblick.projects.models import Project
from utblick.security.models import AuditEvent
from utblick.tenancy import services
from utblick.tenancy.models import Membership, Municipality

pytestmark = pytest.mark.django_db


def counts():
    return (
        Municipality.objects.filter(is_active=True).count(),
        Partnership.objects.count(),
        NetworkMembership.objects.count(),
        Project.objects.count(),
        Membership.objects.count(),
    )


def test_load_demo_sets_up_the_four_municipalities_and_is_idempotent(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[0] == 4
    out = capsys.readouterr().out
    assert "trollhattan-samordnare" in out and "password" in out


def test_demo_holds_the_facts_of_the_seeds():
    call_command("load_demo")
    twins = set(
        Partnership.objects.filter(municipality__slug="kungalv", kind="twin").values_list(
            "partner__name", flat=True
        )
    )
    assert twins == {"Hiddenhausen", "Perano"}
    motala = set(
        Partnership.objects.filter(municipality__slug="motala").values_list(
            "partner__country", flat=True
        )
    )
    assert motala == {"FI", "LV"}
    assert Partnership.objects.get(partner__name="Fastiv").kind == "cooperation"
    assert NetworkMembership.objects.filter(
        municipality__slug="kungalv", network__acronym="LEADER"
    ).exists()
    trollhattan = Municipality.objects.get(slug="trollhattan")
    assert trollhattan.opening_hours_sv == "Måndag–fredag 8:00–16:30"
    roles = set(Membership.objects.filter(municipality=trollhattan).values_list("role", flat=True))
    assert roles == {"coordinator", "unit_rep", "reader"}


def test_the_demo_people_get_their_roles_through_the_write_path():
    call_command("load_demo")
    # Written as every role is: each new one in the municipality's audit log.
    events = AuditEvent.objects.filter(kind="role_change")
    assert sorted(events.values_list("detail__member", flat=True)) == sorted(
        Membership.objects.values_list("user__username", flat=True)
    )
    assert {event.detail["old_role"] for event in events} == {""}
    for membership in Membership.objects.exclude(unit=None):
        assert membership.role == "unit_rep"
        assert membership.unit.municipality_id == membership.municipality_id
    # A role changed since is given back (and logged) on the next load, nothing doubles.
    demoted = Membership.objects.get(user__username="trollhattan-samordnare")
    services.change_role(membership=demoted, role="reader")
    call_command("load_demo")
    demoted.refresh_from_db()
    assert demoted.role == "coordinator"
    assert events.all().count() == Membership.objects.count() + 2
