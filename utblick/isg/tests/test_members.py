"""The group's members: one representative per unit, edited and removed by the coordinator."""

from utblick.testing import login

from ..models import GroupMember
from .helpers import url


def test_coordinator_edits_and_removes_a_member(client, home):
    member = GroupMember.objects.get(municipality=home.municipality, unit=home.unit)
    login(client, home.users["coordinator"])
    page = client.get(url("isg_member_list", home.municipality.slug)).content.decode()
    assert url("isg_member_edit", home.municipality.slug, member.pk) in page
    response = client.post(
        url("isg_member_edit", home.municipality.slug, member.pk),
        {"unit": home.unit.pk, "name": "Bo Berg", "email": "bo@example.org"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.email) == ("Bo Berg", "bo@example.org")
    response = client.post(url("isg_member_delete", home.municipality.slug, member.pk))
    assert response.status_code == 302
    assert not GroupMember.objects.filter(pk=member.pk).exists()


def test_a_unit_keeps_one_representative_when_a_member_is_edited(client, home):
    login(client, home.users["coordinator"])
    other = GroupMember.objects.create(
        municipality=home.municipality, unit=home.other_unit, name="Cecilia", email="c@x.org"
    )
    response = client.post(
        url("isg_member_edit", home.municipality.slug, other.pk),
        {"unit": home.unit.pk, "name": "Cecilia", "email": "c@x.org"},
    )
    assert response.status_code == 400
    assert "This unit already has a representative in the group." in response.content.decode()
    other.refresh_from_db()
    assert other.unit == home.other_unit


def test_readers_see_no_edit_links(client, home):
    login(client, home.users["reader"])
    page = client.get(url("isg_member_list", home.municipality.slug)).content.decode()
    assert "/edit/" not in page and "/delete/" not in page
