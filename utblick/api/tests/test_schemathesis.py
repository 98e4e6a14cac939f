"""schemathesis with all its checks against the served schema (which test_schema.py shows is
the committed one), through the WSGI application: every answer, reads and staff writes, keeps
to the schema (status codes, bodies, content types, auth), and a created project can be read,
changed and deleted through the links the schema documents (stateful)."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

# Examples per operation and for the stateful run: enough to reach every status code,
# bounded so that the file runs in about a minute.
HYPOTHESIS = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Whether a schema-valid project can be written depends on the database (the municipality
# must exist and the writer must be a member), which the schema cannot say: for writes the
# check that every schema-valid body is accepted is left out; every other check stays.
WRITE_EXCLUDED_CHECKS = [positive_data_acceptance]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
current_token = {}


@schema.auth(refresh_interval=None, retry_on=[])
class CoordinatorToken:
    """The test's coordinator signs the requests; schemathesis itself tries them without a
    token and with a wrong one (and expects 401)."""

    def get(self, case, context):
        # Asked at collection as well, before any test has a database.
        return current_token.get("key", "not-yet")

    def set(self, case, key, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {key}"}


@schema.hook
def map_body(context, body):
    """Bodies that the API can accept: in the writer's municipality and not ending before
    they start. Only values of the right type are replaced, so invalid bodies stay invalid."""
    if not isinstance(body, dict):
        return body
    if isinstance(body.get("municipality"), str) and body["municipality"]:
        body["municipality"] = "trollhattan"
    start, end = body.get("start_date"), body.get("end_date")
    if isinstance(start, str) and isinstance(end, str):
        try:
            if datetime.date.fromisoformat(end) < datetime.date.fromisoformat(start):
                body["start_date"], body["end_date"] = end, start
        except ValueError:
            pass
    return body


@pytest.fixture
def api(media_root, world):
    """The test world, Trollhättan's coordinator's token, and the WSGI application kept from
    closing the test's database connection after each request (as Django's test client)."""
    home, _away = world
    assert home.municipality.slug == "trollhattan"
    current_token["key"] = Token.objects.get_or_create(user=home.users["coordinator"])[0].key
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    current_token.clear()


def excluded_checks(case):
    return WRITE_EXCLUDED_CHECKS if case.method != "GET" else []


@schema.parametrize()
@HYPOTHESIS
@pytest.mark.django_db
def test_every_operation_keeps_to_the_schema(case, api):
    case.call_and_validate(excluded_checks=excluded_checks(case))


@pytest.mark.django_db
def test_created_projects_follow_the_schemas_links(api):
    class Workflow(schema.as_state_machine()):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                additional_checks=additional_checks,
                excluded_checks=excluded_checks(case),
                transport_kwargs=kwargs,
            )

    Workflow.run(settings=settings(HYPOTHESIS, stateful_step_count=6))
