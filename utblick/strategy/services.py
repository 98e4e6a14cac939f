"""Writes of the strategy app. Every function is all-or-nothing."""

from django.db import transaction
from django.utils import timezone

from utblick.tenancy import permissions

from .models import Activity, FollowUpEntry


@transaction.atomic
def save_activity(*, form, plan, user) -> Activity:
    """Save an activity of ``plan``; a unit representative's new activity is their unit's."""
    activity = form.save(commit=False)
    activity.action_plan = plan
    activity.municipality = plan.municipality
    rep_unit = permissions.unit_of(user, plan.municipality)
    if activity.pk is None and rep_unit is not None:
        activity.unit = rep_unit
    activity.save()
    form.save_m2m()
    return activity


@transaction.atomic
def delete_activity(*, activity: Activity) -> None:
    for entry in activity.entries.exclude(attachment=""):
        transaction.on_commit(lambda f=entry.attachment: f.delete(save=False))
    activity.delete()


@transaction.atomic
def add_entry(*, form, activity: Activity, user) -> FollowUpEntry:
    """Put a follow-up entry on the activity's timeline; its status and progress, when
    given, become the activity's (done means 100 % unless a figure is given)."""
    entry = form.save(commit=False)
    entry.activity = activity
    entry.author = user if user is not None and user.is_authenticated else None
    entry.previous_status = activity.status
    if entry.status == activity.status:
        entry.status = ""
    if entry.status == Activity.Status.DONE and entry.progress is None:
        entry.progress = 100
    entry.save()
    changed = []
    if entry.status:
        activity.status = entry.status
        changed.append("status")
    if entry.progress is not None and entry.progress != activity.progress:
        activity.progress = entry.progress
        changed.append("progress")
    if changed:
        activity._change_reason = "follow-up"
        activity.save(update_fields=[*changed, "updated_at"])
    return entry


def record_change(*, activity: Activity, previous_status: str, user, texts: dict, date=None):
    """A timeline entry for a change made outside the entry form (e.g. an import);
    ``texts`` holds the note per content language ({"sv": ..., "en": ...})."""
    return FollowUpEntry.objects.create(
        activity=activity,
        date=date or timezone.localdate(),
        text_sv=texts["sv"],
        text_en=texts["en"],
        previous_status=previous_status,
        status=activity.status if activity.status != previous_status else "",
        progress=activity.progress,
        author=user if user is not None and user.is_authenticated else None,
    )
