"""A database holding the demo at an earlier release migrates to the current code, losing
nothing: every row and every field value of that release is still there afterwards.

The release's database is committed (tests/data/release-0.1); the test restores it for the
database the suite runs on (SQLite or PostgreSQL), runs `migrate` in a separate process and
compares `dumpdata` of the result with the release's own dump.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

RELEASE = Path(__file__).parent / "data" / "release-0.1"
DUMP_EXCLUDES = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin",
    "axes",
    "django_tasks_database",
]

# Models that moved to another app since the release, by their label there: the rows must be
# there under the new label (the collaboration group left the funding app).
MOVED = {
    f"funding.{name}": f"isg.{name}"
    for name in ("groupmember", "meeting", "agendaitem", "meetingdecision", "actionitem")
}


def manage(database_url, *args):
    environ = {**os.environ, "UTBLICK_ENV": "test", "DEBUG": "false"}
    environ["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# Fields derived from others, which a migration may rebuild in a new form: they must still
# be filled where they were, not equal (the search text is now stored as Snowball stems).
DERIVED = {("opendata.euproject", "search_text")}


def rows_by_key(rows):
    return {(MOVED.get(row["model"], row["model"]), str(row["pk"])): row["fields"] for row in rows}


def lost_values(before, after):
    """What the release had and the migrated database no longer has, as readable lines."""
    lost = []
    for key, fields in before.items():
        if key not in after:
            lost.append(f"{key}: row missing")
            continue
        for name, value in fields.items():
            if (key[0], name) in DERIVED:
                if value and not after[key].get(name):
                    lost.append(f"{key}.{name}: {value!r} -> empty")
                continue
            if after[key].get(name, "<no such field>") != value:
                lost.append(f"{key}.{name}: {value!r} -> {after[key].get(name)!r}")
    return lost


@pytest.fixture
def release_database(tmp_path):
    """The release's demo database, restored into a new database; yields its URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "release.sqlite3"
        with gzip.open(RELEASE / "demo.sqlite3.gz") as packed, path.open("wb") as out:
            shutil.copyfileobj(packed, out)
        yield f"sqlite:///{path}", "sqlite3"
        return
    db = connection.settings_dict
    name = f"utblick_upgrade_{os.getpid()}"
    admin = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        sql = gzip.decompress((RELEASE / "demo.postgresql.sql.gz").read_bytes())
        restored = subprocess.run(
            [shutil.which("psql") or "/usr/bin/psql", "-q", "-v", "ON_ERROR_STOP=1",
             "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], "-d", name],
            input=sql,
            capture_output=True,
            timeout=300,
        )  # fmt: skip
        assert restored.returncode == 0, restored.stderr.decode()[-3000:]
        yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}", "postgresql"
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_demo_of_release_0_1_migrates_with_nothing_lost(release_database, tmp_path):
    url, vendor = release_database
    before = rows_by_key(
        json.loads(gzip.decompress((RELEASE / f"demo.{vendor}.json.gz").read_bytes()))
    )
    assert len(before) > 2500

    pending = manage(url, "showmigrations", "--plan")
    assert "[ ]" in pending, "the release should be behind the current migrations"
    manage(url, "migrate", "--no-input", "-v0")
    assert "[ ]" not in manage(url, "showmigrations", "--plan")

    out = tmp_path / "after.json"
    excludes = [arg for app in DUMP_EXCLUDES for arg in ("--exclude", app)]
    manage(url, "dumpdata", *excludes, "-o", str(out))
    after = rows_by_key(json.loads(out.read_text(encoding="utf-8")))

    lost = lost_values(before, after)
    assert not lost, f"{len(lost)} values lost in the upgrade:\n" + "\n".join(lost[:40])
    # And the upgraded installation serves its public pages.
    page = manage(
        url,
        "shell",
        "--no-imports",
        "-c",
        "from django.test import Client; r = Client().get('/trollhattan/projekt/avslutade/');"
        "print(r.status_code, '50-50-projektet' in r.content.decode())",
    )
    assert page.strip().endswith("200 True")
