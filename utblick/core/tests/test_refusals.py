"""The collector of broken rules the apps' ``*_errors`` functions share."""

from utblick.core.refusals import Refusals


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
