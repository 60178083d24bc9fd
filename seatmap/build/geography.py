"""Geography: seat registers, boundaries, hex layouts and the 2010 -> 2024 seat overlap lookup.

Boundaries
----------
Both sets are stored in British National Grid (EPSG:27700) whole metres with
:mod:`seatmap._geostore`, as one clean polygon coverage each (valid polygons, no overlaps,
neighbours share their borders vertex for vertex).

- **2010 set** (elections 2010-2019): Martin Chorley's TopoJSON (ONS Dec 2013 generalised clipped
  boundaries for Great Britain, OSNI for Northern Ireland). The shared TopoJSON arcs are decoded
  once and projected, so neighbours start from identical borders; invalid rings (from the ~100 m
  quantisation) are repaired with ``make_valid`` keeping polygonal parts; ``coverage_clean``
  then removes overlaps and merges gaps narrower than :data:`GAP_WIDTH_M` into a neighbour. The
  Northern Ireland file is far more detailed (about 15 m), so it is simplified as a coverage to
  GB's vertex density (:data:`NI_SIMPLIFY_M`). A seat whose repair fails (invalid, or area or
  shape far from the ONS BUC) would be replaced by its ONS BUC polygon before cleaning.
- **2024 set**: Open Innovations' simplified copy of the ONS July 2024 BGC boundaries for Great
  Britain (four times the detail of the BUC), repaired the same way, with the five provisional
  Scottish codes remapped to the final ones; the ONS BUC for Northern Ireland, because the BGC
  leaves out Lough Neagh, the Fermanagh loughs and part of the sea loughs (NI 5.1 % smaller than
  the ONS figure, outside the 1 % area check; the 2010 set includes them).
"""

from __future__ import annotations

import json
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .. import _geostore
from ..elections import NATIONS, REGIONS, nation_of_code, region
from ._attr import OVERLAP_PAIRS, union_pairs
from ._io import require_columns, source_path, write_table
from ._schema import BuildCheckError, Field, Table

__all__ = ["RESOURCES", "TABLES", "boundary_report", "build"]

# ---------------------------------------------------------------------------------------------
# Parameters of the geometry repair (documented in the RESOURCES descriptions)

GRID_M = 1.0
"""Coordinates are snapped to a whole-metre grid (the precision stored by ``_geostore``)."""
GAP_WIDTH_M = 20.0
"""Holes in a coverage narrower than this (maximum inscribed circle diameter) are repair or
quantisation slivers, not estuaries: a fifth of the ~100 m vertex spacing of the sources."""
NI_SIMPLIFY_M = 30.0
"""Coverage simplification tolerance for the 2010 Northern Ireland boundaries: brings them from
about 15 m to GB's detail (median segment ~100 m, ~1.8 vertices per km²)."""
OVERLAP_TOLERANCE_KM2 = 0.01
"""Largest total area allowed where two seats of a set overlap."""
AREA_TOLERANCE_PCT = 1.0
"""Each nation's total seat area must be within this of the ONS BUC figure."""
REPAIR_AREA_RATIO = (0.8, 1.25)
REPAIR_MAX_SYMDIFF = 0.5
"""A repaired seat fails (and the BUC polygon is used) if its area is outside REPAIR_AREA_RATIO
times the BUC area or its symmetric difference with the BUC exceeds this share of the BUC area
(measured on the 2010 set: ratio 0.865-1.204, symmetric difference at most 0.353)."""

# ---------------------------------------------------------------------------------------------
# The published record the build checks against

