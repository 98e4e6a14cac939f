"""Send one newsletter issue to N subscribers through a local SMTP server (aiosmtpd).

Prints mails per second, CPU time and peak memory against the target (issue 19: at least
1,000 mails per second at 10k and 100k recipients, memory flat). Runs on a throw-away SQLite
database (or the one in BENCH_DATABASE_URL), with the production sending code (the sending
job, one SMTP transaction per recipient, pipelined over one connection or
BENCH_CONNECTIONS, deliveries recorded in batches), no rate limit.

The SMTP server is a real one that receives and parses every message: aiosmtpd (Python, in
processes of their own), with a handler that counts instead of keeping the messages. It is
built the way an MTA is: like Postfix's smtpd, each server process serves one client
connection at a time (BENCH_SERVER_PROCESSES, default 1; the sending opens as many
connections, BENCH_CONNECTIONS, each with its process); and like Postfix's smtpd and Exim,
it writes the replies to pipelined commands together once the waiting input is used up,
where aiosmtpd alone makes a write (a system call and a wake-up of the client) per reply
(BENCH_COALESCE=0: aiosmtpd's own way). It offers PIPELINING, as Postfix, Exim and the big
providers do (BENCH_PIPELINING=0: without, then the sending uses one connection). Even so the
server needs about twice the CPU per mail of the sending (per-line reading of DATA), so on 2
cores it is the limit. Debian's Postfix with a discard transport would be cheaper still, but
needs root and a system service; the benchmark stays self-contained.

    python benchmarks/bench_newsletter.py            # 1,000 and 10,000 recipients
    BENCH_NEWSLETTER_100K=1 python benchmarks/bench_newsletter.py   # and 100,000
    python benchmarks/bench_newsletter.py 5000       # one size

Each size runs in a process of its own, so that its memory figures are its own.
BENCH_PROFILE=1 prints the costliest functions of the sending and of each server process
(cProfile; slower). BENCH_SERVER_PROCESSES=2: two connections, two server processes.

Memory is the peak resident size sampled while sending (and its growth over the size before
sending). BENCH_TRACEMALLOC=1 adds Python's tracemalloc peak, which slows the sending down
several times, so its mails per second are not comparable. The load average is printed
because the figure depends on what else the machine runs.
"""

import cProfile
import multiprocessing
import os
import pstats
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000] + (
    [100_000] if os.environ.get("BENCH_NEWSLETTER_100K") == "1" else []
)
RECIPIENTS = SIZES[0]
TARGET = 1_000  # mails per second
# The target holds from 10,000 recipients (issue 19: "at 10k and 100k"): a smaller run is
# dominated by the worker's one-off start-up (URL configuration, rendering the issue).
TARGET_FROM = 10_000
PIPELINING = os.environ.get("BENCH_PIPELINING", "1") == "1"  # BENCH_PIPELINING=0: without
# SMTP server processes, each serving one connection at a time (as Postfix's smtpd does), and
# the connections the sending opens (NEWSLETTER_SMTP_CONNECTIONS, 1 by default). On 2 shared
# cores one connection measured faster than two (benchmarks/README.md).
SERVER_PROCESSES = int(os.environ.get("BENCH_SERVER_PROCESSES", "1"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", str(SERVER_PROCESSES)))
COALESCE = os.environ.get("BENCH_COALESCE", "1") == "1"  # 0: a write per reply (aiosmtpd's own)
assert CONNECTIONS <= SERVER_PROCESSES, "each connection needs a server process of its own"
FLAT_MIB = 64  # the most the resident size may grow while sending, whatever the size
RUN = int(time.time())  # addresses unique per run, so a kept database can be reused

workdir = tempfile.mkdtemp(prefix="utblick-bench-")
os.environ.setdefault("UTBLICK_ENV", "test")
os.environ.setdefault("DEBUG", "false")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from utblick.jobs.models import Job  # noqa: E402
from utblick.jobs.services import execute_job  # noqa: E402
from utblick.news.models import NewsItem  # noqa: E402
from utblick.newsletter import services  # noqa: E402
from utblick.newsletter.models import Delivery, Issue, MailingList, Subscriber, Subscription  # noqa: E402
from utblick.newsletter.tests.smtp import Recorder, free_port  # noqa: E402
from utblick.tenancy.models import Municipality  # noqa: E402


def setup_data():
    municipality = Municipality.objects.get(code="1488")
    municipality.is_active = True
    municipality.save()
    mailing_list = MailingList.objects.create(
        municipality=municipality, name="Bench", name_sv="Bench", audience="external"
    )
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                municipality=municipality,
                email=f"reader{n:05}.{RUN}@example.org",
                language="en" if n % 5 == 0 else "sv",
            )
            for n in range(RECIPIENTS)
        ],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=s, mailing_list=mailing_list, status="active")
            for s in Subscriber.objects.filter(
                municipality=municipality, email__contains=f".{RUN}@"
            )
        ],
        batch_size=2000,
    )
    issue = Issue.objects.create(
        municipality=municipality,
        mailing_list=mailing_list,
        subject="Nyhetsbrev", subject_sv="Nyhetsbrev", subject_en="Newsletter",
        intro_sv="Hej! " * 40, intro_en="Hello! " * 40,
    )  # fmt: skip
    for n in range(5):
        item = NewsItem.objects.create(
            municipality=municipality, title=f"Nyhet {n}", title_sv=f"Nyhet {n}",
            title_en=f"News {n}", lead_sv="Ingress " * 20, lead_en="Lead " * 20,
            category="eu", is_public=True,
        )  # fmt: skip
        issue.news_items.add(item)
    return issue


