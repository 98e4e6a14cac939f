"""Reads of the funding app."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator

from utblick.projects.selectors import reporting_deadlines
from utblick.tenancy import permissions

from .matching import rank
from .models import (
    Call,
    CallDeadline,
    CallMark,
    FeedToken,
    Need,
    ProgrammeRule,
    Watch,
)
from .parsers import BRUSSELS

DEADLINES = Prefetch("deadlines", queryset=CallDeadline.objects.order_by("due", "pk"))


def calls_for(municipality):
    return Call.objects.visible_to(municipality)


def call_list(municipality, *, now=None):
    """The calls by their next deadline, closed ones last, with their status as of now."""
    return (
        calls_for(municipality)
        .with_schedule(now)
        .by_next_deadline()
        .select_related("programme")
        .prefetch_related(DEADLINES)
        .defer("description", "embedding")
    )


def call_detail(municipality, pk) -> Call:
    return get_object_or_404(
        calls_for(municipality)
        .with_schedule()
        .select_related("programme")
        .prefetch_related(DEADLINES),
        pk=pk,
    )


def needs_of(municipality):
    return Need.objects.filter(municipality=municipality)


def need_list(municipality):
    return needs_of(municipality).select_related("unit", "focus_area")


def need_detail(municipality, pk) -> Need:
    return get_object_or_404(need_list(municipality).select_related("municipality"), pk=pk)


def suggestions(need: Need, *, now=None, limit=10):
    """Ranked open and forthcoming calls with a deadline ahead (as of the minute), with
    staff's marks."""
    # To the minute: the matching keeps the candidate calls per query for a while.
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    calls = calls_for(need.municipality).upcoming(now)
    found = rank(need.matching_text(), calls, limit=limit)
    by_pk = {
        c.pk: c
        for c in Call.objects.filter(pk__in=[s.call.pk for s in found])
        .select_related("programme")
        .prefetch_related(DEADLINES)
        .defer("description", "embedding")
    }
    marks = {m.call_id: m for m in CallMark.objects.filter(need=need, call_id__in=list(by_pk))}
    for suggestion in found:
        suggestion.call = by_pk[suggestion.call.pk]
        suggestion.mark = marks.get(suggestion.call.pk)
    return found


def watched_ids(municipality, *, user=None, unit=None) -> set[int]:
    return set(
        Watch.objects.filter(municipality=municipality, user=user, unit=unit).values_list(
            "call_id", flat=True
        )
    )


def feed_token_is_live(token: FeedToken) -> bool:
    """A feed address works only while its owner may still read the municipality's data
    (and, for a unit's feed, still represents that unit): leaving ends it."""
    user = token.user
    if user is None or not user.is_active:
        return False
    if not permissions.allows(user, permissions.VIEW, token.municipality):
        return False
    if token.kind == FeedToken.Kind.UNIT and not user.is_superuser:
        unit = permissions.unit_of(user, token.municipality)
        return unit is not None and unit.pk == token.unit_id
    return True


def deadlines_for_feed(token: FeedToken, *, since=None):
    """Deadlines in a feed: the municipality's (all its watched calls and its own calls),
    a unit's or a user's watch list."""
    watches = Watch.objects.filter(municipality=token.municipality)
    if token.kind == FeedToken.Kind.UNIT:
        watches = watches.filter(unit=token.unit)
    elif token.kind == FeedToken.Kind.USER:
        watches = watches.filter(user=token.user)
    ids = set(watches.values_list("call_id", flat=True))
    if token.kind == FeedToken.Kind.MUNICIPALITY:
        ids |= set(
            Call.objects.filter(municipality=token.municipality).values_list("pk", flat=True)
        )
    deadlines = CallDeadline.objects.filter(call_id__in=ids).select_related("call")
    if since is not None:
        deadlines = deadlines.filter(due__gte=since)
    return deadlines.order_by("due", "pk")


def reports_for_feed(token: FeedToken, *, since=None):
    """Project reporting deadlines in a feed: all of the municipality's projects, a unit's
    projects, or (in a user's feed) the projects of the unit the user represents."""
    unit = None
    if token.kind == FeedToken.Kind.UNIT:
        unit = token.unit
    elif token.kind == FeedToken.Kind.USER:
        unit = permissions.unit_of(token.user, token.municipality)
        if unit is None:
            return []
    day = timezone.localdate(since) if since is not None else None
    return reporting_deadlines(token.municipality, unit=unit, since=day)


