"""Small helpers of the collaboration group's tests (not a test module)."""

from django.urls import reverse
from django.utils import translation


def url(name, *args):
    with translation.override("en"):
        return reverse(f"staff:{name}", args=args)
