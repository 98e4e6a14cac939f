"""The fast sending path (issue 19): copies made from the mail encoded once per language,
sent with PIPELINING when the server offers it, over several connections, deliveries recorded
in batches; exactly one copy per recipient after a crash in the middle of a batch."""

from collections import Counter
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from utblick.jobs.models import Job
from utblick.jobs.services import execute_job
from utblick.testing import login

from .. import sending, services
from ..models import Delivery, Issue, Subscription
from .factories import IssueFactory, MailingListFactory, subscribe_active
from .helpers import url
from .smtp import Recorder, SmtpServer
from .test_sending import send, statuses


@pytest.fixture(params=[True, False], ids=["pipelining", "plain"])
def server(request, settings):
    """The local SMTP server, offering PIPELINING or not (both ways of sending are used)."""
    with SmtpServer(Recorder(pipelining=request.param)) as smtp:
        for name, value in smtp.settings().items():
            setattr(settings, name, value)
        settings.NEWSLETTER_RATE_LIMIT = 0
        settings.NEWSLETTER_RETRY_SECONDS = 0
        yield smtp


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
        subject_sv="Vårens nyheter från Överkalix",
        subject_en="News of the spring",
        intro_sv="Hälsningar från *kommunens* internationella samordnare.",
        intro_en="Greetings from the international coordinator.",
        created_by=home.users["coordinator"],
    )
    issue.news_items.add(home.records["news_item"])
    return issue, people


def received(server):
    return {rcpts[0]: message for rcpts, message in server.recorder.messages}


def test_each_copy_has_its_own_one_click_unsubscribe_that_works(server, letter, home):
    issue, people = letter
    assert send(issue, home.users["coordinator"]).status == Job.Status.SUCCEEDED
    mails = received(server)
    assert sorted(mails) == sorted(p.email for p in people)
    links, message_ids = set(), set()
    for person in people:
        mail = mails[person.email]
        assert mail["To"] == person.email
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = "".join(mail["List-Unsubscribe"].split()).strip("<>")
        assert person.key in link
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert link in text and link in html  # the same personal link in both bodies
        assert "utblick.invalid" not in text + html + str(mail)
        links.add(link)
        message_ids.add(mail["Message-ID"])
    assert len(links) == len(message_ids) == 12

    # A mail client posts the one-click form to the header's address (RFC 8058).
    reader = people[1]
    link = "".join(mails[reader.email]["List-Unsubscribe"].split()).strip("<>")
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription = Subscription.objects.get(subscriber=reader, mailing_list=issue.mailing_list)
    assert subscription.status == Subscription.Status.ENDED
    assert (
        Subscription.objects.filter(
            mailing_list=issue.mailing_list, status=Subscription.Status.ACTIVE
        ).count()
        == 11
    )


def test_a_swedish_reader_gets_the_issue_in_swedish(server, letter, home):
    issue, people = letter
    send(issue, home.users["coordinator"])
    swedish = received(server)[people[1].email]  # p01 reads Swedish
    assert swedish["Subject"] == "Vårens nyheter från Överkalix"
    assert swedish["Content-Language"] == "sv"
    html = swedish.get_body(("html",)).get_content()
    text = swedish.get_body(("plain",)).get_content()
    assert '<html lang="sv">' in html
    for body in (html, text):
        assert "internationella samordnare" in body
        assert "Internationellt arbete" in body
        assert "Avregistrera" in body
        assert "Unsubscribe" not in body
    english = received(server)[people[0].email]
    assert english["Content-Language"] == "en"
    assert "Unsubscribe" in english.get_body(("plain",)).get_content()


