"""The cache and sessions that several app servers share: database (default) or Redis."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection


def settings_under(**environ):
    """Settings as a fresh process reads them from the environment."""
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps({'cache': settings.CACHES['default'], "
        "'sessions': settings.SESSION_ENGINE, 'storage': settings.STORAGES['default']}))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "utblick.settings", "UTBLICK_ENV": "development"}
    env.update(environ)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_outside_tests_the_cache_is_the_shared_database_table():
    found = settings_under()
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["cache"]["LOCATION"] == "utblick_cache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_and_s3_are_configurable():
    found = settings_under(
        CACHE_URL="redis://127.0.0.1:6379/3",
        SESSION_ENGINE="django.contrib.sessions.backends.cache",
        MEDIA_STORAGE="s3",
        S3_BUCKET="utblick-uploads",
        S3_ENDPOINT_URL="https://s3.example.se",
    )
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.cache"
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["bucket_name"] == "utblick-uploads"
    assert found["storage"]["OPTIONS"]["default_acl"] == "private"


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table_and_it_works():
    assert "utblick_cache" in connection.introspection.table_names()
    cache = DatabaseCache("utblick_cache", {})
    cache.set("greeting", "hej", 60)
    assert cache.get("greeting") == "hej"


def test_the_redis_cache_works_against_the_local_server():
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/3", {})
    try:
        cache.set("utblick-test", "hej", 10)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Redis at 127.0.0.1:6379 is not reachable: {exc}")
    assert cache.get("utblick-test") == "hej"
    cache.delete("utblick-test")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_cancels_statements_that_run_too_long():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
