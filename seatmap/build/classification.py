"""Town/city classification and urban/rural profile by constituency, on both boundary sets.

Writes ``attributes/classification_pcon2010.csv`` (Commons Library city/town classes, Great
Britain; mySociety urban/rural profile, UK) and ``attributes/classification_pcon2024.csv``
(mySociety urban/rural profile; Centre for Cities class, England and Wales).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._attr import (
    BUILD_DOC,
    OI_LOOKUP,
    OVERLAPS,
    SEATS_PER_NATION_2010,
    SEATS_PER_NATION_2024,
    carry_with_bounds,
    check_seat_codes,
    code_field,
    ensure,
    expect_figure,
    parl25_codes,
    pct_field,
    read_source_csv,
    to_gss_2024,
    write_checked,
)
from ._schema import Field, Table

__all__ = ["RESOURCES", "TABLES", "build"]

HOC_CLASS = "classification-hoc-city-town"
RUC = "classification-mysociety-uk-ruc"
CFC = "classification-centreforcities-ge2024"
CFC_FILE = "2024-06-27_GE_2024_Master_Sheet_CFC.csv"

# Commons Library classes (as the Library names them) -> column
CLASS_COLUMNS = {
    "Core City (London)": "core_city_london_pct",
    "Core City (outside London)": "core_city_pct",
    "Other City": "other_city_pct",
    "Large Town": "large_town_pct",
    "Medium Town": "medium_town_pct",
    "Small Town": "small_town_pct",
    "Village or smaller": "village_pct",
}
CITY_CLASSES = ("Core City (London)", "Core City (outside London)", "Other City")
TOWN_CLASSES = ("Large Town", "Medium Town", "Small Town")
UNCLASSIFIED = "Unclassified"
SETTLEMENTS = ("city", "town", "village", "mixed", "unclassified")
RUC_LABELS = ("Urban", "Urban with rural areas", "Rural", "Sparse and rural")
CFC_CLASSES = ("City", "Hinterland", "Deep rural")


def _ruc_fields() -> tuple[Field, ...]:
    what = ("Share of the seat's population living in small areas (LSOAs, Scottish data zones, NI "
            "super output areas) that mySociety's UK composite urban/rural classification calls")
    return (
        pct_field("ruc_urban_pct", f"{what} urban."),
        pct_field("ruc_rural_pct", f"{what} rural."),
        pct_field("ruc_highly_rural_pct", f"{what} highly rural."),
        Field("ruc_label", "string", "mySociety's cluster label for the seat's urban/rural profile.",
              enum=RUC_LABELS),
    )



_CLASS_SHARE = ("Share of the seat's 2011 Census population living in Commons Library "
                "'{}' settlements (Great Britain only; empty in Northern Ireland).")
CLASSIFICATION_2010 = Table(
    path="attributes/classification_pcon2010.csv",
    title="Town/city classification and urban/rural profile (2010 boundary set)",
    description=(
        "Commons Library city & town classification (CBP-8322, Great Britain): the share of each "
        "seat's 2011 population living in each settlement class, the largest class, and a "
        "summary `settlement` group. `settlement` is 'city' when the three city classes "
        "together hold at least 50% of the population, 'town' when the three town classes do, "
        "'village' when 'Village or smaller' does, otherwise 'mixed' (182 city, 353 town, 87 "
        "village, 10 mixed); it can differ from `primary_class` (a seat whose largest single "
        "class is villages but whose towns together pass 50% is a town seat). Northern Ireland "
        "is not covered by the Library: 'Unclassified', never guessed. The mySociety urban/rural "
        "profile covers all 650 seats."),
    sources=(HOC_CLASS, RUC),
    fields=(
        code_field("2010"),
        *(pct_field(col, _CLASS_SHARE.format(cls), required=False)
          for cls, col in CLASS_COLUMNS.items()),
        Field("primary_class", "string",
              "Library class holding the largest share of the seat's population, as the "
              "Library names it; 'Unclassified' in Northern Ireland.",
              enum=(*CLASS_COLUMNS, UNCLASSIFIED)),
        Field("settlement", "string",
              "Summary group: city / town / village when that group of classes holds at least "
              "50% of the population, else mixed; 'unclassified' in Northern Ireland.",
              enum=SETTLEMENTS),
        *_ruc_fields(),
    ),
    rows=650,
    primary_key=("code",),
)

CLASSIFICATION_2024 = Table(
    path="attributes/classification_pcon2024.csv",
    title="Urban/rural profile and Centre for Cities class (2024 boundary set)",
    description=(
        "mySociety's UK composite urban/rural profile of the 2024 seats (mySociety ids mapped to "
        "GSS codes with Open Innovations' lookup), and, for England and Wales only, the Centre "
        "for Cities class: 'City' when the seat lies in one of its 63 Primary Urban Areas, else "
        "'Hinterland' or 'Deep rural' (a different concept from the Commons Library's "
        "settlement sizes: Hartlepool is a Library 'Large Town' but a CfC 'Hinterland'). "
        "Centre for Cities states no licence for its data tool. "
        "**Commons Library classes on the 2024 seats are estimates** (Great Britain): each "
        "2024 seat gets the 2010 seats' class shares weighted by the population it takes from "
        "each (mySociety's overlaps), which assumes each part of a split seat has the whole "
        "seat's mix. Settlement classes cluster within seats, so that assumption can fail; "
        "the build therefore also computes, for each 2024 seat, the lowest and highest share "
        "of each class group that is possible whatever the mix of the parts (`town_pct_low`, "
        "`town_pct_high`). Checked by the same method on a measure published for both sets "
        "(mySociety's urban share): carried to all 650 seats it misses the published 2024 "
        "figure by over 10 points in 70 seats (mean error 3.5 points), but in the 450 seats "
        "whose worst-case error is at most 10 points it misses by over 10 in 1 (10.2, "
        "population bases differ) with mean error 1.1. So the seven class columns are filled "
        "only where the town share's worst-case error is at most 10 points (406 of 632 GB "
        "seats); elsewhere they are empty and the priority score's town component stays "
        "neutral. `settlement` is given (estimated) where the bounds settle it (507 seats), "
        "'uncertain' where they do not, 'unclassified' in Northern Ireland."),
    sources=(RUC, CFC, OI_LOOKUP, HOC_CLASS, OVERLAPS),
    fields=(
        code_field("2024"),
        *_ruc_fields(),
        *(pct_field(col, "Estimated (Commons Library classes carried from the 2010 seats by "
               f"population overlap) share of the seat's population in '{cls}' settlements; "
               "empty where the town share's worst-case error exceeds 10 points, and in "
               "Northern Ireland.", required=False)
          for cls, col in CLASS_COLUMNS.items()),
        pct_field("town_pct_low", "Lowest possible share of the seat's population in Library town "
             "classes (large, medium, small) given the population overlaps, whatever the mix "
             "of each part of a split 2010 seat (Great Britain).", required=False),
        pct_field("town_pct_high", "Highest possible town share, as town_pct_low.", required=False),
        Field("settlement", "string",
              "Estimated summary group (city / town / village when that group of classes holds "
              "at least 50%, else mixed) where the bounds settle it; 'uncertain' where they do "
              "not; 'unclassified' in Northern Ireland.", enum=(*SETTLEMENTS, "uncertain")),
        Field("cfc_class", "string",
              "Centre for Cities class (England and Wales only; empty in Scotland and Northern "
              "Ireland).", required=False, enum=CFC_CLASSES),
        Field("cfc_pua", "string",
              "Centre for Cities Primary Urban Area the seat belongs to (only for 'City' seats).",
              required=False),
    ),
    rows=650,
    primary_key=("code",),
)

TABLES = [CLASSIFICATION_2010, CLASSIFICATION_2024]
RESOURCES: list[dict] = []


def _ruc(df: pd.DataFrame, cols: list[str], what: str) -> pd.DataFrame:
    """mySociety RUC fractions (urban, rural, highly rural, label) -> percent columns."""
    out = pd.DataFrame({"ruc_urban_pct": 100 * df[cols[0]], "ruc_rural_pct": 100 * df[cols[1]],
                        "ruc_highly_rural_pct": 100 * df[cols[2]], "ruc_label": df[cols[3]]})
    total = out.iloc[:, :3].sum(axis=1)
    ensure(total.sub(100).abs().max() < 0.01, f"{what}: urban/rural shares do not sum to 100.")
    bad = set(out["ruc_label"]) - set(RUC_LABELS)
    ensure(not bad, f"{what}: unknown urban/rural labels {sorted(bad)}.")
    return out


def _classification_2010(sources: Path) -> pd.DataFrame:
    what = f"{HOC_CLASS}/pcon-classification.csv"
    long = read_source_csv(sources, HOC_CLASS, "pcon-classification.csv",
                ["constituency_code", "classification", "percent_of_constituency"])
    # One row spells 'Village or Smaller': match class names case-insensitively.
    canon = {c.lower(): c for c in CLASS_COLUMNS}
    long["cls"] = long["classification"].str.strip().str.lower().map(canon)
    bad = long.loc[long["cls"].isna(), "classification"].unique()
    ensure(len(bad) == 0, f"{what}: unknown classes {list(bad)}.")
    shares = 100 * long.pivot_table(index="constituency_code", columns="cls",
                                    values="percent_of_constituency", aggfunc="sum",
                                    fill_value=0.0).reindex(columns=list(CLASS_COLUMNS),
                                                            fill_value=0.0)
    ensure((shares.sum(axis=1) - 100).abs().max() < 0.01, f"{what}: shares do not sum to 100%.")
    primary = shares.idxmax(axis=1)
    top2 = np.sort(shares.to_numpy(), axis=1)[:, -2:]
    ensure((top2[:, 1] - top2[:, 0] > 1e-6).all(), f"{what}: a seat has two largest classes.")
    city = shares[list(CITY_CLASSES)].sum(axis=1)
    town = shares[list(TOWN_CLASSES)].sum(axis=1)
    village = shares["Village or smaller"]
    settlement = np.select([city >= 50, town >= 50, village >= 50], ["city", "town", "village"],
                           "mixed")
    gb = shares.rename(columns=CLASS_COLUMNS).assign(primary_class=primary, settlement=settlement)
    gb.index.name = "code"
    check_seat_codes(gb.index.to_series(), {k: v for k, v in SEATS_PER_NATION_2010.items() if k != "N"}, what)

    # Cross-check the largest class against the Library statistician's own derivation.
    chart = read_source_csv(sources, HOC_CLASS, "constituencies.csv", ["code", "classification"],
                 encoding="cp1252").set_index("code")["classification"]
    differ = chart.reindex(gb.index).ne(gb["primary_class"])
    ensure(not differ.any(), f"{HOC_CLASS}: largest class differs from constituencies.csv for "
                             f"{list(gb.index[differ][:5])}.")

    ruc = read_source_csv(sources, RUC, "pcon_ruc.csv",
               ["gss-code", "urban", "rural", "highly-rural", "ruc-cluster-label"])
    check_seat_codes(ruc["gss-code"], SEATS_PER_NATION_2010, f"{RUC}/pcon_ruc.csv")
    ruc_out = _ruc(ruc, ["urban", "rural", "highly-rural", "ruc-cluster-label"],
                   f"{RUC}/pcon_ruc.csv").set_index(ruc["gss-code"].rename("code"))
    out = ruc_out.join(gb, how="left")
    ni = out.index.str.startswith("N")
    ensure(out.loc[~ni, "primary_class"].notna().all(),
           f"{what}: GB seats missing from the Library's classification.")
    out.loc[ni, "primary_class"] = UNCLASSIFIED
    out.loc[ni, "settlement"] = "unclassified"
    out = out.reset_index()

    what = "Classification (2010 set)"
    expect_figure(out, "E14000733", "large_town_pct", 96.5, 0.05, what)  # Hartlepool
    expect_figure(out, "E14000733", "primary_class", "Large Town", 0, what)
    expect_figure(out, "E14000807", "core_city_pct", 100.0, 0.05, what)  # Manchester Central
    expect_figure(out, "E14000775", "core_city_pct", 57.6, 0.05, what)  # Knowsley
    expect_figure(out, "E14000775", "medium_town_pct", 42.1, 0.05, what)
    expect_figure(out, "E14000573", "large_town_pct", 100.0, 0.05, what)  # Blackpool South
    expect_figure(out, "E14000819", "other_city_pct", 100.0, 0.05, what)  # Middlesbrough
    expect_figure(out, "W07000041", "village_pct", 83.0, 0.5, what)  # Ynys Mon
    expect_figure(out, "E14000530", "ruc_label", "Urban", 0, what)  # Aldershot
    expect_figure(out, "E14000533", "ruc_label", "Urban with rural areas", 0, what)  # Amber Valley
    expect_figure(out, "E14000533", "ruc_urban_pct", 83.2, 0.05, what)
    return out


def _classification_2024(sources: Path, parl25: pd.Series,
                         classes_2010: pd.DataFrame) -> pd.DataFrame:
    what = f"{RUC}/pcon_2025_ruc.csv"
    ruc = read_source_csv(sources, RUC, "pcon_2025_ruc.csv", ["parl25", "urban", "rural", "highly_rural",
                                                   "label"])
    out = _ruc(ruc, ["urban", "rural", "highly_rural", "label"], what)
    out.insert(0, "code", to_gss_2024(ruc, "parl25", parl25, what))
    check_seat_codes(out["code"], SEATS_PER_NATION_2024, what)

    what = f"{CFC}/{CFC_FILE}"
    cfc = read_source_csv(sources, CFC, CFC_FILE, ["PCON25CD", "City (PUA)", "City/Hinterland/deep rural"],
               skiprows=1, encoding="cp1252", dtype=str)
    cfc = cfc[cfc["PCON25CD"].notna()]  # drop the class summary rows at the foot
    cfc = pd.DataFrame({"code": cfc["PCON25CD"].str.strip(),
                        "cfc_class": cfc["City/Hinterland/deep rural"].str.strip(),
                        "cfc_pua": cfc["City (PUA)"].str.strip().replace(":", np.nan)})
    check_seat_codes(cfc["code"], {"E": 543, "W": 32}, what)
    ensure(cfc["code"].isin(out["code"]).all(), f"{what}: codes outside the 2024 set.")
    bad = set(cfc["cfc_class"]) - set(CFC_CLASSES)
    ensure(not bad, f"{what}: unknown classes {sorted(bad)}.")
    ensure(cfc["cfc_pua"].notna().eq(cfc["cfc_class"].eq("City")).all(),
           f"{what}: a seat has a Primary Urban Area without being a 'City' seat, or vice versa.")
    counts = cfc["cfc_class"].value_counts().to_dict()
    ensure(counts == {"City": 310, "Hinterland": 200, "Deep rural": 65},
           f"{what}: classes {counts}, published City 310, Hinterland 200, Deep rural 65.")
    out = out.merge(cfc, on="code", how="left")

    out = out.merge(_classes_2024(classes_2010, sources, parl25), on="code", how="left")
    out["settlement"] = out["settlement"].fillna("unclassified")
    what = "Classification (2024 set)"
    ensure(out.loc[out["settlement"].eq("unclassified"), "code"].str.startswith("N").all(),
           f"{what}: a GB seat has no carried classes.")
    expect_figure(out, "E14001272", "cfc_class", "Hinterland", 0, what)  # Hartlepool
    expect_figure(out, "E14001272", "settlement", "town", 0, what)
    expect_figure(out, "E14001063", "ruc_label", "Urban", 0, what)  # Aldershot
    return out


# A carried class share is used only when its worst-case error is at most this many points.
MAX_CLASS_ERROR = 10.0
GROUPS = {"city": [CLASS_COLUMNS[c] for c in CITY_CLASSES],
          "town": [CLASS_COLUMNS[c] for c in TOWN_CLASSES],
          "village": [CLASS_COLUMNS["Village or smaller"]]}


def _worst_error(carried: dict, column: str) -> pd.Series:
    est = carried["est"][column]
    return np.maximum(est - carried["low"][column], carried["high"][column] - est)


def _classes_2024(classes_2010: pd.DataFrame, sources: Path, parl25: pd.Series) -> pd.DataFrame:
    """Commons Library classes carried onto the 2024 seats, kept only where the bounds allow."""
    gb = classes_2010[~classes_2010["code"].str.startswith("N")].set_index("code")
    shares = gb[list(CLASS_COLUMNS.values())].copy()
    for group, cols in GROUPS.items():
        shares[group] = shares[cols].sum(axis=1)
    carried = carry_with_bounds(shares, sources, parl25)
    est, low, high = carried["est"], carried["low"], carried["high"]
    what = "Classification (2024 set, carried)"
    ensure(len(est) == 632, f"{what}: {len(est)} GB seats carried, expected 632.")
    ok = _worst_error(carried, "town") <= MAX_CLASS_ERROR
    out = est[list(CLASS_COLUMNS.values())].where(ok, axis=0)
    out["town_pct_low"] = low["town"]
    out["town_pct_high"] = high["town"]
    label = np.select([est["city"] >= 50, est["town"] >= 50, est["village"] >= 50],
                      ["city", "town", "village"], "mixed")
    settled = ((low[list(GROUPS)] >= 50).any(axis=1) | (high[list(GROUPS)] < 50).all(axis=1))
    out["settlement"] = np.where(settled, label, "uncertain")

    # Validate the method on a measure published for both sets (mySociety's urban share).
    urban = carry_with_bounds(classes_2010.set_index("code")[["ruc_urban_pct"]], sources,
                               parl25)
    ruc = read_source_csv(sources, RUC, "pcon_2025_ruc.csv", ["parl25", "urban"])
    published = 100 * ruc.set_index(to_gss_2024(ruc, "parl25", parl25, what))["urban"]
    error = (urban["est"]["ruc_urban_pct"] - published.reindex(urban["est"].index)).abs()
    kept = _worst_error(urban, "ruc_urban_pct") <= MAX_CLASS_ERROR
    counts = (int((error > 10).sum()), int(kept.sum()), int((error[kept] > 10).sum()))
    ensure(counts == (70, 450, 1), f"{what}: validation on the urban share gives (seats off by "
           f"more than 10 points, seats within the bound, of those off by more than 10) = "
           f"{counts}, documented (70, 450, 1): update the table description.")
    ensure(int(ok.sum()) == 406 and int(settled.sum()) == 507,
           f"{what}: {int(ok.sum())} seats with a usable town share and {int(settled.sum())} "
           "settled labels; documented 406 and 507: update the table description.")
    # Norwich North takes 20,000+ people from Broadland, a pair only in mySociety's
    # PARL25->PARL10 table: with every pair it is 94.5% Other City, 1.4% town, 4.2% village.
    norwich = est.loc["E14001408"]
    ensure(abs(norwich["other_city_pct"] - 94.47) < 0.01 and abs(norwich["town"] - 1.36) < 0.01
           and abs(norwich["village"] - 4.17) < 0.01,
           f"{what}: Norwich North carried as {norwich[['city', 'town', 'village']].round(2).tolist()}, "
           "expected 94.47 / 1.36 / 4.17 (city / town / village) from all 1,326 overlap pairs.")
    return out.reset_index()


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build this module's tables from ``sources`` into ``out_dir``; return the paths written."""
    sources = Path(sources)
    parl25 = parl25_codes(sources)
    classes_2010 = _classification_2010(sources)
    frames = {CLASSIFICATION_2010.path: classes_2010,
              CLASSIFICATION_2024.path: _classification_2024(sources, parl25, classes_2010)}
    return write_checked(frames, TABLES, out_dir, sources, parl25)


build.__doc__ = BUILD_DOC.format(what="town/city classification")
