"""One coordinate-system helper for the whole package: name a CRS, and project coordinates.

Coordinate systems are named by a short *key*: ``"4326"`` (longitude/latitude), ``"27700"``
(British National Grid), another EPSG number as text, or a WKT string for anything else. The
pyproj transformers are built once per pair of keys and reused.

>>> crs_key("EPSG:27700"), crs_key(4326)
('27700', '4326')
>>> x, y = to_bng([-0.1246], [51.4996])
>>> round(float(x[0])), round(float(y[0]))
(530273, 179518)
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ._validate import SeatmapError

if TYPE_CHECKING:
    from pyproj import CRS

__all__ = ["BNG", "LONLAT", "as_crs", "crs_key", "series_to_bng", "to_bng", "transform"]

LONLAT = "4326"
BNG = "27700"


def as_crs(crs: object) -> CRS:
    """A pyproj ``CRS`` from anything pyproj understands, or a clear error saying what to give.

    A whole-number float (``4326.0``, as a spreadsheet or JSON may hand it over) is read as that
    EPSG number; ``None``, booleans, unknown names and EPSG numbers that do not exist are a
    :class:`~seatmap.SeatmapError`, not a pyproj traceback.

    Parameters
    ----------
    crs : anything pyproj understands (``4326``, ``"EPSG:27700"``, a pyproj CRS, WKT...)

    Returns
    -------
    pyproj.CRS

    Examples
    --------
    >>> as_crs(4326.0).to_epsg()
    4326
    >>> as_crs("foo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seatmap._validate.SeatmapError: 'foo' is not a coordinate system ...
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if isinstance(crs, float) and crs.is_integer():
        crs = int(crs)
    if crs is None or isinstance(crs, (bool, float)):
        err: Exception | None = None
    else:
        try:
            return CRS.from_user_input(crs)
        except (CRSError, TypeError, ValueError) as e:
            err = e
    shown = repr(crs) if len(repr(crs)) <= 80 else repr(crs)[:77] + "..."
    raise SeatmapError(
        f"{shown} is not a coordinate system pyproj knows. Give an EPSG number such as 27700 "
        "(British National Grid eastings/northings), "
        "4326 (longitude/latitude) or 3857 (web Mercator), e.g. crs=27700 or --crs EPSG:27700."
    ) from err


def crs_key(crs) -> str:
    """``"4326"`` (lon/lat), ``"27700"`` (British National Grid) or a WKT string for others.

    Parameters
    ----------
    crs : anything pyproj understands (``4326``, ``"EPSG:27700"``, a pyproj CRS, WKT...)

    Returns
    -------
    str

    Examples
    --------
    >>> crs_key("EPSG:4326"), crs_key(27700)
    ('4326', '27700')
    """
    from pyproj import CRS

    c = as_crs(crs)
    if c.equals(CRS.from_epsg(27700)):
        return BNG
    if c.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return LONLAT
    return c.to_wkt()


def _key(crs) -> str:
    if isinstance(crs, str) and crs.isdigit():
        return crs
    try:
        return _cached_key(crs)
    except TypeError:  # unhashable CRS-like input
        return crs_key(crs)


@lru_cache(maxsize=16)
def _cached_key(crs) -> str:
    return crs_key(crs)


@lru_cache(maxsize=16)
def _transformer(src: str, dst: str):
    from pyproj import CRS, Transformer

    def crs(k):
        return CRS.from_epsg(int(k)) if k.isdigit() else CRS.from_user_input(k)

    return Transformer.from_crs(crs(src), crs(dst), always_xy=True)


def transform(xs, ys, src, dst) -> tuple[np.ndarray, np.ndarray]:
    """Project coordinate arrays from ``src`` to ``dst`` (keys or anything :func:`crs_key` takes).

    Parameters
    ----------
    xs, ys : array-like of float
        x (or longitude) and y (or latitude).
    src, dst : CRS keys or CRS-like

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)

    Examples
    --------
    >>> lon, lat = transform([530273.0], [179518.0], "27700", "4326")
    >>> round(float(lon[0]), 4), round(float(lat[0]), 4)
    (-0.1246, 51.4996)
    """
    src, dst = _key(src), _key(dst)
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    if src == dst:
        return xs, ys
    x, y = _transformer(src, dst).transform(xs, ys)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def to_bng(xs, ys, src=LONLAT) -> tuple[np.ndarray, np.ndarray]:
    """Project coordinates to British National Grid metres (EPSG:27700).

    Parameters
    ----------
    xs, ys : array-like of float
    src : CRS key or CRS-like, default ``"4326"`` (longitude/latitude)

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Eastings and northings.

    Examples
    --------
    >>> e, n = to_bng([-2.2995], [53.5933])
    >>> round(float(e[0]), -2), round(float(n[0]), -2)
    (380300.0, 410800.0)
    """
    return transform(xs, ys, src, BNG)


def series_to_bng(geometry):
    """A GeoSeries in British National Grid metres; input without a CRS is taken as BNG.

    Parameters
    ----------
    geometry : geopandas.GeoSeries or sequence of shapely geometries

    Returns
    -------
    geopandas.GeoSeries
        With CRS EPSG:27700 (the input itself when it already is).

    Examples
    --------
    >>> import shapely
    >>> series_to_bng([shapely.Point(530268, 179640)]).crs.to_epsg()
    27700
    """
    import geopandas as gpd

    gs = geometry if isinstance(geometry, gpd.GeoSeries) else gpd.GeoSeries(geometry)
    if gs.crs is None:
        return gs.set_crs(27700)
    return gs if gs.crs.to_epsg() == 27700 else gs.to_crs(27700)
