"""The core of :func:`seatmap.assign_points`: the seat polygons' index and the assignment itself.

:mod:`seatmap.points` (the public function) and :mod:`seatmap._pointdask` (dask frames, partition
by partition) both build on this module, so it imports neither of them.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._assignreport import STATUSES_BY_KIND, AssignmentReport
from ._cache import memoized
from ._crs import crs_key, to_bng
from ._crs import transform as _transform
from ._pointindex import OUTSIDE, PolygonIndex
from ._pointinput import coordinates, looks_lonlat
from ._validate import SeatmapError
from .elections import boundary_set as _boundary_set

#: Status of each point, in the order of the ``status`` categories.
STATUSES = STATUSES_BY_KIND["points"]
_WITHIN, _BORDER, _NEAREST, _OUTSIDE, _MISSING, _INVALID = range(len(STATUSES))
_CHUNK = 1 << 20  # points per chunk (progress is reported per chunk)

class UnassignedPointsWarning(UserWarning):
    """Some points were not assigned to a seat (they are ``<NA>``; see the report)."""


# -- the seat polygons and their index --------------------------------------------------------

@dataclass
class Locator:
    """A PolygonIndex with the codes of its polygons."""

    codes: np.ndarray
    index: PolygonIndex
    crs: str  # crs key of the index
    label: str
    set_id: str | None = None  # seatmap boundary set, None for polygons given by the caller

    def bng_geometries(self) -> np.ndarray:
        """The polygons in British National Grid (for distances in metres)."""
        if self.crs == "27700":
            return self.index.geoms
        if self.set_id is not None:
            from .datasets import load_boundaries

            return sorted_polygons(load_boundaries(self.set_id, crs=27700))[1]
        import shapely

        def project(coords):
            return np.column_stack(to_bng(coords[:, 0], coords[:, 1], self.crs))

        return shapely.transform(self.index.geoms, project)


def sorted_polygons(frame) -> tuple[np.ndarray, np.ndarray]:
    """The codes and polygons of a (Geo)DataFrame, sorted by code."""
    codes = np.asarray(frame.index.astype(str))
    order = np.argsort(codes, kind="stable")
    return codes[order], np.asarray(frame.geometry.array, dtype=object)[order]


@memoized(maxsize=4)
def seat_locator(set_id: str, crs_key: str) -> Locator:
    """The (cached) index of seatmap's own boundaries of ``set_id`` in ``crs_key``."""
    from .datasets import load_boundaries

    codes, geoms = sorted_polygons(load_boundaries(set_id, crs=int(crs_key)))
    return Locator(codes, PolygonIndex.cached(geoms, f"pcon{set_id}-{crs_key}"), crs_key,
                    f"{set_id} boundary set", set_id)


def custom_locator(boundaries) -> Locator:
    """The index of polygons given by the caller (``boundaries=``), checked first."""
    import geopandas as gpd

    if not isinstance(boundaries, (gpd.GeoDataFrame, gpd.GeoSeries)):
        raise SeatmapError("boundaries= must be a GeoDataFrame (or GeoSeries) of polygons "
                           "indexed by the codes to return.")
    if boundaries.crs is None:
        raise SeatmapError("boundaries= has no CRS; set one with .set_crs(...).")
    if not boundaries.index.is_unique:
        raise SeatmapError("boundaries= must have a unique index (the codes to return).")
    geo = boundaries.geometry
    keep = geo.notna() & ~geo.is_empty
    codes, geoms = sorted_polygons(geo[keep].to_frame("geometry"))
    return Locator(codes, PolygonIndex(geoms), crs_key(boundaries.crs),
                    f"{len(codes)} polygons given")


# -- assignment -------------------------------------------------------------------------------

