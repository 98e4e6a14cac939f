"""Sending an issue: one delivery record per recipient, resumable, in batches.

The job handler :func:`send_issue_job` first records a delivery for every active subscriber
of the issue's list (the unique issue+subscriber constraint makes a second run add nobody
twice), then sends every delivery that is waiting. The mail is rendered and encoded once
per language and each recipient's copy is made from those bytes (see :mod:`.mailer`); the
copies go over ``NEWSLETTER_SMTP_CONNECTIONS`` SMTP connections (default 1), pipelined,
each opened again when the server closed it.

Deliveries are recorded in batches of ``BATCH``: the batch's mails are sent one after the
other (with PIPELINING, a copy is on its way before the answer to the one before is read),
and what the server answered (accepted, refused for now, refused for good) is
written in one transaction when the batch ends, so the database work does not grow with
each recipient. The guarantee, precisely:

* A delivery recorded as *sent* is never sent again, whatever happens afterwards.
* When the sending stops with an exception in the worker (the server hangs up, the
  coordinator cancels, the worker is told to stop: SystemExit, KeyboardInterrupt), the
  answers the server gave so far in the batch are recorded before the exception goes on:
  after a restart nobody gets a second copy.
* Only when the worker process dies without running any more Python (SIGKILL, power loss)
  or the database cannot be written when the batch is recorded, the mails of that one batch
  that the server had accepted are still *waiting* and are sent again on restart, with the
  same Message-ID (so mail systems can drop the copy): at most the ``BATCH`` recipients of
  that batch can get a second copy, nobody outside it. (As with any SMTP client, a copy whose
  acceptance the server sent just as the connection broke is unknown too, and sent again:
  at most one per connection, since each has at most one copy awaiting its answer.)

Temporary failures (4xx) are retried with doubling back-off up to
``NEWSLETTER_MAX_ATTEMPTS``; permanent ones (5xx) are recorded with the server's answer.
When only retries are left and the next one is more than a few seconds away, the job hands
the worker back and the queue runs it again at that time.
A failure of the whole sending is temporary when the server hung up or cannot be reached
(the issue stays *sending* and cron resumes it) and permanent when the server refuses our
login or sender address, or something unexpected broke (the issue is *stopped*: only the
coordinator resumes it, once the cause is fixed). A *cancelled* issue is never resumed.
``NEWSLETTER_RATE_LIMIT`` caps the mails per second.
"""

from __future__ import annotations

import datetime
import time
from typing import NamedTuple

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.jobs.services import MAIL_QUEUE, JobFailed, RunLater, can_run_later, job_task
from utblick.tenancy.models import Membership

from . import compose
from .mailer import ConnectionLost, Mailer, Recipient, SendingBroken, smtp_failure
from .models import Delivery, Issue, MailingList, Subscriber, Subscription

# Mails sent between two records in the database (and the most a hard crash leaves unknown).
BATCH = 50
# Waiting deliveries read per query (with their subscribers), then sent batch by batch.
PAGE = 2000
MAX_BACKOFF_SECONDS = 3600
# A wait for retries longer than this gives the worker back (jobs.RunLater) instead of sleeping.
WAIT_IN_WORKER_SECONDS = 5

__all__ = ["ConnectionLost", "Mailer", "SendingBroken", "send_issue_job"]


# Preparing ----------------------------------------------------------------------------


def sync_staff_subscribers(mailing_list: MailingList) -> int:
    """An internal list reaches the municipality's staff: members with an e-mail address who
    have no subscription to it yet get one (someone who left the list stays out)."""
    memberships = Membership.objects.filter(municipality=mailing_list.municipality).exclude(
        user__email=""
    )
    added = 0
    for user in (m.user for m in memberships.select_related("user")):
        subscriber, _created = Subscriber.objects.get_or_create(
            municipality=mailing_list.municipality,
            email=user.email.lower(),
            defaults={"user": user},
        )
        _subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            mailing_list=mailing_list,
            defaults={"status": Subscription.Status.ACTIVE, "confirmed_at": timezone.now()},
        )
        added += created
    return added


@transaction.atomic
def prepare_deliveries(issue: Issue) -> int:
    """Record a delivery for every active subscriber (once per subscriber, however often this
    runs) and mark the issue as sending. Returns the number of deliveries."""
    if issue.mailing_list.audience == MailingList.Audience.INTERNAL:
        sync_staff_subscribers(issue.mailing_list)
    if issue.status != Issue.Status.SENDING:
        # Never over a cancellation that came in meanwhile (the send loop sees it).
        Issue.objects.filter(pk=issue.pk).exclude(
            status__in=[Issue.Status.CANCELLED, Issue.Status.SENT]
        ).update(status=Issue.Status.SENDING)
        issue.status = Issue.Status.SENDING
    insert_missing_deliveries(issue)
    return issue.deliveries.count()


