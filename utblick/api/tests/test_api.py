"""The open data API: public reads, token writes through the permission module, CORS for
GET only, rate-limited writes, constant queries."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from utblick.projects.models import Project


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
    return client


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_public_reads_show_only_public_records(home, away):
    client = client_for()
    projects = client.get("/api/v1/projects/")
    assert projects.status_code == 200
    assert home.records["public_project"].pk in ids(projects)
    assert home.records["internal_project"].pk not in ids(projects)
    assert client.get(f"/api/v1/projects/{home.records['internal_project'].pk}/").status_code == 404
    mine = client.get("/api/v1/projects/", {"municipality": home.municipality.slug})
    assert ids(mine) == {home.records["public_project"].pk}
    assert mine.json()["results"][0]["title_en"] == "Green border towns"
    partners = client.get("/api/v1/partners/", {"municipality": home.municipality.slug}).json()
    assert home.records["project_organisation"].name in {p["name"] for p in partners["results"]}
    assert client.get("/api/v1/partnerships/").status_code == 200
    assert client.get("/api/v1/networks/").status_code == 200


def test_list_queries_stay_constant(home, django_assert_max_num_queries):
    client = client_for()
    client.get("/api/v1/projects/")
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/projects/")
    for n in range(30):
        Project.objects.create(
            municipality=home.municipality, title_sv=f"P {n}", role="partner", is_public=True
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/projects/")
    assert response.json()["count"] >= 31


def test_cors_for_public_get_only(home):
    client = client_for()
    response = client.get("/api/v1/projects/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/projects/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert client.get("/sv/").get("Access-Control-Allow-Origin") is None


def new_project(municipality, **fields):
    return {
        "municipality": municipality.slug,
        "title_sv": "Nytt projekt",
        "role": "partner",
        **fields,
    }


def test_writes_need_a_token():
    response = client_for().post("/api/v1/projects/", {"title_sv": "x"}, format="json")
    assert response.status_code == 401


def test_staff_write_under_the_permission_module(home, away):
    coordinator = client_for(home.users["coordinator"])
    created = coordinator.post("/api/v1/projects/", new_project(home.municipality), format="json")
    assert created.status_code == 201, created.json()
    project = Project.objects.get(pk=created.json()["id"])
    assert project.municipality == home.municipality and not project.is_public
    # A unit representative's project belongs to their unit.
    rep = client_for(home.users["rep"])
    by_rep = rep.post("/api/v1/projects/", new_project(home.municipality), format="json")
    assert Project.objects.get(pk=by_rep.json()["id"]).unit == home.unit
    # Readers may not create; nobody creates in another municipality.
    reader = client_for(home.users["reader"])
    assert (
        reader.post("/api/v1/projects/", new_project(home.municipality), format="json").status_code
        == 400
    )
    assert (
        coordinator.post(
            "/api/v1/projects/", new_project(away.municipality), format="json"
        ).status_code
        == 400
    )
    # Changing: the owning unit's representative yes, the other unit's no, others' 404.
    public = home.records["public_project"]
    url = f"/api/v1/projects/{public.pk}/"
    assert rep.patch(url, {"title_sv": "Ändrad"}, format="json").status_code == 200
    other = client_for(home.users["rep_other"])
    assert other.patch(url, {"title_sv": "Nej"}, format="json").status_code == 403
    assert reader.delete(url).status_code == 403
    away_url = f"/api/v1/projects/{away.records['public_project'].pk}/"
    assert coordinator.patch(away_url, {"title_sv": "Nej"}, format="json").status_code == 404
    assert (
        coordinator.patch(url, {"municipality": away.municipality.slug}, format="json").status_code
        == 400
    )
    public.refresh_from_db()
    assert public.title_sv == "Ändrad"
    assert coordinator.delete(f"/api/v1/projects/{project.pk}/").status_code == 204


def test_writes_are_rate_limited(home, settings):
    # DRF reloads its settings when REST_FRAMEWORK changes; the throttle reads them per request.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_write": "2/minute"},
    }
    client = client_for(home.users["coordinator"])
    statuses = [
        client.post("/api/v1/projects/", new_project(home.municipality), format="json").status_code
        for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert client.get("/api/v1/projects/").status_code == 200  # reads are not limited


def test_staff_get_a_personal_token(home, client):
    from django.urls import reverse

    from utblick.testing import login

    login(client, home.users["rep"])
    url = reverse("staff:api_token", args=[home.municipality.slug])
    first = client.post(url)
    key = Token.objects.get(user=home.users["rep"]).key
    assert key in first.content.decode()
    client.post(url)
    assert Token.objects.get(user=home.users["rep"]).key != key
