"""The geography build's register step: each seat's name, nation, region, county and main local
authority, from the ONS boundaries, the hex layouts and mySociety's overlaps, checked against the
published counts and spot checks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from ..elections import nation_of_code, region
from ._georecord import METROPOLITAN_COUNTIES, REGION_CODES, REGION_COUNTS_2010, SPOT_CHECKS
from ._geosources import read_csv, to_wgs84
from ._io import source_path
from ._schema import BuildCheckError

# ---------------------------------------------------------------------------------------------
# Registers


def read_la_register(sources: Path) -> pd.DataFrame:
    """LA23 register rows indexed by GSS code: la_name, region, type and county."""
    folder = "lookup-mysociety-local-authorities"
    reg = read_csv(source_path(sources, folder, "uk_local_authorities_future.csv"),
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


def read_ukparl(sources: Path) -> pd.Series:
    folder, filename = "lookup-openinnovations-pcon", "ukparl.2025.csv"
    df = read_csv(source_path(sources, folder, filename), ["UKPARL.2025", "PCON24CD"],
                   f"{folder}/{filename}")
    if df["UKPARL.2025"].duplicated().any() or df["PCON24CD"].duplicated().any() or len(df) != 650:
        raise BuildCheckError(f"{folder}/{filename}: expected 650 one-to-one rows, got {len(df)}.")
    return df.set_index("UKPARL.2025")["PCON24CD"]


def read_overlaps(sources: Path, filename: str, columns: list[str]) -> pd.DataFrame:
    folder = "lookup-mysociety-geographic-overlaps"
    df = read_csv(source_path(sources, folder, filename),
                   [*columns, "overlap_area", "original_area", "overlap_pop", "original_pop"],
                   f"{folder}/{filename}")
    for col in ("overlap_area", "original_area", "overlap_pop", "original_pop"):
        df[col] = pd.to_numeric(df[col], errors="raise")
    return df


def main_la(overlaps: pd.DataFrame, seat: str, la_reg: pd.DataFrame) -> pd.DataFrame:
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


def seat_register(set_id: str, buc: pd.DataFrame, hexes: pd.DataFrame, la: pd.DataFrame,
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
    lon, lat = to_wgs84(shapely.get_x(centre), shapely.get_y(centre))
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


def check_register(set_id: str, seats: pd.DataFrame, hexes: pd.DataFrame,
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


def read_hoc_county(sources: Path) -> pd.Series:
    folder, filename = "results-hoc-ge2019", "HoC-GE2019-results-by-constituency-csv.csv"
    df = read_csv(source_path(sources, folder, filename), ["ons_id", "county_name"],
                   f"{folder}/{filename}")
    return df.set_index(df["ons_id"].str.strip())["county_name"].str.strip()


