"""The conventions of public code: LICENSE, publiccode.yml (standard 0.4), a Keep a
Changelog CHANGELOG.md, SECURITY.md, CONTRIBUTING.md, pre-commit with ruff, and the Python
versions pyproject allows."""

import copy
import re
import tomllib
from pathlib import Path

import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[3]

# publiccode.yml 0.4: the keys the standard marks mandatory, as paths; and per language of
# the description the mandatory keys there.
PUBLICCODE_REQUIRED = (
    ("publiccodeYmlVersion",),
    ("name",),
    ("url",),
    ("platforms",),
    ("categories",),
    ("developmentStatus",),
    ("softwareType",),
    ("description",),
    ("legal", "license"),
    ("maintenance", "type"),
    ("localisation", "localisationReady"),
    ("localisation", "availableLanguages"),
)
DESCRIPTION_REQUIRED = ("shortDescription", "longDescription", "features")
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


def publiccode_problems(data: dict) -> list[str]:
    problems = []
    for path in PUBLICCODE_REQUIRED:
        node = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node in (None, "", []):
            problems.append(f"missing {'.'.join(path)}")
    if data.get("publiccodeYmlVersion") != "0.4":
        problems.append("publiccodeYmlVersion is not 0.4")
    if not str(data.get("url", "")).startswith("https://"):
        problems.append("url is not https")
    if data.get("developmentStatus") not in DEVELOPMENT_STATUSES:
        problems.append("unknown developmentStatus")
    if data.get("softwareType") not in SOFTWARE_TYPES:
        problems.append("unknown softwareType")
    maintenance = data.get("maintenance") or {}
    if maintenance.get("type") not in MAINTENANCE_TYPES:
        problems.append("unknown maintenance.type")
    if maintenance.get("type") in ("internal", "community") and not maintenance.get("contacts"):
        problems.append("maintenance.contacts is required for this maintenance.type")
    for language, description in (data.get("description") or {}).items():
        for key in DESCRIPTION_REQUIRED:
            if not description.get(key):
                problems.append(f"missing description.{language}.{key}")
        if len(description.get("shortDescription", "")) > 150:
            problems.append(f"description.{language}.shortDescription is over 150 characters")
        if not 150 <= len(description.get("longDescription", "")) <= 10000:
            problems.append(f"description.{language}.longDescription is not 150-10000 characters")
    languages = (data.get("localisation") or {}).get("availableLanguages") or []
    if set(languages) != set(data.get("description") or {}):
        problems.append("the descriptions' languages are not the available languages")
    return problems


def _publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_yml_has_every_required_key_of_the_standard():
    data = _publiccode()
    assert publiccode_problems(data) == []
    assert data["legal"]["license"] == "EUPL-1.2"
    assert set(data["localisation"]["availableLanguages"]) == {"sv", "en"}


def test_a_broken_publiccode_yml_is_reported():
    broken = copy.deepcopy(_publiccode())
    del broken["legal"]["license"]
    broken["description"]["sv"]["longDescription"] = "För kort."
    broken["developmentStatus"] = "finished"
    assert publiccode_problems(broken) == [
        "missing legal.license",
        "unknown developmentStatus",
        "description.sv.longDescription is not 150-10000 characters",
    ]


def test_license_is_the_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.split()[:6] == ["EUROPEAN", "UNION", "PUBLIC", "LICENCE", "v.", "1.2"]
    assert "15. Applicable Law" in text and "Appendix" in text
    assert "new versions of\nthis Licence or updated versions of the Appendix" in text
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == {
        "text": "EUPL-1.2"
    }


def test_changelog_keeps_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n") and "keepachangelog.com" in text
    versions = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert versions[0] == "Unreleased"
    sections = set(re.findall(r"^### (\w+)$", text, flags=re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_security_contributing_and_pre_commit():
    assert "vulnerability" in (ROOT / "SECURITY.md").read_text(encoding="utf-8").lower()
    assert "permissions.py" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ruff = [repo for repo in hooks["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert {hook["id"] for hook in ruff[0]["hooks"]} == {"ruff-check", "ruff-format"}
    pinned = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    ruff_pin = next(d for d in pinned["optional-dependencies"]["dev"] if d.startswith("ruff=="))
    assert ruff[0]["rev"] == "v" + ruff_pin.removeprefix("ruff==")


def test_python_3_11_to_3_13_are_allowed():
    allowed = SpecifierSet(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    )
    assert [version in allowed for version in ("3.10", "3.11.7", "3.12.1", "3.13.0")] == [
        False,
        True,
        True,
        True,
    ]