def listening_socket(port) -> socket.socket:
    """The SMTP port, bound before the server processes start, which accept on it in turn."""
    # IPPROTO_TCP named, so that asyncio sets TCP_NODELAY on the accepted connections as it
    # does for its own servers (it looks at the socket's proto): aiosmtpd writes each reply
    # on its own, and Nagle would hold the second one back until the client's delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    listener.settimeout(0.2)  # to look at the stop event now and then
    return listener


def serve(number, listener, counter, ready, stop):
    """One SMTP server process (aiosmtpd): like Postfix's smtpd, it serves one client
    connection at a time, from accept to QUIT, then accepts the next one."""
    import asyncio

    from aiosmtpd.smtp import SMTP

    class Counting(Recorder):
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 Message accepted for delivery"

    class OneClient(SMTP):
        async def push(self, status):
            """As Postfix's smtpd (and Exim) do: while more pipelined input is waiting, the
            reply is kept and written together with the next ones, in one write when the
            input has been used up (aiosmtpd alone writes each reply on its own)."""
            if not COALESCE:
                return await super().push(status)
            if isinstance(status, str):
                status = status.encode("utf-8" if self.enable_SMTPUTF8 else "ascii")
            self.replies.append(status + b"\r\n")
            if not self._reader._buffer:  # noqa: SLF001 – what asyncio's reader holds
                self._writer.write(b"".join(self.replies))
                self.replies.clear()
                await self._writer.drain()

        def connection_lost(self, exc):
            super().connection_lost(exc)
            if not self.closed.done():
                self.closed.set_result(None)

    # PIPELINING offered, as by Postfix, Exim and the big mail providers.
    handler = Counting(keep_messages=False, pipelining=PIPELINING)
    loop = asyncio.new_event_loop()
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") == "1" else None
    ready.set()
    while not stop.is_set():
        try:
            client, _address = listener.accept()
        except TimeoutError:
            continue
        client.settimeout(None)
        protocol = OneClient(handler, hostname="bench.invalid", loop=loop)
        protocol.closed, protocol.replies = loop.create_future(), []
        if profile:
            profile.enable()
        loop.run_until_complete(loop.connect_accepted_socket(lambda p=protocol: p, client))
        loop.run_until_complete(protocol.closed)
        loop.run_until_complete(asyncio.sleep(0))  # let the protocol's handler task end
        if profile:
            profile.disable()
    if profile:
        print(f"\n--- SMTP server process {number} ---")
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