NATION_COUNTS = {
    "2010": {"England": 533, "Wales": 40, "Scotland": 59, "Northern Ireland": 18},
    "2024": {"England": 543, "Wales": 32, "Scotland": 57, "Northern Ireland": 18},
}
REGION_COUNTS_2010 = {
    "South East": 84, "North West": 75, "London": 73, "West Midlands": 59, "Scotland": 59,
    "East of England": 58, "South West": 55, "Yorkshire and The Humber": 54, "East Midlands": 46,
    "Wales": 40, "North East": 29, "Northern Ireland": 18,
}
# ONS BUC areas by nation in km² (EPSG:27700), see the sources' PROVENANCE.md
ONS_AREA_KM2 = {
    "2010": {"England": 130_465, "Wales": 20_768, "Scotland": 78_374, "Northern Ireland": 14_286},
    "2024": {"England": 130_598, "Wales": 20_785, "Scotland": 78_553, "Northern Ireland": 14_317},
}
# ONS region and nation codes (E12 regions; W92/S92/N92 nations) used by the 2024 hexjson
REGION_CODES = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
    "W92000004": "Wales", "S92000003": "Scotland", "N92000002": "Northern Ireland",
}
# pre-July-2024 codes in the OI BGC file -> final ONS codes
PROVISIONAL_SCOTTISH_CODES = {
    "S14000006": "S14000107", "S14000008": "S14000108", "S14000010": "S14000109",
    "S14000040": "S14000110", "S14000058": "S14000111",
}
# metropolitan counties, from the combined authority of their metropolitan districts
METROPOLITAN_COUNTIES = {
    "GMCA": "Greater Manchester", "LCR": "Merseyside", "NECA": "Tyne and Wear",
    "NTCA": "Tyne and Wear", "SCR": "South Yorkshire", "WMCA": "West Midlands",
    "WYCA": "West Yorkshire",
}
SPOT_CHECKS = {  # (set, code): expected register values
    ("2010", "E14000582"): {"name": "Boston and Skegness", "region": "East Midlands",
                            "county": "Lincolnshire"},
    ("2010", "E14000611"): {"name": "Bury North", "region": "North West",
                            "county": "Greater Manchester", "la_name": "Bury"},
    ("2010", "W07000041"): {"name": "Ynys Môn", "region": "Wales", "la_name": "Isle of Anglesey"},
    ("2010", "N06000009"): {"name": "Lagan Valley", "region": "Northern Ireland"},
    ("2024", "E14001114"): {"name": "Boston and Skegness", "region": "East Midlands",
                            "county": "Lincolnshire"},
    ("2024", "E14001144"): {"name": "Bury North", "region": "North West",
                            "county": "Greater Manchester"},
    ("2024", "W07000102"): {"name": "Montgomeryshire and Glyndŵr", "region": "Wales"},
    ("2024", "W07000112"): {"name": "Ynys Môn", "region": "Wales"},
    ("2024", "N05000009"): {"name": "Lagan Valley", "region": "Northern Ireland"},
    ("2024", "S14000111"): {"name": "West Aberdeenshire and Kincardine", "region": "Scotland"},
}

# ---------------------------------------------------------------------------------------------
# Schemas

SOURCES_2010_BOUNDARIES = ("boundaries-pcon2010-martinjc-topojson", "boundaries-pcon2010-uk-buc-ons")
SOURCES_2024_BOUNDARIES = ("boundaries-pcon2024-oi-bgc-simplified", "boundaries-pcon2024-uk-buc-ons")
LA_SOURCES = ("lookup-mysociety-geographic-overlaps", "lookup-mysociety-local-authorities")


def _seat_fields(set_id: str) -> tuple[Field, ...]:
    prefixes = "E14, W07, S14, N06" if set_id == "2010" else "E14, W07, S14, N05"
    return (
        Field("code", "string", f"GSS code of the constituency ({prefixes}).", unique=True),
        Field("name", "string", "Official ONS name, with diacritics (e.g. 'Ynys Môn')."),
        Field("nation", "string", "Nation.", enum=NATIONS),
        Field("region", "string",
              "ONS region (England) or the nation's name (Wales, Scotland, Northern Ireland), "
              "from the main local authority.", enum=REGIONS),
        Field("county", "string",
              "England: the county of the main local authority: its county council for a "
              "non-metropolitan district, the metropolitan county for a metropolitan district "
              "(e.g. 'Greater Manchester'), 'London' for a London borough; otherwise (unitary "
              "authorities, Wales, Scotland, Northern Ireland) the main local authority's name."),
        Field("la_code", "string", "GSS code of the main local authority (2023 authorities): "
              "the one holding the largest share of the seat's population."),
        Field("la_name", "string", "Name of the main local authority (mySociety 'nice name')."),
        Field("la_share_pct", "number", "Share of the seat's population living in the main "
              "local authority.", unit="percent (0-100)", minimum=0, maximum=100, decimals=2),
        Field("la_count", "integer", "Number of local authorities (2023) holding part of the "
              "seat's population.", unit="authorities", minimum=1),
        Field("area_km2", "number", "Area of the stored boundary polygon (EPSG:27700), clipped "
              "to the coastline.", unit="km²", minimum=0, decimals=3),
        Field("lon", "number", "Longitude (WGS84) of a label point inside the seat: the centre "
              "of the largest circle inside its largest polygon.", unit="degrees",
              minimum=-9, maximum=2, decimals=5),
        Field("lat", "number", "Latitude (WGS84) of the label point.", unit="degrees",
              minimum=49, maximum=61, decimals=5),
    )


SEATS_2010 = Table(
    path="seats/pcon2010.csv",
    title="Seat register, 2010 boundary set (elections 2010-2019)",
    description=(
        "One row per Westminster constituency of the 2010 boundary set: official ONS name, "
        "nation, region, county and main local authority. Local authorities are those of 2023 "
        "(LAD23), with population shares from mySociety's seat/authority overlaps (population "
        "about 2019, by postcode); shares are of the population the overlaps assign to the "
        "seat. Area and label point come from data/boundaries/pcon2010.npz."
    ),
    sources=("boundaries-pcon2010-uk-buc-ons", "hexmap-odileeds-hexmaps", *LA_SOURCES,
             *SOURCES_2010_BOUNDARIES[:1]),
    fields=_seat_fields("2010"),
    rows=650,
    primary_key=("code",),
)
SEATS_2024 = Table(
    path="seats/pcon2024.csv",
    title="Seat register, 2024 boundary set",
    description=(
        "One row per Westminster constituency of the 2024 boundary set (final ONS codes). "
        "Names are the ONS July 2024 names, with the diacritics the ONS file drops restored "
        "from the Open Innovations register ('Montgomeryshire and Glyndŵr'). Local authorities "
        "are those of 2023 (LAD23), from mySociety's overlaps, keyed through the UKPARL.2025 "
        "to GSS lookup. Area and label point come from data/boundaries/pcon2024.npz."
    ),
    sources=("boundaries-pcon2024-uk-buc-ons", "hexmap-openinnovations-constituencies",
             "lookup-openinnovations-pcon", *LA_SOURCES, SOURCES_2024_BOUNDARIES[0]),
    fields=_seat_fields("2024"),
    rows=650,
    primary_key=("code",),
)


