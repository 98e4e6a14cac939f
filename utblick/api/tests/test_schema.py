"""The committed OpenAPI schema is the one the code generates, and the API keeps to it."""

from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import status_code_conformance

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


@pytest.mark.django_db
def test_served_schema_is_the_committed_english_one(client):
    # Swedish is the active language of a request without a language prefix (as /api/v1/).
    response = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == yaml.safe_load(SCHEMA.read_text())
    assert "Sverige" not in response.content.decode()


def test_every_operation_documents_its_error_answers():
    schema = yaml.safe_load(SCHEMA.read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "406"} <= codes, (method, path)
            if "{" in path or method == "get":
                assert "404" in codes, (method, path)
            if method in ("post", "put", "patch"):
                assert {"400", "403", "415", "429"} <= codes, (method, path)


@pytest.mark.django_db
def test_schemathesis_finds_an_undocumented_status_code(media_root, world):
    """The schemathesis test can fail: with the 404 taken out of a deliberately broken copy
    of the schema, asking for a project that does not exist is reported."""
    broken = yaml.safe_load(SCHEMA.read_text())
    del broken["paths"]["/api/v1/projects/{id}/"]["get"]["responses"]["404"]
    schema = schemathesis.openapi.from_dict(broken)
    operation = schema["/api/v1/projects/{id}/"]["GET"]
    case = operation.Case(path_parameters={"id": 999999})
    with pytest.raises(FailureGroup, match="Undocumented status code"):
        case.call_and_validate(app=get_wsgi_application(), checks=[status_code_conformance])
