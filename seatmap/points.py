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
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ._cache import cache_dir, cache_path, save_npz
from ._validate import SeatmapError, choice
from .elections import BoundarySet, boundary_set

__all__ = ["STATUSES", "PointReport", "PolygonIndex", "UnassignedPointsWarning", "assign_points"]

OUTSIDE = -1  # PolygonIndex result for a point within no polygon

#: Status of each point, in the order of the ``status`` categories.
STATUSES = ("within", "border", "nearest", "outside", "missing", "invalid")
_WITHIN, _BORDER, _NEAREST, _OUTSIDE, _MISSING, _INVALID = range(len(STATUSES))
_STATUS_TEXT = {
    "border": "exactly on a boundary",
    "nearest": "outside every seat, given the nearest one",
    "outside": "outside every seat (at sea or outside the UK)",
    "missing": "without coordinates",
    "invalid": "with coordinates out of range for the coordinate system",
}
_CHUNK = 1 << 20  # points per chunk (progress is reported per chunk)

# column names recognised when the caller does not name the coordinate columns
_LONLAT_COLUMNS = (("longitude", "latitude"), ("lon", "lat"), ("lng", "lat"), ("long", "lat"))
_GRID_COLUMNS = (("easting", "northing"), ("eastings", "northings"), ("oseast1m", "osnrth1m"),
                 ("bng_e", "bng_n"), ("x", "y"))


class UnassignedPointsWarning(UserWarning):
    """Some points were not assigned to a seat (they are ``<NA>``; see the report)."""


@dataclass
class PointReport:
    """What :func:`assign_points` did with every point.

    Attributes
    ----------
    total : int
        Number of input points (rows).
    assigned : int
        Points given a seat (the rest are ``<NA>``).
    counts : dict
        Points per status: ``within`` (inside a seat), ``border`` (exactly on a boundary),
        ``nearest`` (outside every seat, given the nearest one within ``nearest`` metres),
        ``outside`` (at sea or outside the UK), ``missing`` (no coordinates) and ``invalid``
        (coordinates out of range, e.g. latitude 95).
    rows : dict
        Row labels (of the input's index) for every status except ``within``.
    boundaries : str
        The polygons used (e.g. ``"2024 boundary set"``).
    crs : str
        The coordinate system of the input, and how it was determined.
    seconds : float
        Time taken.
    """

    total: int
    assigned: int
    counts: dict[str, int]
    rows: dict[str, pd.Index] = field(repr=False)
    boundaries: str
    crs: str
    seconds: float

    @property
    def unassigned(self) -> int:
        """Points left missing (``<NA>``)."""
        return self.total - self.assigned

    @property
    def points_per_second(self) -> float:
        """Throughput."""
        return self.total / self.seconds if self.seconds > 0 else float("inf")

    def summary(self) -> str:
        """One paragraph: how many points were assigned and why the others were not."""
        text = (f"{self.assigned:,} of {self.total:,} points assigned to a seat of the "
                f"{self.boundaries} ({self.crs}) in {self.seconds:.2f} s.")
        parts = []
        for status in STATUSES[1:]:
            n = self.counts.get(status, 0)
            if n:
                labels = list(self.rows.get(status, pd.Index([]))[:5])
                rows = ("row " if n == 1 else "rows ") + ", ".join(map(str, labels))
                noun = "point" if n == 1 else "points"
                parts.append(f"{n:,} {noun} {_STATUS_TEXT[status]} "
                             f"({rows}{', ...' if n > 5 else ''})")
        if parts:
            text += " Not assigned: " + "; ".join(parts) + "."
        if self.counts.get("border") and self.assigned < self.total:
            text += " on_border='first' assigns boundary points."
        return text

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """Counts per status as a small table (status, points, share_pct)."""
        rows = [(s, self.counts.get(s, 0)) for s in STATUSES]
        df = pd.DataFrame(rows, columns=["status", "points"])
        df["share_pct"] = 100.0 * df["points"] / max(self.total, 1)
        return df


# -- input handling ---------------------------------------------------------------------------

def _crs_key(crs) -> str:
    """``"4326"`` (lon/lat), ``"27700"`` (British National Grid) or a WKT string for others."""
    from pyproj import CRS

    c = CRS.from_user_input(crs)
    if c.equals(CRS.from_epsg(27700)):
        return "27700"
    if c.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return "4326"
    return c.to_wkt()


def _looks_lonlat(x: np.ndarray, y: np.ndarray) -> bool:
    ok = np.isfinite(x) & np.isfinite(y)
    return bool(ok.any()) and bool((np.abs(x[ok]) <= 180).all() and (np.abs(y[ok]) <= 90).all())


