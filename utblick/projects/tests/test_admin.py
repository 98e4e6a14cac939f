import pytest
from django.urls import reverse

from utblick.testing import login

MODELS = [
    "project",
    "projectpartner",
    "projectstatuschange",
    "projectlink",
    "projectdocument",
    "funderprogramme",
    "sustainabledevelopmentgoal",
    "tag",
]


@pytest.mark.parametrize("model", MODELS)
def test_superuser_manages_project_records_in_the_admin(client, home, model):
    login(client, home.users["superuser"])
    assert client.get(reverse(f"admin:projects_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:projects_{model}_add")).status_code == 200


def test_project_change_page_and_history_in_the_admin(client, home):
    project = home.records["public_project"]
    login(client, home.users["superuser"])
    change = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert change.status_code == 200
    assert b'name="title_en"' in change.content
    history = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert history.status_code == 200


def test_staff_flag_alone_does_not_open_the_project_admin(client, home):
    coordinator = home.users["coordinator"]
    coordinator.is_staff = True
    coordinator.save()
    login(client, coordinator)
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
