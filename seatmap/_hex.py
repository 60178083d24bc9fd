"""Hexagon polygons from HexJSON ``odd-r`` offset coordinates (one equal hexagon per seat)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

# British National Grid box the cartogram is fitted into when a real CRS is requested.
_UK_BOX = (-50_000.0, 0.0, 750_000.0, 1_220_000.0)


def hex_centres(q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centres of pointy-topped hexagons in an ``odd-r`` layout (r increases northward).

    Odd rows are shifted half a hexagon to the right; neighbouring centres are 1 unit apart.

    Examples
    --------
    >>> x, y = hex_centres(np.array([0, 0]), np.array([0, 1]))
    >>> x.tolist(), y.round(3).tolist()
    ([0.0, 0.5], [0.0, 0.866])
    """
    q = np.asarray(q, dtype=float)
    r = np.asarray(r, dtype=float)
    x = q + 0.5 * (np.asarray(r, dtype=int) & 1)
    y = r * np.sqrt(3.0) / 2.0
    return x, y


def hexagons(layout: pd.DataFrame, crs: object = None) -> gpd.GeoDataFrame:
    """Return a GeoDataFrame of hexagons for a frame with ``q`` and ``r`` columns.

    Without ``crs`` the hexagons are in layout units; with a CRS they are scaled into a box over
    the UK (British National Grid) and transformed to that CRS, so they can sit on a web map.
    """
    import geopandas as gpd
    import shapely

    x, y = hex_centres(layout["q"].to_numpy(), layout["r"].to_numpy())
    radius = 1.0 / np.sqrt(3.0)  # centre-to-corner, so that neighbours touch
    angles = np.deg2rad(np.arange(6) * 60.0 + 30.0)  # pointy top
    ring_x = x[:, None] + radius * np.cos(angles)[None, :]
    ring_y = y[:, None] + radius * np.sin(angles)[None, :]
    target_crs = None
    if crs is not None:
        minx, miny, maxx, maxy = _UK_BOX
        sx = (maxx - minx) / (x.max() - x.min() + 2)
        sy = (maxy - miny) / (y.max() - y.min() + 2)
        s = min(sx, sy)
        ox = minx + (maxx - minx - s * (x.max() - x.min())) / 2 - s * x.min()
        oy = miny + (maxy - miny - s * (y.max() - y.min())) / 2 - s * y.min()
        ring_x, ring_y = ring_x * s + ox, ring_y * s + oy
        target_crs = 27700
    coords = np.stack([ring_x, ring_y], axis=-1)
    coords = np.concatenate([coords, coords[:, :1, :]], axis=1)
    polys = shapely.polygons(coords)
    gdf = gpd.GeoDataFrame(layout.copy(), geometry=polys, crs=target_crs)
    if crs is not None and str(crs).upper().replace("EPSG:", "") != "27700":
        gdf = gdf.to_crs(crs)
    return gdf