def _detect_crs(x: np.ndarray, y: np.ndarray, what: str) -> tuple[str, str]:
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return "27700", "no coordinates to detect from; assumed British National Grid"
    if _looks_lonlat(x, y):
        return "4326", f"{what} look like longitude/latitude (EPSG:4326)"
    xs, ys = x[ok], y[ok]
    if (xs > -1e6).all() and (xs < 2e6).all() and (ys > -1e6).all() and (ys < 2e6).all():
        return "27700", f"{what} look like British National Grid metres (EPSG:27700)"
    raise SeatmapError(
        f"Cannot tell the coordinate system of {what}: values run from {xs.min():g} to "
        f"{xs.max():g} and {ys.min():g} to {ys.max():g}. Pass crs=4326 for longitude/latitude or "
        "crs=27700 for British National Grid eastings/northings."
    )


def _check_lonlat(x: np.ndarray, y: np.ndarray) -> None:
    """Refuse latitude/longitude given the wrong way round (a common spreadsheet slip)."""
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return
    xs, ys = x[ok], y[ok]
    swapped = np.mean((xs >= 49) & (xs <= 61.5) & (ys >= -9) & (ys <= 2.5))
    normal = np.mean((ys >= 49) & (ys <= 61.5) & (xs >= -9) & (xs <= 2.5))
    if swapped > 0.5 and normal < 0.5:
        raise SeatmapError(
            "Longitude and latitude look swapped: most 'longitudes' are between 49 and 61 and "
            "most 'latitudes' between -9 and 2. Swap the two columns (lon is east-west, "
            "negative west of Greenwich; lat is about 50-61 in the UK)."
        )


def _column(frame: pd.DataFrame, name, role: str) -> np.ndarray:
    if name not in frame.columns:
        from ._validate import close_matches

        key = str(name).strip().lower()
        near = close_matches(name, frame.columns)
        near += [str(c) for c in frame.columns if str(c) not in near and key
                 and (str(c).lower().startswith(key) or key.startswith(str(c).lower()))]
        hint = f" Did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise SeatmapError(f"No column {name!r} for the {role}.{hint} "
                           f"Columns: {', '.join(map(str, frame.columns))}.")
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _guess_columns(frame: pd.DataFrame) -> tuple[str, str, str | None]:
    lower = {str(c).strip().lower(): c for c in frame.columns}
    for a, b in _LONLAT_COLUMNS:
        if a in lower and b in lower:
            return lower[a], lower[b], "4326"
    for a, b in _GRID_COLUMNS:
        if a in lower and b in lower:
            return lower[a], lower[b], None if a == "x" else "27700"
    raise SeatmapError(
        "Which columns hold the coordinates? Pass lon= and lat= (longitude/latitude) or x= and "
        f"y= (British National Grid eastings/northings). Columns: {', '.join(map(str, frame.columns))}."
    )


def _coordinates(points, lon, lat, x, y, crs):
    """Return (index, x, y, crs key, how the crs was found) from any supported input."""
    import geopandas as gpd

    if lon is not None or lat is not None:
        if lon is None or lat is None:
            raise SeatmapError("Pass both lon= and lat=.")
        if x is not None or y is not None:
            raise SeatmapError("Pass either lon=/lat= or x=/y=, not both.")
        cx, cy, given = lon, lat, "4326"
        if crs is not None and _crs_key(crs) != "4326":
            raise SeatmapError("lon=/lat= are longitude/latitude (EPSG:4326); use x=/y= with crs= "
                               "for other coordinate systems.")
    elif x is not None or y is not None:
        if x is None or y is None:
            raise SeatmapError("Pass both x= and y=.")
        cx, cy, given = x, y, None
    else:
        cx = cy = given = None

    if points is None:
        if cx is None:
            raise SeatmapError("Give the points: a DataFrame or GeoDataFrame, lon=/lat= arrays or "
                               "x=/y= arrays.")
        index = getattr(cx, "index", None)
        if not isinstance(index, pd.Index):
            index = getattr(cy, "index", None)
        xs = pd.to_numeric(pd.Series(np.asarray(cx)), errors="coerce").to_numpy("float64", na_value=np.nan)
        ys = pd.to_numeric(pd.Series(np.asarray(cy)), errors="coerce").to_numpy("float64", na_value=np.nan)
        if len(xs) != len(ys):
            raise SeatmapError(f"The coordinate arrays differ in length ({len(xs)} and {len(ys)}).")
        if not isinstance(index, pd.Index) or len(index) != len(xs):
            index = pd.RangeIndex(len(xs))
        what = "the coordinates"
    elif isinstance(points, (gpd.GeoDataFrame, gpd.GeoSeries)) and cx is None:
        import shapely

        geom = np.asarray(points.geometry.array if isinstance(points, gpd.GeoDataFrame)
                          else points.array, dtype=object)
        try:
            xs, ys = shapely.get_x(geom), shapely.get_y(geom)  # NaN for None and non-points
        except shapely.errors.GEOSException:  # empty points: GEOS refuses their x and y
            geom = np.where(shapely.is_empty(geom), None, geom)
            xs, ys = shapely.get_x(geom), shapely.get_y(geom)
        nan = np.flatnonzero(np.isnan(xs))
        kinds = shapely.get_type_id(geom[nan])
        bad = (kinds > 0) & ~shapely.is_empty(geom[nan])
        if bad.any():
            raise SeatmapError(
                f"assign_points needs point geometries; {int(bad.sum())} rows hold other shapes "
                "(lines or polygons). Use .representative_point() or .centroid first."
            )
        index = points.index
        if crs is None and points.crs is None:
            given, what = None, "the point geometries (no CRS set)"
        else:
            given = _crs_key(crs if crs is not None else points.crs)
            what = "the point geometries"
    elif isinstance(points, pd.DataFrame):
        if cx is None:
            cx, cy, given = _guess_columns(points)
        for name in (cx, cy):
            if not isinstance(name, (str, int)) or isinstance(name, bool):
                raise SeatmapError("With a DataFrame, lon=/lat= (or x=/y=) are column names.")
        roles = ("longitude", "latitude") if given == "4326" else ("x (easting)", "y (northing)")
        xs, ys = _column(points, cx, roles[0]), _column(points, cy, roles[1])
        index = points.index
        what = f"columns {cx!r} and {cy!r}"
    else:
        arr = np.asarray(points, dtype="float64")
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise SeatmapError("Points as an array must have shape (n, 2): x (or lon) then y (or lat).")
        xs, ys = arr[:, 0].copy(), arr[:, 1].copy()
        index = pd.RangeIndex(len(xs))
        what = "the coordinate array"

    if crs is not None:
        key, how = _crs_key(crs), "as given"
    elif given is not None:
        key, how = given, "from the input"
    else:
        key, how = _detect_crs(xs, ys, what)
    if key == "4326":
        _check_lonlat(xs, ys)
    return index, xs, ys, key, how


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
            return np.column_stack(_transform(coords[:, 0], coords[:, 1], self.crs, "27700"))

        return shapely.transform(self.index.geoms, project)