def _hex_table(set_id: str, source: str, filename: str) -> Table:
    return Table(
        path=f"hexmaps/pcon{set_id}.csv",
        title=f"Hex cartogram layout, {set_id} boundary set",
        description=(
            f"One hexagon per seat of the {set_id} set, from the Open Innovations (formerly ODI "
            f"Leeds) layout {filename} (MIT licence). "
            "Layout 'odd-r' (HexJSON offset coordinates: pointy-topped hexagons, odd rows shifted "
            "half a hexagon right, r increasing northward); no two seats share a position."
        ),
        sources=(source,),
        fields=(
            Field("code", "string", "GSS code of the constituency.", unique=True),
            Field("q", "integer", "Column (HexJSON q)."),
            Field("r", "integer", "Row (HexJSON r); increases northward."),
        ),
        rows=650,
        primary_key=("code",),
        extra={"layout": "odd-r"},
    )


HEX_2010 = _hex_table("2010", "hexmap-odileeds-hexmaps", "constituencies.hexjson")
HEX_2024 = _hex_table("2024", "hexmap-openinnovations-constituencies",
                      "uk-constituencies-2024.hexjson")

LOOKUP = Table(
    path="lookups/pcon2010_pcon2024.csv",
    title="2010 seats to 2024 seats: population and area overlaps",
    description=(
        "One row per pair of a 2010-set seat and a 2024-set seat that overlap, from mySociety's "
        "geographic overlaps (the PARL10->PARL25 table, plus the 20 pairs found only in its "
        "PARL25->PARL10 twin; both give identical figures for the pairs they share). "
        "Population is mySociety's postcode-based estimate (about 2019). Shares are of the "
        "population (or area) the overlaps assign to the seat, so each seat's shares sum to "
        "100; the overlaps cover at least 96.8 % of every seat's published population. Use "
        "pop_share_of_2010_pct to carry 2010-set figures onto the new seats."
    ),
    sources=("lookup-mysociety-geographic-overlaps", "lookup-openinnovations-pcon"),
    fields=(
        Field("code_2010", "string", "GSS code of the 2010-set seat."),
        Field("code_2024", "string", "GSS code of the 2024-set seat (final ONS code)."),
        Field("overlap_pop", "number", "Estimated population living in both seats.",
              unit="people (estimate)", minimum=0, decimals=2),
        Field("pop_share_of_2010_pct", "number", "Share of the 2010 seat's population in the "
              "2024 seat.", unit="percent (0-100)", minimum=0, maximum=100, decimals=3),
        Field("pop_share_of_2024_pct", "number", "Share of the 2024 seat's population that "
              "comes from the 2010 seat.", unit="percent (0-100)", minimum=0, maximum=100,
              decimals=3),
        Field("area_share_of_2010_pct", "number", "Share of the 2010 seat's area in the 2024 "
              "seat.", unit="percent (0-100)", minimum=0, maximum=100, decimals=3),
        Field("area_share_of_2024_pct", "number", "Share of the 2024 seat's area that comes "
              "from the 2010 seat.", unit="percent (0-100)", minimum=0, maximum=100, decimals=3),
    ),
    primary_key=("code_2010", "code_2024"),
)

TABLES = [SEATS_2010, SEATS_2024, HEX_2010, HEX_2024, LOOKUP]

