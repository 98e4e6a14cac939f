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
    assert found["cache"]["BACKEND"] == "utblick.core.cache.RedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.cache"
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["bucket_name"] == "utblick-uploads"
    assert found["storage"]["OPTIONS"]["default_acl"] == "private"


def test_with_redis_sessions_are_read_from_the_cache_and_kept_in_the_database():
    found = settings_under(CACHE_URL="redis://127.0.0.1:6379/3")
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table_and_it_works():
    assert "utblick_cache" in connection.introspection.table_names()
    cache = DatabaseCache("utblick_cache", {})
    cache.set("greeting", "hej", 60)
    assert cache.get("greeting") == "hej"


def test_the_redis_cache_works_against_the_local_server():
    from utblick.core.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/3", {"KEY_PREFIX": "utblick-test"})
    try:
        cache.set("greeting", "hej", 10)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Redis at 127.0.0.1:6379 is not reachable: {exc}")
    # Many calls over the one kept client: values, counters, several keys, deletes.
    for number in range(50):
        cache.set(f"n{number}", number, 10)
    assert cache.get_many([f"n{number}" for number in range(50)]) == {
        f"n{number}": number for number in range(50)
    }
    assert cache.get("greeting") == "hej"
    assert cache.add("greeting", "hallå", 10) is False
    assert cache.incr("n1", 5) == 6
    cache.delete_many([f"n{number}" for number in range(50)])
    assert cache.get("n1") is None
    cache.delete("greeting")
    assert cache.get("greeting", "borta") == "borta"


def test_the_redis_cache_serves_many_threads_at_once():
    from concurrent.futures import ThreadPoolExecutor

    from utblick.core.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/3", {"KEY_PREFIX": "utblick-threads"})

    def round_trip(number):
        cache.set(f"t{number}", number, 10)
        return cache.get(f"t{number}")

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(round_trip, range(200))) == list(range(200))
    cache.delete_many([f"t{number}" for number in range(200)])


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_cancels_statements_that_run_too_long():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
