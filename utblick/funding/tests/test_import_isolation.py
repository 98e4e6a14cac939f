"""A call import writes only the shared calls of its own source (issue #14, finding 1)."""

import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from utblick.testing import login

from ..models import Call
from .conftest import EU_CUT, VINNOVA
from .factories import CallFactory

pytestmark = pytest.mark.django_db

TOWN = "CERV-2026-CITIZENS-TOWN-TT"


def test_a_file_naming_a_municipality_call_leaves_it_alone(home, tmp_path):
    own = CallFactory(
        identifier=TOWN,
        title="Vår egen utlysning",
        source=Call.Source.MANUAL,
        municipality=home.municipality,
    )
    call_command("import_calls", str(EU_CUT), "--no-embeddings", verbosity=0)
    own.refresh_from_db()
    assert (own.title, own.municipality, own.source) == (
        "Vår egen utlysning",
        home.municipality,
        Call.Source.MANUAL,
    )
    shared = Call.objects.get(identifier=TOWN, municipality__isnull=True)
    assert shared.source == Call.Source.EU and shared.pk != own.pk


def test_a_municipality_call_is_never_marked_vanished(home, tmp_path):
    own = CallFactory(identifier="EGEN-1", source=Call.Source.EU, municipality=home.municipality)
    call_command("import_calls", str(EU_CUT), "--no-embeddings", verbosity=0)
    own.refresh_from_db()
    assert own.vanished_at is None


def test_one_source_does_not_touch_the_calls_of_another(db, tmp_path):
    call_command("import_calls", str(VINNOVA), "--no-embeddings", verbosity=0)
    vinnova = Call.objects.get(identifier="VINNOVA-2026-01210")
    title = vinnova.title
    eu_file = tmp_path / "eu.json"
    eu_file.write_text(
        json.dumps(
            {
                "topicId": "VINNOVA-2026-01210",
                "title": "An EU topic with a clashing identifier",
                "callStatus": "open",
                "deadline": "2026-10-01",
            }
        ),
        encoding="utf-8",
    )
    call_command("import_calls", str(eu_file), "--no-embeddings", verbosity=0)
    vinnova.refresh_from_db()
    assert vinnova.title == title and vinnova.source == Call.Source.VINNOVA
    assert vinnova.vanished_at is None
    assert not Call.objects.filter(source=Call.Source.VINNOVA, vanished_at__isnull=False)
    eu = Call.objects.get(identifier="VINNOVA-2026-01210", source=Call.Source.EU)
    assert eu.title == "An EU topic with a clashing identifier"


def test_the_database_refuses_a_second_shared_call_with_the_same_identifier(db):
    CallFactory(identifier="X-1", source=Call.Source.EU)
    CallFactory(identifier="X-1", source=Call.Source.VINNOVA)
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(identifier="X-1", source=Call.Source.EU)


def test_the_database_refuses_a_second_own_call_with_the_same_identifier(home, away):
    CallFactory(identifier="X-2", source=Call.Source.MANUAL, municipality=home.municipality)
    CallFactory(identifier="X-2", source=Call.Source.MANUAL, municipality=away.municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(identifier="X-2", source=Call.Source.MANUAL, municipality=home.municipality)


def _manual(identifier):
    return {
        "identifier": identifier,
        "title": "Nordplus Voksen",
        "status": "open",
        "currency": "EUR",
        "deadline_date": "2027-02-01",
    }


def test_identifiers_of_other_municipalities_are_free_and_own_ones_taken(client, home, away):
    CallFactory(identifier="NP-1", source=Call.Source.MANUAL, municipality=away.municipality)
    login(client, home.users["coordinator"])
    with translation.override("sv"):
        create = reverse("staff:call_create", args=[home.municipality.slug])
    response = client.post(create, _manual("NP-1"))
    assert response.status_code == 302
    assert Call.objects.filter(identifier="NP-1", municipality=home.municipality).exists()
    response = client.post(create, _manual("NP-1"))
    assert response.status_code == 400
    assert "Kommunen har redan en utlysning med denna identifierare." in response.text
    assert Call.objects.filter(identifier="NP-1").count() == 2
