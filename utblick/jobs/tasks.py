from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """The one task on the queue: it runs the job's handler (see services.start_job)."""
    from .services import execute_job

    execute_job(job_id=job_id)
