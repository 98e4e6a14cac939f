import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from utblick.funding import embeddings

DATA = Path(__file__).parent / "data"
EU_CUT = Path(__file__).parent.parent / "data" / "eu-topics-cut.json"
VINNOVA = DATA / "vinnova-calls.json"
# The cut was harvested in August 2026: match as of then, so the calls' deadlines are ahead.
HARVEST = datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)

_vectors = {}


@pytest.fixture(autouse=True)
def cached_passages(monkeypatch):
    """Real multilingual-e5 vectors, computed once per test session for each text."""
    real = embeddings.passages

    def passages(texts):
        todo = [t for t in texts if t not in _vectors]
        if todo:
            for text, vector in zip(todo, real(todo), strict=True):
                _vectors[text] = vector
        import numpy as np

        return np.vstack([_vectors[t] for t in texts])

    monkeypatch.setattr(embeddings, "passages", passages)


@pytest.fixture
def eu_calls(db):
    call_command("import_calls", str(EU_CUT), verbosity=0)
