"""Demo governing documents (called by ``manage.py load_demo`` after the core demo).

Facts from the municipalities' own pages (see /work/shared/seeds in the development set-up):
Trollhättan's council adopted an international strategy in March 2007 and a new one in
April 2024 (the day is not stated; the 1st is used); the action plan 2025–2026 has the
document information block of the seed plan. Västerås publishes its policy for international
work in Swedish, English and German, and a guideline; Kungälv's council adopted an
international policy. The files are placeholders that say where the real document is.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from utblick.documents.forms import DocumentFileForm, DocumentSettingsForm
from utblick.documents.models import DocumentFile, DocumentSettings, DocumentType, GoverningDocument
from utblick.documents.services import add_file, save_document, save_settings
from utblick.tenancy.models import Municipality, Unit, User

ACTION_PLAN_NUMBER = "KS 2024/310"


PLACEHOLDER_TEXTS = {
    "sv": "Platshållare i demon. Det antagna dokumentet publiceras på {website}.",
    "en": "Demo placeholder. The adopted document is published at {website}.",
    "de": "Platzhalter der Demo. Das beschlossene Dokument ist unter {website} veröffentlicht.",
}


def _placeholder_pdf(title, language, website):
    """A tagged PDF/UA-1 in the document's language, like every PDF Utblick offers."""
    from django.utils.html import escape
    from weasyprint import HTML

    from utblick.core.office_documents import PDF_VARIANT
    from utblick.core.pdf import url_fetcher

    text = PLACEHOLDER_TEXTS.get(language, PLACEHOLDER_TEXTS["en"]).format(website=website)
    html = (
        f'<html lang="{language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"</head><body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>"
    )
    return HTML(string=html, url_fetcher=url_fetcher()).write_pdf(pdf_variant=PDF_VARIANT)


# The register needs an adoption date for an adopted document; where the municipality's page
# does not state it, the demo uses this placeholder date, like the placeholder files.
ADOPTION_DATE_NOT_STATED = datetime.date(2020, 1, 1)


def _document(municipality, title_sv, **fields):
    """The demo document through the one write path (created, or changed when it exists)."""
    existing = GoverningDocument.objects.filter(municipality=municipality, title_sv=title_sv)
    return save_document(
        municipality=municipality,
        user=None,
        document=existing.first(),
        title_sv=title_sv,
        **fields,
    )


def _file(document, language, title, website):
    if document.files.filter(language=language, title=title).exists():
        return
    upload = SimpleUploadedFile(
        f"{title}.pdf", _placeholder_pdf(title, language, website), "application/pdf"
    )
    form = DocumentFileForm(
        {"language": language, "title": title},
        {"file": upload},
        instance=DocumentFile(document=document),
    )
    if not form.is_valid():
        raise ValueError(f"Demo file refused: {form.errors.as_json()}")
    add_file(form=form, document=document)


