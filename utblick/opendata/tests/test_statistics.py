"""Pre-computed statistics of the partner search: a topic-less search answers from them
exactly as from the participations; imports keep them current; constant queries."""

import io
import itertools
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from utblick.testing import login

from ..importers import IMPORTERS, ImportFailed
from ..models import OrganisationProgrammeStats, Participation, SearchTerm
from ..search import PAGE_SIZE, Filters, search
from ..services import refresh_statistics
from ..statistics import STATISTICS_TABLES
from .factories import DATA, eu_organisation, eu_project, participation
from .helpers import import_all

STATS_TABLE = OrganisationProgrammeStats._meta.db_table
PARTICIPATION_TABLE = Participation._meta.db_table

COUNTRIES = ["SE", "DE", "FR", ""]
ORG_TYPES = ["HES", "PUB", "PRC", ""]
REGIONS = ["Norrbotten", "Bayern", ""]
PROGRAMMES = ["Horizon 2020", "FP7", "Interreg AURORA", ""]  # "": no programme given


def varied_dataset(organisations=60, seed=3):
    """Organisations in several countries, types and regions (some blank), in projects of
    several programmes, with coordinators, missing contributions and ties in the ranking."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    projects = [
        eu_project(programme=PROGRAMMES[n % len(PROGRAMMES)], title=f"Project {n}")
        for n in range(24)
    ]
    for n in range(organisations):
        organisation = eu_organisation(
            name=f"Varied {seed} {n}",
            country=rng.choice(COUNTRIES),
            org_type=rng.choice(ORG_TYPES),
            region=rng.choice(REGIONS),
        )
        # Few projects each, so that many organisations tie on matches and coordination.
        for project in rng.sample(projects, rng.randint(1, 3)):
            participation(
                organisation,
                project,
                is_coordinator=rng.random() < 0.2,
                # None (missing), equal amounts (ties) or varied ones.
                eu_contribution=rng.choice([None, None, Decimal("1000.00"), rng.randint(1, 9)]),
                year=rng.choice([2010, 2016, 2021]),
            )


def every_page(filters):
    """Everything a search shows, on every page (and one page past the last)."""
    pages = []
    number = 1
    while True:
        result = search(filters, number)
        pages.append(
            {
                "number": result.page.number,
                "count": result.page.paginator.count,
                "num_pages": result.page.paginator.num_pages,
                "facets": result.facets,
                "rows": [
                    (
                        row["organisation"].pk,
                        row["matches"],
                        row["coordinated"],
                        row["contribution"],
                        [(w["project"].pk, w["role"], w["year"]) for w in row["why"]],
                    )
                    for row in result.rows
                ],
            }
        )
        if not result.page.has_next():
            break
        number += 1
    past = search(filters, number + 5)  # out of range: the last page
    pages.append({"past": past.page.number, "rows": [r["organisation"].pk for r in past.rows]})
    return pages


def combinations():
    for country, org_type, region, programme in itertools.product(
        ["", "SE", "DE"], ["", "HES", "PUB"], ["", "Bayern"], ["", "Horizon 2020", "FP7"]
    ):
        yield Filters(country=country, org_type=org_type, region=region, programme=programme)


def uses_statistics(filters) -> bool:
    """Whether the search was ranked from the statistics rather than by grouping the
    participations."""
    with CaptureQueriesContext(connection) as queries:
        search(filters)
    sql = [query["sql"] for query in queries.captured_queries]
    grouped = any(f'FROM "{PARTICIPATION_TABLE}"' in q and "GROUP BY" in q for q in sql)
    ranked = any(f'FROM "{STATS_TABLE}"' in q and "ORDER BY" in q for q in sql)
    assert grouped != ranked, sql
    return ranked


@pytest.mark.django_db
def test_statistics_answer_exactly_as_the_participations_for_every_filter():
    varied_dataset()
    # No statistics yet (as after an upgrade): the participations are grouped.
    assert not uses_statistics(Filters())
    expected = {repr(filters): every_page(filters) for filters in combinations()}
    everything = expected[repr(Filters())]
    assert everything[0]["num_pages"] >= 2  # paging is compared too
    assert any(row[3] is None for page in everything[:-1] for row in page["rows"])
    assert everything[0]["facets"]["coordinator"] > 0
    assert sum(len(page["rows"]) for page in everything[:-1]) == everything[0]["count"]
    assert sum(1 for pages in expected.values() if pages[0]["count"] == 0) >= 1

    refresh_statistics()
    assert uses_statistics(Filters())
    for filters in combinations():
        assert every_page(filters) == expected[repr(filters)], filters


@pytest.mark.django_db
def test_statistics_are_not_used_for_topic_coordinator_or_year_searches():
    varied_dataset(organisations=10)
    refresh_statistics()
    for filters in (
        Filters(q="project"),
        Filters(coordinator=True),
        Filters(year_from=2015),
        Filters(year_to=2015),
    ):
        assert not uses_statistics(filters)
    coordinators = search(Filters(coordinator=True)).page.paginator.count
    assert coordinators == search(Filters()).facets["coordinator"]


def by_organisation_and_programme(row):
    return row[0], row[1] is None, row[1] or ""


def statistics_snapshot():
    return sorted(
        OrganisationProgrammeStats.objects.values_list(
            "organisation__key",
            "programme",
            "country",
            "org_type",
            "region",
            "matches",
            "coordinated",
            "contribution",
        ),
        key=by_organisation_and_programme,
    )


def computed_from_participations():
    """The statistics computed here from the participations, independently of the SQL:
    per organisation and programme, and per organisation (programme None)."""
    found = defaultdict(lambda: [0, 0, None])
    for row in Participation.objects.values(
        "organisation__key",
        "project__programme",
        "organisation__country",
        "organisation__org_type",
        "organisation__region",
        "is_coordinator",
        "eu_contribution",
    ):
        for programme in (row["project__programme"], None):
            key = (
                row["organisation__key"],
                programme,
                row["organisation__country"],
                row["organisation__org_type"],
                row["organisation__region"],
            )
            found[key][0] += 1
            found[key][1] += row["is_coordinator"]
            if row["eu_contribution"] is not None:
                found[key][2] = (found[key][2] or 0) + row["eu_contribution"]
    return sorted(
        ((*key, *values) for key, values in found.items()), key=by_organisation_and_programme
    )


@pytest.mark.django_db
def test_imports_refresh_the_statistics(tmp_path):
    IMPORTERS["cordis-projects"](DATA / "cordis-h2020-projects.xlsx").run()
    assert not OrganisationProgrammeStats.objects.exists()  # projects without participants
    IMPORTERS["cordis-participations"](DATA / "cordis-participations.csv").run()
    IMPORTERS["interreg"](DATA / "interreg-partners.json").run()
    first = statistics_snapshot()
    assert len(first) > 100
    assert first == computed_from_participations()
    assert any(row[-1] is None for row in first)
    assert {row[1] for row in first} >= {"Horizon 2020", "Interreg AURORA", None}

    # The same files again: nothing changes.
    IMPORTERS["cordis-participations"](DATA / "cordis-participations.csv").run()
    IMPORTERS["interreg"](DATA / "interreg-partners.json").run()
    assert statistics_snapshot() == first

    # A changed contribution in the file changes the statistics.
    lines = (DATA / "cordis-participations.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    assert fields[8] == "149775"
    lines[1] = ",".join([*fields[:8], "7", *fields[9:]])
    changed = tmp_path / "changed.csv"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    IMPORTERS["cordis-participations"](changed).run()
    second = statistics_snapshot()
    assert second != first
    assert second == computed_from_participations()

    # A broken file (the same change back, then a malformed PIC) changes nothing.
    lines = (DATA / "cordis-participations.csv").read_text(encoding="utf-8").splitlines()
    lines[700] = lines[700].replace(lines[700].split(",")[1], "12AB", 1)
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed):
        IMPORTERS["cordis-participations"](broken).run()
    assert statistics_snapshot() == second


@pytest.mark.django_db
def test_the_command_fills_the_statistics_of_existing_data():
    varied_dataset(organisations=8)
    assert not OrganisationProgrammeStats.objects.exists()
    out = io.StringIO()
    call_command("refresh_opendata_statistics", stdout=out)
    assert "Refreshed" in out.getvalue()
    assert statistics_snapshot() == computed_from_participations()
    assert statistics_snapshot()


@pytest.mark.django_db
def test_a_topicless_search_costs_the_same_queries_at_any_size(django_assert_num_queries):
    varied_dataset(organisations=5, seed=1)
    refresh_statistics()
    filters = [Filters(), Filters(programme="FP7"), Filters(country="SE", org_type="HES")]
    # Facets and count, the page's ranked rows, its organisations, why they matched.
    for each in filters:
        with django_assert_num_queries(4):
            search(each)
    varied_dataset(organisations=4 * PAGE_SIZE, seed=2)
    refresh_statistics()
    for each in filters:
        with django_assert_num_queries(4):
            search(each, 2)
    assert search(Filters(), 2).rows
    with django_assert_num_queries(4):  # without facets: the count instead
        search(Filters(), 3, with_facets=False)


def test_the_search_page_without_topic_reads_the_statistics_in_constant_queries(
    home, client, django_assert_max_num_queries
):
    login(client, home.users["reader"])
    with translation.override("en"):
        url = reverse("staff:opendata_search", args=[home.municipality.slug])
    varied_dataset(organisations=5, seed=4)
    refresh_statistics()
    client.get(url, {"programme": "FP7"})
    with django_assert_max_num_queries(30) as few:
        client.get(url, {"programme": "FP7"})
    varied_dataset(organisations=3 * PAGE_SIZE, seed=5)
    refresh_statistics()
    leader = search(Filters(programme="FP7")).rows[0]["organisation"]
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(url, {"programme": "FP7"})
    assert response.status_code == 200
    assert leader.name in response.content.decode()
    assert any(STATS_TABLE in query["sql"] for query in many.captured_queries)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
def test_postgresql_vacuums_and_analyses_the_statistics_after_an_import_commits(reference_data):
    def maintained():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, last_vacuum IS NOT NULL AND last_analyze IS NOT NULL "
                "FROM pg_stat_user_tables WHERE relname = ANY(%s)",
                [[model._meta.db_table for model in STATISTICS_TABLES]],
            )
            return dict(cursor.fetchall())

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_reset()")  # this test database's counters only
    assert not any(maintained().values())
    import_all()
    assert SearchTerm.objects.exists()
    assert maintained() == {model._meta.db_table: True for model in STATISTICS_TABLES}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's")
def test_sqlite_analyses_the_statistics_after_an_import_commits(reference_data):
    def analysed():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchall():
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            return {row[0] for row in cursor.fetchall()}

    if analysed():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
    import_all()
    assert analysed() >= {STATS_TABLE, SearchTerm._meta.db_table}
