"""Reads of strategies, action plans and activities, for the views of this and other apps."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy


def strategies_of(municipality):
    return Strategy.objects.filter(municipality=municipality)


def plans_of(municipality):
    return ActionPlan.objects.filter(municipality=municipality)


def activities_of(municipality):
    return Activity.objects.filter(municipality=municipality)


def focus_areas_of(municipality):
    return FocusArea.objects.filter(strategy__municipality=municipality).select_related("strategy")


def overview(municipality):
    """Strategies with their focus areas, directions and action plans (constant queries)."""
    return strategies_of(municipality).prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
        Prefetch("focus_areas__directions", queryset=Direction.objects.order_by("order", "pk")),
        Prefetch("action_plans", queryset=ActionPlan.objects.order_by("-start_date")),
    )


def strategy_or_404(municipality, pk) -> Strategy:
    return get_object_or_404(strategies_of(municipality).select_related("municipality"), pk=pk)


def focus_area_or_404(municipality, pk) -> FocusArea:
    return get_object_or_404(
        FocusArea.objects.select_related("strategy__municipality"),
        strategy__municipality=municipality,
        pk=pk,
    )


def direction_or_404(municipality, pk) -> Direction:
    return get_object_or_404(
        Direction.objects.select_related("focus_area__strategy__municipality"),
        focus_area__strategy__municipality=municipality,
        pk=pk,
    )


def plan_or_404(municipality, pk) -> ActionPlan:
    return get_object_or_404(
        plans_of(municipality).select_related("municipality", "strategy", "document"), pk=pk
    )


def plan_activities(plan):
    """The plan's activities in document order with what lists and exports show."""
    return (
        Activity.objects.filter(action_plan=plan)
        .select_related("focus_area", "direction", "unit")
        .order_by("focus_area__order", "focus_area_id", "kind", "order", "pk")
    )


def plan_focus_areas(plan):
    return list(FocusArea.objects.filter(strategy_id=plan.strategy_id).order_by("order", "pk"))


def grouped(plan, activities):
    """[(focus area, core tasks, development potentials)] in the strategy's order."""
    groups = {area.pk: (area, [], []) for area in plan_focus_areas(plan)}
    for activity in activities:
        area, core, development = groups[activity.focus_area_id]
        (core if activity.kind == Activity.Kind.CORE else development).append(activity)
    return list(groups.values())


def activity_detail(municipality, pk) -> Activity:
    queryset = activities_of(municipality).select_related(
        "municipality", "action_plan", "focus_area", "direction", "unit"
    )
    queryset = queryset.prefetch_related(
        "projects",
        Prefetch("partnerships", queryset=_partnerships()),
        Prefetch("network_memberships", queryset=_memberships()),
        Prefetch("entries", queryset=FollowUpEntry.objects.select_related("author")),
    )
    return get_object_or_404(queryset, pk=pk)


def activity_for_change(municipality, pk) -> Activity:
    return get_object_or_404(
        activities_of(municipality).select_related("municipality", "action_plan"), pk=pk
    )


def entry_of(municipality, activity_pk, pk) -> FollowUpEntry:
    return get_object_or_404(
        FollowUpEntry.objects.select_related("activity__municipality"),
        activity__municipality=municipality,
        activity_id=activity_pk,
        pk=pk,
    )


def _partnerships():
    from utblick.partners.models import Partnership

    return Partnership.objects.select_related("partner")


def _memberships():
    from utblick.partners.models import NetworkMembership

    return NetworkMembership.objects.select_related("network")


def progress_by_focus_area(plan, activities) -> list[dict]:
    """Average progress and number of activities per focus area (for charts and tables)."""
    rows = []
    for area, core, development in grouped(plan, activities):
        items = core + development
        average = round(sum(a.progress for a in items) / len(items)) if items else 0
        rows.append({"focus_area": area, "count": len(items), "progress": average})
    return rows


