"""Probes for load balancers and Kubernetes: ``/healthz`` (the process answers) and
``/readyz`` (it can serve: database and cache reachable, migrations applied, the queue
worker seen lately).

They are answered by the first middleware, before the host check (``ALLOWED_HOSTS``), the
HTTPS redirect, sessions and the page cache: a probe reaches the pod by its IP address over
plain HTTP, and the answer holds nothing but "ok" or "not ok" per check, so any host may ask.
Nothing is cached (``Cache-Control: no-store``).
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django_tasks.base import TaskResultStatus

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/healthz/", "/readyz", "/readyz/"}
DATABASE_QUEUE = "django_tasks_db.DatabaseBackend"

# Once the migrations are found applied they stay applied for the life of the process.
_migrated = False


def check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_cache() -> bool:
    key, value = "readyz-probe", secrets.token_hex(8)
    cache.set(key, value, 30)
    return cache.get(key) == value


def check_migrations() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def check_worker(now=None) -> bool:
    """The queue worker was seen within ``READYZ_WORKER_MINUTES``: a task is running or was
    started in that time, or no task has been waiting longer than that (an idle queue needs
    no sign of life)."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    since = now - datetime.timedelta(minutes=settings.READYZ_WORKER_MINUTES)
    working = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if working.exists() or DBTaskResult.objects.filter(started_at__gte=since).exists():
        return True
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, run_after__lt=since, enqueued_at__lt=since
    )
    return not waiting.exists()


def checks() -> dict:
    found = {"database": check_database, "cache": check_cache, "migrations": check_migrations}
    if settings.TASKS["default"]["BACKEND"] == DATABASE_QUEUE:
        found["worker"] = check_worker
    return found


def readiness() -> dict[str, bool]:
    results = {}
    for name, check in checks().items():
        try:
            results[name] = bool(check())
        except Exception:
            # The probe's answer says only "not ok"; the log says why.
            logger.exception("Readiness check %s failed", name)
            results[name] = False
    return results


def _answer(results: dict[str, bool]) -> JsonResponse:
    ready = all(results.values())
    response = JsonResponse(
        {
            "status": "ok" if ready else "not ok",
            "checks": {name: "ok" if ok else "not ok" for name, ok in results.items()},
        },
        status=200 if ready else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthProbeMiddleware:
    """Answers ``/healthz`` and ``/readyz`` (GET or HEAD) before anything else runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path.startswith("/healthz"):
            return _answer({})
        return _answer(readiness())
