"""The world map's markers in a real browser: reached with Tab, focus drawn, Enter follows."""

import pytest

from utblick.core.tests.test_accessibility import browser  # noqa: F401 (the Chromium fixture)

from .helpers import url
from .test_worldmap import partners  # noqa: F401 (the partner records fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_markers_are_reached_by_keyboard_with_visible_focus(
    browser,  # noqa: F811
    live_server,
    reference_data,
    town,
    partners,  # noqa: F811
):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + url("partners", "sv", town.municipality.slug))
    for _press in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.worldmap') !== null"):
            break
    else:
        pytest.fail("no marker of the map took the keyboard focus")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("#partnership-") or href.startswith("#organisation-")
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth"
    )
    assert stroke == "5px"  # the focus ring of .worldmap-marker:focus
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '{href}'")
    context.close()
