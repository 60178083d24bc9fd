"""Reading points for :func:`seatmap.assign_points`: coordinates from any supported input.

Turns a DataFrame (with named or recognised coordinate columns), a GeoDataFrame/GeoSeries, an
``(n, 2)`` array or separate arrays into float arrays, the input's index and the coordinate
system (given, taken from the input, or detected from the values, with the reason).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._crs import crs_key
from ._validate import SeatmapError

# column names recognised when the caller does not name the coordinate columns
_LONLAT_COLUMNS = (("longitude", "latitude"), ("lon", "lat"), ("lng", "lat"), ("long", "lat"))
_GRID_COLUMNS = (("easting", "northing"), ("eastings", "northings"), ("oseast1m", "osnrth1m"),
                 ("bng_e", "bng_n"), ("x", "y"))


def looks_lonlat(x: np.ndarray, y: np.ndarray) -> bool:
    ok = np.isfinite(x) & np.isfinite(y)
    return bool(ok.any()) and bool((np.abs(x[ok]) <= 180).all() and (np.abs(y[ok]) <= 90).all())


def _detect_crs(x: np.ndarray, y: np.ndarray, what: str) -> tuple[str, str]:
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return "27700", "no coordinates to detect from; assumed British National Grid"
    if looks_lonlat(x, y):
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
    values = frame[name]
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        values = values.astype("string").str.strip()  # text read as written (the CLI's input)
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


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


def coordinates(points, lon, lat, x, y, crs):
    """Return (index, x, y, crs key, how the crs was found) from any supported input."""
    import geopandas as gpd

    cx, cy, given = _named_coordinates(lon, lat, x, y, crs)
    if points is None:
        index, xs, ys, what = _from_arrays(cx, cy)
    elif isinstance(points, (gpd.GeoDataFrame, gpd.GeoSeries)) and cx is None:
        index, xs, ys, given, what = _from_geometries(points, crs)
    elif isinstance(points, pd.DataFrame):
        index, xs, ys, given, what = _from_frame(points, cx, cy, given)
    else:
        index, xs, ys, what = _from_array(points)
    key, how = _crs_of(xs, ys, crs, given, what)
    return index, xs, ys, key, how


def _named_coordinates(lon, lat, x, y, crs):
    """The coordinates the caller named (columns or arrays; None, None if neither pair) and the
    coordinate system they imply ("4326" for lon=/lat=, else None)."""
    if lon is not None or lat is not None:
        if lon is None or lat is None:
            raise SeatmapError("Pass both lon= and lat=.")
        if x is not None or y is not None:
            raise SeatmapError("Pass either lon=/lat= or x=/y=, not both.")
        if crs is not None and crs_key(crs) != "4326":
            raise SeatmapError("lon=/lat= are longitude/latitude (EPSG:4326); use x=/y= with crs= "
                               "for other coordinate systems.")
        return lon, lat, "4326"
    if x is not None or y is not None:
        if x is None or y is None:
            raise SeatmapError("Pass both x= and y=.")
        return x, y, None
    return None, None, None


def _numbers(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(np.asarray(values)), errors="coerce").to_numpy(
        "float64", na_value=np.nan)


def _from_arrays(cx, cy):
    """Separate coordinate arrays (no ``points``): their index if they carry one."""
    if cx is None:
        raise SeatmapError("Give the points: a DataFrame or GeoDataFrame, lon=/lat= arrays or "
                           "x=/y= arrays.")
    index = getattr(cx, "index", None)
    if not isinstance(index, pd.Index):
        index = getattr(cy, "index", None)
    xs, ys = _numbers(cx), _numbers(cy)
    if len(xs) != len(ys):
        raise SeatmapError(f"The coordinate arrays differ in length ({len(xs)} and {len(ys)}).")
    if not isinstance(index, pd.Index) or len(index) != len(xs):
        index = pd.RangeIndex(len(xs))
    return index, xs, ys, "the coordinates"


def _from_geometries(points, crs):
    """A GeoDataFrame's or GeoSeries' point geometries (NaN for missing and empty points)."""
    import geopandas as gpd
    import shapely

    geom = np.asarray(points.geometry.array if isinstance(points, gpd.GeoDataFrame)
                      else points.array, dtype=object)
    try:
        xs, ys = shapely.get_x(geom), shapely.get_y(geom)  # NaN for None and non-points
    except shapely.errors.GEOSException:  # empty points: GEOS refuses their x and y
        geom = np.where(shapely.is_empty(geom), np.array(None, dtype=object), geom)  # stubs: no bare None
        xs, ys = shapely.get_x(geom), shapely.get_y(geom)
    nan = np.flatnonzero(np.isnan(xs))
    kinds = shapely.get_type_id(geom[nan])
    bad = (kinds > 0) & ~shapely.is_empty(geom[nan])
    if bad.any():
        raise SeatmapError(
            f"assign_points needs point geometries; {int(bad.sum())} rows hold other shapes "
            "(lines or polygons). Use .representative_point() or .centroid first."
        )
    if crs is None and points.crs is None:
        return points.index, xs, ys, None, "the point geometries (no CRS set)"
    return points.index, xs, ys, crs_key(crs if crs is not None else points.crs), \
        "the point geometries"


def _from_frame(points: pd.DataFrame, cx, cy, given):
    """A DataFrame's coordinate columns: those named, or found by their names."""
    if cx is None:
        cx, cy, given = _guess_columns(points)
    for name in (cx, cy):
        if not isinstance(name, (str, int)) or isinstance(name, bool):
            raise SeatmapError("With a DataFrame, lon=/lat= (or x=/y=) are column names.")
    roles = ("longitude", "latitude") if given == "4326" else ("x (easting)", "y (northing)")
    xs, ys = _column(points, cx, roles[0]), _column(points, cy, roles[1])
    return points.index, xs, ys, given, f"columns {cx!r} and {cy!r}"


def _from_array(points):
    """An ``(n, 2)`` array: x (or lon) then y (or lat)."""
    arr = np.asarray(points, dtype="float64")
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise SeatmapError("Points as an array must have shape (n, 2): x (or lon) then y (or lat).")
    return pd.RangeIndex(len(arr)), arr[:, 0].copy(), arr[:, 1].copy(), "the coordinate array"


def _crs_of(xs, ys, crs, given, what) -> tuple[str, str]:
    """The coordinate system (as given, from the input, or detected) and how it was found;
    longitude/latitude given the wrong way round is refused."""
    if crs is not None:
        key, how = crs_key(crs), "as given"
    elif given is not None:
        key, how = given, "from the input"
    else:
        key, how = _detect_crs(xs, ys, what)
    if key == "4326":
        _check_lonlat(xs, ys)
    return key, how
