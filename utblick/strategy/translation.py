from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Direction)
class DirectionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("title", "background")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(FollowUpEntry)
class FollowUpEntryTranslation(TranslationOptions):
    fields = ("text",)


# After translation, so that the historical models carry the translated fields. The
# activity's history holds its links too, and each follow-up entry has its own history:
# the activity page shows both (selectors.activity_history).
LINK_FIELDS = ("projects", "partnerships", "network_memberships")
register_history(Activity, app=__package__, m2m_fields=list(LINK_FIELDS))
register_history(FollowUpEntry, app=__package__)
# The strategy and the plan themselves: who changed a title, a period or a focus area.
for model in (Strategy, FocusArea, Direction, ActionPlan):
    register_history(model, app=__package__)
