"""Job tasks used by the tests (registered at startup through ``JOB_TASK_MODULES``, so that
workers started by the tests find them too)."""

from django.db import transaction

from utblick.jobs.services import JobFailed, job_task
from utblick.tenancy.models import Unit
from utblick.tenancy.services import save_unit


@job_task()
def count_rows(context, *, rows):
    for done in range(1, rows + 1):
        context.progress(done, rows, f"Row {done}")
    return {"rows": rows}


@job_task()
def create_unit_then_fail(context, *, name):
    """Handlers write in their own transaction, so a failure leaves nothing behind."""
    with transaction.atomic():
        save_unit(municipality=context.municipality, name_sv=name, kind=Unit.Kind.OFFICE)
        errors = [{"line": 3, "message": "No title"}, {"line": 7, "message": "Bad date"}]
        raise JobFailed("2 rows are wrong.", errors)


@job_task()
def crash(context):
    raise RuntimeError("boom")


@job_task()
def slow_count(context, *, rows, pause):
    """Counts slowly, so that a test can kill the worker half-way through."""
    import time

    for done in range(1, rows + 1):
        time.sleep(pause)
        context.progress(done, rows, f"Row {done}")
    return {"rows": rows}


@job_task()
def taken_over(context):
    """Another worker takes the job over (its lease ran out) before this one reports."""
    from utblick.jobs.models import Job

    Job.objects.filter(pk=context.job.pk).update(lease_token="other-worker")
    context.progress(1, 2, "Row 1")
    return {"rows": 2}


@job_task()
def bulk_write_own(context):
    """Writes its municipality's public data in bulk, as an import does."""
    context.public_data_changed()
    return {}


@job_task()
def bulk_write_shared(context):
    """Writes shared data in bulk (calls, EU open data), which every municipality shows."""
    context.public_data_changed(shared=True)
    return {}
