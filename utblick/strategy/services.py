"""Writes of the strategy app. Every function is all-or-nothing.

Entities: strategies, focus areas, directions, action plans, activities and their follow-up
entries. Each ``save_*`` takes plain keyword data (the staff forms, the demo and any command
call it the same way) and checks its rules in ``*_errors``, which the forms show too: a
title or name in Swedish, a period that does not end before it starts, a focus area's name
unique in its strategy, an action plan's document of the same municipality.

``save_activity`` is the one way an activity is created or changed (the staff form, the
CSV/XLSX import); it takes plain keyword data and enforces:

- a title in Swedish and a key that no other activity of the plan has;
- the focus area is one of the plan's strategy, the direction one of that focus area;
- progress is from 0 to 100;
- the responsible unit and the linked projects, partnerships and network memberships belong
  to the plan's municipality;
- a unit representative's new activity belongs to their unit, and only a coordinator moves it;
- a change of status or progress goes on the activity's timeline (``record_change``).

Broken rules raise ``ValidationError`` keyed by field; the database refuses a repeated key
and progress over 100 too. Strategies or focus areas in use are not deleted (``StillInUse``).
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.errors import StillInUse
from utblick.core.names import name_taken
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.tenancy import permissions

from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy

STRATEGY_FIELDS = frozenset(
    {"title_sv", "title_en", "summary_sv", "summary_en", "adopted_on", "valid_from", "valid_to"}
    | {"is_public"}
)
FOCUS_AREA_FIELDS = frozenset({"name_sv", "name_en", "description_sv", "description_en", "order"})
DIRECTION_FIELDS = FOCUS_AREA_FIELDS
ACTION_PLAN_FIELDS = frozenset(
    {"title_sv", "title_en", "start_date", "end_date", "background_sv", "background_en"}
    | {"document", "is_public"}
)


def _required(refusals, values, *names):
    for name in names:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            refusals.refuse(name, _("This field is required."))


def _period(refusals, values, start, end):
    if values.get(start) and values.get(end) and values[end] < values[start]:
        refusals.refuse(end, _("The end cannot be before the start."))


def strategy_errors(*, values: dict) -> dict:
    """The broken rules of a strategy with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    _required(refusals, values, "title_sv")
    _period(refusals, values, "valid_from", "valid_to")
    return refusals.as_dict()


def focus_area_errors(*, strategy: Strategy, values: dict, focus_area=None) -> dict:
    """A name in Swedish that no other focus area of the strategy has (in any case): the
    activities' import finds focus areas by name."""
    refusals = Refusals()
    _required(refusals, values, "name_sv")
    focus_areas = FocusArea.objects.filter(strategy=strategy)
    if name_taken(focus_areas, "name_sv", values.get("name_sv"), record=focus_area):
        refusals.refuse("name_sv", _("The strategy already has a focus area of this name."))
    return refusals.as_dict()


def direction_errors(*, values: dict) -> dict:
    refusals = Refusals()
    _required(refusals, values, "name_sv")
    return refusals.as_dict()


def action_plan_errors(*, municipality, values: dict) -> dict:
    """A title in Swedish, a period that ends after it starts, the municipality's own
    governing document."""
    refusals = Refusals()
    _required(refusals, values, "title_sv", "start_date", "end_date")
    _period(refusals, values, "start_date", "end_date")
    document = values.get("document")
    if document is not None and document.municipality_id != municipality.pk:
        refusals.refuse("document", _("Choose one of the municipality's own documents."))
    return refusals.as_dict()


def _assign(instance, fields: dict, allowed: frozenset, errors_of) -> None:
    """Set ``fields`` on ``instance`` and raise ``ValidationError`` per field for broken rules
    (strings stripped, as a form does)."""
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    errors = errors_of({name: getattr(instance, name) for name in allowed})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_strategy(*, municipality, strategy: Strategy | None = None, **fields) -> Strategy:
    """Create a strategy (``strategy`` None) or change it: the ``fields`` given are set."""
    reject_unknown_fields("save_strategy", fields, STRATEGY_FIELDS)
    if strategy is not None and strategy.municipality_id != municipality.pk:
        raise ValidationError(
            {"municipality": _("A strategy cannot move to another municipality.")}
        )
    strategy = strategy or Strategy(municipality=municipality)
    _assign(strategy, fields, STRATEGY_FIELDS, lambda values: strategy_errors(values=values))
    strategy.save()
    public_cache.invalidate(municipality.slug)
    return strategy


