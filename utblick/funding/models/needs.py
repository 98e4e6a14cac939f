"""Units' funding needs, marks on suggested calls, watch lists and calendar feed tokens."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped


class Need(MunicipalityScoped):
    """Something a unit wants external funding for (described in Swedish)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Looking for funding")
        APPLYING = "applying", _("Application in progress")
        FUNDED = "funded", _("Funded")
        DROPPED = "dropped", _("Dropped")

    unit = models.ForeignKey(
        "tenancy.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    amount = models.DecimalField(
        _("amount needed (SEK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    focus_area = models.ForeignKey(
        "strategy.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_needs",
        verbose_name=_("focus area"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("funding need")
        verbose_name_plural = _("funding needs")
        # The rules of services.save_need, refused by the database too.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="funding_need_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="funding_need_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("staff:need_detail", args=[self.municipality.slug, self.pk])

    def matching_text(self) -> str:
        return f"{self.title_sv or self.title}. {self.description_sv or self.description}"


class CallMark(models.Model):
    """Staff's verdict on a suggested call for a need: relevant or not."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="marks")
    call = models.ForeignKey("funding.Call", on_delete=models.CASCADE, related_name="+")
    relevant = models.BooleanField(_("relevant"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "call"], name="funding_mark_unique")]

    @property
    def permission_parent(self):
        return self.need


class Watch(MunicipalityScoped):
    """A call on a unit's or a user's watch list (exactly one of the two)."""

    call = models.ForeignKey(
        "funding.Call", on_delete=models.CASCADE, related_name="watches", verbose_name=_("call")
    )
    unit = models.ForeignKey(
        "tenancy.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("watched call")
        verbose_name_plural = _("watched calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, user__isnull=False)
                | models.Q(unit__isnull=False, user__isnull=True),
                name="funding_watch_unit_or_user",
            ),
            models.UniqueConstraint(
                fields=["municipality", "call", "unit"], name="funding_watch_unit_unique"
            ),
            models.UniqueConstraint(
                fields=["municipality", "call", "user"], name="funding_watch_user_unique"
            ),
        ]


def new_token():
    return secrets.token_urlsafe(24)


class FeedToken(MunicipalityScoped):
    """The secret in a calendar feed's address: for the municipality, a unit or a user."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("The municipality's deadlines")
        UNIT = "unit", _("A unit's watch list")
        USER = "user", _("My watch list")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        "tenancy.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "unit", "user"], name="funding_feed_unique"
            )
        ]


class ReminderSent(models.Model):
    """A reminder that went out, so that each one is sent once."""

    deadline = models.ForeignKey("funding.CallDeadline", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "due"], name="funding_reminder_once"
            )
        ]
