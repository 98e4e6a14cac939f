"""Writes of the governing documents register. Every function is all-or-nothing.

Entities: governing documents with their language versions (files), the municipality's
register settings; the follow-up reminders. Rules: a unit representative's new document is
their unit's; a replaced file is deleted only once the change is final. The field rules (the
diarienummer against the municipality's pattern, dates) are still checked by the document
form, not here (issue #15: documents do not have a plain-data write path yet).
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.tenancy import permissions

from . import selectors
from .models import DocumentFile, DocumentSettings, GoverningDocument


@transaction.atomic
def save_document(*, form, municipality, user) -> GoverningDocument:
    """Save a document from its form; a unit representative's new document is their unit's."""
    document = form.save(commit=False)
    document.municipality = municipality
    rep_unit = permissions.unit_of(user, municipality)
    if document.pk is None and rep_unit is not None:
        document.unit = rep_unit
    document.save()
    form.save_m2m()
    return document


@transaction.atomic
def delete_document(*, document: GoverningDocument) -> None:
    for stored in document.files.all():
        transaction.on_commit(lambda f=stored.file: f.delete(save=False))
    document.delete()


@transaction.atomic
def add_file(*, form, document: GoverningDocument) -> DocumentFile:
    document_file = form.save(commit=False)
    document_file.document = document
    document_file.save()
    return document_file


@transaction.atomic
def delete_file(*, document_file: DocumentFile) -> None:
    stored = document_file.file
    document_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def save_settings(*, form, municipality) -> DocumentSettings:
    document_settings = form.save(commit=False)
    document_settings.municipality = municipality
    document_settings.save()
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