@transaction.atomic
def delete_strategy(*, strategy: Strategy) -> None:
    """A strategy goes with its focus areas and directions, but never under an action plan."""
    if strategy.action_plans.exists():
        raise StillInUse(_("Delete or move its action plans first."))
    if Activity.objects.filter(focus_area__strategy=strategy).exists():
        raise StillInUse(_("Activities still belong to its focus areas."))
    strategy.delete()
    public_cache.invalidate(strategy.municipality.slug)


@transaction.atomic
def save_focus_area(*, strategy: Strategy, focus_area: FocusArea | None = None, **fields):
    """Create a focus area of ``strategy`` or change ``focus_area``."""
    reject_unknown_fields("save_focus_area", fields, FOCUS_AREA_FIELDS)
    if focus_area is not None and focus_area.strategy_id != strategy.pk:
        raise ValidationError({"strategy": _("A focus area cannot move to another strategy.")})
    area = focus_area or FocusArea(strategy=strategy)
    _assign(
        area,
        fields,
        FOCUS_AREA_FIELDS,
        lambda values: focus_area_errors(strategy=strategy, values=values, focus_area=area),
    )
    area.save()
    public_cache.invalidate(strategy.municipality.slug)
    return area


@transaction.atomic
def delete_focus_area(*, focus_area: FocusArea) -> None:
    """Projects lose the focus area; activities must be moved or deleted first."""
    if focus_area.activities.exists():
        raise StillInUse(_("Move or delete the activities under this focus area first."))
    focus_area.delete()
    public_cache.invalidate(focus_area.strategy.municipality.slug)


@transaction.atomic
def save_direction(*, focus_area: FocusArea, direction: Direction | None = None, **fields):
    """Create a direction in ``focus_area`` or change ``direction``."""
    reject_unknown_fields("save_direction", fields, DIRECTION_FIELDS)
    if direction is not None and direction.focus_area_id != focus_area.pk:
        raise ValidationError({"focus_area": _("A direction cannot move to another focus area.")})
    direction = direction or Direction(focus_area=focus_area)
    _assign(direction, fields, DIRECTION_FIELDS, lambda values: direction_errors(values=values))
    direction.save()
    public_cache.invalidate(focus_area.strategy.municipality.slug)
    return direction


@transaction.atomic
def delete_direction(*, direction: Direction) -> None:
    """Activities under the direction keep their focus area and lose the direction."""
    direction.delete()
    public_cache.invalidate(direction.focus_area.strategy.municipality.slug)


@transaction.atomic
def save_action_plan(*, strategy: Strategy, plan: ActionPlan | None = None, **fields):
    """Create an action plan for ``strategy`` or change ``plan``."""
    reject_unknown_fields("save_action_plan", fields, ACTION_PLAN_FIELDS)
    if plan is not None and plan.strategy_id != strategy.pk:
        raise ValidationError({"strategy": _("An action plan cannot move to another strategy.")})
    municipality = strategy.municipality
    plan = plan or ActionPlan(strategy=strategy, municipality=municipality)
    _assign(
        plan,
        fields,
        ACTION_PLAN_FIELDS,
        lambda values: action_plan_errors(municipality=municipality, values=values),
    )
    plan.save()
    public_cache.invalidate(municipality.slug)
    return plan


@transaction.atomic
def delete_action_plan(*, plan: ActionPlan) -> None:
    """The plan goes with its activities and their follow-up entries (and attachments)."""
    entries = FollowUpEntry.objects.filter(activity__action_plan=plan).exclude(attachment="")
    for entry in entries:
        transaction.on_commit(lambda f=entry.attachment: f.delete(save=False))
    plan.delete()
    public_cache.invalidate(plan.municipality.slug)


ACTIVITY_FIELDS = frozenset(
    {
        "focus_area",
        "direction",
        "kind",
        "key",
        "title_sv",
        "title_en",
        "description_sv",
        "description_en",
        "unit",
        "responsible_person",
        "order",
        "status",
        "progress",
    }
)
ACTIVITY_LINKS = ("projects", "partnerships", "network_memberships")
# The timeline note of a status or progress change without a note of its own (content, in
# both content languages, like the entries' texts).
CHANGE_NOTE = {"sv": "Status och framsteg ändrade.", "en": "Status and progress changed."}