def current_public_plan(municipality):
    """The latest public action plan of a public strategy, or None."""
    return (
        plans_of(municipality)
        .filter(is_public=True, strategy__is_public=True)
        .select_related("strategy")
        .order_by("-start_date", "-pk")
        .first()
    )


def public_plan_activities(plan):
    from utblick.projects.models import Project

    return plan_activities(plan).prefetch_related(
        Prefetch("entries", queryset=FollowUpEntry.objects.order_by("-date", "-pk")),
        Prefetch("projects", queryset=Project.objects.filter(is_public=True)),
    )


def activity_history(activity, limit=20) -> list[dict]:
    """The activity's recent changes, newest first, in a constant number of queries: its own
    fields, its links to projects, partnerships and networks (added, removed), and its
    follow-up entries (added, changed, deleted). Each row: record, when, who, changes."""
    from django.apps import apps
    from simple_history.utils import get_m2m_reverse_field_name

    from .translation import LINK_FIELDS

    records = list(
        activity.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    ids = [r.history_id for r in records]
    links = {}  # field name -> {history_id: set of target ids}
    targets = {}  # field name -> set of every target id seen
    for name in LINK_FIELDS:
        field = Activity._meta.get_field(name)
        model = apps.get_model("strategy", f"HistoricalActivity_{name}")
        column = f"{get_m2m_reverse_field_name(field)}_id"
        rows = model.objects.filter(history_id__in=ids).values_list("history_id", column)
        links[name] = {history_id: set() for history_id in ids}
        for history_id, target in rows:
            links[name][history_id].add(target)
        targets[name] = {t for found in links[name].values() for t in found}
    names = _link_names(targets)
    rows = []
    for newer, older in zip(records[:limit], records[1 : limit + 1] + [None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, excluded_fields=LINK_FIELDS)
            changes = [str(Activity._meta.get_field(c.field).verbose_name) for c in delta.changes]
        for name in LINK_FIELDS:
            before = links[name][older.history_id] if older is not None else set()
            after = links[name][newer.history_id]
            label = str(Activity._meta.get_field(name).verbose_name)
            for verb, found in ((_("added"), after - before), (_("removed"), before - after)):
                if found:
                    shown = ", ".join(sorted(names[name].get(pk, f"#{pk}") for pk in found))
                    changes.append(f"{label} {verb}: {shown}")
        if newer.history_type == "~" and not changes:
            continue  # a save that changed nothing
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "what": _history_verb(newer.history_type, _("the activity")),
                "reason": REASONS.get(newer.history_change_reason or "", ""),
                "changes": changes,
            }
        )
    entries = FollowUpEntry.history.filter(activity_id=activity.pk).select_related("history_user")
    for record in entries.order_by("-history_date", "-history_id")[:limit]:
        text = " ".join((record.text or "").split())
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": _history_verb(
                    record.history_type,
                    _("the follow-up entry of %(date)s") % {"date": record.date.isoformat()},
                ),
                "reason": "",
                "changes": [text[:120] + ("…" if len(text) > 120 else "")],
            }
        )
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:limit]


# gettext_lazy by its own name: makemessages does not find an alias such as ``_lazy``.
REASONS = {
    "follow-up": gettext_lazy("through a follow-up entry"),
    "import": gettext_lazy("through an import"),
}


def _history_verb(history_type, what):
    verbs = {"+": _("Added %(what)s"), "-": _("Deleted %(what)s"), "~": _("Changed %(what)s")}
    return verbs[history_type] % {"what": what}


def _link_names(targets) -> dict:
    """{field name: {target id: name}} in one query per kind of link."""
    from utblick.projects.models import Project

    querysets = {
        "projects": Project.objects.all(),
        "partnerships": _partnerships(),
        "network_memberships": _memberships(),
    }
    return {
        name: {obj.pk: str(obj) for obj in querysets[name].filter(pk__in=ids)} if ids else {}
        for name, ids in targets.items()
    }
