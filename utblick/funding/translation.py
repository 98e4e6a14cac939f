from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Need, ProgrammeRule


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ProgrammeRule)
class ProgrammeRuleTranslation(TranslationOptions):
    fields = ("name", "notes")


# After translation, so that the historical models carry the translated fields.
register_history(Need, app=__package__)
register_history(ProgrammeRule, app=__package__)
