"""Reporting deadlines of a project: added, edited and deleted on the project page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from utblick.testing import login

from ..models import ProjectReport
from .factories import ProjectFactory
from .helpers import url


def test_representative_adds_edits_and_deletes_a_reporting_deadline(client, home):
    project = home.records["project"]
    login(client, home.users["rep"])
    detail = url("project_detail", home.municipality.slug, project.pk)
    assert (
        url("project_report_create", home.municipality.slug, project.pk)
        in client.get(detail).content.decode()
    )
    response = client.post(
        url("project_report_create", home.municipality.slug, project.pk),
        {"title": "Ekonomisk rapport", "kind": "financial", "due_date": "2027-04-30"},
    )
    assert response.status_code == 302 and response["Location"] == detail
    report = ProjectReport.objects.get(project=project, title="Ekonomisk rapport")
    assert (report.due_time, report.done, report.sequence) == (None, False, 0)
    page = client.get(detail).content.decode()
    assert "Ekonomisk rapport" in page and "2027-04-30" in page

    response = client.post(
        url("project_report_edit", home.municipality.slug, project.pk, report.pk),
        {"title": "Ekonomisk rapport", "kind": "financial", "due_date": "2027-05-15"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.due_date, report.sequence) == (datetime.date(2027, 5, 15), 1)

    response = client.post(
        url("project_report_delete", home.municipality.slug, project.pk, report.pk)
    )
    assert response.status_code == 302
    assert not ProjectReport.objects.filter(pk=report.pk).exists()


def test_a_reporting_deadline_needs_a_date(client, home):
    project = home.records["project"]
    login(client, home.users["coordinator"])
    response = client.post(
        url("project_report_create", home.municipality.slug, project.pk),
        {"title": "Slutrapport", "kind": "final", "due_date": ""},
    )
    assert response.status_code == 400
    assert not ProjectReport.objects.filter(title="Slutrapport").exists()


def test_report_of_another_project_is_not_found_under_this_project(client, home):
    report = home.records["project_report"]
    other = home.records["internal_project"]
    login(client, home.users["coordinator"])
    response = client.get(url("project_report_edit", home.municipality.slug, other.pk, report.pk))
    assert response.status_code == 404


def _project_with_reports(home, count):
    project = ProjectFactory(municipality=home.municipality, unit=home.unit)
    for n in range(count):
        ProjectReport.objects.create(
            project=project,
            title=f"Rapport {count}-{n}",
            kind=ProjectReport.Kind.INTERIM,
            due_date=datetime.date(2027, 1, 1) + datetime.timedelta(days=n),
        )
    return project


def test_detail_query_count_does_not_grow_with_reports(client, home, django_assert_num_queries):
    small, large = _project_with_reports(home, 10), _project_with_reports(home, 100)
    login(client, home.users["rep"])
    client.get(url("project_detail", home.municipality.slug, small.pk))
    with CaptureQueriesContext(connection) as with_10:
        response = client.get(url("project_detail", home.municipality.slug, small.pk))
    assert response.content.decode().count("<td>Rapport 10-") == 10
    with django_assert_num_queries(len(with_10)):
        response = client.get(url("project_detail", home.municipality.slug, large.pk))
    assert response.content.decode().count("<td>Rapport 100-") == 100
