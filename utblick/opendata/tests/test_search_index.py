"""The partner search's full-text index and its one-pass aggregation: the index follows every
write (insert, upsert by a re-import, update, delete) on SQLite (FTS5 by triggers) and on
PostgreSQL (GIN over an expression); facets and ranking equal a direct recount; the set of
matching projects may be larger than SQLite's limit of bound variables."""

import csv

import pytest
from django.db import connection
from django.db.models import Count, F, Q

from ..importers import IMPORTERS
from ..models import EUProject, Participation
from ..search import (
    FACETS,
    Filters,
    _in_ids,
    fts5_expression,
    matching_project_ids,
    search,
)
from ..text import search_terms
from .factories import DATA, eu_organisation, eu_project, participation
from .helpers import import_all


def found(query):
    return {p.title for p in EUProject.objects.filter(pk__in=matching_project_ids(query))}


def test_fts5_expression_uses_the_stems_of_every_alternative():
    assert fts5_expression([["adaptation", "climate"], ["klimatanpassning"]]) == (
        '("adapt" AND "climat") OR ("klimatanpassn")'
    )


@pytest.mark.django_db
def test_the_index_follows_inserts_updates_and_deletes():
    project = eu_project(title="Coastal flood defences")
    other = eu_project(title="Urban heat islands")
    assert found("flood") == {"Coastal flood defences"}
    project.title = "Coastal erosion"
    project.search_text = search_terms(project.title)
    project.save()
    assert found("flood") == set()
    assert found("erosion") == {"Coastal erosion"}
    EUProject.objects.filter(pk=other.pk).update(search_text="urban drought")
    assert found("drought") == {"Urban heat islands"}
    assert found("heat") == set()
    project.delete()
    assert found("erosion") == set()
    assert found("drought") == {"Urban heat islands"}


