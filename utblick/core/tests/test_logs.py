"""Structured logs: each request gets an id (X-Request-ID), and log records carry it with
the municipality, the user id and the job id, as JSON lines or plain text (LOG_FORMAT);
Sentry is on only with SENTRY_DSN, without personal data."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from utblick.core.logs import ContextFilter, JsonFormatter, log_context, sentry_before_send
from utblick.testing import login


@pytest.fixture
def json_lines():
    """What our JSON formatter writes for Django's and Utblick's loggers."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("django.request"), logging.getLogger("utblick")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_each_request_gets_an_id_returned_in_the_header(client):
    first = client.get("/healthz/x/")["X-Request-ID"]
    second = client.get("/healthz/x/")["X-Request-ID"]
    assert len(first) == 32 and first != second
    # A proxy's id is kept when it is a plain token, replaced when it is not.
    assert client.get("/", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-ID"] == "lb-1234.abc"
    injected = client.get("/", HTTP_X_REQUEST_ID="x\nlevel=ERROR")["X-Request-ID"]
    assert injected != "x\nlevel=ERROR" and len(injected) == 32


def test_request_logs_carry_request_id_municipality_and_user(client, home, json_lines):
    login(client, home.users["reader"])
    response = client.get(f"/staff/{home.municipality.slug}/funding/calls/999999/")
    assert response.status_code == 404  # Django logs "Not Found" as a warning
    record = next(r for r in json_lines() if r["logger"] == "django.request")
    assert record["level"] == "WARNING"
    assert record["request_id"] == response["X-Request-ID"]
    assert record["municipality"] == home.municipality.slug
    assert record["user_id"] == home.users["reader"].pk
    assert "Not Found" in record["message"]


def test_job_logs_carry_the_job_id(monkeypatch, json_lines):
    from utblick.jobs import runner
    from utblick.jobs.tests.handlers import count_rows

    monkeypatch.setattr(
        runner, "execute_job", lambda **kwargs: logging.getLogger("utblick.x").warning("ran")
    )
    count_rows.call(41)
    assert json_lines()[-1]["job_id"] == 41
    with log_context(request_id="r1"):
        logging.getLogger("utblick.x").error("outside a job")
    assert "job_id" not in json_lines()[-1] and json_lines()[-1]["request_id"] == "r1"


def _stderr_of_a_warning(**environ):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOG_", "SENTRY_"))}
    env.update(environ, UTBLICK_ENV="test", DJANGO_SETTINGS_MODULE="utblick.settings")
    code = (
        "import django, logging, sentry_sdk; django.setup();"
        "logging.getLogger('utblick.probe').warning('hej %s', 'då');"
        "client = sentry_sdk.get_client();"
        "print(client.is_active(), client.options.get('send_default_pii'))"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_log_format_is_json_by_default_and_text_on_request():
    line = json.loads(_stderr_of_a_warning().stderr.strip().splitlines()[-1])
    assert line["message"] == "hej då" and line["logger"] == "utblick.probe"
    text = _stderr_of_a_warning(LOG_FORMAT="text").stderr.strip().splitlines()[-1]
    assert text.endswith(
        "WARNING utblick.probe [request None municipality None user None job None] hej då"
    )
    wrong = _stderr_of_a_warning(LOG_FORMAT="xml")
    assert wrong.returncode != 0 and "LOG_FORMAT must be json or text" in wrong.stderr


def test_sentry_is_on_only_with_a_dsn_and_sends_no_personal_data():
    assert _stderr_of_a_warning().stdout.split() == ["False", "None"]
    on = _stderr_of_a_warning(SENTRY_DSN="https://public@sentry.example.invalid/1")
    assert on.stdout.split() == ["True", "False"], on.stderr
    with log_context(request_id="abc", municipality="trollhattan", user_id=7):
        event = sentry_before_send({"message": "x"}, {})
    assert event["tags"] == {"request_id": "abc", "municipality": "trollhattan"}
