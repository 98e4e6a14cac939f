"""Permission cases of the funding app; see tenancy/tests/test_permission_matrix.

The sample call is a manual call of the municipality (imported calls are shared by all and
are checked in test_calls). Programme rules are shared by every municipality (``SHARED``)."""

from ..models import ProgrammeRule


def _call(r):
    return {"pk": r["funding_call"].pk}


def _need(r):
    return {"pk": r["funding_need"].pk}


def _rule(r):
    return {"pk": ProgrammeRule.objects.order_by("pk").values_list("pk", flat=True).first()}


STAFF = {
    "call_list": ("view", lambda r: {}),
    "call_create": ("manage", lambda r: {}),
    "call_import": ("reference", lambda r: {}),
    "call_detail": ("view", _call),
    "call_watch": ("view", _call),
    "call_edit": ("manage", _call),
    "need_list": ("view", lambda r: {}),
    "need_create": ("create", lambda r: {}),
    "need_detail": ("view", _need),
    "need_edit": ("change", _need),
    "need_mark": ("change", lambda r: {**_need(r), "call_pk": r["funding_call"].pk}),
    "consortium_check": ("view", lambda r: {}),
    "funding_calendar": ("view", lambda r: {}),
    "programme_rule_list": ("view", lambda r: {}),
    "programme_rule_create": ("manage", lambda r: {}),
    "programme_rule_detail": ("view", _rule),
    "programme_rule_edit": ("manage", _rule),
    "programme_rule_delete": ("manage", _rule),
}
SHARED = {"programme_rule_detail", "programme_rule_edit", "programme_rule_delete"}
PUBLIC = {
    "funding_feed": ("public", lambda r: {"token": r["funding_feed_token"].token}),
}
