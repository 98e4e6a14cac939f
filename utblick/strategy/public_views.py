"""The public strategy page: focus areas with progress, activities with their timeline."""

from django.utils.translation import gettext as _

from utblick.site.pages import public_view, render_page

from . import selectors
from .views import progress_chart


@public_view
def strategy(request, municipality):
    plan = selectors.current_public_plan(municipality)
    context = {"plan": plan}
    changed = []
    if plan is not None:
        activities = list(selectors.public_plan_activities(plan))
        progress = selectors.progress_by_focus_area(plan, activities)
        context.update(
            {
                "groups": selectors.grouped(plan, activities),
                "progress": progress,
                "chart": progress_chart(progress),
            }
        )
        changed = [max((a.updated_at for a in activities), default=plan.updated_at)]
    return render_page(
        request,
        "public/strategy/strategy.html",
        municipality,
        context,
        section="strategy",
        changed=changed,
        crumb=_("Strategy and action plan"),
    )
