from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from utblick.jobs.models import Job
from utblick.jobs.services import execute_job, start_job
from utblick.jobs.tests import handlers
from utblick.tenancy.models import Unit
from utblick.testing import login


def run_worker():
    """`manage.py db_worker --batch` inside the test's transaction.

    The worker recycles connections between tasks (close_old_connections), which would close
    the test transaction's connection on PostgreSQL; here that is switched off.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _start(home, handler, **params):
    return start_job(
        municipality=home.municipality,
        user=home.users["coordinator"],
        title="Test job",
        task=getattr(handlers, handler),
        params=params,
    )


def test_a_job_runs_when_its_transaction_commits(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _start(home, "count_rows", rows=5)
        assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (5, 5, 100)
    assert job.result == {"rows": 5}
    assert job.attempts == 1


def test_a_job_stores_its_task_and_runs_on_the_task_queue(home):
    job = _start(home, "count_rows", rows=1)
    assert job.handler == "utblick.jobs.tests.handlers.count_rows"
    assert job.queue == "default"


def test_a_plain_function_is_refused_at_once(home):
    with pytest.raises(TypeError, match="@job_task"):
        start_job(
            municipality=home.municipality,
            user=None,
            title="Test job",
            task=handlers.count_rows.func,
        )
    assert not Job.objects.filter(title="Test job").exists()


def test_a_job_whose_task_no_longer_exists_fails_with_a_clear_message(home):
    job = Job.objects.create(
        municipality=home.municipality, title="Old job", handler="utblick.gone.old_job"
    )
    with translation.override("sv"):
        execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == (
        "Jobbet kan inte köras: dess uppgift finns inte i den här versionen av Utblick."
    )


def test_a_failed_job_keeps_nothing_and_shows_its_errors_with_lines(client, home):
    job = _start(home, "create_unit_then_fail", name="Half-written unit")
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors == [{"line": 3, "message": "No title"}, {"line": 7, "message": "Bad date"}]
    assert not Unit.objects.filter(name="Half-written unit").exists()

    login(client, home.users["reader"])
    with translation.override("sv"):  # the Swedish page, whatever an earlier test activated
        url = job.get_absolute_url()
    page = client.get(url).content.decode()
    assert "2 rows are wrong." in page
    assert "Rad 3" in page and "No title" in page
    assert "Rad 7" in page and "Bad date" in page


def test_an_unexpected_error_fails_the_job_with_a_plain_message(home):
    job = _start(home, "crash")
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "boom" not in job.message
    assert job.message


def test_a_finished_job_is_not_run_again(home):
    job = _start(home, "count_rows", rows=2)
    execute_job(job_id=job.pk)
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.attempts == 1


def test_status_endpoint_reports_progress(client, home):
    job = _start(home, "count_rows", rows=4)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=1, total=4)
    login(client, home.users["rep"])
    url = reverse("staff:job_status", args=[home.municipality.slug, job.pk])
    data = client.get(url).json()
    assert data["status"] == "running"
    assert (data["done"], data["total"], data["percent"]) == (1, 4, 25)
    assert data["finished"] is False

    page = client.get(job.get_absolute_url()).content.decode()
    assert '<progress id="job-progress" max="4" value="1">' in page


def test_job_list_shows_only_own_municipality(client, home, away):
    login(client, home.users["coordinator"])
    page = client.get(reverse("staff:job_list", args=[home.municipality.slug])).content.decode()
    assert home.records["job"].title in page
    assert away.records["job"].title not in page


def test_job_list_has_constant_query_count(client, home, django_assert_max_num_queries):
    login(client, home.users["coordinator"])
    url = reverse("staff:job_list", args=[home.municipality.slug])
    client.get(url)
    for _ in range(20):
        _start(home, "count_rows", rows=1)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("Test job") == 20


def test_the_database_worker_runs_queued_jobs(settings, home, django_capture_on_commit_callbacks):
    """The real queue: enqueue in the database, then `manage.py db_worker` works it off."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = _start(home, "count_rows", rows=3)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"rows": 3}


def test_unfinished_jobs_are_resumed_after_a_worker_stops(
    settings, home, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = _start(home, "count_rows", rows=2)
    # The worker was killed while the job ran: its queue entry is gone, the job says running.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    call_command("resume_jobs", verbosity=0)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 1


def test_resume_fails_a_job_whose_task_no_longer_exists(settings, home):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    gone = Job.objects.create(
        municipality=home.municipality, title="Old job", handler="utblick.gone.old_job"
    )
    kept = _start(home, "count_rows", rows=1)
    from django_tasks_db.models import DBTaskResult

    call_command("resume_jobs", verbosity=0)
    gone.refresh_from_db()
    assert gone.status == Job.Status.FAILED and gone.message
    assert gone.finished_at is not None
    queued = [
        (task_path, args_kwargs["args"])
        for task_path, args_kwargs in DBTaskResult.objects.values_list("task_path", "args_kwargs")
    ]
    assert ("utblick.jobs.tests.handlers.count_rows", [kept.pk]) in queued
    assert not [args for _path, args in queued if args == [gone.pk]]
