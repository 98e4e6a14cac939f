"""Partner search: topic in English and Swedish, filters, facets, ranking, why it matched;
the partner page's track record; constant queries."""

import pytest
from django.urls import reverse
from django.utils import translation

from utblick.testing import login

from ..search import Filters, search
from .factories import eu_organisation, eu_project, participation
from .helpers import import_all, raw_climate_adaptation_counts


def result_counts(query, **filters):
    result = search(Filters(q=query, **filters), with_facets=False)
    found = {}
    page = result.page
    while True:
        for row in result.rows:
            organisation = row["organisation"]
            found[organisation.pic or organisation.name] = row["matches"]
        if not page.has_next():
            return found
        result = search(Filters(q=query, **filters), page.next_page_number(), with_facets=False)
        page = result.page


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["climate adaptation", "klimatanpassning", "Climate  ADAPTATION"])
def test_climate_adaptation_counts_are_those_of_the_raw_files(query):
    import_all()
    expected = raw_climate_adaptation_counts()
    assert len(expected) >= 15
    found = result_counts(query)
    if query == "klimatanpassning":
        # The Swedish word also matches Swedish project names literally.
        found = {k: v for k, v in found.items() if k in expected or v is None}
    assert found == expected


@pytest.mark.django_db
def test_filters_facets_ranking_and_why():
    import_all()
    result = search(Filters(q="climate adaptation", country="SE"))
    assert result.rows and all(r["organisation"].country == "SE" for r in result.rows)
    countries = dict(search(Filters(q="climate adaptation")).facets["country"])
    assert countries["SE"] == result.page.paginator.count
    matches = [r["matches"] for r in result.rows]
    assert matches == sorted(matches, reverse=True)
    first = result.rows[0]
    assert first["why"] and first["why"][0]["terms"] == ["adaptation", "climate"]
    coordinators = search(Filters(q="climate adaptation", coordinator=True))
    assert all(r["coordinated"] >= 1 for r in coordinators.rows)
    assert (
        coordinators.page.paginator.count
        == search(Filters(q="climate adaptation")).facets["coordinator"]
    )
    interreg = search(Filters(q="climate adaptation", programme="Interreg AURORA"))
    assert interreg.rows
    assert all(w["project"].programme == "Interreg AURORA" for r in interreg.rows for w in r["why"])
    none = search(Filters(q="climate adaptation", year_from=2030))
    assert none.page.paginator.count == 0


@pytest.mark.django_db
def test_ranking_prefers_relevance_then_coordination():
    topic = [eu_project(title=f"Urban flood resilience {n}") for n in range(3)]
    many, coordinator, once = (eu_organisation(name=n) for n in ("Many", "Coord", "Once"))
    for project in topic[:2]:
        participation(many, project)
    participation(coordinator, topic[2], is_coordinator=True, role="Coordinator")
    participation(once, topic[2])
    rows = search(Filters(q="flood")).rows
    assert [r["organisation"].name for r in rows] == ["Many", "Coord", "Once"]


def test_search_page_shows_results_in_constant_queries(home, client, django_assert_max_num_queries):
    login(client, home.users["reader"])
    with translation.override("en"):
        url = reverse("staff:opendata_search", args=[home.municipality.slug])
    project = eu_project(title="Climate adaptation of harbours")
    for n in range(3):
        participation(eu_organisation(name=f"Harbour {n}"), project)
    client.get(url, {"q": "climate adaptation"})
    with django_assert_max_num_queries(30) as few:
        client.get(url, {"q": "climate adaptation"})
    for n in range(40):
        participation(
            eu_organisation(name=f"Port {n}"), eu_project(title=f"Climate adaptation {n}")
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"q": "climate adaptation"})
    assert response.status_code == 200
    assert "Why it matched" in response.content.decode()
    assert "Climate adaptation of harbours" in response.content.decode()


def test_partner_page_shows_the_track_record(home, client, django_assert_max_num_queries):
    import_all()
    from ..models import EUOrganisation

    organisation = EUOrganisation.objects.get(name="Luleå Tekniska Universitet")
    login(client, home.users["reader"])
    with translation.override("en"):
        url = reverse("staff:opendata_organisation", args=[home.municipality.slug, organisation.pk])
    with django_assert_max_num_queries(25):
        response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Projects by programme and year" in text
    assert "Interreg AURORA" in text
    assert "Swedish municipalities it worked with" in text


def test_search_page_names_its_facets_in_swedish(home, client):
    login(client, home.users["reader"])
    project = eu_project(title="Climate adaptation of harbours")
    participation(eu_organisation(name="Harbour"), project)
    url = reverse("staff:opendata_search", args=[home.municipality.slug])
    text = client.get(url, {"q": "climate adaptation"}).content.decode()
    for heading in ("Länder", "Program"):
        assert f">{heading}<" in text, heading
    for english in ("Countries", "Programmes", "Organisation types", "Regions"):
        assert english not in text
