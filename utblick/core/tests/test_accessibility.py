"""axe-core (WCAG 2.1 A and AA) on every public and staff page, in Swedish and English,
and nothing refused by the Content-Security-Policy on any of them.

The pages come from the permission cases of every app, so a new page is checked without
being listed here. Staff pages are seen as the coordinator; create pages are also checked
after an empty submit, with their error messages showing. Runs in Debian's Chromium
(``CHROMIUM``, default /usr/bin/chromium), never a downloaded browser.
"""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from django.test import Client
from django.urls import reverse

from utblick.security.services import issue_enrolment_link
from utblick.tenancy.tests.test_permission_matrix import collect, url_for
from utblick.testing import build_world

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(
            f"Chromium not found at {executable}: apt-get install chromium (make test does)."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def axe_violations(page):
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    # not govern (a <script> tag would be refused, as it should be).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def html_pages(client, urls):
    """Only the URLs that answer 200 with HTML (downloads and redirects are skipped).

    ``AXE_ONLY=/strategi/`` (a part of the path) checks just those pages, for quick runs
    while working on one app; CI sets nothing and checks them all."""
    only = os.environ.get("AXE_ONLY", "")
    pages = []
    for url in urls:
        if only and only not in url:
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def check_pages(browser, live_server, urls, cookies=(), submit_forms=()):
    context = browser.new_context()
    if cookies:
        context.add_cookies(list(cookies))
    page = context.new_page()
    problems = {}
    checked = 0
    # Anything the Content-Security-Policy refused (inline script or style, foreign sources).
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    for url in urls:
        for prefix in ("", "/en"):
            full = f"{live_server.url}{prefix}{url}"
            response = page.goto(full)
            assert response.status == 200, f"{full}: {response.status}"
            found = axe_violations(page)
            found += [f"CSP: {text}" for text in refused]
            refused.clear()
            checked += 1
            if url in submit_forms and page.locator("main form.form button[type=submit]").count():
                page.locator("main form.form button[type=submit]").first.click()
                page.wait_for_load_state()
                found += [f"after submit: {v}" for v in axe_violations(page)]
            if found:
                problems[full] = found
    context.close()
    assert checked > 0 or os.environ.get("AXE_ONLY"), "no page was checked"
    return problems


def test_public_and_staff_pages_have_no_axe_violations(browser, live_server, reference_data):
    """One test (one world) for both sides: a second transactional test would need the
    reference data restored after the first one's flush, which is slow and was fragile."""
    home, _away = build_world()
    public = public_pages(home)
    staff_urls, create_urls, cookie = staff_pages(home, live_server)
    problems = check_pages(browser, live_server, public)
    problems.update(
        check_pages(browser, live_server, staff_urls, cookies=[cookie], submit_forms=create_urls)
    )
    assert not problems, "axe-core violations:\n" + "\n".join(
        f"{url}\n  " + "\n  ".join(found) for url, found in problems.items()
    )


def public_pages(home):
    urls = [
        url_for("public", key, b, home)
        for key, (v, b) in collect("PUBLIC").items()
        if v == "public"
    ]
    urls.append("/login/")
    return html_pages(Client(), urls)


def staff_pages_for_client(home):
    """A coordinator's client and the staff pages (HTML) it sees."""
    client = Client()
    client.force_login(home.users["coordinator"])
    urls = [url_for("staff", key, builder, home) for key, (_a, builder) in collect("STAFF").items()]
    # Signed-in pages outside the municipality: the second-factor set-up (with its QR code,
    # opened with an enrolment link, as staff do).
    client.get(
        reverse("second_factor_enrol", args=[issue_enrolment_link(user=home.users["coordinator"])])
    )
    urls.append(reverse("second_factor_setup"))
    return client, html_pages(client, urls)


def staff_pages(home, live_server):
    client, pages = staff_pages_for_client(home)
    create_urls = {
        url_for("staff", key, builder, home)
        for key, (action, builder) in collect("STAFF").items()
        if key.split("#")[0].endswith(("_create", "_add", "_new"))
    }
    session = client.cookies["sessionid"].value
    host = live_server.url.split("//")[1].split(":")[0]
    cookie = {"name": "sessionid", "value": session, "domain": host, "path": "/"}
    return pages, create_urls, cookie
