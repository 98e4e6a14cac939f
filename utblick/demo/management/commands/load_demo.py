import argparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from utblick.core import public_cache
from utblick.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load (or refresh) the demo: Trollhättan, Västerås, Kungälv and Motala. Idempotent. "
        "With --scale region, also generated data for all 290 municipalities (about 30,000 "
        "projects and 50,000 partner organisations) for load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "region"],
            default="demo",
            help="demo (default): the four municipalities; region: plus all 290, generated.",
        )
        # Multiplies the region totals; for tests (e.g. 0.001), hidden from --help.
        parser.add_argument("--scale-factor", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args, scale, scale_factor, **options):
        if not 0 < scale_factor <= 10:
            raise CommandError("--scale-factor must be above 0 and at most 10.")
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if scale == "region":
            self._region(scale_factor)
        # The region data is written in bulk, without the signals that drop cached pages.
        public_cache.invalidate()
        self.stdout.write(f"Sign in at {settings.SITE_URL}/login/ with password {DEMO_PASSWORD!r}:")
        for username, description in logins:
            self.stdout.write(f"  {username:28} {description}")
        if scale == "region":
            self.stdout.write(
                "  <slug>-samordnare             coordinator of each other municipality"
            )

    def _region(self, scale_factor):
        from utblick.demo.region import load_region

        self.stdout.write("Region-scale data for all municipalities:")
        result = load_region(scale=scale_factor, stdout=self.stdout)
        if not result.municipalities:
            self.stdout.write(
                f"Region data already loaded for all {result.skipped} municipalities; "
                "nothing added."
            )
            return
        added = ", ".join(f"{number:,} {name}" for name, number in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Region data for {result.municipalities} municipalities in "
                f"{result.seconds:.1f} s ({result.skipped} already had it): {added}."
            )
        )
