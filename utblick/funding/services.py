"""Writes of the funding app. Every function is all-or-nothing.

Entities: programme rules (shared), needs and their call marks, watch lists, calls (shared
imported ones and the municipality's own) with their deadlines, feed tokens (the collaboration
group is its own app, ``utblick.isg``).

``save_need`` is the one way a need is created or changed (the staff form; plain keyword
data): a title and description in Swedish, a unit of the municipality (a unit
representative's own), a focus area of the municipality's strategy, no negative amount, no end
before the start; the database refuses the last two too.

``save_call`` is the one way a call's fields and deadlines are written, by the import and by
the staff forms of the municipality's own (manual) calls alike (plain keyword data, deadlines
as a list of dicts); ``call_errors`` holds the call rules, which the manual-call forms check
too: a call has an identifier and a title, no grant amount is negative and the largest grant
is not below the smallest; a manual call's identifier is unique among the municipality's own
calls and it keeps at least one deadline. Other rules: a moved deadline keeps its calendar
UID and raises its SEQUENCE; the history records who changed a programme rule or a manual
call and its deadlines.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.tenancy import permissions

from .models import (
    Call,
    CallDeadline,
    CallMark,
    FeedToken,
    Need,
    ProgrammeRule,
    Watch,
)
from .parsers import BRUSSELS, EU_DEADLINE_TIME


@transaction.atomic
def save_programme_rule(*, form, user) -> ProgrammeRule:
    """Create or change a programme rule (shared by every municipality); the history
    records who changed what."""
    rule = form.save(commit=False)
    rule._history_user = user
    rule.save()
    return rule


@transaction.atomic
def delete_programme_rule(*, rule: ProgrammeRule, user) -> None:
    """Delete a programme rule for every municipality; its history keeps every version and
    records who deleted it. No record refers to a rule (the consortium check takes one per
    check), so nothing stands in the way."""
    rule._history_user = user
    rule.delete()


NEED_FIELDS = frozenset(
    {
        "title_sv",
        "title_en",
        "description_sv",
        "description_en",
        "unit",
        "focus_area",
        "amount",
        "start",
        "end",
        "status",
    }
)


def need_errors(*, municipality, values: dict) -> dict:
    """The broken rules of a need with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    for name in ("title_sv", "description_sv"):
        if not (values.get(name) or "").strip():
            refusals.refuse(name, _("This field is required."))
    unit = values.get("unit")
    if unit is None:
        refusals.refuse("unit", _("This field is required."))
    elif unit.municipality_id != municipality.pk:
        refusals.refuse("unit", _("Choose one of the municipality's own units."))
    area = values.get("focus_area")
    if area is not None and area.strategy.municipality_id != municipality.pk:
        refusals.refuse("focus_area", _("Choose a focus area of the municipality's own strategy."))
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        refusals.refuse("end", _("The end cannot be before the start."))
    amount = values.get("amount")
    if amount is not None and amount < 0:
        refusals.refuse("amount", _("The amount cannot be negative."))
    return refusals.as_dict()


@transaction.atomic
def save_need(*, municipality, user, need: Need | None = None, **fields) -> Need:
    """Create (``need`` None or unsaved) or change a need: the ``fields`` given are set, the
    others stay. A unit representative's need always belongs to their unit. Raises
    ``ValidationError`` per field."""
    reject_unknown_fields("save_need", fields, NEED_FIELDS)
    need = need or Need()
    if need.pk is not None and need.municipality_id != municipality.pk:
        raise ValidationError({"municipality": _("A record cannot move to another municipality.")})
    need.municipality = municipality
    for name, value in fields.items():
        setattr(need, name, value)
    # No user: the demo data or a command, acting for the municipality as a whole.
    rep_unit = permissions.unit_of(user, municipality) if user is not None else None
    if rep_unit is not None:
        need.unit = rep_unit
    values = {name: getattr(need, name) for name in NEED_FIELDS if name != "unit"}
    values["unit"] = need.unit if need.unit_id else None
    errors = need_errors(municipality=municipality, values=values)
    if errors:
        raise ValidationError(errors)
    need.save()
    # The staff start page keeps the calls marked for open needs (dashboard.views).
    public_cache.record_changed(record=need, public=False)
    return need


