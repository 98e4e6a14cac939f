"""The collector of broken rules the apps' ``*_errors`` functions share, and the guard the
services share against keyword data they do not take."""

import pytest
from django.core.exceptions import ValidationError

from utblick.core.refusals import Refusals, refused_options, reject_unknown_fields


def test_refusals_keep_each_fields_messages_in_the_order_refused():
    refusals = Refusals()
    assert not refusals and refusals.as_dict() == {}
    refusals.refuse("end", "Slutet kan inte vara före början.")
    refusals.refuse("amount", "Beloppet kan inte vara negativt.")
    refusals.refuse("end", "Ange ett slut.")
    refusals.refuse(None, "Posten kan inte ändras.")
    assert refusals and "end" in refusals and "start" not in refusals
    answer = refusals.as_dict()
    assert answer == {
        "end": ["Slutet kan inte vara före början.", "Ange ett slut."],
        "amount": ["Beloppet kan inte vara negativt."],
        None: ["Posten kan inte ändras."],
    }
    assert list(answer) == ["end", "amount", None]
    answer["end"].append("changed outside")  # a copy: the refusals stay as they were
    assert refusals.as_dict()["end"] == ["Slutet kan inte vara före början.", "Ange ett slut."]


def test_unknown_fields_are_the_callers_mistake_named_with_the_service():
    allowed = frozenset({"title_sv", "amount"})
    reject_unknown_fields("save_need", {"title_sv": "Ungdomsutbyte"}, allowed)
    reject_unknown_fields("save_need", {}, allowed)
    with pytest.raises(TypeError) as caught:
        reject_unknown_fields("save_need", {"title_sv": "", "titel": "", "belopp": 1}, allowed)
    assert str(caught.value) == "save_need() got unexpected fields: ['belopp', 'titel']"


def test_a_refusal_is_told_per_option_of_the_command():
    refused = ValidationError({"email": ["Ange en giltig mejladress."], "role": ["Välj en roll."]})
    told = refused_options("Kommunen aktiverades inte:", refused, {"email": "--email"})
    assert told.splitlines() == [
        "Kommunen aktiverades inte:",
        "--email: Ange en giltig mejladress.",
        "role: Välj en roll.",
    ]
