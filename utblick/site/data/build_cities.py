"""Rebuild cities.csv, the small cut of city coordinates the world map uses.

Run once by hand from the project directory::

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=utblick.settings python utblick/site/data/build_cities.py \\
        ../shared/data/twin-towns/twin-towns-wikipedia-geo.csv

The source holds twin-town pairs with coordinates from English Wikipedia (see README.md
for the licence). Kept: every city of a pair with a Swedish side (the twin towns Swedish
municipalities have) and the cities of the demo's partners; one row per country and city,
with the ISO 3166-1 alpha-2 code instead of the English country name.
"""

import csv
import pathlib
import sys

import django

OUT = pathlib.Path(__file__).with_name("cities.csv")

# English country names of the source that django-countries spells otherwise; a name
# with a region ("Lower Saxony, Germany") is read by its last part.
COUNTRY_ALIASES = {
    "united states": "US",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "russia": "RU",
    "czech republic": "CZ",
    "republic of ireland": "IE",
    "georgia (country)": "GE",
    "grece": "GR",
    "moldavia": "MD",
    "bosnia and hercegovina": "BA",
    "ivory coast": "CI",
    "east timor": "TL",
    "kazakhstah": "KZ",
    "madagaskar": "MG",
    "surinam": "SR",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "syria": "SY",
    "iran": "IR",
    "laos": "LA",
    "taiwan": "TW",
    "brunei": "BN",
    "palestine": "PS",
    "west bank": "PS",
    "micronesia": "FM",
    "federated states of micronesia": "FM",
    "kosovo": "XK",
    "northern cyprus": "CY",
}
# The demo's place names that the source spells in English.
CITY_ALIASES = {("SE", "Göteborg"): "Gothenburg"}


def country_code(name, by_name):
    name = name.strip()
    if "," in name:
        name = name.rsplit(",", 1)[1].strip()
    key = name.casefold()
    return COUNTRY_ALIASES.get(key) or by_name.get(key)


def demo_cities():
    from utblick.demo.loader import MUNICIPALITIES
    from utblick.demo.region_data import CITIES

    wanted = {(country, city) for country, cities in CITIES.items() for city in cities}
    for data in MUNICIPALITIES.values():
        for _name, _kind, country, city in data["organisations"]:
            if city:
                wanted.add((str(country), city.split(",")[0].strip()))
    return wanted


def main(source):
    django.setup()
    from django.utils import translation
    from django_countries import countries

    from utblick.site.worldmap import normalise

    with translation.override("en"):
        by_name = {str(name).casefold(): code for code, name in countries}
    rows = {}  # (code, normalised city) -> (city, lat, lng)
    swedish = set()
    with open(source, encoding="utf-8", newline="") as handle:
        for pair in csv.DictReader(handle):
            sides = []
            for i in ("1", "2"):
                code = country_code(pair[f"country{i}"], by_name)
                city = pair[f"city{i}"].strip()
                if code and city and pair[f"lat{i}"] and pair[f"lng{i}"]:
                    sides.append((code, city, pair[f"lat{i}"], pair[f"lng{i}"]))
            for code, city, lat, lng in sides:
                rows.setdefault((code, normalise(city)), (city, lat, lng))
            if any(code == "SE" for code, *_rest in sides):
                swedish.update((code, normalise(city)) for code, city, *_rest in sides)
    keep = set(swedish)
    missing = []
    for code, city in sorted(demo_cities()):
        key = (code, normalise(CITY_ALIASES.get((code, city), city)))
        if key in rows:
            keep.add(key)
            if (code, city) in CITY_ALIASES:  # also under the demo's own name
                rows[(code, normalise(city))] = (city, *rows[key][1:])
                keep.add((code, normalise(city)))
        else:
            missing.append(f"{city} ({code})")
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country", "city", "lat", "lng"])
        for key in sorted(keep):
            city, lat, lng = rows[key]
            writer.writerow([key[0], city, lat, lng])
    print(f"{len(keep)} cities written to {OUT}; not in the source: {', '.join(missing)}")


if __name__ == "__main__":
    main(sys.argv[1])
