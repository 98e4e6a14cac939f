"""Broad topics answered from the term statistics: the same organisations, counts, ranking,
facets and examples as from the participations; the same answers on every database (one
stemming rule); a Swedish word finds what its English translation finds; constant queries."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..models import OrganisationTermStats, OrganisationTermYearStats
from ..search import Filters, search
from ..services import refresh_statistics
from ..text import search_terms
from .factories import eu_organisation, eu_project, participation
from .helpers import import_all

TERM_TABLE = OrganisationTermStats._meta.db_table
YEAR_TABLE = OrganisationTermYearStats._meta.db_table
EVERY_TERM = 1  # refresh_statistics(term_min_projects=...): aggregate every stem
NO_TERM = 10**9  # aggregate none: every topic is answered from the participations


def everything(filters):
    """Every page of a search: [(organisation key, matches, coordinated, contribution,
    example project ids)], the count, the facets, the number of matching projects, and
    whether the term statistics answered it."""
    rows, number = [], 1
    with CaptureQueriesContext(connection) as queries:
        while True:
            result = search(Filters(**filters), number)
            rows += [
                (
                    row["organisation"].key,
                    row["matches"],
                    row["coordinated"],
                    row["contribution"],
                    [why["project"].pk for why in row["why"]],
                )
                for row in result.rows
            ]
            if not result.page.has_next():
                break
            number = result.page.next_page_number()
    first = search(Filters(**filters))
    used = any(
        TERM_TABLE in query["sql"] or YEAR_TABLE in query["sql"]
        for query in queries.captured_queries
    )
    return rows, first.page.paginator.count, first.facets, first.projects, used


BROAD = [
    {"q": "energy"},
    {"q": "energy", "country": "SE"},
    {"q": "energy", "programme": "Horizon 2020"},
    {"q": "energy", "coordinator": True},
    {"q": "cities"},
    {"q": "städer", "org_type": "PUB"},
    {"q": "health", "coordinator": True, "country": "SE"},
    {"q": "climate", "programme": "Interreg AURORA"},
    {"q": "research", "region": "Norrbotten"},
]


def answers_from_participations_and_statistics(searches) -> dict:
    """Every search's answer from the participations (no term aggregated), after checking
    that the statistics (every term aggregated) answer each exactly alike."""
    refresh_statistics(term_min_projects=NO_TERM)
    expected = {str(filters): everything(filters) for filters in searches}
    refresh_statistics(term_min_projects=EVERY_TERM)
    for filters in searches:
        rows, count, facets, projects, used = everything(filters)
        assert used, filters
        assert not expected[str(filters)][4]
        assert (rows, count, facets, projects) == expected[str(filters)][:4], filters
    return expected


@pytest.mark.django_db
def test_term_statistics_answer_exactly_as_the_participations():
    import_all()
    expected = answers_from_participations_and_statistics(BROAD)
    assert expected[str(BROAD[0])][1] > 25  # more than one page


BY_YEAR = [
    {"q": "energy", "year_from": 2017},
    {"q": "energy", "year_to": 2015, "country": "SE"},
    {"q": "health", "coordinator": True, "year_from": 2014},
    {"q": "climate", "year_from": 2022, "year_to": 2024, "programme": "Interreg AURORA"},
    {"q": "cities", "coordinator": True, "year_to": 2022, "org_type": "PUB"},
    {"q": "climate", "year_from": 2023, "region": "Norrbotten"},
]


@pytest.mark.django_db
def test_year_filters_on_a_broad_topic_answer_from_the_statistics_by_year_exactly():
    import_all()
    expected = answers_from_participations_and_statistics(BY_YEAR)
    # The years matter: fewer organisations than without the filter, and none for a year
    # before any project.
    assert expected[str(BY_YEAR[0])][1] < everything({"q": "energy"})[1]
    assert all(expected[str(filters)][1] for filters in BY_YEAR[:5])
    assert everything({"q": "energy", "year_to": 1990})[1] == 0


@pytest.mark.django_db
def test_topics_of_several_words_and_year_filters_on_several_alternatives_read_the_participations():
    import_all()
    swedish_titles()  # "städer" is then an alternative of its own beside "citi"
    refresh_statistics(term_min_projects=EVERY_TERM)
    for filters in ({"q": "städer", "year_from": 2014}, {"q": "climate adaptation"}):
        assert not everything(filters)[4], filters
    assert everything({"q": "cities", "year_from": 2014})[4]


# The answers on the sample data, the same on SQLite and PostgreSQL: the numbers of
# organisations and of matching projects, and a digest of every organisation found with its
# matches and coordinator roles (sorted by key, so independent of ties in the ranking).
EXPECTED = [
    ({"q": "energy"}, 51, 8, "346ac0c59b842f1c"),
    ({"q": "energy", "country": "SE"}, 17, 8, "852a286519558c94"),
    ({"q": "cities"}, 48, 3, "b21b547243c00d3b"),
    ({"q": "climate"}, 76, 23, "a18c97e29ae938fc"),
    ({"q": "education"}, 3, 1, "90db361337c701b3"),
    ({"q": "health", "coordinator": True}, 3, 3, "b2709308b970c405"),
    ({"q": "hydrogen"}, 9, 3, "6137434f3560a082"),
    ({"q": "climate adaptation"}, 17, 16, "876a6726d1d07c61"),
    ({"q": "klimatanpassning"}, 18, 18, "c6f533eb0c707500"),
    ({"q": "health", "coordinator": True, "year_from": 2014}, 3, 3, "b2709308b970c405"),
]


def digest(rows):
    found = sorted(f"{key} {matches} {coordinated}" for key, matches, coordinated, *_ in rows)
    return hashlib.sha256("\n".join(found).encode()).hexdigest()[:16]


@pytest.mark.django_db
@pytest.mark.parametrize("aggregated", [EVERY_TERM, NO_TERM])
def test_the_same_organisations_on_every_database(aggregated):
    import_all()
    refresh_statistics(term_min_projects=aggregated)
    found = []
    for filters, *_expected in EXPECTED:
        rows, count, _facets, projects, _used = everything(filters)
        found.append((filters, count, projects, digest(rows)))
    assert found == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("aggregated", [EVERY_TERM, NO_TERM])
@pytest.mark.parametrize(
    ("swedish", "english"),
    [("städer", "cities"), ("Städer", "city"), ("energi", "energy"), ("hälsa", "health")],
)
def test_a_swedish_word_finds_what_its_english_translation_finds(aggregated, swedish, english):
    import_all()
    refresh_statistics(term_min_projects=aggregated)
    english_rows = everything({"q": english})[0]
    assert len(english_rows) >= 12
    assert everything({"q": swedish})[0] == english_rows


@pytest.mark.django_db
def test_one_stem_for_every_form_of_a_word():
    project = eu_project(title="Smart city")
    participation(eu_organisation(name="Stadt"), project)
    assert project.search_text == search_terms("Smart cities") == "smart citi"
    for query in ("city", "cities", "CITIES"):
        assert [row["organisation"].name for row in search(Filters(q=query)).rows] == ["Stadt"]


def grow(start, count):
    topic = [eu_project(title=f"Energy systems {n}", programme="FP7") for n in range(3)]
    for n in range(start, start + count):
        organisation = eu_organisation(name=f"Energy partner {n}", country=["SE", "DE"][n % 2])
        participation(organisation, topic[n % 3], is_coordinator=n % 5 == 0, eu_contribution=n)


@pytest.mark.django_db
def test_a_broad_topic_costs_the_same_queries_at_any_size(django_assert_num_queries):
    grow(0, 30)
    refresh_statistics(term_min_projects=EVERY_TERM)
    with CaptureQueriesContext(connection) as small:
        result = search(Filters(q="energy"))
    assert result.page.paginator.count == 30
    assert any(TERM_TABLE in query["sql"] for query in small.captured_queries)
    grow(30, 120)
    refresh_statistics(term_min_projects=EVERY_TERM)
    with django_assert_num_queries(len(small.captured_queries)):
        result = search(Filters(q="energy", country="SE"), 2)
    assert result.page.paginator.count == 75
    assert [row["organisation"].country for row in result.rows] == ["SE"] * 25


def swedish_titles():
    """Projects with the Swedish word "städer" in their titles (one also says "cities"),
    with organisations that also have English "cities" projects and new ones."""
    cities = search(Filters(q="cities")).rows
    known = [row["organisation"] for row in cities[:3]]
    new = [eu_organisation(name=f"Kommun {n}", country="SE", org_type="PUB") for n in range(3)]
    programme = "Interreg AURORA"
    for n, title in enumerate(["Hållbara städer i norr", "Städer och cities", "Gröna städer"]):
        project = eu_project(title=title, programme=programme, source="interreg")
        for organisation in (known[n], new[n], new[(n + 1) % 3]):
            participation(
                organisation, project, is_coordinator=organisation == new[n], eu_contribution=n
            )


SWEDISH_TITLES = [
    {"q": "städer"},
    {"q": "städer", "country": "SE"},
    {"q": "städer", "coordinator": True},
    {"q": "städer", "programme": "Interreg AURORA"},
    {"q": "städer", "org_type": "PUB", "country": "SE"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("aggregated", [EVERY_TERM, 2])
def test_a_swedish_word_in_some_titles_adds_their_projects_to_the_statistics(aggregated):
    import_all()
    refresh_statistics(term_min_projects=EVERY_TERM)
    swedish_titles()
    refresh_statistics(term_min_projects=NO_TERM)
    expected = {str(filters): everything(filters) for filters in SWEDISH_TITLES}
    # "städer" is an alternative of its own (EVERY_TERM: aggregated too, 2: not).
    refresh_statistics(term_min_projects=aggregated)
    for filters in SWEDISH_TITLES:
        rows, count, facets, projects, used = everything(filters)
        assert used, filters
        assert not expected[str(filters)][4]
        assert (rows, count, facets, projects) == expected[str(filters)][:4], filters
    rows, count, _facets, projects, _used = expected[str(SWEDISH_TITLES[0])]
    # "cities": 48 organisations, 3 projects; "Städer och cities" is one of both.
    assert (count, projects) == (48 + 3, 3 + 3)
    assert digest(rows) == "db0c763655c43eb9"
