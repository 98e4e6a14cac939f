"""Partner search over the imported EU open data.

A topic query is a set of alternatives (``text.query_alternatives``: Swedish terms are also
mapped to English), each a set of words whose stems must all be among the project's search
terms (``text.search_terms``: the English Snowball stems of its title, acronym, theme and
topic, computed in Python, so every database matches the same projects). The text match runs
on the database's own full-text index, exact terms:

- SQLite: the FTS5 table ``opendata_euproject_fts`` (migration 0003, kept current by
  triggers), ``"stem"`` queries.
- PostgreSQL: ``search.PG_VECTOR`` (the ``simple`` vector of the stems, GIN-indexed by
  migration 0006) against a ``simple`` ``tsquery``.
- Other databases: a regular expression per stem.

A topic of one word whose stem is frequent (``terms.topic_term``) is answered from the
pre-computed ``OrganisationTermStats`` like a topic-less search (below): ranking, paging and
facets in SQL, five queries, bounded by the page and the facets however many organisations
match ("energy": tens of thousands). With a year filter the term's rows of those years in
``OrganisationTermYearStats`` are summed per organisation in SQL instead (one term's rows,
not every matching project's participations).

Otherwise (a rare stem, several words, a year filter on a topic of several alternatives),
the participations of the matching projects (narrowed by the other filters; few for a rare
stem) are aggregated by organisation and programme in one grouped query; ranking (matching
projects, then coordinator roles, then EU contribution), paging and the facets come from
those rows. A search costs five queries, however many rows: the vocabulary
(``terms.topic_term``), the match, the grouped rows, the page's organisations, and up to
three example projects per organisation ("why it matched").

Without a topic, coordinator or year filter, grouping every participation would be slow, so
such a search is answered from the pre-computed ``OrganisationProgrammeStats`` (see
``statistics``): facets and count, one page of ranked organisations (ORDER BY, LIMIT), the
page's organisations and why they matched, again four queries. When that table is empty but
participations exist (not refreshed since the table was added), the participations are
grouped as above.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Func, Q, Sum, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, RowNumber, StrIndex

from . import statistics, terms
from .models import (
    EUOrganisation,
    EUProject,
    OrganisationProgrammeStats,
    OrganisationTermStats,
    Participation,
)
from .text import matching_terms, query_alternatives, query_stems

PAGE_SIZE = 25
WHY_PROJECTS = 3
FACET_LIMIT = 30

FTS_TABLE = "opendata_euproject_fts"
PG_VECTOR = "to_tsvector('simple'::regconfig, search_text)"


def fts5_expression(alternatives: list[list[str]]) -> str:
    """The FTS5 MATCH expression: ``("adapt" AND "climat") OR (...)``. Stems are of
    ``[0-9a-z]`` words, so quoting them is enough."""
    return " OR ".join(
        "(" + " AND ".join(f'"{term}"' for term in stems) + ")"
        for stems in query_stems(alternatives)
    )


def _match_sql(alternatives: list[list[str]]) -> tuple[str, list] | None:
    """SQL selecting the ids of matching projects on this database, or None (no index)."""
    if connection.vendor == "sqlite":
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 (constants)
            [fts5_expression(alternatives)],
        )
    if connection.vendor == "postgresql":
        expression = " | ".join(
            "(" + " & ".join(stems) + ")" for stems in query_stems(alternatives)
        )
        return (
            # Only constants are formatted in; the stems are a parameter.
            f"SELECT id FROM opendata_euproject WHERE {PG_VECTOR} @@ "  # noqa: S608
            "to_tsquery('simple'::regconfig, %s)",
            [expression],
        )
    return None


# At most this many further projects are added to a stem's statistics (``extra_project_ids``).
EXTRA_PROJECTS = 1000


def extra_project_ids(others: list[list[str]], term: str) -> list[int] | None:
    """The ids of the projects matching any of ``others`` (alternatives of stems) but
    without ``term`` (one query), or None when there are more than ``EXTRA_PROJECTS`` or no
    full-text index (the caller then reads the participations)."""
    if connection.vendor == "sqlite":
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s"  # noqa: S608
        expression = f'({fts5_expression(others)}) NOT "{term}"'
    elif connection.vendor == "postgresql":
        sql = (
            # Only constants are formatted in; the stems are a parameter.
            f"SELECT id FROM opendata_euproject WHERE {PG_VECTOR} @@ "  # noqa: S608
            "to_tsquery('simple'::regconfig, %s) LIMIT %s"
        )
        expression = (
            "("
            + " | ".join("(" + " & ".join(stems) + ")" for stems in query_stems(others))
            + f") & !{term}"
        )
    else:
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, EXTRA_PROJECTS + 1])
        found = [row[0] for row in cursor.fetchall()]
    return None if len(found) > EXTRA_PROJECTS else sorted(found)


def matching_projects(query: str):
    """Projects whose title, acronym, theme or topic match the query (a queryset)."""
    alternatives = query_alternatives(query)
    if not query_stems(alternatives):
        return EUProject.objects.none()
    found = _match_sql(alternatives)
    if found is not None:
        return EUProject.objects.filter(pk__in=RawSQL(*found))  # noqa: S611 (see _match_sql)
    any_alternative = Q()
    for stems in query_stems(alternatives):
        every_word = Q()
        for term in stems:
            every_word &= Q(search_text__regex=rf"(^| ){term}( |$)")
        any_alternative |= every_word
    return EUProject.objects.filter(any_alternative)


def matching_project_ids(query: str) -> list[int]:
    """The ids of the matching projects (the one evaluation of the text match)."""
    alternatives = query_alternatives(query)
    if not query_stems(alternatives):
        return []
    found = _match_sql(alternatives)
    if found is None:
        return list(matching_projects(query).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(*found)
        return [row[0] for row in cursor.fetchall()]


def _in_ids(ids: list[int]):
    """A right-hand side for ``project__in`` holding ``ids`` in one query parameter (a list
    of ten thousand ids would exceed SQLite's limit of bound variables)."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [statistics.pg_array(ids)])
    return ids


def _steered(queryset, path, lookup, value, steer):
    """``queryset.filter(path__lookup=value)``; with ``steer`` on SQLite as ``+column``,
    which keeps SQLite's planner from driving the join from this condition's index (without
    statistics it would, e.g., look up every matching project for every Swedish
    organisation)."""
    if steer and connection.vendor == "sqlite":
        alias = "steered_" + path.replace("__", "_")
        expression = Func(F(path), template="+%(expressions)s")
        return queryset.alias(**{alias: expression}).filter(**{f"{alias}__{lookup}": value})
    return queryset.filter(**{f"{path}__{lookup}": value})


# Filters on the organisation or the project: group keys of ``grouped``'s rows.
ROW_FILTERS = {
    "country": "organisation__country",
    "region": "organisation__region",
    "org_type": "organisation__org_type",
    "programme": "project__programme",
}


@dataclass
class Filters:
    q: str = ""
    country: str = ""
    region: str = ""
    org_type: str = ""
    programme: str = ""
    coordinator: bool = False
    year_from: int | None = None
    year_to: int | None = None

    def participations(
        self,
        project_ids: list[int] | None = None,
        *,
        organisations: list[int] | None = None,
        row_filters: bool = True,
        term: str | None = None,
    ):
        """The participations the search aggregates (all filters in SQL by default).

        ``project_ids``: the topic's matching projects when already known (otherwise the
        topic is matched here, as a subquery); the join is then driven from them.
        ``organisations``: only these organisations, which drive the join.
        ``row_filters=False`` leaves out the organisation and programme filters (the caller
        applies them to the grouped rows, see ``ROW_FILTERS``).
        ``term``: the topic's one stem (``terms.topic_term``); on SQLite matched on the
        joined projects' stored stems instead of the full-text index (few rows:
        ``organisations`` drive the join). On PostgreSQL the joined projects' stems are
        checked with ``strpos`` for the term, and with ``organisations`` for every
        alternative of the topic (the ids, when given, are then not sent): a condition its
        planner does not take for selective, so the page's organisations drive the join."""
        queryset = Participation.objects.all()
        steer = project_ids is not None or organisations is not None
        if organisations is not None:
            queryset = queryset.filter(organisation__in=organisations)
        if self.q.strip():
            if term is not None and connection.vendor == "sqlite":
                padded = Concat(
                    Value(" "), F("project__search_text"), Value(" "), output_field=TextField()
                )
                queryset = queryset.alias(padded_terms=padded).filter(
                    padded_terms__contains=f" {term} "
                )
            elif connection.vendor == "postgresql" and (
                term is not None or organisations is not None
            ):
                # strpos() on the joined projects' stems, each alternative's stems all
                # found: cheaper per row than building the project's tsvector, and, unlike
                # LIKE, not estimated selective enough for the planner to drive the join
                # from the projects: with ``organisations`` ("why it matched" on a page)
                # their participations, a few hundred, drive it, and no list of matching
                # ids goes to the database (4,670 for "health", 4,670 index seeks).
                padded = Concat(
                    Value(" "), F("project__search_text"), Value(" "), output_field=TextField()
                )
                alternatives = (
                    [[term]] if term is not None else query_stems(query_alternatives(self.q))
                )
                positions, any_alternative = {}, Q()
                for stems in alternatives:
                    every_stem = Q()
                    for stem in stems:
                        name = f"stem_position_{len(positions)}"
                        positions[name] = StrIndex(padded, Value(f" {stem} "))
                        every_stem &= Q(**{f"{name}__gt": 0})
                    any_alternative |= every_stem
                queryset = queryset.alias(**positions).filter(any_alternative)
                if not positions:  # no stems: no project matches
                    queryset = queryset.none()
            elif project_ids is None:
                queryset = queryset.filter(project__in=matching_projects(self.q).values("pk"))
            else:
                queryset = _steered(
                    queryset, "project_id", "in", _in_ids(project_ids), organisations is not None
                )
        if row_filters:
            for name, path in ROW_FILTERS.items():
                if getattr(self, name):
                    queryset = _steered(queryset, path, "exact", getattr(self, name), steer)
        if self.coordinator:
            queryset = queryset.filter(is_coordinator=True)
        if self.year_from:
            queryset = _steered(queryset, "year", "gte", self.year_from, steer)
        if self.year_to:
            queryset = _steered(queryset, "year", "lte", self.year_to, steer)
        return queryset

    def keeps(self, row: dict) -> bool:
        """Whether a row of ``grouped`` passes the organisation and programme filters."""
        return all(
            row[path] == getattr(self, name)
            for name, path in ROW_FILTERS.items()
            if getattr(self, name)
        )


@dataclass
class SearchResult:
    page: object
    rows: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    projects: int | None = None  # number of projects matching the topic (None: no topic)


FACETS = {
    "country": "organisation__country",
    "programme": "project__programme",
    "org_type": "organisation__org_type",
    "region": "organisation__region",
}
_ORGANISATION_FACETS = ("country", "org_type", "region")


def grouped(participations) -> list[dict]:
    """One row per organisation and programme: matches, coordinated, contribution and the
    organisation's facet values (one grouped query)."""
    return list(
        participations.values("organisation_id", *FACETS.values())
        .annotate(
            # (project, organisation) is unique, so counting rows counts projects.
            matches=Count("pk"),
            coordinated=Count("pk", filter=Q(is_coordinator=True)),
            contribution=Sum("eu_contribution"),
        )
        .order_by()
    )


def rank_and_facets(rows: list[dict], limit=FACET_LIMIT) -> tuple[list[dict], dict]:
    """Organisations ranked by matching projects, coordinator roles and EU contribution
    (none last), and for each facet [(value, number of organisations)], largest first."""
    organisations = {}
    programmes = Counter()
    for row in rows:
        pk = row["organisation_id"]
        found = organisations.get(pk)
        if found is None:
            found = organisations[pk] = {
                "organisation": pk,
                "matches": 0,
                "coordinated": 0,
                "contribution": None,
                **{name: row[FACETS[name]] for name in _ORGANISATION_FACETS},
            }
        found["matches"] += row["matches"]
        found["coordinated"] += row["coordinated"]
        if row["contribution"] is not None:
            found["contribution"] = (found["contribution"] or 0) + row["contribution"]
        if row[FACETS["programme"]]:
            programmes[row[FACETS["programme"]]] += 1
    ranked = sorted(
        organisations.values(),
        key=lambda o: (
            -o["matches"],
            -o["coordinated"],
            o["contribution"] is None,
            -(o["contribution"] or 0),
            o["organisation"],
        ),
    )
    counters = {name: Counter() for name in _ORGANISATION_FACETS}
    for organisation in ranked:
        for name in _ORGANISATION_FACETS:
            value = organisation.pop(name)
            if value:
                counters[name][value] += 1
    counters["programme"] = programmes

    def largest(counter):
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]

    found = {name: largest(counters[name]) for name in FACETS}
    found["coordinator"] = sum(1 for o in ranked if o["coordinated"])
    return ranked, found


