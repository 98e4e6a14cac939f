"""Shared helpers of the partners tests. Pages are requested in English (``/en/…``) so that
the assertions do not depend on the Swedish translation."""

from django.urls import reverse
from django.utils import translation


def staff_url(name, side, **kwargs):
    with translation.override("en"):
        return reverse(
            f"staff:{name}", kwargs={"municipality_slug": side.municipality.slug, **kwargs}
        )


def as_user(client, user):
    client.force_login(user)
    return client


def page_text(response):
    return response.content.decode()
