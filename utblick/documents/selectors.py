"""Reads of the governing documents register, for the views of this and other apps."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import DocumentFile, DocumentSettings, GoverningDocument


def documents_of(municipality):
    return GoverningDocument.objects.filter(municipality=municipality)


def settings_for(municipality) -> DocumentSettings:
    """The municipality's settings, or the defaults (unsaved) when none are stored."""
    found = DocumentSettings.objects.filter(municipality=municipality).first()
    return found or DocumentSettings(municipality=municipality)


def document_list(municipality):
    """The register with everything the staff list shows (no per-row queries)."""
    return documents_of(municipality).select_related("unit", "owner")


def document_detail(municipality, pk) -> GoverningDocument:
    queryset = documents_of(municipality).select_related(
        "municipality", "unit", "owner", "replaces"
    )
    queryset = queryset.prefetch_related(
        "files", Prefetch("replaced_by", queryset=GoverningDocument.objects.order_by("title"))
    )
    return get_object_or_404(queryset, pk=pk)


def document_for_change(municipality, pk) -> GoverningDocument:
    return get_object_or_404(documents_of(municipality).select_related("municipality"), pk=pk)


def file_of(municipality, document_pk, pk) -> DocumentFile:
    return get_object_or_404(
        DocumentFile.objects.select_related("document__municipality"),
        document__municipality=municipality,
        document_id=document_pk,
        pk=pk,
    )


def overdue_reviews(municipality, today: datetime.date):
    """Adopted documents whose follow-up date has passed, the most overdue first."""
    return (
        documents_of(municipality)
        .filter(status=GoverningDocument.Status.ADOPTED, follow_up_on__lt=today)
        .select_related("owner")
        .order_by("follow_up_on", "title")
    )


def dashboard_context(municipality, today: datetime.date) -> dict:
    """What the staff dashboard shows of this app."""
    return {"overdue_documents": list(overdue_reviews(municipality, today)[:20])}


def public_documents(municipality):
    """Adopted public documents with their files, for the public site."""
    return (
        documents_of(municipality)
        .filter(status=GoverningDocument.Status.ADOPTED, is_public=True)
        .select_related("replaces")
        .prefetch_related("files")
        .order_by("doc_type", "title")
    )


def public_document_or_404(municipality, pk) -> GoverningDocument:
    return get_object_or_404(public_documents(municipality), pk=pk)


def public_file_or_404(municipality, document_pk, pk) -> DocumentFile:
    return get_object_or_404(
        DocumentFile.objects.filter(
            document__in=public_documents(municipality).values("pk"), document_id=document_pk
        ),
        pk=pk,
    )


def due_reminders(today: datetime.date):
    """Adopted documents whose owner should now be reminded of the follow-up, not yet
    reminded for this follow-up date. Settings are per municipality (30 days by default)."""
    candidates = (
        GoverningDocument.objects.filter(
            status=GoverningDocument.Status.ADOPTED,
            follow_up_on__isnull=False,
            owner__isnull=False,
        )
        .exclude(owner__email="")
        .select_related("owner", "municipality")
        .order_by("municipality_id", "follow_up_on", "pk")
    )
    days = dict(DocumentSettings.objects.values_list("municipality_id", "reminder_days"))
    default = DocumentSettings._meta.get_field("reminder_days").default
    for document in candidates:
        if document.reminder_sent_for == document.follow_up_on:
            continue
        lead = datetime.timedelta(days=days.get(document.municipality_id, default))
        if document.follow_up_on - lead <= today:
            yield document