def _sorted_polygons(frame) -> tuple[np.ndarray, np.ndarray]:
    codes = np.asarray(frame.index.astype(str))
    order = np.argsort(codes, kind="stable")
    return codes[order], np.asarray(frame.geometry.array, dtype=object)[order]


@lru_cache(maxsize=4)
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


def _transform(xs, ys, src: str, dst: str):
    from pyproj import CRS, Transformer

    def crs(k):
        return CRS.from_epsg(int(k)) if k.isdigit() else CRS.from_user_input(k)

    t = Transformer.from_crs(crs(src), crs(dst), always_xy=True)
    return t.transform(xs, ys)


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
        xs, ys = _transform(xs, ys, src_key, "27700")
    tree = shapely.STRtree(loc.bng_geometries())
    i, j = tree.query_nearest(shapely.points(xs, ys), max_distance=max_distance, all_matches=False)
    out = np.full(len(xs), OUTSIDE, dtype=np.int32)
    out[i] = j
    return out


def _is_dask(obj) -> bool:
    return type(obj).__module__.split(".")[0] in ("dask", "dask_geopandas", "dask_expr")


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
    if _is_dask(points):
        return _assign_dask(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                            boundaries=boundaries, on_border=on_border, nearest=nearest,
                            status=status)
    return _assign(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                   boundaries=boundaries, on_border=on_border, nearest=nearest, status=status,
                   progress=progress, warn=warn)


def _locator_for(boundary_set_value, boundaries, key: str) -> _Locator:
    if boundaries is not None:
        return boundaries if isinstance(boundaries, _Locator) else _custom_locator(boundaries)
    set_id = boundary_set(boundary_set_value).id
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
    report = PointReport(len(xs), int((pos >= 0).sum()), counts, rows, loc.label,
                         f"{crs_text}, {how}", time.perf_counter() - t0)
    out = codes
    if status:
        out = pd.DataFrame({"code": codes, "status": pd.Categorical.from_codes(st, STATUSES)},
                           index=index)
    out.attrs["report"] = report
    if warn and report.unassigned:
        warnings.warn(report.summary(), UnassignedPointsWarning, stacklevel=3)
    return out


def _assign_partition(part, payload, boundary_set_value, opts):
    loc = _seat_locator(*payload) if isinstance(payload, tuple) else payload
    return _assign(part, boundary_set_value, locator=loc, progress=None, warn=False, **opts)


def _shared(loc: _Locator):
    """The index of polygons given by the caller, shipped to each worker once."""
    import dask

    try:
        from distributed import get_client

        return get_client().scatter(loc, broadcast=True)
    except (ImportError, ValueError):  # no distributed client: local schedulers share memory
        return dask.delayed(loc, name=f"seatmap-point-index-{id(loc):x}", traverse=False)


