"""Pre-computed term statistics for partner searches on a broad topic.

A project's search text holds the distinct Snowball stems of its words (``text.search_terms``),
indexed by the database (SQLite: FTS5, PostgreSQL: a GIN index over the ``simple`` vector,
see ``search.py``). ``refresh_terms`` (run by ``statistics.refresh_statistics``, so by every
import) rebuilds, in set-based statements (the stored stems split in SQL):

- ``SearchTerm``: every stem with its number of projects (the vocabulary); a stem of at least
  ``MIN_PROJECTS`` projects is *aggregated*:
- ``OrganisationTermYearStats``: for every aggregated stem, one row per organisation,
  programme and start year with the organisation's participations in projects with the stem
  (matches, coordinator roles, contributions) and its facet values (a year filter sums the
  rows of its years);
- ``OrganisationTermStats``: those rows summed over the years (one row per organisation and
  programme), and one row per organisation with ``programme`` NULL: its totals over all
  programmes.

A one-word topic whose stem is aggregated (``topic_term``) is then ranked, paged and counted
from those rows (``statistics.Source``): the work per search is bounded by the page and the
facets, however many organisations match. Rarer stems, topics of several words (all must
occur in one project) and year filters on a topic of several alternatives are answered from
the matching projects' participations (``search.py``): few rows for a rare stem.
"""

from __future__ import annotations

from django.db import connection

from .models import (
    EUOrganisation,
    EUProject,
    OrganisationTermStats,
    OrganisationTermYearStats,
    Participation,
    SearchTerm,
)
from .text import query_stems

# A stem of at least this many projects is aggregated by organisation.
MIN_PROJECTS = 50

# SQLite: an fts5vocab table over the FTS5 index (migration 0006): the number of projects of
# every term.
FTS_ROWS = "opendata_euproject_fts_rows"


def _split_sql() -> tuple[str, str]:
    """A FROM clause with each stem of a project's search text (project ``pr``), and the
    stem's expression (the stems are ``[0-9a-z]`` words separated by single spaces, so on
    SQLite a JSON array is one replace)."""
    project = EUProject._meta.db_table
    if connection.vendor == "sqlite":
        return (
            f"{project} pr, json_each('[\"' || replace(pr.search_text, ' ', '\",\"') || '\"]') t",
            "t.value",
        )
    return f"{project} pr, unnest(string_to_array(pr.search_text, ' ')) t (term)", "t.term"


def _vocabulary_sql() -> str:
    """SELECT term, number of projects, whether aggregated (one parameter: the least number
    of projects): the stems of the search texts."""
    if connection.vendor == "sqlite":
        return f"SELECT term, doc, doc >= %s FROM {FTS_ROWS}"  # noqa: S608 (constants)
    split, term = _split_sql()
    return (
        "SELECT term, COUNT(*), COUNT(*) >= %s FROM "  # noqa: S608 (constants)
        f"(SELECT DISTINCT pr.id, {term} AS term FROM {split} WHERE {term} <> '') p "
        "GROUP BY term"
    )


def _pairs_sql() -> str:
    """SELECT term, project id: the distinct aggregated stems of each project that has
    participations."""
    vocabulary = SearchTerm._meta.db_table
    participation = Participation._meta.db_table
    split, term = _split_sql()
    return (
        f"SELECT DISTINCT {term} AS term, pr.id AS project_id FROM {split} "  # noqa: S608
        f"JOIN {vocabulary} v ON v.term = {term} AND v.aggregated "
        f"WHERE pr.id IN (SELECT project_id FROM {participation})"
    )


def refresh_terms(cursor, *, min_projects: int = MIN_PROJECTS) -> int:
    """Rebuild the vocabulary and the term statistics (inside the caller's transaction);
    returns the number of statistics rows."""
    vocabulary = SearchTerm._meta.db_table
    stats = OrganisationTermStats._meta.db_table
    by_year = OrganisationTermYearStats._meta.db_table
    participation = Participation._meta.db_table
    project = EUProject._meta.db_table
    organisation = EUOrganisation._meta.db_table
    columns = (
        "term, organisation_id, programme, country, org_type, region, matches, coordinated, "
        "contribution, coordinated_contribution"
    )
    year_columns = columns.replace("programme, ", "programme, year, ")
    # Only table names (from the models) and constants are formatted in. The rows are
    # written in term order (ORDER BY = the GROUP BY: no extra sort on SQLite, whose groups
    # come out in that order anyway): a search reads one term's rows, and on PostgreSQL,
    # whose table keeps rows in the order they were inserted, those then lie on a few
    # pages instead of one page per row ("citi": 6,621 rows on 6,451 pages after a
    # rebuild in hash order).
    cursor.execute(f"DELETE FROM {stats}")  # noqa: S608
    cursor.execute(f"DELETE FROM {by_year}")  # noqa: S608
    cursor.execute(f"DELETE FROM {vocabulary}")  # noqa: S608
    cursor.execute(
        f"INSERT INTO {vocabulary} (term, projects, aggregated) {_vocabulary_sql()}",  # noqa: S608
        [min_projects],
    )
    # The participations are joined to the terms once, grouped to the finest rows (by
    # programme and year); the rows by programme are those summed over the years.
    cursor.execute(
        f"""
        INSERT INTO {by_year} ({year_columns})
        SELECT t.term, p.organisation_id, pr.programme, p.year, o.country, o.org_type,
               o.region,
               COUNT(*),
               SUM(CASE WHEN p.is_coordinator THEN 1 ELSE 0 END),
               SUM(p.eu_contribution),
               SUM(CASE WHEN p.is_coordinator THEN p.eu_contribution END)
        FROM ({_pairs_sql()}) t
        JOIN {participation} p ON p.project_id = t.project_id
        JOIN {project} pr ON pr.id = p.project_id
        JOIN {organisation} o ON o.id = p.organisation_id
        GROUP BY t.term, p.organisation_id, pr.programme, p.year, o.country, o.org_type,
                 o.region
        ORDER BY t.term, p.organisation_id, pr.programme, p.year
        """  # noqa: S608
    )
    cursor.execute(
        f"""
        INSERT INTO {stats} ({columns})
        SELECT term, organisation_id, programme, MIN(country), MIN(org_type), MIN(region),
               SUM(matches), SUM(coordinated), SUM(contribution), SUM(coordinated_contribution)
        FROM {by_year}
        GROUP BY term, organisation_id, programme
        ORDER BY term, organisation_id, programme
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
        ORDER BY term, organisation_id
        """  # noqa: S608
    )
    return rows + cursor.rowcount


def topic_term(alternatives: list[list[str]]) -> tuple[str, int, list[list[str]]] | None:
    """The one aggregated stem a topic stands for, with its number of projects and the
    topic's other alternatives, or None (one query). Alternatives with a stem no project has
    are left out first (a Swedish word that only its English translation finds: "hälsa" is
    "health"). Of several alternatives, one must be a single aggregated stem (the one of
    most projects is taken); the others (e.g. "städer" itself, which a few Swedish titles
    have, beside "city") are returned for the caller to add their projects without that
    stem (``search.extra_project_ids``)."""
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
    single = [words[0] for words in found if len(words) == 1 and known[words[0]][1]]
    if not single:
        return None
    term = max(single, key=lambda stem: (known[stem][0], stem))
    others = [words for words in found if words != [term]]
    return term, known[term][0], others
