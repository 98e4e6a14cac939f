"""Funding radar: embed all 629 real EU calls, then match one need against all of them.

Reads ../shared/data/eu-calls (skips with a message when it is absent). Runs on a throw-away
SQLite database (or BENCH_DATABASE_URL). Prints the seconds to embed all calls and the
milliseconds to rank them for one need with the vectors precomputed (median of 20 runs).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCE = ROOT.parent / "shared" / "data" / "eu-calls" / "ft-portal-topics-2026-08.json.gz"
if not SOURCE.exists():
    print(f"bench_matching: skipped, {SOURCE} not found.")
    sys.exit(0)

workdir = tempfile.mkdtemp(prefix="utblick-bench-")
os.environ.setdefault("UTBLICK_ENV", "test")
os.environ.setdefault("DEBUG", "false")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402

from utblick.funding.embeddings import embed_calls, query_vector  # noqa: E402
from utblick.funding.imports import import_file  # noqa: E402
from utblick.funding.matching import rank  # noqa: E402
from utblick.funding.models import Call  # noqa: E402

call_command("migrate", verbosity=0)
start = time.perf_counter()
result = import_file(data=SOURCE.read_bytes())
print(f"import of {len(result['changed_ids'])} calls: {time.perf_counter() - start:.1f} s")
start = time.perf_counter()
again = import_file(data=SOURCE.read_bytes())
print(f"re-import (unchanged {again['unchanged']}): {time.perf_counter() - start:.1f} s")

query_vector("uppvärmning")  # load the model before timing
start, cpu = time.perf_counter(), time.process_time()
count = embed_calls()
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
print(
    f"embedding {count} calls: {wall:.1f} s ({cpu:.1f} s of CPU; "
    f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
)

need = (
    "Grön stadsplanering med Fastiv. Samarbete med Fastiv i Ukraina om grön stadsplanering, "
    "klimatneutralitet och biologisk mångfald."
)
harvest = datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)
calls = Call.objects.upcoming(harvest)
print(f"calls with a deadline ahead of the harvest: {calls.count()}")
rank(need, calls)  # warm the query vector cache as a saved need would
timings = []
for _ in range(20):
    start = time.perf_counter()
    top = rank(need, calls, limit=10)
    timings.append((time.perf_counter() - start) * 1000)
print(f"matching one need against all calls: {statistics.median(timings):.0f} ms (median of 20)")
print("top 3:", ", ".join(s.call.identifier for s in top[:3]))

# The hand-checked pairs of the tests, now among all calls: where does the expected call rank?
from utblick.funding.tests.test_matching import PAIRS  # noqa: E402

for text, expected in PAIRS:
    found = [s.call.identifier for s in rank(text, calls, limit=len(PAIRS) * 100)]
    place = found.index(expected) + 1 if expected in found else None
    print(f"  {expected}: rank {place} of {len(found)} shown ({text.split('.')[0]})")
