import datetime

from utblick.partners.models import NetworkMembership, Partnership

from ..models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy


def strategy(municipality, **fields):
    fields.setdefault("title_sv", "Internationell strategi")
    fields.setdefault("title", fields["title_sv"])
    return Strategy.objects.create(municipality=municipality, **fields)


def focus_area(strategy_obj, name, order=0, **fields):
    return FocusArea.objects.create(
        strategy=strategy_obj, name=name, name_sv=name, order=order, **fields
    )


def plan(strategy_obj, **fields):
    fields.setdefault("title_sv", "Handlingsplan 2025–2026")
    fields.setdefault("title", fields["title_sv"])
    fields.setdefault("start_date", datetime.date(2025, 1, 1))
    fields.setdefault("end_date", datetime.date(2026, 12, 31))
    return ActionPlan.objects.create(
        municipality=strategy_obj.municipality, strategy=strategy_obj, **fields
    )


def activity(plan_obj, area, key, title, **fields):
    fields.setdefault("kind", Activity.Kind.CORE)
    return Activity.objects.create(
        municipality=plan_obj.municipality,
        action_plan=plan_obj,
        focus_area=area,
        key=key,
        title=title,
        title_sv=title,
        **fields,
    )


def world_records(*, municipality, unit):
    """A strategy with two focus areas, its action plan with an activity of ``unit`` (linked
    to the world's public project, partnership and network) and a follow-up entry."""
    from utblick.projects.models import Project

    the_strategy = strategy(municipality)
    business = focus_area(the_strategy, "Näringslivsutveckling", order=1)
    sustainable = focus_area(the_strategy, "Hållbar samhällsutveckling", order=2)
    direction = Direction.objects.create(
        focus_area=business, name="Etableringar", name_sv="Etableringar"
    )
    the_plan = plan(the_strategy)
    own = activity(
        the_plan,
        business,
        "A001",
        "Samverka med näringslivsenheten",
        unit=unit,
        status=Activity.Status.ONGOING,
        progress=40,
    )
    project = Project.objects.filter(municipality=municipality, is_public=True).first()
    if project is not None:
        own.projects.add(project)
    partnership = Partnership.objects.filter(municipality=municipality).first()
    if partnership is not None:
        own.partnerships.add(partnership)
    membership = NetworkMembership.objects.filter(municipality=municipality).first()
    if membership is not None:
        own.network_memberships.add(membership)
    activity(
        the_plan,
        sustainable,
        "A002",
        "Bevaka arbetet inom Healthy Cities",
        kind=Activity.Kind.DEVELOPMENT,
    )
    entry = FollowUpEntry.objects.create(
        activity=own,
        date=datetime.date(2025, 3, 1),
        text="Första mötet hölls.",
        text_sv="Första mötet hölls.",
        previous_status=Activity.Status.NOT_STARTED,
        status=Activity.Status.ONGOING,
        progress=40,
        attachment="tests/utblick-projects-world.pdf",
    )
    return {
        "strategy": the_strategy,
        "strategy_focus_area": business,
        "strategy_direction": direction,
        "action_plan": the_plan,
        "activity": own,
        "follow_up_entry": entry,
    }