def facets(participations, limit=FACET_LIMIT) -> dict:
    """For each facet, [(value, number of organisations)], largest first."""
    return rank_and_facets(grouped(participations), limit)[1]


def why_examples(participations, organisation_ids, alternatives) -> dict[int, list[dict]]:
    """Up to WHY_PROJECTS matching projects per organisation (coordinated and recent first),
    with the words that matched (one query). ``participations`` are already narrowed to
    ``organisation_ids``."""
    why = {pk: [] for pk in organisation_ids}
    if not organisation_ids:
        return why
    examples = (
        participations.annotate(
            example=Window(
                RowNumber(),
                partition_by=[F("organisation_id")],
                order_by=[
                    F("is_coordinator").desc(),
                    F("year").desc(nulls_last=True),
                    F("project_id").asc(),
                ],
            )
        )
        .filter(example__lte=WHY_PROJECTS)
        .select_related("project")
        .order_by("organisation_id", "example")
    )
    for participation in examples:
        project = participation.project
        why[participation.organisation_id].append(
            {
                "project": project,
                "role": participation.role,
                "year": participation.year,
                "terms": matching_terms(project.search_text, alternatives),
            }
        )
    return why


def search(filters: Filters, page_number=1, *, with_facets=True) -> SearchResult:
    """One page of matching organisations with facets and why they matched (four or five
    queries, however many rows)."""
    if statistics.usable(filters):
        result = _search_statistics(filters, page_number, with_facets=with_facets)
        if result is not None:
            return result
    project_ids = None
    alternatives = []
    if filters.q.strip():
        alternatives = query_alternatives(filters.q)
        found = terms.topic_term(alternatives)
        if found is not None:
            term, projects, others = found
            if not (filters.year_from or filters.year_to):
                extra = extra_project_ids(others, term) if others else []
            else:
                # By year only the term's own rows (no further alternatives' projects).
                extra = None if others else []
            if extra is not None:
                return _search_term(
                    filters, page_number, (term, projects, extra), alternatives, with_facets
                )
        project_ids = matching_project_ids(filters.q)
    if project_ids is None:
        rows = grouped(filters.participations())
    elif project_ids:
        # Driven by the matching projects; the organisation and programme filters are
        # group keys, so they are applied to the grouped rows.
        rows = grouped(filters.participations(project_ids, row_filters=False))
        rows = [row for row in rows if filters.keeps(row)]
    else:
        rows = []
    ranked, found = rank_and_facets(rows)
    page = Paginator(ranked, PAGE_SIZE).get_page(page_number)
    return SearchResult(
        page=page,
        rows=_complete(filters, page, project_ids, alternatives),
        facets=found if with_facets else {},
        projects=None if project_ids is None else len(project_ids),
    )


