"""Loading of the Swedish counties and municipalities (reference data shared by all)."""

import csv
from collections import Counter
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).parent / "data"


def municipality_slug(short_name: str) -> str:
    return slugify(short_name.replace("å", "a").replace("ä", "a").replace("ö", "o"))


def load_reference_data(County, Municipality):
    """Create or update every county and municipality; idempotent."""
    counties = {}
    with open(DATA_DIR / "counties.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            counties[row["county_code"]], _ = County.objects.update_or_create(
                code=row["county_code"], defaults={"name": row["county_name"]}
            )
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Håbo and Habo share a slug; such pairs get their SCB code appended.
    slug_counts = Counter(municipality_slug(row["municipality_name_short"]) for row in rows)
    for row in rows:
        slug = municipality_slug(row["municipality_name_short"])
        if slug_counts[slug] > 1:
            slug = f"{slug}-{row['municipality_code']}"
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "short_name": row["municipality_name_short"],
                "slug": slug,
                "county": counties[row["county_code"]],
            },
        )
