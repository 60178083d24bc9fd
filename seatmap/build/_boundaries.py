"""The geography build's boundary step: each set's polygons read, repaired into one clean
coverage, measured (:func:`boundary_report`) and checked against the ONS figures. How, and why,
is in :mod:`seatmap.build.geography`'s docstring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..elections import NATIONS, nation_of_code
from ._georecord import (
    AREA_TOLERANCE_PCT,
    GAP_WIDTH_M,
    GRID_M,
    NATION_COUNTS,
    NI_SIMPLIFY_M,
    ONS_AREA_KM2,
    OVERLAP_TOLERANCE_KM2,
    PROVISIONAL_SCOTTISH_CODES,
    REPAIR_AREA_RATIO,
    REPAIR_MAX_SYMDIFF,
)
from ._geosources import decode_topojson, geoms_to_bng, read_geojson, same_codes
from ._io import source_path
from ._schema import BuildCheckError

# ---------------------------------------------------------------------------------------------
# Geometry repair


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Keep the polygonal parts of each geometry (as a MultiPolygon, or empty)."""
    import shapely

    parts, idx = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == 3
    out = np.full(len(geoms), shapely.MultiPolygon(), dtype=object)
    return shapely.multipolygons(parts[keep], indices=idx[keep], out=out)


def repair(codes: np.ndarray, geoms: np.ndarray, reference: pd.Series) -> tuple[np.ndarray, list]:
    """make_valid each seat; replace failures by the reference (BUC) polygon. Returns failures."""
    import shapely

    fixed = _polygonal(shapely.make_valid(geoms, method="structure", keep_collapsed=False))
    ref = reference.loc[codes].to_numpy()
    ratio = shapely.area(fixed) / shapely.area(ref)
    symdiff = shapely.area(shapely.symmetric_difference(fixed, ref)) / shapely.area(ref)
    failed = (~shapely.is_valid(fixed) | shapely.is_empty(fixed)
              | (ratio < REPAIR_AREA_RATIO[0]) | (ratio > REPAIR_AREA_RATIO[1])
              | (symdiff > REPAIR_MAX_SYMDIFF))
    fixed[failed] = ref[failed]
    return fixed, codes[failed].tolist()


def _finish(geoms: np.ndarray) -> np.ndarray:
    """Snap to the storage grid, clean again, orient rings (exteriors counter-clockwise).

    Snapping (and the NI simplification) can open a few slivers narrower than GAP_WIDTH_M; the
    second clean merges them into a neighbour using existing (on-grid) vertices.
    """
    import shapely

    out = shapely.coverage_clean(shapely.set_precision(geoms, GRID_M), gap_width=GAP_WIDTH_M)
    return shapely.orient_polygons(out, exterior_cw=False)


def read_buc(sources: Path, folder: str, filename: str, code: str, name: str) -> pd.DataFrame:
    gdf = read_geojson(source_path(sources, folder, filename), [code, name], f"{folder}/{filename}")
    return pd.DataFrame({"code": gdf[code].astype(str).to_numpy(),
                         "name": gdf[name].astype(str).to_numpy(),
                         "geometry": geoms_to_bng(gdf.geometry.to_numpy())})


def boundaries_2010(sources: Path, buc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict]:
    import shapely

    folder = "boundaries-pcon2010-martinjc-topojson"
    gb_codes, gb = decode_topojson(source_path(sources, folder, "gb/topo_wpc.json"), "PCON13CD",
                                    f"{folder}/gb/topo_wpc.json")
    ni_codes, ni = decode_topojson(source_path(sources, folder, "ni/topo_wpc.json"), "PC_ID",
                                    f"{folder}/ni/topo_wpc.json")
    codes = np.concatenate([gb_codes, ni_codes])
    same_codes(codes, buc["code"], "martinjc TopoJSON (GB + NI)", "ONS Dec 2022 BUC")
    raw = np.concatenate([gb, ni])
    info: dict[str, Any] = {"source_vertices": int(shapely.get_num_coordinates(raw).sum()),
            "source_invalid": int((~shapely.is_valid(raw)).sum())}
    fixed, failed = repair(codes, raw, buc.set_index("code")["geometry"])
    clean = shapely.coverage_clean(fixed, gap_width=GAP_WIDTH_M)
    is_ni = np.char.startswith(codes, "N")
    clean[is_ni] = shapely.coverage_simplify(clean[is_ni], NI_SIMPLIFY_M)
    info["buc_fallback"] = failed
    return codes, _finish(clean), info


