"""Coordinator pages that shape the plan: strategies, focus areas, directions, action plans.

Only the coordinator (the ``manage`` action) creates, changes and deletes them; unit
representatives report on activities (views.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import confirm_delete_page, form_page
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import selectors, services
from .forms import ActionPlanForm, DirectionForm, FocusAreaForm, StrategyForm
from .models import ActionPlan, Direction, FocusArea, Strategy


def _overview(municipality, strategy=None):
    url = reverse("staff:strategy_overview", args=[municipality.slug])
    return f"{url}#strategy-{strategy.pk}" if strategy is not None else url


def _page(request, municipality, form, save, title, cancel_url):
    return form_page(
        request,
        form=form,
        save=save,
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def strategy_create(request, municipality):
    form = StrategyForm(request.POST or None, instance=Strategy(municipality=municipality))
    return _page(
        request,
        municipality,
        form,
        lambda f: services.save_strategy(
            municipality=municipality, strategy=f.existing, **f.service_data()
        ),
        _("New strategy"),
        _overview(municipality),
    )


@staff_view(permissions.MANAGE)
def strategy_edit(request, municipality, pk):
    strategy = selectors.strategy_or_404(municipality, pk)
    return _page(
        request,
        municipality,
        StrategyForm(request.POST or None, instance=strategy),
        lambda f: services.save_strategy(
            municipality=municipality, strategy=f.existing, **f.service_data()
        ),
        _("Edit %(title)s") % {"title": strategy},
        _overview(municipality, strategy),
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def strategy_delete(request, municipality, pk):
    strategy = selectors.strategy_or_404(municipality, pk)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the strategy %(title)s?") % {"title": strategy},
        consequence=_(
            "Its focus areas and directions are deleted with it. A strategy with action plans "
            "cannot be deleted."
        ),
        delete=lambda: services.delete_strategy(strategy=strategy),
        done_url=_overview(municipality),
        cancel_url=_overview(municipality, strategy),
    )


@staff_view(permissions.MANAGE)
def focus_area_create(request, municipality, pk):
    strategy = selectors.strategy_or_404(municipality, pk)
    form = FocusAreaForm(
        request.POST or None,
        instance=FocusArea(strategy=strategy),
        initial={"order": strategy.focus_areas.count() + 1},
        strategy=strategy,
    )
    return _page(
        request,
        municipality,
        form,
        lambda f: (
            services.save_focus_area(
                strategy=strategy, focus_area=f.existing, **f.service_data()
            ).strategy
        ),
        _("New focus area in %(strategy)s") % {"strategy": strategy},
        _overview(municipality, strategy),
    )


@staff_view(permissions.MANAGE)
def focus_area_edit(request, municipality, pk):
    area = selectors.focus_area_or_404(municipality, pk)
    return _page(
        request,
        municipality,
        FocusAreaForm(request.POST or None, instance=area, strategy=area.strategy),
        lambda f: (
            services.save_focus_area(
                strategy=area.strategy, focus_area=f.existing, **f.service_data()
            ).strategy
        ),
        _("Edit the focus area %(name)s") % {"name": area},
        _overview(municipality, area.strategy),
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def focus_area_delete(request, municipality, pk):
    area = selectors.focus_area_or_404(municipality, pk)
    back = _overview(municipality, area.strategy)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the focus area %(name)s?") % {"name": area},
        consequence=_(
            "Its directions are deleted with it and projects lose the focus area. A focus area "
            "with activities cannot be deleted."
        ),
        delete=lambda: services.delete_focus_area(focus_area=area),
        done_url=back,
        cancel_url=back,
    )


@staff_view(permissions.MANAGE)
def direction_create(request, municipality, pk):
    area = selectors.focus_area_or_404(municipality, pk)
    form = DirectionForm(
        request.POST or None,
        instance=Direction(focus_area=area),
        initial={"order": area.directions.count() + 1},
    )
    return _page(
        request,
        municipality,
        form,
        lambda f: (
            services.save_direction(
                focus_area=area, direction=f.existing, **f.service_data()
            ).focus_area.strategy
        ),
        _("New direction in %(area)s") % {"area": area},
        _overview(municipality, area.strategy),
    )


@staff_view(permissions.MANAGE)
def direction_edit(request, municipality, pk):
    direction = selectors.direction_or_404(municipality, pk)
    area = direction.focus_area
    return _page(
        request,
        municipality,
        DirectionForm(request.POST or None, instance=direction),
        lambda f: (
            services.save_direction(
                focus_area=area, direction=f.existing, **f.service_data()
            ).focus_area.strategy
        ),
        _("Edit the direction %(name)s") % {"name": direction},
        _overview(municipality, area.strategy),
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def direction_delete(request, municipality, pk):
    direction = selectors.direction_or_404(municipality, pk)
    back = _overview(municipality, direction.focus_area.strategy)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the direction %(name)s?") % {"name": direction},
        consequence=_("Activities under it keep their focus area."),
        delete=lambda: services.delete_direction(direction=direction),
        done_url=back,
        cancel_url=back,
    )


@staff_view(permissions.MANAGE)
def action_plan_create(request, municipality, pk):
    strategy = selectors.strategy_or_404(municipality, pk)
    form = ActionPlanForm(
        request.POST or None,
        instance=ActionPlan(municipality=municipality, strategy=strategy),
        municipality=municipality,
    )
    return _page(
        request,
        municipality,
        form,
        lambda f: services.save_action_plan(strategy=strategy, plan=f.existing, **f.service_data()),
        _("New action plan for %(strategy)s") % {"strategy": strategy},
        _overview(municipality, strategy),
    )


@staff_view(permissions.MANAGE)
def action_plan_edit(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    return _page(
        request,
        municipality,
        ActionPlanForm(request.POST or None, instance=plan, municipality=municipality),
        lambda f: services.save_action_plan(
            strategy=plan.strategy, plan=f.existing, **f.service_data()
        ),
        _("Edit %(title)s") % {"title": plan},
        plan.get_absolute_url(),
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def action_plan_delete(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the action plan %(title)s?") % {"title": plan},
        consequence=_("Its activities and their follow-up entries are deleted with it."),
        delete=lambda: services.delete_action_plan(plan=plan),
        done_url=_overview(municipality, plan.strategy),
        cancel_url=plan.get_absolute_url(),
    )
