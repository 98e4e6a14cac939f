"""Programme rules and calls: shared reference data (manual calls belong to one municipality)."""

import numpy as np
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from utblick.funding import call_text

# What the semantic model reads of a call: ``call_text`` (kept here for the callers).
EMBEDDING_MAX_CHARS = call_text.EMBEDDING_MAX_CHARS


RATE_MESSAGE = _("The co-financing rate is a percentage from 0 to 100.")


def parse_lump_sums(text: str) -> list[int]:
    """``"120000, 250 000, 400000"`` -> ``[120000, 250000, 400000]``; ValueError if a part
    is not a whole positive number."""
    amounts = []
    for part in text.replace(" ", "").replace("\u00a0", "").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) <= 0:
            raise ValueError(part)
        amounts.append(int(part))
    return amounts


def validate_lump_sums(value: str) -> None:
    try:
        parse_lump_sums(value)
    except ValueError as exc:
        raise ValidationError(
            _(
                "Write the lump sums as whole positive amounts in euro, separated by commas, "
                "e.g. 120000, 250000, 400000. “%(part)s” is not such an amount."
            ),
            code="invalid",
            params={"part": str(exc)},
        ) from exc


class ProgrammeRule(models.Model):
    """What a programme (or one of its actions) demands in one programme period.

    Shared by every municipality on the installation: coordinators read and edit them on the
    staff rule pages (every change is in the history), with the guide each comes from.
    Empty numbers mean "no rule".
    """

    programme = models.ForeignKey(
        "projects.FunderProgramme",
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("action"), max_length=200)
    period = models.CharField(_("programme period"), max_length=20, default="2021–2027")
    call_pattern = models.CharField(
        _("call identifier contains"),
        max_length=80,
        blank=True,
        help_text=_("Calls whose identifier contains this text are checked against the rule."),
    )
    min_organisations = models.PositiveSmallIntegerField(
        _("minimum organisations"), null=True, blank=True
    )
    min_countries = models.PositiveSmallIntegerField(_("minimum countries"), null=True, blank=True)
    min_eu_member_states = models.PositiveSmallIntegerField(
        _("minimum EU member states"), null=True, blank=True
    )
    min_participants = models.PositiveIntegerField(_("minimum participants"), null=True, blank=True)
    min_international_participants = models.PositiveIntegerField(
        _("minimum international participants"), null=True, blank=True
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=RATE_MESSAGE),
            MaxValueValidator(100, message=RATE_MESSAGE),
        ],
    )
    lump_sums_eur = models.CharField(
        _("lump sums (EUR)"),
        max_length=200,
        blank=True,
        validators=[validate_lump_sums],
        help_text=_("Comma-separated amounts, e.g. 120000, 250000, 400000."),
    )
    min_duration_months = models.PositiveSmallIntegerField(
        _("minimum duration (months)"), null=True, blank=True
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source_url = models.URLField(
        _("source"),
        max_length=400,
        help_text=_("Link to the official programme guide the rule comes from."),
    )

    class Meta:
        ordering = ["programme__name", "name"]
        verbose_name = _("programme rule")
        verbose_name_plural = _("programme rules")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "period"], name="funding_rule_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.period})"

    def url_in(self, municipality):
        return reverse("staff:programme_rule_detail", args=[municipality.slug, self.pk])

    @property
    def lump_sums(self) -> list[int]:
        return parse_lump_sums(self.lump_sums_eur)

    def clean(self):
        super().clean()
        errors = {}
        low, high = self.min_duration_months, self.max_duration_months
        if low is not None and high is not None and high < low:
            errors["max_duration_months"] = _(
                "The maximum duration cannot be shorter than the minimum duration."
            )
        orgs, countries, eu = self.min_organisations, self.min_countries, self.min_eu_member_states
        if orgs is not None and countries is not None and countries > orgs:
            errors["min_countries"] = _(
                "More countries than organisations cannot be required: each country needs "
                "an organisation."
            )
        if countries is not None and eu is not None and eu > countries:
            errors["min_eu_member_states"] = _(
                "More EU member states than countries cannot be required."
            )
        people, international = self.min_participants, self.min_international_participants
        if people is not None and international is not None and international > people:
            errors["min_international_participants"] = _(
                "More international participants than participants cannot be required."
            )
        if errors:
            raise ValidationError(errors)


