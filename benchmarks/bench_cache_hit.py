"""The cost of one cached public page in the app itself, without a server or a client.

Calls the WSGI application the server runs (``utblick.wsgi``) in-process (production
settings, Redis cache, the region data of ``bench_load.py`` in PostgreSQL: run that once
first; BENCH_DB names its database) for the static file and for cached public pages, and
prints per request the CPU time and the number of Python function calls (cProfile; a count
does not depend on the machine's load, CPU time does a little, wall time a lot). The share is
the static file's CPU per request divided by the page's: what the page's share of the static
file's req/s would be if the server itself cost nothing (issue 19: target >= 0.5).
Usage: python benchmarks/bench_cache_hit.py  (BENCH_HITS=2000 per page by default)
"""

import os
import sys

from inprocess import database_missing, load_average, production_env, run_child  # noqa: E402

DB_NAME = os.environ.get("BENCH_DB", "utblick_bench_load")
HITS = int(os.environ.get("BENCH_HITS", "2000"))
SHARE_TARGET = 0.5

CHILD = r"""
import cProfile, io, json, os, pstats, sys, time
import django
# What the server runs (granian serves utblick.wsgi:application).
from utblick.wsgi import application as app
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import Count
from utblick.projects.models import Project
from utblick.tenancy.models import Municipality
top = (Project.objects.filter(is_public=True, municipality__is_active=True)
       .values("municipality").annotate(n=Count("pk")).order_by("-n", "municipality").first())
slug = Municipality.objects.get(pk=top["municipality"]).slug
project = Project.objects.filter(municipality__slug=slug, is_public=True).order_by("pk").first()
paths = {
    "static file": staticfiles_storage.url("css/utblick.css"),
    "public start page /": "/",
    "municipality start": f"/{slug}/",
    "public project list": f"/{slug}/projekt/",
    "public project page": f"/{slug}/projekt/{project.pk}/",
}

def call(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1",
               "HTTP_X_FORWARDED_PROTO": "https", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(b""), "SERVER_PROTOCOL": "HTTP/1.1"}
    seen = {}
    def start(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)
    body = app(environ, start)
    b"".join(body)
    if hasattr(body, "close"):  # a cached page before Django comes as a list
        body.close()
    return seen

hits = int(sys.argv[1])
rows = {}
for label, path in paths.items():
    for _ in range(3):
        seen = call(path)
    assert seen["status"].startswith("200"), (path, seen["status"])
    started = time.process_time()
    for _ in range(hits):
        call(path)
    cpu = (time.process_time() - started) / hits
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(200):
        call(path)
    profile.disable()
    calls = pstats.Stats(profile).total_calls / 200
    rows[label] = {"cpu_ms": cpu * 1000, "calls": calls,
                   "cache": seen["headers"].get("X-Utblick-Cache", "-")}
print("BENCHRESULT " + json.dumps(rows))
"""


def main():
    missing = database_missing(DB_NAME)
    if missing:
        print(
            f"bench_cache_hit: skipped, database {DB_NAME} not usable ({missing}); "
            "run bench_load.py first."
        )
        return 0
    env = production_env("bench-cache-hit", DB_NAME)
    rows = run_child(CHILD, HITS, env)
    if rows is None:
        return 1
    static = rows["static file"]["cpu_ms"]
    print(f"{'target':24} {'CPU/request':>12} {'Python calls':>13} {'cache':>6} {'share':>6}")
    for label, row in rows.items():
        share = "" if label == "static file" else f"{static / row['cpu_ms']:.2f}"
        print(
            f"{label:24} {row['cpu_ms']:>9.3f} ms {row['calls']:>13.0f}"
            f" {row['cache']:>6} {share:>6}"
        )
    print(f"load average after: {load_average()}")
    for label, row in rows.items():
        if label != "static file":
            share = static / row["cpu_ms"]
            verdict = "PASS" if share >= SHARE_TARGET else "MISS"
            print(f"{verdict} {label}: {share:.2f} of the static file's CPU (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