@pytest.mark.django_db
def test_a_reimport_that_changes_a_title_changes_what_is_found(tmp_path):
    IMPORTERS["cordis-participations"](DATA / "cordis-participations.csv").run()
    watecco = EUProject.objects.get(external_id="639304")  # acronym Watecco
    assert watecco.pk in matching_project_ids("watecco")
    path = tmp_path / "changed.csv"
    with (
        open(DATA / "cordis-participations.csv", encoding="utf-8", newline="") as source,
        open(path, "w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, reader.fieldnames)
        writer.writeheader()
        for row in reader:
            writer.writerow({**row, "project_acronym": "ZEBRAFISHTOPIC"})
    IMPORTERS["cordis-participations"](path).run()
    renamed = EUProject.objects.filter(acronym="ZEBRAFISHTOPIC").count()
    assert renamed == EUProject.objects.count()
    assert len(matching_project_ids("zebrafishtopic")) == renamed
    assert watecco.pk not in matching_project_ids("watecco")
    # Importing the original again restores the index as well as the rows.
    IMPORTERS["cordis-participations"](DATA / "cordis-participations.csv").run()
    assert matching_project_ids("zebrafishtopic") == []
    assert watecco.pk in matching_project_ids("watecco")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_fts5_table_holds_exactly_the_projects():
    import_all()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO opendata_euproject_fts(opendata_euproject_fts, rank) "
            "VALUES ('integrity-check', 1)"
        )
        cursor.execute("SELECT count(*) FROM opendata_euproject_fts")
        assert cursor.fetchone()[0] == EUProject.objects.count()


@pytest.mark.django_db
def test_every_database_matches_english_stems_only():
    """One stemming rule (English Snowball, in Python) on every database: a Swedish
    inflection is not another form of the word (PostgreSQL's Swedish stemming is not used),
    a Swedish word of ``text.SV_TO_EN`` finds its English translation."""
    eu_project(title="Klimatanpassningen av kommunernas vatten")
    eu_project(title="Adapting to a changing climate")
    assert found("klimatanpassningar") == set()
    assert found("klimatanpassningen") == {"Klimatanpassningen av kommunernas vatten"}
    assert found("klimatanpassning") == {"Adapting to a changing climate"}


@pytest.mark.django_db
def test_more_matching_projects_than_sqlite_binds_in_one_query():
    project = eu_project(title="Anything")
    participation(eu_organisation(name="Someone"), project)
    ids = list(range(10**9, 10**9 + 40_000)) + [project.pk]
    assert Participation.objects.filter(project__in=_in_ids(ids)).count() == 1


def recount(participations, path):
    """A facet counted directly in the database (distinct organisations per value), largest
    first, then by value (in Python: the database's collation may order names otherwise)."""
    rows = (
        participations.exclude(**{path: ""})
        .values_list(path)
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    )
    return sorted(rows, key=lambda row: (-row[1], row[0]))[:30]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters",
    [
        {"q": "climate adaptation"},
        {"q": "energy", "country": "SE"},
        {"q": "klimatanpassning", "coordinator": True},
        {"programme": "Horizon 2020", "year_from": 2014},
        {},
    ],
)
def test_facets_and_ranking_equal_a_direct_recount(filters):
    import_all()
    participations = Filters(**filters).participations()
    result = search(Filters(**filters))
    for name, path in FACETS.items():
        assert result.facets[name] == recount(participations, path), name
    assert (
        result.facets["coordinator"]
        == participations.filter(is_coordinator=True).aggregate(
            n=Count("organisation", distinct=True)
        )["n"]
    )
    expected = list(
        participations.values("organisation")
        .annotate(
            matches=Count("project", distinct=True),
            coordinated=Count("project", filter=Q(is_coordinator=True), distinct=True),
        )
        .order_by("-matches", "-coordinated", "organisation")
    )
    assert result.page.paginator.count == len(expected)
    ranked = [(r["matches"], r["coordinated"]) for r in result.rows]
    assert ranked == [(r["matches"], r["coordinated"]) for r in expected[: len(ranked)]]
    for row in result.rows:
        assert 1 <= len(row["why"]) <= 3
        own = participations.filter(organisation=row["organisation"])
        assert {w["project"].pk for w in row["why"]} <= set(own.values_list("project", flat=True))
        if row["coordinated"]:  # a coordinated project comes first
            first = row["why"][0]["project"]
            assert own.filter(project=first, is_coordinator=True).exists()


@pytest.mark.django_db
def test_no_matching_project_gives_an_empty_page_without_error():
    eu_project(title="Something else")
    result = search(Filters(q="nonexistingtopicword"))
    assert result.page.paginator.count == 0
    assert result.rows == [] and result.projects == 0
    assert result.facets["country"] == [] and result.facets["coordinator"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filters", "decoy"),
    [
        ({"q": "climate adaptation", "year_from": 2014}, "Adaptation of harbours"),
        ({"q": "klimatanpassning", "coordinator": True}, "Climate of the Arctic"),
        ({"q": "energy", "country": "SE"}, "Solar power storage"),
    ],
)
def test_why_it_matched_equals_the_full_text_match(filters, decoy):
    """The examples of "why it matched" (on PostgreSQL found by strpos on the stems of the
    page's organisations' projects, not by the full-text index) are each organisation's
    first participations, coordinated and recent first, in the projects the full-text index
    matches. ``decoy``: a recent coordinated project of the first organisation with only
    some of the topic's words, which would come first if it were taken for a match."""
    import_all()
    first = search(Filters(**filters)).rows[0]["organisation"]
    participation(first, eu_project(title=decoy), is_coordinator=True, year=2030)
    result = search(Filters(**filters))
    assert result.rows
    for row in result.rows:
        own = (
            Filters(**filters)
            .participations()  # the topic as a full-text subquery
            .filter(organisation=row["organisation"])
            .order_by("-is_coordinator", F("year").desc(nulls_last=True), "project_id")
        )
        assert [w["project"].pk for w in row["why"]] == list(
            own.values_list("project_id", flat=True)[:3]
        )
