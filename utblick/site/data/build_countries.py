"""Rebuild countries-110m.json from the world-atlas npm package (Natural Earth 110m).

Run once by hand: ``cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz`` and
``python utblick/site/data/build_countries.py /tmp/package/countries-110m.json``.
The TopoJSON arcs are decoded into rings of longitude/latitude in tenths of a degree,
keyed by ISO 3166-1 alpha-2 code, so the site needs no TopoJSON reader at run time.
"""

import json
import pathlib
import sys

from django_countries import countries


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for delta_x, delta_y in arc:
            x += delta_x
            y += delta_y
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        decoded.append(points)
    return decoded


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def compact(points):
    flat, previous = [], None
    for lon, lat in points:
        point = (round(lon * 10), round(lat * 10))
        if point != previous:
            flat.extend(point)
        previous = point
    return flat


def main(source):
    topology = json.loads(pathlib.Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [compact(ring_points(polygon[0], arcs)) for polygon in polygons]
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else ""
        code = code or {"Kosovo": "XK"}.get(geometry["properties"]["name"], "")
        key = code or "-" + geometry["properties"]["name"]
        shapes.setdefault(key, []).extend(ring for ring in rings if len(ring) >= 6)
    target = pathlib.Path(__file__).with_name("countries-110m.json")
    target.write_text(json.dumps(shapes, separators=(",", ":"), sort_keys=True))


if __name__ == "__main__":
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    main(sys.argv[1])
