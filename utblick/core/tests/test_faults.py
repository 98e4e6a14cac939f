"""Faults a production installation survives: a killed worker, dropped database connections.

PostgreSQL only: the worker and the server run as separate processes on the test database.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing

import pytest
from django.conf import settings
from django.db import connection

from utblick.jobs.models import Job
from utblick.jobs.services import enqueue
from utblick.public.tests.factories import ProjectFactory
from utblick.tenancy.tests.factories import UnitFactory, active_municipality

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="separate processes share PostgreSQL only"
    ),
]


def environ(**extra):
    db = connection.settings_dict
    return {
        **os.environ,
        "UTBLICK_ENV": "test",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # A killed worker's job is taken up once its lease runs out: short here.
        "JOB_LEASE_SECONDS": "3",
        **extra,
    }


def manage(*args, log, **extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environ(**extra),
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_a_killed_worker_leaves_its_job_to_be_resumed(tmp_path, settings, reference_data):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log = tmp_path / "worker.log"
    job = Job.objects.create(
        municipality=active_municipality("1488"),
        title="Slow count",
        handler="utblick.jobs.tests.handlers.slow_count",
        params={"rows": 40, "pause": 0.1},
    )
    enqueue(job)
    worker = manage("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2", log=log)
    try:
        wait_for(lambda: Job.objects.get(pk=job.pk).done > 0, 120, f"the job to start ({log})")
        os.kill(worker.pid, signal.SIGKILL)  # no chance to clean up
        worker.wait(timeout=10)
        killed = Job.objects.get(pk=job.pk)
        assert killed.status == Job.Status.RUNNING and 0 < killed.done < 40
    finally:
        if worker.poll() is None:
            worker.kill()

    # What `make demo` and a service manager run at start: resume, then work.
    subprocess.run(
        [sys.executable, "manage.py", "resume_jobs", "-v0"],
        cwd=settings.BASE_DIR,
        env=environ(),
        check=True,
    )
    worker = manage("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2", log=log)
    try:
        wait_for(
            lambda: Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED,
            120,
            f"the resumed job to finish ({log})",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    finished = Job.objects.get(pk=job.pk)
    assert finished.result == {"rows": 40}
    assert finished.done == 40
    assert finished.attempts == 2


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_recovers_when_database_connections_are_dropped(tmp_path, reference_data):
    """What a PostgreSQL restart does to a running server: every connection it holds dies.
    Persistent connections are checked before reuse (CONN_HEALTH_CHECKS), so the first
    request after the restart already gets a fresh one."""
    municipality = active_municipality("1488")
    ProjectFactory(municipality=municipality, unit=UnitFactory(municipality=municipality))
    port = free_port()
    server = manage(
        "serve", "--port", str(port), "--workers", "1", "--threads", "2",
        log=tmp_path / "server.log", PUBLIC_CACHE_SECONDS="0", CONN_MAX_AGE="600",
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/trollhattan/projekt/"
    try:
        wait_for(lambda: _answers(url), 120, "the server to start")
        assert [status_of(url) for _ in range(4)] == [200] * 4
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1, "the server held no connection to drop"
        assert [status_of(url) for _ in range(6)] == [200] * 6
    finally:
        server.terminate()
        server.wait(timeout=20)


def _answers(url):
    try:
        return status_of(url) == 200
    except OSError:
        return False
