"""Small areas: every census small area of the UK with its deprivation, seat and neighbourhood.

Writes three tables under ``smallareas/``:

- ``small_areas.csv``: the 42,619 small areas of mySociety's composite UK index (England and
  Wales LSOAs 2011, Scottish Data Zones 2011, Northern Ireland SOAs 2001) with the position of
  their population-weighted centre, mid-2019 population, UK composite deprivation (score, rank,
  population decile and quintile), local authority, and their seat and neighbourhood on both
  boundary sets;
- ``neighbourhoods.csv``: the named places small areas are labelled with;
- ``local_authorities.csv``: local authority names.

Seats: each centre is placed in seatmap's own boundaries with the point index
(:func:`seatmap.assign_points`, 2 km snap for coastal centres): the ONS best-fit rule (a whole
small area goes to the seat holding its population-weighted centre). On the 2010 set the result
is checked against mySociety's published best-fit lookup (``pcon_lsoa.csv``, a postcode-majority
rule) and the agreement is asserted (:data:`AGREEMENT_2010`).

Neighbourhoods (labels, never official membership: there is no small-area to neighbourhood
lookup in the sources): the nearest named place whose centre lies in the same seat. England and
Wales: MSOAs with the House of Commons Library's names; Northern Ireland: the SOA's own name
(its ward, numbering dropped); Scotland: council wards (2021 set), because the source's
Intermediate Zone centres are misplaced (see :func:`_check_iz_centres_misplaced`).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .._crs import to_bng
from ..points import assign_points
from ._attr import check_seat_codes, parl25_codes, read_source_csv, to_gss_2024
from ._io import write_table
from ._schema import Field, Table, ensure

__all__ = ["AGREEMENT_2010", "DECILE1", "RESOURCES", "TABLES", "WELSH_LA_AGREE_PCT", "build", "people_name"]

CENTROIDS = "lookup-drkane-small-area-centroids"
UKIMD = "deprivation-mysociety-composite-uk-imd"
SMALL = "deprivation-small-area-national-indices"

AREAS_PER_NATION = {"E": 32844, "W": 1909, "S": 6976, "N": 890}
SNAP_M = 2000.0
"""Centres outside every seat (coast, estuaries) go to the nearest seat within this distance."""
AGREEMENT_2010 = {"agree": 42470, "differ": {"E": 101, "S": 46, "W": 2}}
"""Placing the centres in the 2010 set agrees with mySociety's best-fit lookup for this many
small areas (99.65%); the rest differ by nation (best fit by postcodes versus by population
centre). The build recomputes these numbers and fails if they change."""
DECILE1 = {"areas": 4222, "seats_2024": 420}
"""Small areas in the UK's most deprived population decile, and the 2024 seats they lie in."""
MSOAS_CHANGED_2021 = 121
"""E&W MSOAs of 2011 without a 2021 code: their centres in the source are another area's."""
PLACES_OUTSIDE_LA = 9
"""Named places whose centre lies in a 2024 seat sharing no population with their local
authority (mySociety's seat x council overlaps): all at council borders, but a misplaced centre
would look the same, so they are not used as labels (a check on the source's centres)."""
#: Local authorities re-coded in 2024 (Barnsley, Sheffield) -> their 2023 codes in the overlaps
LA_RECODED = {"E08000038": "E08000016", "E08000039": "E08000019"}
OVERLAPS = "lookup-mysociety-geographic-overlaps"
PARL25_LAD = "PARL25_LAD23_combo_overlap.from_parquet.csv"
WELSH_LA_AGREE_PCT = 99.2
"""Share of Welsh LSOAs whose local authority (taken from the small area's 2024 neighbourhood)
is the Welsh Government's published one (WIMD 2019); the build recomputes it (to 0.1)."""

