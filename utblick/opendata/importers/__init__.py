"""Importers of EU open data: ``IMPORTERS[kind](path).run(progress=...)``.

Each one streams its file, writes in batches inside one transaction, is idempotent (keys
are upserted) and raises :class:`ImportFailed` with line numbers when a row is malformed;
then nothing of the file is kept.
"""

from .base import ImportFailed
from .cordis import ParticipationImporter, ProjectListImporter
from .interreg import InterregImporter
from .twintowns import TwinTownImporter

IMPORTERS = {
    "cordis-participations": ParticipationImporter,
    "cordis-projects": ProjectListImporter,
    "interreg": InterregImporter,
    "twin-towns": TwinTownImporter,
}

__all__ = ["IMPORTERS", "ImportFailed"]
