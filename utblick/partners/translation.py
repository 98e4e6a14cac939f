from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Network, NetworkMembership, Partnership


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("description",)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("description",)


@register(NetworkMembership)
class NetworkMembershipTranslation(TranslationOptions):
    fields = ("description",)


# After translation, so that the historical models carry the translated fields.
register_history(Partnership, app=__package__)
register_history(Network, app=__package__)
register_history(NetworkMembership, app=__package__, m2m_fields=["representative_units"])
