"""Pre-computed aggregates for topic-less partner searches.

``OrganisationProgrammeStats`` holds one row per organisation and programme (the rows
``search.grouped`` would compute from every participation) and one per organisation with
``programme`` NULL: its totals over all programmes. So every search reads one row per
organisation (the programme's, or the totals) and needs no GROUP BY per organisation.
``refresh_statistics`` rebuilds the table in three set-based statements; the importers call
it at the end of their transaction, and ``manage.py refresh_opendata_statistics`` does it
for data imported before the table existed.

``RankedOrganisations`` and ``facet_counts`` answer a search without topic, coordinator or
year filters from that table in SQL, with the same ranking, paging and facets as
``search.rank_and_facets`` over the participations.
"""

from __future__ import annotations

import decimal
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F

from . import terms
from .models import (
    EUOrganisation,
    EUProject,
    OrganisationProgrammeStats,
    OrganisationTermStats,
    OrganisationTermYearStats,
    Participation,
    ProgrammeFacetCounts,
    SearchTerm,
)

# Facets on the statistics' own columns, by the name ``search.FACETS`` uses.
STAT_FACETS = ("country", "programme", "org_type", "region")
ORGANISATION_FILTERS = ("country", "org_type", "region")


FACET_COUNTS = ProgrammeFacetCounts._meta.db_table
# Only table names are formatted in.
FACET_COUNTS_SQL = f"""
    INSERT INTO {FACET_COUNTS} (programme, country, org_type, region, coordinating, organisations)
    SELECT programme, country, org_type, region, coordinated > 0, COUNT(*)
    FROM {OrganisationProgrammeStats._meta.db_table}
    GROUP BY programme, country, org_type, region, coordinated > 0
"""  # noqa: S608


