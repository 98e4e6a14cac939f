"""What the in-process benchmarks (``bench_cache_hit.py``, ``bench_staff_request.py``) share:
the region data of ``bench_load.py`` in PostgreSQL, production settings, and a child process
that calls the WSGI application and prints one ``BENCHRESULT <json>`` line."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def database_missing(db_name: str) -> str | None:
    """Why the region database cannot be used, or None when it can."""
    try:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=5432, user="postgres", dbname=db_name, connect_timeout=3
        ):
            return None
    except Exception as error:  # noqa: BLE001 (any connection problem means: skip)
        return str(error)


def production_env(name: str, db_name: str, **extra) -> dict:
    """The environment of ``manage.py serve`` in the load test, for the child process."""
    (ROOT / "var").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UTBLICK_", "DJANGO_"))}
    env.update(
        UTBLICK_ENV="production",
        DEBUG="false",
        SECRET_KEY=f"{name}-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db_name}",
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"),
        BEHIND_TLS_PROXY="true",
        STATIC_ROOT=tempfile.mkdtemp(prefix=f"{name}-", dir=ROOT / "var"),
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="utblick.settings",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def run_child(child: str, hits: int, env: dict, *, show_stderr=False) -> dict | None:
    """collectstatic, then ``child`` with ``hits``; its result, or None (stderr printed)."""
    python = sys.executable
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    print(f"In-process, {hits} requests per page; load average before: {load_average()}")
    done = subprocess.run(  # noqa: S603
        [python, "-c", child, str(hits)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        print(done.stderr[-3000:])
        return None
    if show_stderr:
        print(done.stderr)
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCHRESULT "))
    return json.loads(line[len("BENCHRESULT ") :])
