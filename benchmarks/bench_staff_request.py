"""The cost of one signed-in staff request in the app itself, without a server or a client.

Calls the WSGI application in-process (production settings, Redis cache and cached_db
sessions, the region data of ``bench_load.py`` in PostgreSQL: run that once first; BENCH_DB
names its database) as the coordinator ``bench_load.py`` signs in as, for the staff project
search (``?q=klimat``) and the staff start page, and prints per request the CPU time, the
database queries and the Python function calls (cProfile; a count does not depend on the
machine's load, CPU time does a little). The load test's target is at most 10 ms of app CPU
per request (issue 19); this is the same work without granian's share.
Usage: python benchmarks/bench_staff_request.py  (BENCH_HITS=500 per page by default;
BENCH_PROFILE=1 prints the functions that take most of the time)
"""

import os
import sys

from inprocess import database_missing, load_average, production_env, run_child  # noqa: E402

DB_NAME = os.environ.get("BENCH_DB", "utblick_bench_load")
HITS = int(os.environ.get("BENCH_HITS", "500"))
CPU_TARGET_MS = 10

CHILD = r"""
import cProfile, io, json, os, pstats, sys, time
import django
from django.core.wsgi import get_wsgi_application
app = get_wsgi_application()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.db.models import Count
from utblick.projects.models import Project
from utblick.tenancy.models import Municipality, User
top = (Project.objects.filter(is_public=True, municipality__is_active=True)
       .values("municipality").annotate(n=Count("pk")).order_by("-n", "municipality").first())
slug = Municipality.objects.get(pk=top["municipality"]).slug
user = User.objects.get(username=f"{slug}-samordnare")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken=" + "x" * 32
paths = {
    "staff project search": (f"/staff/{slug}/projects/", "q=klimat"),
    "staff dashboard": (f"/staff/{slug}/", ""),
}
queries = []
def count(execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)

def call(path, query):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1",
               "HTTP_X_FORWARDED_PROTO": "https", "HTTP_COOKIE": cookie,
               "HTTP_ACCEPT_ENCODING": "gzip, br", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(b""), "SERVER_PROTOCOL": "HTTP/1.1"}
    seen = {}
    def start(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)
    body = app(environ, start)
    seen["body"] = b"".join(body)
    body.close()
    return seen

hits = int(sys.argv[1])
profile_top = os.environ.get("BENCH_PROFILE") == "1"
rows = {}
for label, (path, query) in paths.items():
    for _ in range(3):
        seen = call(path, query)
    assert seen["status"].startswith("200"), (path, seen["status"])
    started = time.process_time()
    for _ in range(hits):
        call(path, query)
    cpu = (time.process_time() - started) / hits
    with connection.execute_wrapper(count):
        queries.clear()
        call(path, query)
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(50):
        call(path, query)
    profile.disable()
    stats = pstats.Stats(profile)
    calls = stats.total_calls / 50
    rows[label] = {"cpu_ms": cpu * 1000, "calls": calls, "queries": list(queries),
                   "bytes": len(seen["body"])}
    if profile_top:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(160)
        print(out.getvalue(), file=sys.stderr)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(40)
        print(out.getvalue(), file=sys.stderr)
print("BENCHRESULT " + json.dumps(rows))
"""


def main():
    missing = database_missing(DB_NAME)
    if missing:
        print(
            f"bench_staff_request: skipped, database {DB_NAME} not usable ({missing}); "
            "run bench_load.py first."
        )
        return 0
    env = production_env("bench-staff-request", DB_NAME, STAFF_SECOND_FACTOR="false")
    rows = run_child(CHILD, HITS, env, show_stderr=os.environ.get("BENCH_PROFILE") == "1")
    if rows is None:
        return 1
    print(f"{'target':24} {'CPU/request':>12} {'Python calls':>13} {'queries':>8} {'bytes':>8}")
    for label, row in rows.items():
        print(
            f"{label:24} {row['cpu_ms']:>9.2f} ms {row['calls']:>13.0f}"
            f" {len(row['queries']):>8} {row['bytes']:>8}"
        )
    if os.environ.get("BENCH_VERBOSE") == "1":
        for label, row in rows.items():
            print(f"\n{label}:")
            for sql in row["queries"]:
                print(f"  {sql[:160]}")
    print(f"load average after: {load_average()}")
    for label, row in rows.items():
        verdict = "PASS" if row["cpu_ms"] <= CPU_TARGET_MS else "MISS"
        print(
            f"{verdict} {label}: {row['cpu_ms']:.2f} ms CPU in-process "
            f"(the load test's target <= {CPU_TARGET_MS} ms with the server's share)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
