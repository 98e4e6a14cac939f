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

from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from . import terms
from .models import (
    EUOrganisation,
    EUProject,
    OrganisationProgrammeStats,
    OrganisationTermStats,
    Participation,
    SearchTerm,
)

# Facets on the statistics' own columns, by the name ``search.FACETS`` uses.
STAT_FACETS = ("country", "programme", "org_type", "region")
ORGANISATION_FILTERS = ("country", "org_type", "region")


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
        terms.refresh_terms(cursor, min_projects=term_min_projects)
        return rows


def usable(filters) -> bool:
    """Whether the statistics can answer this search (no topic, coordinator or year
    filter: those need the participations themselves)."""
    return not (filters.q.strip() or filters.coordinator or filters.year_from or filters.year_to)


@dataclass(frozen=True)
class Source:
    """Rows of pre-computed statistics a search ranks and counts: those of ``model``
    narrowed by ``where`` (column: value); ``coordinator``: only the organisations'
    coordinator roles count (``coordinated`` and ``coordinated_contribution`` stand for the
    matches and the contribution; the model has those columns)."""

    model: type = OrganisationProgrammeStats
    where: tuple = ()
    coordinator: bool = False

    @property
    def matches(self):
        return "coordinated" if self.coordinator else "matches"

    @property
    def contribution(self):
        return "coordinated_contribution" if self.coordinator else "contribution"


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
    for column, value in source.where:
        parts.append(f"{column} = %s")
        params.append(value)
    parts.append(programme_condition)
    for name in ORGANISATION_FILTERS:
        if getattr(filters, name):
            parts.append(f"{name} = %s")
            params.append(getattr(filters, name))
    if source.coordinator:
        parts.append("coordinated > 0")
    return " WHERE " + " AND ".join(parts), params


def facet_counts(filters, limit, source=PROGRAMMES) -> tuple[int, dict]:
    """The number of matching organisations and, for each facet, [(value, number of
    organisations)] largest first (one query: a UNION ALL of counts, one row per
    organisation each)."""
    table = source.model._meta.db_table
    if filters.programme:
        base, base_params = _where(filters, source, "programme = %s")
        base_params.insert(len(source.where), filters.programme)
        programmes, programme_params = base, base_params
    else:
        base, base_params = _where(filters, source, "programme IS NULL")
        programmes, programme_params = _where(filters, source, "programme IS NOT NULL")
    # Only constants are formatted in (facet names, the table, conditions on its columns);
    # the filter values are parameters.
    parts = [
        f"SELECT 'total', '', COUNT(*) FROM {table}{base}",  # noqa: S608
        f"SELECT 'coordinator', '', COUNT(*) FROM {table}{base} AND coordinated > 0",  # noqa: S608
    ]
    params = base_params * 2
    for name in ORGANISATION_FILTERS:
        parts.append(
            f"SELECT '{name}', {name}, COUNT(*) FROM {table}{base} AND {name} <> '' "  # noqa: S608
            f"GROUP BY {name}"
        )
        params += base_params
    parts.append(
        f"SELECT 'programme', programme, COUNT(*) FROM {table}{programmes} "  # noqa: S608
        "AND programme <> '' GROUP BY programme"
    )
    params += programme_params
    counters = {name: Counter() for name in STAT_FACETS}
    total = coordinators = 0
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for name, value, count in cursor.fetchall():
            if name == "total":
                total = count
            elif name == "coordinator":
                coordinators = count
            else:
                counters[name][value] = count

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
            self.total = _base(self.filters, self.source).count()
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("RankedOrganisations supports slices only")
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