def refresh_statistics(*, term_min_projects: int = terms.MIN_PROJECTS) -> int:
    """Rebuild the statistics (by programme, and by search term: ``terms.refresh_terms``)
    from the participations (atomically); returns the number of rows by programme."""
    stats = OrganisationProgrammeStats._meta.db_table
    participation = Participation._meta.db_table
    project = EUProject._meta.db_table
    organisation = EUOrganisation._meta.db_table
    # Only table names (from the models) are formatted in; there are no parameters.
    columns = (
        "organisation_id, programme, country, org_type, region, matches, coordinated, contribution"
    )
    by_programme = f"""
        INSERT INTO {stats} ({columns})
        SELECT p.organisation_id, pr.programme, o.country, o.org_type, o.region,
               COUNT(*),
               SUM(CASE WHEN p.is_coordinator THEN 1 ELSE 0 END),
               SUM(p.eu_contribution)
        FROM {participation} p
        JOIN {project} pr ON pr.id = p.project_id
        JOIN {organisation} o ON o.id = p.organisation_id
        GROUP BY p.organisation_id, pr.programme, o.country, o.org_type, o.region
    """  # noqa: S608
    totals = f"""
        INSERT INTO {stats} ({columns})
        SELECT organisation_id, NULL, MIN(country), MIN(org_type), MIN(region),
               SUM(matches), SUM(coordinated), SUM(contribution)
        FROM {stats}
        WHERE programme IS NOT NULL
        GROUP BY organisation_id
    """  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two imports at once: the second waits here for the first to commit (readers
            # are not blocked), so its DELETE sees the first's rows and its INSERT does not
            # collide with them.
            cursor.execute(
                f"LOCK TABLE {stats}, {OrganisationTermStats._meta.db_table}, "
                f"{SearchTerm._meta.db_table} IN SHARE ROW EXCLUSIVE MODE"
            )
            # The term statistics group millions of rows at a million participations: longer
            # than the application's statement timeout (this runs in import jobs), and in
            # memory rather than spilled to disk. Both for this transaction only.
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute(f"DELETE FROM {stats}")  # noqa: S608 (a constant)
        cursor.execute(by_programme)
        rows = cursor.rowcount
        cursor.execute(totals)
        rows += cursor.rowcount
        cursor.execute(f"DELETE FROM {FACET_COUNTS}")  # noqa: S608 (a constant)
        cursor.execute(FACET_COUNTS_SQL)
        terms.refresh_terms(cursor, min_projects=term_min_projects)
        transaction.on_commit(vacuum_statistics)
        return rows


STATISTICS_TABLES = (
    OrganisationProgrammeStats,
    OrganisationTermStats,
    OrganisationTermYearStats,
    SearchTerm,
    ProgrammeFacetCounts,
)


def vacuum_statistics() -> None:
    """After a rebuild has committed: bring the database's own knowledge of the statistics
    tables up to date, so that the searches' plans fit the new rows.

    PostgreSQL: ``VACUUM (ANALYZE)``. A rebuild replaces millions of rows (11 million term
    rows at a million participations). Until the table is vacuumed, its visibility map is
    empty, so the searches' covering indexes cannot answer alone (every row is checked in
    the table: "energy" took 500 ms instead of tens), the previous rows are dead weight, and
    until it is analysed the planner works from estimates of the old contents. Autovacuum
    would get there minutes later; the import does it at once. VACUUM cannot run in a
    transaction block, hence after the commit (``transaction.on_commit``: once the
    outermost atomic block of the import is done).

    SQLite: ``ANALYZE`` on a sample (``analysis_limit``: milliseconds, not a full scan).
    Statistics from an earlier, smaller table mislead its planner as much as none: it read
    the page of a topic-less search through the facets index and sorted 55,000 rows
    (70 ms) instead of reading it in order from the ranking index."""
    tables = [model._meta.db_table for model in STATISTICS_TABLES]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Minutes at a million participations: longer than the application's timeout.
            cursor.execute("SET statement_timeout = 0")
            try:
                for table in tables:
                    # Still inside a transaction (the callback run by a caller's own atomic
                    # block, as tests capture it): VACUUM may not run there, ANALYZE may.
                    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                    cursor.execute(f"{command} {table}")
            finally:
                cursor.execute("RESET statement_timeout")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            try:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")
            finally:
                cursor.execute("PRAGMA analysis_limit = 0")


def usable(filters) -> bool:
    """Whether the statistics can answer this search (no topic, coordinator or year
    filter: those need the participations themselves)."""
    return not (filters.q.strip() or filters.coordinator or filters.year_from or filters.year_to)


@dataclass(frozen=True)
class Source:
    """Rows of pre-computed statistics a search ranks and counts: those of ``model``
    narrowed by ``where`` (column: value); ``coordinator``: only the organisations'
    coordinator roles count (``coordinated`` and ``coordinated_contribution`` stand for the
    matches and the contribution; the model has those columns). ``extra``: ids of further
    matching projects, none of them among the rows (the rest of a topic of several
    alternatives, few projects): their participations are added to the rows in SQL
    (``_combined``), so ranking, paging and facets are as if one table held them.
    ``years``: (first, last), either None for no limit: the rows of those start years of
    ``OrganisationTermYearStats`` summed per organisation and programme in SQL
    (``_by_year``), read as the term statistics' rows."""

    model: type = OrganisationProgrammeStats
    where: tuple = ()
    coordinator: bool = False
    extra: tuple = ()
    years: tuple = ()

    @property
    def derived(self) -> bool:
        """Whether the rows are computed in a WITH clause (``_relation``) rather than read
        from the model's table."""
        return bool(self.extra or self.years)

    @property
    def matches(self):
        return "coordinated" if self.coordinator else "matches"

    @property
    def contribution(self):
        return "coordinated_contribution" if self.coordinator else "contribution"


def pg_array(ids) -> str:
    """Integers as the text of a PostgreSQL array (``{1,2,3}``), for a ``%s::bigint[]``
    parameter: psycopg adapts a list element by element in Python (about a millisecond
    per thousand ids; a year-filtered "health" sends 4,670 ids twice), this is one join."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


_COMBINED_COLUMNS = (
    "organisation_id, programme, country, org_type, region, matches, coordinated, "
    "contribution, coordinated_contribution"
)


def _combined(source) -> tuple[str, list]:
    """``WITH s AS (...)``: the source's rows plus the participations of its extra
    projects, one row per organisation and programme and one per organisation with
    ``programme`` NULL (its totals), as the term statistics hold them."""
    table = source.model._meta.db_table
    participation = Participation._meta.db_table
    project = EUProject._meta.db_table
    organisation = EUOrganisation._meta.db_table
    where = " AND ".join(f"{column} = %s" for column, _value in source.where) or "1 = 1"
    params = [value for _column, value in source.where]
    if connection.vendor == "sqlite":
        extra_ids, extra_params = "SELECT value FROM json_each(%s)", [json.dumps(source.extra)]
    else:
        extra_ids, extra_params = "SELECT unnest(%s::bigint[])", [pg_array(source.extra)]
    extra = f"""
        SELECT p.organisation_id, pr.programme, o.country, o.org_type, o.region,
               COUNT(*) AS matches,
               SUM(CASE WHEN p.is_coordinator THEN 1 ELSE 0 END) AS coordinated,
               SUM(p.eu_contribution) AS contribution,
               SUM(CASE WHEN p.is_coordinator THEN p.eu_contribution END)
                   AS coordinated_contribution
        FROM {participation} p
        JOIN {project} pr ON pr.id = p.project_id
        JOIN {organisation} o ON o.id = p.organisation_id
        WHERE p.project_id IN ({extra_ids})
        GROUP BY p.organisation_id, pr.programme, o.country, o.org_type, o.region
    """  # noqa: S608 (table names and constants; the ids are a parameter)
    # Only table names and constants are formatted in; the values are parameters. The
    # stem's rows of organisations without extra projects are taken as they are; only
    # those of the others (few) are grouped with the extra rows.
    sql = f"""
        WITH x AS ({extra}),
        xo AS (SELECT DISTINCT organisation_id FROM x),
        u AS (
            SELECT {_COMBINED_COLUMNS} FROM {table}
            WHERE {where} AND organisation_id IN (SELECT organisation_id FROM xo)
            UNION ALL SELECT {_COMBINED_COLUMNS} FROM x
            UNION ALL
            SELECT organisation_id, NULL, MIN(country), MIN(org_type), MIN(region),
                   SUM(matches), SUM(coordinated), SUM(contribution),
                   SUM(coordinated_contribution)
            FROM x GROUP BY organisation_id
        ),
        kept AS NOT MATERIALIZED (
            SELECT {_COMBINED_COLUMNS} FROM {table}
            WHERE {where} AND organisation_id NOT IN (SELECT organisation_id FROM xo)
        ),
        regrouped AS (
            SELECT organisation_id, programme, MIN(country) AS country,
                   MIN(org_type) AS org_type, MIN(region) AS region,
                   SUM(matches) AS matches, SUM(coordinated) AS coordinated,
                   SUM(contribution) AS contribution,
                   SUM(coordinated_contribution) AS coordinated_contribution
            FROM u GROUP BY organisation_id, programme
        ),
        s AS (SELECT * FROM kept UNION ALL SELECT * FROM regrouped)
    """  # noqa: S608
    return sql, extra_params + params * 2


def _by_year(source, filters, *, by_programme=True) -> tuple[str, list]:
    """``WITH s AS (...)``: the term's rows of the years wanted, summed per organisation
    (its totals, ``programme`` NULL) and, with ``by_programme``, per organisation and
    programme, as the term statistics hold them; narrowed by the search's organisation
    filters and, with a programme filter, to that programme's rows. Each level is grouped
    from the rows themselves (one index range each), and only the levels the query reads: a
    page without a programme filter reads the totals only. With the coordinator filter only
    rows with coordinator roles are read (the others add nothing to what is then counted)."""
    table = OrganisationTermYearStats._meta.db_table
    conditions = [f"{column} = %s" for column, _value in source.where]
    params = [value for _column, value in source.where]
    first, last = source.years
    if first:
        conditions.append("year >= %s")
        params.append(first)
    if last:
        conditions.append("year <= %s")
        params.append(last)
    if source.coordinator:
        conditions.append("coordinated > 0")
    for name in ORGANISATION_FILTERS:
        if getattr(filters, name):
            conditions.append(f"{name} = %s")
            params.append(getattr(filters, name))
    programme = filters.programme
    if programme:
        conditions.append("programme = %s")
        params.append(programme)
    sums = (
        "MIN(country) AS country, MIN(org_type) AS org_type, MIN(region) AS region, "
        "SUM(matches) AS matches, SUM(coordinated) AS coordinated, "
        "SUM(contribution) AS contribution, "
        "SUM(coordinated_contribution) AS coordinated_contribution"
    )
    where = " AND ".join(conditions)
    # Only the table name, column names and constants are formatted in; the values are
    # parameters.
    levels = []
    if by_programme or programme:
        levels.append(
            f"SELECT organisation_id, programme, {sums} FROM {table} WHERE {where} "  # noqa: S608
            "GROUP BY organisation_id, programme"
        )
    if not programme:
        levels.append(
            f"SELECT organisation_id, NULL AS programme, {sums} FROM {table} "  # noqa: S608
            f"WHERE {where} GROUP BY organisation_id"
        )
    sql = f"WITH s AS ({' UNION ALL '.join(levels)}) "
    return sql, params * len(levels)


def _relation(source, filters, *, facets=True) -> tuple[str, str, list]:
    """(WITH clause, the relation to read, the clause's parameters) for a search with
    ``filters``; ``facets``: whether the rows by programme are read too (the programme
    facet), not only the ones a page ranks."""
    if source.extra:
        sql, params = _combined(source)
        return sql, "s", params
    if source.years:
        sql, params = _by_year(source, filters, by_programme=facets)
        return sql, "s", params
    return "", source.model._meta.db_table, []


PROGRAMMES = Source()


def _base(filters, source):
    """The rows a search ranks and counts, one per organisation: the programme's rows with
    a programme filter, the totals without; narrowed by the organisation filters."""
    queryset = source.model.objects.filter(**dict(source.where))
    if filters.programme:
        queryset = queryset.filter(programme=filters.programme)
    else:
        queryset = queryset.filter(programme__isnull=True)
    for name in ORGANISATION_FILTERS:
        if getattr(filters, name):
            queryset = queryset.filter(**{name: getattr(filters, name)})
    if source.coordinator:
        queryset = queryset.filter(coordinated__gt=0)
    return queryset


def _where(filters, source, programme_condition) -> tuple[str, list]:
    """A WHERE clause on the statistics table (column names are constants, values
    parameters)."""
    parts, params = [], []
    for column, value in () if source.derived else source.where:
        parts.append(f"{column} = %s")
        params.append(value)
    if programme_condition:
        parts.append(programme_condition)
    for name in ORGANISATION_FILTERS:
        if getattr(filters, name):
            parts.append(f"{name} = %s")
            params.append(getattr(filters, name))
    if source.coordinator:
        parts.append("coordinated > 0")
    return (" WHERE " + " AND ".join(parts) if parts else ""), params


def facet_counts(filters, limit, source=PROGRAMMES) -> tuple[int, dict]:
    """The number of matching organisations and, for each facet, [(value, number of
    organisations)] largest first.

    One query, one pass over the rows in the order of the facets index (``*_facets``:
    programme, country, type, region, coordinated): the rows are counted by all of those
    at once (a few thousand groups), and the groups are added up per facet here. The rows
    of one organisation are its totals (programme NULL) and one per programme; with a
    programme filter only that programme's."""
    with_clause, table, with_params = _relation(source, filters)
    if filters.programme:
        where, params = _where(filters, source, "programme = %s")
        params.insert(0 if source.derived else len(source.where), filters.programme)
    else:
        where, params = _where(filters, source, None)
    # Only constants are formatted in (the table, conditions on its columns); the filter
    # values are parameters.
    if source == PROGRAMMES:
        # Pre-counted (``ProgrammeFacetCounts``); the filters are among its columns.
        sql = (
            "SELECT programme, country, org_type, region, coordinating, organisations "  # noqa: S608
            f"FROM {FACET_COUNTS}{where}"
        )
    else:
        # With extra projects (``_combined``) the stem's own rows ("kept") and the regrouped
        # ones are counted apart: the stem's rows are then grouped in the order of the
        # facets index, without sorting thousands of rows (each organisation is in one of
        # the two, so the counts add up below).
        parts = ("kept", "regrouped") if source.extra else (table,)
        sql = " UNION ALL ".join(
            "SELECT programme, country, org_type, region, coordinated > 0, "  # noqa: S608
            f"COUNT(*) FROM {part}{where} "
            "GROUP BY programme, country, org_type, region, coordinated"
            for part in parts
        )
        sql = with_clause + sql
        params = params * len(parts)
    counters = {name: Counter() for name in STAT_FACETS}
    total = coordinators = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, with_params + params)
        for programme, country, org_type, region, coordinating, count in cursor.fetchall():
            if programme:
                counters["programme"][programme] += count
            if programme is not None and not filters.programme:
                continue  # a programme's row: the organisation is counted by its totals
            total += count
            if coordinating:
                coordinators += count
            for name, value in (("country", country), ("org_type", org_type), ("region", region)):
                if value:
                    counters[name][value] += count

    def largest(counter):
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]

    found = {name: largest(counters[name]) for name in STAT_FACETS}
    found["coordinator"] = coordinators
    return total, found


