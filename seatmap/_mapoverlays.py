"""The layers of a seat map: outlines (targets, defences, pilots, anything indexed by code) and
their styles, a hex map's region borders and names, and the held-back communities' points.
Shared by :mod:`seatmap.mapspec`, the renderers and the explorer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._mapcells import join_cells, points_up_cells
from ._validate import SeatmapError

__all__ = ["COMMUNITY_BREAKS", "COMMUNITY_COLOURS", "COMMUNITY_SOURCES", "DEFENCE_DASH",
           "LABEL_CHAR", "LABEL_HEIGHT", "PILOT_COLOUR", "PILOT_DASH", "Overlay", "codes_of",
           "community_points", "defence_colour", "overlay_notes", "place_region_names",
           "region_outlines"]


# --------------------------------------------------------------------------------------------
# overlays (targets, defences, pilots, anything indexed by code)


@dataclass
class Overlay:
    name: str
    codes: list[str]
    notes: dict[str, str]
    colour: str
    weight: float
    dash: str | None = None
    row_label: str = ""


def codes_of(obj) -> tuple[list[str], pd.DataFrame | None]:
    if isinstance(obj, pd.DataFrame):
        f = obj.set_index("code") if obj.index.name != "code" and "code" in obj.columns else obj
        return [str(c) for c in f.index], f
    if isinstance(obj, pd.Series):
        if pd.api.types.is_bool_dtype(obj.dtype):
            keep = obj.fillna(False).to_numpy(dtype=bool)
            return [str(c) for c in obj.index[keep]], None
        return [str(c) for c in obj.index], obj.to_frame()
    if isinstance(obj, str):
        return [obj], None
    return [str(c) for c in obj], None


def overlay_notes(f: pd.DataFrame | None, kind: str) -> dict[str, str]:
    if f is None or len(f) == 0:
        return {}
    n = len(f)
    rank = (f["rank"].astype("Int64").astype(str).tolist() if "rank" in f.columns
            else [str(i) for i in range(1, n + 1)])
    parts = [["#" + r for r in rank]]
    if "swing_needed" in f.columns:
        parts.append(["swing needed " + v if v else "" for v in points_up_cells(f["swing_needed"])])
    if "swing_to_lose" in f.columns:
        parts.append(["swing to lose " + v if v else "" for v in points_up_cells(f["swing_to_lose"])])
    if kind == "pilots" and "pick" in f.columns:
        reg = f["region"].astype(str).tolist() if "region" in f.columns else [""] * n
        parts = [[f"{r} pick {p}".strip() for r, p in zip(reg, f["pick"].astype(str),
                                                         strict=True)],
                 ["list rank " + r for r in rank]]
    return dict(zip([str(c) for c in f.index], join_cells(*parts), strict=True))



#: Outline styles of the layers: targets solid in the party colour; defences dashed in a dark,
#: contrasting colour; pilots dotted purple (colour *and* pattern differ, so they read apart at
#: national zoom and in greyscale print).
DEFENCE_DASH = "7 5"
PILOT_DASH = "1 6"
PILOT_COLOUR = "#7b2cbf"


def defence_colour(party_colour: str) -> str:
    """Near-black, unless the party's own colour is dark: then a light contrasting grey-blue."""
    r, g, b = (int(party_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 60 else "#5b8fd1"


#: Size of a region name on a hex map, in layout units (neighbouring hexagons are 1 apart):
#: the width of a character and the height of a line, as drawn by the PNG and the HTML map.
LABEL_CHAR, LABEL_HEIGHT = 0.36, 0.9


def region_outlines(web, data: pd.DataFrame) -> dict | None:
    """Region borders of a hex map (planar), and each region's name placed off the hexagons.

    A name goes in the nearest free space (no hexagon, no other name under it) to its region;
    when that is more than a hexagon away, a thin leader line joins the two. Longer names are
    placed first. Returns ``{"lines", "labels": [[name, y, x]], "leaders": [[[y, x], [y, x]]]}``.
    """
    import shapely

    if "region" not in data.columns:
        return None
    geoms = np.array(web.to_shapely(), dtype=object)
    region = data["region"].astype("string").to_numpy(dtype=object, na_value=None)
    lines = []
    for name in dict.fromkeys(r for r in region if r is not None):
        union = shapely.union_all(geoms[region == name], grid_size=1e-3)
        for part in getattr(union, "geoms", [union]):
            for ring in [part.exterior, *part.interiors]:
                lines.append([[round(y, 3), round(x, 3)] for x, y in ring.coords])
    labels, leaders = place_region_names(geoms, region)
    return {"lines": lines, "labels": labels, "leaders": leaders}


def place_region_names(hexagons, region) -> tuple[list, list]:
    """Places for region names off the hexagons of a hex map, in layout units.

    Each name goes in the nearest free space (no hexagon, no name already placed under it) to
    its region, for a name ``LABEL_CHAR`` units a character wide and ``LABEL_HEIGHT`` high;
    longer names first; when the place is more than 0.6 units from the region, a leader line
    joins them.

    Parameters
    ----------
    hexagons : sequence of shapely polygons
        One per seat, in the layout's plane (neighbouring centres 1 apart).
    region : sequence of str or None
        Each seat's region.

    Returns
    -------
    labels : list of [name, y, x]
        The centre of each name.
    leaders : list of [[y, x], [y, x]]

    Examples
    --------
    >>> from seatmap.datasets import load_hexmap, load_seats
    >>> hexes = load_hexmap("pcon2024")
    >>> region = load_seats(2024, geometry=False)["region"].reindex(hexes.index).astype(str)
    >>> labels, leaders = place_region_names(hexes.geometry.values, region.to_numpy())
    >>> sorted(name for name, y, x in labels)[:2]
    ['East Midlands', 'East of England']
    """
    import shapely
    import shapely.ops

    geoms = np.asarray(hexagons, dtype=object)
    region = np.asarray(region, dtype=object)
    unions = {name: shapely.union_all(geoms[region == name], grid_size=1e-3)
              for name in dict.fromkeys(r for r in region if r is not None)}
    land = shapely.union_all(geoms).buffer(0.08)
    shapely.prepare(land)
    x0, y0, x1, y1 = land.bounds
    grid_x, grid_y = np.meshgrid(np.arange(x0 - 6, x1 + 6, 0.5), np.arange(y0 - 3, y1 + 3, 0.5))
    gx, gy = grid_x.ravel(), grid_y.ravel()
    taken = shapely.Point()  # the names placed so far
    labels, leaders = [], []
    for name in sorted(unions, key=lambda n: -len(str(n))):
        w, h = LABEL_CHAR * len(str(name)) + 0.3, LABEL_HEIGHT
        rx0, ry0, rx1, ry1 = unions[name].bounds
        near = (gx > rx0 - 8 - w / 2) & (gx < rx1 + 8 + w / 2) & (gy > ry0 - 6) & (gy < ry1 + 6)
        boxes = shapely.box(gx - w / 2, gy - h / 2, gx + w / 2, gy + h / 2)
        free = near.copy()
        free[near] = ~shapely.intersects(boxes[near], land)
        shapely.prepare(taken)
        free[free] = ~shapely.intersects(boxes[free], taken)
        if not free.any():  # pragma: no cover - a layout with no room: the region's middle
            pt = unions[name].point_on_surface()
            labels.append([str(name), round(pt.y, 3), round(pt.x, 3)])
            continue
        dist = shapely.distance(boxes[free], unions[name])
        centre = unions[name].centroid
        score = dist + 0.05 * np.hypot(gx[free] - centre.x, gy[free] - centre.y)
        k = int(np.argmin(score))
        best = boxes[free][k]
        cx, cy = gx[free][k], gy[free][k]
        labels.append([str(name), round(float(cy), 3), round(float(cx), 3)])
        taken = taken.union(best.buffer(0.25))
        if dist[k] > 0.6:
            a, b = shapely.ops.nearest_points(best, unions[name])
            leaders.append([[round(a.y, 3), round(a.x, 3)], [round(b.y, 3), round(b.x, 3)]])
    return labels, leaders


# --------------------------------------------------------------------------------------------
# held-back communities (points, not outlines)

#: Community points: colour by deprivation score (UK composite), from less to more deprived
COMMUNITY_COLOURS = ("#fcc5c0", "#f768a1", "#c51b8a", "#7a0177")
COMMUNITY_BREAKS = (40.0, 50.0, 60.0)
COMMUNITY_SOURCES = ("deprivation-mysociety-composite-uk-imd",
                     "deprivation-small-area-national-indices", "lookup-drkane-small-area-centroids")


def community_points(obj, eid: str | None, codes: list[str], hexmap: bool) -> dict | None:
    """Held-back communities as points (sized by population, coloured by deprivation score).

    ``obj``: a frame from :func:`seatmap.communities`, or ``True`` for every community of the
    map's election. Not drawn on hex maps (points have no place on a cartogram).
    """
    if obj is None or obj is False or hexmap:
        return None
    if obj is True:
        from .heldback import communities

        obj = communities(eid) if eid else communities()
    if not isinstance(obj, pd.DataFrame) or not {"lon", "lat", "population"} <= set(obj.columns):
        raise SeatmapError("communities= must be True or a frame from seatmap.communities().")
    f = obj[obj["seat"].astype(str).isin(set(codes))] if "seat" in obj.columns else obj
    pop = f["population"].to_numpy(float)
    radius = 2.5 + 12.0 * np.sqrt(pop / max(pop.max(), 1.0)) if len(f) else pop
    cls = np.searchsorted(COMMUNITY_BREAKS, f["imd_uk_score"].to_numpy(float))
    tips = [f"{n}: {int(p):,} people, deprivation score {s:.0f}"
            for n, p, s in zip(f["name"], pop, f["imd_uk_score"], strict=True)]
    return {"lat": f["lat"].round(5).tolist(), "lon": f["lon"].round(5).tolist(),
            "x": f["x"].tolist(), "y": f["y"].tolist(), "r": np.round(radius, 1).tolist(),
            "c": cls.tolist(), "tip": tips, "colours": list(COMMUNITY_COLOURS),
            "name": f"Held-back communities ({len(f):,})"}