SEAT_FIELDS = tuple(
    f for s in ("2010", "2024") for f in (
        Field(f"seat_{s}", "string",
              f"GSS code of the seat ({s} boundary set) holding the small area's "
              "population-weighted centre (the ONS best-fit rule), placed with seatmap's point "
              f"index in seatmap's own {s} boundaries; centres just outside every seat (coast) "
              f"go to the nearest seat within {SNAP_M / 1000:g} km."),
        Field(f"neighbourhood_{s}", "string",
              f"Code of the small area's neighbourhood on the {s} set: the named place "
              "(neighbourhoods.csv) whose centre is nearest the small area's centre among those "
              "in the same seat. A label for finding the place, not an official membership."),
    ))

SMALL_AREAS = Table(
    path="smallareas/small_areas.csv",
    title="Small areas: deprivation, population, seat and neighbourhood",
    description=(
        "Every small area of mySociety's composite UK Index of Multiple Deprivation (England and "
        "Wales LSOAs 2011, Scottish Data Zones 2011, Northern Ireland SOAs 2001): 32,844 "
        "English, 1,909 Welsh, 6,976 Scottish and 890 Northern Irish. Centres are the "
        "population-weighted centroids published by ONS, NRS and NISRA (compiled by David "
        "Kane). Seats follow the ONS best-fit rule (the seat holding the population-weighted "
        "centre). Check: on the 2010 set this agrees with mySociety's published best-fit "
        "lookup (a postcode-majority rule) for 42,470 of 42,619 small areas (99.65%; 101 "
        "English, 46 Scottish and 2 Welsh differ; `mysociety_seat_2010` names mySociety's seat "
        "where it differs). 26 centres on the 2010 set and 22 on the 2024 set lie just outside "
        f"every seat (coast) and go to the nearest seat within {SNAP_M / 1000:g} km. 4,222 small "
        "areas are in the UK's most deprived population decile, in 420 of the 650 seats of the "
        "2024 set. The local authority is that of the small area's 2024 neighbourhood (agrees "
        "with the Welsh Government's published authority for 99.2% of Welsh LSOAs). Northern "
        "Ireland's small areas sit high on the UK scale because of how the source puts NIMDM "
        "2017 on the English scale: compare them with each other."),
    sources=(UKIMD, SMALL, CENTROIDS),
    fields=(
        Field("code", "string", "Small area code: LSOA 2011 (E01, W01), Data Zone 2011 (S01) "
              "or Super Output Area 2001 (95...).", unique=True),
        Field("nation", "string", "E, W, S or N.", enum=("E", "W", "S", "N")),
        Field("x", "integer", "Easting of the population-weighted centre (British National "
              "Grid, EPSG:27700).", unit="metres"),
        Field("y", "integer", "Northing of the population-weighted centre (British National "
              "Grid).", unit="metres"),
        Field("population", "integer", "Mid-2019 population estimate (ONS, NRS, NISRA; the "
              "weights of the composite index).", unit="people", minimum=0),
        Field("imd_uk_score", "number", "mySociety composite UK deprivation score (English IMD "
              "scale; Wales, Scotland and Northern Ireland modelled onto it); higher = more "
              "deprived.", unit="score", decimals=3),
        Field("imd_uk_rank", "number", "Rank of the score among the UK's 42,619 small areas "
              "(1 = most deprived); tied scores share the mean of their ranks (x.5), as "
              "published.", unit="rank", minimum=1, maximum=42619, decimals=1),
        Field("imd_uk_decile", "integer", "UK population decile of the score: small areas "
              "ordered from most to least deprived and cut into ten groups holding a tenth of "
              "the UK population each; 1 = most deprived tenth.", unit="decile", minimum=1,
              maximum=10),
        Field("imd_uk_quintile", "integer", "As imd_uk_decile, in fifths; 1 = most deprived.",
              unit="quintile", minimum=1, maximum=5),
        Field("la_code", "string", "GSS code of the local authority (current authorities): "
              "that of the small area's 2024 neighbourhood; see local_authorities.csv."),
        *SEAT_FIELDS,
        Field("mysociety_seat_2010", "string", "mySociety's best-fit seat (2010 set) where it "
              "differs from seat_2010; empty where they agree.", required=False),
    ),
    rows=sum(AREAS_PER_NATION.values()),
    primary_key=("code",),
)

