"""Links in e-mails lead to the configured SITE_URL, which by default is the address served
(HOST and PORT): `make demo PORT=8010` gives links on port 8010."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from utblick.documents.models import DocumentSettings, GoverningDocument
from utblick.documents.tests.factories import DocumentFactory
from utblick.funding.models import Watch
from utblick.funding.reminders import send_deadline_reminders
from utblick.funding.tests.factories import CallFactory, deadline

SITE = "https://utblick.example.se"


def _site_url(**environ):
    """SITE_URL as a new process started with ``environ`` reads it."""
    env = {
        key: value for key, value in os.environ.items() if key not in {"SITE_URL", "HOST", "PORT"}
    }
    env.update(environ, UTBLICK_ENV="test", DJANGO_SETTINGS_MODULE="utblick.settings")
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_site_url_defaults_to_the_port_served():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8010") == "http://127.0.0.1:8010"
    assert _site_url(HOST="0.0.0.0", PORT="8080") == "http://127.0.0.1:8080"  # noqa: S104
    assert _site_url(SITE_URL=SITE + "/", PORT="8010") == SITE


@pytest.mark.django_db
def test_deadline_reminders_link_to_the_call_in_utblick(home, settings, mailoutbox):
    settings.SITE_URL = SITE
    call = CallFactory(title="Town twinning", url="https://ec.europa.eu/call/tt")
    deadline(call, days=5)
    reader = home.users["reader"]
    reader.email = "reader@example.se"
    reader.save()
    Watch.objects.create(municipality=home.municipality, call=call, user=reader)
    assert send_deadline_reminders(days=14) == 1
    body = mailoutbox[0].body
    assert f"{SITE}/staff/{home.municipality.slug}/" in body
    link = next(word for word in body.split() if word.startswith(SITE))
    assert link.endswith(f"/{call.pk}/")
    assert "Utlysningen i Utblick" in body
    assert "https://ec.europa.eu/call/tt" in body


@pytest.mark.django_db
def test_document_reminders_carry_an_absolute_link(home, settings, mailoutbox):
    settings.SITE_URL = SITE
    owner = home.users["coordinator"]
    owner.email = "samordnare@example.se"
    owner.save()
    DocumentSettings.objects.create(municipality=home.municipality, reminder_days=30)
    document = DocumentFactory(
        municipality=home.municipality,
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date(2027, 1, 21),
        owner=owner,
    )
    call_command("send_document_reminders", today=datetime.date(2027, 1, 1), stdout=None)
    assert len(mailoutbox) == 1
    assert f"{SITE}/staff/{home.municipality.slug}/" in mailoutbox[0].body
    assert f"/{document.pk}/" in mailoutbox[0].body
