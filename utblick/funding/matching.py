"""Rank calls for a need: semantic closeness (multilingual embeddings) plus shared terms.

Full text uses PostgreSQL's ``swedish`` and ``english`` configurations; on SQLite a plain
term overlap stands in. The explanation lists the shared terms and the semantic closeness.
"""

from __future__ import annotations

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


def _lexical_overlap(need_terms: set[str], call_terms: dict[int, set[str]]) -> dict[int, float]:
    if not need_terms:
        return {}
    return {pk: len(need_terms & found) / len(need_terms) for pk, found in call_terms.items()}


def rank(text: str, calls, *, limit: int = 10) -> list[Suggestion]:
    """Rank ``calls`` (a queryset) for a need's text; best first."""
    rows = list(
        calls.only("pk", "identifier", "title", "keywords", "embedding", "status")
        .annotate(head=Substr("description", 1, TERM_CHARS))
        .order_by("pk")
    )
    if not rows:
        return []
    need_terms = terms(text)
    call_terms = {c.pk: terms(f"{c.title} {c.keywords} {c.head}") for c in rows}
    if connection.vendor == "postgresql":
        lexical = _lexical_postgres(text, [c.pk for c in rows])
    else:
        lexical = _lexical_overlap(need_terms, call_terms)
    with_vectors = [c for c in rows if c.embedding]
    semantic = {}
    if with_vectors:
        matrix = np.vstack([c.vector for c in with_vectors])
        cosines = matrix @ query_vector(text)
        semantic = {c.pk: _scale(v) for c, v in zip(with_vectors, cosines, strict=True)}
    suggestions = []
    for call in rows:
        sem = semantic.get(call.pk)
        lex = lexical.get(call.pk, 0.0)
        score = lex if sem is None else SEMANTIC_WEIGHT * sem + (1 - SEMANTIC_WEIGHT) * lex
        shared = sorted(need_terms & call_terms[call.pk])
        suggestions.append(Suggestion(call, score, sem, lex, shared[:8]))
    suggestions.sort(key=lambda s: (-s.score, s.call.identifier))
    return suggestions[:limit]
