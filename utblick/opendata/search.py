"""Partner search over the imported EU open data.

Topic: PostgreSQL full text (``to_tsvector('english', search_text)`` with prefix queries,
backed by a GIN index) on PostgreSQL; a portable word-prefix match on other databases. A
query is a set of alternatives (see ``text.query_alternatives``: Swedish terms are mapped to
English), each a set of words that must all occur. Organisations are ranked by the number of
matching projects (relevance), then coordinator roles and EU contribution (track record).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Count, Q, Sum
from django.db.models.expressions import RawSQL

from .models import EUOrganisation, EUProject, Participation
from .text import matching_terms, query_alternatives, stem

PAGE_SIZE = 25
WHY_PROJECTS = 3


def matching_projects(query: str):
    """Projects whose title, acronym, theme or topic match the query."""
    alternatives = query_alternatives(query)
    if not alternatives:
        return EUProject.objects.none()
    if connection.vendor == "postgresql":
        tsquery = " | ".join(
            "(" + " & ".join(f"{word}:*" for word in words) + ")" for words in alternatives
        )
        condition = RawSQL(
            "to_tsvector('english'::regconfig, search_text) @@ "
            "to_tsquery('english'::regconfig, %s)",
            [tsquery],
            output_field=BooleanField(),
        )
        return EUProject.objects.filter(condition)
    any_alternative = Q()
    for words in alternatives:
        every_word = Q()
        for word in words:
            every_word &= Q(search_text__regex=rf"(^| ){stem(word)}")
        any_alternative |= every_word
    return EUProject.objects.filter(any_alternative)


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

    def participations(self):
        queryset = Participation.objects.all()
        if self.q.strip():
            queryset = queryset.filter(project__in=matching_projects(self.q).values("pk"))
        if self.country:
            queryset = queryset.filter(organisation__country=self.country)
        if self.region:
            queryset = queryset.filter(organisation__region=self.region)
        if self.org_type:
            queryset = queryset.filter(organisation__org_type=self.org_type)
        if self.programme:
            queryset = queryset.filter(project__programme=self.programme)
        if self.coordinator:
            queryset = queryset.filter(is_coordinator=True)
        if self.year_from:
            queryset = queryset.filter(year__gte=self.year_from)
        if self.year_to:
            queryset = queryset.filter(year__lte=self.year_to)
        return queryset


@dataclass
class SearchResult:
    page: object
    rows: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)


FACETS = {
    "country": "organisation__country",
    "programme": "project__programme",
    "org_type": "organisation__org_type",
    "region": "organisation__region",
}


def facets(participations, limit=30) -> dict:
    """For each facet, [(value, number of organisations)], largest first."""
    found = {}
    for name, path in FACETS.items():
        rows = (
            participations.exclude(**{path: ""})
            .values_list(path)
            .annotate(n=Count("organisation", distinct=True))
            .order_by("-n", path)[:limit]
        )
        found[name] = list(rows)
    found["coordinator"] = participations.filter(is_coordinator=True).aggregate(
        n=Count("organisation", distinct=True)
    )["n"]
    return found


def ranked(participations):
    return (
        participations.values("organisation")
        .annotate(
            matches=Count("project", distinct=True),
            coordinated=Count("project", filter=Q(is_coordinator=True), distinct=True),
            contribution=Sum("eu_contribution"),
        )
        .order_by("-matches", "-coordinated", "-contribution", "organisation")
    )


def search(filters: Filters, page_number=1, *, with_facets=True) -> SearchResult:
    """One page of matching organisations with why they matched (a fixed number of
    queries, however many rows)."""
    participations = filters.participations()
    page = Paginator(ranked(participations), PAGE_SIZE).get_page(page_number)
    rows = list(page.object_list)
    ids = [row["organisation"] for row in rows]
    organisations = EUOrganisation.objects.in_bulk(ids)
    why = {pk: [] for pk in ids}
    alternatives = query_alternatives(filters.q) if filters.q.strip() else []
    if ids:
        examples = (
            participations.filter(organisation__in=ids)
            .select_related("project")
            .order_by("organisation", "-is_coordinator", "-year", "project_id")
        )
        for participation in examples:
            found = why[participation.organisation_id]
            if len(found) < WHY_PROJECTS:
                project = participation.project
                found.append(
                    {
                        "project": project,
                        "role": participation.role,
                        "year": participation.year,
                        "terms": matching_terms(project.search_text, alternatives),
                    }
                )
    for row in rows:
        row["organisation"] = organisations[row["organisation"]]
        row["why"] = why[row["organisation"].pk]
    return SearchResult(page=page, rows=rows, facets=facets(participations) if with_facets else {})
