import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from utblick.security.models import AuditEvent
from utblick.tenancy.models import Membership, Municipality, User

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
    with pytest.raises(CommandError) as refused:
        call_command("setup_municipality", "9999")
    assert str(refused.value) == "Ingen kommun har SCB-koden eller namnet i webbadressen ”9999”."


def test_setup_municipality_speaks_swedish_and_logs_the_role(capsys):
    call_command("setup_municipality", "1488", "--coordinator", "kim", "--email", "kim@example.se")
    out = capsys.readouterr().out
    assert "Trollhättans kommun är aktiv: /trollhattan/ och /staff/trollhattan/" in out
    assert "kim är internationell samordnare i Trollhättan." in out
    assert "Sätt ett lösenord med: manage.py changepassword kim" in out
    assert "(andra faktorn): manage.py issue_enrolment_link kim" in out
    event = AuditEvent.objects.get(kind="role_change")
    assert (event.detail["member"], event.detail["new_role"]) == ("kim", "coordinator")
    assert not User.objects.get(username="kim").has_usable_password()


def test_setup_municipality_refuses_what_the_rules_refuse_and_sets_up_nothing():
    with pytest.raises(CommandError) as refused:
        call_command("setup_municipality", "1488", "--coordinator", "kim", "--email", "kim@")
    assert str(refused.value) == "Kommunen aktiverades inte:\n--email: Ange en giltig mejladress."
    with pytest.raises(CommandError) as refused:
        call_command("setup_municipality", "1488", "--coordinator", "k" * 151)
    assert str(refused.value).startswith("Kommunen aktiverades inte:\n--coordinator: Säkerställ")
    assert not Municipality.objects.get(code="1488").is_active
    assert not User.objects.exists()
    assert not AuditEvent.objects.filter(kind="role_change").exists()


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
