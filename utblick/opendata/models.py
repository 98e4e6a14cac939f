"""EU open data (shared reference data) and what each municipality does with it.

Shared (not per municipality): organisations, projects and participations imported from
CORDIS and the Swedish Interreg list, and the public twin-town list. Per municipality: the
links between its registry partners and the imported organisations (with a review list),
and due-diligence checks of partners.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped


class Source(models.TextChoices):
    H2020 = "h2020", "Horizon 2020"
    FP7 = "fp7", "FP7"
    INTERREG = "interreg", "Interreg"


class EUOrganisation(models.Model):
    """An organisation that took part in EU-funded projects (from open data)."""

    key = models.CharField(
        _("key"), max_length=300, unique=True, help_text=_("pic:<PIC> or name:<name>|<country>")
    )
    pic = models.CharField(_("PIC"), max_length=9, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    normalised_name = models.CharField(_("normalised name"), max_length=300, db_index=True)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    org_type = models.CharField(_("organisation type"), max_length=60, blank=True)
    website = models.CharField(_("website"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("EU organisation")
        verbose_name_plural = _("EU organisations")
        indexes = [models.Index(fields=["country", "normalised_name"])]

    def __str__(self):
        return self.name


class EUProject(models.Model):
    """A project funded by an EU programme (from open data)."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    external_id = models.CharField(_("project number"), max_length=200)
    programme = models.CharField(_("programme"), max_length=120, db_index=True)
    acronym = models.CharField(_("acronym"), max_length=120, blank=True)
    title = models.TextField(_("title"), blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    topic_code = models.CharField(_("topic code"), max_length=120, blank=True)
    topic_description = models.TextField(_("topic"), blank=True)
    funding_scheme = models.CharField(_("funding scheme"), max_length=120, blank=True)
    eu_contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    url = models.CharField(_("address"), max_length=300, blank=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        help_text=_("The stems of the title, acronym, theme and topic (text.search_terms)."),
    )

    class Meta:
        ordering = ["programme", "acronym"]
        verbose_name = _("EU project")
        verbose_name_plural = _("EU projects")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="euproject_unique")
        ]

    def __str__(self):
        return self.acronym or self.title[:80] or self.external_id

    @property
    def display_title(self):
        return self.title or self.topic_description or self.acronym


