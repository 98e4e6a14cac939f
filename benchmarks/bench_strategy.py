"""Action plan at scale: export, import, follow-up report and plan documents.

Builds a throw-away database with one plan of 2 000 activities (each with two follow-up
entries and a linked project) and prints how long each step takes and how many queries the
report needs. Targets: import of 2 000 rows under 30 s (an edited file, and the unchanged
Swedish export brought back by a unit representative: issue 18), report under 5 s with a
query count that does not depend on the number of activities. The load average is printed
beside the figures (the machine is shared: the CPU time is the steadier figure).
"""

import datetime
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
os.environ.setdefault("UTBLICK_ENV", "test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ACTIVITIES = 2000


def timed(label, function, target=None):
    """Wall-clock and CPU seconds (on a busy machine the CPU time is the steadier figure),
    the load average, and with a target (seconds, wall clock) PASS or MISS."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    verdict = f"  target {target} s: {'PASS' if wall < target else 'MISS'}" if target else ""
    print(f"{label:48} {wall:7.2f} s  (CPU {cpu:6.2f} s, load {load}){verdict}", flush=True)
    return result


def build():
    from utblick.projects.models import Project
    from utblick.strategy.models import ActionPlan, Activity, FocusArea, FollowUpEntry, Strategy
    from utblick.tenancy.models import Municipality

    municipality = Municipality.objects.get(code="1488")
    municipality.is_active = True
    municipality.save()
    strategy = Strategy.objects.create(municipality=municipality, title_sv="Strategi")
    areas = [
        FocusArea.objects.create(strategy=strategy, name_sv=f"Område {n}", order=n)
        for n in range(3)
    ]
    plan = ActionPlan.objects.create(
        municipality=municipality,
        strategy=strategy,
        title_sv="Plan",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    activities = Activity.objects.bulk_create(
        Activity(
            municipality=municipality,
            action_plan=plan,
            focus_area=areas[n % 3],
            key=f"K{n:05d}",
            title_sv=f"Aktivitet {n}",
            kind="core" if n % 2 else "development",
            progress=n % 101,
        )
        for n in range(ACTIVITIES)
    )
    FollowUpEntry.objects.bulk_create(
        FollowUpEntry(activity=a, date=datetime.date(2025, 1 + k, 1), text_sv="Rapport")
        for a in activities
        for k in range(2)
    )
    projects = Project.objects.bulk_create(
        Project(
            municipality=municipality,
            title_sv=f"Projekt {n}",
            role="partner",
            grant=Decimal(100000),
            own_cash=Decimal(25000),
            start_date=datetime.date(2025, 1, 1),
        )
        for n in range(ACTIVITIES)
    )
    through = Activity.projects.through
    through.objects.bulk_create(
        through(activity_id=a.pk, project_id=p.pk)
        for a, p in zip(activities, projects, strict=True)
    )
    return plan


def unit_rep(plan):
    """A unit representative of a unit that owns every tenth activity."""
    from utblick.strategy.models import Activity
    from utblick.tenancy.models import Membership, Role, Unit, User

    unit = Unit.objects.create(municipality=plan.municipality, name="Kulturförvaltningen")
    Activity.objects.filter(action_plan=plan, key__endswith="0").update(unit=unit)
    user = User.objects.create(username="bench-rep")
    Membership.objects.create(
        user=user, municipality=plan.municipality, role=Role.UNIT_REPRESENTATIVE, unit=unit
    )
    return user


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from utblick.strategy import exports, imports, reports
        from utblick.strategy.output import docx_files, outline, pdf_files

        plan = timed(f"build {ACTIVITIES} activities", build)
        rep = unit_rep(plan)
        csv_bytes = timed("export CSV (en)", lambda: exports.to_csv(plan, language="en"))
        sv_csv = timed("export CSV (sv)", lambda: exports.to_csv(plan, language="sv"))
        sv_xlsx = timed("export XLSX (sv)", lambda: exports.to_xlsx(plan, language="sv"))
        for label, content, fmt in (("CSV", sv_csv, "csv"), ("XLSX", sv_xlsx, "xlsx")):
            outcome = timed(
                f"round trip unchanged {label} (sv, unit rep)",
                lambda content=content, fmt=fmt: imports.import_file(
                    plan=plan, content=content, fmt=fmt, user=rep
                ),
                target=30,
            )
            counts = {k: v for k, v in outcome.as_dict().items() if k != "notes"}
            print(f"{'  rows':48} {counts}")
        edited = csv_bytes.replace(b";not_started;0\r\n", b";ongoing;5\r\n")
        outcome = timed(
            "import CSV (all rows checked, changes written)",
            lambda: imports.import_file(plan=plan, content=edited, fmt="csv", user=None),
            target=30,
        )
        counts = {k: v for k, v in outcome.as_dict().items() if k != "notes"}
        print(f"{'  rows':48} {counts}")
        with CaptureQueriesContext(connection) as queries:
            report = timed(
                "follow-up report",
                lambda: reports.follow_up_report(plan, start=plan.start_date, end=plan.end_date),
                target=5,
            )
        print(f"{'  report queries':48} {len(queries)}")
        print(f"{'  leverage':48} {report.leverage}")
        timed("report DOCX", lambda: docx_files.report_docx(report))
        from utblick.strategy.views import progress_chart

        chart = progress_chart(
            [{"focus_area": a.focus_area, "progress": a.average_progress} for a in report.areas]
        )
        timed(
            "report PDF (first in the process)",
            lambda: pdf_files.pdf_bytes(pdf_files.report_document(report, chart)),
        )
        content = timed("plan outline", lambda: outline.plan_outline(plan))
        timed("plan DOCX", lambda: docx_files.plan_docx(content))
        timed("plan PDF", lambda: pdf_files.pdf_bytes(pdf_files.plan_document(content)))
        timed("plan PDF again", lambda: pdf_files.pdf_bytes(pdf_files.plan_document(content)))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
