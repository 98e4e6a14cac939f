"""The activities' one write path, called with plain data (no form): the same rules for the
staff form, the import and the demo data."""

import pytest
from django.core.exceptions import ValidationError

from .. import services
from ..models import Activity


def save(home, user="coordinator", **fields):
    own = home.records["activity"]
    fields.setdefault("key", "B001")
    fields.setdefault("title_sv", "Ny aktivitet")
    fields.setdefault("focus_area", own.focus_area)
    return services.save_activity(plan=own.action_plan, user=home.users[user], **fields)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_an_activity_is_created_from_plain_data(home):
    activity = save(home, user="rep", unit=home.other_unit)
    assert activity.municipality == home.municipality
    assert activity.unit == home.unit  # a unit representative's activity is their unit's


def test_rules_hold_without_a_form(home, away):
    own = home.records["activity"]
    errors = refusal(
        lambda: save(
            home,
            key=own.key,
            focus_area=away.records["activity"].focus_area,
            progress=101,
            unit=away.unit,
            projects=[away.records["public_project"]],
        )
    )
    assert set(errors) == {"key", "focus_area", "progress", "unit", "projects"}
    assert errors["key"] == ["En annan aktivitet i den här planen har redan den här nyckeln."]
    assert not Activity.objects.filter(title_sv="Ny aktivitet").exists()


def test_a_changed_status_goes_on_the_timeline(home):
    own = home.records["activity"]
    before = own.entries.count()
    services.save_activity(
        plan=own.action_plan,
        user=home.users["coordinator"],
        activity=own,
        status=Activity.Status.DONE,
        progress=100,
        change_note={"sv": "Klart.", "en": "Done."},
    )
    entry = own.entries.order_by("-pk").first()
    assert own.entries.count() == before + 1
    assert (entry.previous_status, entry.status, entry.text_sv) == ("ongoing", "done", "Klart.")


def test_only_a_coordinator_moves_an_activity(home):
    own = home.records["activity"]
    errors = refusal(
        lambda: services.save_activity(
            plan=own.action_plan, user=home.users["rep"], activity=own, unit=home.other_unit
        )
    )
    assert errors == {"unit": ["Bara samordnaren kan flytta en aktivitet till en annan enhet."]}
