"""Stored registration-number patterns are matched in linear time (issue #14, finding 10).

A coordinator's ``^(a+)+$`` made Python's backtracking ``re`` take seconds for a 28-character
number, doubling per character; RE2 answers at once. Patterns RE2 cannot compile are
refused with a Swedish form error."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from utblick.documents.models import DocumentSettings, GoverningDocument
from utblick.partners.tests.test_partnerships import partnership_data
from utblick.testing import login

from .test_register import _form

pytestmark = pytest.mark.django_db

CATASTROPHIC = r"^(a+)+$"
# 34 characters: about five minutes of backtracking with Python's re.
EVIL_NUMBER = "a" * 33 + "!"
REFUSED = "Mönstret kan inte användas."


def sv(name, slug):
    with translation.override("sv"):
        return reverse(name, args=[slug])


def test_a_catastrophic_document_pattern_answers_at_once(client, home):
    login(client, home.users["coordinator"])
    saved = client.post(
        sv("staff:document_settings", home.municipality.slug),
        {"registration_pattern": CATASTROPHIC, "registration_example": "aaa", "reminder_days": 30},
    )
    assert saved.status_code == 302
    login(client, home.users["rep"])
    started = time.monotonic()
    response = client.post(
        sv("staff:document_create", home.municipality.slug),
        _form(registration_number=EVIL_NUMBER),
    )
    assert time.monotonic() - started < 3
    assert response.status_code == 400
    assert "följer inte kommunens mönster för diarienummer" in response.content.decode()
    assert not GoverningDocument.objects.filter(registration_number=EVIL_NUMBER).exists()


def test_a_catastrophic_diarienummer_pattern_answers_at_once(client, home):
    home.municipality.diarienummer_pattern = CATASTROPHIC
    home.municipality.save()
    login(client, home.users["rep"])
    started = time.monotonic()
    response = client.post(
        sv("staff:partnership_create", home.municipality.slug),
        partnership_data(home, decision_reference=EVIL_NUMBER),
    )
    assert time.monotonic() - started < 3
    assert response.status_code == 400
    assert "Diarienumret har inte rätt format" in response.content.decode()


@pytest.mark.parametrize("pattern", [r"^(KS) \1$", r"^(?=KS)KS \d+$", "^KS ("])
def test_document_settings_refuse_patterns_re2_cannot_compile(client, home, pattern):
    login(client, home.users["coordinator"])
    response = client.post(
        sv("staff:document_settings", home.municipality.slug),
        {"registration_pattern": pattern, "registration_example": "KS KS", "reminder_days": 30},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not DocumentSettings.objects.filter(registration_pattern=pattern).exists()


@pytest.mark.parametrize("pattern", [r"^(KS) \1$", r"^(?<=K)S \d+$"])
def test_municipality_settings_refuse_patterns_re2_cannot_compile(client, home, pattern):
    login(client, home.users["coordinator"])
    response = client.post(
        sv("staff:municipality_edit", home.municipality.slug),
        {"address": "Gärdhemsvägen 9", "diarienummer_pattern": pattern},
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    home.municipality.refresh_from_db()
    assert home.municipality.diarienummer_pattern != pattern


def test_a_word_in_a_pattern_is_a_swedish_word_too(client, home):
    """RE2's \\w is ASCII only; staff write patterns as Python reads them, with å, ä and ö."""
    login(client, home.users["coordinator"])
    saved = client.post(
        sv("staff:document_settings", home.municipality.slug),
        {
            "registration_pattern": r"^\w+ \d{4}/[\w-]+$",
            "registration_example": "Ärende 2024/Öst-Väst",
            "reminder_days": 30,
        },
    )
    assert saved.status_code == 302
    login(client, home.users["rep"])
    for number, accepted in (("Ärende 2024/Ö-12", True), ("Ärende: 2024/12", False)):
        response = client.post(
            sv("staff:document_create", home.municipality.slug),
            _form(registration_number=number),
        )
        assert (response.status_code == 302) is accepted, number
        assert GoverningDocument.objects.filter(registration_number=number).exists() is accepted
