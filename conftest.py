import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from utblick.testing import build_world


@pytest.fixture(autouse=True, scope="session")
def test_media_cleanup():
    """Uploads go to a fresh directory of this run below MEDIA_ROOT (test settings:
    var/test-media), removed after the run.

    Fresh per run and per xdist worker (``make test`` runs ``pytest -n auto``): one worker's
    clean-up never removes files another worker is still using, and a run never finds an
    earlier run's files (a stored name would then get a suffix, and a test comparing it
    would fail), whichever MEDIA_ROOT the environment sets. Only that directory is removed."""
    root = Path(django_settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    own = Path(tempfile.mkdtemp(prefix=f"run-{worker}-", dir=root))
    with override_settings(MEDIA_ROOT=str(own)):
        yield
    shutil.rmtree(own, ignore_errors=True)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Swedish: a request to /en/ leaves English active in the thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache (public pages, throttling counters) lives in the process: empty per test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    """A fresh, empty upload directory for tests that inspect stored files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Personas' passwords need no strong hashing in tests (it would dominate the world build)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """(home, away): two active municipalities with personas and sample records."""
    return build_world()


@pytest.fixture
def home(world):
    return world[0]


@pytest.fixture
def away(world):
    return world[1]


_serialized_contents = {}


def _keep_serialized_contents():
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            _serialized_contents[alias] = contents
        elif alias in _serialized_contents:
            connection._test_serialized_contents = _serialized_contents[alias]


def pytest_runtest_setup(item):
    """Django keeps the serialized test database (what serialized_rollback restores after a
    transactional test's flush) on the connection object, and the live server replaces
    those objects: a later transactional test would then start without the reference data,
    and the flush would run post_migrate. Keep a copy and put it back, before each test
    and before its teardown (where the flush happens)."""
    _keep_serialized_contents()


def pytest_runtest_teardown(item, nextitem):
    _keep_serialized_contents()


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests (live server, separate processes): the data the migrations
    load (municipalities, programmes, ...), loaded again if an earlier test's flush took it
    and serialized_rollback could not restore it (see pytest_runtest_setup)."""
    from django.db import connection

    from utblick.tenancy.models import Municipality

    if not Municipality.objects.exists() and "default" in _serialized_contents:
        from django.contrib.contenttypes.models import ContentType

        # The flush's post_migrate made content types and permissions again, with other ids
        # than the serialized ones: drop them so that the serialized rows go in as they were.
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(_serialized_contents["default"])
