import datetime

import pytest
from django.core.management import call_command

from utblick.documents.models import DocumentSettings, GoverningDocument

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(home):
    owner = home.users["coordinator"]
    owner.email = "samordnare@example.se"
    owner.save()
    DocumentSettings.objects.create(municipality=home.municipality, reminder_days=30)
    return DocumentFactory(
        municipality=home.municipality,
        title_sv="Handlingsplan",
        registration_number="KS 2024/310",
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2027, 1, 21),
        owner=owner,
    )


def _run(day):
    call_command("send_document_reminders", today=datetime.date.fromisoformat(day))


def test_the_owner_is_reminded_once_within_the_configured_days(due, mailoutbox):
    _run("2026-12-21")  # 31 days before: too early
    assert mailoutbox == []
    _run("2026-12-22")  # 30 days before
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["samordnare@example.se"]
    assert "KS 2024/310" in mailoutbox[0].body
    assert "2027-01-21" in mailoutbox[0].body
    _run("2026-12-23")
    _run("2027-02-01")
    assert len(mailoutbox) == 1


def test_a_new_follow_up_date_gets_a_new_reminder(due, mailoutbox):
    _run("2027-01-01")
    due.follow_up_on = datetime.date(2029, 1, 21)
    due.save()
    _run("2027-01-02")
    assert len(mailoutbox) == 1
    _run("2028-12-25")
    assert len(mailoutbox) == 2


def test_drafts_and_documents_without_an_owner_get_no_reminder(due, home, mailoutbox):
    due.status = GoverningDocument.Status.DRAFT
    due.save()
    DocumentFactory(
        municipality=home.municipality,
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2027, 1, 21),
    )
    _run("2027-01-20")
    assert mailoutbox == []


def test_each_municipality_sets_its_own_lead_time(due, away, mailoutbox):
    owner = away.users["coordinator"]
    owner.email = "motala@example.se"
    owner.save()
    DocumentSettings.objects.create(municipality=away.municipality, reminder_days=90)
    DocumentFactory(
        municipality=away.municipality,
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2027, 1, 21),
        owner=owner,
    )
    _run("2026-11-01")  # 81 days before: Motala (90) yes, Trollhättan (30) no
    assert [m.to for m in mailoutbox] == [["motala@example.se"]]
