"""A world map drawn on the server as inline SVG, countries shaded by a count.

Shapes come from ``map_data/world.json`` (Natural Earth, public domain; see
``map_data/build_map.py``), read once per process. Nothing is fetched at run time.
"""

import json
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

MAP_FILE = Path(__file__).resolve().parent / "map_data" / "world.json"

# Light to dark; each step meets 3:1 contrast against its neighbours' borders (white).
SHADES = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]


@lru_cache(maxsize=1)
def shapes():
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def classes(maximum):
    """Up to four count bands, ``[(low, high, colour)]``, covering 1..maximum."""
    if maximum <= 0:
        return []
    if maximum <= len(SHADES):
        return [(n, n, SHADES[n - 1 + len(SHADES) - maximum]) for n in range(1, maximum + 1)]
    step = maximum / len(SHADES)
    bands, low = [], 1
    for number, colour in enumerate(SHADES, start=1):
        high = maximum if number == len(SHADES) else max(low, round(step * number))
        bands.append((low, high, colour))
        low = high + 1
    return bands


def world_map(counts):
    """What the template needs to draw the map for ``{iso3: count}``."""
    data = shapes()
    bands = classes(max(counts.values(), default=0))

    def colour(count):
        for low, high, shade in bands:
            if low <= count <= high:
                return shade
        return ""

    # Some 170 paths: written here rather than by a template loop, which costs more than
    # the rest of the page.
    paths = []
    for iso3, d in data["shapes"].items():
        count = counts.get(iso3, 0)
        shading = f' fill="{colour(count)}" data-iso3="{escape(iso3)}"' if count else ""
        paths.append(f'<path d="{escape(d)}"{shading}/>')
    return {
        "width": data["width"],
        "height": data["height"],
        "paths": mark_safe("".join(paths)),  # noqa: S308 - every value above is escaped
        "unassigned": data["unassigned"],
        "legend": [{"low": low, "high": high, "fill": shade} for low, high, shade in bands],
        "not_drawn": sorted(iso3 for iso3 in counts if iso3 not in data["shapes"]),
        "credit": _("Boundaries: Natural Earth (public domain), simplified."),
    }
