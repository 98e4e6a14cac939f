"""Externally funded projects, their partners, budget and status history."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from utblick.core.models import MunicipalityScoped, UploadField


class FunderProgramme(models.Model):
    """Reference list of funders and programmes (shared by all municipalities)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_eu = models.BooleanField(_("EU programme"), default=False)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030 goal")
        verbose_name_plural = _("Agenda 2030 goals")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    RUNNING = ("granted", "ongoing")

    def ongoing(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=self.RUNNING).exclude(end_date__lt=today)

    def completed(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            models.Q(status="completed") | models.Q(status__in=self.RUNNING, end_date__lt=today)
        )


class Project(MunicipalityScoped):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARATION = "preparation", _("In preparation")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Currency(models.TextChoices):
        SEK = "SEK", "SEK"
        EUR = "EUR", "EUR"

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    role = models.CharField(_("the municipality's role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    other_units = models.ManyToManyField(
        "tenancy.Unit", blank=True, related_name="+", verbose_name=_("other units")
    )
    programme = models.ForeignKey(
        FunderProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funder / programme"),
    )
    call_identifier = models.CharField(_("call identifier"), max_length=120, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )
    exchange_rate = models.DecimalField(
        _("exchange rate (SEK per EUR)"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Required for budgets in EUR."),
    )
    budget_total = models.DecimalField(
        _("total budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grant = models.DecimalField(_("grant"), max_digits=14, decimal_places=2, null=True, blank=True)
    own_cash = models.DecimalField(
        _("own contribution, cash"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    own_in_kind = models.DecimalField(
        _("own contribution, in kind"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    goals = models.ManyToManyField(
        SustainableDevelopmentGoal, blank=True, related_name="projects", verbose_name=_("goals")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="projects", verbose_name=_("tags"))
    is_public = models.BooleanField(_("public"), default=False)
    focus_area = models.ForeignKey(
        "strategy.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("focus area"),
        help_text=_("The focus area of the international strategy the project serves."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # The budget and date rules of services.save_project, refused by the database too.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grant__isnull=True)
                | models.Q(budget_total__isnull=True)
                | models.Q(grant__lte=models.F("budget_total")),
                name="project_grant_within_total",
                violation_error_message=_("The grant cannot be larger than the total budget."),
            ),
            models.CheckConstraint(
                condition=~models.Q(currency="EUR") | models.Q(exchange_rate__isnull=False),
                name="project_eur_has_rate",
                violation_error_message=_("Enter the exchange rate for a budget in EUR."),
            ),
            models.CheckConstraint(
                condition=models.Q(exchange_rate__isnull=True) | models.Q(exchange_rate__gt=0),
                name="project_rate_positive",
                violation_error_message=_("The exchange rate must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__gte": 0}),
                    name=f"project_{name}_not_negative",
                    violation_error_message=_("The amount cannot be negative."),
                )
                for name in ("budget_total", "grant", "own_cash", "own_in_kind")
            ),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.title}" if self.acronym else self.title

    def get_absolute_url(self):
        return reverse("staff:project_detail", args=[self.municipality.slug, self.pk])

    @property
    def cofinancing_rate(self) -> Decimal | None:
        """The grant's share of the total budget, in percent."""
        if self.grant is None or not self.budget_total:
            return None
        return (self.grant / self.budget_total * 100).quantize(Decimal("0.1"))

    @property
    def own_contribution(self) -> Decimal | None:
        if self.own_cash is None and self.own_in_kind is None:
            return None
        return (self.own_cash or 0) + (self.own_in_kind or 0)

    def in_sek(self, amount: Decimal | None) -> Decimal | None:
        if amount is None:
            return None
        if self.currency == self.Currency.SEK:
            return amount
        return (amount * (self.exchange_rate or 0)).quantize(Decimal("1"))


class ProjectStatusChange(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("project")
    )
    status = models.CharField(_("status"), max_length=20, choices=Project.Status.choices)
    date = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.date}: {self.get_status_display()}"

    @property
    def permission_parent(self):
        return self.project


class ProjectPartner(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="project_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="project_partner_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def permission_parent(self):
        return self.project


class ProjectLink(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="links", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title

    @property
    def permission_parent(self):
        return self.project


class ProjectDocument(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    file = UploadField(_("file"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public page of a public project.")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def permission_parent(self):
        return self.project

    @property
    def municipality_id(self):
        # Uploads are stored per municipality (core.models.upload_path).
        return self.project.municipality_id


class ProjectReport(models.Model):
    """A reporting deadline of a project (interim, final or financial report to the funder).

    It is in the funding radar's calendar feeds; ``sequence`` is the iCalendar SEQUENCE,
    raised whenever the date or time moves (``services.save_report``)."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")
        FINANCIAL = "financial", _("Financial report")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    due_date = models.DateField(_("due date"))
    due_time = models.TimeField(
        _("time"),
        null=True,
        blank=True,
        help_text=_("Swedish time. Without a time the deadline is a whole-day event."),
    )
    done = models.BooleanField(_("submitted"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")

    def __str__(self):
        return f"{self.title} ({self.due_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    @property
    def permission_parent(self):
        return self.project
