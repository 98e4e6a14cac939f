"""The municipality's own (manual) calls are written by ``services.save_call`` like the
imported ones: plain data, deadlines as dicts, the same rules and messages as the form."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .. import services
from ..models import Call
from ..parsers import BRUSSELS

pytestmark = pytest.mark.django_db

DUE = datetime.datetime(2027, 3, 4, 17, 0, tzinfo=BRUSSELS)


def _manual(home, identifier="EGEN-1", **fields):
    return services.save_call(
        user=home.users["coordinator"],
        municipality=home.municipality,
        source=Call.Source.MANUAL,
        language="sv",
        identifier=identifier,
        title="Ungdomsutbyte",
        status="open",
        **fields,
    )


def test_a_manual_call_is_saved_from_plain_data_with_its_deadlines(home):
    call = _manual(home, deadlines=[{"due": DUE, "label": "Ansökan"}])
    assert call.municipality == home.municipality
    assert [(d.due, d.label) for d in call.deadlines.all()] == [(DUE, "Ansökan")]


def test_an_identifier_is_unique_among_the_municipality_own_calls(home, away):
    _manual(home, deadlines=[{"due": DUE}])
    _manual(away, deadlines=[{"due": DUE}])  # another municipality's call does not count
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _manual(home, deadlines=[{"due": DUE}])
    assert refused.value.message_dict == {
        "identifier": ["The municipality already has a call with this identifier."]
    }
    assert Call.objects.filter(municipality=home.municipality, identifier="EGEN-1").count() == 1


def test_a_manual_call_keeps_at_least_one_deadline(home):
    call = _manual(home, deadlines=[{"due": DUE}])
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_call(call=call, user=home.users["coordinator"], deadlines=[])
    assert refused.value.message_dict == {"deadlines": ["Enter at least one deadline."]}
    assert call.deadlines.count() == 1


def test_deadlines_with_ids_stay_themselves_when_another_is_deleted(home):
    later = DUE + datetime.timedelta(days=30)
    call = _manual(home, deadlines=[{"due": DUE}, {"due": later, "label": "Slutrapport"}])
    first, second = call.deadlines.order_by("due")
    moved = later + datetime.timedelta(days=1)
    services.save_call(
        call=call,
        user=home.users["coordinator"],
        deadlines=[{"id": second.pk, "due": moved, "label": "Slutrapport"}],
    )
    kept = call.deadlines.get()
    assert (kept.pk, kept.due, kept.sequence) == (second.pk, moved, 1)
