"""Build ``world.json`` (ISO3 -> SVG path) from Natural Earth 1:110m shapes, once, by hand.

Not used at run time. Input: ``countries-110m.json`` from the npm package ``world-atlas``
(2.0.2; Natural Earth data, public domain; package ISC licence). Numeric ISO 3166-1 ids
are turned into alpha-3 codes with ``numeric_to_iso3.json`` (made with pycountry and
committed). Shapes without an id (N. Cyprus, Somaliland, Kosovo) are drawn as plain land.

    python msme_section/map_data/build_map.py path/to/countries-110m.json
"""

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 1000, 500
LAT_TOP, LAT_BOTTOM = 84.0, -58.0  # Antarctica is left out


def project(lon, lat):
    # Equirectangular, cropped: plain and good enough for shading counts.
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
    return x, y


def decode_arcs(topo):
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points):
    out, last = [], None
    for lon, lat in points:
        if lat < LAT_BOTTOM:
            lat = LAT_BOTTOM
        x, y = project(lon, lat)
        pt = (round(x), round(y))
        if pt != last:
            out.append(pt)
            last = pt
    if len(out) < 3:
        return ""
    head = f"M{out[0][0]} {out[0][1]}"
    # A step across half the map crosses the antimeridian (Fiji, Russia): move, don't draw.
    rest = "".join(
        f"{'m' if abs(b[0] - a[0]) > WIDTH / 2 else 'l'}{b[0] - a[0]} {b[1] - a[1]}"
        for a, b in zip(out, out[1:], strict=False)
    )
    return head + rest + "z"


def main(source):
    topo = json.loads(Path(source).read_text())
    arcs = decode_arcs(topo)
    numeric = json.loads((HERE / "numeric_to_iso3.json").read_text())
    shapes, other = {}, []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        d = "".join(ring_path(ring(arcs, r)) for polygon in polygons for r in polygon)
        if not d:
            continue
        iso3 = numeric.get(geometry.get("id"))
        if iso3 == "ATA":
            continue
        if iso3:
            shapes[iso3] = shapes.get(iso3, "") + d
        else:
            other.append(d)
    data = {
        "_about": "Natural Earth 1:110m country shapes (public domain) via the npm package "
        "world-atlas 2.0.2 (ISC licence), projected equirectangular and rounded to whole "
        "units by build_map.py. Keys are ISO 3166-1 alpha-3 codes.",
        "width": WIDTH,
        "height": HEIGHT,
        "shapes": dict(sorted(shapes.items())),
        "unassigned": "".join(other),
    }
    (HERE / "world.json").write_text(json.dumps(data, separators=(",", ":")))
    print(len(shapes), "shapes", math.ceil((HERE / "world.json").stat().st_size / 1024), "KB")


if __name__ == "__main__":
    main(sys.argv[1])