def rss_bytes() -> int:
    """The process's resident size now (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


class PeakRss(threading.Thread):
    """Samples the resident size every 20 ms until stopped; ``peak`` is the largest seen.
    Also notes when the server had accepted the first copy (``first_at``, perf_counter)."""

    def __init__(self, counter):
        super().__init__(daemon=True)
        self.peak = rss_bytes()
        self.done = threading.Event()
        self.counter = counter
        self.first_at = None

    def run(self):
        while not self.done.wait(0.02):
            self.peak = max(self.peak, rss_bytes())
            if self.first_at is None and self.counter.value:
                self.first_at = time.perf_counter()

    def stop(self):
        self.done.set()
        self.join()
        self.peak = max(self.peak, rss_bytes())


def main():
    context = multiprocessing.get_context("fork")  # before any database connection exists
    port, counter = free_port(), context.Value("i", 0)
    listener = listening_socket(port)
    stop = context.Event()
    servers = []
    for number in range(SERVER_PROCESSES):
        ready = context.Event()
        servers.append(context.Process(target=serve, args=(number, listener, counter, ready, stop)))
        servers[-1].start()
        ready.wait(30)
    listener.close()
    load_before = f"{os.getloadavg()[0]:.1f}"
    print(f"Migrating a fresh database in {workdir} …", flush=True)
    call_command("migrate", verbosity=0)
    issue = setup_data()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.NEWSLETTER_RATE_LIMIT = 0
    settings.NEWSLETTER_SMTP_CONNECTIONS = CONNECTIONS
    settings.EMAIL_TIMEOUT = 30
    traced = os.environ.get("BENCH_TRACEMALLOC", "0") == "1"
    if traced:
        tracemalloc.start()
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") == "1" else None
    before = rss_bytes()
    sampler = PeakRss(counter)
    sampler.start()
    load_start = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    # The immediate backend (test settings) runs the job as soon as it is queued.
    job = services.start_sending(issue=issue, user=None)
    execute_job(job_id=job.pk)  # no-op if it ran already; a finished job never runs again
    if profile:
        profile.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    load_end = os.getloadavg()[0]
    sampler.stop()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stop.set()
    for server in servers:
        server.join(10)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = children.ru_utime + children.ru_stime
    received = counter.value
    job.refresh_from_db()
    sent = Delivery.objects.filter(issue=issue, status="sent").count()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert sent == received == RECIPIENTS, (sent, received)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"recipients:            {RECIPIENTS}")
    print(
        f"SMTP server:           aiosmtpd, {SERVER_PROCESSES} process(es), "
        f"{'PIPELINING' if PIPELINING else 'no PIPELINING'} offered, "
        f"{'replies to pipelined commands written together' if COALESCE else 'a write per reply'}; "
        f"{CONNECTIONS} connection(s) from the sending"
    )
    print(f"received by server:    {received} (each exactly once: {sent == received})")
    print(f"time:                  {elapsed:.1f} s")
    rate = RECIPIENTS / elapsed
    growth = (sampler.peak - before) / 2**20
    print(f"mails per second:      {rate:.0f} ({judged(RECIPIENTS, rate)})")
    if sampler.first_at:
        # The first job of a worker process loads the URL configuration and renders the issue
        # once per language: a one-off cost, counted above, shown here apart.
        start_up = sampler.first_at - started
        print(
            f"after the start-up:    {RECIPIENTS / (elapsed - start_up):.0f} mails per second "
            f"(the first copy was accepted {start_up:.2f} s after the start)"
        )
    print(
        f"CPU time:              {cpu:.1f} s sending ({cpu / RECIPIENTS * 1000:.2f} ms per mail), "
        f"{server_cpu:.1f} s SMTP server process"
    )
    print(
        f"peak resident memory:  {sampler.peak / 2**20:.0f} MiB while sending "
        f"(+{growth:.1f} MiB over the {before / 2**20:.0f} MiB before; "
        f"flat, at most +{FLAT_MIB} MiB: {verdict(growth <= FLAT_MIB)})"
    )
    if traced:
        print(f"peak traced memory:    {traced_peak / 2**20:.1f} MiB (tracemalloc, during sending)")
    print(f"max resident size:     {maxrss_mb:.0f} MiB (whole process, setup included)")
    print(
        f"load average:          {load_before} before setup, {load_start:.1f} at the start "
        f"of sending, {load_end:.1f} at its end ({os.cpu_count()} CPUs)"
    )
    print(f"database:              {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"RESULT {RECIPIENTS} {rate:.0f} {growth:.1f} {cpu:.2f} {load_start:.1f}", flush=True)
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def judged(size: int, rate: float) -> str:
    if size < TARGET_FROM:
        return f"the target >= {TARGET:,} holds from {TARGET_FROM:,} recipients"
    return f"target >= {TARGET:,}: {verdict(rate >= TARGET)}"


def short_verdict(size: int, rate: float) -> str:
    return verdict(rate >= TARGET) if size >= TARGET_FROM else "-"


def run_sizes():
    """Each size in a fresh process of its own; then a summary and the flat-memory check."""
    results = []
    for size in SIZES:
        print(f"\n=== {size:,} recipients ===", flush=True)
        output = subprocess.run(  # noqa: S603 – this script itself
            [sys.executable, __file__, str(size)], capture_output=True, text=True, check=False
        )
        print(output.stdout, output.stderr[-3000:] if output.returncode else "", flush=True)
        line = next((row for row in output.stdout.splitlines() if row.startswith("RESULT ")), "")
        if line:
            results.append([float(value) for value in line.split()[1:]])
    print("\n=== summary ===")
    print(
        f"{'recipients':>10} {'mails/s':>8} {'target':>6} {'RSS growth':>12} "
        f"{'CPU/mail':>9} {'load':>5}"
    )
    for size, rate, growth, cpu, load in results:
        print(
            f"{size:>10,.0f} {rate:>8,.0f} {short_verdict(size, rate):>6} {growth:>8.1f} MiB "
            f"{cpu / size * 1000:>6.2f} ms {load:>5.1f}"
        )
    if len(results) > 1:
        spread = max(r[2] for r in results) - min(r[2] for r in results)
        print(
            f"memory flat across sizes: growth differs by {spread:.1f} MiB "
            f"(at most {FLAT_MIB // 2} MiB: {verdict(spread <= FLAT_MIB // 2)})"
        )


if __name__ == "__main__":
    try:
        if len(sys.argv) == 2:
            main()
        else:
            run_sizes()
    finally:
        if "BENCH_DATABASE_URL" not in os.environ:
            shutil.rmtree(workdir, ignore_errors=True)