class Participation(models.Model):
    """An organisation's part in an EU project."""

    organisation = models.ForeignKey(
        EUOrganisation,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        EUProject,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("project"),
    )
    role = models.CharField(_("role"), max_length=40)
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    eu_contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="participation_unique")
        ]
        indexes = [
            # A topic search on the participations (year filters, rare stems) reads the
            # matching projects' participations: covering, so the filters and the grouping
            # read the index only (a coordinator filter seeks to the coordinators).
            models.Index(
                fields=["project", "is_coordinator", "year", "organisation", "eu_contribution"],
                name="participation_by_project",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.project} ({self.role})"


class OrganisationProgrammeStats(models.Model):
    """Pre-computed participations of one organisation in one programme (``programme``
    NULL: in all programmes), with the organisation's facet values (denormalised), for
    topic-less partner searches. Rebuilt as a whole by ``statistics.refresh_statistics``
    after every import."""

    organisation = models.ForeignKey(
        EUOrganisation,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint's index starts with it
        verbose_name=_("organisation"),
    )
    # NULL: the organisation's totals over all programmes ("" can be a programme).
    programme = models.CharField(_("programme"), max_length=120, null=True, blank=True)  # noqa: DJ001
    country = models.CharField(_("country"), max_length=2, blank=True)
    org_type = models.CharField(_("organisation type"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    matches = models.PositiveIntegerField(_("participations"))
    coordinated = models.PositiveIntegerField(_("coordinated"))
    contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("organisation statistics")
        verbose_name_plural = _("organisation statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "programme"], name="orgprogrammestats_unique"
            )
        ]
        indexes = [
            # The ranking's leading keys, per programme (NULL: the totals).
            models.Index(
                fields=["programme", "-matches", "-coordinated"], name="orgprogstats_ranking"
            ),
            # The facets (``statistics.facet_counts``: one pass in this order, covering).
            models.Index(
                fields=["programme", "country", "org_type", "region", "coordinated"],
                name="orgprogstats_facets",
            ),
            models.Index(fields=["country", "programme"], name="orgprogstats_country"),
            models.Index(fields=["org_type", "programme"], name="orgprogstats_org_type"),
            models.Index(fields=["region", "programme"], name="orgprogstats_region"),
        ]

    def __str__(self):
        return f"{self.organisation_id} – {self.programme}"


class ProgrammeFacetCounts(models.Model):
    """The facets of every topic-less partner search, pre-counted: the number of
    organisations per row of ``OrganisationProgrammeStats``' facet values (programme, NULL
    for the totals; country; type; region; whether they coordinated). A search's filters are
    among those values, so its facets are a sum over at most a few thousand of these rows
    instead of a pass over every organisation (``statistics.facet_counts``). Rebuilt with the
    statistics."""

    programme = models.CharField(_("programme"), max_length=120, null=True, blank=True)  # noqa: DJ001
    country = models.CharField(_("country"), max_length=2, blank=True)
    org_type = models.CharField(_("organisation type"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    coordinating = models.BooleanField(_("coordinated"))
    organisations = models.PositiveIntegerField(_("organisations"))

    class Meta:
        verbose_name = _("facet counts")
        verbose_name_plural = _("facet counts")

    def __str__(self):
        return f"{self.programme} {self.country} {self.org_type} {self.region}"


class SearchTerm(models.Model):
    """A stem of the projects' search texts with the number of projects that have it (the
    vocabulary at the last ``statistics.refresh_statistics``); ``aggregated``: the term's
    organisations are in ``OrganisationTermStats``."""

    term = models.CharField(_("term"), max_length=200, unique=True)
    projects = models.PositiveIntegerField(_("projects"))
    aggregated = models.BooleanField(_("aggregated"), default=False)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term


class TermStatsColumns(models.Model):
    """The columns the term statistics share (``OrganisationTermStats`` and its rows by year):
    a stem, an organisation with its facet values, and its participations in projects with
    the stem (no foreign-key constraint: the tables are written in set-based statements and
    read by term)."""

    term = models.CharField(_("term"), max_length=200)
    organisation = models.ForeignKey(
        EUOrganisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("organisation"),
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    org_type = models.CharField(_("organisation type"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    matches = models.PositiveIntegerField(_("participations"))
    coordinated = models.PositiveIntegerField(_("coordinated"))
    contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    coordinated_contribution = models.DecimalField(
        _("EU contribution as coordinator (EUR)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True


class OrganisationTermStats(TermStatsColumns):
    """Pre-computed participations of one organisation in projects with one search term, per
    programme (``programme`` NULL: in all programmes), with the organisation's facet values,
    for partner searches on a broad topic. Rebuilt as a whole by
    ``statistics.refresh_statistics`` (no foreign-key constraint: the table is written in
    one set-based statement and read by term)."""

    # NULL: the organisation's totals over all programmes ("" can be a programme).
    programme = models.CharField(_("programme"), max_length=120, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("organisation term statistics")
        verbose_name_plural = _("organisation term statistics")
        indexes = [
            # The ranking's leading keys per term and programme (NULL: the totals).
            # The ranking per term and programme (NULL: the totals), with and without the
            # coordinator filter; covering, so a page reads the index only.
            models.Index(
                fields=[
                    "term",
                    "programme",
                    "-matches",
                    "-coordinated",
                    "-contribution",
                    "organisation",
                ],
                name="orgtermstats_ranking",
            ),
            models.Index(
                fields=[
                    "term",
                    "programme",
                    "-coordinated",
                    "-coordinated_contribution",
                    "organisation",
                ],
                name="orgtermstats_coordinated",
            ),
            # The facets and the organisation filters (covering).
            models.Index(
                fields=["term", "programme", "country", "org_type", "region", "coordinated"],
                name="orgtermstats_facets",
            ),
        ]

    def __str__(self):
        return f"{self.term}: {self.organisation_id} – {self.programme}"


class OrganisationTermYearStats(TermStatsColumns):
    """Pre-computed participations of one organisation in projects with one search term, per
    programme and start year (``year`` NULL: not known), with the organisation's facet
    values, for partner searches on a broad topic with a year filter: the year's rows are
    summed per organisation in SQL (``statistics.Source.years``) instead of reading every
    matching project's participations. ``OrganisationTermStats`` is these rows summed over
    the years. Rebuilt as a whole by ``statistics.refresh_statistics``."""

    programme = models.CharField(_("programme"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation term statistics by year")
        verbose_name_plural = _("organisation term statistics by year")
        indexes = [
            # A search reads one term's rows of a range of years.
            models.Index(fields=["term", "year"], name="orgtermyear_term_year"),
            # With the coordinator filter only the rows with coordinator roles count.
            models.Index(
                fields=["term", "year"],
                name="orgtermyear_coordinated",
                condition=models.Q(coordinated__gt=0),
            ),
        ]

    def __str__(self):
        return f"{self.term}: {self.organisation_id} – {self.programme} {self.year}"


class TwinTownPair(models.Model):
    """One line of the public twin-town list (as published, in English spelling)."""

    city = models.CharField(_("city"), max_length=150)
    country = models.CharField(_("country"), max_length=100)
    partner_city = models.CharField(_("partner city"), max_length=150)
    partner_country = models.CharField(_("partner country"), max_length=100)
    city_key = models.CharField(max_length=150, db_index=True)
    partner_city_key = models.CharField(max_length=150, db_index=True)

    class Meta:
        ordering = ["city", "partner_city"]
        verbose_name = _("twin-town pair")
        verbose_name_plural = _("twin-town pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "country", "partner_city", "partner_country"],
                name="twintownpair_unique",
            )
        ]

    def __str__(self):
        return f"{self.city} ({self.country}) – {self.partner_city} ({self.partner_country})"


class OrganisationLink(MunicipalityScoped):
    """A link between a registry partner and an imported EU organisation."""

    class Method(models.TextChoices):
        PIC = "pic", _("Same PIC")
        NAME = "name", _("Same name and country")
        FUZZY = "fuzzy", _("Similar name, same country")

    class Status(models.TextChoices):
        LINKED = "linked", _("Linked")
        PENDING = "pending", _("To review")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="eu_links",
        verbose_name=_("registry partner"),
    )
    eu_organisation = models.ForeignKey(
        EUOrganisation,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("EU organisation"),
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    score = models.PositiveSmallIntegerField(_("similarity"), default=100)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "-score"]
        verbose_name = _("organisation link")
        verbose_name_plural = _("organisation links")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "eu_organisation"], name="organisationlink_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.eu_organisation}"

    @property
    def permission_parent(self):
        return self.organisation


class DueDiligence(MunicipalityScoped):
    """A check of a partner before an occasion (an application, an agreement)."""

    class Check(models.TextChoices):
        NOT_CHECKED = "", _("Not checked")
        OK = "ok", _("Satisfactory")
        CONCERN = "concern", _("Concern")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not decided")
        APPROVED = "approved", _("Approved")
        CONDITIONS = "conditions", _("Approved with conditions")
        REJECTED = "rejected", _("Not approved")

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="due_diligences",
        verbose_name=_("partner"),
    )
    occasion = models.CharField(
        _("occasion"), max_length=200, help_text=_("E.g. the application or agreement.")
    )
    competence = models.CharField(
        _("competence for the topic"), max_length=10, choices=Check.choices, blank=True
    )
    financial_capacity = models.CharField(
        _("financial capacity"), max_length=10, choices=Check.choices, blank=True
    )
    references = models.CharField(_("references"), max_length=10, choices=Check.choices, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=10, choices=Check.choices, blank=True
    )
    pic_checked = models.CharField(
        _("PIC checked"), max_length=10, choices=Check.choices, blank=True
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor"),
    )
    assessed_on = models.DateField(_("date"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    notes = models.TextField(_("notes"), blank=True)
    evidence = models.JSONField(
        _("open-data track record"),
        default=dict,
        blank=True,
        help_text=_("The track record from EU open data when the check was saved."),
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("due diligence")
        verbose_name_plural = _("due diligence checks")

    CHECKS = ("competence", "financial_capacity", "references", "legal_status", "pic_checked")

    def __str__(self):
        return f"{self.organisation} – {self.occasion}"

    def get_absolute_url(self):
        return reverse("staff:duediligence_detail", args=[self.municipality.slug, self.pk])

    @property
    def permission_parent(self):
        return self.organisation


class OrganisationCorrection(models.Model):
    """A coordinator's proposed correction of a shared EU organisation. Open data is shared
    by every municipality, so only a platform superuser applies a correction; the record
    keeps who proposed and who decided, when, and the value it replaced."""

    class Field(models.TextChoices):
        NAME = "name", _("name")
        SHORT_NAME = "short_name", _("short name")
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        ORG_TYPE = "org_type", _("organisation type")
        WEBSITE = "website", _("website")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        EUOrganisation,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("EU organisation"),
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("proposed by municipality"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    value = models.CharField(_("correct value"), max_length=300)
    reason = models.TextField(_("reason or source"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    previous_value = models.CharField(_("value before"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("correction of an EU organisation")
        verbose_name_plural = _("corrections of EU organisations")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.organisation}: {self.get_field_display()} → {self.value}"

    def current_value(self) -> str:
        """The organisation's value of the field now."""
        return getattr(self.organisation, self.field)
