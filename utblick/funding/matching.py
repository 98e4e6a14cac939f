"""Rank calls for a need: semantic closeness (multilingual embeddings) plus shared terms.

Full text uses PostgreSQL's ``swedish`` and ``english`` configurations, and on SQLite the
FTS5 index ``funding_call_fts`` (migration 0003; bm25 with the title weighted highest). On
another database a plain term overlap stands in. The explanation lists the shared terms and
the semantic closeness.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models.functions import Substr

from .embeddings import query_vector
from .models import Call

SEMANTIC_WEIGHT = 0.8
# Shared terms are looked for in the title, the keywords and the start of the description.
TERM_CHARS = 1000
# multilingual-e5 cosine similarities live in a narrow band; this maps it onto 0..1.
COSINE_FLOOR, COSINE_CEILING = 0.75, 0.90

STOPWORDS = set(
    [
        "och",
        "att",
        "det",
        "som",
        "för",
        "med",
        "till",
        "den",
        "har",
        "inte",
        "ett",
        "kan",
        "vill",
        "ska",
        "eller",
        "även",
        "från",
        "under",
        "vara",
        "våra",
        "vårt",
        "vår",
        "sina",
        "samt",
        "inom",
        "både",
        "andra",
        "genom",
        "mellan",
        "mot",
        "efter",
        "över",
        "bland",
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "will",
        "are",
        "have",
        "into",
        "which",
        "their",
        "these",
        "those",
        "such",
        "also",
        "more",
        "than",
        "been",
        "being",
        "were",
        "where",
        "while",
        "about",
        "other",
        "within",
        "between",
        "through",
        "project",
        "projects",
        "call",
        "calls",
        "proposals",
        "proposal",
        "support",
        "action",
        "actions",
        "should",
    ]
)


def terms(text: str) -> set[str]:
    """Lower-case words of at least four letters, without stop words, cut to a crude stem."""
    words = re.findall(r"[^\W\d_]{4,}", text.lower())
    return {word[:7] for word in words if word not in STOPWORDS}


@dataclass
class Suggestion:
    call: Call
    score: float
    semantic: float | None
    lexical: float
    shared_terms: list[str] = field(default_factory=list)
    mark: object = None

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def closeness(self) -> int | None:
        return None if self.semantic is None else round(self.semantic * 100)


def _scale(cosine: float) -> float:
    return float(min(1.0, max(0.0, (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR))))


def _lexical_postgres(text: str, ids: list[int]) -> dict[int, float]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    words = sorted(terms(text))
    if not words:
        return {}
    scores = {}
    for config in ("swedish", "english"):
        query = None
        for word in words:
            part = SearchQuery(word, config=config)
            query = part if query is None else query | part
        vector = SearchVector("title", weight="A", config=config) + SearchVector(
            "keywords", "description", weight="B", config=config
        )
        rows = (
            Call.objects.filter(pk__in=ids)
            .annotate(rank=SearchRank(vector, query))
            .values_list("pk", "rank")
        )
        for pk, rank in rows:
            scores[pk] = max(scores.get(pk, 0.0), float(rank or 0))
    top = max(scores.values(), default=0) or 1
    return {pk: value / top for pk, value in scores.items()}


# bm25 of the FTS5 index; weights of its columns: title 10, keywords 5, description 1.
FTS_RANK_SQL = (
    "SELECT rowid, bm25(funding_call_fts, 10.0, 5.0, 1.0) FROM funding_call_fts "
    "WHERE funding_call_fts MATCH %s"
)


def fts_query(text: str) -> str:
    """An FTS5 query: any of the need's terms, each as a prefix (the 7-letter stem), quoted so
    that no word is read as an operator."""
    return " OR ".join(f'"{term}"*' for term in sorted(terms(text)))


def _lexical_sqlite(text: str, ids: list[int]) -> dict[int, float]:
    query = fts_query(text)
    if not query:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(FTS_RANK_SQL, [query])
        rows = cursor.fetchall()
    wanted = set(ids)
    # bm25() is negative, and lower is better.
    scores = {pk: -float(rank) for pk, rank in rows if pk in wanted and rank < 0}
    top = max(scores.values(), default=0) or 1
    return {pk: value / top for pk, value in scores.items()}


def _lexical_overlap(need_terms: set[str], call_terms: dict[int, set[str]]) -> dict[int, float]:
    if not need_terms:
        return {}
    return {pk: len(need_terms & found) / len(need_terms) for pk, found in call_terms.items()}


def _call_terms(calls) -> dict[int, tuple[Call, set[str]]]:
    """Calls with their terms (title, keywords and the start of the description), by pk."""
    rows = calls.only("pk", "identifier", "title", "keywords", "status").annotate(
        head=Substr("description", 1, TERM_CHARS)
    )
    return {c.pk: (c, terms(f"{c.title} {c.keywords} {c.head}")) for c in rows}


def rank(text: str, calls, *, limit: int = 10) -> list[Suggestion]:
    """Rank ``calls`` (a queryset) for a need's text; best first.

    The stored vectors are read as plain rows (no model instances) and scored together;
    the calls shown, with the shared terms of their explanation, are read afterwards (on a
    database without full text, all of them, for the term overlap)."""
    rows = list(calls.order_by("pk").values_list("pk", "identifier", "embedding"))
    if not rows:
        return []
    need_terms = terms(text)
    ids = [pk for pk, _identifier, _embedding in rows]
    found = None
    if connection.vendor == "postgresql":
        lexical = _lexical_postgres(text, ids)
    elif connection.vendor == "sqlite":
        lexical = _lexical_sqlite(text, ids)
    else:
        found = _call_terms(calls.model.objects.filter(pk__in=ids))
        lexical = _lexical_overlap(need_terms, {pk: t for pk, (_c, t) in found.items()})
    with_vectors = [(pk, bytes(embedding)) for pk, _identifier, embedding in rows if embedding]
    semantic = {}
    if with_vectors:
        matrix = np.frombuffer(b"".join(blob for _pk, blob in with_vectors), np.float32)
        cosines = matrix.reshape(len(with_vectors), -1) @ query_vector(text)
        semantic = {pk: _scale(v) for (pk, _blob), v in zip(with_vectors, cosines, strict=True)}
    scored = []
    for pk, identifier, _embedding in rows:
        sem = semantic.get(pk)
        lex = lexical.get(pk, 0.0)
        score = lex if sem is None else SEMANTIC_WEIGHT * sem + (1 - SEMANTIC_WEIGHT) * lex
        scored.append((-score, identifier, pk, sem, lex))
    top = heapq.nsmallest(limit, scored)
    if found is None:
        found = _call_terms(calls.model.objects.filter(pk__in=[row[2] for row in top]))
    suggestions = []
    for negative, _identifier, pk, sem, lex in top:
        call, call_terms = found[pk]
        shared = sorted(need_terms & call_terms)[:8]
        suggestions.append(Suggestion(call, -negative, sem, lex, shared))
    return suggestions
