import pytest
from django.core.management import call_command

from utblick.partners.models import NetworkMembership, Partnership
from utblick.projects.models import Project
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
