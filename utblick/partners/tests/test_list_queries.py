"""The three lists need the same number of queries for 10 and for 100 rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from utblick.projects.models import Project, ProjectPartner

from .factories import (
    ContactPersonFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PartnershipActivityFactory,
    PartnershipFactory,
)
from .helpers import as_user, staff_url

pytestmark = pytest.mark.django_db


def add_organisations(side, n):
    project = Project.objects.create(municipality=side.municipality, title="Shared", role="lead")
    for _ in range(n):
        organisation = OrganisationFactory(municipality=side.municipality, unit=side.unit)
        ContactPersonFactory(organisation=organisation, review_date=datetime.date(2000, 1, 1))
        PartnershipFactory(municipality=side.municipality, partner=organisation)
        ProjectPartner.objects.create(project=project, organisation=organisation, role="partner")


def add_partnerships(side, n):
    for _ in range(n):
        partnership = PartnershipFactory(municipality=side.municipality, unit=side.unit)
        PartnershipActivityFactory(partnership=partnership)
        PartnershipActivityFactory(partnership=partnership, date=datetime.date(2001, 1, 1))


def add_memberships(side, n):
    for _ in range(n):
        membership = NetworkMembershipFactory(municipality=side.municipality, unit=side.unit)
        membership.representative_units.set([side.unit, side.other_unit])


@pytest.mark.parametrize(
    ("url_name", "add", "model_rows"),
    [
        ("organisation_list", add_organisations, "partner_organisation"),
        ("partnership_list", add_partnerships, "partnership"),
        ("membership_list", add_memberships, "network_membership"),
    ],
)
def test_constant_queries_from_10_to_100_rows(
    client, home, django_assert_num_queries, url_name, add, model_rows
):
    model = type(home.records[model_rows])
    url = staff_url(url_name, home)
    as_user(client, home.users["rep"])
    add(home, 10 - model.objects.filter(municipality=home.municipality).count())
    assert model.objects.filter(municipality=home.municipality).count() == 10
    client.get(url)  # warm up caches that do not depend on the rows

    with CaptureQueriesContext(connection) as at_10:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 10

    add(home, 90)
    with django_assert_num_queries(len(at_10)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 50  # one full page
    assert response.context["page"].paginator.count == 100