def boundaries_2024(sources: Path, buc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict]:
    import shapely

    folder, filename = "boundaries-pcon2024-oi-bgc-simplified", "constituencies-2024.geojson"
    bgc = read_geojson(source_path(sources, folder, filename), ["PCON24CD", "PCON24NM"],
                        f"{folder}/{filename}")
    codes = bgc["PCON24CD"].astype(str).replace(PROVISIONAL_SCOTTISH_CODES).to_numpy(dtype=str)
    same_codes(codes, buc["code"], "OI BGC (codes remapped)", "ONS July 2024 BUC")
    names = pd.Series(bgc["PCON24NM"].astype(str).to_numpy(), index=codes)
    differ = names.ne(buc.set_index("code")["name"].loc[codes])
    if differ.any():
        raise BuildCheckError(
            f"{folder}: after remapping the provisional Scottish codes, names differ from the "
            f"ONS BUC for {names[differ].head().to_dict()}; the code remap is wrong."
        )
    gb = ~np.char.startswith(codes, "N")
    raw = geoms_to_bng(bgc.geometry.to_numpy()[gb])
    info: dict[str, Any] = {"source_vertices": int(shapely.get_num_coordinates(raw).sum()),
            "source_invalid": int((~shapely.is_valid(raw)).sum())}
    fixed, failed = repair(codes[gb], raw, buc.set_index("code")["geometry"])
    clean = shapely.coverage_clean(fixed, gap_width=GAP_WIDTH_M)
    ni = buc[buc["code"].str.startswith("N")]
    info["buc_fallback"] = failed
    info["buc_northern_ireland"] = len(ni)
    all_codes = np.concatenate([codes[gb], ni["code"].to_numpy(dtype=str)])
    geoms = np.concatenate([clean, _polygonal(ni["geometry"].to_numpy())])
    return all_codes, _finish(geoms), info


# ---------------------------------------------------------------------------------------------
# Measuring a coverage


def _pair_overlaps(geoms: np.ndarray) -> np.ndarray:
    import shapely

    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="intersects")
    keep = i < j
    return shapely.area(shapely.intersection(geoms[i[keep]], geoms[j[keep]]))


