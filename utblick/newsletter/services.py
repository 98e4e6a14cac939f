"""Writes of the newsletter app: subscriptions with their consent log, issues, sending.

Every function is all-or-nothing. Mail goes out through the background queue.

Entities: subscribers and their subscriptions, the consent log, issues and their sending.
Rules: a subscription counts only after double opt-in, every subscribe, confirm, change and
unsubscribe goes to the consent log, an erased subscriber leaves no personal data, an issue
is sent at most once per recipient and cannot be sent while a sending runs.

``save_issue`` is the one way an issue is created or changed (the staff form; plain keyword
data): it has a Swedish subject; its mailing list, news and projects are the municipality's
own and its calls ones the municipality can see; internal news never go to an external list;
only a draft or scheduled issue can be changed (not one being sent or sent), and an issue never
moves to another municipality. Broken rules raise ``ValidationError`` keyed by field.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.jobs.models import Job
from utblick.jobs.services import MAIL_QUEUE, JobFailed, job_task, start_job
from utblick.security.models import AuditEvent
from utblick.security.services import record_event

from . import compose, mailer, sending, tokens
from .consent import CONSENT_VERSION, consent_text
from .models import ConsentRecord, Delivery, Issue, MailingList, Subscriber, Subscription


class SendingRefused(Exception):
    """The issue cannot be sent now; the message says why."""


# Subscriptions ------------------------------------------------------------------------


def _log(subscriber, mailing_list, action, method, language=None, text=True):
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        mailing_list=mailing_list,
        action=action,
        text=consent_text(subscriber.municipality, language or subscriber.language) if text else "",
        version=CONSENT_VERSION if text else "",
        method=method,
    )


@transaction.atomic
def subscribe(*, municipality, email, language, lists, method="web form") -> Subscriber:
    """Record the wish to subscribe (consent given) and send the confirmation link; nothing
    is active before the link is used, and a known subscriber's language changes only then
    (anyone can type an address into the form). The same answer whether the address is
    known or not."""
    email = email.strip().lower()
    subscriber, _created = Subscriber.objects.get_or_create(
        municipality=municipality, email=email, defaults={"language": language}
    )
    for mailing_list in lists:
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber, mailing_list=mailing_list
        )
        if subscription.status == Subscription.Status.ENDED:
            subscription.status = Subscription.Status.PENDING
            subscription.save(update_fields=["status"])
        _log(subscriber, mailing_list, ConsentRecord.Action.GIVEN, method, language)
    start_job(
        municipality=municipality,
        user=None,
        title=_("Confirmation mail to a new subscriber"),
        task=send_confirmation_job,
        params={
            "subscriber_id": subscriber.pk,
            "list_ids": [m.pk for m in lists],
            "language": language,
        },
    )
    return subscriber


def confirmation_url(subscriber, list_ids, language=None) -> str:
    language = language or subscriber.language
    with translation.override(language):
        path = reverse(
            "public:newsletter_confirm",
            args=[
                subscriber.municipality.slug,
                tokens.confirmation_token(subscriber, list_ids, language),
            ],
        )
    return compose.absolute(path)


@job_task(queue_name=MAIL_QUEUE)
def send_confirmation_job(context, *, subscriber_id, list_ids, language=None):
    """The background job that mails the confirmation link, in the language asked for."""
    subscriber = Subscriber.objects.select_related("municipality").filter(pk=subscriber_id).first()
    if subscriber is None:
        return {"sent": 0}
    lists = list(MailingList.objects.filter(pk__in=list_ids))
    language = language or subscriber.language
    with translation.override(language):
        context_data = {
            "municipality": subscriber.municipality,
            "lists": lists,
            "url": confirmation_url(subscriber, list_ids, language),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
            "language": language,
        }
        subject = _("Confirm your subscription to %(name)s's newsletter") % {
            "name": subscriber.municipality.name
        }
        context_data["subject"] = subject
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("newsletter/mail/confirm.txt", context_data),
            to=[subscriber.email],
        )
        message.attach_alternative(
            render_to_string("newsletter/mail/confirm.html", context_data), "text/html"
        )
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 – shown to staff on the job page
        raise JobFailed(
            _("The confirmation mail could not be sent: %(error)s") % {"error": exc}
        ) from exc
    context.progress(1, 1)
    return {"sent": 1}


@transaction.atomic
def confirm(*, data: dict) -> Subscriber | None:
    """Activate the subscriptions named in a valid confirmation token."""
    subscriber = Subscriber.objects.filter(pk=data.get("s"), key=data.get("k")).first()
    if subscriber is None:
        return None
    language = data.get("g")
    if language in dict(settings.LANGUAGES) and language != subscriber.language:
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    # Only subscriptions still waiting, and none ended after the link was made: an old
    # link must not bring back a subscription the person has since ended (unsubscribing
    # wins over any confirmation mail still in the inbox).
    pending = Subscription.objects.filter(
        subscriber=subscriber,
        mailing_list_id__in=data.get("l", []),
        status=Subscription.Status.PENDING,
    )
    issued = data.get("t")
    if isinstance(issued, int):
        pending = pending.exclude(ended_at__gt=datetime.fromtimestamp(issued, tz=UTC))
    else:  # a link from before links carried their time
        pending = pending.filter(ended_at=None)
    for subscription in pending.select_related("mailing_list"):
        subscription.status = Subscription.Status.ACTIVE
        subscription.confirmed_at = timezone.now()
        subscription.ended_at = None
        subscription.save(update_fields=["status", "confirmed_at", "ended_at"])
        _log(
            subscriber, subscription.mailing_list, ConsentRecord.Action.CONFIRMED,
            "confirmation link",
        )  # fmt: skip
    return subscriber


@transaction.atomic
def end_subscription(*, subscriber, mailing_list, method) -> bool:
    """End one subscription at once; True if it was not ended already."""
    ended = (
        Subscription.objects.filter(subscriber=subscriber, mailing_list=mailing_list)
        .exclude(status=Subscription.Status.ENDED)
        .update(status=Subscription.Status.ENDED, ended_at=timezone.now())
    )
    if ended:
        _log(subscriber, mailing_list, ConsentRecord.Action.WITHDRAWN, method, text=False)
    return bool(ended)


@transaction.atomic
def update_preferences(*, subscriber, lists, language, method="manage page") -> None:
    """The manage page: the lists chosen there are active (the link proves the address), the
    others ended; the language of the mails."""
    if subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language", "updated_at"])
    chosen = {m.pk: m for m in lists}
    current = {
        s.mailing_list_id: s for s in subscriber.subscriptions.select_related("mailing_list")
    }
    for pk, mailing_list in chosen.items():
        subscription = current.get(pk)
        if subscription is None or subscription.status != Subscription.Status.ACTIVE:
            Subscription.objects.update_or_create(
                subscriber=subscriber,
                mailing_list=mailing_list,
                defaults={
                    "status": Subscription.Status.ACTIVE,
                    "confirmed_at": timezone.now(),
                    "ended_at": None,
                },
            )
            _log(subscriber, mailing_list, ConsentRecord.Action.GIVEN, method, language)
            _log(subscriber, mailing_list, ConsentRecord.Action.CONFIRMED, method, language)
    for pk, subscription in current.items():
        if pk not in chosen and subscription.status != Subscription.Status.ENDED:
            end_subscription(
                subscriber=subscriber, mailing_list=subscription.mailing_list, method=method
            )


def export_subscriber(subscriber, *, actor=None, request=None) -> dict:
    """Everything kept about a subscriber (for a request under GDPR article 15); the export
    goes to the audit log (by the subscriber's number: the log keeps no address)."""
    record_event(
        kind=AuditEvent.Kind.EXPORT,
        user=actor,
        municipality=subscriber.municipality,
        request=request,
        subscriber=subscriber.pk,
    )
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "municipality": subscriber.municipality.name,
        "created": subscriber.created_at.isoformat(),
        "subscriptions": [
            {
                "list": str(s.mailing_list),
                "status": s.status,
                "created": s.created_at.isoformat(),
                "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "ended": s.ended_at.isoformat() if s.ended_at else None,
            }
            for s in subscriber.subscriptions.select_related("mailing_list")
        ],
        "consent_log": [
            {
                "when": c.created_at.isoformat(),
                "list": str(c.mailing_list),
                "action": c.action,
                "how": c.method,
                "text": c.text,
                "version": c.version,
            }
            for c in subscriber.consents.select_related("mailing_list")
        ],
        "deliveries": [
            {
                "issue": str(d.issue),
                "status": d.status,
                "sent": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in Delivery.objects.filter(subscriber=subscriber).select_related("issue")
        ],
    }


@transaction.atomic
def erase_subscriber(*, subscriber, actor=None, request=None) -> None:
    """Erase a subscriber with subscriptions, consent log and delivery records (GDPR art. 17).
    Their links stop working, since the key goes with them. The audit log records that it
    was done, by whom, under the subscriber's number only."""
    record_event(
        kind=AuditEvent.Kind.ERASURE,
        user=actor,
        municipality=subscriber.municipality,
        request=request,
        subscriber=subscriber.pk,
    )
    Delivery.objects.filter(subscriber=subscriber).delete()
    subscriber.delete()


# Issues -------------------------------------------------------------------------------


ISSUE_FIELDS = frozenset({"mailing_list", "subject_sv", "subject_en", "intro_sv", "intro_en"})


def issue_errors(
    *, municipality, values: dict, issue: Issue | None = None, news_items=(), projects=(), calls=()
) -> dict:
    """The broken rules of an issue with these ``values`` and contents, as {field: [message]};
    empty when it may be saved."""
    refusals = Refusals()
    if issue is not None and issue.pk and not Issue.objects.get(pk=issue.pk).is_editable:
        refusals.refuse(None, _("An issue that is being sent or was sent cannot be changed."))
    if not (values.get("subject_sv") or "").strip():
        refusals.refuse("subject_sv", _("This field is required."))
    mailing_list = values.get("mailing_list")
    if mailing_list is not None and mailing_list.municipality_id != municipality.pk:
        refusals.refuse("mailing_list", _("Choose one of the municipality's own mailing lists."))
    news_items, projects, calls = list(news_items or ()), list(projects or ()), list(calls or ())
    if any(item.municipality_id != municipality.pk for item in news_items):
        refusals.refuse("news_items", _("Choose the municipality's own news."))
    elif mailing_list is not None and mailing_list.is_external:
        internal = [item for item in news_items if not item.is_public]
        if internal:
            refusals.refuse(
                "news_items",
                _("Internal news cannot go to an external list: %(titles)s.")
                % {"titles": ", ".join(str(i) for i in internal)},
            )
    if any(project.municipality_id != municipality.pk for project in projects):
        refusals.refuse("projects", _("Choose the municipality's own projects."))
    if calls:
        visible = compose.call_model().objects.visible_to(municipality)
        if visible.filter(pk__in=[call.pk for call in calls]).count() != len(set(calls)):
            refusals.refuse("calls", _("Choose calls the municipality can see."))
    return refusals.as_dict()


@transaction.atomic
def save_issue(
    *,
    municipality,
    user,
    issue: Issue | None = None,
    news_items=None,
    projects=None,
    calls=None,
    **fields,
) -> Issue:
    """Create an issue in ``municipality`` (``issue`` None) or change a draft or scheduled
    ``issue``: the ``fields`` given are set, the others stay; ``news_items``, ``projects``
    and ``calls`` replace the current ones when given. Raises ``ValidationError`` per field."""
    reject_unknown_fields("save_issue", fields, ISSUE_FIELDS)
    if issue is not None and issue.municipality_id != municipality.pk:
        raise ValidationError({"municipality": _("An issue cannot move to another municipality.")})
    creating = issue is None
    if creating:
        issue = Issue(municipality=municipality)
        issue.created_by = user if user is not None and user.is_authenticated else None
    for name, value in fields.items():
        setattr(issue, name, value)
    current = {"news_items": (), "projects": (), "calls": ()}
    if not creating:
        current = {
            "news_items": issue.news_items.all(),
            "projects": issue.projects.all(),
            "calls": issue.calls.all(),
        }
    errors = issue_errors(
        municipality=municipality,
        values={name: getattr(issue, name) for name in ISSUE_FIELDS},
        issue=None if creating else issue,
        news_items=current["news_items"] if news_items is None else news_items,
        projects=current["projects"] if projects is None else projects,
        calls=current["calls"] if calls is None else calls,
    )
    if errors:
        raise ValidationError({field or NON_FIELD_ERRORS: m for field, m in errors.items()})
    issue.save()
    for name, chosen in (("news_items", news_items), ("projects", projects), ("calls", calls)):
        if chosen is not None:
            getattr(issue, name).set(chosen)
    public_cache.record_changed(record=issue, public=sending.archived(issue))
    return issue


def _job_running(issue) -> bool:
    return (
        issue.job_id is not None
        and Job.objects.filter(
            pk=issue.job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
        ).exists()
    )


@transaction.atomic
def start_sending(*, issue, user) -> Job:
    """Send now (or resume an interrupted sending) in the background queue."""
    issue = Issue.objects.select_for_update().select_related("municipality").get(pk=issue.pk)
    if issue.status == Issue.Status.SENT:
        raise SendingRefused(_("The issue has already been sent."))
    if issue.status == Issue.Status.CANCELLED:
        raise SendingRefused(_("The sending of this issue was cancelled."))
    if _job_running(issue):
        raise SendingRefused(_("The issue is being sent already."))
    job = start_job(
        municipality=issue.municipality,
        user=user,
        title=_("Sending of the newsletter “%(subject)s”") % {"subject": issue.subject},
        task=sending.send_issue_job,
        params={"issue_id": issue.pk},
    )
    issue.job = job
    issue.status = Issue.Status.SENDING
    issue.scheduled_at = issue.scheduled_at or timezone.now()
    issue.save(update_fields=["job", "status", "scheduled_at", "updated_at"])
    return job


@transaction.atomic
def record_sent(*, issue, sent_at) -> Issue:
    """Record a draft or scheduled issue as sent on ``sent_at`` without mailing it: an issue
    that went out before the municipality used Utblick, for the archive (and the demo's).
    The same rules as a sending: once per recipient, to the list's active subscribers (an
    internal list reaches the staff), never an issue sent, being sent or cancelled."""
    issue = Issue.objects.select_for_update().select_related("mailing_list").get(pk=issue.pk)
    if not issue.is_editable:
        raise SendingRefused(_("Only a draft or a scheduled issue can be recorded as sent."))
    if sent_at > timezone.now():
        raise SendingRefused(_("An issue cannot be recorded as sent in the future."))
    sending.prepare_deliveries(issue)
    issue.deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENT, sent_at=sent_at, attempts=1
    )
    issue.status = Issue.Status.SENT
    issue.scheduled_at = issue.scheduled_at or sent_at
    issue.sent_at = sent_at
    issue.save(update_fields=["status", "scheduled_at", "sent_at", "updated_at"])
    return issue