def insert_missing_deliveries(issue: Issue) -> None:
    """One delivery for each active subscriber who has none yet, in one INSERT … SELECT:
    the database does it without the rows passing through Python, so memory does not grow
    with the list (and the unique constraint settles a race)."""
    quote = connection.ops.quote_name
    delivery, subscription = quote(Delivery._meta.db_table), quote(Subscription._meta.db_table)
    sql = f"""
        INSERT INTO {delivery} (issue_id, subscriber_id, status, attempts, next_attempt_at, error)
        SELECT %s, s.subscriber_id, %s, 0, %s, ''
        FROM {subscription} s
        WHERE s.mailing_list_id = %s AND s.status = %s AND NOT EXISTS (
            SELECT 1 FROM {delivery} d WHERE d.issue_id = %s AND d.subscriber_id = s.subscriber_id
        )
        ORDER BY s.subscriber_id
        ON CONFLICT DO NOTHING
    """  # noqa: S608 – table names from the models, values as parameters
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                issue.pk,
                Delivery.Status.PENDING.value,
                now,
                issue.mailing_list_id,
                Subscription.Status.ACTIVE.value,
                issue.pk,
            ],
        )


# Sending ------------------------------------------------------------------------------


def counts(issue) -> dict:
    rows = issue.deliveries.values("status").annotate(n=Count("pk")).order_by()
    found = {row["status"]: row["n"] for row in rows}
    return {status: found.get(status, 0) for status in Delivery.Status.values}


def backoff(attempts: int) -> datetime.timedelta:
    seconds = settings.NEWSLETTER_RETRY_SECONDS * (2 ** max(attempts - 1, 0))
    return datetime.timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


class RateLimit:
    def __init__(self, per_second: float):
        self.interval = 1.0 / per_second if per_second and per_second > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def archived(issue, *, status=None) -> bool:
    """Whether the public archive shows ``issue`` (sent to an external list)."""
    return (status or issue.status) == Issue.Status.SENT and (
        issue.mailing_list.audience == MailingList.Audience.EXTERNAL
    )


def cancelled(issue) -> bool:
    return Issue.objects.filter(pk=issue.pk, status=Issue.Status.CANCELLED).exists()


def stop(issue) -> None:
    """Mark a sending as stopped by a permanent failure: cron no longer resumes it."""
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
        status=Issue.Status.STOPPED
    )


def cancel_departed(issue) -> None:
    """Whoever left the list since the deliveries were recorded gets nothing."""
    active = Subscription.objects.filter(
        mailing_list=issue.mailing_list, status=Subscription.Status.ACTIVE
    ).values("subscriber_id")
    issue.deliveries.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY]).exclude(
        subscriber_id__in=active
    ).update(status=Delivery.Status.CANCELLED)


@job_task(queue_name=MAIL_QUEUE)
def send_issue_job(context, *, issue_id):
    """The background job that sends an issue (see the module docstring).

    A temporary failure (the server hung up or cannot be reached) fails the job and leaves
    the issue *sending*, to be resumed; a permanent one (login or sender refused, an
    unexpected error) also marks the issue *stopped*, which only the coordinator resumes;
    a cancelled issue is not sent any further."""
    issue = compose.issue_for_rendering(issue_id)
    if issue.status == Issue.Status.SENT:
        return {"sent": counts(issue)[Delivery.Status.SENT], "already_sent": True}
    if issue.status == Issue.Status.CANCELLED:
        return {"sent": counts(issue)[Delivery.Status.SENT], "cancelled": True}
    total = prepare_deliveries(issue)
    mailer = Mailer(issue)
    tally = counts(issue)
    done = total - tally[Delivery.Status.PENDING] - tally[Delivery.Status.RETRY]
    context.progress(done, total, _("Sending…"))
    try:
        done = _send_waiting(context, issue, mailer, done, total)
    except ConnectionLost as exc:
        raise JobFailed(
            _(
                "The mail server closed the connection or cannot be reached "
                "(%(error)s). %(done)s of %(total)s are done; resume the sending "
                "to continue: nobody gets the issue twice."
            )
            % {"error": str(exc)[:120], "done": done_so_far(issue, total), "total": total}
        ) from exc
    except SendingBroken as exc:
        stop(issue)
        raise JobFailed(
            _(
                "The mail server refuses the sending (%(error)s). It was stopped and is not "
                "resumed by itself: correct the mail settings, then resume it. %(done)s of "
                "%(total)s are done."
            )
            % {"error": str(exc)[:120], "done": done_so_far(issue, total), "total": total}
        ) from exc
    except (OperationalError, InterfaceError):
        raise  # the database was unavailable: temporary, the sending is resumed
    except RunLater:
        raise  # waiting for retries: the queue runs the job again
    except Exception:
        stop(issue)  # a defect will not mend itself; the job page shows the failure
        raise
    finally:
        mailer.close()
    tally = counts(issue)
    if done is None:  # cancelled while sending
        context.progress(total - tally[Delivery.Status.CANCELLED], total, _("Cancelled."))
        return {"sent": tally[Delivery.Status.SENT], "cancelled": True, "total": total}
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT, sent_at=timezone.now()
    )
    public_cache.record_changed(record=issue, public=archived(issue, status=Issue.Status.SENT))
    context.progress(total, total, _("Sent."))
    return {
        "sent": tally[Delivery.Status.SENT],
        "failed": tally[Delivery.Status.FAILED],
        "total": total,
    }


