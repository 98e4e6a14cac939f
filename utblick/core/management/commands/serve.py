"""`manage.py serve`: the production server (granian), with Utblick's limits.

Granian reads requests in Rust (hyper) and hands only complete ones to Python's threads, so
a slow or stalled client holds no worker: the header must arrive within
``--header-timeout`` seconds, oversized header lines are refused with 431, and bodies over
REQUEST_MAX_BYTES get 413 from Django before they are read. Static files come from
WhiteNoise. A worker that dies is started again; one that grows past ``--max-rss`` MiB is
replaced. Database statements are cut off by PostgreSQL (DB_STATEMENT_TIMEOUT).
"""

import os
import shutil
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the production web server (granian) on the given host and port."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "8")))
        parser.add_argument("--header-timeout", type=float, default=5.0)
        parser.add_argument("--max-rss", type=int, default=1024)
        parser.add_argument("--access-log", action="store_true")

    def handle(self, *args, **options):
        # The granian beside this Python (the venv's), else one on the PATH.
        granian = str(Path(sys.executable).with_name("granian"))
        if not os.path.exists(granian):
            granian = shutil.which("granian") or ""
        if not granian:
            raise CommandError("granian is not installed (pip install -r requirements.lock).")
        argv = [
            granian,
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--http1-header-read-timeout", str(int(options["header_timeout"] * 1000)),
            "--respawn-failed-workers",
            "--workers-max-rss", str(options["max_rss"]),
            "--no-ws",
        ]  # fmt: skip
        if options["access_log"]:
            argv.append("--access-log")
        argv.append("utblick.wsgi:application")
        sys.stdout.flush()
        os.execv(granian, argv)  # noqa: S606 - replaces this process with the server
