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

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .. import _geostore
from ..elections import NATIONS, REGIONS
from ._attr import OVERLAP_PAIRS, union_pairs
from ._boundaries import boundaries_2010, boundaries_2024, boundary_report, check_boundaries, read_buc
from ._georecord import GAP_WIDTH_M, GRID_M, NI_SIMPLIFY_M
from ._geosources import read_hexjson, same_codes
from ._io import write_table
from ._registers import (
    check_register,
    main_la,
    read_hoc_county,
    read_la_register,
    read_overlaps,
    read_ukparl,
    seat_register,
)
from ._schema import BuildCheckError, Field, Table

__all__ = ["RESOURCES", "TABLES", "boundary_report", "build"]

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
# Hex layouts and the lookup


def _hex_layout(set_id: str, hexes: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    what = f"hexmaps/pcon{set_id}.csv"
    same_codes(hexes["code"], codes, f"{what} (hexjson)", "boundary set")
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
        same_codes(pairs[col].unique(), expected, f"{LOOKUP.path} {col}", "boundary set")
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
    la_reg = read_la_register(sources)
    ukparl = read_ukparl(sources)
    lad10 = read_overlaps(sources, "PARL10_LAD23_combo_overlap.from_parquet.csv", ["PARL10", "LAD23"])
    lad25 = read_overlaps(sources, "PARL25_LAD23_combo_overlap.from_parquet.csv", ["PARL25", "LAD23"])
    p10 = read_overlaps(sources, "PARL10_PARL25_combo_overlap.from_parquet.csv", ["PARL10", "PARL25"])
    p25 = read_overlaps(sources, "PARL25_PARL10_combo_overlap.from_parquet.csv", ["PARL25", "PARL10"])
    hex10 = read_hexjson(sources, "hexmap-odileeds-hexmaps", "constituencies.hexjson", "a")
    hex24 = read_hexjson(sources, "hexmap-openinnovations-constituencies",
                          "uk-constituencies-2024.hexjson", "region")
    hoc_county = read_hoc_county(sources)
    unknown = sorted(set(lad25["PARL25"]) - set(ukparl.index))
    if unknown:
        raise BuildCheckError(f"mySociety PARL25 ids {unknown[:5]} are not in ukparl.2025.csv.")
    lad25["PARL25"] = lad25["PARL25"].map(ukparl)
    la = {"2010": main_la(lad10, "PARL10", la_reg), "2024": main_la(lad25, "PARL25", la_reg)}
    hexes = {"2010": hex10, "2024": hex24}

    buc = {
        "2010": read_buc(sources, "boundaries-pcon2010-uk-buc-ons",
                     "Westminster_Parliamentary_Constituencies_Dec_2022_UK_BUC.geojson",
                     "PCON22CD", "PCON22NM"),
        "2024": read_buc(sources, "boundaries-pcon2024-uk-buc-ons", "pcon2024_from_rda.geojson",
                     "pcon24_code", "pcon24_name"),
    }
    written: list[Path] = []
    codes_by_set = {}
    for set_id, make in (("2010", boundaries_2010), ("2024", boundaries_2024)):
        codes, geoms, info = make(sources, buc[set_id])
        if info["buc_fallback"]:
            warnings.warn(f"boundaries/pcon{set_id}.npz: repair failed for "
                          f"{info['buc_fallback']}; their ONS BUC polygons are used.", stacklevel=2)
        order = np.argsort(codes, kind="stable")
        path = out_dir / f"boundaries/pcon{set_id}.npz"
        _geostore.write_geometries(path, codes[order], geoms[order])
        written.append(path)
        codes, geoms = _geostore.read_geometries(path)  # check what users will read
        check_boundaries(set_id, codes, geoms, buc[set_id], boundary_report(codes, geoms))
        codes_by_set[set_id] = codes

        seats = seat_register(set_id, buc[set_id], hexes[set_id], la[set_id], codes, geoms)
        check_register(set_id, seats, hexes[set_id], hoc_county if set_id == "2010" else None)
        table = SEATS_2010 if set_id == "2010" else SEATS_2024
        written.append(write_table(seats[[f.name for f in table.fields]], table, out_dir))
        hex_table = HEX_2010 if set_id == "2010" else HEX_2024
        written.append(write_table(_hex_layout(set_id, hexes[set_id], codes), hex_table, out_dir))

    lookup = _lookup(p10, p25, ukparl, codes_by_set["2010"], codes_by_set["2024"])
    written.append(write_table(lookup, LOOKUP, out_dir))
    return written
