"""Two real workers on one PostgreSQL, the same job on the queue twice: it runs once.

PostgreSQL only: the workers are separate processes on the test database (SQLite's test
database lives in memory, which other processes cannot open).
"""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from utblick.core.tests.test_faults import manage, wait_for
from utblick.jobs.models import Job
from utblick.jobs.services import enqueue
from utblick.tenancy.tests.factories import active_municipality

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="separate processes share PostgreSQL only"
    ),
]


def test_two_workers_never_run_one_job_twice(tmp_path, settings, reference_data):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = Job.objects.create(
        municipality=active_municipality("1488"),
        title="Slow count",
        handler="utblick.jobs.tests.handlers.slow_count",
        params={"rows": 20, "pause": 0.1},
    )
    enqueue(job)
    enqueue(job)  # as `resume_jobs` on a second server would, while the first runs it
    log = tmp_path / "workers.log"
    workers = [
        manage("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", log=log)
        for _ in range(2)
    ]
    try:
        wait_for(
            lambda: (
                not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
                and Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED
            ),
            120,
            f"the job and both queue entries to finish ({log})",
        )
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=20)
    finished = Job.objects.get(pk=job.pk)
    assert finished.attempts == 1, log.read_text()
    assert (finished.done, finished.result) == (20, {"rows": 20})
