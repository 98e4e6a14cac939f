"""Pre-computed term statistics for partner searches on a broad topic.

A project's search text holds the distinct Snowball stems of its words (``text.search_terms``),
indexed by the database (SQLite: FTS5, PostgreSQL: a GIN index over the ``simple`` vector,
see ``search.py``). ``refresh_terms`` (run by ``statistics.refresh_statistics``, so by every
import) rebuilds from that index, in set-based statements:

- ``SearchTerm``: every stem with its number of projects (the vocabulary); a stem of at least
  ``MIN_PROJECTS`` projects is *aggregated*:
- ``OrganisationTermStats``: for every aggregated stem, one row per organisation and
  programme with the organisation's participations in projects with the stem (matches,
  coordinator roles, contributions) and its facet values, and one row per organisation with
  ``programme`` NULL: its totals over all programmes.

A one-word topic whose stem is aggregated (``topic_term``) is then ranked, paged and counted
from those rows (``statistics.Source``): the work per search is bounded by the page and the
facets, however many organisations match. Rarer stems, topics of several words (all must
occur in one project) and year filters are answered from the matching projects'
participations (``search.py``): few rows for a rare stem.
"""

from __future__ import annotations

from django.db import connection

from .models import (
    EUOrganisation,
    EUProject,
    OrganisationTermStats,
    Participation,
    SearchTerm,
)
from .text import query_stems

# A stem of at least this many projects is aggregated by organisation.
MIN_PROJECTS = 50

# SQLite: fts5vocab tables over the FTS5 index (migration 0006).
FTS_ROWS = "opendata_euproject_fts_rows"
FTS_INSTANCES = "opendata_euproject_fts_instances"
PG_TERMS = "unnest(tsvector_to_array(to_tsvector('simple'::regconfig, search_text)))"


def _vocabulary_sql() -> str:
    """SELECT term, number of projects, whether aggregated (one parameter: the least number
    of projects): the stems of the search texts."""
    if connection.vendor == "sqlite":
        return f"SELECT term, doc, doc >= %s FROM {FTS_ROWS}"  # noqa: S608 (constants)
    project = EUProject._meta.db_table
    return (
        f"SELECT term, COUNT(*), COUNT(*) >= %s "  # noqa: S608 (constants)
        f"FROM (SELECT {PG_TERMS} AS term FROM {project}) t GROUP BY term"
    )


def _pairs_sql() -> str:
    """SELECT term, project id: the (distinct) stems of each project, of aggregated
    stems only."""
    vocabulary = SearchTerm._meta.db_table
    if connection.vendor == "sqlite":
        return (
            f"SELECT DISTINCT i.term AS term, i.doc AS project_id FROM {FTS_INSTANCES} i "  # noqa: S608
            f"JOIN {vocabulary} v ON v.term = i.term AND v.aggregated"
        )
    project = EUProject._meta.db_table
    return (
        f"SELECT t.term AS term, t.project_id AS project_id FROM "  # noqa: S608
        f"(SELECT {PG_TERMS} AS term, id AS project_id FROM {project}) t "
        f"JOIN {vocabulary} v ON v.term = t.term AND v.aggregated"
    )


def refresh_terms(cursor, *, min_projects: int = MIN_PROJECTS) -> int:
    """Rebuild the vocabulary and the term statistics (inside the caller's transaction);
    returns the number of statistics rows."""
    vocabulary = SearchTerm._meta.db_table
    stats = OrganisationTermStats._meta.db_table
    participation = Participation._meta.db_table
    project = EUProject._meta.db_table
    organisation = EUOrganisation._meta.db_table
    columns = (
        "term, organisation_id, programme, country, org_type, region, matches, coordinated, "
        "contribution, coordinated_contribution"
    )
    # Only table names (from the models) and constants are formatted in.
    cursor.execute(f"DELETE FROM {stats}")  # noqa: S608
    cursor.execute(f"DELETE FROM {vocabulary}")  # noqa: S608
    cursor.execute(
        f"INSERT INTO {vocabulary} (term, projects, aggregated) {_vocabulary_sql()}",  # noqa: S608
        [min_projects],
    )
    cursor.execute(
        f"""
        INSERT INTO {stats} ({columns})
        SELECT t.term, p.organisation_id, pr.programme, o.country, o.org_type, o.region,
               COUNT(*),
               SUM(CASE WHEN p.is_coordinator THEN 1 ELSE 0 END),
               SUM(p.eu_contribution),
               SUM(CASE WHEN p.is_coordinator THEN p.eu_contribution END)
        FROM ({_pairs_sql()}) t
        JOIN {participation} p ON p.project_id = t.project_id
        JOIN {project} pr ON pr.id = p.project_id
        JOIN {organisation} o ON o.id = p.organisation_id
        GROUP BY t.term, p.organisation_id, pr.programme, o.country, o.org_type, o.region
        """  # noqa: S608
    )
    rows = cursor.rowcount
    cursor.execute(
        f"""
        INSERT INTO {stats} ({columns})
        SELECT term, organisation_id, NULL, MIN(country), MIN(org_type), MIN(region),
               SUM(matches), SUM(coordinated), SUM(contribution), SUM(coordinated_contribution)
        FROM {stats}
        WHERE programme IS NOT NULL
        GROUP BY term, organisation_id
        """  # noqa: S608
    )
    return rows + cursor.rowcount


def topic_term(alternatives: list[list[str]]) -> tuple[str, int] | None:
    """The one aggregated stem a topic stands for, with its number of projects, or None
    (one query). Alternatives with a stem no project has are left out first (a Swedish word
    that only its English translation finds: "städer" is "city")."""
    stems = query_stems(alternatives)
    wanted = {stem for words in stems for stem in words}
    if not wanted:
        return None
    known = {
        row[0]: row[1:]
        for row in SearchTerm.objects.filter(term__in=wanted).values_list(
            "term", "projects", "aggregated"
        )
    }
    found = [words for words in stems if all(stem in known for stem in words)]
    if len(found) != 1 or len(found[0]) != 1:
        return None
    projects, aggregated = known[found[0][0]]
    return (found[0][0], projects) if aggregated else None
