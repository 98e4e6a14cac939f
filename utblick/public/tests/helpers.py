"""Helpers of the public site's tests."""

import re

from django.urls import reverse
from django.utils import translation

LANGUAGES = ("sv", "en")
PAGES = (
    "home",
    "partners",
    "networks",
    "projects_ongoing",
    "projects_completed",
    "contact",
    "accessibility",
)
# Names of records that must never appear on the public pages of `town`.
SECRETS = (
    "Hemligt projekt",
    "Secret project",
    "Hemlig partner GmbH",
    "Dold vänort",
    "Avslutad vänort",
    "Hemligt nätverk",
    "Utträtt nätverk",
    "Motalas projekt",
    "Motalas vänort",
    "Motalas nätverk",
    "Intern budget",
)


def url(name, language, *args):
    with translation.override(language):
        return reverse(f"public:{name}", args=args)


def msg(language, text):
    """A user-facing string as the page shows it in ``language``."""
    with translation.override(language):
        return str(translation.gettext(text))


def get(client, name, language, town, *args):
    response = client.get(url(name, language, town.municipality.slug, *args))
    assert response.status_code == 200
    return response


def all_pages(site):
    return [(name, ()) for name in PAGES] + [
        ("project_detail", (site["ongoing"].pk,)),
        ("project_detail", (site["completed"].pk,)),
    ]


def reviewed_on(response):
    """The "Last reviewed" date in the page footer, as YYYY-MM-DD (None when missing)."""
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    found = re.search(r'<p class="reviewed">[^<]*<time datetime="([0-9-]+)">', footer)
    return found.group(1) if found else None
