"""The projects' one write path, called with plain data (no form): its rules, the timeline,
the municipality, and the database refusing the budget rules whatever writes. Messages are
in Swedish, the active language outside a request."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import services
from ..models import Project, Tag


def save(home, user="coordinator", **fields):
    fields.setdefault("title_sv", "Vattenvägar")
    fields.setdefault("role", Project.Role.PARTNER)
    return services.save_project(
        municipality=home.municipality, user=home.users[user] if user else None, **fields
    )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_project_is_created_from_plain_data_with_its_first_status(home):
    project = save(home, status=Project.Status.SUBMITTED, tags=["vatten"])
    assert project.municipality == home.municipality
    assert [change.status for change in project.status_changes.all()] == ["submitted"]
    assert [change.changed_by for change in project.status_changes.all()] == [
        home.users["coordinator"]
    ]
    assert [tag.name for tag in project.tags.all()] == ["vatten"]


def test_a_tag_is_reused_in_any_case_beyond_ascii(home):
    # "Ä", "Ö" and "É" are not ASCII letters: SQLite's own case folding made new tags.
    before = Tag.objects.count()
    first = save(home, tags=["Äldreomsorg", "Öresundsregionen", "Éducation populaire"])
    second = save(
        home,
        title_sv="Omsorg över gränser",
        tags=["äldreomsorg", "ÖRESUNDSREGIONEN", " éducation populaire ", "Ålandsfrågor"],
    )
    new = Tag.objects.get(name="Ålandsfrågor")
    assert set(second.tags.all()) == set(first.tags.all()) | {new}
    assert Tag.objects.count() == before + 4


def test_only_a_changed_status_goes_on_the_timeline(home):
    project = save(home)
    services.save_project(
        municipality=home.municipality, user=None, project=project, title_en="Waterways"
    )
    services.save_project(
        municipality=home.municipality,
        user=None,
        project=project,
        status=Project.Status.GRANTED,
        status_date=datetime.date(2025, 3, 1),
    )
    changes = {(c.status, c.date) for c in project.status_changes.all()}
    assert changes == {("idea", timezone.localdate()), ("granted", datetime.date(2025, 3, 1))}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"budget_total": Decimal(10), "grant": Decimal(11)}, "grant", "totala budgeten"),
        ({"currency": "EUR"}, "exchange_rate", "Ange växelkursen"),
        ({"currency": "EUR", "exchange_rate": Decimal(0)}, "exchange_rate", "större än noll"),
        ({"own_cash": Decimal(-1)}, "own_cash", "kan inte vara negativt"),
        (
            {"start_date": datetime.date(2025, 2, 1), "end_date": datetime.date(2025, 1, 1)},
            "end_date",
            "kan inte vara före startdatumet",
        ),
        ({"title_sv": " "}, "title_sv", "är obligatoriskt"),
    ],
)
def test_rules_hold_without_a_form(home, fields, field, message):
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        save(home, **fields)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Project.objects.filter(title_sv="Vattenvägar").exists()


def test_units_and_focus_areas_of_another_municipality_are_refused(home, away):
    errors = refusal(lambda: save(home, unit=away.unit, other_units=[away.other_unit]))
    assert set(errors) == {"unit", "other_units"}
    away_area = away.records["activity"].focus_area
    assert "focus_area" in refusal(lambda: save(home, focus_area=away_area))


def test_a_project_never_moves_to_another_municipality(home, away):
    project = home.records["public_project"]
    errors = refusal(
        lambda: services.save_project(
            municipality=away.municipality, user=None, project=project, title_sv="Flyttad"
        )
    )
    assert "municipality" in errors
    project.refresh_from_db()
    assert project.municipality == home.municipality


def test_a_unit_representative_s_project_is_their_unit_s_and_stays_there(home):
    project = save(home, user="rep", unit=home.other_unit)
    assert project.unit == home.unit
    errors = refusal(
        lambda: services.save_project(
            municipality=home.municipality,
            user=home.users["rep"],
            project=project,
            unit=home.other_unit,
        )
    )
    assert errors == {"unit": ["Bara samordnaren kan flytta ett projekt till en annan enhet."]}


@pytest.mark.parametrize(
    "fields",
    [
        {"budget_total": Decimal(10), "grant": Decimal(11)},
        {"currency": "EUR", "exchange_rate": None},
        {"exchange_rate": Decimal("-1")},
        {"grant": Decimal("-1")},
        {"start_date": datetime.date(2025, 2, 1), "end_date": datetime.date(2025, 1, 1)},
    ],
)
def test_the_database_refuses_what_the_rules_refuse(home, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(
            municipality=home.municipality, title_sv="Förbi tjänsten", role="partner", **fields
        )