NEIGHBOURHOODS = Table(
    path="smallareas/neighbourhoods.csv",
    title="Neighbourhoods: the named places small areas are labelled with",
    description=(
        "Named places with a centre, used to label small areas (each small area takes the "
        "nearest one in its seat; a label, not an official membership). England and Wales: "
        "MSOAs 2011 with the House of Commons Library's MSOA names (\"Headland & West View\", "
        "\"Marks Gate\"), centres population-weighted (ONS); the 121 MSOAs of 2011 that have "
        "no 2021 code are left out (the source gives them another area's centre). Northern "
        "Ireland: each SOA with its own name (the ward it is named after; the SOA number and "
        "any \"(... LGD)\" suffix dropped). Scotland: council wards current in 2021 with their "
        "centres (the source's Intermediate Zone centres are misplaced: most lie far from "
        "their council area, so Intermediate Zone names are not used). Places whose centre "
        "lies in a 2024 seat sharing no population with their council (9, all at council "
        "borders) are left out. `generic` marks names local people may not recognise as a "
        "place (compass words such as \"North East\", or numbered): "
        "show the local authority beside them."),
    sources=(CENTROIDS,),
    fields=(
        Field("code", "string", "MSOA 2011 code (E02, W02), ward code (S13) or SOA 2001 "
              "code (95...).", unique=True),
        Field("name", "string", "The name people use (Commons Library MSOA name, ward name, "
              "or the SOA's ward name)."),
        Field("kind", "string", "What the place is.", enum=("MSOA", "ward", "SOA")),
        Field("la_code", "string", "GSS code of its local authority (current authorities)."),
        Field("x", "integer", "Easting of its centre (British National Grid).", unit="metres"),
        Field("y", "integer", "Northing of its centre (British National Grid).", unit="metres"),
        Field("generic", "boolean", "True when the name alone may not be recognised as a "
              "place (compass or position words only, or numbered)."),
    ),
    primary_key=("code",),
)

LOCAL_AUTHORITIES = Table(
    path="smallareas/local_authorities.csv",
    title="Local authorities of the small areas",
    description="Names of the current local authorities small areas and neighbourhoods lie in.",
    sources=(CENTROIDS,),
    fields=(
        Field("la_code", "string", "GSS code of the local authority.", unique=True),
        Field("la_name", "string", "Its name."),
    ),
    primary_key=("la_code",),
)

TABLES = [SMALL_AREAS, NEIGHBOURHOODS, LOCAL_AUTHORITIES]
RESOURCES: list[dict] = []

_POSITION_WORDS = {"north", "south", "east", "west", "central", "centre", "center", "mid",
                   "upper", "lower", "inner", "outer", "and", "&", "/", "city", "town", "rural",
                   "urban", "north-east", "north-west", "south-east", "south-west"}


def people_name(name: str, kind: str) -> str:
    """The name people use for a neighbourhood: an NI SOA's ward name without its number.

    Examples
    --------
    >>> people_name("Crumlin 1 (Antrim LGD)", "SOA"), people_name("Falls 2", "SOA")
    ('Crumlin', 'Falls')
    >>> people_name("Headland & Harbour", "MSOA")
    'Headland & Harbour'
    """
    name = str(name).strip()
    if kind == "SOA":
        name = re.sub(r"\s*\([^)]*\)", "", name)
        name = re.sub(r"\s+\d+$", "", name).strip()
    return name


def _generic(name: str) -> bool:
    words = re.split(r"[\s/]+", name.lower().replace("/", " / "))
    return bool(re.search(r"\d", name)) or all(w in _POSITION_WORDS for w in words if w)


