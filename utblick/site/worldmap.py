"""A world map of partner places, drawn as an SVG on the server.

The country outlines are Natural Earth 110m (public domain, see ``data/README.md``),
projected here with a plain equirectangular projection, so the page needs no map
tiles, no script and nothing from another site. Partners have a country and a city but
no coordinates: a marker stands at the city's coordinates when ``data/cities.csv`` (a small
cut of Wikipedia's twin-town lists, CC BY-SA 4.0) knows the city in that country, matched
by its normalised name, else at its country's centroid, where several places of one
country are spread in a small circle so that every marker stays clickable.

The map is an extra: the list on the same page is its text alternative. Every marker is
a link with a ``<title>`` (its accessible name) to the entry it stands for.
"""

import csv
import functools
import json
import math
import pathlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

DATA_FILE = pathlib.Path(__file__).with_name("data") / "countries-110m.json"
CITIES_FILE = pathlib.Path(__file__).with_name("data") / "cities.csv"

# Degrees of the world shown: Antarctica and the empty Arctic Ocean are left out.
NORTH, SOUTH = 84.0, -58.0
WIDTH = 1000
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE)
MARKER_RADIUS = 6
SPREAD_RADIUS = 11


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude in degrees to x and y in the viewBox."""
    lat = min(max(lat, SOUTH), NORTH)
    return (lon + 180) * SCALE, (NORTH - lat) * SCALE


@functools.cache
def _countries() -> dict[str, list[list[tuple[float, float]]]]:
    """Each country's outer rings, projected; read once per process."""
    stored = json.loads(DATA_FILE.read_text())
    countries = {}
    for code, rings in stored.items():
        if code == "AQ":
            continue
        countries[code] = [[project(lon, lat) for lon, lat in _unwrapped(flat)] for flat in rings]
    return countries


def _unwrapped(flat):
    """The ring's points in degrees; a ring that crosses the 180th meridian (Russia's far
    east, Fiji) gets its western half moved east by 360 degrees, so that it is not drawn
    as a band across the whole map; the part beyond the edge is cut off by the viewBox."""
    points = [(flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2)]
    crosses = any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False))
    if crosses:
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return points


def _ring_area_and_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


@functools.cache
def country_centroid(code: str) -> tuple[float, float] | None:
    """The centroid of the country's largest part (mainland France, not French Guiana),
    in viewBox coordinates; None for a country the dataset does not have."""
    rings = _countries().get(code)
    if not rings:
        return None
    return max((_ring_area_and_centroid(ring) for ring in rings), key=lambda pair: pair[0])[1]


def normalise(city: str) -> str:
    """A city name for matching: its first part ("Tempe" of "Tempe, Arizona"), without
    what is in brackets ("Kuressaare (Saaremaa)"), accents, case or punctuation ("Liège"
    and "liege", "Cluj-Napoca" and "Cluj Napoca")."""
    name = re.sub(r"\([^)]*\)", " ", city.split(",")[0])
    name = unicodedata.normalize("NFKD", name)
    name = "".join(char for char in name if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


@functools.cache
def _cities() -> dict[tuple[str, str], tuple[float, float]]:
    """{(country code, normalised city): (x, y)} of the known cities; read once."""
    with CITIES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            (row["country"], normalise(row["city"])): project(float(row["lng"]), float(row["lat"]))
            for row in csv.DictReader(handle)
        }


def city_position(country: str, city: str) -> tuple[float, float] | None:
    """Where the city of this country stands on the map, if the data knows it."""
    if not city.strip():
        return None
    return _cities().get((country, normalise(city)))


@functools.cache
def _outlines_path() -> str:
    """All countries as one path: the background, drawn identically on every map."""
    parts = []
    for rings in _countries().values():
        for ring in rings:
            # Whole viewBox units (a third of a degree) are finer than a screen shows the
            # map and keep the page small; points that fall together are dropped.
            points = []
            for x, y in ring:
                point = f"{round(x)} {round(y)}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 2:
                parts.append(f"M{' '.join(points)}Z")
    return "".join(parts)


@dataclass
class Place:
    """One marker: a partner place, with the names of the entries it stands for."""

    country: str
    country_name: str
    city: str
    url: str
    names: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The names and the place once: "Tempe (Arizona, USA)" for Tempe in "Tempe,
        Arizona", as a part of the city that every name already says is left out."""
        names = [name.casefold() for name in self.names]
        parts = [
            part.strip()
            for part in self.city.split(",")
            if part.strip()
            and not all(
                re.search(rf"(?<!\w){re.escape(part.strip().casefold())}(?!\w)", name)
                for name in names
            )
        ]
        where = ", ".join([*parts, self.country_name])
        return f"{'; '.join(self.names)} ({where})"


def places_from(entries):
    """Merge ``(country, city, url, name)`` tuples (``country`` a django-countries
    Country) into one place per city and country ("Tempe" and "tempe, Arizona" are one),
    keeping the first entry's link and city."""
    places = {}
    for country, city, url, name in entries:
        key = (country.code, normalise(city))
        place = places.get(key)
        if place is None:
            place = places[key] = Place(
                country=country.code, country_name=str(country.name), city=city.strip(), url=url
            )
        if name not in place.names:
            place.names.append(name)
    return list(places.values())


def _drawn(place) -> bool:
    return (
        city_position(place.country, place.city) is not None
        or country_centroid(place.country) is not None
    )


def summary(places) -> str:
    """The map's description: how many places in how many countries."""
    drawn = [place for place in places if _drawn(place)]
    countries = len({place.country for place in drawn})
    return " ".join(
        [
            ngettext("%(count)d partner place", "%(count)d partner places", len(drawn))
            % {"count": len(drawn)},
            ngettext("in %(count)d country.", "in %(count)d countries.", countries)
            % {"count": countries},
            gettext("The list on this page has the same information as text."),
        ]
    )


def _positions(places):
    """The marker position of each place that can be drawn, in the order of the places (the
    keyboard's order): at its city when known, else spread around its country's centroid."""
    at = {}
    by_country = {}
    for index, place in enumerate(places):
        position = city_position(place.country, place.city)
        if position is not None:
            at[index] = position
        elif country_centroid(place.country) is not None:
            by_country.setdefault(place.country, []).append(index)
    for country, in_country in by_country.items():
        cx, cy = country_centroid(country)
        for order, index in enumerate(in_country):
            if len(in_country) == 1:
                at[index] = (cx, cy)
                continue
            angle = 2 * math.pi * order / len(in_country) - math.pi / 2
            radius = SPREAD_RADIUS * (1 + order // 8)
            at[index] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return [(places[index], *at[index]) for index in sorted(at)]


def render(places, *, title: str, description: str, element_id: str = "worldmap"):
    """The SVG map: an accessible name (title) and description, the outlines hidden from
    assistive technology, and one focusable link per place that has a known country."""
    markers = format_html_join(
        "",
        '<a class="worldmap-marker" href="{}"><title>{}</title>'
        '<circle cx="{}" cy="{}" r="{}"></circle></a>',
        (
            (place.url, place.label, f"{x:.1f}", f"{y:.1f}", MARKER_RADIUS)
            for place, x, y in _positions(places)
        ),
    )
    return format_html(
        '<svg class="worldmap" id="{id}" viewBox="0 0 {width} {height}" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        '<path class="worldmap-land" aria-hidden="true" d="{outlines}"></path>{markers}</svg>',
        id=element_id,
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=description,
        outlines=mark_safe(_outlines_path()),  # numbers and letters only, built above
        markers=markers,
    )
