from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import GoverningDocument


@register(GoverningDocument)
class GoverningDocumentTranslation(TranslationOptions):
    fields = ("title", "purpose", "applies_to")


# After translation, so that the historical models carry the translated fields.
register_history(GoverningDocument, app=__package__)
