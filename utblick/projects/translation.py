from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import FunderProgramme, Project, SustainableDevelopmentGoal


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "acronym", "summary")


@register(FunderProgramme)
class FunderProgrammeTranslation(TranslationOptions):
    fields = ("name",)


@register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalTranslation(TranslationOptions):
    fields = ("name",)


# After translation, so that the historical models carry the translated fields.
register_history(Project, app=__package__, m2m_fields=["other_units", "goals", "tags"])
