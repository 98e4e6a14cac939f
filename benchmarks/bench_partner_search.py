"""Partner search on EU open data: import throughput and search latency.

1. Imports the real shared datasets (../shared/data: CORDIS project lists and participations,
   Interreg partners, twin towns) with the production importers and prints rows per second.
2. Times the partner search (first page with facets) for a set of topic queries, English and
   Swedish, with and without filters: median and p95 in milliseconds, at the real size.
3. Adds generated organisations, projects and participations up to BENCH_PARTICIPATIONS
   (default 1,000,000) and times the same queries again.

Runs on a throw-away SQLite database, and also on PostgreSQL when BENCH_DATABASE_URL (or a
postgres DATABASE_URL) is set: that database is migrated and its EU open-data tables emptied.
Usage: python benchmarks/bench_partner_search.py
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
QUERIES = [
    ({"q": "climate adaptation"}, "climate adaptation"),
    ({"q": "klimatanpassning"}, "klimatanpassning (sv)"),
    ({"q": "hydrogen"}, "hydrogen"),
    ({"q": "energy", "country": "SE"}, "energy, country=SE"),
    ({"q": "health", "coordinator": True, "year_from": 2014}, "health, coordinators, 2014-"),
    ({"programme": "Horizon 2020"}, "no topic, programme=H2020"),
]
RUNS = 7


def targets():
    found = [("sqlite", f"sqlite:///{tempfile.mkdtemp(prefix='utblick-bench-')}/bench.sqlite3")]
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        found.append(("postgresql", url))
    return found


def main():
    if not (SHARED / "cordis" / "h2020-participations-2014.csv").exists():
        print(f"bench_partner_search: skipped, {SHARED} not found.")
        return 0
    for name, url in targets():
        print(f"-- {name}", flush=True)
        env = {**os.environ, "DATABASE_URL": url, "BENCH_CHILD": "1"}
        env.setdefault("UTBLICK_ENV", "test")
        env.setdefault("DEBUG", "false")
        done = subprocess.run([sys.executable, __file__], env=env, check=False)  # noqa: S603
        if done.returncode:
            return done.returncode
    return 0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from utblick.opendata.importers import IMPORTERS
    from utblick.opendata.models import EUOrganisation, EUProject, Participation, TwinTownPair
    from utblick.opendata.search import Filters, search
    from utblick.opendata.text import normalise_name, normalise_text

    call_command("migrate", verbosity=0)
    for model in (Participation, EUProject, EUOrganisation, TwinTownPair):
        model.objects.all().delete()

    files = [
        ("cordis-projects", SHARED / "cordis" / "h2020-projects.xlsx"),
        ("cordis-projects", SHARED / "cordis" / "fp7-projects.xlsx"),
        ("cordis-participations", SHARED / "cordis" / "h2020-participations-2014.csv"),
        ("interreg", SHARED / "interreg" / "swedish-interreg-partners-2021-2027.json"),
        ("twin-towns", SHARED / "twin-towns" / "twin-towns-wikipedia.csv"),
    ]
    for kind, path in files:
        started = time.perf_counter()
        stats = IMPORTERS[kind](path).run()
        seconds = time.perf_counter() - started
        print(
            f"import {path.name}: {stats['rows']} rows in {seconds:.1f} s = "
            f"{stats['rows'] / seconds:,.0f} rows/s",
            flush=True,
        )

    def measure(label):
        size = Participation.objects.count()
        print(
            f"search at {size:,} participations, {EUProject.objects.count():,} projects "
            f"(ms, first page with facets; median / p95 of {RUNS}):"
        )
        for filters, name in QUERIES:
            times = []
            for _ in range(RUNS):
                started = time.perf_counter()
                result = search(Filters(**filters))
                total = result.page.paginator.count
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"  {name:32s} {statistics.median(times):8.0f} / {percentile(times, 0.95):8.0f}"
                f"   ({total:,} organisations)",
                flush=True,
            )

    measure("real")

    wanted = int(os.environ.get("BENCH_PARTICIPATIONS", "1000000"))
    missing = wanted - Participation.objects.count()
    if missing > 0:
        started = time.perf_counter()
        rng = random.Random(6)  # noqa: S311 (reproducible test data)
        words = []
        for title in EUProject.objects.exclude(title="").values_list("title", flat=True)[:20000]:
            words.extend(normalise_text(title).split())
        countries = ["DE", "FR", "IT", "ES", "SE", "NL", "BE", "PL", "FI", "DK", "AT", "PT"]
        organisations = missing // 20
        projects = missing // 10
        with transaction.atomic():
            EUOrganisation.objects.bulk_create(
                [
                    EUOrganisation(
                        key=f"name:bench {n}|x",
                        name=f"Bench organisation {n}",
                        normalised_name=normalise_name(f"Bench organisation {n}"),
                        country=rng.choice(countries),
                        org_type=rng.choice(["HES", "PRC", "REC", "PUB", "OTH"]),
                    )
                    for n in range(organisations)
                ],
                batch_size=5000,
            )
            titles = (" ".join(rng.choices(words, k=9)) for _ in range(projects))
            EUProject.objects.bulk_create(
                [
                    EUProject(
                        source="h2020",
                        external_id=f"bench-{n}",
                        programme=rng.choice(["Horizon 2020", "FP7"]),
                        title=title,
                        search_text=normalise_text(title),
                    )
                    for n, title in enumerate(titles)
                ],
                batch_size=5000,
            )
        org_ids = list(
            EUOrganisation.objects.filter(key__startswith="name:bench ").values_list(
                "pk", flat=True
            )
        )
        project_ids = list(
            EUProject.objects.filter(external_id__startswith="bench-").values_list("pk", flat=True)
        )
        batch = []
        seen = set()
        while len(seen) < missing:
            pair = (rng.choice(project_ids), rng.choice(org_ids))
            if pair in seen:
                continue
            seen.add(pair)
            batch.append(
                Participation(
                    project_id=pair[0],
                    organisation_id=pair[1],
                    role="Participant",
                    is_coordinator=rng.random() < 0.1,
                    eu_contribution=rng.randint(10_000, 2_000_000),
                    year=rng.randint(2007, 2024),
                )
            )
            if len(batch) == 20000:
                Participation.objects.bulk_create(batch)
                batch = []
        Participation.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"generated {missing:,} participations in {time.perf_counter() - started:.0f} s")
        measure("generated")


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())
