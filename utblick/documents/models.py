"""The register of governing documents (styrdokument) and the municipality's settings for it."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped, UploadField

DEFAULT_REGISTRATION_PATTERN = r"^[A-ZÅÄÖ]{2,5} \d{4}/\d{1,6}$"


class DecidingBody(models.TextChoices):
    COUNCIL = "kf", _("Municipal council (kommunfullmäktige)")
    EXECUTIVE_BOARD = "ks", _("Municipal executive board (kommunstyrelsen)")
    COMMITTEE = "namnd", _("Committee (nämnd)")
    OFFICIAL = "official", _("Head of administration or official (tjänsteperson)")


class DocumentType(models.TextChoices):
    """The nine types of Swedish municipal governing documents, in their usual order."""

    POLICY = "policy", _("Policy")
    REGULATIONS = "reglemente", _("Regulations (reglemente)")
    ORDINANCE = "foreskrift", _("Ordinance (föreskrift)")
    PROVISIONS = "bestammelse", _("Provisions (bestämmelse)")
    GUIDELINE = "riktlinje", _("Guideline (riktlinje)")
    STRATEGY = "strategi", _("Strategy (strategi)")
    ACTION_PLAN = "handlingsplan", _("Action plan (handlingsplan)")
    PLAN = "plan", _("Plan")
    ROUTINE = "rutin", _("Routine (rutin)")


# The names the documents themselves carry in their type row (Swedish proper names).
TYPE_NAMES = {
    DocumentType.POLICY: "Policy",
    DocumentType.REGULATIONS: "Reglemente",
    DocumentType.ORDINANCE: "Föreskrift",
    DocumentType.PROVISIONS: "Bestämmelse",
    DocumentType.GUIDELINE: "Riktlinje",
    DocumentType.STRATEGY: "Strategi",
    DocumentType.ACTION_PLAN: "Handlingsplan",
    DocumentType.PLAN: "Plan",
    DocumentType.ROUTINE: "Rutin",
}

# Who usually adopts each type (the form proposes it; the municipality may decide otherwise).
DEFAULT_DECIDING_BODY = {
    DocumentType.POLICY: DecidingBody.COUNCIL,
    DocumentType.REGULATIONS: DecidingBody.COUNCIL,
    DocumentType.ORDINANCE: DecidingBody.COUNCIL,
    DocumentType.PROVISIONS: DecidingBody.EXECUTIVE_BOARD,
    DocumentType.GUIDELINE: DecidingBody.EXECUTIVE_BOARD,
    DocumentType.STRATEGY: DecidingBody.COUNCIL,
    DocumentType.ACTION_PLAN: DecidingBody.EXECUTIVE_BOARD,
    DocumentType.PLAN: DecidingBody.COUNCIL,
    DocumentType.ROUTINE: DecidingBody.OFFICIAL,
}


class DocumentSettings(models.Model):
    """Per municipality: the registration number pattern and when reminders go out."""

    municipality = models.OneToOneField(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="document_settings",
        verbose_name=_("municipality"),
    )
    registration_pattern = models.CharField(
        _("pattern for registration numbers"),
        max_length=200,
        default=DEFAULT_REGISTRATION_PATTERN,
        help_text=_("A regular expression, e.g. ^KS \\d{4}/\\d+$ for KS 2024/310."),
    )
    registration_example = models.CharField(
        _("example registration number"), max_length=40, default="KS 2024/310"
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before the follow-up date"), default=30
    )

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")

    def __str__(self):
        return str(self.municipality)

    def get_absolute_url(self):
        return reverse("staff:document_list", args=[self.municipality.slug])


class GoverningDocument(MunicipalityScoped):
    """A governing document with the metadata of its document information block."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        REPEALED = "repealed", _("Repealed")

    doc_type = models.CharField(_("document type"), max_length=20, choices=DocumentType.choices)
    title = models.CharField(_("title"), max_length=300)
    designation = models.CharField(
        _("document designation"),
        max_length=100,
        blank=True,
        help_text=_("Dokumentbeteckning; the document type's name if left empty."),
    )
    deciding_body = models.CharField(
        _("deciding body"), max_length=20, choices=DecidingBody.choices, blank=True
    )
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("Antaget av: body or person.")
    )
    registration_number = models.CharField(
        _("registration number (diarienummer)"), max_length=40, blank=True
    )
    document_date = models.DateField(_("date"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    published_in = models.CharField(
        _("published in"), max_length=200, blank=True, help_text=_("Handlingen publiceras.")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    applies_to = models.CharField(_("applies to"), max_length=300, blank=True)
    reference_documents = models.TextField(_("reference documents"), blank=True)
    owner_title = models.CharField(
        _("document owner (role)"),
        max_length=200,
        blank=True,
        help_text=_("Dokumentansvarig, e.g. International coordinator."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document owner"),
        help_text=_("Gets the e-mail reminder before the follow-up date."),
    )
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Adopted public documents are listed on the site.")
    )
    reminder_sent_for = models.DateField(
        _("reminder sent for follow-up date"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["doc_type", "title"]
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        # Whatever writes (services.save_document checks the same with the same messages).
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adopted_on__isnull=True)
                | models.Q(repealed_on__isnull=True)
                | models.Q(repealed_on__gte=models.F("adopted_on")),
                name="document_repealed_not_before_adopted",
                violation_error_message=_("A document cannot be repealed before it is adopted."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="document_validity_ends_after_start",
                violation_error_message=_("The end of the validity cannot be before its start."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="repealed") | models.Q(repealed_on__isnull=False),
                name="document_repealed_has_date",
                violation_error_message=_("Enter the date the document was repealed."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("staff:document_detail", args=[self.municipality.slug, self.pk])

    @property
    def type_name(self):
        """The type's Swedish name as it stands in the document's type row."""
        return TYPE_NAMES[DocumentType(self.doc_type)]

    @property
    def designation_or_type(self):
        return self.designation or self.type_name

    def review_overdue(self, today: datetime.date) -> bool:
        return (
            self.status == self.Status.ADOPTED
            and self.follow_up_on is not None
            and self.follow_up_on < today
        )


class DocumentFile(models.Model):
    """A file of a governing document, in one language (sv, en, de)."""

    class Language(models.TextChoices):
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")
        GERMAN = "de", _("German")

    document = models.ForeignKey(
        GoverningDocument,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("document"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    title = models.CharField(_("title"), max_length=200)
    file = UploadField(_("file"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["language", "title"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def __str__(self):
        return self.title

    @property
    def permission_parent(self):
        return self.document

    @property
    def municipality_id(self):
        return self.document.municipality_id
