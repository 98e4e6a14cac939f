"""Partner organisations, contact persons, partnerships (twin towns etc.) and networks."""

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from utblick.core.models import Decision, MunicipalityScoped, UploadField


class Organisation(MunicipalityScoped):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        UNIVERSITY = "university", _("University")
        SCHOOL = "school", _("School")
        NGO = "ngo", _("Non-governmental organisation")
        COMPANY = "company", _("Company")
        CHAMBER = "chamber", _("Chamber of commerce")
        AUTHORITY = "authority", _("Public authority")
        NETWORK_SECRETARIAT = "network", _("Network secretariat")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    pic = models.CharField(
        _("EU participant identification code (PIC)"),
        max_length=9,
        blank=True,
        help_text=_("Nine digits."),
    )
    notes = models.TextField(_("notes"), blank=True)
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "country"], name="organisation_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def place_after_name(self) -> str:
        """The city with its region, without what the name already says: "Tempe" in
        "Tempe, Arizona" reads "Tempe, Arizona", not "Tempe, Tempe, Arizona"; "Stadt
        Flensburg" in "Flensburg" needs no place at all."""
        name = self.name.casefold()
        parts = [part.strip() for part in self.city.split(",") if part.strip()]
        return ", ".join(
            part
            for part in parts
            if not re.search(rf"(?<!\w){re.escape(part.casefold())}(?!\w)", name)
        )

    def get_absolute_url(self):
        return reverse("staff:organisation_detail", args=[self.municipality.slug, self.pk])


class ContactPerson(models.Model):
    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("Consent")
        CONTRACT = "contract", _("Contract")
        PUBLIC_TASK = "public_task", _("Task in the public interest")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("legal basis (GDPR)"), max_length=30, choices=LegalBasis.choices
    )
    review_date = models.DateField(
        _("review by"), help_text=_("When to check that the data is still needed.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name

    @property
    def permission_parent(self):
        return self.organisation


class Partnership(MunicipalityScoped, Decision):
    class Kind(models.TextChoices):
        TWIN_TOWN = "twin", _("Twin town")
        FRIENDSHIP = "friendship", _("Friendship town")
        COOPERATION = "cooperation", _("Cooperation")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    description = models.TextField(_("description"), blank=True)
    agreement = UploadField(_("agreement"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.partner} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("staff:partnership_detail", args=[self.municipality.slug, self.pk])


class PartnershipActivity(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
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
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"

    @property
    def permission_parent(self):
        return self.partnership


class Network(models.Model):
    """A network municipalities take part in (shared reference data)."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            # The rules of services.save_network, refused by the database too.
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="network_has_a_name",
                violation_error_message=_("This field is required."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                name="network_name_unique",
                violation_error_message=_("There is already a network with this name."),
            ),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.name}" if self.acronym else self.name


class NetworkMembership(MunicipalityScoped, Decision):
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("network")
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
    yearly_fee = models.DecimalField(
        _("yearly fee"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    fee_currency = models.CharField(
        _("currency"), max_length=3, choices=[("SEK", "SEK"), ("EUR", "EUR")], default="SEK"
    )
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    representative_units = models.ManyToManyField(
        "tenancy.Unit", blank=True, related_name="+", verbose_name=_("representing units")
    )
    representatives = models.CharField(
        _("representatives"),
        max_length=500,
        blank=True,
        help_text=_("Names and roles of the people who represent the municipality."),
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["network__name"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "network"], name="network_membership_unique"
            ),
            # The rules of services.save_membership, refused by the database too.
            models.CheckConstraint(
                condition=models.Q(yearly_fee__isnull=True) | models.Q(yearly_fee__gte=0),
                name="network_membership_fee_not_negative",
                violation_error_message=_("The fee cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(member_since__isnull=True)
                | models.Q(member_until__isnull=True)
                | models.Q(member_until__gte=models.F("member_since")),
                name="network_membership_ends_after_start",
                violation_error_message=_("The membership cannot end before it began."),
            ),
        ]

    def __str__(self):
        return str(self.network)

    def get_absolute_url(self):
        return reverse("staff:membership_detail", args=[self.municipality.slug, self.pk])
