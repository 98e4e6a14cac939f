from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Municipality, Unit


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("opening_hours", "contact_text", "intro", "accessibility_known_issues")


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)


# History is registered after translation so that the historical models carry the
# translated fields too (simple-history copies the fields present when it registers).
register_history(Municipality, app=__package__)
register_history(Unit, app=__package__)
