"""Production settings refuse insecure defaults; with real values `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args, **env):
    """`manage.py` in a production-like environment, never the developer's `.env`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean["UTBLICK_ENV_FILE"] = ""
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", UTBLICK_ENV="production", ALLOWED_HOSTS="utblick.example.se")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", UTBLICK_ENV="production", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_debug():
    result = run_manage(
        "check",
        UTBLICK_ENV="production",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="utblick.example.se",
        DEBUG="true",
    )
    assert result.returncode != 0
    assert "DEBUG must not be on" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        UTBLICK_ENV="production",
        SECRET_KEY="Zq8v-" + "x7Kp2mN9rT4wY6bH3jL5cF1gD8sA0eU" * 2,
        ALLOWED_HOSTS="utblick.example.se",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_collects_and_serves_every_static_file_the_templates_name(tmp_path):
    """With the manifest storage of production, a {% static %} name that collectstatic did
    not collect is an error on every page; so collect, and render a page in production."""
    env = {
        "UTBLICK_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    collected = run_manage("collectstatic", "--no-input", "-v0", **env)
    assert collected.returncode == 0, collected.stderr
    rendered = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.test import Client;"
        "response = Client().get('/login/', secure=True);"
        "print(response.status_code, response.content.decode())",
        **env,
    )
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    assert rendered.stdout.startswith("200 ")
    assert "/static/css/utblick." in rendered.stdout  # the hashed name from the manifest
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_the_env_file_is_read_outside_tests(tmp_path):
    """`make demo` writes a `.env`: production and development runs read it..."""
    env_file = tmp_path / ".env"
    env_file.write_text(f"SECRET_KEY={'d' * 60}\nALLOWED_HOSTS=utblick.example.se\n")
    result = run_manage("check", UTBLICK_ENV="production", UTBLICK_ENV_FILE=str(env_file))
    assert "Set SECRET_KEY" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_a_test_run_never_reads_the_env_file(tmp_path):
    """...but a test run does not, so `make test` after `make demo` is the suite on its own:
    the settings of a test process ignore the file even where it is the default."""
    code = "from django.conf import settings; print(repr(settings.ENV_FILE), settings.SECRET_KEY)"
    env = {k: v for k, v in os.environ.items() if k not in {"UTBLICK_ENV_FILE", "SECRET_KEY"}}
    env.update(UTBLICK_ENV="test", DEBUG="false")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    env_file, secret_key = result.stdout.splitlines()[-1].split()
    assert env_file == "''"
    assert secret_key.startswith("insecure-only-for-development-and-tests-")
