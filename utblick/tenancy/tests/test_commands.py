import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from utblick.tenancy.models import Membership, Municipality

pytestmark = pytest.mark.django_db


def test_setup_municipality_activates_and_appoints_a_coordinator(capsys):
    call_command("setup_municipality", "1488", "--coordinator", "kim")
    municipality = Municipality.objects.get(code="1488")
    assert municipality.is_active and municipality.activated_at
    assert Membership.objects.get(user__username="kim", municipality=municipality).role == (
        "coordinator"
    )
    assert "/trollhattan/" in capsys.readouterr().out
    # Again: nothing doubles.
    call_command("setup_municipality", "trollhattan", "--coordinator", "kim")
    assert Membership.objects.filter(user__username="kim").count() == 1


def test_setup_municipality_names_an_unknown_municipality():
    with pytest.raises(CommandError, match="9999"):
        call_command("setup_municipality", "9999")


def test_reference_data_has_all_municipalities_and_counties():
    assert Municipality.objects.count() == 290
    assert Municipality.objects.values("county").distinct().count() == 21
    assert Municipality.objects.get(code="0583").slug == "motala"


def test_admin_is_for_superusers_only(home):
    client = Client()
    client.force_login(home.users["coordinator"])
    assert client.get("/admin/").status_code == 302
    client.force_login(home.users["superuser"])
    assert client.get("/admin/").status_code == 200
