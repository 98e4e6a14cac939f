import datetime

import factory
from django.core.files.storage import default_storage

from utblick.projects.tests.factories import pdf_file

from ..models import DocumentFile, DocumentType, GoverningDocument

WORLD_FILE = "tests/utblick-documents-world.pdf"


def world_file():
    if not default_storage.exists(WORLD_FILE):
        default_storage.save(WORLD_FILE, pdf_file())
    return WORLD_FILE


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoverningDocument

    doc_type = DocumentType.STRATEGY
    title_sv = factory.Sequence(lambda n: f"Styrdokument {n}")
    status = GoverningDocument.Status.DRAFT


def world_records(*, municipality, unit):
    """An adopted public strategy with a Swedish and a German file, and an internal draft,
    both of ``unit``."""
    adopted = DocumentFactory(
        municipality=municipality,
        doc_type=DocumentType.STRATEGY,
        title_sv="Internationell strategi",
        title_en="International strategy",
        registration_number="KS 2024/100",
        deciding_body="kf",
        adopted_by="Kommunfullmäktige",
        status=GoverningDocument.Status.ADOPTED,
        adopted_on=datetime.date(2024, 4, 22),
        valid_from=datetime.date(2024, 5, 1),
        follow_up_on=datetime.date(2027, 4, 1),
        owner_title="Internationell samordnare",
        unit=unit,
        is_public=True,
    )
    draft = DocumentFactory(
        municipality=municipality,
        doc_type=DocumentType.ROUTINE,
        title_sv="Rutin för resor (utkast)",
        status=GoverningDocument.Status.DRAFT,
        unit=unit,
        is_public=True,
    )
    swedish = DocumentFile.objects.create(
        document=adopted, language="sv", title="Internationell strategi", file=world_file()
    )
    german = DocumentFile.objects.create(
        document=adopted, language="de", title="Internationale Strategie", file=world_file()
    )
    draft_file = DocumentFile.objects.create(
        document=draft, language="sv", title="Utkast", file=world_file()
    )
    return {
        "adopted_document": adopted,
        "draft_document": draft,
        "document_file": swedish,
        "document_file_de": german,
        "draft_document_file": draft_file,
    }