@transaction.atomic
def mark_call(*, need: Need, call: Call, relevant: bool | None, user) -> CallMark | None:
    """Mark a suggested call relevant or not for a need; ``None`` removes the mark."""
    if relevant is None:
        CallMark.objects.filter(need=need, call=call).delete()
        public_cache.record_changed(record=need, public=False)
        return None
    mark, _created = CallMark.objects.update_or_create(
        need=need, call=call, defaults={"relevant": relevant, "marked_by": user}
    )
    # The staff start page keeps what is new for open needs (dashboard.views).
    public_cache.record_changed(record=need, public=False)
    return mark


@transaction.atomic
def toggle_watch(*, municipality, call: Call, user=None, unit=None) -> bool:
    """Put the call on (or take it off) a user's or a unit's watch list; True if now watched."""
    watch = Watch.objects.filter(municipality=municipality, call=call, user=user, unit=unit)
    if watch.exists():
        watch.delete()
        return False
    Watch.objects.create(municipality=municipality, call=call, user=user, unit=unit)
    return True


CALL_FIELDS = frozenset(
    {
        "identifier",
        "call_identifier",
        "source",
        "municipality",
        "title",
        "programme",
        "programme_name",
        "action_type",
        "status",
        "opening_date",
        "deadline_model",
        "budget_min",
        "budget_max",
        "currency",
        "expected_grants",
        "description",
        "keywords",
        "url",
        "language",
        "content_hash",
        "vanished_at",
    }
)


def call_errors(*, values: dict, call: Call | None = None) -> dict:
    """The broken rules of a call with these ``values``, as {field: [message]}: the fields
    given, and ``deadlines`` (the list that replaces the call's) when given.

    ``call`` is the call written, unsaved for a new one; its ``source``, ``municipality`` and
    ``identifier`` count where ``values`` leaves them out. A municipality's own (manual) call
    has an identifier none of the municipality's other calls has and keeps a deadline."""
    refusals = Refusals()
    for name in ("identifier", "title"):
        if name in values and not (values.get(name) or "").strip():
            refusals.refuse(name, _("This field is required."))
    low, high = values.get("budget_min"), values.get("budget_max")
    for name, amount in (("budget_min", low), ("budget_max", high)):
        if amount is not None and amount < 0:
            refusals.refuse(name, _("The amount cannot be negative."))
    if low is not None and high is not None and high < low and "budget_max" not in refusals:
        refusals.refuse("budget_max", _("The largest grant cannot be below the smallest."))
    if _as_written(values, call, "source") == Call.Source.MANUAL:
        if "identifier" not in refusals and _manual_identifier_taken(
            municipality=_as_written(values, call, "municipality"),
            identifier=_as_written(values, call, "identifier"),
            call=call,
        ):
            refusals.refuse(
                "identifier", _("The municipality already has a call with this identifier.")
            )
        if "deadlines" in values and not values["deadlines"]:
            refusals.refuse("deadlines", _("Enter at least one deadline."))
    return refusals.as_dict()


def _as_written(values: dict, call: Call | None, name: str):
    """The call's ``name`` as it is written: from ``values`` when given, else the call's."""
    if name in values:
        return values[name]
    return getattr(call, name, None) if call is not None else None


def _manual_identifier_taken(*, municipality, identifier, call: Call | None) -> bool:
    """True if the municipality already has another call of its own with this identifier;
    other municipalities' calls and the shared (imported) calls do not count."""
    if municipality is None or not identifier:
        return False
    taken = Call.objects.filter(
        source=Call.Source.MANUAL, municipality=municipality, identifier=identifier
    )
    if call is not None and call.pk:
        taken = taken.exclude(pk=call.pk)
    return taken.exists()


