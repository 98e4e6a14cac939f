"""Writes of the strategy app. Every function is all-or-nothing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core.errors import StillInUse
from utblick.tenancy import permissions

from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy


@transaction.atomic
def save_strategy(*, form, municipality) -> Strategy:
    strategy = form.save(commit=False)
    strategy.municipality = municipality
    strategy.save()
    return strategy


@transaction.atomic
def delete_strategy(*, strategy: Strategy) -> None:
    """A strategy goes with its focus areas and directions, but never under an action plan."""
    if strategy.action_plans.exists():
        raise StillInUse(_("Delete or move its action plans first."))
    if Activity.objects.filter(focus_area__strategy=strategy).exists():
        raise StillInUse(_("Activities still belong to its focus areas."))
    strategy.delete()


@transaction.atomic
def save_focus_area(*, form, strategy: Strategy) -> FocusArea:
    area = form.save(commit=False)
    area.strategy = strategy
    area.save()
    return area


@transaction.atomic
def delete_focus_area(*, focus_area: FocusArea) -> None:
    """Projects lose the focus area; activities must be moved or deleted first."""
    if focus_area.activities.exists():
        raise StillInUse(_("Move or delete the activities under this focus area first."))
    focus_area.delete()


@transaction.atomic
def save_direction(*, form, focus_area: FocusArea) -> Direction:
    direction = form.save(commit=False)
    direction.focus_area = focus_area
    direction.save()
    return direction


@transaction.atomic
def delete_direction(*, direction: Direction) -> None:
    """Activities under the direction keep their focus area and lose the direction."""
    direction.delete()


@transaction.atomic
def save_action_plan(*, form, strategy: Strategy) -> ActionPlan:
    plan = form.save(commit=False)
    plan.strategy = strategy
    plan.municipality = strategy.municipality
    plan.save()
    return plan


@transaction.atomic
def delete_action_plan(*, plan: ActionPlan) -> None:
    """The plan goes with its activities and their follow-up entries (and attachments)."""
    entries = FollowUpEntry.objects.filter(activity__action_plan=plan).exclude(attachment="")
    for entry in entries:
        transaction.on_commit(lambda f=entry.attachment: f.delete(save=False))
    plan.delete()


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
