"""The activity's change history holds its links and its follow-up entries."""

import pytest

from utblick.partners.models import Partnership
from utblick.projects.tests.factories import ProjectFactory
from utblick.testing import login

from .helpers import en

pytestmark = pytest.mark.django_db


def _history(client, home, activity):
    page = client.get(en("staff:activity_detail", home.municipality.slug, activity.pk))
    assert page.status_code == 200
    text = page.content.decode()
    return " ".join(text[text.index('id="history-title"') :].split())


def test_links_and_follow_up_entries_show_in_the_activity_history(client, home):
    activity = home.records["activity"]
    partnership = Partnership.objects.get(pk=activity.partnerships.get().pk)
    project = ProjectFactory(municipality=home.municipality, title_sv="Gränslöst lärande")
    login(client, home.users["coordinator"])
    form = {
        "focus_area": activity.focus_area_id,
        "kind": "core",
        "key": "A001",
        "title_sv": activity.title_sv,
        "order": 0,
        "unit": home.unit.pk,
        "projects": [p.pk for p in activity.projects.all()] + [project.pk],
        "partnerships": [],  # the partnership is unlinked
        "network_memberships": [m.pk for m in activity.network_memberships.all()],
    }
    response = client.post(en("staff:activity_edit", home.municipality.slug, activity.pk), form)
    assert response.status_code == 302
    login(client, home.users["rep"])
    response = client.post(
        en("staff:activity_entry_create", home.municipality.slug, activity.pk),
        {"date": "2025-06-01", "text_sv": "Studiebesök i Vänersborg", "progress": "55"},
    )
    assert response.status_code == 302

    history = _history(client, home, activity)
    assert "projects added: Gränslöst lärande" in history
    assert f"partnerships removed: {partnership}" in history
    assert "Added the follow-up entry of 2025-06-01" in history
    assert "Studiebesök i Vänersborg" in history
    assert "Changed the activity (through a follow-up entry)" in history
    assert "progress (%)" in history
    assert history.index("Studiebesök") < history.index("Gränslöst lärande")  # newest first
    assert "rep" in history or str(home.users["rep"]) in history


def test_a_changed_and_a_deleted_entry_show_in_the_history(client, home):
    activity = home.records["activity"]
    entry = home.records["follow_up_entry"]
    entry.text_sv = "Första mötet hölls i mars."
    entry.save()
    activity.entries.create(date=entry.date, text_sv="Fel rad").delete()
    login(client, home.users["reader"])
    history = _history(client, home, activity)
    assert "Changed the follow-up entry of 2025-03-01" in history
    assert "Första mötet hölls i mars." in history
    assert "Deleted the follow-up entry of 2025-03-01<ul><li>Fel rad" in history
