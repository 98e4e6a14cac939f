"""The collector of broken rules the apps' ``*_errors`` functions share."""

import pytest
from django.core.exceptions import ValidationError

from utblick.core.refusals import Refusals


def test_refusals_keep_each_fields_messages_in_order_and_raise_them_together():
    refusals = Refusals()
    assert not refusals and refusals.as_dict() == {}
    refusals.raise_if_any()  # nothing refused: nothing raised
    refusals.refuse("end", "Slutet kan inte vara före början.")
    refusals.refuse("amount", "Beloppet kan inte vara negativt.")
    refusals.refuse("end", "Ange ett slut.")
    refusals.refuse(None, "Posten kan inte ändras.")
    assert refusals and "end" in refusals and "start" not in refusals
    assert refusals.as_dict() == {
        "end": ["Slutet kan inte vara före början.", "Ange ett slut."],
        "amount": ["Beloppet kan inte vara negativt."],
        None: ["Posten kan inte ändras."],
    }
    refusals.as_dict()["end"].append("changed outside")  # a copy: the refusals stay
    with pytest.raises(ValidationError) as caught:
        refusals.raise_if_any()
    assert caught.value.message_dict["end"] == [
        "Slutet kan inte vara före början.",
        "Ange ett slut.",
    ]
