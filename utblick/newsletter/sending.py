"""Sending an issue: one delivery record per recipient, resumable and idempotent.

The job handler :func:`send_issue_job` first records a delivery for every active subscriber
of the issue's list (the unique issue+subscriber constraint makes a second run add nobody
twice), then sends every delivery that is waiting, one SMTP transaction per recipient,
marking each as sent the moment the server has accepted it. So a crash or a server that
disconnects mid-send loses nothing and, after a restart (``resume_jobs``, the cron command or
"Resume sending"), nobody gets a second copy: only deliveries still waiting are sent.

Temporary failures (4xx) are retried with doubling back-off up to
``NEWSLETTER_MAX_ATTEMPTS``; permanent ones (5xx) are recorded with the server's answer.
When only retries are left and the next one is more than a few seconds away, the job hands
the worker back and the queue runs it again at that time.
A failure of the whole sending is temporary when the server hung up or cannot be reached
(the issue stays *sending* and cron resumes it) and permanent when the server refuses our
login or sender address, or something unexpected broke (the issue is *stopped*: only the
coordinator resumes it, once the cause is fixed). A *cancelled* issue is never resumed.
``NEWSLETTER_RATE_LIMIT`` caps the mails per second. The remaining risk is a crash in the
instant between the server's acceptance and our record: that recipient would get the mail
again on restart, with the same Message-ID (so mail systems can drop the copy).
"""

from __future__ import annotations

import contextlib
import datetime
import smtplib
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.jobs.services import MAIL_QUEUE, JobFailed, RunLater, can_run_later, job_task
from utblick.tenancy.models import Membership

from . import compose
from .models import Delivery, Issue, MailingList, Subscriber, Subscription

BATCH = 500
MAX_BACKOFF_SECONDS = 3600
# A wait for retries longer than this gives the worker back (jobs.RunLater) instead of sleeping.
WAIT_IN_WORKER_SECONDS = 5


class ConnectionLost(Exception):
    """The mail server cannot be reached or closed the connection: temporary, so the
    sending stays unfinished and is resumed (by cron, ``resume_jobs`` or the coordinator)."""


class SendingBroken(Exception):
    """A failure no retry mends by itself: the server refuses our login or our sender
    address (5xx), or something unexpected broke. The sending stops and is not resumed
    automatically; the coordinator resumes it once the cause is fixed."""


