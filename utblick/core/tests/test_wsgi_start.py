"""The WSGI entry point loads the whole application at start and leaves it out of the
garbage collector's full passes."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import gc, json, sys, time
import utblick.wsgi
started = time.perf_counter()
gc.collect()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "views_loaded": "utblick.opendata.views" in sys.modules,
}))
"""


def test_the_wsgi_entry_loads_the_views_and_freezes_its_start_up_objects():
    environment = {**os.environ, "UTBLICK_ENV": "test", "DEBUG": "false"}
    result = subprocess.run(  # noqa: S603 (the test's own interpreter)
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["views_loaded"]
    # Django, the apps and their views: well over 100,000 objects, none left for a full
    # collection to walk but the few made since.
    assert found["frozen"] > 100_000
    assert found["tracked"] < 1_000
