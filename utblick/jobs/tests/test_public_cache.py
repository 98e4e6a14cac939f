"""A finished job drops only the cached public pages whose data it wrote: not every
municipality's pages for a newsletter sign-up in one of them."""

import pytest

from utblick.jobs.services import execute_job
from utblick.jobs.tests.test_jobs import _start
from utblick.newsletter import services as newsletter_services
from utblick.public.tests.helpers import get

HEADER = "X-Utblick-Cache"


@pytest.fixture
def cached(client, home, away):
    """The ongoing projects of both municipalities, cached."""
    for side in (home, away):
        get(client, "projects_ongoing", "sv", side)
        assert get(client, "projects_ongoing", "sv", side)[HEADER] == "hit"

    def state():
        return {
            side.municipality.slug: get(client, "projects_ongoing", "sv", side)[HEADER]
            for side in (home, away)
        }

    return state


def run(home, handler):
    execute_job(job_id=_start(home, handler).pk)


def test_a_job_that_writes_no_public_data_keeps_every_page(home, away, cached):
    execute_job(job_id=_start(home, "count_rows", rows=2).pk)
    assert cached() == {home.municipality.slug: "hit", away.municipality.slug: "hit"}


def test_a_newsletter_sign_up_keeps_every_page(
    home, away, cached, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_services.subscribe(
            municipality=home.municipality,
            email="ny@example.org",
            language="sv",
            lists=[home.records["mailing_list"]],
        )
    assert cached() == {home.municipality.slug: "hit", away.municipality.slug: "hit"}


def test_a_bulk_write_drops_its_own_municipalitys_pages_only(home, away, cached):
    run(home, "bulk_write_own")
    assert cached() == {home.municipality.slug: "miss", away.municipality.slug: "hit"}


def test_a_bulk_write_of_shared_data_drops_every_page(home, away, cached):
    run(home, "bulk_write_shared")
    assert cached() == {home.municipality.slug: "miss", away.municipality.slug: "miss"}
