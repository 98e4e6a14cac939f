"""Small helpers of the tests (not a test module)."""

from django.urls import reverse
from django.utils import translation


def en(name, *args):
    """A URL in English, so that the tests read the English interface."""
    with translation.override("en"):
        return reverse(name, args=args)
