"""A job is run by one worker at a time: it is claimed with a lease that its progress
reports renew; a job whose worker died is taken up again once the lease has run out."""

import datetime

from django.utils import timezone

from utblick.jobs.models import Job
from utblick.jobs.services import execute_job
from utblick.jobs.tests.test_jobs import _start


def held_by_another_worker(job, *, expires_in):
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        attempts=1,
        lease_token="other-worker",
        lease_expires_at=timezone.now() + datetime.timedelta(seconds=expires_in),
    )


def test_a_job_another_worker_runs_is_not_run_twice(home):
    job = _start(home, "count_rows", rows=3)
    held_by_another_worker(job, expires_in=60)
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done) == (Job.Status.RUNNING, 1, 0)
    assert job.lease_token == "other-worker"


def test_a_job_whose_worker_died_is_resumed_once_after_its_lease_ran_out(home):
    job = _start(home, "count_rows", rows=3)
    held_by_another_worker(job, expires_in=-1)
    execute_job(job_id=job.pk)
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (Job.Status.SUCCEEDED, 2, {"rows": 3})
    assert job.lease_token == "" and job.lease_expires_at is None


def test_a_worker_whose_job_was_taken_over_stops_without_writing(home):
    job = _start(home, "taken_over")
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    # The other worker's run decides the outcome; this one wrote neither progress nor result.
    assert (job.status, job.done, job.result) == (Job.Status.RUNNING, 0, {})
    assert job.lease_token == "other-worker"
