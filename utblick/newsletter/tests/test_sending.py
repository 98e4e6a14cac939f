"""Sending through a real SMTP server on localhost: exactly one copy per recipient, also after
refusals, a server that hangs up mid-send and a crash."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from utblick.jobs.models import Job
from utblick.jobs.services import execute_job

from .. import compose, sending, services
from ..models import Delivery, Issue, Subscription
from .factories import IssueFactory, MailingListFactory, subscribe_active


@pytest.fixture(autouse=True)
def english():
    """These tests read messages of commands and jobs, which speak the active language."""
    with translation.override("en"):
        yield


@pytest.fixture
def letter(home):
    """An issue on a fresh external list with 12 subscribers (3 of them in English)."""
    mailing_list = MailingListFactory(municipality=home.municipality, name="Testlistan")
    people = [
        subscribe_active(
            mailing_list, email=f"p{n:02}@example.org", language="en" if n % 4 == 0 else "sv"
        )
        for n in range(12)
    ]
    issue = IssueFactory(
        municipality=home.municipality,
        mailing_list=mailing_list,
        subject_sv="Vårens nyheter",
        subject_en="News of the spring",
        created_by=home.users["coordinator"],
    )
    issue.news_items.add(home.records["news_item"])
    return issue, people


def send(issue, user):
    job = services.start_sending(issue=issue, user=user)
    execute_job(job_id=job.pk)
    job.refresh_from_db()
    issue.refresh_from_db()
    return job


def statuses(issue):
    return Counter(issue.deliveries.values_list("status", flat=True))


def test_every_subscriber_gets_one_mail_in_their_language_with_one_click_unsubscribe(
    smtp_server, letter, home
):
    issue, people = letter
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"sent": 12, "failed": 0, "total": 12}
    assert (job.done, job.total) == (12, 12)
    assert issue.status == Issue.Status.SENT and issue.sent_at
    assert sorted(smtp_server.recorder.recipients()) == sorted(p.email for p in people)
    assert statuses(issue) == {"sent": 12}

    by_address = {rcpts[0]: message for rcpts, message in smtp_server.recorder.messages}
    english = by_address["p00@example.org"]
    swedish = by_address["p01@example.org"]
    assert english["Subject"] == "News of the spring"
    assert swedish["Subject"] == "Vårens nyheter"
    assert english["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = "".join(english["List-Unsubscribe"].split()).strip("<>")
    assert unsubscribe.startswith("http") and people[0].key in unsubscribe
    html = english.get_body(("html",)).get_content()
    text = english.get_body(("plain",)).get_content()
    assert '<html lang="en">' in html
    assert "<h1" in html and "News of the spring" in html
    assert 'alt="Flags outside the town hall"' in html
    assert unsubscribe in html and unsubscribe in text
    assert "New cooperation with Emilia-Romagna" in text
    assert swedish.get_body(("html",)).get_content().count('lang="sv"') == 1


def test_refused_recipients_are_recorded_and_temporary_failures_retried(smtp_server, letter, home):
    issue, people = letter
    recorder = smtp_server.recorder
    recorder.refuse["p03@example.org"] = "550 5.1.1 No such user"
    recorder.refuse_once["p05@example.org"] = "451 4.7.1 Greylisted, try again"
    job = send(issue, home.users["coordinator"])

    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result["sent"] == 11 and job.result["failed"] == 1
    refused = issue.deliveries.get(subscriber=people[3])
    assert (refused.status, refused.smtp_code, refused.attempts) == ("failed", 550, 1)
    assert "No such user" in refused.error
    greylisted = issue.deliveries.get(subscriber=people[5])
    assert (greylisted.status, greylisted.attempts) == ("sent", 2)
    counts = Counter(recorder.recipients())
    assert counts["p03@example.org"] == 0
    assert all(counts[p.email] == 1 for p in people if p.email != "p03@example.org")


def test_a_temporary_failure_that_persists_is_given_up_after_the_allowed_attempts(
    smtp_server, letter, home, settings
):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    issue, people = letter
    smtp_server.recorder.refuse["p07@example.org"] = "452 4.2.2 Mailbox full"
    send(issue, home.users["coordinator"])
    delivery = issue.deliveries.get(subscriber=people[7])
    assert (delivery.status, delivery.attempts, delivery.smtp_code) == ("failed", 3, 452)
    assert "3" in delivery.error and "Mailbox full" in delivery.error


def test_a_server_that_hangs_up_mid_send_then_a_restart_gives_everyone_exactly_one_copy(
    smtp_server, letter, home
):
    issue, people = letter
    recorder = smtp_server.recorder
    recorder.drop_after = 5
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.FAILED
    assert "resume" in job.message
    assert issue.status == Issue.Status.SENDING
    assert statuses(issue) == {"sent": 5, "pending": 7}
    assert len(recorder.recipients()) == 5

    recorder.drop_after = None  # the server is back
    second = send(issue, home.users["coordinator"])
    assert second.status == Job.Status.SUCCEEDED
    assert issue.status == Issue.Status.SENT
    assert statuses(issue) == {"sent": 12}
    assert Counter(recorder.recipients()) == Counter(p.email for p in people)
    assert issue.deliveries.count() == 12


def test_a_crash_mid_send_is_resumed_by_resume_jobs_without_duplicates(
    smtp_server, letter, home, monkeypatch
):
    issue, people = letter
    real_send = sending.Mailer.send
    calls = {"n": 0}

    def crashing_send(self, message):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")  # not caught by the job runner: a crash
        return real_send(self, message)

    monkeypatch.setattr(sending.Mailer, "send", crashing_send)
    job = services.start_sending(issue=issue, user=home.users["coordinator"])
    with pytest.raises(SystemExit):
        execute_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING  # as a killed worker leaves it
    assert statuses(issue) == {"sent": 3, "pending": 9}

    monkeypatch.setattr(sending.Mailer, "send", real_send)
    # The killed worker's lease runs out (no heartbeat any more); until then no one may take
    # the job over, since its worker could still be alive.
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    call_command("resume_jobs", verbosity=0)  # the immediate backend runs it at once
    job.refresh_from_db()
    issue.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert statuses(issue) == {"sent": 12}
    assert Counter(smtp_server.recorder.recipients()) == Counter(p.email for p in people)


def test_sending_again_or_twice_at_once_is_refused(smtp_server, letter, home):
    issue, _people = letter
    job = services.start_sending(issue=issue, user=home.users["coordinator"])
    with pytest.raises(services.SendingRefused):
        services.start_sending(issue=issue, user=home.users["coordinator"])
    execute_job(job_id=job.pk)
    with pytest.raises(services.SendingRefused):
        services.start_sending(issue=issue, user=home.users["coordinator"])
    assert len(smtp_server.recorder.recipients()) == 12


def test_who_leaves_the_list_before_their_turn_gets_nothing(smtp_server, letter, home):
    issue, people = letter
    sending.prepare_deliveries(issue)
    Subscription.objects.filter(subscriber=people[2]).update(status=Subscription.Status.ENDED)
    send(issue, home.users["coordinator"])
    assert issue.deliveries.get(subscriber=people[2]).status == Delivery.Status.CANCELLED
    assert "p02@example.org" not in smtp_server.recorder.recipients()
    assert len(smtp_server.recorder.recipients()) == 11


def test_an_internal_list_reaches_the_staff(smtp_server, home):
    internal = home.records["internal_mailing_list"]
    for name in ("coordinator", "reader"):
        user = home.users[name]
        user.email = f"{name}@{home.municipality.slug}.se"
        user.save()
    issue = IssueFactory(municipality=home.municipality, mailing_list=internal)
    send(issue, home.users["coordinator"])
    received = smtp_server.recorder.recipients()
    assert sorted(received) == sorted(
        [f"coordinator@{home.municipality.slug}.se", f"reader@{home.municipality.slug}.se"]
    )


def test_the_rate_limit_spaces_the_mails(monkeypatch):
    sleeps = []
    clock = {"now": 100.0}
    monkeypatch.setattr(sending.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(sending.time, "sleep", lambda s: sleeps.append(round(s, 3)))
    limit = sending.RateLimit(4)  # 4 mails per second
    for _ in range(3):
        limit.wait()
    assert sleeps == [0.25, 0.5]
    assert sending.RateLimit(0).interval == 0


def test_scheduled_issues_are_started_by_the_cron_command_when_due(
    smtp_server, letter, home, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    issue, people = letter
    later = IssueFactory(municipality=home.municipality, mailing_list=issue.mailing_list)
    services.schedule(issue=issue, at=timezone.now() - datetime.timedelta(minutes=1))
    services.schedule(issue=later, at=timezone.now() + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_scheduled_newsletters", verbosity=0)
    issue.refresh_from_db()
    later.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert later.status == Issue.Status.SCHEDULED
    assert len(smtp_server.recorder.recipients()) == len(people)


def test_the_mail_lists_the_chosen_calls_with_programme_deadline_and_link(
    smtp_server, letter, home
):
    issue, people = letter
    call = home.records["newsletter_call"]
    issue.calls.add(call)
    send(issue, home.users["coordinator"])
    by_address = {rcpts[0]: message for rcpts, message in smtp_server.recorder.messages}
    due = timezone.localtime(call.deadlines.get().due, compose.SWEDISH_TIME)
    for address, heading in (("p00@example.org", "Upcoming calls"), ("p01@example.org", None)):
        html = by_address[address].get_body(("html",)).get_content()
        text = by_address[address].get_body(("plain",)).get_content()
        for body in (html, text):
            assert "Cities for climate-neutral twinning" in body
            assert call.programme.name in body
            assert f"{due:%Y-%m-%d %H:%M}" in body
            assert "https://ec.europa.eu/info/funding-tenders/" in body
        if heading:
            assert heading in html and heading in text


# Rate limit and back-off against the real server --------------------------------------


def test_the_rate_limit_spaces_the_mails_to_the_real_server(smtp_server, letter, home, settings):
    issue, people = letter
    settings.NEWSLETTER_RATE_LIMIT = 40  # mails per second
    started = time.monotonic()
    send(issue, home.users["coordinator"])
    elapsed = time.monotonic() - started
    accepted = smtp_server.recorder.accepted_at
    assert len(accepted) == 12
    # Twelve mails at 40 a second cannot all be sent in less than eleven intervals.
    assert elapsed >= 11 / 40
    assert accepted[-1] - started >= 11 / 40


def test_the_rate_limit_waits_exactly_one_interval_between_mails(
    smtp_server, letter, home, settings, monkeypatch
):
    """With a clock that only moves when the sender sleeps, the waits are exact."""
    issue, people = letter
    settings.NEWSLETTER_RATE_LIMIT = 4
    clock = {"now": 1000.0}
    slept = []

    def fake_sleep(seconds):
        slept.append(round(seconds, 6))
        clock["now"] += seconds

    monkeypatch.setattr(sending.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(sending.time, "sleep", fake_sleep)
    send(issue, home.users["coordinator"])
    assert slept == [0.25] * 11
    assert sorted(smtp_server.recorder.recipients()) == sorted(p.email for p in people)


def test_temporary_failures_are_retried_after_a_doubling_back_off(
    smtp_server, letter, home, settings
):
    issue, people = letter
    settings.NEWSLETTER_RETRY_SECONDS = 0.3
    settings.NEWSLETTER_MAX_ATTEMPTS = 5
    smtp_server.recorder.refuse_times["p06@example.org"] = ["451 4.7.1 Greylisted", 2]
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.SUCCEEDED
    attempts = [
        t for t, address, _code in smtp_server.recorder.rcpt_log if address == "p06@example.org"
    ]
    codes = [
        code for _t, address, code in smtp_server.recorder.rcpt_log if address == "p06@example.org"
    ]
    assert codes == [451, 451, 250]
    assert attempts[1] - attempts[0] >= 0.3  # the first back-off
    assert attempts[2] - attempts[1] >= 0.6  # doubled
    delivery = issue.deliveries.get(subscriber=people[6])
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 3, "")
    assert Counter(smtp_server.recorder.recipients())["p06@example.org"] == 1
    # Back-off doubles up to a cap of an hour.
    settings.NEWSLETTER_RETRY_SECONDS = 60
    assert [sending.backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert sending.backoff(20).total_seconds() == sending.MAX_BACKOFF_SECONDS


def test_a_long_back_off_gives_the_worker_back_and_the_queue_sends_the_rest_later(
    smtp_server, letter, home, settings, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    issue, people = letter
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    settings.NEWSLETTER_RETRY_SECONDS = 600
    smtp_server.recorder.refuse_times["p06@example.org"] = ["451 4.7.1 Greylisted", 1]

    def no_long_sleep(pause):
        if pause > sending.WAIT_IN_WORKER_SECONDS:
            raise AssertionError(f"the worker slept {pause} s")

    monkeypatch.setattr(sending.time, "sleep", no_long_sleep)

    job = send(issue, home.users["coordinator"])
    # Eleven sent, one waits ten minutes: the job is back on the queue, not asleep.
    assert statuses(issue) == {"sent": 11, "retry": 1}
    assert job.status == Job.Status.QUEUED
    assert "11 of 12 done; the rest is retried at" in job.message
    assert issue.status == Issue.Status.SENDING
    retry = issue.deliveries.get(status="retry")
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.args_kwargs["args"] == [job.pk]
    assert queued.run_after == retry.next_attempt_at
    assert not DBTaskResult.objects.ready().exists()  # the worker leaves it until then

    # Ten minutes later the worker takes the task and sends the last one, once.
    issue.deliveries.filter(pk=retry.pk).update(next_attempt_at=timezone.now())
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    ready = DBTaskResult.objects.ready().get()
    ready.task.call(*ready.args_kwargs["args"], **ready.args_kwargs["kwargs"])
    job.refresh_from_db()
    issue.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert issue.status == Issue.Status.SENT
    assert statuses(issue) == {"sent": 12}
    assert Counter(smtp_server.recorder.recipients())["p06@example.org"] == 1
    assert sorted(smtp_server.recorder.recipients()) == sorted(p.email for p in people)


# Resuming: only what failed for a while ----------------------------------------------


def test_cron_resumes_temporary_failures_but_not_permanent_or_cancelled_sendings(
    smtp_server, letter, home, django_capture_on_commit_callbacks
):
    issue, people = letter
    coordinator = home.users["coordinator"]
    recorder = smtp_server.recorder
    refused = IssueFactory(municipality=home.municipality, mailing_list=issue.mailing_list)
    cancelled = IssueFactory(municipality=home.municipality, mailing_list=issue.mailing_list)

    # A server that hangs up: temporary, the issue stays "sending".
    recorder.drop_after = 4
    assert send(issue, coordinator).status == Job.Status.FAILED
    assert issue.status == Issue.Status.SENDING
    # Another issue is cut off the same way, and then the coordinator cancels it.
    recorder.drop_after = 4 + 3
    assert send(cancelled, coordinator).status == Job.Status.FAILED
    services.cancel_sending(issue=cancelled)
    cancelled.refresh_from_db()
    assert cancelled.status == Issue.Status.CANCELLED
    assert statuses(cancelled) == {"sent": 3, "cancelled": 9}
    # A server that refuses our sender address for good: no recipient is marked failed.
    recorder.drop_after = None
    recorder.refuse_sender = "550 5.7.1 Sender not allowed"
    job = send(refused, coordinator)
    assert job.status == Job.Status.FAILED
    assert "refuses" in job.message and "550" in job.message
    assert refused.status == Issue.Status.STOPPED
    assert statuses(refused) == {"pending": 12}

    # The server is fine again; cron resumes only the interrupted one.
    recorder.refuse_sender = None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_scheduled_newsletters", verbosity=0)
    for each in (issue, refused, cancelled):
        each.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert statuses(issue) == {"sent": 12}
    assert refused.status == Issue.Status.STOPPED and refused.job_id == job.pk
    assert cancelled.status == Issue.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due() == []
    with pytest.raises(services.SendingRefused):
        services.start_sending(issue=cancelled, user=coordinator)

    # The coordinator resumes the stopped one once the settings are right.
    assert send(refused, coordinator).status == Job.Status.SUCCEEDED
    assert statuses(refused) == {"sent": 12}
    received = Counter(recorder.recipients())
    # Each person: one copy of the interrupted issue, one of the resumed one, and the first
    # three of the cancelled one.
    assert sum(received.values()) == 12 + 12 + 3
    assert all(received[p.email] in (2, 3) for p in people)


def test_an_unexpected_error_stops_the_sending_and_cron_leaves_it(
    smtp_server, letter, home, monkeypatch, django_capture_on_commit_callbacks
):
    issue, _people = letter

    def broken(*args, **kwargs):
        raise ValueError("a template that cannot be rendered")

    monkeypatch.setattr(sending.compose, "render_mail", broken)
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.FAILED
    assert issue.status == Issue.Status.STOPPED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due() == []
    assert smtp_server.recorder.recipients() == []


def test_a_sending_cancelled_while_it_runs_stops_at_once(smtp_server, letter, home, monkeypatch):
    issue, _people = letter
    real_send = sending.Mailer.send
    calls = {"n": 0}

    def send_then_cancel(self, message):
        real_send(self, message)
        calls["n"] += 1
        if calls["n"] == 2:  # the coordinator cancels from another request meanwhile
            services.cancel_sending(issue=Issue.objects.get(pk=issue.pk))

    monkeypatch.setattr(sending, "CANCEL_CHECK_EVERY", 1)
    monkeypatch.setattr(sending.Mailer, "send", send_then_cancel)
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.SUCCEEDED and job.result["cancelled"] is True
    assert issue.status == Issue.Status.CANCELLED
    assert statuses(issue) == {"sent": 2, "cancelled": 10}
    assert len(smtp_server.recorder.recipients()) == 2