_REPAIR_TEXT = (
    f"Repaired as one coverage: make_valid (polygonal parts kept), coverage_clean (no overlaps; "
    f"gaps narrower than {GAP_WIDTH_M:g} m merged into a neighbour), snapped to a "
    f"{GRID_M:g} m grid. Stored with seatmap._geostore (read with "
    "seatmap._geostore.read_geometries or numpy.load): integer metres, delta-encoded."
)
RESOURCES = [
    {
        "path": "boundaries/pcon2010.npz",
        "title": "Constituency boundaries, 2010 set (about 100 m detail)",
        "description": (
            "650 polygons (E14, W07, S14, N06) of the 2010-2024 constituencies, clipped to the "
            "coastline (estuaries left out). Great Britain: ONS Dec 2013 generalised clipped "
            "boundaries as TopoJSON (~100 m quantisation); Northern Ireland: OSNI, simplified to "
            f"GB's detail (coverage simplification, {NI_SIMPLIFY_M:g} m). " + _REPAIR_TEXT
        ),
        "format": "npz",
        "mediatype": "application/zip",
        "crs": "EPSG:27700",
        "sources": list(SOURCES_2010_BOUNDARIES),
    },
    {
        "path": "boundaries/pcon2024.npz",
        "title": "Constituency boundaries, 2024 set",
        "description": (
            "650 polygons (E14, W07, S14, N05) of the constituencies used from July 2024, "
            "clipped to the coastline. Great Britain: Open Innovations' simplified copy of the "
            "ONS July 2024 BGC boundaries (~430 m median segment, four times the BUC's detail; "
            "five provisional Scottish codes remapped to S14000107-S14000111). Northern "
            "Ireland: ONS July 2024 BUC (~500 m), because the BGC copy leaves out Lough Neagh, "
            "the Fermanagh loughs and part of the sea loughs. " + _REPAIR_TEXT
        ),
        "format": "npz",
        "mediatype": "application/zip",
        "crs": "EPSG:27700",
        "sources": list(SOURCES_2024_BOUNDARIES),
    },
]

# ---------------------------------------------------------------------------------------------
# Reading sources


def _read_csv(path: Path, columns: list[str], what: str, **kwargs) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", **kwargs)
    df.columns = df.columns.str.strip()
    require_columns(df, columns, what)
    return df


