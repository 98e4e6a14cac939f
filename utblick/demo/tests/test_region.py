"""The region-scale demo (`load_demo --scale region`), at a tiny scale."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from utblick.demo.region import REGION_NOTE, load_region
from utblick.partners.models import NetworkMembership, Organisation, Partnership
from utblick.projects.models import Project, ProjectPartner
from utblick.tenancy.models import Membership, Municipality, Unit

pytestmark = pytest.mark.django_db


def counts():
    return {
        "active": Municipality.objects.filter(is_active=True).count(),
        "units": Unit.objects.count(),
        "organisations": Organisation.objects.count(),
        "partnerships": Partnership.objects.count(),
        "networks": NetworkMembership.objects.count(),
        "projects": Project.objects.count(),
        "project partners": ProjectPartner.objects.count(),
        "memberships": Membership.objects.count(),
        "project history": Project.history.count(),
    }


def test_region_covers_every_municipality_and_a_second_run_adds_nothing():
    everyone = Municipality.objects.count()
    assert everyone == 290
    first = load_region(scale=0.002)
    after_first = counts()
    assert first.municipalities == everyone and first.skipped == 0
    assert after_first["active"] == everyone
    # 0.2 % of 30,000 projects and 50,000 organisations, at least one project and two
    # organisations in each municipality.
    assert everyone <= after_first["projects"] <= 400
    assert 2 * everyone <= after_first["organisations"] <= 2 * everyone + 200
    assert after_first["project history"] == after_first["projects"]
    assert first.counts["projects"] == after_first["projects"]
    projects_per_municipality = set(
        Municipality.objects.values_list("code", flat=True).filter(
            pk__in=Project.objects.values("municipality")
        )
    )
    assert len(projects_per_municipality) == everyone
    assert Organisation.objects.exclude(notes=REGION_NOTE).count() == 0
    # Each municipality has a coordinator to sign in with.
    assert Membership.objects.filter(role="coordinator").count() == everyone
    assert {True, False} == set(Project.objects.values_list("is_public", flat=True))

    # Bilingual titles, and dates that fit the status.
    project = Project.objects.filter(status="ongoing", is_public=True).first()
    assert project.title_sv and project.title_en and project.title_sv != project.title_en
    assert project.start_date <= project.end_date
    assert project.status_changes.exists()
    assert not Project.objects.filter(
        status="completed", end_date__gte=timezone.localdate()
    ).exists()

    second = load_region(scale=0.002)
    assert second.municipalities == 0 and second.skipped == everyone
    assert counts() == after_first


def test_load_demo_scale_region_on_top_of_the_demo(capsys):
    call_command("load_demo", "--scale", "region", "--scale-factor", "0.001")
    # (The four demo municipalities' own projects get a history record on every load.)
    first = counts() | {"project history": None}
    out = capsys.readouterr().out
    assert "290/290 municipalities" in out
    # The demo's own records are kept beside the generated ones.
    assert Partnership.objects.filter(partner__name="Hiddenhausen").exists()
    call_command("load_demo", "--scale", "region", "--scale-factor", "0.001")
    assert counts() | {"project history": None} == first
    assert "nothing added" in capsys.readouterr().out