def _read_areas(sources: Path) -> pd.DataFrame:
    imd = read_source_csv(sources, UKIMD, "UK_IMD_E.csv",
                          ["nation", "lsoa", "UK_IMD_E_score", "UK_IMD_E_rank",
                           "UK_IMD_E_pop_decile", "UK_IMD_E_pop_quintile"])
    pop = read_source_csv(sources, SMALL, "2019_population.csv", ["lsoa", "pop"],
                          encoding="utf-8-sig", thousands=",", dtype={"lsoa": str})
    pop = pop[pop["lsoa"] != "Grand Total"].set_index("lsoa")["pop"]
    cen = read_source_csv(sources, CENTROIDS, "lsoa_latlong.csv",
                          ["lsoa11cd", "latitude", "longitude"])
    ensure(not cen["lsoa11cd"].duplicated().any(), f"{CENTROIDS}/lsoa_latlong.csv: duplicated "
                                                   "lsoa11cd.")
    cen = cen.set_index("lsoa11cd")
    got = imd["nation"].value_counts().to_dict()
    ensure(got == AREAS_PER_NATION and imd["lsoa"].is_unique,
           f"{UKIMD}/UK_IMD_E.csv: small areas per nation {got}, expected {AREAS_PER_NATION}.")
    codes = imd["lsoa"]
    missing = codes[~codes.isin(cen.index) | ~codes.isin(pop.index)]
    ensure(missing.empty, f"small areas without a centroid or population: {missing.head().tolist()}.")
    x, y = to_bng(cen.loc[codes, "longitude"].to_numpy(), cen.loc[codes, "latitude"].to_numpy())
    return pd.DataFrame({
        "code": codes.to_numpy(), "nation": imd["nation"].to_numpy(),
        "x": np.round(x), "y": np.round(y),
        "population": pop.loc[codes].to_numpy(),
        "imd_uk_score": imd["UK_IMD_E_score"].to_numpy(),
        "imd_uk_rank": imd["UK_IMD_E_rank"].to_numpy(),
        "imd_uk_decile": imd["UK_IMD_E_pop_decile"].to_numpy(),
        "imd_uk_quintile": imd["UK_IMD_E_pop_quintile"].to_numpy(),
    })


def _place(x: np.ndarray, y: np.ndarray, set_id: str) -> tuple[np.ndarray, int]:
    """Seat codes (2024/2010 set) of BNG points, and how many were snapped to a nearby seat."""
    got = assign_points(None, set_id, x=x, y=y, crs=27700, on_border="first", nearest=SNAP_M,
                        status=True, warn=False)
    ensure(got["code"].notna().all(), f"{int(got['code'].isna().sum())} centres are in no seat "
                                      f"of the {set_id} set (even within {SNAP_M:g} m).")
    return got["code"].astype(str).to_numpy(), int((got["status"] == "nearest").sum())


def _msoas(sources: Path) -> pd.DataFrame:
    """E&W MSOAs 2011 (Commons Library names) and NI SOAs, with centres and authorities."""
    la = read_source_csv(sources, CENTROIDS, "msoa_la.csv",
                         ["MSOA11CD", "MSOA21CD", "MSOA11HCLNM", "LADCD_ACTIVE", "LADNM_ACTIVE"],
                         dtype=str)
    la = la[la["MSOA11CD"].notna()]
    # The centres are keyed by the current code: an E&W MSOA of 2011 that has no 2021 code
    # (changed in 2021) gets another area's centre (109 of 110 lie outside their council), so
    # only MSOAs that kept their code are used as places.
    gone = la["MSOA11CD"].str[:3].isin(["E02", "W02"]) & la["MSOA21CD"].isna()
    ensure(int(gone.sum()) == MSOAS_CHANGED_2021,
           f"{CENTROIDS}/msoa_la.csv: {int(gone.sum())} E&W MSOAs of 2011 without a 2021 code, "
           f"expected {MSOAS_CHANGED_2021}.")
    la = la[~gone]
    ensure(la["MSOA11CD"].is_unique and la["MSOA11HCLNM"].notna().all(),
           f"{CENTROIDS}/msoa_la.csv: duplicated or unnamed 2011 MSOAs.")
    cen = read_source_csv(sources, CENTROIDS, "msoa_latlong.csv",
                          ["msoa11cd", "latitude", "longitude"]).drop_duplicates("msoa11cd")
    m = la.merge(cen, left_on="MSOA11CD", right_on="msoa11cd", how="left", validate="1:1")
    ensure(m["latitude"].notna().all(), f"{CENTROIDS}: MSOAs without a centre.")
    kind = np.where(m["MSOA11CD"].str.startswith("95"), "SOA",
                    np.where(m["MSOA11CD"].str.startswith("S02"), "IZ", "MSOA"))
    x, y = to_bng(m["longitude"].to_numpy(), m["latitude"].to_numpy())
    return pd.DataFrame({"code": m["MSOA11CD"], "raw_name": m["MSOA11HCLNM"], "kind": kind,
                         "la_code": m["LADCD_ACTIVE"], "la_name": m["LADNM_ACTIVE"],
                         "x": np.round(x), "y": np.round(y)})