class CallQuerySet(models.QuerySet):
    def visible_to(self, municipality):
        """Shared calls and the municipality's own manual calls."""
        return self.filter(
            models.Q(municipality__isnull=True) | models.Q(municipality=municipality)
        )

    def with_schedule(self, now=None):
        """Each call with ``next_due`` (its next deadline from ``now``), ``last_due`` and
        ``current_status``: a call whose deadlines have all passed is closed whatever its
        source said when it was imported, and a forthcoming call is open from its opening
        date."""
        now = now or timezone.now()
        ahead = CallDeadline.objects.filter(call=models.OuterRef("pk"), due__gte=now)
        passed = CallDeadline.objects.filter(call=models.OuterRef("pk"), due__lt=now)
        return self.annotate(
            next_due=models.Subquery(ahead.order_by("due").values("due")[:1]),
            last_due=models.Subquery(passed.order_by("-due").values("due")[:1]),
            current_status=models.Case(
                models.When(status=Call.Status.CLOSED, then=models.Value(Call.Status.CLOSED)),
                models.When(
                    models.Q(next_due__isnull=True, last_due__isnull=False),
                    then=models.Value(Call.Status.CLOSED),
                ),
                models.When(
                    status=Call.Status.FORTHCOMING,
                    opening_date__lte=timezone.localdate(now),
                    then=models.Value(Call.Status.OPEN),
                ),
                default=models.F("status"),
                output_field=models.CharField(max_length=12),
            ),
        )

    def by_next_deadline(self):
        """Open and forthcoming calls by their next deadline, then the closed ones, the most
        recently closed first (needs ``with_schedule``)."""
        closed = models.Case(
            models.When(current_status=Call.Status.CLOSED, then=models.Value(1)),
            default=models.Value(0),
        )
        return self.order_by(
            closed,
            models.F("next_due").asc(nulls_last=True),
            models.F("last_due").desc(nulls_last=True),
            "identifier",
        )

    def upcoming(self, now=None):
        """Open or forthcoming calls with a deadline ahead, not vanished from their source."""
        now = now or timezone.now()
        ahead = CallDeadline.objects.filter(due__gte=now).values("call_id")
        return self.filter(
            status__in=[Call.Status.OPEN, Call.Status.FORTHCOMING],
            vanished_at__isnull=True,
            pk__in=ahead,
        )


