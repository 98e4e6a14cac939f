"""Throttling of the public subscribe form, per IP address and per e-mail address.

Counted in Django's cache (shared by all app servers in production), in a window of one hour
from the first attempt. The answer is the same whether an address is known or not."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _allowed(key: str, limit: int) -> bool:
    """Count one attempt under ``key``; True while the attempts are within ``limit``."""
    if limit <= 0:
        return True
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        attempts = 1
    return attempts <= limit


def _digest(value: str) -> str:
    # The cache holds no addresses in clear text.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def ip_allowed(ip: str | None) -> bool:
    return _allowed(
        f"newsletter:subscribe:ip:{_digest(ip or 'unknown')}",
        settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_IP,
    )


def email_allowed(email: str) -> bool:
    return _allowed(
        f"newsletter:subscribe:email:{_digest(email.strip().lower())}",
        settings.NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL,
    )
