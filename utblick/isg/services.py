"""Writes of the collaboration group (ISG). Every function is all-or-nothing.

Entities: members (one representative per unit of the municipality), meetings with their
agenda, decisions and action items. ``create_meeting`` is the one way a meeting is created
(the staff form and the demo): its agenda is drafted from the standing topics of the action
plan (``agenda.draft``). ``save_member`` is the one way a member is added or changed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from utblick.jobs.services import start_job

from . import documents
from .agenda import draft
from .mail import send_meeting_documents_job
from .models import AgendaItem, GroupMember, Meeting


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
        title=_("Sending of %(documents)s") % {"documents": documents.heading(meeting, kind)},
        task=send_meeting_documents_job,
        params={"meeting_id": meeting.pk, "kind": kind},
    )