@transaction.atomic
def schedule(*, issue, at) -> Issue:
    if not issue.is_editable:
        raise SendingRefused(_("Only a draft can be scheduled."))
    issue.status = Issue.Status.SCHEDULED
    issue.scheduled_at = at
    issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    return issue


@transaction.atomic
def unschedule(*, issue) -> Issue:
    if issue.status == Issue.Status.SCHEDULED:
        issue.status = Issue.Status.DRAFT
        issue.scheduled_at = None
        issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    return issue


def send_due(now=None) -> list[Issue]:
    """Start scheduled issues whose time has come, and resume sendings that were interrupted
    by a temporary failure (the mail server hung up or could not be reached, the worker
    stopped). A sending stopped by a permanent failure, or cancelled, is left alone: only
    the coordinator resumes a stopped one. For the cron command ``send_scheduled_newsletters``."""
    now = now or timezone.now()
    started = []
    due = Issue.objects.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=now)
    interrupted = Issue.objects.filter(status=Issue.Status.SENDING).exclude(
        job__status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    )
    for issue in list(due) + list(interrupted):
        try:
            start_sending(issue=issue, user=issue.created_by)
        except SendingRefused:
            continue
        started.append(issue)
    return started


@transaction.atomic
def cancel_sending(*, issue) -> Issue:
    """Stop an issue: a scheduled one goes back to draft; one that is sending (or stopped)
    is cancelled for good, and whoever has not got it yet does not get it."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.SCHEDULED:
        return unschedule(issue=issue)
    if not issue.can_cancel:
        raise SendingRefused(_("Only a scheduled or unfinished sending can be cancelled."))
    issue.status = Issue.Status.CANCELLED
    issue.save(update_fields=["status", "updated_at"])
    issue.deliveries.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY]).update(
        status=Delivery.Status.CANCELLED, error=_("The sending was cancelled.")
    )
    return issue


def send_test(*, issue, user, language) -> None:
    """One copy to the staff member's own address, at once, marked as a test."""
    if not user.email:
        raise SendingRefused(_("Your account has no e-mail address to send the test to."))
    mail = compose.render_mail(issue, language)
    mail.subject = _("[Test] %(subject)s") % {"subject": mail.subject}
    with translation.override(language):
        manage = compose.absolute(
            reverse("public:newsletter_subscribe", args=[issue.municipality.slug])
        )
    mail = compose.personalise(mail, manage_url=manage, unsubscribe_url=manage)
    message = mailer.build_message(
        mail,
        to=user.email,
        language=language,
        unsubscribe_url=manage,
        message_id=f"<newsletter-test-{issue.pk}-{timezone.now():%Y%m%d%H%M%S%f}@utblick>",
    )
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 – told to the user
        raise SendingRefused(
            _("The test could not be sent: %(error)s") % {"error": str(exc)[:200]}
        ) from exc
