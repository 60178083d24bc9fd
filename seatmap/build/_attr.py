"""Helpers shared by the seat-attribute build modules (euref, classification, deprivation, census).

Reading sources defensively, checking figures against the published record, and mapping the
2024 set's mySociety ids to GSS codes. Each domain module owns its tables; this module owns none.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# require_columns, source_path and ensure are re-exported for the attribute steps (`as`: explicit)
from ._io import require_columns as require_columns
from ._io import source_path as source_path
from ._io import write_table
from ._schema import BuildCheckError, Field
from ._schema import ensure as ensure

OVERLAPS = "lookup-mysociety-geographic-overlaps"
OVERLAP_FILE = "PARL10_PARL25_combo_overlap.from_parquet.csv"
OVERLAP_FILE_BACK = "PARL25_PARL10_combo_overlap.from_parquet.csv"
#: 2010/2024 seat pairs in the union of mySociety's two overlap tables (PARL10->PARL25 has 1,306;
#: 20 pairs, 53,131 people, are only in PARL25->PARL10): the published lookup
#: ``lookups/pcon2010_pcon2024.csv`` and every carry use this one set.
OVERLAP_PAIRS = 1326
OI_LOOKUP = "lookup-openinnovations-pcon"
PARL25_FILE = "ukparl.2025.csv"

PCT = "percent (0-100)"
SEATS_PER_NATION_2010 = {"E": 533, "W": 40, "S": 59, "N": 18}
SEATS_PER_NATION_2024 = {"E": 543, "W": 32, "S": 57, "N": 18}

BUILD_DOC = """Build the {what} tables from the raw sources and check them.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Where to write; files go under ``out_dir/attributes/``.

    Returns
    -------
    list of Path
        The files written, in :data:`TABLES` order.

    Raises
    ------
    SourceMissingError
        If a source folder or file is absent.
    BuildCheckError
        If a source's layout changed or a figure disagrees with the published record.
    """

def code_field(boundary_set: str) -> Field:
    return Field("code", "string", f"GSS code of the constituency ({boundary_set} boundary set).",
                 unique=True)


def pct_field(name: str, description: str, required: bool = True, decimals: int = 4) -> Field:
    return Field(name, "number", description, unit=PCT, required=required, minimum=0,
                 maximum=100, decimals=decimals)



def read_sheet(path: Path, sheet, header=0) -> pd.DataFrame:
    """Read one or more sheets of a workbook, failing clearly if a sheet has gone."""
    try:
        return pd.read_excel(path, sheet_name=sheet, header=header, engine="openpyxl")
    except ValueError as err:  # pandas raises ValueError for a missing worksheet
        raise BuildCheckError(f"{path.name}: {err}; the workbook's layout has changed.") from None


def read_source_csv(sources: Path, folder: str, filename: str, columns, **kwargs) -> pd.DataFrame:
    path = source_path(sources, folder, filename)
    df = pd.read_csv(path, **kwargs)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{folder}/{filename}")
    return df


def expect_figure(df: pd.DataFrame, code: str, column: str, expected, tol: float, what: str) -> None:
    """Check one published figure (``expected`` +/- ``tol``; exact for strings)."""
    got = df.loc[df["code"] == code, column]
    ensure(len(got) == 1, f"{what}: seat {code} not found (or duplicated).")
    value = got.iloc[0]
    ok = value == expected if isinstance(expected, str) else abs(float(value) - expected) <= tol
    ensure(ok, f"{what}: {column} for {code} is {value}, the published record says {expected}.")


def check_seat_codes(codes: pd.Series, expected: dict[str, int], what: str) -> None:
    """Check a set of seat codes: unique, and the expected number per nation."""
    ensure(codes.notna().all() and codes.is_unique, f"{what}: missing or duplicated seat codes.")
    got = codes.str[0].value_counts().to_dict()
    ensure(got == expected, f"{what}: seats per nation {got}, expected {expected}.")


def parl25_codes(sources: Path) -> pd.Series:
    """mySociety ``UKPARL.2025.XXX`` ids -> final 2024 GSS codes (650, one to one)."""
    lk = read_source_csv(sources, OI_LOOKUP, PARL25_FILE, ["UKPARL.2025", "PCON24CD"], dtype=str)
    ensure(lk["UKPARL.2025"].is_unique, f"{OI_LOOKUP}/{PARL25_FILE}: duplicated UKPARL ids.")
    check_seat_codes(lk["PCON24CD"], SEATS_PER_NATION_2024, f"{OI_LOOKUP}/{PARL25_FILE}")
    return lk.set_index("UKPARL.2025")["PCON24CD"]


def to_gss_2024(df: pd.DataFrame, column: str, parl25: pd.Series, what: str) -> pd.Series:
    codes = df[column].map(parl25)
    ensure(codes.notna().all(), f"{what}: ids without a 2024 GSS code: "
                                f"{df.loc[codes.isna(), column].head().tolist()}.")
    return codes


def carry_to_2024(values: pd.DataFrame, sources: Path, parl25: pd.Series) -> pd.DataFrame:
    """Carry 2010-seat measures onto the 2024 seats by population overlap.

    Each 2024 seat receives the mean of the 2010 seats' values weighted by the population it
    takes from each (:func:`overlap_pairs`, the published lookup's pairs). Only 2024 seats that
    draw all their population from seats in ``values`` (indexed by 2010 code) are returned.
    """
    return carry_with_bounds(values, sources, parl25)["est"]


def check_seat_sets(frames: dict, tables, parl25: pd.Series, sources: Path,
                    partial: tuple = ()) -> None:
    """Every table covers exactly its boundary set's seats (``partial`` tables: a subset)."""
    ov = read_source_csv(sources, OVERLAPS, OVERLAP_FILE, ["PARL10"])
    codes_2010 = set(ov["PARL10"])
    ensure(len(codes_2010) == 650, f"{OVERLAPS}/{OVERLAP_FILE}: {len(codes_2010)} 2010-set seats, "
                                   "expected 650.")
    for table in tables:
        codes = set(frames[table.path]["code"])
        expected = codes_2010 if table.path.endswith("pcon2010.csv") else set(parl25)
        ok = codes <= expected if table in partial else codes == expected
        ensure(ok, f"{table.path}: seats differ from the "
                   f"{'2010' if expected is codes_2010 else '2024'} set.")


def write_checked(frames: dict, tables, out_dir: Path, sources: Path,
                  parl25: pd.Series | None = None) -> list[Path]:
    """Check that each frame holds exactly its boundary set's seats (see :func:`check_seat_sets`),
    then write every table: the last step of each attribute module's ``build``."""
    check_seat_sets(frames, tables, parl25_codes(sources) if parl25 is None else parl25, sources)
    return [write_table(frames[t.path], t, out_dir) for t in tables]


def union_pairs(a: pd.DataFrame, b: pd.DataFrame, columns=("overlap_pop",)) -> pd.DataFrame:
    """The 2010/2024 pairs of both direction tables of mySociety's overlaps (``a`` PARL10->PARL25,
    ``b`` PARL25->PARL10), after checking they agree on the pairs they share."""
    key = ["PARL10", "PARL25"]
    shared = a.merge(b, on=key, suffixes=("", "_b"))
    for col in columns:
        ensure(bool(np.allclose(shared[col], shared[f"{col}_b"])),
               f"mySociety PARL10_PARL25 and PARL25_PARL10 disagree on {col} for shared pairs.")
    pairs = pd.concat([a[[*key, *columns]], b[[*key, *columns]]]).drop_duplicates(key)
    return pairs.reset_index(drop=True)


def overlap_pairs(sources: Path) -> pd.DataFrame:
    """The one 2010 -> 2024 overlap lookup every carry uses: ``PARL10``, ``PARL25``, ``overlap_pop``
    for the union of both of mySociety's tables (:data:`OVERLAP_PAIRS` pairs, checked)."""
    cols = ["PARL10", "PARL25", "overlap_pop"]
    a = read_source_csv(sources, OVERLAPS, OVERLAP_FILE, cols)
    b = read_source_csv(sources, OVERLAPS, OVERLAP_FILE_BACK, cols)
    pairs = union_pairs(a, b)
    ensure(len(pairs) == OVERLAP_PAIRS, f"{OVERLAPS}: {len(pairs)} 2010/2024 seat pairs in the two "
           f"overlap tables, expected {OVERLAP_PAIRS} (the published lookup's).")
    return pairs


def carry_with_bounds(shares: pd.DataFrame, sources: Path, parl25: pd.Series) -> dict:
    """Carry 2010-seat population shares (0-100) onto the 2024 seats, with guaranteed bounds.

    ``est`` is :func:`carry_to_2024`'s estimate (each part of a 2010 seat assumed to have the
    seat's mix). ``low`` and ``high`` bound the true share whatever the mix of each part: a part
    holding ``p`` of its old seat's population ``P`` holds at least ``p - (P - share * P)`` and
    at most ``min(p, share * P)`` people of the class. Only 2024 seats drawing all their
    population from seats in ``shares`` are returned. Returns ``{"est", "low", "high"}`` frames.
    """
    ov = overlap_pairs(sources)
    ov = ov[ov["overlap_pop"] > 0]
    ov = ov.assign(code=to_gss_2024(ov, "PARL25", parl25, f"{OVERLAPS}/{OVERLAP_FILE}"))
    covered = ov["PARL10"].isin(shares.index).groupby(ov["code"]).all()
    ov = ov[ov["code"].isin(covered[covered].index)]
    part = ov["overlap_pop"].to_numpy()[:, None]
    whole = ov.groupby("PARL10")["overlap_pop"].transform("sum").to_numpy()[:, None]
    frac = shares.loc[ov["PARL10"]].to_numpy() / 100
    people = {"est": frac * part,
              "low": np.maximum(0.0, part - (1 - frac) * whole),
              "high": np.minimum(part, frac * whole)}
    total = ov.groupby("code")["overlap_pop"].sum()
    out = {}
    for key, values in people.items():
        sums = pd.DataFrame(values, columns=shares.columns).groupby(ov["code"].to_numpy()).sum()
        out[key] = (100 * sums.div(total, axis=0)).rename_axis("code")
    for key in ("low", "high"):  # rounding can push a bound a hair past 0 or 100
        out[key] = out[key].clip(0.0, 100.0)
    return out
