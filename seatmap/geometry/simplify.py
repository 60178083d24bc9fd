"""Coverage simplification for the web: British National Grid polygons in, shared quantised arcs
in longitude/latitude out.

Every shared border is simplified once (GEOS coverage simplification, Visvalingam-Whyatt with a
tolerance in metres, in British National Grid), so the two seats on either side of a border keep
exactly the same line; the result is projected to WGS84 and encoded by
:func:`seatmap.geometry.arcs.encode_planar`. Used by the data build (``seatmap.build.web``) and,
through the cache in :mod:`seatmap.webgeom`, by the maps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .arcs import WebGeometry, encode_planar

__all__ = ["DEFAULT_QUANTUM_M", "DEFAULT_TOLERANCE_M", "simplify_and_encode"]

#: Default simplification tolerance (metres): "about 100 m detail".
DEFAULT_TOLERANCE_M = 100.0
#: Default quantisation grid (metres at the southern edge of the map).
DEFAULT_QUANTUM_M = 20.0
_M_PER_DEG = 111_320.0


def simplify_and_encode(geoms, codes: Sequence[str], *, tolerance: float = DEFAULT_TOLERANCE_M,
                        quantum: float = DEFAULT_QUANTUM_M,
                        min_area: float | None = None) -> WebGeometry:
    """Simplify a coverage and encode it as shared quantised arcs, uncached.

    British National Grid polygons in, arcs in longitude/latitude out. The data build uses it
    directly; :func:`seatmap.webgeom.web_geometry` adds a cache.

    Parameters
    ----------
    geoms : sequence of shapely (Multi)Polygon
        One per code, in British National Grid metres, ideally forming a coverage (if not, they
        are cleaned with ``shapely.coverage_clean`` and ``stats["cleaned"]`` says so).
    codes : sequence of str
        The seat codes.
    tolerance, quantum, min_area : float
        As for :func:`seatmap.webgeom.web_geometry`.

    Returns
    -------
    WebGeometry

    Examples
    --------
    >>> import shapely
    >>> web = simplify_and_encode([shapely.box(530000, 180000, 531000, 181000)], ["a"])
    >>> web.codes, web.planar, len(web.arcs)
    (['a'], False, 1)
    """
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    min_area = tolerance ** 2 if min_area is None else min_area
    stats: dict = {"tolerance_m": tolerance, "quantum_m": quantum, "min_area_m2": min_area}
    source_vertices = int(shapely.get_num_coordinates(geoms).sum())
    if not shapely.is_valid(geoms).all():
        geoms = shapely.make_valid(geoms, method="structure", keep_collapsed=False)
        stats["repaired_invalid"] = True
    cleaned = False
    if not shapely.coverage_is_valid(geoms):
        geoms = shapely.coverage_clean(geoms)
        cleaned = True
    stats["cleaned"] = cleaned
    simple = shapely.coverage_simplify(geoms, tolerance) if tolerance > 0 else geoms
    import geopandas as gpd

    ll = gpd.GeoSeries(simple, crs=27700).to_crs(4326).values
    coords = shapely.get_coordinates(ll)
    lon0, lat0 = np.floor(coords.min(axis=0) * 100) / 100
    ky = quantum / _M_PER_DEG
    kx = quantum / (_M_PER_DEG * np.cos(np.radians(lat0 + 0.0)))
    # min_area in degrees² at the map's mid latitude
    mid = np.radians((coords[:, 1].min() + coords[:, 1].max()) / 2)
    min_area_deg = min_area / (_M_PER_DEG ** 2 * np.cos(mid))
    web = encode_planar(ll, list(codes), quantum=ky, min_area=min_area_deg, origin=(lon0, lat0),
                        scale=(kx, ky), planar=False)
    web.stats.update(stats)
    web.stats["vertices_source"] = source_vertices
    web.stats["vertices_simplified"] = int(shapely.get_num_coordinates(simple).sum())
    return web
