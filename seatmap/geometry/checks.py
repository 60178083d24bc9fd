"""Checks of encoded web geometry against its source: overlaps, gaps, validity, areas."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._crs import series_to_bng
from .arcs import WebGeometry

__all__ = ["check_web_geometry"]


def _overlap(g: np.ndarray):
    """Total area shared by intersecting pairs of ``g``: total, pair indices and pair areas."""
    import shapely

    i, j = shapely.STRtree(g).query(g, predicate="intersects")
    m = i < j
    area = shapely.area(shapely.intersection(g[i[m]], g[j[m]]))
    return float(area.sum()), i[m], j[m], area


def _holes_and_gaps(d: np.ndarray, s: np.ndarray | None, gap_tol: float):
    """Uncovered holes in the union of the decoded seats ``d``, and those that are gaps: larger
    than ``gap_tol`` and (with the source ``s``) over 80 % land in the source."""
    import shapely

    polys = shapely.get_parts(shapely.union_all(d))
    holes = np.array([shapely.Polygon(r) for p in polys for r in p.interiors], dtype=object)
    if len(holes):  # a hole may hold islands of the map: keep only what is uncovered
        parts = shapely.get_parts(d)
        inside = shapely.point_on_surface(parts)
        hk, pk = shapely.STRtree(inside).query(holes, predicate="contains")
        for k in np.unique(hk):
            holes[k] = shapely.difference(holes[k], shapely.union_all(parts[pk[hk == k]]))
    land_share = np.ones(len(holes))
    if s is not None and len(holes):
        hi, si = shapely.STRtree(s).query(holes, predicate="intersects")
        inter = shapely.area(shapely.intersection(holes[hi], s[si]))
        land_share = np.bincount(hi, weights=inter, minlength=len(holes)) / shapely.area(holes)
    gaps = holes[(land_share > 0.8) & (shapely.area(holes) > gap_tol)] if len(holes) else holes
    return holes, gaps


def check_web_geometry(web: WebGeometry, source=None, *, raise_on_error: bool = True,
                       displacement: bool = False) -> dict:
    """Decode encoded geometry and check it against its source: overlaps, gaps, areas.

    Definitions (areas in British National Grid):

    - *overlap*: area shared by two seats' decoded polygons (pairs of neighbours);
    - *gap*: an uncovered hole in the union of all decoded seats, larger than 0.01 km² (the
      map's detail: 100 m by 100 m), that was land in the source (over 80 % of its area inside
      some source seat). Water that a simplified coastline encloses (a narrow inlet whose mouth
      closes) was never covered, so it is not a gap;
    - *invalid*: OGC validity of the decoded rings. Rounding to the grid can pinch a ring at a
      point or cross two edges within one grid cell; browsers draw these correctly, so they are
      reported, not failed. Overlaps and gaps are measured on repaired copies.

    Parameters
    ----------
    web : WebGeometry
        From :func:`web_geometry` (or :func:`encode_planar` for layouts).
    source : geopandas.GeoSeries, optional
        The polygons it was made from (indexed by code, any CRS). Without it only the decoded
        geometry's own overlaps and enclosed holes are checked.
    raise_on_error : bool, default True
        Raise :class:`~seatmap.SeatmapError` if neighbours overlap by more than 0.01 km² in
        all (beyond any overlap already in the source) or any gap appears.
    displacement : bool, default False
        Also compute each seat's Hausdorff distance to its source polygon (slow: about 45 s for
        the detailed UK boundaries).

    Returns
    -------
    dict
        ``overlap_km2`` (source and web), ``gaps`` (count and km²), ``invalid`` (code: reason),
        ``area_ratio`` (min, median, max of web over source area per seat), optionally
        ``hausdorff_m`` (median and max), and ``ok``.
    """
    import geopandas as gpd
    import shapely

    from .._validate import SeatmapError

    out = np.asarray(web.to_shapely(), dtype=object)
    dec = gpd.GeoSeries(out, index=web.codes, crs=None if web.planar else 4326)
    if not web.planar:
        dec = dec.to_crs(27700)
    d = np.asarray(dec.values, dtype=object)
    invalid = ~shapely.is_valid(d)
    reasons = {web.codes[i]: shapely.is_valid_reason(d[i]) for i in np.flatnonzero(invalid)}
    d = shapely.make_valid(d, method="structure", keep_collapsed=False)
    s = None
    if source is not None and not web.planar:
        src = series_to_bng(source).reindex(web.codes)
        s = np.asarray(src.values, dtype=object)
        s = np.where(shapely.is_valid(s), s, shapely.make_valid(s, method="structure"))
    unit = 1.0 if web.planar else 1e6  # report km² for maps, layout units² for hexes

    ov_web, ii, jj, pair_area = _overlap(d)
    ov_src = _overlap(s)[0] if s is not None else 0.0
    holes, gaps = _holes_and_gaps(d, s, gap_tol=1e4 if not web.planar else 1e-6)
    report: dict[str, Any] = {
        "seats": len(web.codes),
        "vertices": web.n_vertices,
        "arcs": len(web.arcs),
        "overlap_km2": {"source": round(ov_src / unit, 4), "web": round(ov_web / unit, 4)},
        "gaps": {"count": len(gaps), "km2": round(float(shapely.area(gaps).sum()) / unit, 4),
                 "where": [[round(float(v)) for v in shapely.get_coordinates(shapely.centroid(g))[0]]
                           for g in gaps[:10]]},
        "enclosed_water": {"count": int(len(holes) - len(gaps)),
                           "km2": round(float(shapely.area(holes).sum()
                                              - shapely.area(gaps).sum()) / unit, 3)},
        "invalid": reasons,
    }
    if s is not None:
        ratio = shapely.area(d) / shapely.area(s)
        report["area_ratio"] = {"min": round(float(ratio.min()), 4),
                                "median": round(float(np.median(ratio)), 4),
                                "max": round(float(ratio.max()), 4)}
        if displacement:
            haus = shapely.hausdorff_distance(d, s)
            report["hausdorff_m"] = {"median": round(float(np.median(haus)), 1),
                                     "p95": round(float(np.quantile(haus, 0.95)), 1),
                                     "max": round(float(haus.max()), 1)}
    problems = []
    if (ov_web - ov_src) / unit > 0.01:
        big = np.argsort(-pair_area)[:10]
        pairs = [f"{web.codes[ii[k]]}/{web.codes[jj[k]]}" for k in big]
        problems.append(f"neighbours overlap by {ov_web / unit:.3f} km² (source "
                        f"{ov_src / unit:.3f} km²), largest: {', '.join(pairs)}")
    if len(gaps):
        problems.append(f"{len(gaps)} gaps between seats ({report['gaps']['km2']} km²) at "
                        f"{report['gaps']['where']}")
    report["ok"] = not problems
    if problems and raise_on_error:
        raise SeatmapError("Web geometry check failed: " + "; ".join(problems))
    return report
