"""Writes of the governing documents register. Every function is all-or-nothing.

Entities: governing documents with their language versions (files), the municipality's
register settings; the follow-up reminders.

``save_document`` is the one way a governing document is created or changed, whoever calls
it (the staff form, the demo data); it takes plain keyword data and enforces:

- a Swedish title, a known document type and status are given; an empty deciding body becomes
  the usual one of the type;
- the registration number (diarienummer, spaces tidied) follows the municipality's pattern
  (RE2, ``utblick.core.patterns.fullmatches``);
- an adopted or repealed document has its adoption date, a repealed one its repeal date, and
  it is not repealed before it is adopted; the validity does not end before it starts;
- the unit, the owner (a member) and the replaced document are the municipality's own, a
  document never replaces itself (through a chain either) nor moves to another municipality;
- a unit representative's new document is their unit's, and only a coordinator moves it.

Broken rules raise ``ValidationError`` keyed by field. The database refuses the date order
and the missing dates too (``GoverningDocument.Meta.constraints``). A replaced file is deleted
only once the change is final.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.patterns import fullmatches
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.tenancy import permissions

from . import selectors
from .models import (
    DEFAULT_DECIDING_BODY,
    DocumentFile,
    DocumentSettings,
    DocumentType,
    GoverningDocument,
)

# What save_document accepts, in the order the document form shows them.
DOCUMENT_FIELD_ORDER = (
    "doc_type",
    "title_sv",
    "title_en",
    "designation",
    "status",
    "adopted_on",
    "repealed_on",
    "deciding_body",
    "adopted_by",
    "registration_number",
    "document_date",
    "replaces",
    "published_in",
    "purpose_sv",
    "purpose_en",
    "applies_to_sv",
    "applies_to_en",
    "reference_documents",
    "owner_title",
    "owner",
    "unit",
    "follow_up_on",
    "valid_from",
    "valid_to",
    "is_public",
)
DOCUMENT_FIELDS = frozenset(DOCUMENT_FIELD_ORDER)


def document_errors(*, municipality, values: dict, document=None) -> dict:
    """The broken rules of a document with these ``values`` (all its fields, as they will be
    saved), as {field: [message]}; empty when it may be saved."""
    refusals = Refusals()
    if not (values.get("title_sv") or "").strip():
        refusals.refuse("title_sv", _("This field is required."))
    if values.get("doc_type") not in DocumentType.values:
        refusals.refuse("doc_type", _("This field is required."))
    status = values.get("status")
    if status not in GoverningDocument.Status.values:
        refusals.refuse("status", _("This field is required."))
    number = values.get("registration_number") or ""
    if number:
        document_settings = selectors.settings_for(municipality)
        if not fullmatches(document_settings.registration_pattern, number):
            refusals.refuse(
                "registration_number",
                _(
                    "“%(number)s” does not follow the municipality's pattern for registration "
                    "numbers, e.g. %(example)s."
                )
                % {"number": number, "example": document_settings.registration_example},
            )
    adopted, repealed = values.get("adopted_on"), values.get("repealed_on")
    needs_adoption = status in (GoverningDocument.Status.ADOPTED, GoverningDocument.Status.REPEALED)
    if needs_adoption and not adopted:
        refusals.refuse("adopted_on", _("Enter the date the document was adopted."))
    if status == GoverningDocument.Status.REPEALED and not repealed:
        refusals.refuse("repealed_on", _("Enter the date the document was repealed."))
    if adopted and repealed and repealed < adopted:
        refusals.refuse("repealed_on", _("A document cannot be repealed before it is adopted."))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        refusals.refuse("valid_to", _("The end of the validity cannot be before its start."))
    unit = values.get("unit")
    if unit is not None and unit.municipality_id != municipality.pk:
        refusals.refuse("unit", _("Choose one of the municipality's own units."))
    owner = values.get("owner")
    if owner is not None and not owner.memberships.filter(municipality=municipality).exists():
        refusals.refuse("owner", _("Choose a member of the municipality."))
    replaces = values.get("replaces")
    if replaces is not None and replaces.municipality_id != municipality.pk:
        refusals.refuse("replaces", _("Choose one of the municipality's own documents."))
    elif replaces is not None and document is not None and document.pk:
        seen, current = {document.pk}, replaces
        while current is not None:
            if current.pk in seen:
                refusals.refuse("replaces", _("A document cannot replace itself."))
                break
            seen.add(current.pk)
            current = current.replaces
    return refusals.as_dict()


@transaction.atomic
def save_document(
    *, municipality, user, document: GoverningDocument | None = None, **fields
) -> GoverningDocument:
    """Create a document in ``municipality`` (``document`` None) or change ``document``: the
    ``fields`` given are set, the others stay. Raises ``ValidationError`` per field."""
    reject_unknown_fields("save_document", fields, DOCUMENT_FIELDS)
    if document is not None and document.municipality_id != municipality.pk:
        raise ValidationError(
            {"municipality": _("A document cannot move to another municipality.")}
        )
    creating = document is None
    if creating:
        document = GoverningDocument(municipality=municipality)
    stored = None if creating else GoverningDocument.objects.get(pk=document.pk)
    stored_unit_id = None if creating else stored.unit_id
    if "registration_number" in fields:
        fields["registration_number"] = " ".join((fields["registration_number"] or "").split())
    for name, value in fields.items():
        setattr(document, name, value)
    if document.doc_type in DocumentType.values and not document.deciding_body:
        document.deciding_body = DEFAULT_DECIDING_BODY[DocumentType(document.doc_type)]
    # No user: the demo data or a command, acting for the municipality as a whole.
    rep_unit = permissions.unit_of(user, municipality) if user is not None else None
    if rep_unit is not None:
        if creating:
            document.unit = rep_unit
        elif document.unit_id != stored_unit_id:
            raise ValidationError({"unit": _("Only the coordinator can move a document.")})
    values = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
    errors = document_errors(municipality=municipality, values=values, document=document)
    if errors:
        raise ValidationError(errors)
    document.save()
    _public_pages_changed(document, stored=stored)
    return document


def _public_pages_changed(document, *, stored=None):
    """Drop the cached public pages of ``document`` (as ``stored`` before the change) and of
    the documents it replaces or is replaced by (they link to each other), if the public
    site shows or showed it."""
    related = [*document.replaced_by.all(), document.replaces, stored and stored.replaces]
    public_cache.record_changed(
        record=document,
        public=document.is_public or (stored is not None and stored.is_public),
        related=[one for one in related if one is not None],
    )


@transaction.atomic
def delete_document(*, document: GoverningDocument) -> None:
    for stored in document.files.all():
        transaction.on_commit(lambda f=stored.file: f.delete(save=False))
    _public_pages_changed(document)
    document.delete()


@transaction.atomic
def add_file(*, form, document: GoverningDocument) -> DocumentFile:
    document_file = form.save(commit=False)
    document_file.document = document
    document_file.save()
    _public_pages_changed(document)
    return document_file


@transaction.atomic
def delete_file(*, document_file: DocumentFile) -> None:
    stored = document_file.file
    document_file.delete()
    _public_pages_changed(document_file.document)
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def save_settings(*, form, municipality) -> DocumentSettings:
    document_settings = form.save(commit=False)
    document_settings.municipality = municipality
    document_settings.save()
    public_cache.invalidate(municipality.slug)
    return document_settings


def send_reminders(*, today: datetime.date, base_url: str = "") -> list[GoverningDocument]:
    """E-mail each document owner whose follow-up date is near, once per follow-up date, with
    an absolute link to the document (``base_url``, by default ``SITE_URL``).

    Each reminder is marked as sent in the same transaction as it is sent, so a failure
    part-way leaves the later ones to the next run and never sends one twice.
    """
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    sent = []
    for document in selectors.due_reminders(today):
        with transaction.atomic():
            locked = GoverningDocument.objects.select_for_update().get(pk=document.pk)
            if locked.reminder_sent_for == document.follow_up_on:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Follow-up due: %(title)s") % {"title": document.title}
                body = _(
                    "The governing document “%(title)s” (%(number)s) of %(municipality)s is "
                    "due for follow-up on %(date)s. You are its document owner.\n\n%(url)s"
                ) % {
                    "title": document.title,
                    "number": document.registration_number or "–",
                    "municipality": document.municipality,
                    "date": document.follow_up_on.isoformat(),
                    "url": base_url + document.get_absolute_url(),
                }
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [document.owner.email])
            GoverningDocument.objects.filter(pk=document.pk).update(
                reminder_sent_for=document.follow_up_on
            )
            sent.append(document)
    return sent
