"""EU referendum 2016 leave share by constituency, on both boundary sets.

Writes ``attributes/euref_pcon2010.csv`` (Hanretty's estimates and known counts in Great Britain,
Northern Ireland's declared counts) and ``attributes/euref_pcon2024.csv`` (Hanretty's 2024-boundary
estimates; Northern Ireland carried by population overlap).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._attr import (
    BUILD_DOC,
    OI_LOOKUP,
    OVERLAPS,
    PARL25_FILE,
    SEATS_PER_NATION_2010,
    SEATS_PER_NATION_2024,
    carry_to_2024,
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
    write_checked,
)
from ._schema import Field, Table

__all__ = ["RESOURCES", "TABLES", "build"]

EUREF = "euref-hanretty-2016"
EUREF_GB_FILE = "Final estimates of the Leave vote share in the EU referendum.xlsx"
EUREF_NI_FILE = "brexit-ni-constituencies.xlsx"
EUREF24 = "euref-hanretty-2024bnd"
EUREF24_FILE = "Hanretty_Brexit_estimates_2024_boundaries.csv"

# Hanretty's 2024-boundary file uses the provisional codes of five Scottish seats (as do the
# Rallings & Thrasher notionals); ONS issued S14000107-111 for them in the final 2024 set.
PROVISIONAL_SCOTTISH_2024 = {
    "S14000006": "S14000107",  # Ayr, Carrick and Cumnock
    "S14000008": "S14000108",  # Berwickshire, Roxburgh and Selkirk
    "S14000010": "S14000109",  # Central Ayrshire
    "S14000040": "S14000110",  # Kilmarnock and Loudoun
    "S14000058": "S14000111",  # West Aberdeenshire and Kincardine
}

# Belfast East: the compiled NI file has 51.943312, i.e. 21,918 / (21,918 + 20,278) with the
# Remain count's digits transposed; the declared count was Leave 21,918, Remain 20,728.
BELFAST_EAST = "N06000001"
BELFAST_EAST_COUNTS = (21_918, 20_728)
BELFAST_EAST_FILE_VALUE = 51.943312

# ---------------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------------
B_ESTIMATE = "estimate (Hanretty 2017)"
B_ADJUSTED = "estimate (Hanretty 2017, adjusted)"
B_NI_COUNT = "count (Chief Electoral Officer NI)"
B_ESTIMATE_2024 = "estimate (Hanretty, 2024 boundaries)"
B_NI_OVERLAP = "estimate (NI counts by population overlap)"
# "How do we know?" text in Hanretty's sheet -> basis of a known (counted) figure
KNOWN_BASIS = {
    "Rosenbaum / Greenwood data": "count (Rosenbaum/Greenwood, BBC)",
    "Council data": "count (council data)",
    "Council ward data; personal communication from Charlie Mansell": "count (council ward data, Mansell)",
}
LEAVE_BASES = (B_ESTIMATE, B_ADJUSTED, *KNOWN_BASIS.values(), B_NI_COUNT)


EUREF_2010 = Table(
    path="attributes/euref_pcon2010.csv",
    title="EU referendum 2016: leave share by constituency (2010 boundary set)",
    description=(
        "Leave share of the valid vote in the 23 June 2016 referendum for every seat of the 2010 "
        "boundary set. The referendum was counted by local authority, not constituency, so in "
        "Great Britain most figures are Chris Hanretty's final estimates (areal interpolation "
        "with a demographic model, 2017); where ward or council counts exist (BBC's Rosenbaum / "
        "Greenwood collection, council data) his 'Figure to use' is the count and `leave_known` "
        "is true. Two seats (Carshalton and Wallington, Sutton and Cheam) have ward counts in "
        "the sheet that Hanretty did not use: their figure is his estimate and they are flagged "
        "as estimates. Banff and Buchan and Gordon carry final figures that differ from the "
        "model column (adjusted; basis says so). Northern Ireland's 18 seats were counted by "
        "constituency (Chief Electoral Officer, 24 June 2016); Belfast East is corrected from "
        "51.94 in the compiled file to 51.40 (Leave 21,918, Remain 20,728)."),
    sources=(EUREF,),
    fields=(
        code_field("2010"),
        pct_field("leave_pct", "Leave share of valid votes in the 2016 EU referendum."),
        Field("leave_known", "boolean",
              "True if leave_pct is a count (declared or compiled from ward/council counts), "
              "false if it is a model estimate."),
        Field("leave_basis", "string", "Where the figure comes from.", enum=LEAVE_BASES),
    ),
    rows=650,
    primary_key=("code",),
)

EUREF_2024 = Table(
    path="attributes/euref_pcon2024.csv",
    title="EU referendum 2016: leave share by constituency (2024 boundary set, estimated)",
    description=(
        "Notional leave share in the 2016 EU referendum for every seat of the 2024 boundary set. "
        "Great Britain: Chris Hanretty's estimates for the new boundaries (his five provisional "
        "Scottish codes replaced by the final S14000107-111). Northern Ireland: the 2016 "
        "constituency counts (Belfast East corrected to 51.40) carried onto the 2024 seats by "
        "population overlap (mySociety): each new seat gets the mean of the old seats' leave "
        "shares weighted by the population it takes from each, which assumes leave support was "
        "even within each old seat. All figures are estimates."),
    sources=(EUREF24, EUREF, OVERLAPS, OI_LOOKUP),
    fields=(
        code_field("2024"),
        pct_field("leave_pct", "Estimated leave share of valid votes in the 2016 EU referendum."),
        Field("leave_known", "boolean",
              "Always false on the 2024 set: every figure is an estimate."),
        Field("leave_basis", "string", "How the estimate was made.",
              enum=(B_ESTIMATE_2024, B_NI_OVERLAP)),
    ),
    rows=650,
    primary_key=("code",),
)

TABLES = [EUREF_2010, EUREF_2024]
RESOURCES: list[dict] = []


def _euref_2010(sources: Path) -> pd.DataFrame:
    gb = read_sheet(source_path(sources, EUREF, EUREF_GB_FILE), "google_sheets")
    cols = ["PCON11CD", "Estimated Leave vote share", "Known Leave vote share", "How do we know?",
            "Figure to use"]
    require_columns(gb, cols, f"{EUREF}/{EUREF_GB_FILE}")
    gb = gb[cols].set_axis(["code", "est", "known", "how", "figure"], axis=1)
    check_seat_codes(gb["code"], {k: v for k, v in SEATS_PER_NATION_2010.items() if k != "N"},
                 f"{EUREF}/{EUREF_GB_FILE}")
    ensure(gb["figure"].between(0, 1).all(), f"{EUREF_GB_FILE}: 'Figure to use' is not a "
                                             "fraction (0-1) everywhere.")
    # leave_known describes the published figure: a count only where 'Figure to use' is the
    # known figure (two seats have ward counts that Hanretty did not use).
    is_known = (gb["figure"] - gb["known"]).abs() < 1e-9
    is_est = (gb["figure"] - gb["est"]).abs() < 1e-9
    basis = gb["how"].where(is_known).map(KNOWN_BASIS)
    unknown = gb.loc[is_known & basis.isna(), "how"].unique()
    ensure(len(unknown) == 0, f"{EUREF_GB_FILE}: unrecognised 'How do we know?' text {unknown}; "
                              "add it to KNOWN_BASIS.")
    basis = basis.fillna(pd.Series(np.where(is_est, B_ESTIMATE, B_ADJUSTED), index=gb.index))
    gb_out = pd.DataFrame({"code": gb["code"], "leave_pct": 100 * gb["figure"],
                           "leave_known": is_known, "leave_basis": basis})

    ni = read_sheet(source_path(sources, EUREF, EUREF_NI_FILE), "Sheet1")
    require_columns(ni, ["gss_code", "figure_to_use", "known_leave_vote"],
                    f"{EUREF}/{EUREF_NI_FILE}")
    check_seat_codes(ni["gss_code"], {"N": 18}, f"{EUREF}/{EUREF_NI_FILE}")
    ensure(ni["known_leave_vote"].eq("Yes").all(), f"{EUREF_NI_FILE}: a seat is not a count.")
    leave = ni["figure_to_use"].astype(float).copy()
    east = ni["gss_code"].eq(BELFAST_EAST)
    leave_, remain_ = BELFAST_EAST_COUNTS
    corrected = 100 * leave_ / (leave_ + remain_)
    file_value = float(leave[east].iloc[0])
    ensure(abs(file_value - BELFAST_EAST_FILE_VALUE) < 1e-4 or abs(file_value - corrected) < 1e-4,
           f"{EUREF_NI_FILE}: Belfast East is {file_value}, neither the known transposition "
           f"({BELFAST_EAST_FILE_VALUE}) nor the declared count ({corrected:.4f}); re-check the "
           "source against the Chief Electoral Officer's figures.")
    leave[east] = corrected
    ni_out = pd.DataFrame({"code": ni["gss_code"], "leave_pct": leave, "leave_known": True,
                           "leave_basis": B_NI_COUNT})
    out = pd.concat([gb_out, ni_out], ignore_index=True)

    what = "EU referendum (2010 set)"
    expect_figure(out, "E14000582", "leave_pct", 75.65, 0.005, what)  # Boston and Skegness
    expect_figure(out, "E14000720", "leave_pct", 20.48, 0.005, what)  # Hackney N and Stoke Newington
    expect_figure(out, "N06000001", "leave_pct", 51.40, 0.005, what)  # Belfast East (corrected)
    expect_figure(out, "N06000008", "leave_pct", 21.74, 0.005, what)  # Foyle
    expect_figure(out, "N06000004", "leave_pct", 25.94, 0.005, what)  # Belfast West
    n_leave = int((out.loc[out["code"].str[0] != "N", "leave_pct"] > 50).sum())
    ensure(n_leave == 403, f"{what}: {n_leave} GB seats above 50% leave, published 403.")
    counts = out["leave_basis"].value_counts().to_dict()
    expected = {B_ESTIMATE: 504, KNOWN_BASIS["Rosenbaum / Greenwood data"]: 113,
                KNOWN_BASIS["Council data"]: 13, B_ADJUSTED: 2, B_NI_COUNT: 18}
    ensure(counts == expected, f"{what}: figures by basis {counts}, expected {expected}.")
    return out


def _euref_2024(sources: Path, leave_2010: pd.DataFrame, parl25: pd.Series) -> pd.DataFrame:
    gb = read_source_csv(sources, EUREF24, EUREF24_FILE, ["Constituen", "gss_code", "LeavePct"])
    code = gb["gss_code"].replace(PROVISIONAL_SCOTTISH_2024)
    # guard the hand-written remapping: the five seats' names must match the final codes' names
    names = read_source_csv(sources, OI_LOOKUP, PARL25_FILE, ["PCON24CD", "PCON24NM"]).set_index(
        "PCON24CD")["PCON24NM"]
    remapped = gb["gss_code"].isin(list(PROVISIONAL_SCOTTISH_2024))
    ensure(gb.loc[remapped, "Constituen"].eq(code[remapped].map(names)).all() and
           remapped.sum() == len(PROVISIONAL_SCOTTISH_2024),
           f"{EUREF24}/{EUREF24_FILE}: the provisional Scottish codes no longer name the seats "
           "PROVISIONAL_SCOTTISH_2024 maps them to.")
    gb_codes = parl25[~parl25.str.startswith("N")]
    ensure(set(code) == set(gb_codes), f"{EUREF24}/{EUREF24_FILE}: codes (after remapping the "
           "provisional Scottish codes) differ from the 2024 GB seats: "
           f"{sorted(set(code) ^ set(gb_codes))[:5]}.")
    gb_out = pd.DataFrame({"code": code, "leave_pct": 100 * gb["LeavePct"],
                           "leave_basis": B_ESTIMATE_2024})
    ni_2010 = leave_2010[leave_2010["code"].str.startswith("N")].set_index("code")[["leave_pct"]]
    ni = carry_to_2024(ni_2010, sources, parl25).reset_index()
    ensure(len(ni) == 18 and ni["code"].str.startswith("N05").all(),
           f"EU referendum (2024 set): {len(ni)} NI seats estimated from the overlap, expected 18.")
    ni["leave_basis"] = B_NI_OVERLAP
    out = pd.concat([gb_out, ni], ignore_index=True).assign(leave_known=False)
    check_seat_codes(out["code"], SEATS_PER_NATION_2024, "EU referendum (2024 set)")
    expect_figure(out, "E14001114", "leave_pct", 76.19, 0.005, "EU referendum (2024 set)")  # Boston
    expect_figure(out, "E14001259", "leave_pct", 20.90, 0.005, "EU referendum (2024 set)")  # Hackney N
    # Belfast West from all 1,326 overlap pairs (27.65 when the 20 PARL25->PARL10-only pairs were
    # missed): the Falls/Shankill split with Belfast North
    expect_figure(out, "N05000004", "leave_pct", 29.01, 0.005, "EU referendum (2024 set)")
    return out



def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build this module's tables from ``sources`` into ``out_dir``; return the paths written."""
    sources = Path(sources)
    parl25 = parl25_codes(sources)
    leave_2010 = _euref_2010(sources)
    frames = {EUREF_2010.path: leave_2010,
              EUREF_2024.path: _euref_2024(sources, leave_2010, parl25)}
    return write_checked(frames, TABLES, out_dir, sources, parl25)


build.__doc__ = BUILD_DOC.format(what="EU referendum")
