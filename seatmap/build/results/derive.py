"""Seat-level derivations shared by every election: ranking contestants, party rows, shares."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._schema import BuildCheckError
from .sources import party_codes

OTHERS = "Other candidates"
ALL_NI_2010 = "All candidates"


def rank(cont: pd.DataFrame, what: str) -> pd.DataFrame:
    """Winner, runner-up and majority per seat from one row per contestant.

    ``cont`` has ``code, party, votes`` (and optionally ``person``); a contestant is a candidate
    or a source column standing for one party. Ties for first place are an error.
    """
    c = cont.sort_values(["code", "votes"], ascending=[True, False], kind="stable")
    pos = c.groupby("code").cumcount()
    first = c[pos.eq(0)].set_index("code")
    second = c[pos.eq(1)].set_index("code").reindex(first.index)
    out = pd.DataFrame({
        "winner": first["party"], "winner_votes": first["votes"],
        "runner_up": second["party"], "runner_up_votes": second["votes"],
    })
    if "person" in c:
        out["mp"] = first["person"]
    out["majority"] = out["winner_votes"] - out["runner_up_votes"].fillna(0)
    ties = out.index[out["majority"].eq(0)]
    if len(ties):
        raise BuildCheckError(f"{what}: tie for first place in {list(ties)}.")
    return out


def party_rows(cont: pd.DataFrame, what: str) -> pd.DataFrame:
    """One row per seat and party name: party code, candidates and votes summed."""
    g = cont.groupby(["code", "party_name"], sort=True)
    out = pd.DataFrame({
        "party": g["party"].first(),
        "n_codes": g["party"].nunique(),
        "candidates": g["candidates"].sum(min_count=1),
        "votes": g["votes"].sum(),
    }).reset_index()
    mixed = out[out["n_codes"].gt(1)]
    if len(mixed):
        raise BuildCheckError(f"{what}: one party name maps to several party codes: "
                              f"{mixed[['code', 'party_name']].head().to_dict('records')}.")
    return out[["code", "party", "party_name", "candidates", "votes"]]


def finish_seats(seats: pd.DataFrame) -> pd.DataFrame:
    """Add the derived columns every seat table has (turnout and majority as percentages)."""
    seats = seats.copy()
    seats["turnout_pct"] = seats["valid_votes"] / seats["electorate"] * 100
    seats["majority_pct"] = seats["majority"] / seats["valid_votes"] * 100
    for col in ("invalid_votes", "runner_up", "winner", "majority", "result", "mp"):
        if col not in seats:
            seats[col] = np.nan
    return seats


def candidates(cand: pd.DataFrame) -> pd.DataFrame:
    """Contestants from a Commons Library candidate file (one row per candidate)."""
    return pd.DataFrame({
        "code": cand["ons_id"],
        "party": party_codes(cand["party_abbreviation"], "candidate file", strict=False),
        "party_name": cand["party_name"],
        "candidates": 1,
        "votes": cand["votes"],
        "person": cand["firstname"] + " " + cand["surname"],
    })


def melt(wide: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Contestants from party columns (index: code); ``names`` maps column -> (party, name).

    Each column with votes is one contestant (``candidates`` 1); blank or zero cells mean the
    party did not stand.
    """
    long = wide[list(names)].rename_axis("code").reset_index().melt(
        id_vars="code", var_name="col", value_name="votes")
    long = long[long["votes"].gt(0)]
    return pd.DataFrame({
        "code": long["code"],
        "party": long["col"].map({c: v[0] for c, v in names.items()}),
        "party_name": long["col"].map({c: v[1] for c, v in names.items()}),
        "candidates": 1,
        "votes": long["votes"],
    })



def mismatch(a: pd.Series, b: pd.Series) -> list:
    """Index labels where two aligned series differ (NaN equals NaN)."""
    a, b = a.align(b)
    diff = ~((a == b) | (a.isna() & b.isna()))
    return list(a.index[diff.to_numpy()])[:10]

