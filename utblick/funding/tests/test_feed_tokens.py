"""Calendar feed addresses belong to one person: renewable, dead once they leave
(issue #14, finding 6)."""

from django.urls import reverse

from utblick.security.models import AuditEvent
from utblick.tenancy.models import Membership
from utblick.testing import login

from ..models import FeedToken
from .helpers import public_url, url


def feed_status(client, municipality, token):
    return client.get(public_url("funding_feed", municipality.slug, token)).status_code


def own_tokens(client, side, persona):
    login(client, side.users[persona])
    client.get(url("funding_calendar", side.municipality.slug))
    client.logout()
    return list(
        FeedToken.objects.filter(
            municipality=side.municipality, user=side.users[persona]
        ).values_list("token", flat=True)
    )


def test_a_shared_address_without_an_owner_does_not_work(client, home):
    shared = FeedToken.objects.create(
        municipality=home.municipality, kind=FeedToken.Kind.MUNICIPALITY
    )
    assert feed_status(client, home.municipality, shared.token) == 404


def test_the_addresses_die_when_the_person_is_removed(client, home):
    tokens = own_tokens(client, home, "rep")
    assert len(tokens) == 3
    assert {feed_status(client, home.municipality, t) for t in tokens} == {200}
    membership = Membership.objects.get(user=home.users["rep"], municipality=home.municipality)
    login(client, home.users["coordinator"])
    client.post(reverse("staff:member_remove", args=[home.municipality.slug, membership.pk]))
    client.logout()
    assert {feed_status(client, home.municipality, t) for t in tokens} == {404}


def test_the_addresses_die_with_the_role_however_it_ends(client, home):
    tokens = own_tokens(client, home, "reader")
    Membership.objects.filter(user=home.users["reader"]).delete()
    assert {feed_status(client, home.municipality, t) for t in tokens} == {404}
    deactivated = own_tokens(client, home, "coordinator")
    home.users["coordinator"].is_active = False
    home.users["coordinator"].save()
    assert {feed_status(client, home.municipality, t) for t in deactivated} == {404}


def test_a_unit_feed_dies_when_the_representative_moves_to_another_unit(client, home):
    own_tokens(client, home, "rep")
    unit_token = FeedToken.objects.get(user=home.users["rep"], kind=FeedToken.Kind.UNIT)
    Membership.objects.filter(user=home.users["rep"]).update(unit=home.other_unit)
    assert feed_status(client, home.municipality, unit_token.token) == 404


def test_renewing_revokes_the_old_addresses(client, home):
    old = own_tokens(client, home, "reader")
    login(client, home.users["reader"])
    response = client.post(url("funding_calendar", home.municipality.slug), {"renew_feeds": "1"})
    assert response.status_code == 302
    client.get(url("funding_calendar", home.municipality.slug))
    new = set(FeedToken.objects.filter(user=home.users["reader"]).values_list("token", flat=True))
    assert new and not new & set(old)
    assert {feed_status(client, home.municipality, t) for t in old} == {404}
    assert {feed_status(client, home.municipality, t) for t in new} == {200}
    event = AuditEvent.objects.get(kind="feed_token")
    assert (event.user, event.municipality) == (home.users["reader"], home.municipality)