def test_a_crash_in_the_middle_of_a_batch_resends_nothing_the_server_accepted(
    server, letter, home, monkeypatch
):
    issue, people = letter
    assert len(people) < sending.BATCH  # all twelve in one batch
    real_send = sending.Mailer.send
    calls = {"n": 0}

    def crashing_send(self, outgoing):
        calls["n"] += 1
        if calls["n"] == 6:
            raise SystemExit("worker told to stop")
        return real_send(self, outgoing)

    monkeypatch.setattr(sending.Mailer, "send", crashing_send)
    job = services.start_sending(issue=issue, user=home.users["coordinator"])
    with pytest.raises(SystemExit):
        execute_job(job_id=job.pk)
    # The five accepted before the crash are recorded although the batch did not end.
    assert statuses(issue) == {"sent": 5, "pending": 7}
    assert len(server.recorder.recipients()) == 5

    monkeypatch.setattr(sending.Mailer, "send", real_send)
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    call_command("resume_jobs", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert statuses(issue) == {"sent": 12}
    assert Counter(server.recorder.recipients()) == Counter(p.email for p in people)


def test_when_a_batch_cannot_be_recorded_only_its_accepted_mails_go_again_with_their_id(
    server, letter, home, monkeypatch
):
    """The documented limit: a worker that dies before it records a batch (here: the
    database refuses the record) leaves that batch waiting; its copies go out again with
    the same Message-ID, and nothing outside the batch does."""
    issue, _people = letter
    monkeypatch.setattr(sending, "BATCH", 4)
    real_record = sending.record
    calls = {"n": 0}

    def dying_record(accepted, refused):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("killed while recording")
        return real_record(accepted, refused)

    monkeypatch.setattr(sending, "record", dying_record)
    job = services.start_sending(issue=issue, user=home.users["coordinator"])
    with pytest.raises(SystemExit):
        execute_job(job_id=job.pk)
    assert statuses(issue) == {"sent": 4, "pending": 8}
    assert len(server.recorder.recipients()) == 8

    monkeypatch.setattr(sending, "record", real_record)
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    call_command("resume_jobs", verbosity=0)
    assert statuses(issue) == {"sent": 12}
    copies = Counter(server.recorder.recipients())
    twice = sorted(address for address, n in copies.items() if n == 2)
    second_batch = issue.deliveries.order_by("pk").values_list("subscriber__email", flat=True)
    assert twice == sorted(second_batch[4:8])  # the second batch only
    assert set(copies.values()) == {1, 2}
    for address in twice:
        ids = {m["Message-ID"] for r, m in server.recorder.messages if r == [address]}
        assert len(ids) == 1


def test_refused_recipients_are_recorded_and_shown_to_the_coordinator(server, letter, home, client):
    issue, people = letter
    server.recorder.refuse["p03@example.org"] = "550 5.1.1 No such user"
    server.recorder.refuse_once["p05@example.org"] = "451 4.7.1 Greylisted, try again"
    job = send(issue, home.users["coordinator"])
    assert job.result == {"sent": 11, "failed": 1, "total": 12}
    refused = issue.deliveries.get(subscriber=people[3])
    assert (refused.status, refused.smtp_code, refused.attempts) == ("failed", 550, 1)
    assert refused.error == "550 5.1.1 No such user"
    greylisted = issue.deliveries.get(subscriber=people[5])
    assert (greylisted.status, greylisted.attempts, greylisted.error) == ("sent", 2, "")
    copies = Counter(server.recorder.recipients())
    assert copies["p03@example.org"] == 0 and copies["p05@example.org"] == 1
    assert sum(copies.values()) == 11

    login(client, home.users["coordinator"])
    page = client.get(url("staff", "newsletter_issue_detail", home, "en", pk=issue.pk))
    content = page.content.decode()
    assert "p03@example.org" in content and "550 5.1.1 No such user" in content
    assert "p05@example.org" not in content


def test_a_batch_costs_the_same_queries_however_many_recipients_it_has(
    server, letter, home, django_assert_num_queries
):
    issue, people = letter
    more = [
        subscribe_active(issue.mailing_list, email=f"q{n:02}@example.org", language="sv")
        for n in range(28)
    ]
    assert len(more) == 28
    sending.prepare_deliveries(issue)
    mailer = sending.Mailer(issue)
    for language in ("sv", "en"):
        # Rendered and encoded once per issue and language, before the batches.
        assert mailer.template(language).raw is not None
    limit = sending.RateLimit(0)
    due = sending.due_deliveries(issue, 100)
    small, large = due[:4], due[4:]
    assert (len(small), len(large)) == (4, 36)
    for refused in (small[1], large[-1]):
        server.recorder.refuse[refused.email] = "550 5.1.1 No such user"
    try:
        # A savepoint around the batch's record, one UPDATE for the accepted, one for the
        # refused.
        with django_assert_num_queries(4):
            assert sending.send_batch(issue, mailer, small, limit) == 4
        with django_assert_num_queries(4):
            assert sending.send_batch(issue, mailer, large, limit) == 36
    finally:
        mailer.close()
    assert statuses(issue) == {"sent": 38, "failed": 2}
    assert len(server.recorder.recipients()) == 38


def test_content_with_very_long_lines_is_sent_whole_and_personal(server, letter, home):
    """A line longer than SMTP allows makes the body quoted-printable: the copies are then
    built one by one (no byte template), and are as personal as ever."""
    issue, people = letter
    issue.intro_sv = "Ett mycket långt stycke utan radbrytning. " * 40
    issue.save()
    send(issue, home.users["coordinator"])
    mails = received(server)
    assert len(mails) == 12
    for person in people:
        mail = mails[person.email]
        text = mail.get_body(("plain",)).get_content()
        assert person.key in mail["List-Unsubscribe"] and person.key in text
    swedish = mails[people[1].email].get_body(("plain",)).get_content()
    assert "Ett mycket långt stycke utan radbrytning." in swedish


def test_a_cancelled_sending_stops_within_the_batch(server, letter, home, monkeypatch):
    issue, _people = letter
    real_send = sending.Mailer.send
    calls = {"n": 0}

    def send_then_cancel(self, outgoing):
        real_send(self, outgoing)
        calls["n"] += 1
        if calls["n"] == 3:
            services.cancel_sending(issue=Issue.objects.get(pk=issue.pk))

    monkeypatch.setattr(sending, "CANCEL_CHECK_EVERY", 2)
    monkeypatch.setattr(sending.Mailer, "send", send_then_cancel)
    job = send(issue, home.users["coordinator"])
    assert job.result["cancelled"] is True
    assert statuses(issue) == {"sent": 3, "cancelled": 9}
    assert len(server.recorder.recipients()) == 3
    assert not issue.deliveries.filter(status=Delivery.Status.PENDING).exists()


def test_a_refused_sender_stops_and_a_hang_up_pauses_without_duplicates(server, letter, home):
    issue, people = letter
    coordinator = home.users["coordinator"]
    server.recorder.refuse_sender = "550 5.7.1 Sender not allowed"
    job = send(issue, coordinator)
    assert job.status == Job.Status.FAILED and "550" in job.message
    assert issue.status == Issue.Status.STOPPED
    assert statuses(issue) == {"pending": 12}

    server.recorder.refuse_sender = None
    server.recorder.drop_after = 7  # the server hangs up in the middle of the eighth mail
    job = send(issue, coordinator)
    assert job.status == Job.Status.FAILED
    assert issue.status == Issue.Status.SENDING
    assert statuses(issue) == {"sent": 7, "pending": 5}

    server.recorder.drop_after = None
    assert send(issue, coordinator).status == Job.Status.SUCCEEDED
    assert statuses(issue) == {"sent": 12}
    assert Counter(server.recorder.recipients()) == Counter(p.email for p in people)


@pytest.fixture
def crowd(letter):
    """The letter's list grown to 40 (more than a batch of 16, so batches and connections
    alternate), with a line that begins with a dot in the Swedish introduction."""
    issue, people = letter
    people += [
        subscribe_active(issue.mailing_list, email=f"q{n:02}@example.org", language="sv")
        for n in range(28)
    ]
    issue.intro_sv = "Hälsningar från samordnaren.\n\n.punkt först på raden"
    issue.save()
    return issue, people


def test_several_connections_give_each_reader_one_personal_copy(
    server, crowd, home, settings, monkeypatch
):
    issue, people = crowd
    settings.NEWSLETTER_SMTP_CONNECTIONS = 3
    monkeypatch.setattr(sending, "BATCH", 16)
    server.recorder.refuse["q05@example.org"] = "550 5.1.1 No such user"
    server.recorder.refuse_once["q11@example.org"] = "451 4.7.1 Greylisted, try again"
    job = send(issue, home.users["coordinator"])
    assert job.result == {"sent": 39, "failed": 1, "total": 40}
    copies = Counter(server.recorder.recipients())
    assert copies == Counter(p.email for p in people if p.email != "q05@example.org")
    # Pipelined copies go over the three connections; without PIPELINING, over one.
    assert len(server.recorder.peers) == (3 if server.recorder.pipelining else 1)
    mails = received(server)
    for person in people[:-1]:
        mail = mails.get(person.email)
        if mail is None:
            continue  # the refused one
        assert mail["To"] == person.email
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert person.key in mail["List-Unsubscribe"]
        assert person.key in mail.get_body(("plain",)).get_content()
    swedish = mails["q00@example.org"].get_body(("plain",)).get_content()
    assert "\n.punkt först på raden" in swedish  # the dot went through (RFC 5321 4.5.2)
    assert statuses(issue) == {"sent": 39, "failed": 1}


def test_a_hang_up_with_copies_in_flight_on_several_connections_records_what_was_accepted(
    server, crowd, home, settings
):
    issue, people = crowd
    settings.NEWSLETTER_SMTP_CONNECTIONS = 3
    server.recorder.drop_after = 9  # then every connection is dropped in the middle of a mail
    job = send(issue, home.users["coordinator"])
    assert job.status == Job.Status.FAILED and issue.status == Issue.Status.SENDING
    # Every copy the server accepted is recorded as sent, and no other.
    assert statuses(issue) == {"sent": 9, "pending": 31}
    sent = set(issue.deliveries.filter(status="sent").values_list("subscriber__email", flat=True))
    assert sent == set(server.recorder.recipients())

    server.recorder.drop_after = None
    assert send(issue, home.users["coordinator"]).status == Job.Status.SUCCEEDED
    assert statuses(issue) == {"sent": 40}
    assert Counter(server.recorder.recipients()) == Counter(p.email for p in people)
