"""Two production app servers against one PostgreSQL serve the same data.

Sessions, the cache (with the public pages in it) and the queue live in the database, so a
visitor may land on either server: signed in on one is signed in on the other, a change
made through one is on the other's public pages at once. PostgreSQL only (an SQLite file
is not meant to be shared by several servers).
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from rest_framework.authtoken.models import Token

from utblick.projects.models import Project
from utblick.public.tests.factories import ProjectFactory
from utblick.tenancy.models import Role
from utblick.tenancy.tests.factories import UnitFactory, active_municipality, member

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="several app servers need PostgreSQL"
    ),
]


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, *, cookie=None, method="GET", body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body, headers=headers or {})  # noqa: S310
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def servers(tmp_path):
    db = connection.settings_dict
    environ = {
        **os.environ,
        "UTBLICK_ENV": "test",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": "dbcache://utblick_cache",
        "CONN_MAX_AGE": "0",
        "STAFF_SECOND_FACTOR": "false",
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "serve", "--port", str(port), "--workers", "1"],
            env=environ,
            cwd=settings.BASE_DIR,
            stdout=(tmp_path / f"server-{port}.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            for _attempt in range(600):  # up to about two minutes on a busy machine
                try:
                    fetch(f"{url}/login/")
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"server at {url} did not start: see {tmp_path}")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def session_cookie(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def test_two_servers_share_sessions_cache_and_data(servers, reference_data):
    first, second = servers
    municipality = active_municipality("1488")
    unit = UnitFactory(municipality=municipality)
    project = ProjectFactory(
        municipality=municipality, unit=unit, title_sv="Kanalprojektet", is_public=True
    )
    coordinator = member(municipality, Role.COORDINATOR)
    projects_page = "/trollhattan/projekt/"

    # A public page made by one server is served from the shared cache by the other (both
    # see the host name the load balancer in front of them passes on).
    host = {"Host": "127.0.0.1"}
    status, headers, html = fetch(first + projects_page, headers=host)
    assert status == 200 and "Kanalprojektet" in html
    assert headers.get("X-Utblick-Cache") == "miss"
    status, headers, html = fetch(second + projects_page, headers=host)
    assert headers.get("X-Utblick-Cache") == "hit" and "Kanalprojektet" in html

    # Signed in once, known to both.
    cookie = session_cookie(coordinator)
    for server in servers:
        status, _headers, html = fetch(f"{server}/staff/trollhattan/", cookie=cookie)
        assert status == 200, html[:500]

    # A change through the first server shows on the second's public page at once.
    token = Token.objects.create(user=coordinator).key
    status, _headers, body = fetch(
        f"{first}/api/v1/projects/{project.pk}/",
        method="PATCH",
        body=json.dumps({"title_sv": "Slussprojektet"}).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    assert status == 200, body
    assert Project.objects.get(pk=project.pk).title_sv == "Slussprojektet"
    status, headers, html = fetch(second + projects_page, headers=host)
    assert "Slussprojektet" in html and "Kanalprojektet" not in html
    assert headers.get("X-Utblick-Cache") == "miss"