def _scottish_wards(sources: Path) -> pd.DataFrame:
    """Scottish council wards with a centre (the 2021 ward set), latest name per code."""
    wards = read_source_csv(sources, CENTROIDS, "ward_all_codes.csv",
                            ["WDCD", "WDNM", "SOURCEFILE", "LADCD_ACTIVE", "LADNM_ACTIVE"],
                            dtype=str)
    wards = wards[wards["WDCD"].str.startswith("S13")].drop_duplicates("WDCD")
    # Each ward is listed once, under the vintage it first appeared in: 2016 holds the 2007
    # wards, 2017 the new codes of that year's review, 2018-2019 a few re-coded wards, 2022 the
    # islands' review (no centres yet). Per council: the 2017 wards if it has any, else 2016's,
    # with 2018-2019 codes replacing the ward of the same name.
    wards = wards[wards["SOURCEFILE"].isin(["2016", "2017", "2018", "2019"])]
    full = wards[wards["SOURCEFILE"].isin(["2016", "2017"])]
    latest = full.groupby("LADCD_ACTIVE")["SOURCEFILE"].transform("max")
    recoded = wards[wards["SOURCEFILE"].isin(["2018", "2019"])]
    full = full[(full["SOURCEFILE"] == latest) &
                ~(full["LADCD_ACTIVE"] + "|" + full["WDNM"]).isin(
                    recoded["LADCD_ACTIVE"] + "|" + recoded["WDNM"])]
    wards = pd.concat([full, recoded])
    # Scotland had 354 wards from 2017; the source's 2016 list has 6 of Shetland's 7
    ensure(len(wards) == 353 and wards["LADCD_ACTIVE"].nunique() == 32,
           f"{CENTROIDS}/ward_all_codes.csv: {len(wards)} Scottish wards current in 2021 in "
           f"{wards['LADCD_ACTIVE'].nunique()} councils, expected 353 (of 354) in 32.")
    cen = read_source_csv(sources, CENTROIDS, "ward_latlong.csv", ["wdcd", "latitude", "longitude"])
    w = wards.merge(cen, left_on="WDCD", right_on="wdcd", how="inner", validate="1:1")
    ensure(len(w) == len(wards), f"{CENTROIDS}/ward_latlong.csv: {len(wards) - len(w)} Scottish "
                                 "wards current in 2021 have no centre.")
    x, y = to_bng(w["longitude"].to_numpy(), w["latitude"].to_numpy())
    return pd.DataFrame({"code": w["WDCD"], "raw_name": w["WDNM"], "kind": "ward",
                         "la_code": w["LADCD_ACTIVE"], "la_name": w["LADNM_ACTIVE"],
                         "x": np.round(x), "y": np.round(y)})


