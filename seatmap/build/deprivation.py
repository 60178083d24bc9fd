"""Deprivation by constituency, on both boundary sets.

Writes ``attributes/deprivation_pcon2010.csv`` (mySociety's composite UK index; England's IMD 2019
from the Commons Library; Wales, Scotland and Northern Ireland summarised from their small-area
indices) and ``attributes/deprivation_pcon2024.csv`` (the composite UK index).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._attr import (
    BUILD_DOC,
    OI_LOOKUP,
    SEATS_PER_NATION_2010,
    SEATS_PER_NATION_2024,
    check_seat_codes,
    code_field,
    ensure,
    expect_figure,
    parl25_codes,
    pct_field,
    read_sheet,
    read_source_csv,
    require_columns,
    source_path,
    to_gss_2024,
    write_checked,
)
from ._schema import Field, Table

__all__ = ["RESOURCES", "TABLES", "build"]
from .census import read_bes

UKIMD = "deprivation-mysociety-composite-uk-imd"
HOC_IMD = "deprivation-hoc-english-imd2019"
SMALL_AREAS = "deprivation-small-area-national-indices"
BES = "census-bes-2019-results-census2011"

NATIONAL_INDEX = {"E": "IMD 2019", "W": "WIMD 2019", "S": "SIMD 2020v2", "N": "NIMDM 2017"}
RANK_BASIS = {
    "E": "Commons Library average score",
    "W": "population-weighted average score",
    "S": "population-weighted average rank",
    "N": "population-weighted average rank",
}


def _uk_imd_fields(boundary_set: str) -> tuple[Field, ...]:
    return (
        Field("imd_uk_score", "number",
              "mySociety composite UK Index of Multiple Deprivation: population-weighted mean of "
              "small-area scores on the English IMD scale (Wales, Scotland and Northern Ireland "
              "modelled onto it), comparable across the UK; higher = more deprived.",
              unit="score"),
        Field("imd_uk_decile", "integer",
              "Seat's UK population decile of the composite score: seats ordered from most to "
              "least deprived and cut into ten groups holding a tenth of the UK population each "
              f"({boundary_set} set); 1 = most deprived tenth. Caveat: all 18 Northern Ireland "
              "seats fall in deciles 1-2 (14 in decile 1, 4 in decile 2). That is a property of "
              "the source (mySociety's composite puts NIMDM 2017 on the English scale), not a "
              "finding that every NI seat is among the UK's most deprived: compare NI seats "
              "with each other (national_rank on the 2010 set) rather than with Great "
              "Britain.", unit="decile", minimum=1, maximum=10),
        Field("imd_uk_quintile", "integer",
              "As imd_uk_decile, in five groups holding a fifth of the UK population each; "
              "1 = most deprived.", unit="quintile", minimum=1, maximum=5),
        pct_field("imd_uk_high_pct",
             "Share of the seat's population living in small areas in the UK's most deprived "
             "population quintile (composite index)."),
    )



DEPRIVATION_2010 = Table(
    path="attributes/deprivation_pcon2010.csv",
    title="Deprivation by constituency (2010 boundary set)",
    description=(
        "UK-wide: mySociety's composite Index of Multiple Deprivation (comparable across "
        "nations). England: the official IMD 2019 constituency ranks, scores and highly deprived "
        "LSOA shares published by the Commons Library (CBP-7327; the workbook has names only, "
        "joined to codes by exact name, surrounding spaces trimmed, through the BES file). "
        "National: each nation's own "
        "index (IMD 2019, WIMD 2019, SIMD 2020v2, NIMDM 2017) summarised per seat. For Wales, "
        "Scotland and Northern Ireland the small areas are assigned to seats by mySociety's "
        "best-fit lookup and weighted by mid-2019 population. SIMD and NIMDM publish ranks, not "
        "scores, so `national_score` is empty there (mySociety's reconstructed scores are not "
        "used) and those seats are ranked by population-weighted average small-area rank. "
        "`national_top10_pct` is the share of the seat's small areas in its nation's most "
        "deprived 10%: for England the Library's published share (LSOAs in England's most "
        "deprived decile); elsewhere areas ranked within the first tenth of the nation's small "
        "areas (697 of 6,976 Scottish data zones, 89 of 890 NI SOAs, 190 of 1,909 Welsh LSOAs, "
        "where WIMD is published as one-decimal scores and three LSOAs tie at the boundary, in "
        "Clwyd West, Vale of Clwyd and Rhondda: all three are counted, so 192)."),
    sources=(UKIMD, HOC_IMD, SMALL_AREAS, BES),
    fields=(
        code_field("2010"),
        *_uk_imd_fields("2010"),
        Field("eng_imd_rank", "integer",
              "England only: Commons Library rank of the seat's IMD 2019 score among the 533 "
              "English seats (1 = most deprived).", unit="rank", required=False, minimum=1,
              maximum=533),
        Field("eng_imd_score", "number",
              "England only: population-weighted mean IMD 2019 score of the seat's LSOAs "
              "(Commons Library); higher = more deprived.", unit="score", required=False,
              decimals=3),
        pct_field("eng_top10_pct",
             "England only: share of the seat's LSOAs in England's most deprived 10% on IMD "
             "2019 (Commons Library).", required=False),
        Field("national_index", "string", "The nation's own deprivation index.",
              enum=tuple(NATIONAL_INDEX.values())),
        Field("national_score", "number",
              "Population-weighted mean small-area score on the nation's own index (England: "
              "the Library's eng_imd_score; Wales: WIMD 2019); empty for Scotland and Northern "
              "Ireland, whose indices publish ranks only.", unit="score", required=False,
              decimals=3),
        Field("national_rank", "integer",
              "Rank of the seat within its nation (1 = most deprived). England: the Library's "
              "rank (by average IMD score); Wales: by population-weighted average WIMD score; "
              "Scotland and Northern Ireland: by population-weighted average small-area rank "
              "(their indices publish ranks only). See national_rank_basis.", unit="rank",
              minimum=1, maximum=533),
        Field("national_rank_basis", "string", "What national_rank orders seats by.",
              enum=tuple(dict.fromkeys(RANK_BASIS.values()))),
        pct_field("national_top10_pct",
             "Share of the seat's small areas (LSOAs, data zones, SOAs) in its own nation's "
             "most deprived 10%."),
    ),
    rows=650,
    primary_key=("code",),
)

DEPRIVATION_2024 = Table(
    path="attributes/deprivation_pcon2024.csv",
    title="Deprivation by constituency (2024 boundary set)",
    description=(
        "mySociety's composite UK Index of Multiple Deprivation for the 2024 seats (mySociety ids "
        "mapped to GSS codes with Open Innovations' lookup). The nations' own indices are not "
        "summarised on this set (the small-area lookup is for the 2010 seats)."),
    sources=(UKIMD, OI_LOOKUP),
    fields=(code_field("2024"), *_uk_imd_fields("2024")),
    rows=650,
    primary_key=("code",),
)

TABLES = [DEPRIVATION_2010, DEPRIVATION_2024]
RESOURCES: list[dict] = []


def _uk_imd(df: pd.DataFrame, prefix: str) -> pd.DataFrame:
    return pd.DataFrame({
        "imd_uk_score": df[f"{prefix}-deprivation-score"],
        "imd_uk_decile": df[f"{prefix}-imd-pop-decile"],
        "imd_uk_quintile": df[f"{prefix}-imd-pop-quintile"],
        "imd_uk_high_pct": 100 * df["high-deprivation"],
    })


def _uk_imd_cols(prefix: str) -> list[str]:
    return [f"{prefix}-deprivation-score", f"{prefix}-imd-pop-decile",
            f"{prefix}-imd-pop-quintile", "high-deprivation"]


def _library_sheet(raw: pd.DataFrame, sheet: str, columns: list[str]) -> pd.DataFrame:
    """A CBP-7327 sheet: find the header row ('Constituency'), keep rows with numeric data."""
    first = raw.iloc[:, 0].astype("string").str.strip()
    hits = np.flatnonzero(first.eq("Constituency").fillna(False).to_numpy())
    what = f"{HOC_IMD}/CBP7327.xlsx sheet {sheet!r}"
    ensure(len(hits) > 0, f"{what}: no header row starting 'Constituency'; layout changed.")
    header = [str(v).strip() if pd.notna(v) else f"blank_{i}"
              for i, v in enumerate(raw.iloc[hits[0]])]
    df = raw.iloc[hits[0] + 1:].set_axis(header, axis=1)
    require_columns(df, columns, what)
    df = df[pd.to_numeric(df[columns[1]], errors="coerce").notna()][columns]
    df["Constituency"] = df["Constituency"].astype(str).str.strip()  # "Portsmouth North "
    ensure(len(df) == 533 and df["Constituency"].is_unique,
           f"{what}: {len(df)} seats (or duplicated names), expected 533.")
    return df.set_index("Constituency").apply(pd.to_numeric)


def _english_imd(sources: Path, bes: pd.DataFrame) -> pd.DataFrame:
    """Commons Library IMD 2019 rank, score and highly deprived share, keyed by code."""
    path = source_path(sources, HOC_IMD, "CBP7327.xlsx")
    imd = "Index of Multiple Deprivation"
    sheets = read_sheet(path, ["2019 Ranks", "2019 Scores", "2019 highly deprived LSOAs"],
                    header=None)
    ranks = _library_sheet(sheets["2019 Ranks"], "2019 Ranks", ["Constituency", imd])
    scores = _library_sheet(sheets["2019 Scores"], "2019 Scores", ["Constituency", imd])
    share = "% of LSOAs that are highly deprived"
    high = _library_sheet(sheets["2019 highly deprived LSOAs"], "2019 highly deprived LSOAs",
                          ["Constituency", share])
    eng = pd.DataFrame({"eng_imd_rank": ranks[imd], "eng_imd_score": scores[imd],
                        "eng_top10_pct": 100 * high[share]})
    ensure(eng.notna().all().all(), f"{HOC_IMD}: the workbook's sheets list different seats.")
    ensure(sorted(eng["eng_imd_rank"]) == list(range(1, 534)),
           f"{HOC_IMD}: IMD ranks are not 1..533.")
    # Scores are published to 3 dp, so a few ranks break ties between equal published scores.
    lo = eng["eng_imd_score"].rank(ascending=False, method="min")
    hi = eng["eng_imd_score"].rank(ascending=False, method="max")
    ensure(eng["eng_imd_rank"].between(lo, hi).all(),
           f"{HOC_IMD}: the Library's ranks do not follow its scores.")
    # The workbook has names only: join on the exact name via the BES file (all must match).
    names = bes.set_index("ConstituencyName")["ONSConstID"]
    code = eng.index.to_series().map(names)
    ensure(code.notna().all(), f"{HOC_IMD}: names not found in the BES file: "
                               f"{list(eng.index[code.isna()][:5])}.")
    eng.index = pd.Index(code.to_numpy(), name="code")
    check_seat_codes(eng.index.to_series(), {"E": 533}, f"{HOC_IMD} joined to codes")
    return eng


def _small_area_indices(sources: Path) -> pd.DataFrame:
    """Wales, Scotland and NI small areas: seat, nation, population, score, rank, top-10% flag."""
    lookup = read_source_csv(sources, SMALL_AREAS, "pcon_lsoa.csv", ["pcon", "lsoa11"], dtype=str)
    pop = read_source_csv(sources, SMALL_AREAS, "2019_population.csv", ["lsoa", "pop"],
               encoding="utf-8-sig", thousands=",", dtype={"lsoa": str})
    pop = pop[pop["lsoa"] != "Grand Total"]
    wimd = read_source_csv(sources, SMALL_AREAS, "wimd-2019-index-and-domain-scores-overall.csv",
                ["lsoa", "WIMD 2019"])
    simd = read_source_csv(sources, SMALL_AREAS, "simd2020-with-overall.csv",
                ["Data_Zone", "SIMD2020v2_Rank"])
    nimdm = read_source_csv(sources, SMALL_AREAS, "nimdm2017-soa-withoverall.csv", ["SOA2001", "MDM_rank"])
    areas = pd.concat([
        pd.DataFrame({"area": wimd["lsoa"], "nation": "W", "score": wimd["WIMD 2019"],
                      # WIMD is published as scores (1 dp): rank 1 = highest; ties share a rank
                      "rank": wimd["WIMD 2019"].rank(ascending=False, method="min")}),
        pd.DataFrame({"area": simd["Data_Zone"], "nation": "S", "score": np.nan,
                      "rank": simd["SIMD2020v2_Rank"]}),
        pd.DataFrame({"area": nimdm["SOA2001"], "nation": "N", "score": np.nan,
                      "rank": nimdm["MDM_rank"]}),
    ], ignore_index=True)
    n_areas = areas.groupby("nation")["area"].transform("size")
    ensure(areas.groupby("nation")["rank"].min().eq(1).all() and
           (areas["rank"] <= n_areas).all(), f"{SMALL_AREAS}: national ranks out of range.")
    areas["top10"] = areas["rank"] <= n_areas // 10
    areas["pcon"] = areas["area"].map(lookup.set_index("lsoa11")["pcon"])
    areas["pop"] = areas["area"].map(pop.set_index("lsoa")["pop"])
    missing = areas.loc[areas["pcon"].isna() | areas["pop"].isna(), "area"]
    ensure(missing.empty, f"{SMALL_AREAS}: small areas without a seat or population: "
                          f"{missing.head().tolist()}.")
    wrong = areas["pcon"].str[0] != areas["nation"]
    ensure(not wrong.any(), f"{SMALL_AREAS}: small areas assigned to another nation's seat.")
    return areas


def _national_summaries(areas: pd.DataFrame) -> pd.DataFrame:
    """Per seat: population-weighted mean score and rank, share of areas in the top 10%."""
    work = areas.assign(w_score=areas["score"] * areas["pop"], w_rank=areas["rank"] * areas["pop"])
    g = work.groupby("pcon")
    pop = g["pop"].sum()
    seats = pd.DataFrame({
        "nation": g["nation"].first(),
        "national_score": g["w_score"].sum(min_count=1) / pop,
        "avg_rank": g["w_rank"].sum() / pop,
        "national_top10_pct": 100 * g["top10"].mean(),
    })
    by_score = seats.groupby("nation")["national_score"].rank(ascending=False, method="min")
    by_rank = seats.groupby("nation")["avg_rank"].rank(ascending=True, method="min")
    seats["national_rank"] = by_score.where(seats["nation"] == "W", by_rank)
    seats.index.name = "code"
    return seats.drop(columns="avg_rank")


def _deprivation_2010(sources: Path, bes: pd.DataFrame) -> pd.DataFrame:
    what = f"{UKIMD}/constituency_imd.csv"
    uk = read_source_csv(sources, UKIMD, "constituency_imd.csv", ["gss-code", *_uk_imd_cols("pcon")])
    check_seat_codes(uk["gss-code"], SEATS_PER_NATION_2010, what)
    out = _uk_imd(uk, "pcon").set_index(uk["gss-code"].rename("code"))

    eng = _english_imd(sources, bes)
    r = np.corrcoef(eng["eng_imd_score"], out.loc[eng.index, "imd_uk_score"])[0, 1]
    ensure(r > 0.995, f"{HOC_IMD}: Library scores correlate only {r:.4f} with mySociety's "
                      "composite for English seats (0.9996 expected): is the name join wrong?")
    national = _national_summaries(_small_area_indices(sources))
    england = pd.DataFrame({"nation": "E", "national_score": eng["eng_imd_score"],
                            "national_top10_pct": eng["eng_top10_pct"],
                            "national_rank": eng["eng_imd_rank"]})
    national = pd.concat([england, national])
    national["national_index"] = national["nation"].map(NATIONAL_INDEX)
    national["national_rank_basis"] = national["nation"].map(RANK_BASIS)
    check_seat_codes(national.index.to_series(), SEATS_PER_NATION_2010, "national deprivation indices")
    out = out.join(eng).join(national.drop(columns="nation")).reset_index()

    what = "Deprivation (2010 set)"
    expect_figure(out, "E14000794", "eng_imd_rank", 1, 0, what)  # Liverpool, Walton
    expect_figure(out, "E14000794", "eng_imd_score", 55.676, 0.0005, what)
    expect_figure(out, "E14000573", "eng_imd_rank", 3, 0, what)  # Blackpool South
    expect_figure(out, "E14000573", "eng_imd_score", 48.355, 0.0005, what)
    expect_figure(out, "E14000775", "eng_imd_rank", 6, 0, what)  # Knowsley
    expect_figure(out, "E14000819", "eng_top10_pct", 59.6, 0.05, what)  # Middlesbrough
    expect_figure(out, "E14000775", "eng_top10_pct", 52.2, 0.05, what)  # Knowsley
    expect_figure(out, "E14000807", "eng_top10_pct", 48.6, 0.05, what)  # Manchester Central
    top = out.loc[out["imd_uk_score"].idxmax()]
    ensure(top["code"] == "N06000004" and abs(top["imd_uk_score"] - 71.9) < 0.05,
           f"{what}: most deprived UK seat is {top['code']} ({top['imd_uk_score']:.1f}); "
           "published Belfast West 71.9.")
    expect_figure(out, "W07000052", "national_score", 33.8, 0.05, what)  # Rhondda, WIMD
    expect_figure(out, "W07000052", "national_rank", 1, 0, what)
    expect_figure(out, "S14000032", "national_top10_pct", 49.0, 0.5, what)  # Glasgow North East
    expect_figure(out, "S14000032", "national_rank", 1, 0, what)
    expect_figure(out, "N06000004", "national_top10_pct", 46.0, 0.5, what)  # Belfast West
    return out


def _deprivation_2024(sources: Path, parl25: pd.Series) -> pd.DataFrame:
    what = f"{UKIMD}/parl25_imd.csv"
    uk = read_source_csv(sources, UKIMD, "parl25_imd.csv", ["parl25", *_uk_imd_cols("parl25")])
    out = _uk_imd(uk, "parl25")
    out.insert(0, "code", to_gss_2024(uk, "parl25", parl25, what))
    check_seat_codes(out["code"], SEATS_PER_NATION_2024, what)
    top = out.loc[out["imd_uk_score"].idxmax()]
    ensure(top["code"] == "N05000004" and abs(top["imd_uk_score"] - 72.5) < 0.05,
           f"Deprivation (2024 set): most deprived seat is {top['code']}, expected Belfast West "
           "(72.5).")
    return out



def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build this module's tables from ``sources`` into ``out_dir``; return the paths written."""
    sources = Path(sources)
    parl25 = parl25_codes(sources)
    frames = {DEPRIVATION_2024.path: _deprivation_2024(sources, parl25)}
    frames[DEPRIVATION_2010.path] = _deprivation_2010(sources, read_bes(sources))
    return write_checked(frames, TABLES, out_dir, sources, parl25)


build.__doc__ = BUILD_DOC.format(what="deprivation")