def boundary_report(codes, geoms) -> dict:
    """Measure a set of seat polygons as a coverage (areas in km², lengths in m).

    Parameters
    ----------
    codes : array-like of str
        GSS codes (the first letter gives the nation).
    geoms : array-like of shapely polygons
        In EPSG:27700 metres.

    Returns
    -------
    dict
        ``seats``, ``vertices``, ``invalid`` (count), ``empty`` (count), ``overlap_km2`` (total
        area where two seats overlap), ``overlap_pairs`` (pairs overlapping by more than 1 m²),
        ``holes`` and ``holes_km2`` (areas inside the coverage's outline that no seat covers:
        estuaries, lakes, slivers), ``narrow_gaps`` and ``narrow_gaps_km2`` (holes narrower than
        :data:`GAP_WIDTH_M`), ``gaps_between_seats`` and ``gaps_between_seats_km2`` (holes
        touching two or more seats), ``invalid_coverage_edges`` and
        ``invalid_coverage_edges_m`` (edges not matched vertex for vertex by a neighbour, from
        ``shapely.coverage_invalid_edges``) and ``area_km2`` by nation.
    """
    import shapely

    codes = np.asarray(codes, dtype=str)
    geoms = np.asarray(geoms, dtype=object)
    overlaps = _pair_overlaps(geoms)
    try:
        union = shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        union = shapely.union_all(geoms)
    parts = shapely.get_parts(union)
    n_holes = shapely.get_num_interior_rings(parts)
    holes = shapely.polygons(shapely.get_interior_ring(np.repeat(parts, n_holes),
                                                       np.concatenate([np.arange(n) for n in n_holes])))
    hole_area = shapely.area(holes)
    width = 2 * shapely.length(shapely.maximum_inscribed_circle(holes, 0.5))
    tree = shapely.STRtree(geoms)
    h_idx, _ = tree.query(shapely.buffer(holes, GRID_M), predicate="intersects")
    touching = np.bincount(h_idx, minlength=len(holes))
    edges = shapely.coverage_invalid_edges(geoms)
    bad_edges = ~shapely.is_empty(edges)
    area = pd.Series(shapely.area(geoms) / 1e6, index=codes)
    nation = pd.Index(codes).map(nation_of_code)
    return {
        "seats": len(codes),
        "vertices": int(shapely.get_num_coordinates(geoms).sum()),
        "invalid": int((~shapely.is_valid(geoms)).sum()),
        "empty": int(shapely.is_empty(geoms).sum()),
        "overlap_km2": float(overlaps.sum() / 1e6),
        "overlap_pairs": int((overlaps > 1.0).sum()),
        "holes": len(holes),
        "holes_km2": float(hole_area.sum() / 1e6),
        "narrow_gaps": int((width < GAP_WIDTH_M).sum()),
        "narrow_gaps_km2": float(hole_area[width < GAP_WIDTH_M].sum() / 1e6),
        "gaps_between_seats": int((touching >= 2).sum()),
        "gaps_between_seats_km2": float(hole_area[touching >= 2].sum() / 1e6),
        "invalid_coverage_edges": int(bad_edges.sum()),
        "invalid_coverage_edges_m": float(shapely.length(edges[bad_edges]).sum()),
        "area_km2": {n: float(area[nation == n].sum()) for n in NATIONS},
    }


def check_boundaries(set_id: str, codes: np.ndarray, geoms: np.ndarray, buc: pd.DataFrame,
                      report: dict) -> None:
    import shapely

    what = f"boundaries/pcon{set_id}.npz"
    problems = []
    counts = pd.Index(codes).map(nation_of_code).value_counts().to_dict()
    if counts != NATION_COUNTS[set_id]:
        problems.append(f"seats by nation {counts}, expected {NATION_COUNTS[set_id]}")
    if report["invalid"] or report["empty"]:
        problems.append(f"{report['invalid']} invalid and {report['empty']} empty geometries")
    if report["overlap_km2"] > OVERLAP_TOLERANCE_KM2:
        problems.append(f"seats overlap by {report['overlap_km2']:.4f} km² "
                        f"(tolerance {OVERLAP_TOLERANCE_KM2} km²)")
    if report["narrow_gaps"]:
        problems.append(f"{report['narrow_gaps']} gaps narrower than {GAP_WIDTH_M:g} m remain")
    for nation, ons in ONS_AREA_KM2[set_id].items():
        got = report["area_km2"][nation]
        if abs(got / ons - 1) * 100 > AREA_TOLERANCE_PCT:
            problems.append(f"{nation} covers {got:,.0f} km², ONS BUC {ons:,} km² (tolerance "
                            f"{AREA_TOLERANCE_PCT} %)")
    ref = buc.set_index("code")["geometry"].loc[codes].to_numpy()
    ratio = shapely.area(geoms) / shapely.area(ref)
    off = (ratio < REPAIR_AREA_RATIO[0]) | (ratio > REPAIR_AREA_RATIO[1])
    if off.any():
        far = dict(zip(codes[off], ratio[off].round(3), strict=True))
        problems.append(f"area far from the ONS BUC for {far}")
    if problems:
        raise BuildCheckError(f"{what}: " + "; ".join(problems) + ".")


