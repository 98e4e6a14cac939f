import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from utblick.testing import login

from ..models import Project, ProjectPartner
from .factories import TINY_PDF, ProjectFactory, organisation
from .helpers import url


def detail(client, side, project, persona="reader"):
    login(client, side.users[persona])
    response = client.get(url("project_detail", side.municipality.slug, project.pk))
    assert response.status_code == 200
    return response.content.decode()


def test_detail_shows_the_facts(client, home):
    page = detail(client, home, home.records["public_project"])
    for text in [
        "Gröna gränsstäder",
        "Green border towns",
        "GREEN",
        "Climate-smart town centres in border regions.",
        "Lead partner",
        "Ongoing",
        "th Kultur- och fritidsförvaltningen",
        "Interreg Europe",
        "IE-2024-3",
        "2024-03-01 – 2099-02-28",
        "Public: shown on the public site",
        "11. Sustainable cities and communities",
        "13. Climate action",
        "klimat",
        'href="https://example.org/green"',
        "Projektets webbplats",
    ]:
        assert text in page, text


def test_budget_in_eur_is_also_shown_in_sek_with_the_cofinancing_rate(client, home):
    page = detail(client, home, home.records["public_project"])
    assert "converted at 1 EUR = 11.5 SEK" in page
    assert "200\xa0000\xa0EUR" in page and "2\xa0300\xa0000\xa0SEK" in page  # total
    assert "160\xa0000\xa0EUR" in page and "1\xa0840\xa0000\xa0SEK" in page  # grant
    assert "40\xa0000\xa0EUR" in page and "460\xa0000\xa0SEK" in page  # own contribution
    assert "<strong>80.0&nbsp;%</strong>" in page
    assert "more than the total budget" not in page


def test_budget_in_sek_has_no_conversion_and_warns_when_sources_exceed_the_total(client, home):
    project = ProjectFactory(
        municipality=home.municipality,
        budget_total=Decimal("1000000"),
        grant=Decimal("625000"),
        own_cash=Decimal("400000"),
    )
    page = detail(client, home, project)
    assert "Amounts in SEK" in page
    assert "In SEK" not in page
    assert "1\xa0000\xa0000\xa0SEK" in page
    assert "<strong>62.5&nbsp;%</strong>" in page
    assert "Grant and own contribution together are more than the total budget." in page


def test_partners_link_to_their_organisation(client, home):
    page = detail(client, home, home.records["public_project"])
    org = home.records["project_organisation"]
    org_url = url("organisation_detail", home.municipality.slug, org.pk)
    assert f'<a href="{org_url}">{org.name}</a>' in page
    assert "Germany" in page


def test_documents_with_visibility_and_status_timeline(client, home):
    project = home.records["public_project"]
    page = detail(client, home, project)
    document = home.records["project_document"]
    assert url("project_document_download", home.municipality.slug, project.pk, document.pk) in page
    assert "Slutrapport" in page and "Budgetunderlag" in page
    assert '<time datetime="2024-03-01">2024-03-01</time>: Ongoing' in page


def test_change_links_only_for_those_who_may_change(client, home):
    project = home.records["public_project"]
    edit = url("project_edit", home.municipality.slug, project.pk)
    assert edit in detail(client, home, project, "rep")
    assert edit in detail(client, home, project, "coordinator")
    assert edit not in detail(client, home, project, "rep_other")
    assert edit not in detail(client, home, project, "reader")


def test_document_download_serves_the_file(client, home):
    project, document = home.records["public_project"], home.records["internal_project_document"]
    login(client, home.users["reader"])
    response = client.get(
        url("project_document_download", home.municipality.slug, project.pk, document.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TINY_PDF
    assert response["Content-Disposition"].startswith("attachment")


def test_document_of_another_project_is_not_found_under_this_project(client, home):
    document = home.records["project_document"]
    other = home.records["internal_project"]
    login(client, home.users["coordinator"])
    response = client.get(
        url("project_document_download", home.municipality.slug, other.pk, document.pk)
    )
    assert response.status_code == 404


def _project_with_partners(home, count):
    project = ProjectFactory(municipality=home.municipality, unit=home.unit)
    project.other_units.set([home.other_unit])
    for n in range(count):
        ProjectPartner.objects.create(
            project=project,
            organisation=organisation(home.municipality, name=f"Org {count}-{n}"),
            role=ProjectPartner.Role.PARTNER,
        )
    project.status_changes.create(status=project.status, date=datetime.date(2024, 1, 1))
    return project


def test_detail_query_count_does_not_grow_with_partners(client, home, django_assert_num_queries):
    small, large = _project_with_partners(home, 10), _project_with_partners(home, 100)
    login(client, home.users["rep"])
    client.get(url("project_detail", home.municipality.slug, small.pk))  # warm up
    with CaptureQueriesContext(connection) as with_10:
        response = client.get(url("project_detail", home.municipality.slug, small.pk))
    assert response.content.decode().count("Org 10-") == 10
    with django_assert_num_queries(len(with_10)):
        response = client.get(url("project_detail", home.municipality.slug, large.pk))
    assert response.content.decode().count("Org 100-") == 100


def test_project_of_another_municipality_is_not_found(client, home, away):
    login(client, home.users["coordinator"])
    project = away.records["project"]
    response = client.get(url("project_detail", home.municipality.slug, project.pk))
    assert response.status_code == 404
    assert Project.objects.filter(pk=project.pk).exists()


def test_whole_exchange_rate_is_shown_without_decimals(client, home):
    project = ProjectFactory(
        municipality=home.municipality,
        currency=Project.Currency.EUR,
        exchange_rate=Decimal("10.0000"),
        grant=Decimal("1000"),
    )
    page = detail(client, home, project)
    assert "converted at 1 EUR = 10 SEK" in page
    assert "10\xa0000\xa0SEK" in page


def test_pages_render_in_swedish_too(client, home):
    project = home.records["public_project"]
    login(client, home.users["coordinator"])
    slug = home.municipality.slug
    for address in (
        f"/staff/{slug}/projects/",
        f"/staff/{slug}/projects/{project.pk}/",
        f"/staff/{slug}/projects/{project.pk}/edit/",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert '<html lang="sv">' in response.content.decode()
    page = client.get(f"/staff/{slug}/projects/{project.pk}/").content.decode()
    assert "<h1>GREEN – Gröna gränsstäder</h1>" in page
