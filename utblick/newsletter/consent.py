"""The consent text subscribers agree to, with its version (kept in the consent log)."""

from django.utils import translation
from django.utils.translation import gettext as _

# Raise the version whenever the text below changes.
CONSENT_VERSION = "2026-1"


def consent_text(municipality, language=None) -> str:
    """The text shown beside the consent box, in the given (or current) language."""
    with translation.override(language or translation.get_language()):
        return _(
            "I want to receive %(name)s's newsletter about its international work at this "
            "address. My address and my choices are kept only for sending it, and I can leave "
            "at any time through the link in every mail."
        ) % {"name": municipality.name}