def _check_iz_centres_misplaced(iz: pd.DataFrame, wards: pd.DataFrame) -> None:
    """The source's Intermediate Zone centres do not lie in their own council areas.

    Each IZ's nearest ward (wards nest in council areas) should be of the IZ's council area;
    in the source this holds for under half of them (Glasgow's IZs sit near Fraserburgh). If a
    fixed source makes it hold for most, Intermediate Zone names should replace ward names.
    """
    near = _nearest(iz["x"].to_numpy(), iz["y"].to_numpy(), wards["x"].to_numpy(),
                    wards["y"].to_numpy())
    share = float((wards["la_code"].to_numpy()[near] == iz["la_code"].to_numpy()).mean())
    ensure(share < 0.5, f"{CENTROIDS}/msoa_latlong.csv: {share:.0%} of Scottish Intermediate "
                        "Zone centres now lie in their own council area (under half did): the "
                        "source looks fixed; label Scottish small areas with Intermediate Zone "
                        "names instead of wards (seatmap/build/smallareas.py).")


def _drop_places_outside_their_council(sources: Path, places: pd.DataFrame) -> pd.DataFrame:
    """Keep places whose centre's 2024 seat overlaps their local authority (else misplaced)."""
    ov = read_source_csv(sources, OVERLAPS, PARL25_LAD, ["PARL25", "LAD23", "overlap_pop"])
    ov = ov[ov["overlap_pop"] > 0]
    seat = to_gss_2024(ov, "PARL25", parl25_codes(sources), f"{OVERLAPS}/{PARL25_LAD}")
    pairs = set(seat + "|" + ov["LAD23"])
    la = places["la_code"].replace(LA_RECODED)
    ok = (places["seat_2024"] + "|" + la).isin(pairs)
    ensure(int((~ok).sum()) == PLACES_OUTSIDE_LA,
           f"{int((~ok).sum())} named places lie in a seat outside their local authority, "
           f"expected {PLACES_OUTSIDE_LA}: {places.loc[~ok, 'code'].head().tolist()}.")
    return places[ok]


def _nearest(ax, ay, bx, by, chunk: int = 2048) -> np.ndarray:
    """Index of the nearest b point for each a point (brute force in chunks)."""
    out = np.empty(len(ax), dtype=np.int64)
    for start in range(0, len(ax), chunk):
        sl = slice(start, start + chunk)
        d = (ax[sl, None] - bx[None, :]) ** 2 + (ay[sl, None] - by[None, :]) ** 2
        out[sl] = d.argmin(axis=1)
    return out