def calendar(municipality, *, user, now=None):
    """Upcoming deadlines of the municipality's watched and own calls, marked per watcher."""
    now = now or timezone.now()
    watches = Watch.objects.filter(municipality=municipality).select_related("unit")
    watchers = {}
    for watch in watches:
        watchers.setdefault(watch.call_id, set()).add(
            str(watch.unit) if watch.unit_id else ("me" if watch.user_id == user.pk else "")
        )
    own = Call.objects.filter(municipality=municipality).values_list("pk", flat=True)
    deadlines = (
        CallDeadline.objects.filter(call_id__in=set(watchers) | set(own), due__gte=now)
        .select_related("call")
        .order_by("due", "pk")
    )
    return [
        {"deadline": d, "watchers": sorted(w for w in watchers.get(d.call_id, ()) if w)}
        for d in deadlines
    ]


def calendar_reports(municipality, *, now=None):
    """Reporting deadlines of the municipality's projects not yet submitted, from today."""
    return reporting_deadlines(municipality, since=timezone.localdate(now), done=False)


def manual_call(municipality, pk) -> Call:
    """One of the municipality's own (manual) calls, with its deadlines."""
    return get_object_or_404(
        Call.objects.filter(municipality=municipality, source=Call.Source.MANUAL)
        .select_related("municipality")
        .prefetch_related(DEADLINES),
        pk=pk,
    )


def programme_rules():
    """Every programme rule (shared by all municipalities), with its programme."""
    return ProgrammeRule.objects.select_related("programme").order_by(
        "programme__name", "name", "period"
    )


def programme_rule(pk) -> ProgrammeRule:
    return get_object_or_404(programme_rules(), pk=pk)


# Fields the rule history leaves out: the untranslated copies of the translated fields.
_RULE_HISTORY_SKIP = {"name", "notes"}
# Longer texts (a call's description) are cut in the history table.
_HISTORY_TEXT_CHARS = 300


def programme_rule_history(rule: ProgrammeRule, limit=30) -> list[dict]:
    """Changes of a rule, newest first: when, who, and each changed field with its value
    before and after."""
    records = list(
        rule.history.select_related("history_user", "programme").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    return _entries(records, limit, ProgrammeRule, _rule_value, skip=_RULE_HISTORY_SKIP)


def call_history(call: Call, limit=30) -> list[dict]:
    """Staff edits of a manual call and of its deadlines, newest first: when, who, and each
    changed field (a deadline added, moved or deleted) with its value before and after.

    The edit form saves the call even when only its deadlines change; such a save of the
    call is left out (the deadlines' entries say what changed)."""
    records = list(
        call.history.select_related("history_user", "programme").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    entries = [
        entry
        for entry in _entries(records, limit, Call, _call_value)
        if entry["type"] != "~" or entry["changes"]
    ]
    deadlines = CallDeadline.history.filter(call_id=call.pk).select_related("history_user")
    previous = {}
    for record in deadlines.order_by("history_date", "history_id"):
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "-":
            old, new = _deadline_value(record), ""
        else:
            new = _deadline_value(record)
            old = "" if record.history_type == "+" or before is None else _deadline_value(before)
        if old != new:
            change = {"field": str(CallDeadline._meta.verbose_name), "old": old, "new": new}
            entries.append({"record": record, "type": "~", "changes": [change]})
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return entries[:limit]


def _entries(records, limit, model, value, skip=()) -> list[dict]:
    """History entries of ``records`` (newest first; one more than ``limit`` to compare the
    oldest shown with), each with its changed fields in the order of the form."""
    order = {field.name: index for index, field in enumerate(model._meta.fields)}
    entries = []
    for newer, older in zip(records[:limit], records[1 : limit + 1] + [None], strict=False):
        changes = []
        if older is not None:
            names = [c.field for c in newer.diff_against(older).changes if c.field not in skip]
            for name in sorted(names, key=lambda n: order.get(n, len(order))):
                field = model._meta.get_field(name)
                changes.append(
                    {
                        "field": str(field.verbose_name),
                        "old": value(older, field),
                        "new": value(newer, field),
                    }
                )
        entries.append({"record": newer, "type": newer.history_type, "changes": changes})
    return entries


def _rule_value(record, field):
    if field.name == "programme":
        return str(record.programme) if record.programme_id else ""
    value = getattr(record, field.attname)
    return "" if value is None else str(value)


def _call_value(record, field):
    if field.is_relation:
        return str(getattr(record, field.name)) if getattr(record, field.attname) else ""
    value = getattr(record, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return Truncator(str(value)).chars(_HISTORY_TEXT_CHARS)


def _deadline_value(record) -> str:
    """A deadline as the call page shows it: Brussels time, with its label."""
    text = f"{record.due.astimezone(BRUSSELS):%Y-%m-%d %H:%M}"
    return f"{text} ({record.label})" if record.label else text
