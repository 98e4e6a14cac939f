from django_tasks import task

from utblick.core.logs import log_context


@task()
def run_job(job_id: int) -> None:
    """The one task on the queue: it runs the job's handler (see services.start_job)."""
    from .services import execute_job

    with log_context(job_id=job_id):
        execute_job(job_id=job_id)