# Refusals of the session rather than of one recipient.
SESSION_ERRORS = (
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPHeloError,
    smtplib.SMTPNotSupportedError,
)


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
    subscriber_ids = Subscription.objects.filter(
        mailing_list=issue.mailing_list, status=Subscription.Status.ACTIVE
    ).values_list("subscriber_id", flat=True)
    already = set(issue.deliveries.values_list("subscriber_id", flat=True))
    Delivery.objects.bulk_create(
        [
            Delivery(issue=issue, subscriber_id=pk)
            for pk in subscriber_ids.iterator()
            if pk not in already
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return issue.deliveries.count()


# Sending ------------------------------------------------------------------------------


def counts(issue) -> dict:
    rows = issue.deliveries.values("status").annotate(n=Count("pk")).order_by()
    found = {row["status"]: row["n"] for row in rows}
    return {status: found.get(status, 0) for status in Delivery.Status.values}


class Mailer:
    """Renders the issue once per language and sends personalised copies over one SMTP
    connection, reconnecting when the server closed it."""

    def __init__(self, issue: Issue):
        self.issue = issue
        self.rendered = {}
        self.connection = None
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] or "utblick.local"
        self.domain = domain.strip(">")

    def mail_for(self, subscriber) -> EmailMultiAlternatives:
        language = subscriber.language
        if language not in self.rendered:
            self.rendered[language] = compose.render_mail(self.issue, language)
        manage_url, unsubscribe_url = compose.personal_links(subscriber, self.issue.mailing_list)
        mail = compose.personalise(
            self.rendered[language], manage_url=manage_url, unsubscribe_url=unsubscribe_url
        )
        return build_message(
            mail,
            to=subscriber.email,
            language=language,
            unsubscribe_url=unsubscribe_url,
            message_id=f"<newsletter-{self.issue.pk}-{subscriber.pk}@{self.domain}>",
        )

    def send(self, message) -> None:
        """Send one message; raises ConnectionLost or an smtplib error with a code."""
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused:
            raise  # this recipient only; the connection is fine
        except smtplib.SMTPNotSupportedError as exc:  # e.g. STARTTLS or AUTH not offered
            self.close()
            raise SendingBroken(str(exc)) from exc
        except smtplib.SMTPResponseException as exc:
            # 421: the server is shutting the connection down.
            if exc.smtp_code == 421 or isinstance(exc, smtplib.SMTPConnectError):
                self.close()
                raise ConnectionLost(str(exc)) from exc
            if isinstance(exc, SESSION_ERRORS):
                self.close()
                if exc.smtp_code >= 500:
                    raise SendingBroken(smtp_failure(exc)[1]) from exc
                raise ConnectionLost(smtp_failure(exc)[1]) from exc
            raise
        except OSError as exc:  # disconnected, refused, reset, timed out (SMTPException too)
            self.close()
            raise ConnectionLost(str(exc)) from exc

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(Exception):  # the connection may be broken already
                self.connection.close()
        self.connection = None


def build_message(mail, *, to, language, unsubscribe_url, message_id):
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
        "Message-ID": message_id,
    }
    message = EmailMultiAlternatives(subject=mail.subject, body=mail.text, to=[to], headers=headers)
    message.attach_alternative(mail.html, "text/html")
    return message


def smtp_failure(exc) -> tuple[int | None, str]:
    """The SMTP code and message of a refusal."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, text = exc.smtp_code, exc.smtp_error
    else:
        return None, str(exc)[:300]
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, f"{code} {text}"[:300]


def backoff(attempts: int) -> datetime.timedelta:
    seconds = settings.NEWSLETTER_RETRY_SECONDS * (2 ** max(attempts - 1, 0))
    return datetime.timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def record_failure(delivery: Delivery, exc) -> str:
    code, text = smtp_failure(exc)
    attempts = delivery.attempts + 1
    temporary = code is not None and 400 <= code < 500
    if temporary and attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
        status = Delivery.Status.RETRY
        next_attempt = timezone.now() + backoff(attempts)
    else:
        status = Delivery.Status.FAILED
        next_attempt = delivery.next_attempt_at
        if temporary:
            text = _("Gave up after %(n)s attempts: %(error)s") % {"n": attempts, "error": text}
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, attempts=attempts, smtp_code=code, error=text[:300],
        next_attempt_at=next_attempt,
    )  # fmt: skip
    return status


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


def _send_waiting(context, issue, mailer, done, total):
    """Send every waiting delivery, retried ones when their back-off has passed, at the
    rate limit. Returns the number done, or None if the issue was cancelled meanwhile."""
    limit = RateLimit(settings.NEWSLETTER_RATE_LIMIT)
    waiting = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY])
    while True:
        if cancelled(issue):
            return None
        cancel_departed(issue)
        due = list(
            issue.deliveries.filter(waiting, next_attempt_at__lte=timezone.now())
            .select_related("subscriber")
            .order_by("next_attempt_at", "pk")[:BATCH]
        )
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
        for n, delivery in enumerate(due, start=1):
            if n % CANCEL_CHECK_EVERY == 0 and cancelled(issue):
                return None
            limit.wait()
            message = mailer.mail_for(delivery.subscriber)
            try:
                mailer.send(message)
            except smtplib.SMTPException as exc:
                if record_failure(delivery, exc) == Delivery.Status.FAILED:
                    done += 1
            else:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT,
                    sent_at=timezone.now(),
                    attempts=delivery.attempts + 1,
                    smtp_code=250,
                    error="",
                )
                done += 1
            context.progress(done, total, _("Sending…"))
