"""The raw results sources: folder ids, files, column lists, and defensive readers.

Every reader strips whitespace, requires the columns it uses (a changed layout is a clear
:class:`~seatmap.build._schema.BuildCheckError`) and converts vote columns strictly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..._validate import SeatmapError
from ...parties import party_code
from .._io import require_columns, source_path
from .._schema import BuildCheckError

BES = "results-bes-ge2019"
HOC_1918 = "results-hoc-1918-2017"
HOC_2015 = "results-hoc-ge2015"
HOC_2017 = "results-hoc-ge2017"
HOC_2019 = "results-hoc-ge2019"
HOC_2024 = "results-hoc-ge2024"
RT_2019 = "results-notional2019-2024bnd"
ALL_SOURCES = (BES, HOC_1918, HOC_2015, HOC_2017, HOC_2019, HOC_2024, RT_2019)

# (folder, file, pandas.read_csv keyword arguments)
FILES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "hoc2019": (HOC_2019, "HoC-GE2019-results-by-constituency-csv.csv", {}),
    "hoc2019_cand": (HOC_2019, "HoC-GE2019-results-by-candidate.csv", {}),
    "hoc2017": (HOC_2017, "HoC-GE2017-constituency-results.csv", {}),
    "hoc2017_cand": (HOC_2017, "HoC-GE2017-results-by-candidate.csv", {}),
    "hoc2015_cand": (HOC_2015, "hoc-ge2015-results-full.csv", {}),
    "hoc1918": (HOC_1918, "1918-2017election_results.csv", {"encoding": "cp1252", "dtype": str}),
    "hoc2024": (HOC_2024, "HoC-GE2024-results-by-constituency.csv", {}),
    "rt2019": (RT_2019, "results_spreadsheet_for_distribution.csv", {"thousands": ","}),
}
BES_FILE = "BES-2019-General-Election-results-file-v1.1.xlsx"


# BES 2010 vote columns: prefix -> (party, party name). BES "Lab" includes Labour Co-operative.
BES_2010_PARTIES = {
    "Con": ("con", "Conservative"), "Lab": ("lab", "Labour"), "LD": ("ld", "Liberal Democrat"),
    "SNP": ("snp", "Scottish National Party"), "PC": ("pc", "Plaid Cymru"),
    "UKIP": ("ukip", "UK Independence Party"), "Green": ("green", "Green"),
    "BNP": ("other", "British National Party"),
}
# 2010 Con/Lab/LD votes differ between BES and the Commons Library in these seats (by 1-90
# votes); BES is used. The build fails if the set of differences changes.

CAND_COLS = ["ons_id", "constituency_name", "party_name", "party_abbreviation", "firstname",
              "surname", "votes"]


BES_COLS = ["ONSConstID", "Winner05", "Winner10", *[f"{p}Vote10" for p in BES_2010_PARTIES],
             "TotalVote10", "TotalVote15", "RejectedVote15"]
HOC_1918_COLS = ["constituency_id", "constituency", "electorate", "con_votes", "lib_votes",
                  "lab_votes", "total_votes", "election"]


def read_source(sources: Path, key: str, columns) -> pd.DataFrame:
    """Read one CSV source, strip header and text whitespace, and require ``columns``."""
    folder, filename, kwargs = FILES[key]
    df = pd.read_csv(source_path(sources, folder, filename), **kwargs)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{folder}/{filename}")
    df = df[list(columns)].copy()
    for col in df.columns:
        if pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].str.strip()
    return df


def read_bes_results(sources: Path, columns) -> pd.DataFrame:
    """The ``columns`` of the BES results workbook (sheet Data), each checked present."""
    path = source_path(sources, BES, BES_FILE)
    wanted = set(columns)
    df = pd.read_excel(path, sheet_name="Data", usecols=lambda c: str(c).strip() in wanted)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{BES}/{BES_FILE} (sheet Data)")
    return df[list(columns)]


def to_ints(df: pd.DataFrame, columns, what: str) -> pd.DataFrame:
    """Convert vote columns to numbers (blank -> NaN), failing clearly on anything else."""
    out = df.copy()
    for col in columns:
        raw = out[col]
        if pd.api.types.is_string_dtype(raw):
            raw = raw.str.replace(",", "", regex=False).str.strip().replace("", np.nan)
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() & raw.notna()
        if bad.any() or (num.dropna() % 1 != 0).any():
            raise BuildCheckError(f"{what}: column {col!r} has non-integer values "
                                  f"{raw[bad].unique()[:5].tolist()}.")
        out[col] = num
    return out


def party_codes(values: pd.Series, what: str, *, strict: bool) -> pd.Series:
    """Map source party spellings to seatmap codes.

    With ``strict`` an unknown spelling fails the build; without it, it becomes ``other``
    (used for candidate files and runner-up labels, where minor parties are expected).
    """
    table = {}
    for v in values.dropna().unique():
        try:
            table[v] = party_code(str(v), strict=strict)
        except SeatmapError:
            raise BuildCheckError(f"{what}: unknown party label {v!r}; add an alias to "
                                  "seatmap.parties or map it in this module.") from None
    return values.map(table)


def check_sources_present(sources: Path) -> None:
    """Fail fast with SourceMissingError before any reading if a folder or file is absent."""
    for folder, filename, _ in FILES.values():
        source_path(sources, folder, filename)
    source_path(sources, BES, BES_FILE)

