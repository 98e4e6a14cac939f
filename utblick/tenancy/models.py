"""Municipalities, their units, staff users and their roles.

Counties and municipalities are reference data (all 290 are loaded by a migration); a
municipality is *active* on this installation once it has been set up.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who signs in. What they may do is decided by their memberships."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class County(models.Model):
    code = models.CharField(_("SCB code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("SCB code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    is_active = models.BooleanField(
        _("active on this installation"),
        default=False,
        help_text=_("Active municipalities have staff users and a public site."),
    )
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    address = models.CharField(_("visiting address"), max_length=200, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("E.g. Monday–Friday 8:00–16:30")
    )
    contact_text = models.TextField(_("contact page text"), blank=True)
    intro = models.TextField(_("introduction on the public start page"), blank=True)
    accessibility_known_issues = models.TextField(_("known accessibility shortcomings"), blank=True)
    accessibility_assessed_on = models.DateField(
        _("accessibility assessed on"), null=True, blank=True
    )
    accessibility_statement_reviewed_on = models.DateField(
        _("accessibility statement last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "When a person last checked that the statement is correct (not when it was last "
            "edited). Shown as “Last reviewed” on the accessibility statement."
        ),
    )
    accessibility_contact_email = models.EmailField(
        _("e-mail for reporting accessibility problems"), blank=True
    )
    content_reviewed_on = models.DateField(
        _("content last reviewed"),
        null=True,
        blank=True,
        help_text=_("Shown as “Last reviewed” on every public page."),
    )
    diarienummer_pattern = models.CharField(
        _("pattern for registration numbers"),
        max_length=200,
        blank=True,
        default=r"^[A-ZÅÄÖ]{2,5} \d{4}/\d{1,6}$",
        help_text=_("A regular expression, e.g. for KS 2024/310."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("public:home", args=[self.slug])


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Department (förvaltning)")
    OFFICE = "office", _("Office (kontor)")
    COMPANY = "company", _("Municipal company (bolag)")


class Unit(models.Model):
    Kind = UnitKind

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="units", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            # The rules of services.save_unit, refused by the database too.
            models.CheckConstraint(
                condition=models.Q(name_sv__isnull=False) & ~models.Q(name_sv=""),
                name="unit_has_a_swedish_name",
                violation_error_message=_("This field is required."),
            ),
            models.UniqueConstraint(
                Lower("name_sv"),
                "municipality",
                name="unit_name_unique_in_municipality",
                violation_error_message=_("There is already a unit with this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=UnitKind.values),
                name="unit_kind_is_known",
                violation_error_message=_("Choose a department, an office or a municipal company."),
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("International coordinator")
    UNIT_REPRESENTATIVE = "unit_rep", _("Unit representative")
    READER = "reader", _("Reader")


def role_constraints(model: str) -> list:
    """The rules of a role (``tenancy.services.member_errors``) as constraints of ``model``'s
    table: one of the roles, and a unit for a unit representative only. (That the unit is of
    the same municipality spans two tables: the services' rule alone.)"""
    unit_rep = models.Q(role=Role.UNIT_REPRESENTATIVE)
    return [
        models.CheckConstraint(
            condition=models.Q(role__in=Role.values),
            name=f"{model}_role_is_known",
            violation_error_message=_(
                "Choose a role: international coordinator, unit representative or reader."
            ),
        ),
        models.CheckConstraint(
            condition=~unit_rep | models.Q(unit__isnull=False),
            name=f"{model}_unit_representative_has_a_unit",
            violation_error_message=_("A unit representative must belong to a unit."),
        ),
        models.CheckConstraint(
            condition=unit_rep | models.Q(unit__isnull=True),
            name=f"{model}_unit_only_for_a_unit_representative",
            violation_error_message=_("Only a unit representative belongs to a unit."),
        ),
    ]


class Membership(models.Model):
    """A user's role in one municipality. Permissions follow from it (see permissions.py)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
        help_text=_("Required for unit representatives."),
    )
    # When the member last opened the start page, and the time before that: what is new
    # "since the last visit" is what came after ``previous_visit_at``.
    last_visit_at = models.DateTimeField(_("last visit to the start page"), null=True, blank=True)
    previous_visit_at = models.DateTimeField(
        _("previous visit to the start page"), null=True, blank=True
    )

    # The visits change on every start page and are no change to the role: not in history.
    history = HistoricalRecords(excluded_fields=["last_visit_at", "previous_visit_at"])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_one_role_per_municipality"
            ),
            *role_constraints("membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


class Invitation(models.Model):
    """A role offered to a person, which becomes a Membership when they accept it.

    Every person a coordinator adds is invited, whether the user name is new (the account is
    created then) or belongs to an account someone else made: the coordinator sees the same
    answer either way, and nobody gets into a municipality without saying yes themselves.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("unit"),
    )
    # What the coordinator typed: shown in their list instead of the account's own name,
    # which may belong to someone they do not know.
    username = models.CharField(_("user name"), max_length=150)
    display_name = models.CharField(_("name"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="invitation_one_per_municipality"
            ),
            *role_constraints("invitation"),
        ]

    def __str__(self):
        return f"{self.username} – {self.municipality} ({self.get_role_display()})"
