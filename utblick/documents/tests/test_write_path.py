"""Governing documents have one write path: ``services.save_document`` with plain data refuses
what the form refuses, with the same messages, and the database refuses the date order."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from utblick.documents import services
from utblick.documents.models import DocumentSettings, GoverningDocument

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

DATA = {"doc_type": "riktlinje", "title_sv": "Riktlinje för resor", "status": "draft"}


def _refusal(home, **changes):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_document(
            municipality=home.municipality, user=home.users["coordinator"], **{**DATA, **changes}
        )
    return refused.value.message_dict


def test_a_document_is_saved_from_plain_data_with_the_usual_deciding_body(home):
    document = services.save_document(
        municipality=home.municipality,
        user=home.users["coordinator"],
        registration_number="  KS   2025/12 ",
        **DATA,
    )
    document.refresh_from_db()
    assert document.municipality == home.municipality
    assert document.deciding_body == "ks"
    assert document.registration_number == "KS 2025/12"


def test_the_registration_number_must_follow_the_municipality_pattern(home):
    DocumentSettings.objects.create(
        municipality=home.municipality,
        registration_pattern=r"^KS \d{4}/\d{1,5}$",
        registration_example="KS 2024/310",
    )
    errors = _refusal(home, registration_number="BUN 2024/310")
    assert errors["registration_number"] == [
        "“BUN 2024/310” does not follow the municipality's pattern for registration numbers, "
        "e.g. KS 2024/310."
    ]
    assert not GoverningDocument.objects.filter(title_sv=DATA["title_sv"]).exists()


def test_states_need_their_dates_in_order(home):
    errors = _refusal(home, status="repealed")
    assert errors["adopted_on"] == ["Enter the date the document was adopted."]
    assert errors["repealed_on"] == ["Enter the date the document was repealed."]
    errors = _refusal(
        home,
        status="repealed",
        adopted_on=datetime.date(2024, 5, 1),
        repealed_on=datetime.date(2024, 4, 1),
        valid_from=datetime.date(2024, 5, 1),
        valid_to=datetime.date(2024, 4, 30),
    )
    assert errors == {
        "repealed_on": ["A document cannot be repealed before it is adopted."],
        "valid_to": ["The end of the validity cannot be before its start."],
    }


def test_unit_owner_and_replaced_document_must_be_the_municipality_own(home, away):
    errors = _refusal(
        home,
        unit=away.unit,
        owner=away.users["coordinator"],
        replaces=DocumentFactory(municipality=away.municipality),
    )
    assert errors == {
        "unit": ["Choose one of the municipality's own units."],
        "owner": ["Choose a member of the municipality."],
        "replaces": ["Choose one of the municipality's own documents."],
    }


def test_a_document_never_moves_to_another_municipality(home, away):
    document = DocumentFactory(municipality=away.municipality)
    with pytest.raises(ValidationError):
        services.save_document(municipality=home.municipality, user=None, document=document)


def test_a_unit_representative_cannot_move_a_document(home):
    document = DocumentFactory(municipality=home.municipality, unit=home.other_unit)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_document(
            municipality=home.municipality,
            user=home.users["rep_other"],
            document=document,
            unit=home.unit,
        )
    assert refused.value.message_dict == {"unit": ["Only the coordinator can move a document."]}


@pytest.mark.parametrize(
    "dates",
    [
        {"adopted_on": datetime.date(2024, 5, 1), "repealed_on": datetime.date(2024, 4, 1)},
        {"valid_from": datetime.date(2024, 5, 1), "valid_to": datetime.date(2024, 4, 1)},
        {"status": "repealed", "adopted_on": datetime.date(2024, 5, 1)},
    ],
)
def test_the_database_refuses_broken_dates_whatever_writes(home, dates):
    with pytest.raises(IntegrityError), transaction.atomic():
        GoverningDocument.objects.create(
            municipality=home.municipality, doc_type="policy", title_sv="Policy", **dates
        )
