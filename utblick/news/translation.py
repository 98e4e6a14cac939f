from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")


# After translation, so that the historical models carry the translated fields.
register_history(NewsItem, app=__package__)
