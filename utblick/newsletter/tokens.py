"""Signed, expiring confirmation links (django.core.signing with max_age)."""

import time

from django.conf import settings
from django.core import signing

SALT = "utblick.newsletter.confirm"


def confirmation_token(subscriber, list_ids, language=None) -> str:
    # The subscriber's key is part of the token, so an erased subscriber's links are dead.
    # A language asked for in the form travels in the token and applies on confirmation.
    # "t": when the link was made, so that it cannot undo an unsubscription made after it.
    data = {
        "s": subscriber.pk,
        "k": subscriber.key,
        "l": sorted(list_ids),
        "t": int(time.time()),
    }
    if language:
        data["g"] = language
    return signing.dumps(data, salt=SALT)


def read_confirmation_token(token: str) -> dict | None:
    """The token's content, or None when it is forged or older than the allowed age."""
    try:
        return signing.loads(token, salt=SALT, max_age=settings.NEWSLETTER_CONFIRM_DAYS * 24 * 3600)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