def _assign_dask(ddf, boundary_set_value, *, lon, lat, x, y, crs, boundaries, on_border, nearest,
                 status):
    meta_part = ddf._meta
    # the CRS decides which index to use: from the arguments, the frame, or a small sample
    if crs is None and getattr(ddf, "crs", None) is not None:
        crs = ddf.crs
    sample = meta_part if (crs is not None or lon is not None) else ddf.head(1000, npartitions=-1)
    _, _, _, key, _ = _coordinates(sample, lon, lat, x, y, crs)
    opts = {"lon": lon, "lat": lat, "x": x, "y": y, "crs": crs if crs is not None else key,
            "boundaries": None, "on_border": on_border, "nearest": nearest, "status": status}
    if boundaries is None:
        # seatmap's own boundaries: ship only their name; each worker builds (and caches) the
        # index from its own copy of the data, so the task graph stays small
        from .datasets import load_constituencies

        set_id = boundary_set(boundary_set_value).id
        payload = (set_id, "4326" if key == "4326" else "27700")
        codes = np.sort(np.asarray(load_constituencies(set_id).index.astype(str)))
    else:
        loc = _custom_locator(boundaries)
        payload, codes = _shared(loc), loc.codes
    code_meta = pd.Series(pd.Categorical([], categories=pd.Index(codes, dtype="string")),
                          index=meta_part.index[:0], name="code")
    meta = code_meta
    if status:
        meta = pd.DataFrame({"code": code_meta,
                             "status": pd.Categorical([], categories=STATUSES)},
                            index=meta_part.index[:0])
    return ddf.map_partitions(_assign_partition, payload, boundary_set_value, opts, meta=meta,
                              align_dataframes=False)


# -- the index --------------------------------------------------------------------------------

_FACTOR_BITS = 3  # lookup blocks are 8 x 8
_EMPTY = np.iinfo(np.int32).min


@lru_cache(maxsize=1)
def _source_fingerprint() -> bytes:
    """Hash of this module's source: a cached index is only reused by the code that built it."""
    import hashlib
    from pathlib import Path

    return hashlib.sha256(Path(__file__).read_bytes()).digest()