def _complete(filters, page, project_ids, alternatives, term=None) -> list[dict]:
    """The page's rows with their organisations and why they matched (two queries)."""
    page_rows = list(page.object_list)
    ids = [row["organisation"] for row in page_rows]
    organisations = EUOrganisation.objects.in_bulk(ids)
    participations = filters.participations(project_ids, organisations=ids, term=term)
    why = why_examples(participations, ids, alternatives)
    # An organisation deleted since the term statistics were refreshed is left out.
    page_rows = [row for row in page_rows if row["organisation"] in organisations]
    for row in page_rows:
        row["why"] = why[row["organisation"]]
        row["organisation"] = organisations[row["organisation"]]
    return page_rows


def _search_statistics(filters, page_number, *, with_facets) -> SearchResult | None:
    """A search without topic, coordinator or year filters, ranked, paged and counted from
    the pre-computed statistics in SQL (four queries). None when the statistics are empty
    but there are participations (imported before the table existed and not refreshed):
    the caller then groups the participations."""
    if with_facets:
        total, found = statistics.facet_counts(filters, FACET_LIMIT)
    else:
        total, found = None, {}
    ranked = statistics.RankedOrganisations(filters, total, statistics.PROGRAMMES)
    if (
        not ranked.count()
        and not OrganisationProgrammeStats.objects.exists()
        and Participation.objects.exists()
    ):
        return None
    page = Paginator(ranked, PAGE_SIZE).get_page(page_number)
    return SearchResult(page=page, rows=_complete(filters, page, None, []), facets=found)


def _search_term(filters, page_number, found, alternatives, with_facets) -> SearchResult:
    """A search for one frequent stem (``terms.topic_term``), ranked, paged and counted from
    the term statistics in SQL (four more queries); with the participations of ``extra``
    projects (the rest of the topic's alternatives, none with the stem) added in SQL."""
    term, projects, extra = found
    years = (filters.year_from, filters.year_to) if filters.year_from or filters.year_to else ()
    source = statistics.Source(
        model=OrganisationTermStats,
        where=(("term", term),),
        coordinator=filters.coordinator,
        extra=tuple(extra),
        years=years,
    )
    if with_facets:
        total, facet_values = statistics.facet_counts(filters, FACET_LIMIT, source)
    else:
        total, facet_values = None, {}
    page = Paginator(statistics.RankedOrganisations(filters, total, source), PAGE_SIZE)
    page = page.get_page(page_number)
    return SearchResult(
        # "Why it matched" checks every alternative when there are extra projects.
        rows=_complete(filters, page, None, alternatives, None if extra else term),
        page=page,
        facets=facet_values,
        projects=projects + len(extra),
    )