@transaction.atomic
def load_demo_data():
    trollhattan = Municipality.objects.get(slug="trollhattan")
    settings_form = DocumentSettingsForm(
        {
            "registration_pattern": r"^KS \d{4}/\d{1,5}$",
            "registration_example": ACTION_PLAN_NUMBER,
            "reminder_days": 60,
        },
        instance=DocumentSettings.objects.filter(municipality=trollhattan).first()
        or DocumentSettings(municipality=trollhattan),
    )
    if not settings_form.is_valid():
        raise ValueError(f"Demo settings refused: {settings_form.errors.as_json()}")
    save_settings(form=settings_form, municipality=trollhattan)
    owner = User.objects.filter(username="trollhattan-samordnare").first()
    office = Unit.objects.filter(municipality=trollhattan, name="Administrativa kontoret").first()
    old = _document(
        trollhattan,
        "Internationell strategi för Trollhättans stad (2007)",
        title_en="International strategy of the City of Trollhättan (2007)",
        doc_type=DocumentType.STRATEGY,
        deciding_body="kf",
        adopted_by="Kommunfullmäktige",
        status=GoverningDocument.Status.REPEALED,
        adopted_on=datetime.date(2007, 3, 5),
        document_date=datetime.date(2007, 3, 5),
        repealed_on=datetime.date(2024, 4, 1),
        valid_from=datetime.date(2007, 3, 5),
        valid_to=datetime.date(2024, 3, 31),
        purpose_sv="Trollhättan ska vara en aktiv och engagerad del av Europeiska unionen.",
        purpose_en="Trollhättan is to take an active, committed part in the European Union.",
        unit=office,
        is_public=True,
    )
    strategy = _document(
        trollhattan,
        "Internationell strategi för Trollhättans stad",
        title_en="International strategy of the City of Trollhättan",
        doc_type=DocumentType.STRATEGY,
        deciding_body="kf",
        adopted_by="Kommunfullmäktige",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=datetime.date(2024, 4, 1),
        valid_from=datetime.date(2024, 4, 1),
        replaces=old,
        purpose_sv=(
            "Anger stadens fokusområden för det internationella arbetet: verksamhets- och "
            "kompetensutveckling, näringslivsutveckling och hållbar samhällsutveckling."
        ),
        purpose_en=(
            "Sets the city's focus areas for international work: service and skills "
            "development, business development and sustainable development."
        ),
        applies_to_sv="Trollhättans stads förvaltningar och bolag",
        applies_to_en="The City of Trollhättan's departments and companies",
        owner_title="Internationell samordnare",
        owner=owner,
        unit=office,
        # Placed relative to the day the demo is loaded: a review coming up soon.
        follow_up_on=timezone.localdate() + datetime.timedelta(days=30),
        is_public=True,
    )
    _document(
        trollhattan,
        "Handlingsplan för internationell strategi 2025–2026",
        title_en="Action plan for the international strategy 2025–2026",
        doc_type=DocumentType.ACTION_PLAN,
        designation="Handlingsplan",
        deciding_body="official",
        adopted_by="Said Niklund",
        registration_number=ACTION_PLAN_NUMBER,
        document_date=datetime.date(2025, 1, 21),
        published_in="Trollhättans stads intranät",
        purpose_sv="Styrdokument",
        purpose_en="Governing document",
        applies_to_sv="Kommunstyrelsens förvaltning, Administrativa kontoret",
        applies_to_en="Municipal Executive Office, Administrative Office",
        reference_documents="Handlingsplan för internationell strategi 2025–2026",
        owner_title="Internationell samordnare",
        owner=owner,
        unit=office,
        follow_up_on=timezone.localdate() + datetime.timedelta(days=380),
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=datetime.date(2025, 1, 21),
        is_public=False,
    )
    _file(strategy, "sv", "Internationell strategi för Trollhättans stad", "trollhattan.se")

    vasteras = Municipality.objects.get(slug="vasteras")
    policy = _document(
        vasteras,
        "Västerås stads policy för internationellt arbete",
        title_en="City of Västerås policy for international work",
        doc_type=DocumentType.POLICY,
        deciding_body="kf",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=ADOPTION_DATE_NOT_STATED,
        is_public=True,
    )
    _file(policy, "sv", "Policy för internationellt arbete", "vasteras.se")
    _file(policy, "en", "Policy for the international work", "vasteras.se")
    _file(policy, "de", "Grundlagen für internationale Arbeit", "vasteras.se")
    guideline = _document(
        vasteras,
        "Västerås stads riktlinje för internationellt arbete",
        title_en="City of Västerås guideline for international work",
        doc_type=DocumentType.GUIDELINE,
        deciding_body="ks",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=ADOPTION_DATE_NOT_STATED,
        is_public=True,
    )
    _file(guideline, "sv", "Riktlinje för internationellt arbete", "vasteras.se")

    kungalv = Municipality.objects.get(slug="kungalv")
    _document(
        kungalv,
        "Internationell policy för Kungälvs kommun",
        title_en="International policy of Kungälv municipality",
        doc_type=DocumentType.POLICY,
        deciding_body="kf",
        adopted_by="Kommunfullmäktige",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=ADOPTION_DATE_NOT_STATED,
        purpose_sv=(
            "Prioriterar utveckling av den egna verksamheten, tillväxt och "
            "näringslivsutveckling samt omvärldsbevakning."
        ),
        is_public=True,
    )
