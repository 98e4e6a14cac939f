"""Rank calls for a need: one matrix-vector product and a few vectorised signals.

The score of a call combines, each from 0 to 1:

- semantic closeness: the cosine of the need's and the call's multilingual-e5 vectors,
  mapped from the model's narrow band onto 0..1;
- concepts: the share (weighted by rarity among the calls) of the need's concepts
  (``concepts.py``: Swedish need words, English call words) that the call speaks of;
- shared terms: the share (weighted by rarity) of the need's terms in the call's title and
  opening, for calls written in the need's language;

and is then multiplied by how open the call is to a municipality
(``eligibility.municipal_eligibility``): development aid for third countries, frontier
research grants, defence and the like sink. The weights were tuned on the "dev" half of
``benchmarks/matching_needs.json`` only.

Speed: everything per call is computed before a match. The vectors, concepts and
eligibility are stored with the call (``embeddings.embed_calls``); each process keeps them
as numpy arrays, with an inverted index of the calls' terms, in :class:`Index`, built again
when the calls change (one aggregate query tells). A match is then: the candidate ids (the
caller's queryset, one query), one matrix-vector product, a few array operations and
``argpartition`` for the top ones, and one query for the calls shown.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models.functions import Substr

from . import concepts
from .embeddings import query_vector
from .models import Call, CallDeadline

# Tuned on the 13 dev needs of benchmarks/matching_needs.json (a plateau: the ratio of the
# semantic to the concept weight from 0.7/0.6 to 0.8/0.6 and the term weight from 0 to 0.2
# scored alike there). The eligibility power did not change the dev figures; it is kept
# at 1 because the labels count calls a municipality cannot apply for as not relevant.
SEMANTIC_WEIGHT = 0.7
CONCEPT_WEIGHT = 0.6
TERM_WEIGHT = 0.2
# The score is multiplied by the call's eligibility to this power.
ELIGIBILITY_POWER = 1.0
# Shared terms are looked for in the title and the start of the description.
TERM_CHARS = 1000
# multilingual-e5 cosine similarities live in a narrow band; this maps it onto 0..1.
COSINE_FLOOR, COSINE_CEILING = 0.75, 0.90
# An explanation lists at most this many shared terms.
SHOWN_TERMS = 8

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
    concepts: list[str] = field(default_factory=list)  # Swedish labels of shared concepts
    eligibility: float = 1.0

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def closeness(self) -> int | None:
        return None if self.semantic is None else round(self.semantic * 100)

    @property
    def narrow(self) -> bool:
        """Whether the call is probably not open to a municipality."""
        return self.eligibility < 1


def _idf(found: int, total: int) -> float:
    return math.log((total + 1) / (found + 0.5))


class Index:
    """Every call's ranking data as arrays, rows in the order of ``pks``."""

    def __init__(self, rows: list[tuple]):
        rows.sort(key=lambda row: row[0])
        total = len(rows)
        self.pks = np.fromiter((row[0] for row in rows), dtype=np.int64, count=total)
        self.identifiers = [row[1] for row in rows]
        dimension = next((len(bytes(row[4])) // 4 for row in rows if row[4]), 0)
        self.vectors = np.zeros((total, dimension), dtype=np.float32)
        self.has_vector = np.zeros(total, dtype=bool)
        self.eligibility = np.ones(total, dtype=np.float32)
        self.concepts = np.zeros((total, len(concepts.KEYS)), dtype=np.float32)
        column = {key: i for i, key in enumerate(concepts.KEYS)}
        postings: dict[str, list[int]] = {}
        for i, (_pk, _identifier, title, head, embedding, keys, eligibility) in enumerate(rows):
            if embedding and dimension:
                self.vectors[i] = np.frombuffer(bytes(embedding), dtype=np.float32)
                self.has_vector[i] = True
            self.eligibility[i] = eligibility
            for key in keys.split():
                if key in column:
                    self.concepts[i, column[key]] = 1
            for term in terms(f"{title} {head}"):
                postings.setdefault(term, []).append(i)
        self.postings = {term: np.asarray(at, dtype=np.int64) for term, at in postings.items()}
        self.term_idf = {term: _idf(len(at), total) for term, at in postings.items()}
        self.unknown_idf = _idf(0, total)
        self.concept_idf = np.asarray(
            [_idf(int(n), total) for n in self.concepts.sum(axis=0)], dtype=np.float32
        )


def _known(index: Index, pks: np.ndarray) -> np.ndarray:
    """The rows of the (sorted) ``pks`` that the index has."""
    at = np.searchsorted(index.pks, pks).clip(0, max(len(index.pks) - 1, 0))
    return at[index.pks[at] == pks] if len(index.pks) else at[:0]


_index: tuple[tuple, Index] | None = None
_index_lock = threading.Lock()


def _version() -> tuple:
    """Changes when a call is added, deleted, saved or given a new vector, or a deadline is
    added or deleted (staff change a deadline by saving its call). Each figure is its
    own subquery, so that each is read from an index (one aggregate over the table would
    read every row, vectors and descriptions included)."""
    calls = connection.ops.quote_name(Call._meta.db_table)
    deadlines = connection.ops.quote_name(CallDeadline._meta.db_table)
    # Built from the model's own names only, never from input.
    parts = [
        f"(SELECT {aggregate}({connection.ops.quote_name(column)}) FROM {table})"  # noqa: S608
        for table, aggregate, column in [
            (calls, "COUNT", "id"),
            (calls, "MAX", "id"),
            (calls, "MAX", Call._meta.get_field("updated_at").column),
            (calls, "MAX", Call._meta.get_field("embedded_at").column),
            (deadlines, "COUNT", "id"),
            (deadlines, "MAX", "id"),
        ]
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        found = cursor.fetchone()
    return (connection.settings_dict["NAME"], *found)


def index(version: tuple | None = None) -> Index:
    """The process's :class:`Index`, built again when the calls have changed."""
    global _index
    version = version or _version()
    cached = _index
    if cached is not None and cached[0] == version:
        return cached[1]
    with _index_lock:
        rows = list(
            Call.objects.annotate(head=Substr("description", 1, TERM_CHARS)).values_list(
                "pk",
                "identifier",
                "title",
                "head",
                "embedding",
                "concepts",
                "municipal_eligibility",
            )
        )
        built = Index(rows)
        _index = (version, built)
    return built


_candidate_cache: dict[tuple, np.ndarray] = {}
CANDIDATE_CACHE_SIZE = 32


def _candidates(calls, version: tuple) -> np.ndarray:
    """The sorted pks of the calls of ``calls``. Reading some 10,000 ids costs more than the
    rest of a match, so they are kept per query (with its parameters: a caller that passes
    the same ``now`` for a minute reuses them) until the data changes."""
    sql, params = calls.order_by().values_list("pk").query.sql_with_params()
    key = (version, sql, tuple(params))
    found = _candidate_cache.get(key)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = np.sort(np.asarray([row[0] for row in cursor.fetchall()], dtype=np.int64))
        if len(_candidate_cache) >= CANDIDATE_CACHE_SIZE:
            _candidate_cache.clear()
        _candidate_cache[key] = found
    return found


def _scale(cosines: np.ndarray) -> np.ndarray:
    return np.clip((cosines - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR), 0.0, 1.0)


def rank(text: str, calls, *, limit: int = 10) -> list[Suggestion]:
    """Rank ``calls`` (a queryset) for a need's text; best first (ties by identifier)."""
    version = _version()
    pks = _candidates(calls, version)
    if not len(pks):
        return []
    data = index(version)
    rows = _known(data, pks)
    if not len(rows):
        return []
    need_terms = terms(text)
    semantic = np.zeros(len(rows), dtype=np.float32)
    with_vector = data.has_vector[rows]
    if with_vector.any():
        semantic = _scale(data.vectors @ query_vector(text))[rows]
    lexical = np.zeros(len(data.pks), dtype=np.float32)
    weights = {t: data.term_idf.get(t, data.unknown_idf) for t in need_terms}
    for term, weight in weights.items():
        if term in data.postings:
            lexical[data.postings[term]] += weight
    lexical = lexical[rows] / (sum(weights.values()) or 1)
    columns = [concepts.KEYS.index(key) for key in concepts.need_concepts(text)]
    shared = np.zeros(len(rows), dtype=np.float32)
    if columns:
        idf = data.concept_idf[columns]
        shared = (data.concepts[np.ix_(rows, columns)] @ idf) / (idf.sum() or 1)
    with_meaning = (1 - TERM_WEIGHT) * np.where(
        with_vector,
        (SEMANTIC_WEIGHT * semantic + CONCEPT_WEIGHT * shared) / (SEMANTIC_WEIGHT + CONCEPT_WEIGHT),
        shared,
    )
    score = (with_meaning + TERM_WEIGHT * lexical) * data.eligibility[rows] ** ELIGIBILITY_POWER
    top = _top(score, rows, data, limit)
    shown = {
        c.pk: c
        for c in calls.model.objects.filter(pk__in=[int(data.pks[rows[i]]) for i in top])
        .only("pk", "identifier", "title", "status", "language")
        .annotate(head=Substr("description", 1, TERM_CHARS))
    }
    suggestions = []
    for i in top:
        row = rows[i]
        keys = [concepts.KEYS[c] for c in columns if data.concepts[row, c]]
        call = shown[int(data.pks[row])]
        suggestions.append(
            Suggestion(
                call=call,
                score=float(score[i]),
                semantic=float(semantic[i]) if with_vector[i] else None,
                lexical=float(lexical[i]),
                shared_terms=sorted(need_terms & terms(f"{call.title} {call.head}"))[:SHOWN_TERMS],
                concepts=concepts.labels(keys),
                eligibility=float(data.eligibility[row]),
            )
        )
    return suggestions


def _top(score: np.ndarray, rows: np.ndarray, data: Index, limit: int) -> list[int]:
    """Positions of the ``limit`` best scores, best first, ties by identifier."""
    if limit < len(score):
        # Take every call tied with the last one in, so the identifier decides the ties.
        cut = np.partition(score, len(score) - limit)[len(score) - limit]
        chosen = np.flatnonzero(score >= cut)
    else:
        chosen = np.arange(len(score))
    ordered = sorted(chosen, key=lambda i: (-score[i], data.identifiers[rows[i]]))
    return [int(i) for i in ordered[:limit]]
