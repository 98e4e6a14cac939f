import pytest
from django.urls import reverse
from django.utils import translation

from utblick.partners.models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)

pytestmark = pytest.mark.django_db

RECORDS = [
    (Organisation, "partner_organisation"),
    (ContactPerson, "partner_contact"),
    (Partnership, "partnership"),
    (PartnershipActivity, "partnership_activity"),
    (Network, "network"),
    (NetworkMembership, "network_membership"),
]


def admin_url(model, view, *args):
    with translation.override("en"):
        return reverse(f"admin:partners_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("model", "key"), RECORDS)
def test_superuser_uses_the_admin(client, home, model, key):
    client.force_login(home.users["superuser"])
    obj = home.records[key]
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "add")).status_code == 200
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    if hasattr(obj, "history"):
        assert client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_translated_fields_in_the_admin(client, home):
    client.force_login(home.users["superuser"])
    response = client.get(admin_url(Partnership, "change", home.records["partnership"].pk))
    assert 'name="description_sv"' in response.content.decode()
    assert 'name="description_en"' in response.content.decode()


def test_staff_without_superuser_rights_cannot_use_the_admin(client, home):
    user = home.users["coordinator"]
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get(admin_url(Partnership, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