def _read_json(path: Path, what: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BuildCheckError(f"{what}: {path} is not valid UTF-8 JSON ({err}).") from err


def _read_hexjson(sources: Path, folder: str, filename: str, region_key: str) -> pd.DataFrame:
    what = f"{folder}/{filename}"
    data = _read_json(source_path(sources, folder, filename), what)
    if data.get("layout") != "odd-r" or not isinstance(data.get("hexes"), dict):
        raise BuildCheckError(
            f"{what}: expected an 'odd-r' HexJSON with a 'hexes' object; found layout "
            f"{data.get('layout')!r}. The layout has changed."
        )
    df = pd.DataFrame.from_dict(data["hexes"], orient="index")
    require_columns(df, ["n", "q", "r", region_key], what)
    df = df.rename_axis("code").reset_index()
    return df.rename(columns={"n": "name", region_key: "hex_region"})[
        ["code", "name", "q", "r", "hex_region"]]


def _read_geojson(path: Path, columns: list[str], what: str):
    import geopandas as gpd

    gdf = gpd.read_file(path)
    require_columns(gdf, columns, what)
    return gdf.set_crs(4326, allow_override=True)


# WGS84 -> British National Grid through the OSGB36 Helmert transformation (EPSG:1314, "OSGB36
# to WGS 84 (6)", about 2 m), pinned so that the build gives the same coordinates whether or not
# the OSTN15 grid is installed (the data are at ~100 m detail; byte-identical rebuilds matter more).
BNG_PIPELINE = (
    "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=push +v_3 "
    "+step +proj=cart +ellps=WGS84 +step +inv +proj=helmert +x=446.448 +y=-125.157 +z=542.06 "
    "+rx=0.15 +ry=0.247 +rz=0.842 +s=-20.489 +convention=position_vector "
    "+step +inv +proj=cart +ellps=airy +step +proj=pop +v_3 "
    "+step +proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy"
)


def _bng_transformer():
    from pyproj import Transformer

    return Transformer.from_pipeline(BNG_PIPELINE)


def _to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _bng_transformer().transform(lon, lat)


def _to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _bng_transformer().transform(x, y, direction="INVERSE")


def _geoms_to_bng(geoms: np.ndarray) -> np.ndarray:
    import shapely

    return shapely.transform(np.asarray(geoms, dtype=object),
                             lambda xy: np.column_stack(_to_bng(xy[:, 0], xy[:, 1])))


def _decode_topojson(path: Path, code_key: str, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Polygons of a TopoJSON object ``wpc`` in EPSG:27700, built from its shared arcs."""
    import shapely

    topo = _read_json(path, what)
    try:
        scale = np.asarray(topo["transform"]["scale"], dtype=float)
        translate = np.asarray(topo["transform"]["translate"], dtype=float)
        arcs = topo["arcs"]
        objects = topo["objects"]["wpc"]["geometries"]
    except (KeyError, TypeError) as err:
        raise BuildCheckError(
            f"{what}: expected a quantised TopoJSON with arcs, transform and object 'wpc' "
            f"({err!r} missing); the layout has changed."
        ) from err
    props = pd.DataFrame([g.get("properties", {}) for g in objects])
    require_columns(props, [code_key], what)
    # decode every arc once (delta-encoded quantised positions), then project them together, so
    # that the arcs shared by neighbours stay identical
    lengths = np.array([len(a) for a in arcs])
    q = np.concatenate([np.asarray(a, dtype=np.int64) for a in arcs])
    arc_id = np.repeat(np.arange(len(arcs)), lengths)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    cum = np.cumsum(q, axis=0)
    base = np.r_[np.zeros((1, 2), dtype=np.int64), cum[starts[1:] - 1]]
    q = cum - base[arc_id]
    x, y = _to_bng(q[:, 0] * scale[0] + translate[0], q[:, 1] * scale[1] + translate[1])
    xy = np.column_stack([x, y])
    arc_xy = np.split(xy, starts[1:])

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arc_xy[i] if i >= 0 else arc_xy[~i][::-1] for i in indices]
        return np.concatenate([parts[0], *[p[1:] for p in parts[1:]]])

    geoms = []
    for g in objects:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            raise BuildCheckError(f"{what}: geometry type {g.get('type')!r}; expected polygons.")
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        geoms.append(shapely.MultiPolygon(
            [shapely.Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polygons]))
    return props[code_key].to_numpy(dtype=str), np.array(geoms, dtype=object)


# ---------------------------------------------------------------------------------------------
# Geometry repair


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Keep the polygonal parts of each geometry (as a MultiPolygon, or empty)."""
    import shapely

    parts, idx = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == 3
    out = np.full(len(geoms), shapely.MultiPolygon(), dtype=object)
    return shapely.multipolygons(parts[keep], indices=idx[keep], out=out)


def _repair(codes: np.ndarray, geoms: np.ndarray, reference: pd.Series) -> tuple[np.ndarray, list]:
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


def _buc(sources: Path, folder: str, filename: str, code: str, name: str) -> pd.DataFrame:
    gdf = _read_geojson(source_path(sources, folder, filename), [code, name], f"{folder}/{filename}")
    return pd.DataFrame({"code": gdf[code].astype(str).to_numpy(),
                         "name": gdf[name].astype(str).to_numpy(),
                         "geometry": _geoms_to_bng(gdf.geometry.to_numpy())})


def _boundaries_2010(sources: Path, buc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict]:
    import shapely

    folder = "boundaries-pcon2010-martinjc-topojson"
    gb_codes, gb = _decode_topojson(source_path(sources, folder, "gb/topo_wpc.json"), "PCON13CD",
                                    f"{folder}/gb/topo_wpc.json")
    ni_codes, ni = _decode_topojson(source_path(sources, folder, "ni/topo_wpc.json"), "PC_ID",
                                    f"{folder}/ni/topo_wpc.json")
    codes = np.concatenate([gb_codes, ni_codes])
    _same_codes(codes, buc["code"], "martinjc TopoJSON (GB + NI)", "ONS Dec 2022 BUC")
    raw = np.concatenate([gb, ni])
    info = {"source_vertices": int(shapely.get_num_coordinates(raw).sum()),
            "source_invalid": int((~shapely.is_valid(raw)).sum())}
    fixed, failed = _repair(codes, raw, buc.set_index("code")["geometry"])
    clean = shapely.coverage_clean(fixed, gap_width=GAP_WIDTH_M)
    is_ni = np.char.startswith(codes, "N")
    clean[is_ni] = shapely.coverage_simplify(clean[is_ni], NI_SIMPLIFY_M)
    info["buc_fallback"] = failed
    return codes, _finish(clean), info


def _boundaries_2024(sources: Path, buc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict]:
    import shapely

    folder, filename = "boundaries-pcon2024-oi-bgc-simplified", "constituencies-2024.geojson"
    bgc = _read_geojson(source_path(sources, folder, filename), ["PCON24CD", "PCON24NM"],
                        f"{folder}/{filename}")
    codes = bgc["PCON24CD"].astype(str).replace(PROVISIONAL_SCOTTISH_CODES).to_numpy(dtype=str)
    _same_codes(codes, buc["code"], "OI BGC (codes remapped)", "ONS July 2024 BUC")
    names = pd.Series(bgc["PCON24NM"].astype(str).to_numpy(), index=codes)
    differ = names.ne(buc.set_index("code")["name"].loc[codes])
    if differ.any():
        raise BuildCheckError(
            f"{folder}: after remapping the provisional Scottish codes, names differ from the "
            f"ONS BUC for {names[differ].head().to_dict()}; the code remap is wrong."
        )
    gb = ~np.char.startswith(codes, "N")
    raw = _geoms_to_bng(bgc.geometry.to_numpy()[gb])
    info = {"source_vertices": int(shapely.get_num_coordinates(raw).sum()),
            "source_invalid": int((~shapely.is_valid(raw)).sum())}
    fixed, failed = _repair(codes[gb], raw, buc.set_index("code")["geometry"])
    clean = shapely.coverage_clean(fixed, gap_width=GAP_WIDTH_M)
    ni = buc[buc["code"].str.startswith("N")]
    info["buc_fallback"] = failed
    info["buc_northern_ireland"] = len(ni)
    all_codes = np.concatenate([codes[gb], ni["code"].to_numpy(dtype=str)])
    geoms = np.concatenate([clean, _polygonal(ni["geometry"].to_numpy())])
    return all_codes, _finish(geoms), info


def _same_codes(codes, expected, what: str, against: str) -> None:
    codes, expected = pd.Index(codes), pd.Index(expected)
    if codes.duplicated().any() or set(codes) != set(expected):
        raise BuildCheckError(
            f"{what}: codes differ from the {against}: duplicated "
            f"{codes[codes.duplicated()].tolist()[:5]}, missing "
            f"{sorted(set(expected) - set(codes))[:5]}, unexpected "
            f"{sorted(set(codes) - set(expected))[:5]}."
        )


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


def _check_boundaries(set_id: str, codes: np.ndarray, geoms: np.ndarray, buc: pd.DataFrame,
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


# ---------------------------------------------------------------------------------------------
# Registers


def _la_register(sources: Path) -> pd.DataFrame:
    """LA23 register rows indexed by GSS code: la_name, region, type and county."""
    folder = "lookup-mysociety-local-authorities"
    reg = _read_csv(source_path(sources, folder, "uk_local_authorities_future.csv"),
                    ["local-authority-code", "nice-name", "gss-code", "nation", "region",
                     "local-authority-type", "county-la", "combined-authority"],
                    f"{folder}/uk_local_authorities_future.csv")
    by_register_code = reg.set_index("local-authority-code")["nice-name"]
    typ = reg["local-authority-type"]
    county = reg["nice-name"].where(~typ.isin(["LBO", "CC"]), "London")
    nmd = typ.eq("NMD")
    county[nmd] = reg.loc[nmd, "county-la"].map(by_register_code)
    md = typ.eq("MD")
    county[md] = reg.loc[md, "combined-authority"].map(METROPOLITAN_COUNTIES)
    out = pd.DataFrame({"la_code": reg["gss-code"], "la_name": reg["nice-name"],
                        "la_region": reg["region"], "la_nation": reg["nation"],
                        "la_type": typ, "county": county})
    return out[out["la_code"].ne("")].drop_duplicates("la_code").set_index("la_code")


def _ukparl(sources: Path) -> pd.Series:
    folder, filename = "lookup-openinnovations-pcon", "ukparl.2025.csv"
    df = _read_csv(source_path(sources, folder, filename), ["UKPARL.2025", "PCON24CD"],
                   f"{folder}/{filename}")
    if df["UKPARL.2025"].duplicated().any() or df["PCON24CD"].duplicated().any() or len(df) != 650:
        raise BuildCheckError(f"{folder}/{filename}: expected 650 one-to-one rows, got {len(df)}.")
    return df.set_index("UKPARL.2025")["PCON24CD"]


def _overlaps(sources: Path, filename: str, columns: list[str]) -> pd.DataFrame:
    folder = "lookup-mysociety-geographic-overlaps"
    df = _read_csv(source_path(sources, folder, filename),
                   [*columns, "overlap_area", "original_area", "overlap_pop", "original_pop"],
                   f"{folder}/{filename}")
    for col in ("overlap_area", "original_area", "overlap_pop", "original_pop"):
        df[col] = pd.to_numeric(df[col], errors="raise")
    return df


def _main_la(overlaps: pd.DataFrame, seat: str, la_reg: pd.DataFrame) -> pd.DataFrame:
    """Main LA per seat (largest population, then area, then code), share and LA count."""
    missing = sorted(set(overlaps["LAD23"]) - set(la_reg.index))
    if missing:
        raise BuildCheckError(f"mySociety overlaps: LA codes {missing[:5]} are not in the "
                              "mySociety LA register.")
    df = overlaps.sort_values([seat, "overlap_pop", "overlap_area", "LAD23"],
                              ascending=[True, False, False, True], kind="stable")
    total = df.groupby(seat)["overlap_pop"].transform("sum")
    main = df.assign(la_share_pct=(100 * df["overlap_pop"] / total).round(6))
    main = main.drop_duplicates(seat)
    main = main.set_index(seat)
    main["la_count"] = df[df["overlap_pop"] > 0].groupby(seat).size()
    main = main.rename(columns={"LAD23": "la_code"})[["la_code", "la_share_pct", "la_count"]]
    return main.join(la_reg[["la_name", "la_region", "la_nation", "la_type", "county"]],
                     on="la_code")


def _fold(text: pd.Series) -> pd.Series:
    return text.map(lambda s: unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode())


def _register(set_id: str, buc: pd.DataFrame, hexes: pd.DataFrame, la: pd.DataFrame,
              codes: np.ndarray, geoms: np.ndarray) -> pd.DataFrame:
    import shapely

    names = buc.set_index("code")["name"]
    hex_names = hexes.set_index("code")["name"].reindex(names.index)
    # restore diacritics that the ONS file lost (same name once accents are removed)
    restore = hex_names.notna() & hex_names.ne(names) & _fold(hex_names).eq(names)
    names = names.where(~restore, hex_names)
    # label point: centre of the largest inscribed circle of each seat's largest polygon
    parts, idx = shapely.get_parts(geoms, return_index=True)
    order = np.lexsort((-shapely.area(parts), idx))
    largest = parts[order][np.r_[True, idx[order][1:] != idx[order][:-1]]]
    centre = shapely.get_point(shapely.maximum_inscribed_circle(largest, 1.0), 0)
    lon, lat = _to_wgs84(shapely.get_x(centre), shapely.get_y(centre))
    geo = pd.DataFrame({"area_km2": shapely.area(geoms) / 1e6, "lon": lon, "lat": lat},
                       index=pd.Index(codes, name="code"))
    df = pd.DataFrame({"name": names}).join(geo).join(la)
    df.index.name = "code"
    df = df.reset_index()
    df["nation"] = df["code"].map(nation_of_code)
    df["region"] = df["la_region"].where(df["nation"].eq("England"), df["nation"])
    bad = df["la_code"].isna() | df["la_nation"].ne(df["nation"])
    if bad.any():
        raise BuildCheckError(
            f"seats/pcon{set_id}.csv: no main local authority, or one in another nation, for "
            f"{df.loc[bad, 'code'].tolist()[:5]}."
        )
    unmapped = df["county"].isna() | df["county"].eq("")
    if unmapped.any():
        raise BuildCheckError(
            f"seats/pcon{set_id}.csv: no county for the main LA of "
            f"{df.loc[unmapped, ['code', 'la_name', 'la_type']].to_dict('records')[:5]} "
            "(metropolitan districts need a METROPOLITAN_COUNTIES entry)."
        )
    df["region"] = df["region"].map(region)
    return df


def _check_register(set_id: str, seats: pd.DataFrame, hexes: pd.DataFrame,
                    hoc_county: pd.Series | None) -> None:
    what = f"seats/pcon{set_id}.csv"
    problems = []
    if set_id == "2010":
        hex_region = hexes.set_index("code")["hex_region"].map(region)
        counts = seats["region"].value_counts().to_dict()
        if counts != REGION_COUNTS_2010:
            problems.append(f"seats by region {counts}, expected {REGION_COUNTS_2010}")
    else:
        hex_region = hexes.set_index("code")["hex_region"].map(REGION_CODES)
    mine = seats.set_index("code")["region"]
    differ = mine.ne(hex_region.reindex(mine.index))
    if differ.any():
        problems.append(f"region differs from the hexjson for {differ.sum()} seats, e.g. "
                        f"{mine[differ].head(3).to_dict()}")
    if hoc_county is not None:
        # the Commons Library's counties agree for metropolitan counties and London
        metro = seats["la_type"].isin(["MD", "LBO", "CC"])
        hoc = seats.loc[metro, "code"].map(hoc_county)
        disagree = seats.loc[metro, "county"].ne(hoc)
        if disagree.any():
            problems.append(f"county differs from the Commons Library's for "
                            f"{seats.loc[metro][disagree][['code', 'county']].head(3).to_dict('records')}")
    for (sid, code), expected in SPOT_CHECKS.items():
        if sid != set_id:
            continue
        row = seats.set_index("code").loc[code]
        for col, value in expected.items():
            if row[col] != value:
                problems.append(f"{code} {col} is {row[col]!r}, expected {value!r}")
    if problems:
        raise BuildCheckError(f"{what}: " + "; ".join(problems) + ".")


def _hoc_county(sources: Path) -> pd.Series:
    folder, filename = "results-hoc-ge2019", "HoC-GE2019-results-by-constituency-csv.csv"
    df = _read_csv(source_path(sources, folder, filename), ["ons_id", "county_name"],
                   f"{folder}/{filename}")
    return df.set_index(df["ons_id"].str.strip())["county_name"].str.strip()


# ---------------------------------------------------------------------------------------------
# Hex layouts and the lookup


def _hex_layout(set_id: str, hexes: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    what = f"hexmaps/pcon{set_id}.csv"
    _same_codes(hexes["code"], codes, f"{what} (hexjson)", "boundary set")
    if hexes.duplicated(["q", "r"]).any():
        raise BuildCheckError(f"{what}: two seats share a hex position: "
                              f"{hexes[hexes.duplicated(['q', 'r'], keep=False)].head().to_dict('records')}")
    return hexes[["code", "q", "r"]]


def _lookup(a: pd.DataFrame, b: pd.DataFrame, ukparl: pd.Series, codes_2010, codes_2024
            ) -> pd.DataFrame:
    """2010 -> 2024 overlaps (union of both directions' tables) with shares of each seat."""
    pairs = union_pairs(a, b, ("overlap_pop", "overlap_area"))
    if len(pairs) != OVERLAP_PAIRS:
        raise BuildCheckError(f"{LOOKUP.path}: {len(pairs)} pairs, expected {OVERLAP_PAIRS}.")
    unknown = sorted(set(pairs["PARL25"]) - set(ukparl.index))
    if unknown:
        raise BuildCheckError(f"mySociety PARL25 ids {unknown[:5]} are not in ukparl.2025.csv.")
    pairs["code_2010"] = pairs["PARL10"]
    pairs["code_2024"] = pairs["PARL25"].map(ukparl)
    # coverage of each seat's published population by the overlaps (a check on the source)
    for side, other, orig in (("PARL10", a, "original_pop"), ("PARL25", b, "original_pop")):
        covered = pairs.groupby(side)["overlap_pop"].sum() / other.groupby(side)[orig].first()
        if covered.min() < 0.95:
            raise BuildCheckError(f"mySociety overlaps cover only {covered.min():.1%} of the "
                                  f"population of {covered.idxmin()} ({side}).")
    for code_col, suffix in (("code_2010", "2010"), ("code_2024", "2024")):
        for measure, name in (("overlap_pop", "pop"), ("overlap_area", "area")):
            total = pairs.groupby(code_col)[measure].transform("sum")
            pairs[f"{name}_share_of_{suffix}_pct"] = (100 * pairs[measure] / total).round(6)
    for col, expected in (("code_2010", codes_2010), ("code_2024", codes_2024)):
        _same_codes(pairs[col].unique(), expected, f"{LOOKUP.path} {col}", "boundary set")
    sums = pairs.groupby("code_2010")["pop_share_of_2010_pct"].sum()
    if (sums - 100).abs().max() > 0.01:
        raise BuildCheckError(f"{LOOKUP.path}: shares of 2010 seats sum to {sums.min()}-{sums.max()}.")
    return pairs[[f.name for f in LOOKUP.fields]]


# ---------------------------------------------------------------------------------------------


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Write the seat registers, boundaries, hex layouts and the 2010->2024 lookup.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Where to write (``data/`` or a temporary directory), with the same relative paths.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    SourceMissingError
        If a source folder or file is missing.
    BuildCheckError
        If a source's layout changed or a result fails a check against the published record.
    """
    sources, out_dir = Path(sources), Path(out_dir)
    # tabular sources first: cheap, so that a changed layout fails fast
    la_reg = _la_register(sources)
    ukparl = _ukparl(sources)
    lad10 = _overlaps(sources, "PARL10_LAD23_combo_overlap.from_parquet.csv", ["PARL10", "LAD23"])
    lad25 = _overlaps(sources, "PARL25_LAD23_combo_overlap.from_parquet.csv", ["PARL25", "LAD23"])
    p10 = _overlaps(sources, "PARL10_PARL25_combo_overlap.from_parquet.csv", ["PARL10", "PARL25"])
    p25 = _overlaps(sources, "PARL25_PARL10_combo_overlap.from_parquet.csv", ["PARL25", "PARL10"])
    hex10 = _read_hexjson(sources, "hexmap-odileeds-hexmaps", "constituencies.hexjson", "a")
    hex24 = _read_hexjson(sources, "hexmap-openinnovations-constituencies",
                          "uk-constituencies-2024.hexjson", "region")
    hoc_county = _hoc_county(sources)
    unknown = sorted(set(lad25["PARL25"]) - set(ukparl.index))
    if unknown:
        raise BuildCheckError(f"mySociety PARL25 ids {unknown[:5]} are not in ukparl.2025.csv.")
    lad25["PARL25"] = lad25["PARL25"].map(ukparl)
    la = {"2010": _main_la(lad10, "PARL10", la_reg), "2024": _main_la(lad25, "PARL25", la_reg)}
    hexes = {"2010": hex10, "2024": hex24}

    buc = {
        "2010": _buc(sources, "boundaries-pcon2010-uk-buc-ons",
                     "Westminster_Parliamentary_Constituencies_Dec_2022_UK_BUC.geojson",
                     "PCON22CD", "PCON22NM"),
        "2024": _buc(sources, "boundaries-pcon2024-uk-buc-ons", "pcon2024_from_rda.geojson",
                     "pcon24_code", "pcon24_name"),
    }
    written: list[Path] = []
    codes_by_set = {}
    for set_id, make in (("2010", _boundaries_2010), ("2024", _boundaries_2024)):
        codes, geoms, info = make(sources, buc[set_id])
        if info["buc_fallback"]:
            warnings.warn(f"boundaries/pcon{set_id}.npz: repair failed for "
                          f"{info['buc_fallback']}; their ONS BUC polygons are used.", stacklevel=2)
        order = np.argsort(codes, kind="stable")
        path = out_dir / f"boundaries/pcon{set_id}.npz"
        _geostore.write_geometries(path, codes[order], geoms[order])
        written.append(path)
        codes, geoms = _geostore.read_geometries(path)  # check what users will read
        _check_boundaries(set_id, codes, geoms, buc[set_id], boundary_report(codes, geoms))
        codes_by_set[set_id] = codes

        seats = _register(set_id, buc[set_id], hexes[set_id], la[set_id], codes, geoms)
        _check_register(set_id, seats, hexes[set_id], hoc_county if set_id == "2010" else None)
        table = SEATS_2010 if set_id == "2010" else SEATS_2024
        written.append(write_table(seats[[f.name for f in table.fields]], table, out_dir))
        hex_table = HEX_2010 if set_id == "2010" else HEX_2024
        written.append(write_table(_hex_layout(set_id, hexes[set_id], codes), hex_table, out_dir))

    lookup = _lookup(p10, p25, ukparl, codes_by_set["2010"], codes_by_set["2024"])
    written.append(write_table(lookup, LOOKUP, out_dir))
    return written
