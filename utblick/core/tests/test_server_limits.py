"""The production server (`manage.py serve`) refuses abusive clients and stays up.

One worker with two threads, so that a handful of bad clients would be enough to take it
down if they could hold a thread.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing, suppress

import pytest
from django.conf import settings


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
        return response.status


def raw(port, data, timeout=10):
    """Send ``data`` on a new connection; what the server answers first (b"" if it closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        return sock.recv(200)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    tmp = tmp_path_factory.mktemp("server")
    environ = {
        **os.environ,
        "UTBLICK_ENV": "test",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "REQUEST_MAX_BYTES": str(1024 * 1024),
    }
    command = [sys.executable, "manage.py", "serve", "--port", str(port)]
    command += ["--workers", "1", "--threads", "2", "--header-timeout", "2"]
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=environ,
        stdout=(tmp / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/login/"
    try:
        for _attempt in range(600):  # up to about two minutes on a busy machine
            try:
                get(url)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"server did not start: {(tmp / 'server.log').read_text()[-2000:]}")
        yield port, url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_slow_clients_hold_no_worker(server):
    port, url = server
    stop = threading.Event()
    slow = []
    for _ in range(30):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slow.append(sock)

    def trickle():
        # A header line a second: each client keeps its connection busy, never finishing.
        while not stop.wait(1):
            for sock in slow:
                with suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    try:
        statuses = []
        for _ in range(5):
            statuses.append(get(url, timeout=3))
            time.sleep(0.5)
        assert statuses == [200] * 5
    finally:
        stop.set()
        trickler.join()
        for sock in slow:
            sock.close()


def test_a_stalled_client_is_disconnected(server):
    port, _url = server
    started = time.monotonic()
    answer = raw(port, b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert answer in (b"",) or answer.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < 8


def test_oversized_headers_are_refused(server):
    port, url = server
    answer = raw(port, b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 600_000)
    assert answer.startswith(b"HTTP/1.1 431")
    assert get(url) == 200


def test_a_huge_body_is_refused_before_it_is_sent(server):
    port, url = server
    request = (
        b"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=x\r\n"
        b"Content-Length: 1073741824\r\n\r\n--x\r\n"
    )
    started = time.monotonic()
    answer = raw(port, request)
    assert answer.startswith(b"HTTP/1.1 413")
    assert time.monotonic() - started < 5
    assert get(url) == 200