def assign_arrays(xs, ys, loc: Locator, src_key: str, on_border: str, nearest: float | None,
                   progress: Callable[[int, int], None] | None):
    """Positions in ``loc.codes`` (-1 = none) and status codes for coordinate arrays."""
    n = len(xs)
    pos = np.full(n, OUTSIDE, dtype=np.int32)
    status = np.full(n, _OUTSIDE, dtype=np.int8)
    finite = np.isfinite(xs) & np.isfinite(ys)
    status[~finite] = _MISSING
    valid = finite.copy()
    if src_key == "4326":
        bad = finite & ((np.abs(xs) > 180) | (np.abs(ys) > 90))
        status[bad] = _INVALID
        valid &= ~bad
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        if valid[start:stop].all():
            ok = np.arange(start, stop)
            px, py = xs[start:stop], ys[start:stop]
        else:
            ok = np.flatnonzero(valid[start:stop]) + start
            px, py = xs[ok], ys[ok]
        if src_key != loc.crs:
            px, py = _transform(px, py, src_key, loc.crs)
        got, exact = loc.index.lookup(px, py, return_exact=True)
        pos[ok] = got
        status[ok] = np.where(got >= 0, _WITHIN, _OUTSIDE)
        # points in boundary cells that are within no polygon: on a boundary, or outside
        probe = exact[got[exact] < 0]
        if len(probe):
            touch = loc.index.touching(px[probe], py[probe])
            on = probe[touch >= 0]
            status[ok[on]] = _BORDER
            if on_border == "first":
                pos[ok[on]] = touch[touch >= 0]
        if progress is not None:
            progress(stop, n)
    if nearest is not None and nearest > 0:
        far = np.flatnonzero(status == _OUTSIDE)
        if len(far):
            pos_far = nearest_positions(xs[far], ys[far], loc, src_key, nearest)
            hit = pos_far >= 0
            pos[far[hit]] = pos_far[hit]
            status[far[hit]] = _NEAREST
    return pos, status


def nearest_positions(xs, ys, loc: Locator, src_key: str, max_distance: float) -> np.ndarray:
    """Position of the nearest polygon within ``max_distance`` metres, or -1."""
    import shapely

    if src_key != "27700":
        xs, ys = to_bng(xs, ys, src_key)
    tree = shapely.STRtree(loc.bng_geometries())
    i, j = tree.query_nearest(shapely.points(xs, ys), max_distance=max_distance, all_matches=False)
    out = np.full(len(xs), OUTSIDE, dtype=np.int32)
    out[i] = j
    return out



def locator_for(boundary_set_value, boundaries, key: str) -> Locator:
    """The index to use: the caller's polygons, or seatmap's boundaries in the points' CRS."""
    if boundaries is not None:
        return boundaries if isinstance(boundaries, Locator) else custom_locator(boundaries)
    set_id = _boundary_set(boundary_set_value).id
    return seat_locator(set_id, "4326" if key == "4326" else "27700")


def assign(points, boundary_set_value, *, lon, lat, x, y, crs, boundaries, on_border, nearest,
           status, progress, warn, locator: Locator | None = None):
    """:func:`seatmap.assign_points` for an in-memory frame or array (``locator`` skips the lookup)."""
    t0 = time.perf_counter()
    index, xs, ys, key, how = coordinates(points, lon, lat, x, y, crs)
    loc = locator if locator is not None else locator_for(boundary_set_value, boundaries, key)
    if loc.set_id is not None and key == "27700" and looks_lonlat(xs, ys):
        raise SeatmapError("The points are given as British National Grid but every value looks "
                           "like longitude/latitude; pass crs=4326 (or lon=/lat=).")
    pos, st = assign_arrays(xs, ys, loc, key, on_border, nearest, progress)
    categories = pd.Index(loc.codes, dtype="string")
    codes = pd.Series(pd.Categorical.from_codes(pos, categories=categories), index=index,
                      name="code")
    counts = {s: int(c) for s, c in zip(STATUSES, np.bincount(st, minlength=len(STATUSES)),
                                       strict=True)}
    rows = {s: index[st == i] for i, s in enumerate(STATUSES) if i != _WITHIN and counts[s]}
    crs_text = {"4326": "longitude/latitude", "27700": "British National Grid"}.get(key, "other CRS")
    given = ("nearest", "border") if on_border == "first" else ("nearest",)
    report = AssignmentReport(len(xs), int((pos >= 0).sum()), counts, rows, loc.label,
                              f"{crs_text}, {how}", time.perf_counter() - t0, kind="points",
                              boundary_set=loc.set_id, given=given)
    out = codes
    if status:
        out = pd.DataFrame({"code": codes, "status": pd.Categorical.from_codes(st, STATUSES)},
                           index=index)
    out.attrs["report"] = report
    if warn and report.unassigned:
        warnings.warn(report.summary(), UnassignedPointsWarning, stacklevel=3)
    return out

