"""formset.js in a real browser: "More rows" adds a row in the page, focused and announced,
without anything refused by the Content-Security-Policy."""

import pytest
from django.test import Client
from django.urls import reverse

from utblick.core.tests.test_accessibility import browser  # noqa: F401  (the fixture)
from utblick.testing import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_more_rows_adds_a_focused_row_in_the_page(browser, live_server, reference_data):  # noqa: F811
    home, _away = build_world()
    client = Client()
    client.force_login(home.users["coordinator"])
    host = live_server.url.split("//")[1].split(":")[0]
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host,
          "path": "/"}]
    )  # fmt: skip
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    url = reverse("staff:consortium_check", args=[home.municipality.slug])
    page.goto(f"{live_server.url}{url}")
    assert page.locator("input[name='form-TOTAL_FORMS']").input_value() == "3"
    page.get_by_role("button", name="Fler rader").click()
    page.get_by_role("button", name="Fler rader").click()
    assert page.url.endswith(url)  # no round trip
    assert page.locator("input[name='form-TOTAL_FORMS']").input_value() == "5"
    assert page.locator("input[name='form-4-name']").count() == 1
    assert page.evaluate("document.activeElement.name") == "form-4-name"
    assert page.locator("[data-formset-status]").text_content() == "Rad 5 har lagts till."
    # The added rows are submitted like the others.
    page.fill("input[name='form-4-name']", "Tempe")
    page.select_option("select[name='form-4-country']", "US")
    page.select_option("select[name='form-4-kind']", "municipality")
    page.select_option("select[name='rule']", label="KA220 Samarbetspartnerskap (2021–2027)")
    page.get_by_role("button", name="Kontrollera").click()
    page.wait_for_load_state()
    assert "Tempe (Amerikas förenta stater)" in page.content()
    assert not refused
    context.close()