def done_so_far(issue, total) -> int:
    tally = counts(issue)
    return total - tally[Delivery.Status.PENDING] - tally[Delivery.Status.RETRY]


CANCEL_CHECK_EVERY = 50


class Due(NamedTuple):
    """A waiting delivery with what its mail needs of the subscriber."""

    pk: int
    attempts: int
    next_attempt_at: datetime.datetime
    subscriber_id: int
    email: str
    language: str
    key: str

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.subscriber_id, self.email, self.language, self.key)


def due_deliveries(issue, limit) -> list[Due]:
    waiting = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY])
    rows = (
        issue.deliveries.filter(waiting, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list(
            "pk",
            "attempts",
            "next_attempt_at",
            "subscriber_id",
            "subscriber__email",
            "subscriber__language",
            "subscriber__key",
        )[:limit]
    )
    return [Due(*row) for row in rows]


def failure(due: Due, exc) -> Delivery:
    """The delivery as a refusal leaves it: retried later if temporary, else failed."""
    code, text = smtp_failure(exc)
    attempts = due.attempts + 1
    temporary = code is not None and 400 <= code < 500
    if temporary and attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
        status = Delivery.Status.RETRY
        next_attempt = timezone.now() + backoff(attempts)
    else:
        status = Delivery.Status.FAILED
        next_attempt = due.next_attempt_at
        if temporary:
            text = _("Gave up after %(n)s attempts: %(error)s") % {"n": attempts, "error": text}
    return Delivery(
        pk=due.pk, status=status, attempts=attempts, smtp_code=code, error=text[:300],
        next_attempt_at=next_attempt,
    )  # fmt: skip


FAILURE_FIELDS = ["status", "attempts", "smtp_code", "error", "next_attempt_at"]


@transaction.atomic
def record(accepted: list[int], refused: list[Delivery]) -> None:
    """Record a batch's answers: the accepted deliveries as sent in one UPDATE, the refused
    ones in one more."""
    if accepted:
        Delivery.objects.filter(pk__in=accepted).update(
            status=Delivery.Status.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            smtp_code=250,
            error="",
        )
    if refused:
        Delivery.objects.bulk_update(refused, FAILURE_FIELDS)


def send_batch(issue, mailer, batch: list[Due], limit: RateLimit) -> int | None:
    """Send a batch and record the answers (also when an exception stops it halfway: what
    the server accepted is never sent again). Returns how many are done (sent or failed
    for good), or None if the issue was cancelled meanwhile.

    The copies are handed to the mailer one after the other; with PIPELINING their answers
    come a little later (:mod:`.lanes`), all of them by the end of the batch. After an
    exception, the copies already handed over are answered first (``settle``), so that
    what the server accepted is recorded."""
    by_subscriber = {due.subscriber_id: due for due in batch}
    accepted, refused = [], []
    stopped = False
    try:
        for n, due in enumerate(batch, start=1):
            if n % CANCEL_CHECK_EVERY == 0 and cancelled(issue):
                stopped = True
                break
            limit.wait()
            mailer.send(mailer.mail_for(due.recipient))
        mailer.finish()
    finally:
        mailer.settle()  # nothing left after finish(); after an exception, the answers due
        for recipient, error in mailer.take_done():
            due = by_subscriber[recipient.subscriber_id]
            if error is None:
                accepted.append(due.pk)
            else:
                refused.append(failure(due, error))
        if accepted or refused:
            record(accepted, refused)
    if stopped:
        return None
    return len(accepted) + sum(1 for d in refused if d.status == Delivery.Status.FAILED)


def _send_waiting(context, issue, mailer, done, total):
    """Send every waiting delivery, retried ones when their back-off has passed, at the
    rate limit. Returns the number done, or None if the issue was cancelled meanwhile."""
    limit = RateLimit(settings.NEWSLETTER_RATE_LIMIT)
    waiting = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY])
    while True:
        if cancelled(issue):
            return None
        cancel_departed(issue)
        due = due_deliveries(issue, PAGE)
        if not due:
            later = issue.deliveries.filter(waiting).order_by("next_attempt_at").first()
            if later is None:
                return done
            pause = (later.next_attempt_at - timezone.now()).total_seconds()
            if pause > WAIT_IN_WORKER_SECONDS and can_run_later():
                # Only retries are left: give the worker back to other jobs meanwhile.
                raise RunLater(
                    later.next_attempt_at,
                    _("%(done)s of %(total)s done; the rest is retried at %(time)s.")
                    % {
                        "done": done,
                        "total": total,
                        "time": timezone.localtime(later.next_attempt_at).strftime("%H:%M:%S"),
                    },
                )
            time.sleep(max(0.0, min(pause, MAX_BACKOFF_SECONDS)))
            continue
        for start in range(0, len(due), BATCH):
            finished = send_batch(issue, mailer, due[start : start + BATCH], limit)
            if finished is None:
                return None
            done += finished
            context.progress(done, total, _("Sending…"))
