"""How a job runs: the :func:`job_task` decorator that makes a handler a django-tasks task,
the lease a worker holds while it runs one, and how the outcome is written.

A handler decorated with ``@job_task()`` becomes a registered task whose one argument is the
job id; the worker runs it through :func:`execute_job` (claim, lease, finish). The task's
``module_path`` is stored on the job, so that ``resume_jobs`` can find its task again in
:data:`_TASKS` after a crash: every app's tasks are imported at startup (the jobs app's
``ready()`` imports each app's ``jobs`` module).
"""

from __future__ import annotations

import datetime
import functools
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.base import Task

from utblick.core import public_cache
from utblick.core.logs import log_context

from .models import Job

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds), and always at the end.
PROGRESS_INTERVAL = 0.5


class JobFailed(Exception):
    """Raise from a handler to fail the job with a message and a list of errors.

    ``errors`` is a list of ``{"line": int | None, "message": str}``; nothing the handler
    wrote in its own transaction is kept.
    """

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = str(message)
        self.errors = [dict(e) for e in errors]


class LeaseLost(Exception):
    """The job's lease ran out and another worker took it over: stop, writing nothing."""


class RunLater(Exception):
    """Raise from a handler to give the worker back and run the job again at ``at`` (an
    aware datetime): for work that has to wait, such as mail retries after a back-off. What
    the handler wrote is kept, so it must go on from where it stopped. Only where the queue
    can defer work: see :func:`can_run_later`."""

    def __init__(self, at, message=""):
        super().__init__(message)
        self.at = at
        self.message = str(message)


def can_run_later() -> bool:
    """Whether the queue can run a job at a later time (the database queue can; the
    immediate one used by the tests runs everything at once)."""
    return task_backends[DEFAULT_TASK_BACKEND_ALIAS].supports_defer


def _lease_until():
    return timezone.now() + datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


@dataclass
class JobContext:
    job: Job
    _last_write: float = field(default=0.0)
    # Public data the handler wrote without signals (bulk writes): the municipalities'
    # slugs, or public_cache.SHARED for shared data. Only these pages go when it ends.
    changed: set = field(default_factory=set)

    def public_data_changed(self, *, shared=False):
        """Tell the runner that the job wrote public data in bulk (no signals): the
        municipality's, or, with ``shared``, data every municipality's pages show."""
        self.changed.add(public_cache.SHARED if shared else self.job.municipality.slug)

    @property
    def municipality(self):
        return self.job.municipality

    @property
    def user(self):
        return self.job.created_by

    def progress(self, done, total=None, message=""):
        """Record progress; cheap to call for every row (writes are throttled). Each write
        renews the job's lease (the heartbeat)."""
        now = time.monotonic()
        finished = total is not None and done >= total
        if not finished and now - self._last_write < PROGRESS_INTERVAL:
            return
        fields = {"done": done, "message": str(message)[:300]}
        if total is not None:
            fields["total"] = total
        self._write(fields)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def heartbeat(self):
        """Renew the lease: for a handler that works long without reporting progress."""
        self._write({})

    def _write(self, fields):
        self._last_write = time.monotonic()
        held = Job.objects.filter(pk=self.job.pk, lease_token=self.job.lease_token)
        if not held.update(lease_expires_at=_lease_until(), **fields):
            raise LeaseLost(self.job.pk)


# The queues (``TASKS["default"]["QUEUES"]``): mail goes apart, with its own worker.
DEFAULT_QUEUE = "default"
MAIL_QUEUE = "mail"


# Every job task, by its module path (what a job stores): filled by :func:`job_task`.
_TASKS: dict[str, Task] = {}
_HANDLERS: dict[str, Callable] = {}  # the handler each task runs


def job_task(*, queue_name=DEFAULT_QUEUE):
    """Make ``handler(context, **params)`` a registered django-tasks task run with a job id::

        @job_task(queue_name=MAIL_QUEUE)
        def send_issue_job(context, *, issue_id): ...

        start_job(..., task=send_issue_job, params={"issue_id": issue.pk})

    The task keeps the handler's module and name, so the worker finds it where the handler
    was declared; ``queue_name`` is where :func:`start_job` puts its jobs by default.
    """

    def decorate(handler):
        def run(job_id: int) -> None:
            with log_context(job_id=job_id):
                execute_job(job_id=job_id, handler=handler)

        functools.update_wrapper(run, handler)
        del run.__wrapped__  # the task runs ``run``, never the handler itself
        registered = task(queue_name=queue_name)(run)
        _TASKS[registered.module_path] = registered
        _HANDLERS[registered.module_path] = handler
        return registered

    return decorate