def _nearest_in_seat(areas: pd.DataFrame, places: pd.DataFrame, seat: str) -> np.ndarray:
    """Row of ``places`` nearest each area among the places in the area's seat (else: any)."""
    out = np.full(len(areas), -1, dtype=np.int64)
    ax, ay = areas["x"].to_numpy(float), areas["y"].to_numpy(float)
    px, py = places["x"].to_numpy(float), places["y"].to_numpy(float)
    by_seat = places.groupby(seat).indices
    for code, idx in areas.groupby(seat).indices.items():
        cand = by_seat.get(code)
        if cand is None:  # no named place in the seat: nearest of the nation's
            continue
        out[idx] = cand[_nearest(ax[idx], ay[idx], px[cand], py[cand])]
    rest = np.flatnonzero(out < 0)
    if len(rest):
        out[rest] = _nearest(ax[rest], ay[rest], px, py)
    return out


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Write the small-area tables into ``out_dir/smallareas/`` and run their checks (see the
    module docstring); return the paths written, in :data:`TABLES` order."""
    sources = Path(sources)
    areas = _read_areas(sources)
    snapped = {}
    for set_id in ("2010", "2024"):
        areas[f"seat_{set_id}"], snapped[set_id] = _place(areas["x"].to_numpy(float),
                                                          areas["y"].to_numpy(float), set_id)
    ensure(snapped == {"2010": 26, "2024": 22},
           f"Small-area centres snapped to a seat: {snapped}, expected 26 (2010) and 22 (2024).")
    for set_id, expected in (("2010", {"E": 533, "W": 40, "S": 59, "N": 18}),
                             ("2024", {"E": 543, "W": 32, "S": 57, "N": 18})):
        check_seat_codes(pd.Series(areas[f"seat_{set_id}"].unique()), expected,
                         f"seats holding small areas ({set_id} set)")
        wrong = areas[f"seat_{set_id}"].str[0] != areas["nation"]
        ensure(not wrong.any(), f"{int(wrong.sum())} small areas placed in another nation's "
                                f"seat ({set_id} set).")

    # the 2010 best fit against mySociety's published lookup
    lookup = read_source_csv(sources, SMALL, "pcon_lsoa.csv", ["pcon", "lsoa11"], dtype=str)
    theirs = areas["code"].map(lookup.set_index("lsoa11")["pcon"])
    ensure(theirs.notna().all(), f"{SMALL}/pcon_lsoa.csv does not cover every small area.")
    differ = areas["seat_2010"] != theirs
    got = {"agree": int((~differ).sum()),
           "differ": areas.loc[differ, "nation"].value_counts().sort_index().to_dict()}
    ensure(got == AGREEMENT_2010, f"2010 best fit versus mySociety's lookup: {got}, expected "
                                  f"{AGREEMENT_2010}.")
    areas["mysociety_seat_2010"] = theirs.where(differ)

    decile1 = areas[areas["imd_uk_decile"] == 1]
    got = {"areas": len(decile1), "seats_2024": decile1["seat_2024"].nunique()}
    ensure(got == DECILE1, f"Most deprived UK decile: {got}, expected {DECILE1}.")

    # neighbourhoods: E&W MSOAs, NI SOAs, Scottish wards (IZ centres are misplaced)
    msoas = _msoas(sources)
    wards = _scottish_wards(sources)
    _check_iz_centres_misplaced(msoas[msoas["kind"] == "IZ"], wards)
    places = pd.concat([msoas[msoas["kind"] != "IZ"], wards], ignore_index=True)
    places["name"] = [people_name(n, k) for n, k in zip(places["raw_name"], places["kind"],
                                                       strict=True)]
    places["generic"] = places["name"].map(_generic)
    for set_id in ("2010", "2024"):
        places[f"seat_{set_id}"], _ = _place(places["x"].to_numpy(float),
                                             places["y"].to_numpy(float), set_id)
    places = _drop_places_outside_their_council(sources, places)
    used = []
    for set_id in ("2010", "2024"):
        nation_of_place = places["code"].str[0].replace({"9": "N"})
        rows = np.empty(len(areas), dtype=np.int64)
        for nation, idx in areas.groupby("nation").indices.items():
            cand = np.flatnonzero(nation_of_place.to_numpy() == nation)
            sub = _nearest_in_seat(areas.iloc[idx], places.iloc[cand], f"seat_{set_id}")
            rows[idx] = cand[sub]
        areas[f"neighbourhood_{set_id}"] = places["code"].to_numpy()[rows]
        used.append(rows)
    areas["la_code"] = places["la_code"].to_numpy()[used[1]]

    # the local authority check: Wales publishes each LSOA's authority
    wimd = read_source_csv(sources, SMALL, "wimd-2019-index-and-domain-scores-overall.csv",
                           ["lsoa", "Local Authority Name"])
    la_names = places.drop_duplicates("la_code").set_index("la_code")["la_name"]
    wales = areas[areas["nation"] == "W"]
    published = wales["code"].map(wimd.set_index("lsoa")["Local Authority Name"].str.strip())
    agree = 100 * float((wales["la_code"].map(la_names) == published).mean())
    ensure(round(agree, 1) == WELSH_LA_AGREE_PCT,
           f"Local authority of Welsh LSOAs agrees with WIMD for {agree:.1f}%, expected "
           f"{WELSH_LA_AGREE_PCT}%.")

    places = places[places["code"].isin(set(areas["neighbourhood_2010"]) |
                                        set(areas["neighbourhood_2024"]))]
    las = la_names[la_names.index.isin(set(places["la_code"]) | set(areas["la_code"]))]
    frames = {
        SMALL_AREAS.path: areas,
        NEIGHBOURHOODS.path: places[[f.name for f in NEIGHBOURHOODS.fields]],
        LOCAL_AUTHORITIES.path: las.rename_axis("la_code").reset_index(),
    }
    return [write_table(frames[t.path], t, out_dir) for t in TABLES]
