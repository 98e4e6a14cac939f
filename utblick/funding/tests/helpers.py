"""Small helpers of the funding tests (not a test module)."""

from django.urls import reverse
from django.utils import translation


def url(name, *args):
    with translation.override("en"):
        return reverse(f"staff:{name}", args=args)


def public_url(name, *args):
    with translation.override("en"):
        return reverse(f"public:{name}", args=args)
