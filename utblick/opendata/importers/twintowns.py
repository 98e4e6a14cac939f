"""The public twin-town list: CSV with city1, country1, city2, country2."""

from __future__ import annotations

from django.utils.translation import gettext as _

from utblick.core.limits import count_lines

from ..models import TwinTownPair
from ..text import normalise_text
from .base import Importer, ImportFailed, RowError, csv_records, required, text

COLUMNS = ("city1", "country1", "city2", "country2")


class TwinTownImporter(Importer):
    label = "Twin towns"
    refreshes_statistics = False

    def count(self):
        return max(count_lines(self.path) - 1, 0)

    def read(self):
        with open(self.path, encoding="utf-8-sig", newline="") as handle:
            reader, rows = csv_records(handle)
            missing = set(COLUMNS) - set(reader.fieldnames or [])
            if missing:
                raise ImportFailed(
                    _("This is not a twin-town list."),
                    [
                        {
                            "line": 1,
                            "message": _("Missing columns: %(columns)s")
                            % {"columns": ", ".join(sorted(missing))},
                        }
                    ],
                )
            yield from rows

    def parse(self, row):
        if None in row:
            raise RowError(_("The row has more cells than the header."))
        if not text(row.get("country1")) or not text(row.get("country2")):
            # A handful of pairs in the published list lack a country: counted, left out.
            self.stats["without_country"] = self.stats.get("without_country", 0) + 1
            return None
        city = required(row.get("city1"), "city1", 150)
        partner = required(row.get("city2"), "city2", 150)
        return TwinTownPair(
            city=city,
            country=required(row.get("country1"), "country1", 100),
            partner_city=partner,
            partner_country=required(row.get("country2"), "country2", 100),
            city_key=normalise_text(city)[:150],
            partner_city_key=normalise_text(partner)[:150],
        )

    def write(self, items):
        TwinTownPair.objects.bulk_create(items, ignore_conflicts=True)
