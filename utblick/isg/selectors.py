"""Reads of the collaboration group (ISG)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import GroupMember, Meeting


def member_of(municipality, pk) -> GroupMember:
    return get_object_or_404(members_of(municipality), pk=pk)


def members_of(municipality):
    return GroupMember.objects.filter(municipality=municipality).select_related("unit", "user")


def meetings_of(municipality):
    return Meeting.objects.filter(municipality=municipality)


def meeting_detail(municipality, pk) -> Meeting:
    return get_object_or_404(
        meetings_of(municipality)
        .select_related("municipality")
        .prefetch_related("agenda", "decisions", "actions"),
        pk=pk,
    )
