"""Action plans, their activities and the activities' follow-up timeline."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped, UploadField

from .strategy import Direction, FocusArea, Strategy


class ActionPlan(MunicipalityScoped):
    """The action plan (handlingsplan) for a period of a strategy."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("strategy")
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("start of the period"))
    end_date = models.DateField(_("end of the period"))
    background = models.TextField(_("background"), blank=True)
    document = models.ForeignKey(
        "documents.GoverningDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("governing document"),
        help_text=_("The register entry that holds the document information block."),
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="action_plan_period_in_order",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("staff:action_plan_detail", args=[self.municipality.slug, self.pk])

    @property
    def period_label(self):
        if self.start_date.year == self.end_date.year:
            return str(self.start_date.year)
        return f"{self.start_date.year}–{self.end_date.year}"


class Activity(MunicipalityScoped):
    """Something the action plan says will be done under a focus area."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core task")
        DEVELOPMENT = "development", _("Identified development potential")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")
        DROPPED = "dropped", _("Dropped")

    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("action plan"),
    )
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="activities", verbose_name=_("focus area")
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("direction"),
    )
    key = models.CharField(
        _("key"),
        max_length=40,
        help_text=_("A stable identifier within the plan, used to match rows when importing."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORE)
    title = models.CharField(_("activity"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="plan_activities", verbose_name=_("projects")
    )
    partnerships = models.ManyToManyField(
        "partners.Partnership",
        blank=True,
        related_name="plan_activities",
        verbose_name=_("partnerships"),
    )
    network_memberships = models.ManyToManyField(
        "partners.NetworkMembership",
        blank=True,
        related_name="plan_activities",
        verbose_name=_("networks"),
    )

    class Meta:
        ordering = ["focus_area__order", "kind", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["action_plan", "key"], name="activity_key_unique"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="activity_progress_at_most_100"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("staff:activity_detail", args=[self.municipality.slug, self.pk])


class FollowUpEntry(models.Model):
    """A dated note on an activity's timeline: what happened, a status change, a file."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="entries", verbose_name=_("activity")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=Activity.Status.choices, blank=True
    )
    status = models.CharField(
        _("new status"),
        max_length=20,
        choices=Activity.Status.choices,
        blank=True,
        help_text=_("Leave empty when the status does not change."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attachment = UploadField(_("attachment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up entries")

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"

    @property
    def permission_parent(self):
        return self.activity

    @property
    def municipality_id(self):
        return self.activity.municipality_id
