"""The "Last reviewed" date in the footer of every public page."""

import datetime

import pytest
from django.utils import timezone

from utblick.projects.models import Project
from utblick.tenancy.services import activate_municipality

from .factories import ProjectFactory
from .helpers import LANGUAGES, all_pages, get, reviewed_on, url

LONG_AGO = datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_municipality_s_review_date_is_on_every_page(client, town, site, language):
    town.municipality.content_reviewed_on = datetime.date(2025, 9, 1)
    town.municipality.save()
    for name, args in all_pages(site):
        response = get(client, name, language, town, *args)
        assert reviewed_on(response) == "2025-09-01", name


def test_without_a_review_date_the_latest_change_of_what_is_shown_counts(client, town, site):
    town.municipality.history.update(history_date=LONG_AGO)
    Project.objects.update(updated_at=LONG_AGO)
    shown = ProjectFactory(municipality=town.municipality, title_sv="Nyligen ändrat")
    Project.objects.filter(pk=shown.pk).update(
        updated_at=datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)
    )
    hidden = ProjectFactory(municipality=town.municipality, is_public=False)
    Project.objects.filter(pk=hidden.pk).update(
        updated_at=datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
    )
    assert reviewed_on(get(client, "projects_ongoing", "sv", town)) == "2024-06-01"
    # The completed list does not show that project, and the contact page shows none.
    assert reviewed_on(get(client, "projects_completed", "en", town)) == "2020-01-01"
    assert reviewed_on(get(client, "contact", "sv", town)) == "2020-01-01"
    # Changing the municipality's texts counts on every page.
    activate_municipality(municipality=town.municipality, contact_text_sv="Ny text.")
    today = timezone.localdate().isoformat()
    assert reviewed_on(get(client, "contact", "sv", town)) == today
    assert reviewed_on(get(client, "projects_ongoing", "sv", town)) == today


def test_index_shows_a_review_date(client, town, other_town):
    response = client.get(url("index", "sv"))
    assert reviewed_on(response) == timezone.localdate().isoformat()
