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

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ._assignreport import AssignmentReport
from ._locate import STATUSES, UnassignedPointsWarning, assign
from ._pointindex import PolygonIndex
from ._validate import SeatmapError, choice
from .elections import BoundarySet

if TYPE_CHECKING:  # annotations only: importing seatmap.points stays light
    import geopandas as gpd
    import numpy as np
    import pandas as pd

__all__ = ["STATUSES", "PointReport", "PolygonIndex", "UnassignedPointsWarning", "assign_points"]

#: The report of :func:`assign_points` (``result.attrs["report"]``); see
#: :class:`seatmap._assignreport.AssignmentReport`.
PointReport = AssignmentReport


def assign_points(points: pd.DataFrame | gpd.GeoDataFrame | gpd.GeoSeries | np.ndarray | None = None,
                  boundary_set: int | str | BoundarySet = "2024", *,
                  lon: str | Sequence[float] | np.ndarray | None = None,
                  lat: str | Sequence[float] | np.ndarray | None = None,
                  x: str | Sequence[float] | np.ndarray | None = None,
                  y: str | Sequence[float] | np.ndarray | None = None, crs: int | str | None = None,
                  boundaries: gpd.GeoDataFrame | gpd.GeoSeries | None = None,
                  on_border: str = "missing", nearest: float | None = None, status: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  warn: bool = True) -> pd.Series | pd.DataFrame:
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
        nearest seat if it is within this many metres; their status is ``"nearest"``. At most
        :data:`NEAREST_MAX` (100 km); 0 or ``None`` gives no seat to points outside them all.
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
    nearest = check_nearest(nearest)
    if type(points).__module__.split(".")[0] in ("dask", "dask_geopandas", "dask_expr"):
        from ._pointdask import assign_dask

        return assign_dask(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                            boundaries=boundaries, on_border=on_border, nearest=nearest,
                            status=status)
    return assign(points, boundary_set, lon=lon, lat=lat, x=x, y=y, crs=crs,
                   boundaries=boundaries, on_border=on_border, nearest=nearest, status=status,
                   progress=progress, warn=warn)


#: The largest ``nearest=`` distance (metres): beyond it a point is not near a seat but abroad
#: or at sea, and giving it a British seat would hide the problem.
NEAREST_MAX = 100_000.0


def check_nearest(nearest: float | None) -> float | None:
    """``nearest=`` as a float (or None), refusing negative, infinite or huge distances."""
    import math

    if nearest is None:
        return None
    try:
        value = float(nearest)
        ok = not isinstance(nearest, (bool, str)) and math.isfinite(value)
    except (TypeError, ValueError):
        ok = False
    if not ok or not 0 <= value <= NEAREST_MAX:
        raise SeatmapError(
            f"nearest={nearest!r} must be a distance in metres from 0 to {NEAREST_MAX:,.0f} "
            "(100 km), e.g. 200 for addresses geocoded onto a beach; points further from "
            "every seat are at sea or abroad and are reported as 'outside'.")
    return value
