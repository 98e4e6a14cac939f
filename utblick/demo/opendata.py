"""Demo data: small cuts of the real EU open data (see data/README.md), so that the demo's
partner search answers "climate adaptation" / "klimatanpassning", and the registry partners
of the demo municipalities matched against it. Idempotent: importers upsert."""

from pathlib import Path

from utblick.opendata.importers import IMPORTERS
from utblick.opendata.resolution import resolve_municipality
from utblick.tenancy.models import Municipality

DATA = Path(__file__).resolve().parents[1] / "opendata" / "data"
FILES = [
    ("cordis-projects", "cordis-h2020-projects.xlsx"),
    ("cordis-projects", "cordis-fp7-projects.xlsx"),
    ("cordis-participations", "cordis-participations.csv"),
    ("interreg", "interreg-partners.json"),
    ("twin-towns", "twin-towns.csv"),
]


def load_demo_data():
    for kind, name in FILES:
        IMPORTERS[kind](DATA / name).run()
    for municipality in Municipality.objects.filter(is_active=True):
        resolve_municipality(municipality)
