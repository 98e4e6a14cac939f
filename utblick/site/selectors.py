"""Reads for the frame of every public page: the municipality from the URL and the
"Last reviewed" date of the footer. Only active municipalities are found."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from utblick.tenancy.models import Municipality


def active_municipalities():
    return Municipality.objects.filter(is_active=True).order_by("name")


def municipality_or_404(slug):
    """The active municipality with this slug; inactive and unknown ones are not found."""
    return get_object_or_404(
        Municipality.objects.select_related("county"), slug=slug, is_active=True
    )


def as_date(moment):
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def municipality_changed_on(municipality):
    """When the municipality's own details and texts were last changed (from its history)."""
    latest = (
        municipality.history.order_by("-history_date").values_list("history_date", flat=True)
    ).first()
    return as_date(latest or municipality.activated_at)


def last_reviewed(municipality, *moments):
    """The "Last reviewed" date of a public page.

    The municipality's own review date when it has set one, else the latest change of the
    records the page shows (``moments``) and of the municipality's texts.
    """
    if municipality.content_reviewed_on:
        return municipality.content_reviewed_on
    dates = [as_date(moment) for moment in moments if moment is not None]
    dates.append(municipality_changed_on(municipality))
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None
