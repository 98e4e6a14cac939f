"""Shared reference data is written by superusers only (issue #14, finding 3).

Coordinators could rename shared EU organisations and create twin-town pairs for every
municipality through the open-data import; now they propose corrections, which a platform
superuser accepts or rejects."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from utblick.funding.tests.conftest import VINNOVA
from utblick.jobs.models import Job
from utblick.testing import login

from ..models import EUOrganisation, OrganisationCorrection, TwinTownPair

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data"


def sv(name, **kwargs):
    with translation.override("sv"):
        return reverse(f"staff:{name}", kwargs=kwargs)


def test_a_coordinator_cannot_import_shared_open_data_or_calls(client, home):
    login(client, home.users["coordinator"])
    slug = home.municipality.slug
    with open(DATA / "twin-towns.csv", "rb") as handle:
        response = client.post(
            sv("opendata_import", municipality_slug=slug), {"kind": "twin-towns", "file": handle}
        )
    assert response.status_code == 403
    with open(VINNOVA, "rb") as handle:
        response = client.post(sv("call_import", municipality_slug=slug), {"file": handle})
    assert response.status_code == 403
    assert not TwinTownPair.objects.exists()
    assert not Job.objects.filter(handler__contains="import").exists()


def _propose(client, side, organisation, **data):
    login(client, side.users["coordinator"])
    url = sv(
        "opendata_correction_propose", municipality_slug=side.municipality.slug, pk=organisation.pk
    )
    return client.post(url, {"field": "name", "value": "", "reason": "", **data})


def test_a_proposal_changes_nothing_until_a_superuser_accepts_it(client, home):
    organisation = home.records["eu_organisation"]
    name = organisation.name
    response = _propose(
        client, home, organisation, value="Hanzehogeschool Groningen UAS", reason="Webbplatsen"
    )
    assert response.status_code == 302
    correction = OrganisationCorrection.objects.get()
    assert correction.status == OrganisationCorrection.Status.PENDING
    assert correction.municipality == home.municipality
    assert correction.proposed_by == home.users["coordinator"]
    organisation.refresh_from_db()
    assert organisation.name == name

    # The coordinator cannot decide it.
    corrections = sv("opendata_corrections", municipality_slug=home.municipality.slug)
    decision = {"correction": correction.pk, "decision": "accept"}
    assert client.post(corrections, decision).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == name

    login(client, home.users["superuser"])
    page = client.get(corrections)
    assert page.status_code == 200
    assert "Hanzehogeschool Groningen UAS" in page.content.decode()
    assert client.post(corrections, decision).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Hanzehogeschool Groningen UAS"
    assert organisation.normalised_name
    correction.refresh_from_db()
    assert correction.status == OrganisationCorrection.Status.ACCEPTED
    assert correction.previous_value == name
    assert correction.decided_by == home.users["superuser"]
    assert correction.decided_at is not None

    # A decided proposal is not decided again.
    again = client.post(corrections, {"correction": correction.pk, "decision": "reject"})
    assert again.status_code == 400
    correction.refresh_from_db()
    assert correction.status == OrganisationCorrection.Status.ACCEPTED


def test_a_rejected_proposal_leaves_the_organisation_alone(client, home):
    organisation = home.records["eu_organisation"]
    country = organisation.country
    assert _propose(client, home, organisation, field="country", value="fi").status_code == 302
    correction = OrganisationCorrection.objects.get()
    assert correction.value == "FI"
    login(client, home.users["superuser"])
    corrections = sv("opendata_corrections", municipality_slug=home.municipality.slug)
    client.post(corrections, {"correction": correction.pk, "decision": "reject"})
    correction.refresh_from_db()
    assert correction.status == OrganisationCorrection.Status.REJECTED
    assert EUOrganisation.objects.get(pk=organisation.pk).country == country


def test_a_proposed_country_must_be_a_two_letter_code(client, home):
    organisation = home.records["eu_organisation"]
    response = _propose(client, home, organisation, field="country", value="Tyskland")
    assert response.status_code == 400
    assert "Ange landet som en kod med två bokstäver, t.ex. DE." in response.content.decode()
    assert not OrganisationCorrection.objects.exists()