def _unique(a: np.ndarray) -> np.ndarray:
    """Sorted unique values (sorting is much faster than numpy's hash-based unique here)."""
    a = np.sort(a)
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def _sort_pairs(cell: np.ndarray, poly: np.ndarray, npoly: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort (cell, polygon) pairs by cell, then polygon."""
    key = np.sort(cell.astype(np.int64) * npoly + poly)
    return np.divmod(key, npoly)


def _in_sorted(a: np.ndarray, sorted_b: np.ndarray) -> np.ndarray:
    """Whether each value of ``a`` is in the sorted array ``sorted_b``."""
    if not len(sorted_b):
        return np.zeros(len(a), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_b, a), len(sorted_b) - 1)
    return sorted_b[pos] == a


def _first_of_runs(a: np.ndarray) -> np.ndarray:
    """Positions where a run of equal values starts in a sorted array."""
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return np.flatnonzero(keep)


class PolygonIndex:
    """Exact, vectorised point-in-polygon lookup over a fixed set of polygons.

    Answers "which polygon is this point *within*" with exactly the semantics of
    ``geopandas.sjoin(points, polygons, predicate="within")`` (a point on a boundary is within
    no polygon; where polygons overlap, the lowest position wins), but resolves most points by
    array indexing instead of a geometric test.

    Space is cut into square cells whose sides are powers of two (in the CRS's units), so the
    cell of a point, ``floor(x / size)``, is computed without rounding error. A cell is a
    *boundary cell* if a polygon ring passes through it: rings are cut into pieces no longer
    than the finest cell and every cell a piece's (slightly widened) bounding box touches is
    marked, so marking can only err towards "boundary". A cell no ring touches lies wholly
    inside one polygon or outside all, so its centre classifies every point in it. Boundary
    cells are split in four, down to the finest level; points in a finest boundary cell get the
    exact GEOS test (``shapely.contains_xy``) against the polygons whose rings cross the cell
    (plus any polygon containing the whole cell, which only overlapping polygons produce). For
    lookup the quadtree is flattened into a dense top grid and two levels of blocks, so a point
    needs at most three array look-ups.

    Parameters
    ----------
    geometries : array-like of shapely (Multi)Polygons
        The polygons, in the order whose positions :meth:`lookup` returns.
    top_cells : int, default 256
        About how many top-level cells span the longer side of the polygons' extent.
    depth : int, default 5
        Number of times a boundary cell is halved; the finest cells are ``2**depth`` times
        smaller than the top cells (128 m for the UK on British National Grid). Deeper indexes
        send fewer points to the exact test but take longer to build and more memory.

    Examples
    --------
    >>> import shapely
    >>> idx = PolygonIndex([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    >>> idx.lookup([0.5, 1.5, 1.0, 3.0], [0.5, 0.5, 0.5, 0.5]).tolist()
    [0, 1, -1, -1]
    """

    def __init__(self, geometries, top_cells: int = 256, depth: int = 5):
        import shapely

        if not 1 <= depth <= 9:
            raise ValueError("depth must be between 1 and 9")
        geoms = np.asarray(geometries, dtype=object)
        if geoms.ndim != 1 or not len(geoms):
            raise ValueError("PolygonIndex needs a non-empty 1-d array of polygons")
        kinds = shapely.get_type_id(geoms)
        if not np.isin(kinds, (3, 6)).all():
            raise ValueError("PolygonIndex only indexes Polygon and MultiPolygon geometries")
        self.geoms = geoms
        self.depth = depth
        # build levels at which each lookup level ends: at most 3 halvings (8 x 8 blocks) each
        nlev = -(-depth // _FACTOR_BITS)
        self.cuts = [0] + [round(depth * (j + 1) / nlev) for j in range(nlev)]
        self.bounds = shapely.bounds(geoms)
        minx, miny = np.nanmin(self.bounds[:, :2], axis=0)
        maxx, maxy = np.nanmax(self.bounds[:, 2:], axis=0)
        extent = max(maxx - minx, maxy - miny, np.finfo(float).tiny)
        # top cell size: a power of two, so x / size and its floor are exact
        self.size0 = float(2.0 ** np.floor(np.log2(extent / top_cells)))
        self.ix0 = int(np.floor(minx / self.size0))
        self.iy0 = int(np.floor(miny / self.size0))
        self.nx = int(np.floor(maxx / self.size0)) - self.ix0 + 1
        self.ny = int(np.floor(maxy / self.size0)) - self.iy0 + 1
        self._prepare()
        self._build()

    # -- a cache between processes -----------------------------------------------------------
    _ARRAYS = ("top", "cand_ptr", "cand_poly")
    _SCALARS = ("size0", "ix0", "iy0", "nx", "ny", "depth", "n_exact_cells")

    @classmethod
    def cached(cls, geometries, name: str, **params) -> PolygonIndex:
        """Build the index, or load it from the cache folder if this exact build was kept.

        The cache key is a hash of the polygons' WKB, the build parameters and this module's
        source, so an index is only reused for the very same polygons and code. Failures to
        read or write the cache are ignored (the index is then simply built).
        """
        import hashlib

        import shapely

        geoms = np.asarray(geometries, dtype=object)
        if cache_dir() is None:
            return cls(geoms, **params)
        digest = hashlib.sha256()
        for blob in shapely.to_wkb(geoms):
            digest.update(blob)
        digest.update(repr(sorted(params.items())).encode())
        digest.update(_source_fingerprint())
        entry = f"pointindex-{name}-{digest.hexdigest()[:20]}.npz"
        try:
            with np.load(cache_path(entry)) as z:
                return cls._from_arrays(geoms, z)
        except Exception:  # absent, unreadable or corrupt: build it
            pass
        index = cls(geoms, **params)
        # keep this build; drop stale builds of these polygons
        # uncompressed: loading it is part of every process's first call
        save_npz(entry, index._arrays(), prune_prefix=f"pointindex-{name}-", compress=False)
        return index

    def _arrays(self) -> dict:
        arrays = {k: getattr(self, k) for k in self._ARRAYS}
        arrays.update({f"block{j}": b for j, b in enumerate(self.blocks)})
        arrays["scalars"] = np.array([getattr(self, k) for k in self._SCALARS], dtype=np.float64)
        arrays["cuts"] = np.asarray(self.cuts, dtype=np.int64)
        return arrays

    @classmethod
    def _from_arrays(cls, geoms, z) -> PolygonIndex:
        import shapely

        self = cls.__new__(cls)
        self.geoms = geoms
        self.bounds = shapely.bounds(geoms)
        for k, v in zip(self._SCALARS, z["scalars"], strict=True):
            setattr(self, k, float(v) if k == "size0" else int(v))
        self.cuts = [int(c) for c in z["cuts"]]
        for k in self._ARRAYS:
            setattr(self, k, z[k])
        self.blocks = [z[f"block{j}"] for j in range(len(self.cuts) - 1)]
        self.sides = [1 << (self.cuts[j + 1] - self.cuts[j]) for j in range(len(self.cuts) - 1)]
        self._top_padded = np.pad(self.top, 1, constant_values=OUTSIDE).ravel()
        self._prepare()
        return self

    # -- pickling (dask ships the index to workers): geometries travel as WKB, prepared on arrival
    def __getstate__(self):
        import shapely

        state = self.__dict__.copy()
        state["geoms"] = shapely.to_wkb(self.geoms)
        return state

    def __setstate__(self, state):
        import shapely

        state["geoms"] = shapely.from_wkb(state["geoms"])
        self.__dict__.update(state)
        self._prepare()

    def _prepare(self):
        import shapely

        shapely.prepare(self.geoms)

    # -- building -----------------------------------------------------------------------------
    def _touching_pairs(self) -> list[np.ndarray]:
        """For every level (0 = top ... depth = finest), the sorted keys ``cell * n + polygon`` of
        the (cell, polygon) pairs where a ring of the polygon passes through the cell."""
        import shapely

        npoly = len(self.geoms)
        fine = self.size0 / 2**self.depth
        width, height = self.nx << self.depth, self.ny << self.depth
        parts, part_of = shapely.get_parts(self.geoms, return_index=True)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        coords, ring_of = shapely.get_coordinates(rings, return_index=True)
        same = ring_of[1:] == ring_of[:-1]
        owner = part_of[ring_part[ring_of[:-1][same]]].astype(np.int64)
        ax, ay = coords[:-1][same, 0], coords[:-1][same, 1]
        bx, by = coords[1:][same, 0], coords[1:][same, 1]
        # cut each segment into pieces no longer than a finest cell
        n = np.maximum(np.ceil(np.hypot(bx - ax, by - ay) / fine), 1).astype(np.int64)
        seg = np.repeat(np.arange(len(n)), n)
        step = np.arange(len(seg)) - np.repeat(np.cumsum(n) - n, n)
        t0, t1 = step / n[seg], (step + 1) / n[seg]
        dx, dy = (bx - ax)[seg], (by - ay)[seg]
        px0, px1 = ax[seg] + t0 * dx, ax[seg] + t1 * dx
        py0, py1 = ay[seg] + t0 * dy, ay[seg] + t1 * dy
        owner = owner[seg]
        eps = fine * 1e-6  # widen: interpolated piece ends may be off the segment by rounding
        ox, oy = self.ix0 << self.depth, self.iy0 << self.depth
        lox = np.floor((np.minimum(px0, px1) - eps) / fine).astype(np.int64) - ox
        hix = np.floor((np.maximum(px0, px1) + eps) / fine).astype(np.int64) - ox
        loy = np.floor((np.minimum(py0, py1) - eps) / fine).astype(np.int64) - oy
        hiy = np.floor((np.maximum(py0, py1) + eps) / fine).astype(np.int64) - oy
        span = int(max((hix - lox).max(), (hiy - loy).max()))
        keys = []
        for ix in range(span + 1):
            for iy in range(span + 1):
                cx, cy = lox + ix, loy + iy
                ok = (cx <= hix) & (cy <= hiy) & (cx >= 0) & (cy >= 0) & (cx < width) & (cy < height)
                keys.append((cy[ok] * width + cx[ok]) * npoly + owner[ok])
        levels = [_unique(np.concatenate(keys))]
        for k in range(self.depth, 0, -1):
            w = self.nx << k
            cell, poly = np.divmod(levels[0], npoly)
            y, x = np.divmod(cell, w)
            levels.insert(0, _unique(((y >> 1) * (w >> 1) + (x >> 1)) * npoly + poly))
        return levels

    def _centre_hits(self, cell, poly, cx, cy, size) -> np.ndarray:
        """For (cell, polygon) pairs, whether the polygon contains the cell's centre."""
        import shapely

        if not len(cell):
            return np.zeros(0, dtype=bool)
        return shapely.contains_xy(self.geoms[poly], (cx[cell] + 0.5) * size,
                                   (cy[cell] + 0.5) * size)

    def _bbox_keep(self, cell, poly, cx, cy, size) -> np.ndarray:
        """Whether each polygon's bounding box meets its (closed) cell."""
        b = self.bounds[poly]
        x0, y0 = cx[cell] * size, cy[cell] * size
        return (b[:, 0] <= x0 + size) & (b[:, 2] >= x0) & (b[:, 1] <= y0 + size) & (b[:, 3] >= y0)

    def _build(self) -> None:
        """Classify cells level by level.

        A cell is *plain* if no ring passes through it: its centre's polygon (among the candidates)
        is the answer for the whole cell. Otherwise it is a *boundary* cell and is split. The
        candidates of a cell are the polygons whose rings pass through its parent plus those that
        contain its parent entirely (none when the polygons do not overlap), so the candidate lists
        stay short and no polygon that could contain a point of the cell is ever missed.
        """
        import shapely

        npoly = len(self.geoms)
        touch = self._touching_pairs()
        depth, nx, ny = self.depth, self.nx, self.ny
        iy, ix = np.divmod(np.arange(nx * ny, dtype=np.int64), nx)
        keys, cx, cy = iy * nx + ix, ix + self.ix0, iy + self.iy0
        size = self.size0
        # top level: candidates are the polygons whose bounding box meets the cell
        tree = shapely.STRtree(shapely.box(*self.bounds.T))
        cand_cell, cand_poly = tree.query(shapely.box(cx * size, cy * size, (cx + 1) * size,
                                                      (cy + 1) * size))
        cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
        levels = []
        for k in range(depth + 1):
            size = self.size0 / 2**k
            t_cell, t_poly = np.divmod(touch[k], npoly)
            is_bnd = np.zeros(len(keys), dtype=bool)
            t_pos = np.searchsorted(keys, t_cell)
            is_bnd[t_pos] = True
            vals = np.full(len(keys), _EMPTY, dtype=np.int32)
            # plain cells: the lowest candidate containing the centre
            plain = ~is_bnd[cand_cell]
            pc, pp = cand_cell[plain], cand_poly[plain]
            hit = self._centre_hits(pc, pp, cx, cy, size)
            vals[~is_bnd] = OUTSIDE
            first = _first_of_runs(pc[hit])
            vals[pc[hit][first]] = pp[hit][first]
            # boundary cells: touching polygons, plus candidates not touching that contain it
            bc, bp = cand_cell[~plain], cand_poly[~plain]
            other = ~_in_sorted(keys[bc] * npoly + bp, touch[k])
            inside = np.zeros(len(bc), dtype=bool)
            inside[other] = self._centre_hits(bc[other], bp[other], cx, cy, size)
            cand_cell = np.concatenate([t_pos, bc[inside]])
            cand_poly = np.concatenate([t_poly, bp[inside]])
            cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
            levels.append((keys, vals, is_bnd))
            if k == depth:
                break
            # children of the boundary cells, sorted by key, with their parents' candidates
            bnd = np.flatnonzero(is_bnd)
            w = nx << k
            ky, kx = np.divmod(keys[bnd], w)
            sub = np.arange(4)
            ckeys = (((ky << 1)[:, None] + (sub >> 1)) * (w << 1) + (kx << 1)[:, None] + (sub & 1)).ravel()
            ccx = ((cx[bnd] << 1)[:, None] + (sub & 1)).ravel()
            ccy = ((cy[bnd] << 1)[:, None] + (sub >> 1)).ravel()
            order = np.argsort(ckeys, kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            pos = np.full(len(keys), -1, dtype=np.int64)
            pos[bnd] = np.arange(len(bnd))
            child = rank[((pos[cand_cell] * 4)[:, None] + sub).ravel()]
            cpoly = np.repeat(cand_poly, 4)
            keys, cx, cy = ckeys[order], ccx[order], ccy[order]
            keep = self._bbox_keep(child, cpoly, cx, cy, size / 2)
            cand_cell, cand_poly = child[keep], cpoly[keep]
            cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
        self._pack(levels, cand_cell, cand_poly)

    def _pack(self, levels, cand_cell, cand_poly) -> None:
        """Flatten the quadtree into a dense top grid and a few levels of square blocks.

        Lookup level ``j`` (1, 2...) holds build levels ``cuts[j-1] + 1 ... cuts[j]``; each of its
        blocks belongs to one boundary cell of build level ``cuts[j-1]`` and has
        ``2 ** (cuts[j] - cuts[j-1])`` cells a side.
        """
        cuts = self.cuts
        nlev = len(cuts) - 1
        owners = [levels[c][0][levels[c][2]] for c in cuts[:-1]]
        sides = [1 << (cuts[j + 1] - cuts[j]) for j in range(nlev)]
        top = levels[0][1].copy()
        blocks = [np.full(len(o) * f * f, _EMPTY, dtype=np.int32) for o, f in zip(owners, sides, strict=True)]
        # exact cells: the boundary cells of the finest level, with their candidate polygons
        keys_f, _, bnd_f = levels[self.depth]
        n_exact = int(bnd_f.sum())
        exact_pos = np.full(len(keys_f), -1, dtype=np.int64)
        exact_pos[bnd_f] = np.arange(n_exact)
        counts = np.bincount(exact_pos[cand_cell], minlength=n_exact)
        self.cand_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.cand_poly = cand_poly.astype(np.int32)  # sorted by (cell, polygon) already
        for k in range(self.depth + 1):
            keys, vals, is_bnd = levels[k]
            if k == 0:
                bnd = np.flatnonzero(is_bnd)
                top[bnd] = -2 - np.arange(len(bnd))  # pointers to level-1 blocks
                continue
            if k == self.depth:
                vals = vals.copy()
                vals[is_bnd] = -2 - exact_pos[is_bnd]  # exact cells
                sel = np.arange(len(keys))
            else:
                sel = np.flatnonzero(~is_bnd)
            j = int(np.searchsorted(cuts, k))  # lookup level holding build level k
            f, base = sides[j - 1], cuts[j - 1]
            rep = 1 << (cuts[j] - k)  # lookup cells a side covered by one build cell
            shift = k - base
            w, w_owner = self.nx << k, self.nx << base
            ky, kx = np.divmod(keys[sel], w)
            block = np.searchsorted(owners[j - 1], (ky >> shift) * w_owner + (kx >> shift))
            oy = (ky & ((1 << shift) - 1)) * rep
            ox = (kx & ((1 << shift) - 1)) * rep
            dy, dx = np.divmod(np.arange(rep * rep), rep)
            flat = ((block * f * f + oy * f + ox)[:, None] + (dy * f + dx)[None, :]).ravel()
            blocks[j - 1][flat] = np.repeat(vals[sel], rep * rep)
            if k == cuts[j] and k < self.depth:
                # boundary cells at the end of a lookup level point to the next level's blocks
                b = np.flatnonzero(is_bnd)
                kyb, kxb = np.divmod(keys[b], w)
                ob = np.searchsorted(owners[j - 1], (kyb >> shift) * w_owner + (kxb >> shift))
                flatb = ob * f * f + (kyb & (f - 1)) * f + (kxb & (f - 1))
                blocks[j - 1][flatb] = -2 - np.searchsorted(owners[j], keys[b])
        for j, blk in enumerate(blocks):
            if (blk == _EMPTY).any():  # pragma: no cover - internal consistency
                raise RuntimeError(f"PolygonIndex: unfilled cells in lookup level {j + 1}")
        self.top = top.reshape(self.ny, self.nx)
        self._top_padded = np.pad(self.top, 1, constant_values=OUTSIDE).ravel()
        self.blocks = blocks
        self.sides = sides
        self.n_exact_cells = n_exact

    # -- querying -----------------------------------------------------------------------------
    def lookup(self, x, y, *, return_exact: bool = False):
        """Position of the polygon each point is within, or ``OUTSIDE`` (-1).

        Parameters
        ----------
        x, y : array-like of float
            Coordinates in the polygons' CRS. NaN gives ``OUTSIDE``.
        return_exact : bool, default False
            Also return the positions of the points that needed the exact geometric test (the
            only ones that can lie on a boundary).

        Returns
        -------
        numpy.ndarray of int32 (and of intp positions with ``return_exact``)
        """

        x = np.ascontiguousarray(x, dtype=np.float64)
        y = np.ascontiguousarray(y, dtype=np.float64)
        inv = 1.0 / self.size0
        # top grid, padded with a ring of OUTSIDE cells: clipping sends every point beyond the
        # polygons' extent there (NaN coordinates are sent there explicitly)
        with np.errstate(invalid="ignore"):
            fx = np.clip(np.floor(x * inv) - (self.ix0 - 1), 0, self.nx + 1)
            fy = np.clip(np.floor(y * inv) - (self.iy0 - 1), 0, self.ny + 1)
        nan = np.isnan(fx) | np.isnan(fy)
        if nan.any():
            fx[nan] = 0
            fy[nan] = 0
        flat = fy.astype(np.intp)
        flat *= self.nx + 2
        flat += fx.astype(np.intp)
        out = self._top_padded.take(flat)
        ptr = np.flatnonzero(out <= -2)
        for j, (blocks, f) in enumerate(zip(self.blocks, self.sides, strict=True), start=1):
            if not len(ptr):
                break
            inv_j = inv * 2.0 ** self.cuts[j]
            sx = np.floor(x[ptr] * inv_j).astype(np.intp) & (f - 1)
            sy = np.floor(y[ptr] * inv_j).astype(np.intp) & (f - 1)
            block = -2 - out[ptr].astype(np.intp)
            out[ptr] = blocks.take(block * (f * f) + sy * f + sx)
            ptr = ptr[out[ptr] <= -2]
        exact = ptr  # points in finest-level boundary cells
        if len(exact):
            out[exact] = self._exact(x[exact], y[exact], (-2 - out[exact]).astype(np.intp))
        if return_exact:
            return out, exact
        return out

    def _exact(self, x, y, cell) -> np.ndarray:
        """The exact test for points in boundary cells, candidate by candidate.

        Candidates are in ascending order, so the first that contains a point is the answer:
        each round tests the next candidate only for the points still unresolved.
        """
        import shapely

        res = np.full(len(x), OUTSIDE, dtype=np.int32)
        start, stop = self.cand_ptr[cell], self.cand_ptr[cell + 1]
        todo = np.flatnonzero(stop > start)
        r = 0
        while len(todo):
            poly = self.cand_poly[start[todo] + r]
            hit = shapely.contains_xy(self.geoms[poly], x[todo], y[todo])
            res[todo[hit]] = poly[hit]
            r += 1
            todo = todo[~hit & (stop[todo] > start[todo] + r)]
        return res

    def touching(self, x, y) -> np.ndarray:
        """Position of the lowest polygon each point *intersects* (boundary included), or -1.

        Used for the few points that are within no polygon, to tell points on a boundary from
        points outside every polygon.
        """
        import shapely

        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        out = np.full(len(x), OUTSIDE, dtype=np.int32)
        if not len(x):
            return out
        tree = shapely.STRtree(shapely.box(*self.bounds.T))
        pt, poly = tree.query(shapely.points(x, y))
        hit = shapely.intersects_xy(self.geoms[poly], x[pt], y[pt])
        order = np.lexsort((poly[hit], pt[hit]))
        pts, polys = pt[hit][order], poly[hit][order]
        first = _first_of_runs(pts)
        out[pts[first]] = polys[first]
        return out

    @property
    def nbytes(self) -> int:
        """Memory used by the lookup arrays (not counting the polygons)."""
        return int(self.top.nbytes + sum(b.nbytes for b in self.blocks)
                   + self.cand_ptr.nbytes + self.cand_poly.nbytes)
