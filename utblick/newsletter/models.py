"""Newsletter: mailing lists (internal or external audiences), subscribers with their consent
log, issues composed from news, projects and calls, and one delivery record per recipient."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped


def new_key():
    return secrets.token_urlsafe(24)


class MailingList(MunicipalityScoped):
    class Audience(models.TextChoices):
        EXTERNAL = "external", _("External: anyone may subscribe on the public site")
        INTERNAL = "internal", _("Internal: the municipality's staff")

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["audience", "name"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("staff:newsletter_overview", args=[self.municipality.slug])

    @property
    def is_external(self):
        return self.audience == self.Audience.EXTERNAL


class Subscriber(MunicipalityScoped):
    """One e-mail address of one municipality; ``key`` is the secret in its manage links."""

    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="sv"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff user"),
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "email"], name="newsletter_subscriber_unique_email"
            )
        ]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["mailing_list__name"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="newsletter_subscription_unique"
            )
        ]
        indexes = [models.Index(fields=["mailing_list", "status"])]

    def __str__(self):
        return f"{self.subscriber} – {self.mailing_list}"


class ConsentRecord(models.Model):
    """The consent log: what the subscriber agreed to (text and version), when, how, for
    which list; and when it was confirmed or withdrawn."""

    class Action(models.TextChoices):
        GIVEN = "given", _("Consent given")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="+", verbose_name=_("list")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    text = models.TextField(_("consent text"), blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True)
    method = models.CharField(_("how"), max_length=40)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    # How consent was given or withdrawn: ``method`` keeps a stable identifier (the log is
    # evidence and must not change with the language); it is translated when shown.
    METHOD_LABELS = {
        "web form": _("web form"),
        "confirmation link": _("confirmation link"),
        "manage page": _("manage page"),
        "one-click unsubscribe": _("one-click unsubscribe"),
    }

    def __str__(self):
        return f"{self.subscriber}: {self.get_action_display()} ({self.created_at:%Y-%m-%d})"

    def get_method_display(self):
        return str(self.METHOD_LABELS.get(self.method, self.method))


class Issue(MunicipalityScoped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        STOPPED = "stopped", _("Stopped: needs attention")
        CANCELLED = "cancelled", _("Cancelled")
        SENT = "sent", _("Sent")

    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.PROTECT, related_name="issues", verbose_name=_("list")
    )
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    news_items = models.ManyToManyField(
        "news.NewsItem", blank=True, related_name="+", verbose_name=_("news")
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="+", verbose_name=_("projects")
    )
    calls = models.ManyToManyField(
        "funding.Call", blank=True, related_name="+", verbose_name=_("calls")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("staff:newsletter_issue_detail", args=[self.municipality.slug, self.pk])

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def can_resume(self):
        """A sending that was interrupted (by a crash, the mail server) or stopped (by a
        permanent failure, once the cause is fixed) can be resumed by the coordinator."""
        return self.status in (self.Status.SENDING, self.Status.STOPPED)

    @property
    def can_cancel(self):
        return self.status in (self.Status.SCHEDULED, self.Status.SENDING, self.Status.STOPPED)


class Delivery(models.Model):
    """One issue to one subscriber: at most one row, so at most one copy."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RETRY = "retry", _("Will be retried")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not sent: left the list, or the sending was cancelled")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    smtp_code = models.PositiveSmallIntegerField(_("SMTP code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_unique"
            )
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.issue} → {self.subscriber_id}: {self.status}"
