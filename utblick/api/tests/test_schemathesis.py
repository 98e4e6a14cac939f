"""schemathesis against the committed schema: the public reads never answer 5xx and always
answer what the schema says (property-based, through the WSGI application)."""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

SCHEMA = Path(__file__).resolve().parent.parent / "openapi.yaml"

schema = schemathesis.openapi.from_path(SCHEMA).include(method="GET")


@pytest.fixture
def records(media_root, world):
    """The test world, and the WSGI application kept from closing the test's database
    connection at the end of each request (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_public_api_keeps_to_the_schema(case, records):
    case.call_and_validate(
        app=get_wsgi_application(),
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
