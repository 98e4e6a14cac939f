"""Calls and needs are written by one service each (``services.save_call``, ``save_need``):
the import goes through ``save_call`` and refuses a call that breaks the call rules, writing
nothing; the forms share the rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from .. import services
from ..imports import import_parsed
from ..models import Call, Need
from ..parsers import BRUSSELS, ParsedCall, ParseError

pytestmark = pytest.mark.django_db

DUE = datetime.datetime(2027, 3, 4, 17, 0, tzinfo=BRUSSELS)


def parsed(identifier, **fields):
    fields.setdefault("deadlines", [(DUE, "")])
    return ParsedCall(identifier=identifier, title=f"Call {identifier}", status="open", **fields)


def test_import_writes_through_the_service_and_refuses_a_broken_call():
    good = parsed("GOOD-1", budget_min=1000, budget_max=2000)
    broken = parsed("BROKEN-1", budget_min=5000, budget_max=100)
    with translation.override("en"), pytest.raises(ParseError) as caught:
        import_parsed(source="eu", calls=[good, broken])
    assert caught.value.errors == [
        # No line: a call made in code has none (the import of a file gives it).
        {"line": None, "message": "BROKEN-1: The largest grant cannot be below the smallest."}
    ]
    assert not Call.objects.filter(identifier__in=["GOOD-1", "BROKEN-1"]).exists()

    counts = import_parsed(source="eu", calls=[good])
    assert counts["created"] == 1
    call = Call.objects.get(identifier="GOOD-1")
    assert call.municipality is None and [d.due for d in call.deadlines.all()] == [DUE]


def test_a_moved_deadline_raises_its_sequence():
    import_parsed(source="eu", calls=[parsed("MOVE-1")])
    later = DUE + datetime.timedelta(days=7)
    import_parsed(source="eu", calls=[parsed("MOVE-1", deadlines=[(later, "")])])
    deadline = Call.objects.get(identifier="MOVE-1").deadlines.get()
    assert (deadline.due, deadline.sequence) == (later, 1)


def test_call_rules_hold_without_a_form():
    with pytest.raises(ValidationError) as caught:
        services.save_call(
            identifier="X-1", title=" ", source="manual", status="open", budget_min=-1
        )
    assert set(caught.value.message_dict) == {"title", "budget_min"}
    assert not Call.objects.filter(identifier="X-1").exists()


def test_need_rules_hold_without_a_form(home, away):
    with pytest.raises(ValidationError) as caught:
        services.save_need(
            municipality=home.municipality,
            user=home.users["coordinator"],
            title_sv="Finansiering av ungdomsutbyte",
            description_sv="Vi söker medel.",
            unit=away.unit,
            amount=-1,
            start=datetime.date(2026, 2, 1),
            end=datetime.date(2026, 1, 1),
        )
    assert set(caught.value.message_dict) == {"unit", "amount", "end"}
    need = services.save_need(
        municipality=home.municipality,
        user=home.users["rep"],
        title_sv="Finansiering av ungdomsutbyte",
        description_sv="Vi söker medel.",
        unit=home.other_unit,
    )
    assert need.unit == home.unit  # a unit representative's need is always their unit's
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.filter(pk=need.pk).update(amount=-1)
