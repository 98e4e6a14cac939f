"""Writes of the funding app. Every function is all-or-nothing."""

from __future__ import annotations

import datetime

from django.db import transaction

from utblick.jobs.services import MAIL_QUEUE, start_job
from utblick.tenancy import permissions

from .isg.agenda import draft
from .models import (
    AgendaItem,
    Call,
    CallDeadline,
    CallMark,
    FeedToken,
    GroupMember,
    Meeting,
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


@transaction.atomic
def save_need(*, form, municipality, user) -> Need:
    """A unit representative's need always belongs to their unit."""
    need = form.save(commit=False)
    need.municipality = municipality
    rep_unit = permissions.unit_of(user, municipality)
    if rep_unit is not None:
        need.unit = rep_unit
    need.save()
    return need


@transaction.atomic
def mark_call(*, need: Need, call: Call, relevant: bool | None, user) -> CallMark | None:
    """Mark a suggested call relevant or not for a need; ``None`` removes the mark."""
    if relevant is None:
        CallMark.objects.filter(need=need, call=call).delete()
        return None
    mark, _created = CallMark.objects.update_or_create(
        need=need, call=call, defaults={"relevant": relevant, "marked_by": user}
    )
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


@transaction.atomic
def create_manual_call(*, form, municipality, user) -> Call:
    """A call of the municipality's own, with its first deadline; the history records who
    entered it."""
    data = form.cleaned_data
    call = form.save(commit=False)
    call.municipality = municipality
    call.source = Call.Source.MANUAL
    call.language = "sv"
    call._history_user = user
    call.save()
    due = datetime.datetime.combine(
        data["deadline_date"], data.get("deadline_time") or EU_DEADLINE_TIME, tzinfo=BRUSSELS
    )
    deadline = CallDeadline(call=call, due=due)
    deadline._history_user = user
    deadline.save()
    return call


@transaction.atomic
def save_manual_call(*, form, deadline_formset, user) -> Call:
    """Save a manual call with its deadlines; a moved deadline keeps its UID in the calendar
    feeds and gets a higher SEQUENCE, so calendar clients move the event. The history of
    the call and of each added, moved or deleted deadline records who did it."""
    form.instance._history_user = user
    call = form.save()
    deadline_formset.instance = call
    for deadline_form in deadline_formset.forms:
        deadline_form.instance._history_user = user
        if deadline_form in deadline_formset.deleted_forms or not deadline_form.has_changed():
            continue
        if deadline_form.moved:
            deadline_form.instance.sequence += 1
    deadline_formset.save()
    return call


def feed_token(*, municipality, kind, unit=None, user=None) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(
        municipality=municipality, kind=kind, unit=unit, user=user
    )
    return token


@transaction.atomic
def create_meeting(*, form, municipality) -> Meeting:
    """A new meeting with its agenda drafted from the standing topics."""
    meeting = form.save(commit=False)
    meeting.municipality = municipality
    meeting.save()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, **item) for item in draft(municipality)
    )
    return meeting


@transaction.atomic
def save_meeting(*, form, formsets) -> Meeting:
    meeting = form.save()
    for formset in formsets:
        formset.instance = meeting
        formset.save()
    return meeting


@transaction.atomic
def save_member(*, form, municipality):
    member = form.save(commit=False)
    member.municipality = municipality
    member.save()
    return member


@transaction.atomic
def remove_member(*, member: GroupMember) -> None:
    member.delete()


def send_meeting_documents(*, meeting: Meeting, kind: str, user):
    return start_job(
        municipality=meeting.municipality,
        user=user,
        title=f"ISG {meeting.starts_at:%Y-%m-%d}: {kind}",
        handler="utblick.funding.isg.mail.send_meeting_documents_job",
        params={"meeting_id": meeting.pk, "kind": kind},
        queue=MAIL_QUEUE,
    )