def _unknown_task_message():
    return _("The job cannot run: its task does not exist in this version of Utblick.")


def task_for(module_path: str):
    """The job task stored under ``module_path``, or None if no such task is declared."""
    return _TASKS.get(module_path)


def enqueue(job: Job, *, run_after=None) -> bool:
    """Put the job on its queue; False (and the job failed) if its task no longer exists."""
    registered = task_for(job.handler)
    if registered is None:
        logger.error("Job %s names an unknown task %s; it is failed.", job.pk, job.handler)
        Job.objects.filter(pk=job.pk).exclude(
            status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED]
        ).update(
            status=Job.Status.FAILED,
            message=_unknown_task_message(),
            lease_token="",
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
        return False
    options = {"queue_name": job.queue}
    if run_after is not None:
        options["run_after"] = run_after
    registered.using(**options).enqueue(job.pk)
    return True


def _claim(job_id: int) -> str | None:
    """Take the job for this worker: one conditional update, so of two workers only one
    gets it. A queued job is free; a running one only once its lease has run out (its
    worker died)."""
    now = timezone.now()
    token = uuid.uuid4().hex
    free = Q(status=Job.Status.QUEUED) | Q(
        Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now),
        status=Job.Status.RUNNING,
    )
    taken = Job.objects.filter(free, pk=job_id).update(
        status=Job.Status.RUNNING,
        started_at=now,
        attempts=F("attempts") + 1,
        lease_token=token,
        lease_expires_at=_lease_until(),
    )
    return token if taken else None


def execute_job(*, job_id: int, handler=None) -> Job:
    """Run a queued job with its handler (called by the job's task in the worker; without
    ``handler``, the one of the task the job names). A finished job is never run again, and
    a job another worker holds is left to it: tried again when its lease runs out."""
    token = _claim(job_id)
    if token is None:
        job = Job.objects.filter(pk=job_id).first()
        if job is not None and job.status == Job.Status.RUNNING and can_run_later():
            logger.info("Job %s is held by another worker; tried again later.", job_id)
            enqueue(job, run_after=job.lease_expires_at)
        else:
            logger.info("Job %s is finished, held or gone; not run now.", job_id)
        return job
    job = Job.objects.select_related("municipality", "created_by").get(pk=job_id)
    context = JobContext(job=job)
    handler = handler or _HANDLERS.get(job.handler)
    if handler is None:
        logger.error("Job %s names an unknown task %s; it is failed.", job.pk, job.handler)
        _finish(job, Job.Status.FAILED, message=_unknown_task_message())
        return job
    try:
        result = handler(context, **job.params)
    except LeaseLost:
        logger.warning("Job %s was taken over by another worker; this run stops.", job.pk)
    except RunLater as later:
        job.message = later.message[:300]
        if _release(job, status=Job.Status.QUEUED, message=job.message):
            enqueue(job, run_after=later.at)
    except JobFailed as failure:
        _finish(job, Job.Status.FAILED, message=failure.message, errors=failure.errors)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.handler)
        _finish(
            job,
            Job.Status.FAILED,
            message=_("The job stopped because of an unexpected error. Nothing was saved."),
        )
    else:
        _finish(job, Job.Status.SUCCEEDED, result=result or {}, message=job.message)
        # Rows saved one by one dropped their pages already (the cache's receivers); bulk
        # writes, which send no signals, are what the handler reported.
        for scope in sorted(context.changed):
            public_cache.invalidate(None if scope == public_cache.SHARED else scope)
    return job


def _release(job, **fields) -> bool:
    """Write the job's outcome if this worker still holds it; give the lease back."""
    held = Job.objects.filter(pk=job.pk, lease_token=job.lease_token)
    done = held.update(lease_token="", lease_expires_at=None, **fields)
    for name, value in fields.items():
        setattr(job, name, value)
    return bool(done)


def _finish(job, status, *, message="", errors=(), result=None):
    fields = {
        "status": status,
        "message": str(message)[:300],
        "errors": list(errors),
        "result": result or {},
        "finished_at": timezone.now(),
    }
    if status == Job.Status.SUCCEEDED and job.total is not None:
        fields["done"] = job.total
    _release(job, **fields)
