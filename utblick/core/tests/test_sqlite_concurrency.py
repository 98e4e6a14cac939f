"""The embedded SQLite default takes a coordinator and the worker at once: staff saves
while a long job writes, none answered with "database is locked".

Runs the installation's own database settings (WAL, busy timeout, IMMEDIATE transactions)
against a database file, from threads with their own connections, as the web server and
the worker would."""

import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking")


def file_database(path, alias):
    configured = settings.DATABASES["default"]
    return DatabaseWrapper({**configured, "NAME": str(path), "TEST": {}}, alias=alias)


def staff_save(path, number, errors):
    """Read the record, then write it back: the pattern of every staff form."""
    db = file_database(path, f"staff{number}")
    try:
        for _ in range(5):
            with write_transaction(db), db.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM record")
                cursor.fetchone()
                time.sleep(0.01)
                cursor.execute("INSERT INTO record (source) VALUES (%s)", [f"staff{number}"])
    except Exception as error:  # noqa: BLE001 - every failure is the finding
        errors.append(repr(error))
    finally:
        db.close()


@contextmanager
def write_transaction(db):
    """A transaction begun as Django begins one with these settings (``BEGIN IMMEDIATE``
    when ``transaction_mode`` says so, else SQLite's deferred ``BEGIN``)."""
    db.ensure_connection()
    raw = db.connection
    raw.execute(f"BEGIN {db.transaction_mode or ''}")
    try:
        yield
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    raw.execute("COMMIT")


def job(path, errors):
    """A long import: many rows in several transactions, each held a while."""
    db = file_database(path, "worker")
    try:
        for batch in range(10):
            with write_transaction(db), db.cursor() as cursor:
                for row in range(50):
                    cursor.execute("INSERT INTO record (source) VALUES (%s)", [f"job{batch}.{row}"])
                time.sleep(0.05)
    except Exception as error:  # noqa: BLE001
        errors.append(repr(error))
    finally:
        db.close()


@pytest.fixture
def own_connections(django_db_blocker):
    """These connections are to a file of the test's own, not the test database."""
    with django_db_blocker.unblock():
        yield


def test_staff_saves_and_a_job_together_are_never_refused(tmp_path, own_connections):
    path = tmp_path / "utblick.sqlite3"
    setup = file_database(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE record (id integer primary key, source text)")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    errors = []
    threads = [threading.Thread(target=job, args=(path, errors))]
    threads += [threading.Thread(target=staff_save, args=(path, n, errors)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with setup.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM record")
        assert cursor.fetchone()[0] == 10 * 50 + 8 * 5
    setup.close()
