"""The funding app's job tasks, imported at startup so that their jobs can be resumed."""

from .embeddings import embed_calls_job
from .imports import import_calls_job

__all__ = ["embed_calls_job", "import_calls_job"]