def activity_errors(*, plan: ActionPlan, values: dict, activity: Activity | None = None) -> dict:
    """The broken rules of an activity of ``plan`` with these ``values`` (its fields as they
    will be saved, and the links when given), as {field: [message]}."""
    refusals = Refusals()
    if not (values.get("title_sv") or "").strip():
        refusals.refuse("title_sv", _("This field is required."))
    key = (values.get("key") or "").strip()
    if not key:
        refusals.refuse("key", _("This field is required."))
    else:
        taken = Activity.objects.filter(action_plan=plan, key=key)
        if activity is not None and activity.pk:
            taken = taken.exclude(pk=activity.pk)
        if taken.exists():
            refusals.refuse("key", _("Another activity of this plan has this key."))
    area, direction = values.get("focus_area"), values.get("direction")
    if area is None:
        refusals.refuse("focus_area", _("This field is required."))
    elif area.strategy_id != plan.strategy_id:
        refusals.refuse("focus_area", _("The focus area belongs to another strategy."))
    if direction is not None and area is not None and direction.focus_area_id != area.pk:
        refusals.refuse("direction", _("The direction belongs to another focus area."))
    progress = values.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        refusals.refuse("progress", _("Progress is a number from 0 to 100."))
    unit = values.get("unit")
    if unit is not None and unit.municipality_id != plan.municipality_id:
        refusals.refuse("unit", _("Choose one of the municipality's own units."))
    for name in ACTIVITY_LINKS:
        if any(link.municipality_id != plan.municipality_id for link in values.get(name) or ()):
            refusals.refuse(name, _("Choose only the municipality's own records."))
    return refusals.as_dict()


def _value(activity, name):
    """The field's value; None for a relation not set yet (the rules then say it is missing)."""
    try:
        return getattr(activity, name)
    except ObjectDoesNotExist:
        return None


@transaction.atomic
def save_activity(
    *,
    plan: ActionPlan,
    user,
    activity: Activity | None = None,
    change_reason: str | None = None,
    change_note: dict | None = None,
    **data,
) -> Activity:
    """Create an activity of ``plan`` (``activity`` None) or change ``activity``: the fields
    and links (``projects``, ``partnerships``, ``network_memberships``) given are set, the
    others stay. A changed status or progress goes on the timeline with ``change_note``
    ({"sv": ..., "en": ...}). Raises ``ValidationError`` per field."""
    links = {name: data.pop(name) for name in ACTIVITY_LINKS if name in data}
    reject_unknown_fields("save_activity", data, ACTIVITY_FIELDS)
    creating = activity is None or activity.pk is None
    if activity is None:
        activity = Activity()
    activity.action_plan = plan
    activity.municipality = plan.municipality
    # Compared with the stored row: a form may already have set the new values on ``activity``.
    stored = (
        None
        if creating
        else Activity.objects.only("status", "progress", "unit").get(pk=activity.pk)
    )
    for name, value in data.items():
        setattr(activity, name, value)
    if isinstance(activity.key, str):
        activity.key = activity.key.strip()
    # No user: the demo data or a command, acting for the municipality as a whole.
    rep_unit = permissions.unit_of(user, plan.municipality) if user is not None else None
    if rep_unit is not None:
        if creating:
            activity.unit = rep_unit
        elif activity.unit_id != stored.unit_id:
            raise ValidationError({"unit": _("Only the coordinator can move an activity.")})
    values = {name: _value(activity, name) for name in ACTIVITY_FIELDS}
    values.update(links)
    errors = activity_errors(plan=plan, values=values, activity=activity)
    if errors:
        raise ValidationError(errors)
    if change_reason:
        activity._change_reason = change_reason
    if user is not None and user.is_authenticated:
        # The history names the user also outside a request (an import runs as a job).
        activity._history_user = user
    activity.save()
    for name, records in links.items():
        getattr(activity, name).set(records)
    if not creating and (activity.status, activity.progress) != (stored.status, stored.progress):
        record_change(
            activity=activity,
            previous_status=stored.status,
            user=user,
            texts=change_note or CHANGE_NOTE,
        )
    public_cache.invalidate(plan.municipality.slug)
    return activity


@transaction.atomic
def delete_activity(*, activity: Activity) -> None:
    for entry in activity.entries.exclude(attachment=""):
        transaction.on_commit(lambda f=entry.attachment: f.delete(save=False))
    activity.delete()
    public_cache.invalidate(activity.municipality.slug)


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
    public_cache.invalidate(activity.municipality.slug)
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
