"""/healthz and /readyz: for load balancers and Kubernetes probes, from any host, never
cached, and saying nothing but ok / not ok per check."""

import datetime

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from utblick.core import health

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A probe asks by the pod's IP address, which is not among ALLOWED_HOSTS.
POD = {"HTTP_HOST": "10.42.0.17:8000"}


def _values_are_ok_or_not(body):
    assert set(body) == {"status", "checks"}
    assert {body["status"], *body["checks"].values()} <= {"ok", "not ok"}


def test_healthz_answers_any_host_and_is_not_cached(client):
    response = client.get("/healthz", **POD)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}
    assert response["Cache-Control"] == "no-store"
    # Every other page still checks the host.
    assert client.get("/", **POD).status_code == 400


@override_settings(TASKS=DB_QUEUE)
def test_readyz_is_ok_when_database_cache_migrations_and_worker_are(client):
    response = client.get("/readyz", **POD)
    assert response.status_code == 200, response.content
    body = response.json()
    _values_are_ok_or_not(body)
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "migrations": "ok",
        "worker": "ok",
    }
    assert response["Cache-Control"] == "no-store"


def _task(*, minutes_ago, status="READY", started=False):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    task = DBTaskResult.objects.create(
        task_path="utblick.jobs.tests.handlers.count_rows",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=at,
        status=status,
        started_at=at if started else None,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=at)


@override_settings(TASKS=DB_QUEUE, READYZ_WORKER_MINUTES=10)
def test_readyz_fails_when_a_task_waits_longer_than_the_worker_may_be_away(client):
    _task(minutes_ago=3)  # queued just now: the worker may well be on its way
    assert client.get("/readyz").json()["checks"]["worker"] == "ok"
    _task(minutes_ago=25)
    response = client.get("/readyz")
    assert response.status_code == 503
    _values_are_ok_or_not(response.json())
    assert response.json()["checks"]["worker"] == "not ok"
    assert response.json()["status"] == "not ok"
    # A task the worker started a minute ago shows that it is there.
    _task(minutes_ago=1, status="SUCCESSFUL", started=True)
    assert client.get("/readyz").status_code == 200


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
)
def test_readyz_fails_when_the_cache_is_unreachable(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "not ok"
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_fails_while_migrations_are_missing(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "not ok"
    # Immediate test queue: no worker to check.
    assert "worker" not in response.json()["checks"]


def test_probes_take_only_get_and_head(client):
    assert client.head("/readyz").status_code == 200
    assert client.post("/healthz").status_code != 200