class Call(models.Model):
    """A funding call (a topic in the EU portal). Imported calls are shared by everyone and
    keep the funder's text in its own language; a manual call belongs to the municipality
    that entered it."""

    class Source(models.TextChoices):
        EU = "eu", _("EU Funding & Tenders portal")
        VINNOVA = "vinnova", _("Vinnova")
        MANUAL = "manual", _("Entered by hand")

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", _("Forthcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class DeadlineModel(models.TextChoices):
        SINGLE = "single-stage", _("Single stage")
        TWO_STAGE = "two-stage", _("Two stages")
        MULTIPLE = "multiple cut-off", _("Multiple cut-off dates")

    identifier = models.CharField(_("identifier"), max_length=120)
    call_identifier = models.CharField(_("call"), max_length=120, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
        help_text=_("Empty for shared calls from the EU portal and Vinnova."),
    )
    title = models.CharField(_("title"), max_length=400)
    programme = models.ForeignKey(
        "projects.FunderProgramme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("programme"),
    )
    programme_name = models.CharField(_("programme as stated"), max_length=200, blank=True)
    action_type = models.CharField(_("type of action"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    opening_date = models.DateField(_("opens"), null=True, blank=True)
    deadline_model = models.CharField(
        _("deadline model"),
        max_length=20,
        choices=DeadlineModel.choices,
        default=DeadlineModel.SINGLE,
    )
    budget_min = models.DecimalField(
        _("smallest grant"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("largest grant"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    expected_grants = models.PositiveIntegerField(_("expected grants"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    vanished_at = models.DateTimeField(
        _("no longer in the source"), null=True, blank=True, editable=False
    )
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Found with the vector (embeddings.embed_calls) for the ranking: the keys of the
    # concepts the call speaks of (concepts.py), separated by spaces, and how open it is to
    # a municipality (eligibility.municipal_eligibility, 0 to 1).
    concepts = models.CharField(max_length=1000, blank=True, editable=False)
    municipal_eligibility = models.FloatField(default=1.0, editable=False)
    embedded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CallQuerySet.as_manager()
    # Staff edits of manual calls, with who made them (the call page shows them). The
    # importers save without history: an imported call is the source's, not anyone's edit.
    history = HistoricalRecords(
        excluded_fields=[
            "content_hash",
            "embedding",
            "embedding_hash",
            "concepts",
            "municipal_eligibility",
            "embedded_at",
        ]
    )

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [
            models.Index(fields=["status", "vanished_at"]),
            # The matching's data version (the newest save and vector) is read on every
            # match: with these indexes it does not scan the table (matching._version).
            models.Index(fields=["updated_at"], name="funding_call_updated_idx"),
            models.Index(fields=["embedded_at"], name="funding_call_embedded_idx"),
        ]
        # An identifier names one shared call per source, and one call of a municipality's
        # own: an import never reaches a municipality's calls, nor one source another's.
        constraints = [
            models.UniqueConstraint(
                fields=["source", "identifier"],
                condition=models.Q(municipality__isnull=True),
                name="funding_call_shared_identifier_unique",
            ),
            models.UniqueConstraint(
                fields=["source", "municipality", "identifier"],
                condition=models.Q(municipality__isnull=False),
                name="funding_call_own_identifier_unique",
            ),
        ]

    def __str__(self):
        return f"{self.identifier} – {self.title}"

    def get_absolute_url(self):
        return reverse("staff:call_detail", args=[self.municipality.slug, self.pk])

    def url_in(self, municipality):
        return reverse("staff:call_detail", args=[municipality.slug, self.pk])

    def get_current_status_display(self):
        """The status as of now when the query said it (``with_schedule``), else as stored."""
        return Call.Status(getattr(self, "current_status", self.status)).label

    def embedding_text(self) -> str:
        """The text the semantic model reads: the title and the start of the description
        without the portal's openings (``call_text.embedding_text``). The keywords are left
        out: in the EU portal they repeat the identifier."""
        return call_text.embedding_text(
            title=self.title, identifier=self.identifier, description=self.description
        )

    @property
    def vector(self):
        if not self.embedding:
            return None
        return np.frombuffer(bytes(self.embedding), dtype=np.float32)


class DeadlineHistory(models.Model):
    """What a deadline's history row adds: the municipality of its call when the row was
    written (empty for shared calls). A municipality's backup takes the rows by it, so a
    deleted call's deadlines stay with the municipality that entered them."""

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class CallDeadline(models.Model):
    """One deadline of a call (two-stage calls have two, multiple cut-off calls several).

    ``sequence`` is the iCalendar SEQUENCE: raised whenever the date or time changes."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("call")
    )
    due = models.DateTimeField(_("deadline"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(bases=[DeadlineHistory])

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self):
        return f"{self.call.identifier}: {self.due:%Y-%m-%d %H:%M}"

    @property
    def permission_parent(self):
        return self.call


@receiver(pre_create_historical_record, sender=CallDeadline.history.model)
def _deadline_history_municipality(sender, instance, history_instance, **kwargs):
    history_instance.municipality_id = instance.call.municipality_id
