"""Lists and the partners page cost the same number of queries for 10 and for 100 records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from utblick.partners.models import Partnership
from utblick.projects.models import Project, SustainableDevelopmentGoal

from .factories import (
    NetworkMembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectDocumentFactory,
    ProjectFactory,
    ProjectLinkFactory,
    ProjectPartnerFactory,
)
from .helpers import url

COUNTRIES = ["DE", "FI", "NO", "DK", "PL", "FR", "EE", "LV", "LT", "NL"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """The views' own queries are counted: the page cache would answer with none."""
    settings.PUBLIC_CACHE_SECONDS = 0


def add_projects(town, n, **fields):
    for _i in range(n):
        project = ProjectFactory(municipality=town.municipality, **fields)
        ProjectPartnerFactory(project=project)
        project.goals.add(*SustainableDevelopmentGoal.objects.filter(number__lte=3))


def add_partners(town, n):
    m = town.municipality
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        partner = OrganisationFactory(municipality=m, country=country)
        PartnershipFactory(municipality=m, partner=partner, kind=Partnership.Kind.choices[i % 3][0])
        project = ProjectFactory(municipality=m)
        ProjectPartnerFactory(
            project=project, organisation=OrganisationFactory(municipality=m, country=country)
        )
        NetworkMembershipFactory(municipality=m)


def add_project_details(project, n):
    for i in range(n):
        ProjectPartnerFactory(
            project=project,
            organisation=OrganisationFactory(
                municipality=project.municipality, country=COUNTRIES[i % len(COUNTRIES)]
            ),
        )
        ProjectLinkFactory(project=project)
        ProjectDocumentFactory(project=project, file__data=b"%PDF-1.4\n")
    project.goals.add(*SustainableDevelopmentGoal.objects.filter(number__lte=min(n, 17)))


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), response


def assert_constant(client, django_assert_num_queries, path, grow, expect_rows):
    at_ten, response = count_queries(client, path)
    expect_rows(response, 10)
    grow(90)
    with django_assert_num_queries(at_ten):
        response = client.get(path)
    expect_rows(response, 100)


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("projects_ongoing", {}),
        ("projects_completed", {"status": Project.Status.COMPLETED}),
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_project_lists(client, django_assert_num_queries, town, name, fields, language):
    add_projects(town, 10, **fields)

    def expect_rows(response, total):
        assert response.context["page"].paginator.count == total
        assert len(response.context["projects"]) == min(total, 20)

    assert_constant(
        client,
        django_assert_num_queries,
        url(name, language, town.municipality.slug),
        lambda n: add_projects(town, n, **fields),
        expect_rows,
    )


@pytest.mark.parametrize("name", ["partners", "home", "networks"])
def test_partners_start_and_networks_pages(client, django_assert_num_queries, town, name):
    add_partners(town, 10)

    def expect_rows(response, total):
        if name == "partners":
            groups = response.context["partnership_groups"]
            assert sum(len(group["items"]) for group in groups) == total
            organisations = response.context["organisation_groups"]
            assert sum(len(group["items"]) for group in organisations) == total
            # Each project partner links to the public project it takes part in.
            listed = response.content.decode().split('id="organisations-title"')[1]
            assert listed.count(f"/{town.municipality.slug}/projekt/") == total
        elif name == "home":
            assert response.context["figures"]["partnerships"] == total
        else:
            assert len(response.context["memberships"]) == total

    assert_constant(
        client,
        django_assert_num_queries,
        url(name, "sv", town.municipality.slug),
        lambda n: add_partners(town, n),
        expect_rows,
    )


def test_project_page(client, django_assert_num_queries, town):
    project = ProjectFactory(municipality=town.municipality)
    add_project_details(project, 10)

    def expect_rows(response, total):
        assert len(response.context["project"].public_partners) == total
        assert len(response.context["project"].public_documents) == total

    assert_constant(
        client,
        django_assert_num_queries,
        url("project_detail", "en", town.municipality.slug, project.pk),
        lambda n: add_project_details(project, n),
        expect_rows,
    )
