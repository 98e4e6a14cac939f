"""The jobs app's public surface: run long work in the background queue and show progress.

A handler becomes a job task with :func:`job_task`; other apps start it with
:func:`start_job`, passing the task itself::

    @job_task()
    def import_calls_job(context, *, path): ...

    job = start_job(
        municipality=m, user=request.user, title=_("Import of calls"),
        task=import_calls_job, params={"path": "..."},
    )
    return redirect(job)  # the job page shows a progress bar

The handler is called in the worker as ``handler(context, **params)``. It reports progress
with ``context.progress(done, total, message)``, bulk writes to public data with
``context.public_data_changed(shared=...)`` (so that only those cached pages go), returns a
JSON-able result, or raises :class:`JobFailed` with the errors (line numbers included) to
show to staff, or :class:`RunLater` to be run again later without holding the worker
meanwhile. The queue is django-tasks (``TASKS`` in settings): the database backend and
``manage.py db_worker`` in production and the demo, the immediate backend in tests. Each
app declares or imports its job tasks in its ``jobs`` module, imported at startup, so that
:func:`resume_unfinished_jobs` finds the task of every stored job.
"""

from __future__ import annotations

from django.db import transaction

from .models import Job
from .runner import (
    DEFAULT_QUEUE,
    MAIL_QUEUE,
    JobContext,
    JobFailed,
    RunLater,
    can_run_later,
    enqueue,
    execute_job,
    job_task,
    task_for,
)

__all__ = [
    "DEFAULT_QUEUE",
    "MAIL_QUEUE",
    "JobContext",
    "JobFailed",
    "RunLater",
    "can_run_later",
    "enqueue",
    "execute_job",
    "job_task",
    "resume_unfinished_jobs",
    "start_job",
]


def start_job(*, municipality, user, title, task, params=None, queue=None) -> Job:
    """Create a job for ``task`` (declared with :func:`job_task`) and put it on the queue
    once the current transaction commits: on ``queue`` if given, else on the task's own."""
    if task_for(getattr(task, "module_path", "")) is not task:
        raise TypeError(f"{task!r} is not a job task: declare it with @job_task().")
    job = Job.objects.create(
        municipality=municipality,
        created_by=user if user is not None and user.is_authenticated else None,
        title=str(title)[:200],
        handler=task.module_path,
        params=params or {},
        queue=queue or task.queue_name,
    )
    transaction.on_commit(lambda: enqueue(job))
    return job


def resume_unfinished_jobs() -> int:
    """Put jobs that were queued or running when the worker stopped back on the queue; a
    job whose task no longer exists is failed with a message instead."""
    count = 0
    for job in Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]):
        count += enqueue(job)
    return count
