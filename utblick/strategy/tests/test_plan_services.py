"""Strategies, focus areas, directions and action plans are written by one service each,
called with plain data (the staff forms, the demo data): the rules hold without a form, and
the database holds them too."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from utblick.documents.models import GoverningDocument

from .. import services
from ..models import ActionPlan, Direction, FocusArea, Strategy
from .test_activity_service import refusal

JAN, DEC = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)


def test_a_strategy_plan_focus_area_and_direction_from_plain_data(home):
    strategy = services.save_strategy(
        municipality=home.municipality,
        title_sv="  Internationell strategi 2027  ",
        valid_from=JAN,
        valid_to=DEC,
    )
    plan = services.save_action_plan(
        strategy=strategy, title_sv="Handlingsplan 2027", start_date=JAN, end_date=DEC
    )
    area = services.save_focus_area(strategy=strategy, name_sv="Kompetens", order=1)
    direction = services.save_direction(focus_area=area, name_sv="Utbyten", order=1)
    assert strategy.title_sv == "Internationell strategi 2027"
    assert plan.municipality == home.municipality and plan.strategy == strategy
    assert list(strategy.focus_areas.all()) == [area]
    assert list(area.directions.all()) == [direction]
    changed = services.save_focus_area(strategy=strategy, focus_area=area, name_sv="KOMPETENS")
    assert changed.pk == area.pk  # its own name in another case is no clash


def test_the_rules_hold_without_a_form(home, away):
    strategy = home.records["activity"].action_plan.strategy
    taken = strategy.focus_areas.first().name_sv
    foreign = GoverningDocument.objects.filter(municipality=away.municipality).first()
    assert foreign is not None

    assert refusal(
        lambda: services.save_strategy(municipality=home.municipality, valid_from=DEC, valid_to=JAN)
    ) == {"title_sv": ["Det här fältet är obligatoriskt."],
          "valid_to": ["Slutdatumet kan inte vara före startdatumet."]}  # fmt: skip
    assert refusal(lambda: services.save_focus_area(strategy=strategy, name_sv=taken.upper())) == {
        "name_sv": ["Strategin har redan ett fokusområde med det namnet."]
    }
    assert refusal(lambda: services.save_direction(focus_area=strategy.focus_areas.first())) == {
        "name_sv": ["Det här fältet är obligatoriskt."]
    }
    errors = refusal(
        lambda: services.save_action_plan(
            strategy=strategy, title_sv="Plan", start_date=DEC, end_date=JAN, document=foreign
        )
    )
    assert set(errors) == {"end_date", "document"}
    assert refusal(
        lambda: services.save_focus_area(
            strategy=away.records["activity"].action_plan.strategy,
            focus_area=strategy.focus_areas.first(),
            name_sv="Flyttad",
        )
    ) == {"strategy": ["Ett fokusområde kan inte flyttas till en annan strategi."]}
    assert not Strategy.objects.filter(valid_from=DEC).exists()
    assert not ActionPlan.objects.filter(title_sv="Plan").exists()
    assert not Direction.objects.filter(name_sv="").exists()


@pytest.mark.parametrize(
    "write",
    [
        lambda strategy: Strategy.objects.create(
            municipality=strategy.municipality, title_sv="Bakvänd", valid_from=DEC, valid_to=JAN
        ),
        lambda strategy: ActionPlan.objects.create(
            municipality=strategy.municipality,
            strategy=strategy,
            title_sv="Bakvänd",
            start_date=DEC,
            end_date=JAN,
        ),
        # In another case too on PostgreSQL; SQLite's lower() folds ASCII letters only.
        lambda strategy: FocusArea.objects.create(
            strategy=strategy, name_sv=strategy.focus_areas.first().name_sv
        ),
    ],
    ids=["strategy period", "action plan period", "focus area name"],
)
def test_the_database_refuses_what_the_services_refuse(home, write):
    strategy = home.records["activity"].action_plan.strategy
    with pytest.raises(IntegrityError), transaction.atomic():
        write(strategy)
