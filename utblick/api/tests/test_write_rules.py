"""Every write endpoint of the API refuses what the staff form refuses, with the same message
on the same field, and writes nothing; what it accepts goes on the project's timeline.

The API answers in Swedish (its paths have no language prefix), so it is compared with the
Swedish staff form.

The payloads are the form tests' own (``utblick.projects.tests.test_forms.INVALID``), so a
new rule tested on the form is walked here too, or named in ``NOT_WRITTEN_BY_THE_API``."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from utblick.projects import services
from utblick.projects.models import Project, ProjectStatusChange
from utblick.projects.tests.helpers import url
from utblick.projects.tests.test_forms import INVALID, form_data
from utblick.testing import login

from .test_api import client_for

# Form fields the API does not write (it reads goals and tags, and has no status date).
NOT_WRITTEN_BY_THE_API = {"goals", "tags", "status_date", "own_in_kind"}
# Refusals the API's parser gives before the rules, in DRF's words but on the same field.
PARSED_BY_THE_API = {"title_sv", "role", "start_date"}

EUR_WITHOUT_RATE = "Ange växelkursen för en budget i euro."
VALID = {
    "title_sv": "Unga röster i Europa",
    "title_en": "Young voices in Europe",
    "role": "lead",
    "status": "submitted",
    "start_date": "2025-01-01",
    "end_date": "2026-12-31",
    "currency": "EUR",
    "exchange_rate": "11.25",
    "budget_total": "100000",
    "grant": "80000",
}

CASES = [
    pytest.param(fields, field, message, id=field + ":" + "|".join(map(str, fields.values())))
    for fields, field, message in INVALID
    if not set(fields) & NOT_WRITTEN_BY_THE_API
]


def api_payload(fields):
    """The form's fields as JSON: an empty exchange rate in the form is no rate (null)."""
    return {
        name: (None if name == "exchange_rate" and value == "" else value)
        for name, value in fields.items()
    }


def existing_project(home):
    """A valid project with the payload's values, saved through the service."""
    values = {name: value for name, value in VALID.items()}
    for name in ("exchange_rate", "budget_total", "grant"):
        values[name] = Decimal(values[name])
    for name in ("start_date", "end_date"):
        values[name] = Project._meta.get_field(name).to_python(values[name])
    return services.save_project(
        municipality=home.municipality, user=home.users["coordinator"], **values
    )


def write(client, method, home, project, fields):
    if method == "post":
        data = {"municipality": home.municipality.slug, **VALID, **api_payload(fields)}
        return client.post("/api/v1/projects/", data, format="json")
    data = {**VALID, **api_payload(fields)} if method == "put" else api_payload(fields)
    if method == "put":
        data["municipality"] = home.municipality.slug
    send = getattr(client, method)
    return send(f"/api/v1/projects/{project.pk}/", data, format="json")


def post_swedish_form(client, home, fields):
    login(client, home.users["coordinator"])
    with translation.override("sv"):
        address = reverse("staff:project_create", args=[home.municipality.slug])
    return client.post(address, form_data(home, **fields))


def test_every_form_case_is_walked_or_named():
    walked = {field for _, field, _ in INVALID} - NOT_WRITTEN_BY_THE_API
    assert walked >= {"grant", "exchange_rate", "end_date"}
    assert len(CASES) >= 7


@pytest.mark.parametrize("method", ["post", "put", "patch"])
@pytest.mark.parametrize(("fields", "field", "message"), CASES)
def test_api_refuses_what_the_form_refuses(client, home, method, fields, field, message):
    project = existing_project(home)
    before = (Project.objects.count(), ProjectStatusChange.objects.count())
    form_response = post_swedish_form(client, home, fields)
    assert form_response.status_code == 400
    form_messages = form_response.context["form"].errors[field]
    assert message not in " ".join(form_messages)  # in Swedish, not the English message

    response = write(client_for(home.users["coordinator"]), method, home, project, fields)

    assert response.status_code == 400, response.json()
    assert field in response.json()
    if field not in PARSED_BY_THE_API:
        assert response.json()[field] == form_messages
    assert (Project.objects.count(), ProjectStatusChange.objects.count()) == before
    stored = Project.objects.get(pk=project.pk)
    assert (stored.grant, stored.exchange_rate, stored.end_date) == (
        project.grant,
        project.exchange_rate,
        project.end_date,
    )


def test_grant_over_the_total_is_refused_in_swedish(home):
    client = client_for(home.users["coordinator"])
    data = {"municipality": home.municipality.slug, **VALID, "grant": "100001"}
    response = client.post("/api/v1/projects/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {"grant": ["Bidraget kan inte vara större än den totala budgeten."]}


def test_a_client_that_asks_for_english_is_answered_in_english(home):
    client = client_for(home.users["coordinator"])
    data = {"municipality": home.municipality.slug, **VALID, "grant": "100001"}
    response = client.post("/api/v1/projects/", data, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"grant": ["The grant cannot be larger than the total budget."]}
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]
    missing = client_for().get("/api/v1/projects/999999/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}
    # A language the site does not speak, or none: Swedish.
    for asked in ("de", None):
        headers = {"HTTP_ACCEPT_LANGUAGE": asked} if asked else {}
        answer = client_for().get("/api/v1/projects/999999/", **headers)
        assert answer.headers["Content-Language"] == "sv"
        assert answer.json() == {"detail": "Hittades inte."}


def test_changing_currency_to_eur_without_a_rate_is_refused(home):
    project = home.records["internal_project"]
    assert project.currency == Project.Currency.SEK and project.exchange_rate is None
    client = client_for(home.users["coordinator"])
    response = client.patch(
        f"/api/v1/projects/{project.pk}/",
        {"currency": "EUR"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"exchange_rate": [EUR_WITHOUT_RATE]}
    project.refresh_from_db()
    assert project.currency == Project.Currency.SEK


def test_api_writes_go_on_the_project_timeline(client, home):
    coordinator = home.users["coordinator"]
    api = client_for(coordinator)
    created = api.post(
        "/api/v1/projects/", {"municipality": home.municipality.slug, **VALID}, format="json"
    )
    assert created.status_code == 201, created.json()
    project = Project.objects.get(pk=created.json()["id"])
    assert [change.status for change in project.status_changes.all()] == ["submitted"]
    assert project.exchange_rate == Decimal("11.25")

    changed = api.patch(f"/api/v1/projects/{project.pk}/", {"status": "granted"}, format="json")
    assert changed.status_code == 200, changed.json()
    unchanged = api.patch(f"/api/v1/projects/{project.pk}/", {"title_en": "Young"}, format="json")
    assert unchanged.status_code == 200
    changes = list(project.status_changes.all())
    assert [change.status for change in changes] == ["submitted", "granted"]
    assert changes[-1].changed_by == coordinator

    login(client, coordinator)
    page = client.get(url("project_detail", home.municipality.slug, project.pk)).content.decode()
    timeline = page[page.index('id="timeline-title"') :]
    assert "Submitted" in timeline and "Granted" in timeline


def test_a_sek_budget_keeps_no_exchange_rate(home):
    api = client_for(home.users["coordinator"])
    data = {"municipality": home.municipality.slug, **VALID, "currency": "SEK"}
    created = api.post("/api/v1/projects/", data, format="json")
    assert created.status_code == 201
    assert created.json()["exchange_rate"] is None
