"""Small helpers of the project tests (not a test module)."""

from django.urls import reverse
from django.utils import translation


def url(name, *args):
    """A staff URL in English, so that the tests read the English interface."""
    with translation.override("en"):
        return reverse(f"staff:{name}", args=args)
