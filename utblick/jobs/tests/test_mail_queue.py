"""Mail goes on its own queue, worked by its own worker: a confirmation mail does not wait
behind a long import on the default queue."""

from unittest import mock

from django.core import mail
from django.core.management import call_command

from utblick.jobs.models import Job
from utblick.newsletter import services as newsletter_services


def work_off(queue):
    """`manage.py db_worker --batch --queue-name <queue>` inside the test's transaction."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--queue-name", queue, verbosity=0
        )


def test_a_confirmation_mail_is_sent_by_the_mail_worker_not_the_default_one(
    settings, home, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_services.subscribe(
            municipality=home.municipality,
            email="ny@example.org",
            language="sv",
            lists=[home.records["mailing_list"]],
        )
    job = Job.objects.get(title__icontains="bekräftelse", queue="mail")
    mail.outbox.clear()

    work_off("default")  # the worker of long work, busy with imports, leaves mail alone
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and mail.outbox == []

    work_off("mail")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert [m.to for m in mail.outbox] == [["ny@example.org"]]
