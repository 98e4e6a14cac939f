"""Reads of strategies, action plans and activities, for the views of this and other apps."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

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
