"""Assign points (members' addresses, sign-ups, canvass returns) to constituencies, fast and exactly.

:func:`assign_points` takes longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700)
coordinates, as arrays, DataFrame columns or a GeoDataFrame, and returns the GSS code of the seat
each point lies in, aligned to the input's index. Nothing is dropped: points at sea or outside the
UK, points with missing or impossible coordinates and points exactly on a boundary come back as
missing (``<NA>``), are counted in a :class:`PointReport` (``result.attrs["report"]``) and raise one
:class:`UnassignedPointsWarning` that says how many and why.

Exactness
---------
The answer for every point is the one ``geopandas.sjoin(points, seats, predicate="within")`` gives
on the same polygons: a point is in a seat if it lies in the seat's *interior*. A point exactly on
a boundary (a shared border or the coastline) is within no seat, so it comes back missing with the
status ``"border"``; pass ``on_border="first"`` to give it to the seat with the alphabetically first
GSS code among those it touches. Where two polygons overlap (seatmap's boundaries do not), the
first code wins.

Speed
-----
A :class:`PolygonIndex` (a multi-level grid built once per boundary set and coordinate system, in
about two seconds, then cached) resolves about 95% of points by array look-ups alone; the rest,
in cells crossed by a boundary, get the exact geometric test against the two or three seats
whose boundaries cross their cell. Lon/lat input is matched against the boundaries projected to
lon/lat (so no per-point projection is needed); other coordinate systems are projected to British
National Grid first.

Dask
----
Pass a dask (or dask-geopandas) DataFrame and you get a lazy dask result computed partition by
partition; the index is built once on the client and shipped to each worker once (install the
``seatmap[scale]`` extra).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._assignreport import _STATUSES, AssignmentReport
from ._cache import memoized
from ._crs import to_bng
from ._crs import transform as _transform
from ._pointindex import OUTSIDE, PolygonIndex
from ._pointinput import _coordinates, _crs_key, _looks_lonlat
from ._validate import SeatmapError, choice
from .elections import BoundarySet
from .elections import boundary_set as _boundary_set

__all__ = ["STATUSES", "PointReport", "PolygonIndex", "UnassignedPointsWarning", "assign_points"]

#: Status of each point, in the order of the ``status`` categories.
STATUSES = _STATUSES["points"]
_WITHIN, _BORDER, _NEAREST, _OUTSIDE, _MISSING, _INVALID = range(len(STATUSES))
_CHUNK = 1 << 20  # points per chunk (progress is reported per chunk)

#: The report of :func:`assign_points` (``result.attrs["report"]``); see
#: :class:`seatmap._assignreport.AssignmentReport`.
PointReport = AssignmentReport


class UnassignedPointsWarning(UserWarning):
    """Some points were not assigned to a seat (they are ``<NA>``; see the report)."""


# -- the seat polygons and their index --------------------------------------------------------

@dataclass
class _Locator:
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

            return _sorted_polygons(load_boundaries(self.set_id, crs=27700))[1]
        import shapely

        def project(coords):
            return np.column_stack(to_bng(coords[:, 0], coords[:, 1], self.crs))

        return shapely.transform(self.index.geoms, project)


def _sorted_polygons(frame) -> tuple[np.ndarray, np.ndarray]:
    codes = np.asarray(frame.index.astype(str))
    order = np.argsort(codes, kind="stable")
    return codes[order], np.asarray(frame.geometry.array, dtype=object)[order]


@memoized(maxsize=4)
def _seat_locator(set_id: str, crs_key: str) -> _Locator:
    from .datasets import load_boundaries

    codes, geoms = _sorted_polygons(load_boundaries(set_id, crs=int(crs_key)))
    return _Locator(codes, PolygonIndex.cached(geoms, f"pcon{set_id}-{crs_key}"), crs_key,
                    f"{set_id} boundary set", set_id)


def _custom_locator(boundaries) -> _Locator:
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
    codes, geoms = _sorted_polygons(geo[keep].to_frame("geometry"))
    return _Locator(codes, PolygonIndex(geoms), _crs_key(boundaries.crs),
                    f"{len(codes)} polygons given")


# -- assignment -------------------------------------------------------------------------------

def _assign_arrays(xs, ys, loc: _Locator, src_key: str, on_border: str, nearest: float | None,
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
            pos_far = _nearest(xs[far], ys[far], loc, src_key, nearest)
            hit = pos_far >= 0
            pos[far[hit]] = pos_far[hit]
            status[far[hit]] = _NEAREST
    return pos, status


def _nearest(xs, ys, loc: _Locator, src_key: str, max_distance: float) -> np.ndarray:
    """Position of the nearest polygon within ``max_distance`` metres, or -1."""
    import shapely

    if src_key != "27700":
        xs, ys = to_bng(xs, ys, src_key)
    tree = shapely.STRtree(loc.bng_geometries())
    i, j = tree.query_nearest(shapely.points(xs, ys), max_distance=max_distance, all_matches=False)
    out = np.full(len(xs), OUTSIDE, dtype=np.int32)
    out[i] = j
    return out



def assign_points(points=None, boundary_set: int | str | BoundarySet = "2024", *, lon=None,
                  lat=None, x=None, y=None, crs=None, boundaries=None, on_border: str = "missing",
                  nearest: float | None = None, status: bool = False,
                  progress: Callable[[int, int], None] | None = None, warn: bool = True):
    """Return the constituency (GSS code) each point lies in.

    Parameters
    ----------
    points : DataFrame, GeoDataFrame, GeoSeries, (n, 2) array, or dask DataFrame, optional
        The points. A DataFrame needs coordinate columns: name them with ``lon=``/``lat=`` or
        ``x=``/``y=``, or let seatmap find ``longitude``/``latitude``, ``lon``/``lat``,
        ``easting``/``northing``, ``oseast1m``/``osnrth1m`` or ``x``/``y``. A GeoDataFrame's point
        geometry and CRS are used. Omit ``points`` to pass arrays as ``lon=``/``lat=`` or
        ``x=``/``y=``.
    boundary_set : {"2024", "2010"}, default "2024"
        Seats of the 2024 set (the current constituencies) or the 2010 set (elections
        2010-2019). An election works too (2019 means the 2010 set).
    lon, lat : str or array-like, optional
        Longitude and latitude (EPSG:4326): column names, or arrays when ``points`` is omitted.
    x, y : str or array-like, optional
        Coordinates in ``crs`` (British National Grid eastings/northings unless said otherwise).
    crs : optional
        Coordinate system of the input (anything pyproj understands: ``4326``, ``27700``,
        ``"EPSG:3857"``...). By default it comes from the GeoDataFrame, from ``lon=``/``lat=``, or
        from the values (lon/lat if every value fits, else British National Grid); the report
        says which.
    boundaries : GeoDataFrame, optional
        Assign to these polygons instead (its index gives the codes returned), e.g. wards.
    on_border : {"missing", "first"}, default "missing"
        Points exactly on a boundary are within no seat, as in ``sjoin(predicate="within")``:
        ``"missing"`` leaves them ``<NA>``; ``"first"`` gives them the seat, among those they
        touch, with the alphabetically first code. Either way their status is ``"border"``.
    nearest : float, optional
        Give points outside every seat (addresses just beyond a generalised coastline) the
        nearest seat if it is within this many metres; their status is ``"nearest"``.
    status : bool, default False
        Return a DataFrame with ``code`` and ``status`` columns instead of a Series.
    progress : callable, optional
        Called as ``progress(done, total)`` after each million points.
    warn : bool, default True
        Warn (:class:`UnassignedPointsWarning`) when some points get no seat.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        ``code`` (categorical over every seat code, so ``value_counts()`` lists empty seats too),
        aligned to the input's index; ``<NA>`` where no seat applies. With ``status=True`` also
        ``status`` (one of :data:`STATUSES`). ``.attrs["report"]`` holds the :class:`PointReport`.
        For a dask input, a lazy dask Series/DataFrame (no report: count ``status`` instead).

    Raises
    ------
    SeatmapError
        For unreadable input: unknown columns, non-point geometry, swapped lon/lat, or an
        undetectable coordinate system.

    Examples
    --------
    >>> import pandas as pd
    >>> members = pd.DataFrame({"lon": [-0.1246, -2.2995, 1.9], "lat": [51.4996, 53.5933, 53.0]})
    >>> codes = assign_points(members, lon="lon", lat="lat", warn=False)
    >>> codes.tolist()  # Westminster, Bury, the North Sea
    ['E14001172', 'E14001144', <NA>]
    >>> assign_points(members, "2010", warn=False).tolist()  # lon/lat columns found by name
    ['E14000639', 'E14000611', <NA>]
    >>> codes.attrs["report"].counts["outside"]
    1
    """
    on_border = choice(on_border, ("missing", "first"), "on_border value")
    if type(points).__module__.split(".")[0] in ("dask", "dask_geopandas", "dask_expr"):
        from ._pointdask import _assign_dask

        return _assign_dask(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                            boundaries=boundaries, on_border=on_border, nearest=nearest,
                            status=status)
    return _assign(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                   boundaries=boundaries, on_border=on_border, nearest=nearest, status=status,
                   progress=progress, warn=warn)


def _locator_for(boundary_set_value, boundaries, key: str) -> _Locator:
    if boundaries is not None:
        return boundaries if isinstance(boundaries, _Locator) else _custom_locator(boundaries)
    set_id = _boundary_set(boundary_set_value).id
    return _seat_locator(set_id, "4326" if key == "4326" else "27700")


def _assign(points, boundary_set_value, *, lon, lat, x, y, crs, boundaries, on_border, nearest,
            status, progress, warn, locator: _Locator | None = None):
    t0 = time.perf_counter()
    index, xs, ys, key, how = _coordinates(points, lon, lat, x, y, crs)
    loc = locator if locator is not None else _locator_for(boundary_set_value, boundaries, key)
    if loc.set_id is not None and key == "27700" and _looks_lonlat(xs, ys):
        raise SeatmapError("The points are given as British National Grid but every value looks "
                           "like longitude/latitude; pass crs=4326 (or lon=/lat=).")
    pos, st = _assign_arrays(xs, ys, loc, key, on_border, nearest, progress)
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

