import datetime

import pytest
from django.urls import reverse

from utblick.documents.models import DocumentSettings, GoverningDocument
from utblick.testing import login

from .factories import DocumentFactory
from .helpers import en

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "doc_type": "riktlinje",
        "title_sv": "Riktlinje för resor",
        "title_en": "",
        "designation": "",
        "status": "draft",
        "adopted_on": "",
        "repealed_on": "",
        "deciding_body": "",
        "adopted_by": "",
        "registration_number": "KS 2025/12",
        "document_date": "",
        "replaces": "",
        "published_in": "",
        "purpose_sv": "",
        "purpose_en": "",
        "applies_to_sv": "",
        "applies_to_en": "",
        "reference_documents": "",
        "owner_title": "",
        "owner": "",
        "unit": "",
        "follow_up_on": "",
        "valid_from": "",
        "valid_to": "",
        "is_public": "on",
    }
    data.update(changes)
    return data


def _create_url(home):
    return reverse("staff:document_create", args=[home.municipality.slug])


def test_a_new_document_gets_the_usual_deciding_body_of_its_type(client, home):
    login(client, home.users["coordinator"])
    response = client.post(_create_url(home), _form())
    assert response.status_code == 302
    document = GoverningDocument.objects.get(title_sv="Riktlinje för resor")
    assert document.deciding_body == "ks"
    assert document.municipality == home.municipality
    assert document.registration_number == "KS 2025/12"


def test_a_registration_number_must_follow_the_municipality_pattern(client, home):
    DocumentSettings.objects.create(
        municipality=home.municipality,
        registration_pattern=r"^KS \d{4}/\d{1,5}$",
        registration_example="KS 2024/310",
    )
    login(client, home.users["coordinator"])
    response = client.post(
        en("staff:document_create", home.municipality.slug),
        _form(registration_number="BUN 2024/310"),
    )
    assert response.status_code == 400
    assert "does not follow the municipality&#x27;s pattern" in response.content.decode()
    assert "KS 2024/310" in response.content.decode()
    assert not GoverningDocument.objects.filter(title_sv="Riktlinje för resor").exists()


def test_the_pattern_is_per_municipality(client, home, away):
    DocumentSettings.objects.create(
        municipality=away.municipality, registration_pattern=r"^X$", registration_example="X"
    )
    login(client, home.users["coordinator"])
    assert client.post(_create_url(home), _form()).status_code == 302


def test_adopted_and_repealed_documents_need_their_dates(client, home):
    login(client, home.users["coordinator"])
    response = client.post(
        en("staff:document_create", home.municipality.slug), _form(status="repealed")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the date the document was adopted." in text
    assert "Enter the date the document was repealed." in text


def test_a_document_cannot_replace_itself_through_a_chain(client, home):
    first = home.records["adopted_document"]
    second = DocumentFactory(municipality=home.municipality, replaces=first)
    login(client, home.users["coordinator"])
    url = en("staff:document_edit", home.municipality.slug, first.pk)
    response = client.post(
        url, _form(title_sv=first.title_sv, registration_number="", replaces=second.pk)
    )
    assert response.status_code == 400
    assert "A document cannot replace itself." in response.content.decode()


def test_a_unit_representative_documents_belong_to_their_unit(client, home):
    login(client, home.users["rep_other"])
    response = client.post(_create_url(home), _form(unit=home.unit.pk))
    assert response.status_code == 302
    assert GoverningDocument.objects.get(title_sv="Riktlinje för resor").unit == home.other_unit


def test_settings_reject_a_broken_pattern_and_a_non_matching_example(client, home):
    login(client, home.users["coordinator"])
    url = en("staff:document_settings", home.municipality.slug)
    broken = client.post(
        url,
        {"registration_pattern": "^KS (", "registration_example": "KS 1", "reminder_days": 30},
    )
    assert broken.status_code == 400
    assert "The pattern cannot be used." in broken.content.decode()
    mismatch = client.post(
        url,
        {"registration_pattern": r"^KS \d+$", "registration_example": "BUN 1", "reminder_days": 9},
    )
    assert mismatch.status_code == 400
    good = client.post(
        url,
        {"registration_pattern": r"^KS \d+$", "registration_example": "KS 1", "reminder_days": 9},
    )
    assert good.status_code == 302
    assert DocumentSettings.objects.get(municipality=home.municipality).reminder_days == 9


def test_language_versions_are_uploaded_and_downloaded(client, home, media_root):
    from utblick.projects.tests.factories import TINY_PDF, pdf_file

    document = home.records["adopted_document"]
    login(client, home.users["rep"])
    url = reverse("staff:document_file_upload", args=[home.municipality.slug, document.pk])
    response = client.post(
        url, {"language": "en", "title": "Strategy in English", "file": pdf_file("strategy.pdf")}
    )
    assert response.status_code == 302
    english = document.files.get(language="en")
    download = client.get(
        reverse(
            "staff:document_file_download",
            args=[home.municipality.slug, document.pk, english.pk],
        )
    )
    assert b"".join(download.streaming_content) == TINY_PDF


def test_the_public_list_shows_adopted_public_documents_with_metadata_and_files(client, home):
    adopted = home.records["adopted_document"]
    DocumentFactory(
        municipality=home.municipality,
        title_sv="Intern riktlinje",
        status=GoverningDocument.Status.ADOPTED,
        is_public=False,
    )
    response = client.get(en("public:governing_documents", home.municipality.slug))
    text = response.content.decode()
    assert response.status_code == 200
    assert "International strategy" in text
    assert "KS 2024/100" in text
    assert "Internationale Strategie" in text
    assert "German" in text
    assert "Rutin för resor" not in text
    assert "Intern riktlinje" not in text
    assert adopted.title_en in text


def test_public_list_queries_stay_constant(client, home, django_assert_max_num_queries):
    url = reverse("public:governing_documents", args=[home.municipality.slug])
    client.get(url)
    for number in range(30):
        document = DocumentFactory(
            municipality=home.municipality,
            title_sv=f"Policy {number}",
            status=GoverningDocument.Status.ADOPTED,
            adopted_on=datetime.date(2024, 1, 1),
        )
        document.files.create(language="sv", title="fil", file="tests/x.pdf")
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_staff_list_queries_stay_constant(client, home, django_assert_max_num_queries):
    login(client, home.users["reader"])
    url = reverse("staff:document_list", args=[home.municipality.slug])
    for number in range(40):
        DocumentFactory(municipality=home.municipality, title_sv=f"Plan {number}", unit=home.unit)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert "Plan 39" in response.content.decode()


def test_overdue_reviews_are_on_the_dashboard(client, home, away):
    DocumentFactory(
        municipality=home.municipality,
        title_sv="Gammal policy",
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2020, 1, 1),
    )
    DocumentFactory(
        municipality=home.municipality,
        title_sv="Utkast med passerat datum",
        follow_up_on=datetime.date(2020, 1, 1),
    )
    DocumentFactory(
        municipality=away.municipality,
        title_sv="Motalas försenade",
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2020, 1, 1),
    )
    login(client, home.users["reader"])
    text = client.get(en("staff:dashboard", home.municipality.slug)).content.decode()
    assert "Governing documents overdue for review" in text
    assert "Gammal policy" in text
    assert "Utkast med passerat datum" not in text
    assert "Motalas försenade" not in text