class RankedOrganisations:
    """The ranked organisations of a search as a sequence for ``Paginator``: the count is
    given (or one query), a slice is one query (ORDER BY, LIMIT and OFFSET in SQL)."""

    def __init__(self, filters, total=None, source=PROGRAMMES):
        self.filters = filters
        self.total = total
        self.source = source

    def count(self):
        if self.total is None:
            if self.source.derived:
                self.total = len(self._combined_rows(None))
            else:
                self.total = _base(self.filters, self.source).count()
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("RankedOrganisations supports slices only")
        if self.source.derived:
            return self._combined_rows(key)
        matches, contribution = self.source.matches, self.source.contribution
        rows = (
            _base(self.filters, self.source)
            .values("organisation_id", matches, "coordinated", contribution)
            .order_by(
                F(matches).desc(),
                F("coordinated").desc(),
                F(contribution).desc(nulls_last=True),
                "organisation_id",
            )[key]
        )
        return [
            {
                "organisation": row["organisation_id"],
                "matches": row[matches],
                "coordinated": row["coordinated"],
                "contribution": row[contribution],
            }
            for row in rows
        ]

    def _combined_rows(self, key):
        """A slice (None: every row) of the ranking over ``_relation``'s rows (one query)."""
        with_clause, table, params = _relation(self.source, self.filters, facets=False)
        condition = "programme = %s" if self.filters.programme else "programme IS NULL"
        where, where_params = _where(self.filters, self.source, condition)
        if self.filters.programme:
            where_params.insert(0, self.filters.programme)
        matches, contribution = self.source.matches, self.source.contribution
        limit = ""
        if key is not None:
            start = key.start or 0
            limit = f" LIMIT {int(key.stop) - start} OFFSET {int(start)}"
        # Only constants are formatted in (column names, integers); values are parameters.
        sql = (
            f"{with_clause} SELECT organisation_id, {matches}, coordinated, {contribution} "  # noqa: S608
            f"FROM {table}{where} ORDER BY {matches} DESC, coordinated DESC, "
            f"{contribution} IS NULL, {contribution} DESC, organisation_id{limit}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + where_params)
            return [
                {
                    "organisation": organisation,
                    "matches": found,
                    "coordinated": coordinated,
                    "contribution": _decimal(amount),
                }
                for organisation, found, coordinated, amount in cursor.fetchall()
            ]


_FROM_FLOAT = decimal.Context(prec=15).create_decimal_from_float


def _decimal(value):
    """A contribution summed in raw SQL as the ORM would return it (SQLite sums decimals
    as floats)."""
    if value is None or isinstance(value, Decimal):
        return value
    field = OrganisationTermStats._meta.get_field("contribution")
    found = Decimal(value) if isinstance(value, int) else _FROM_FLOAT(value)
    return found.quantize(Decimal(1).scaleb(-field.decimal_places), context=field.context)
