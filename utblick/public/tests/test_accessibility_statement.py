"""The accessibility statement after DIGG's model: the known shortcomings listed (Utblick's
maintained list, the municipality's own and the latest automated check), compliance that
follows from them, and when a person last reviewed it (not when it was last edited)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from utblick.public import accessibility
from utblick.public.models import AccessibilityCheck

from .helpers import get
from .html import page

pytestmark = pytest.mark.django_db


def statement_text(client, town, language="sv"):
    return " ".join(page(get(client, "accessibility", language, town)).by_id["main"].split())


def test_partial_compliance_lists_the_shortcomings_and_the_latest_automated_check(
    client, town, site
):
    call_command(
        "record_accessibility_check", tool="axe-core 4.12.1", pages=1, violations=3,
        date=datetime.date(2026, 1, 1),
    )  # fmt: skip
    call_command(
        "record_accessibility_check", tool="axe-core 4.12.1", pages=312, violations=0,
        date=datetime.date(2026, 11, 30),
    )  # fmt: skip
    text = statement_text(client, town)
    assert "Den här webbplatsen är delvis förenlig" in text
    assert "Dokument som kommunen laddar upp" in text  # Utblick's maintained list
    assert "Några PDF-dokument saknar taggar." in text  # the municipality's own
    assert (
        "Den senaste automatiska kontrollen gjordes med axe-core 4.12.1 den 30 november 2026: "
        "312 sidor kontrollerade, inga problem hittades." in text
    )


def test_without_any_shortcoming_the_site_is_fully_compliant(client, town, site, monkeypatch):
    monkeypatch.setattr(accessibility, "KNOWN_SHORTCOMINGS", [])
    town.municipality.accessibility_known_issues_sv = ""
    town.municipality.accessibility_known_issues_en = ""
    town.municipality.save()
    call_command("record_accessibility_check", tool="axe-core 4.12.1", pages=40, violations=0)
    text = statement_text(client, town)
    assert "Den här webbplatsen är helt förenlig" in text
    assert "delvis" not in text
    # A failing automated check makes it partial again.
    call_command("record_accessibility_check", tool="axe-core 4.12.1", pages=40, violations=2)
    text = statement_text(client, town)
    assert "Den här webbplatsen är delvis förenlig" in text and "2 problem hittades" in text


def test_last_reviewed_is_the_date_a_person_reviewed_it_not_the_last_edit(client, town, site):
    municipality = town.municipality
    municipality.accessibility_statement_reviewed_on = datetime.date(2026, 10, 5)
    municipality.phone = "0520-49 70 00"
    municipality.save()  # edited today
    response = get(client, "accessibility", "sv", town)
    doc = page(response)
    assert "5 oktober 2026" in doc.by_class["statement-reviewed"][0]
    assert "5 oktober 2026" in doc.by_class["reviewed"][0]  # the page's "Senast granskad"
    other = page(get(client, "contact", "sv", town))
    assert "5 oktober 2026" not in other.by_class["reviewed"][0]


def test_the_command_records_a_check_and_says_so_in_swedish(town):
    out = StringIO()
    call_command(
        "record_accessibility_check", tool=" axe-core 4.12.1 ", pages=312, violations=0,
        summary="Alla sidor.", date=datetime.date(2026, 11, 30), stdout=out,
    )  # fmt: skip
    check = AccessibilityCheck.objects.get()
    assert (check.tool, check.pages, check.violations, check.summary) == (
        "axe-core 4.12.1",
        312,
        0,
        "Alla sidor.",
    )
    assert out.getvalue().strip() == (
        "Kontrollen med axe-core 4.12.1 den 2026-11-30 är registrerad (kontrollerade sidor: "
        "312, problem: 0); alla tillgänglighetsredogörelser visar den."
    )


def test_the_command_refuses_an_impossible_check_and_says_why_in_swedish(town):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(CommandError) as refused:
        call_command("record_accessibility_check", tool=" ", pages=0, violations=-1, date=tomorrow)
    assert str(refused.value).splitlines() == [
        "Kontrollen registrerades inte:",
        "--tool: Ange verktyget som gjorde kontrollen, t.ex. axe-core 4.12.1.",
        "--pages: Minst en sida måste ha kontrollerats.",
        "--violations: Antalet problem kan inte vara negativt.",
        "--date: Kontrollen kan inte dateras i framtiden.",
    ]
    with pytest.raises(CommandError) as refused:
        call_command("record_accessibility_check", tool="x" * 101, pages=1, violations=0)
    assert "--tool: Verktygets namn får ha högst 100 tecken." in str(refused.value)
    assert not AccessibilityCheck.objects.exists()


def test_the_command_explains_an_option_it_cannot_read(town):
    with pytest.raises(CommandError) as refused:
        call_command(
            "record_accessibility_check", "--date=30/11/2026", tool="axe", pages=3, violations=0
        )
    assert str(refused.value) == (
        "Error: argument --date: ”30/11/2026” är inte ett datum; skriv det som ÅÅÅÅ-MM-DD, "
        "t.ex. 2026-11-30."
    )
    with pytest.raises(CommandError) as refused:
        call_command("record_accessibility_check", "--pages=många", tool="axe", violations=0)
    assert str(refused.value) == "Error: argument --pages: ”många” är inte ett heltal."
    assert not AccessibilityCheck.objects.exists()


def test_the_database_refuses_a_check_the_rules_refuse(town):
    for fields in ({"tool": "", "pages": 3}, {"tool": "axe", "pages": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            AccessibilityCheck.objects.create(
                checked_on=datetime.date(2026, 11, 30), violations=0, **fields
            )
