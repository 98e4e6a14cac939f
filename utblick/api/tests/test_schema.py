"""The committed OpenAPI schema is the one the code generates, and the API keeps to it."""

from pathlib import Path

import pytest
from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parent.parent / "openapi.yaml"


@pytest.mark.django_db
def test_committed_schema_is_up_to_date(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--file", str(generated), "--lang", "en", "--validate", "--fail-on-warn"
    )
    assert generated.read_text() == SCHEMA.read_text(), (
        "utblick/api/openapi.yaml is out of date: run "
        "UTBLICK_ENV=test .venv/bin/python manage.py spectacular --lang en "
        "--file utblick/api/openapi.yaml"
    )
