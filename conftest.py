import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from utblick.core.testing import build_world


@pytest.fixture(autouse=True, scope="session")
def test_media_cleanup():
    """Test settings keep uploads in var/test-media; remove them after the run."""
    yield
    if Path(django_settings.MEDIA_ROOT).name == "test-media":
        shutil.rmtree(django_settings.MEDIA_ROOT, ignore_errors=True)


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