@transaction.atomic
def save_call(*, call: Call | None = None, deadlines=None, history=True, user=None, **fields):
    """Create (``call`` None) or change a call: the ``fields`` given are set, the others stay.

    ``deadlines``, when given, replace the call's: a list of dicts with ``due`` (an aware
    datetime), ``label`` and, for a deadline that is already saved, its ``id`` (the staff
    form); (due, label) pairs from the import are matched by position. A moved deadline keeps
    its UID and raises its SEQUENCE; one left out is deleted. ``history=False`` for the
    import: a call from its source is not a staff edit. Raises ``ValidationError`` per field.
    """
    reject_unknown_fields("save_call", fields, CALL_FIELDS)
    call = call or Call()
    for name, value in fields.items():
        setattr(call, name, value)
    values = {name: getattr(call, name) for name in fields}
    if deadlines is not None:
        values["deadlines"] = deadlines
    errors = call_errors(values=values, call=call)
    if errors:
        raise ValidationError(errors)
    if history:
        call._history_user = user
        call.save()
    else:
        call.save_without_historical_record()
    if deadlines is not None:
        _sync_deadlines(call, deadlines, history=history, user=user)
    # Sent newsletter issues in the public archive show calls: a municipality's own call
    # is on its pages, a call from the EU's data may be on any municipality's.
    public_cache.invalidate(call.municipality.slug if call.municipality_id else None)
    return call


def _save_deadline(deadline: CallDeadline, *, history: bool, user) -> None:
    if history:
        deadline._history_user = user
        deadline.save()
    else:
        deadline.save_without_historical_record()


def _sync_deadlines(call: Call, deadlines, *, history: bool, user) -> None:
    # simple-history records every deletion: a deadline the source drops leaves that rare row.
    current = sorted(call.deadlines.all(), key=lambda d: (d.due, d.pk)) if call.pk else []
    wanted = [
        item if isinstance(item, dict) else {"due": item[0], "label": item[1]} for item in deadlines
    ]
    if any(item.get("id") for item in wanted):
        # The staff form knows its rows: match by id, so deleting one moves no other UID.
        by_id = {deadline.pk: deadline for deadline in current}
        matched = [(by_id.pop(item["id"], None) if item.get("id") else None) for item in wanted]
        leftover = list(by_id.values())
    else:
        matched = [current[index] if index < len(current) else None for index in range(len(wanted))]
        leftover = current[len(wanted) :]
    for extra in leftover:
        if history:
            extra._history_user = user
        extra.delete()
    for item, deadline in zip(wanted, matched, strict=True):
        label = item.get("label") or ""
        if deadline is None:
            _save_deadline(
                CallDeadline(call=call, due=item["due"], label=label), history=history, user=user
            )
        elif deadline.due != item["due"] or deadline.label != label:
            deadline.sequence += 1
            deadline.due, deadline.label = item["due"], label
            _save_deadline(deadline, history=history, user=user)


def brussels_deadline(day: datetime.date, time: datetime.time | None = None):
    """A deadline on ``day`` at ``time`` in Brussels (17:00, the EU's usual hour, if None)."""
    return datetime.datetime.combine(day, time or EU_DEADLINE_TIME, tzinfo=BRUSSELS)


def revoke_feed_tokens(*, user, municipality) -> int:
    """A person who leaves the municipality takes no working calendar address with them."""
    deleted, _details = FeedToken.objects.filter(municipality=municipality, user=user).delete()
    return deleted


def feed_token(*, municipality, kind, user, unit=None) -> FeedToken:
    """The user's own secret address for one of the feeds. Every address belongs to one
    person: it can be renewed (revoking the old one) and stops working when they leave."""
    token, _created = FeedToken.objects.get_or_create(
        municipality=municipality, kind=kind, unit=unit, user=user
    )
    return token


@transaction.atomic
def renew_feed_tokens(*, user, municipality, request=None) -> None:
    """Revoke the user's calendar addresses in the municipality; new ones are made on demand."""
    from utblick.security.models import AuditEvent
    from utblick.security.services import record_event

    revoke_feed_tokens(user=user, municipality=municipality)
    record_event(
        kind=AuditEvent.Kind.FEED_TOKEN, user=user, municipality=municipality, request=request
    )
