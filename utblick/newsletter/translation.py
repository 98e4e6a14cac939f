from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Issue, MailingList


@register(MailingList)
class MailingListTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("subject", "intro")


# After translation, so that the historical models carry the translated fields.
register_history(Issue, app=__package__)
