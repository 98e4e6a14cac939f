"""Reporting on activities, the activity form, the public page and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from utblick.projects.tests.factories import ProjectFactory
from utblick.strategy.models import Activity, FollowUpEntry
from utblick.testing import login

from .factories import activity as make_activity
from .helpers import en

pytestmark = pytest.mark.django_db


def _entry(client, home, target, **data):
    url = en("staff:activity_entry_create", home.municipality.slug, target.pk)
    payload = {
        "date": "2025-06-01",
        "text_sv": "Möte hållet",
        "text_en": "",
        "status": "",
        "progress": "",
    }
    payload.update(data)
    return client.post(url, payload)


def test_a_unit_representative_reports_progress_on_their_own_activity(client, home):
    target = home.records["activity"]
    login(client, home.users["rep"])
    response = _entry(client, home, target, status="done")
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.status, target.progress) == ("done", 100)
    entry = target.entries.order_by("-pk").first()
    assert (entry.previous_status, entry.status, entry.author) == (
        "ongoing",
        "done",
        home.users["rep"],
    )
    page = client.get(en("staff:activity_detail", home.municipality.slug, target.pk))
    assert "Status: Ongoing → Done" in page.content.decode()


def test_a_representative_of_another_unit_cannot_report(client, home):
    target = home.records["activity"]
    login(client, home.users["rep_other"])
    assert _entry(client, home, target, progress="90").status_code == 403
    target.refresh_from_db()
    assert target.progress == 40


def test_an_entry_cannot_be_dated_in_the_future_and_saves_nothing(client, home):
    target = home.records["activity"]
    login(client, home.users["coordinator"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _entry(client, home, target, date=tomorrow.isoformat(), progress="80")
    assert response.status_code == 400
    assert "A follow-up entry cannot be dated in the future." in response.content.decode()
    target.refresh_from_db()
    assert target.progress == 40
    assert target.entries.count() == 1


def test_a_new_activity_of_a_representative_belongs_to_their_unit(client, home):
    plan = home.records["action_plan"]
    login(client, home.users["rep_other"])
    url = en("staff:activity_create", home.municipality.slug, plan.pk)
    form = client.get(url)
    assert 'value="A003"' in form.content.decode()  # the next free key is proposed
    response = client.post(
        url,
        {
            "focus_area": home.records["activity"].focus_area_id,
            "kind": "core",
            "key": "A003",
            "title_sv": "Ny aktivitet",
            "order": 0,
            "unit": home.unit.pk,
            "projects": [home.records["project"].pk],
        },
    )
    assert response.status_code == 302
    created = Activity.objects.get(key="A003", action_plan=plan)
    assert created.unit == home.other_unit
    assert created.municipality == home.municipality
    assert list(created.projects.all()) == [home.records["project"]]


def test_the_activity_form_offers_only_the_municipality_records(client, home, away):
    plan = home.records["action_plan"]
    login(client, home.users["coordinator"])
    url = en("staff:activity_create", home.municipality.slug, plan.pk)
    response = client.post(
        url,
        {
            "focus_area": away.records["activity"].focus_area_id,
            "kind": "core",
            "key": "A001",
            "title_sv": "x",
            "order": 0,
            "projects": [away.records["project"].pk],
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"focus_area", "projects", "key"}


def test_projects_get_a_focus_area(client, home):
    area = home.records["activity"].focus_area
    project = home.records["project"]
    login(client, home.users["coordinator"])
    page = client.get(en("staff:project_edit", home.municipality.slug, project.pk))
    assert f'<option value="{area.pk}">{area.name}</option>' in page.content.decode()


def test_the_public_page_shows_progress_timeline_and_public_projects_only(client, home):
    target = home.records["activity"]
    target.projects.add(home.records["internal_project"])
    response = client.get(en("public:strategy", home.municipality.slug))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Näringslivsutveckling" in text
    assert "Samverka med näringslivsenheten" in text
    assert "Första mötet hölls." in text
    assert "Green border towns" in text
    assert "Intern förstudie" not in text
    assert '<progress max="100" value="40"' in text


def test_no_public_plan_means_a_plain_page(client, home):
    plan = home.records["action_plan"]
    plan.is_public = False
    plan.save()
    response = client.get(en("public:strategy", home.municipality.slug))
    assert response.status_code == 200
    assert "No action plan is published yet." in response.content.decode()
    assert "Samverka med näringslivsenheten" not in response.content.decode()


@pytest.mark.parametrize(
    "name,public", [("staff:action_plan_detail", False), ("public:strategy", True)]
)
def test_plan_pages_keep_a_constant_number_of_queries(
    client, home, name, public, django_assert_max_num_queries, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # the view's own queries are counted
    plan = home.records["action_plan"]
    area = home.records["activity"].focus_area
    if not public:
        login(client, home.users["rep"])
    args = [home.municipality.slug] if public else [home.municipality.slug, plan.pk]
    url = en(name, *args)

    def add(numbers):
        for number in numbers:
            extra = make_activity(
                plan, area, f"C{number:03d}", f"Aktivitet {number}", unit=home.unit
            )
            extra.projects.add(ProjectFactory(municipality=home.municipality, is_public=True))
            FollowUpEntry.objects.create(
                activity=extra, date=datetime.date(2025, 5, 1), text_sv="x"
            )

    add(range(2))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(range(2, 40))
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Aktivitet 39" in response.content.decode()


def test_activity_detail_keeps_a_constant_number_of_queries(
    client, home, django_assert_max_num_queries
):
    target = home.records["activity"]
    login(client, home.users["reader"])
    url = en("staff:activity_detail", home.municipality.slug, target.pk)

    def add(numbers):
        for number in numbers:
            FollowUpEntry.objects.create(
                activity=target,
                date=datetime.date(2025, 5, 1),
                text_sv=f"Rad {number}",
                author=home.users["rep"],
            )
            target.projects.add(ProjectFactory(municipality=home.municipality))

    add(range(2))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(range(2, 30))
    with django_assert_max_num_queries(len(few)):
        response = client.get(en("staff:activity_detail", home.municipality.slug, target.pk))
    assert "Rad 29" in response.content.decode()
