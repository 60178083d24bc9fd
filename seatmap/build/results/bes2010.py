"""2010: British Election Study party detail (Great Britain) with the Commons Library 1918-2017
file (electorate, valid votes, Northern Ireland as one lumped row per seat)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._schema import ensure
from .derive import ALL_NI_2010, OTHERS, melt, mismatch, party_rows, rank
from .sources import BES_2010_PARTIES, party_codes

# 2010 Con/Lab/LD votes differ between BES and the Commons Library in these seats (by 1-90
# votes); BES is used. The build fails if the set of differences changes.
_BES_HOC_2010_DIFFS = {
    ("E14000591", "con"),  # Brent Central: BES 5,068, HoC 5,067
    ("E14000654", "con"),  # Croydon Central: BES 19,657, HoC 19,567
    ("S14000057", "con"),  # Stirling: BES 11,204, HoC 11,254
    ("E14000573", "lab"),  # Blackpool South: BES 14,448, HoC 14,449
    ("W07000080", "lab"),  # Cardiff South and Penarth: BES 17,263, HoC 17,262
    ("W07000079", "lab"),  # Cardiff West: BES 16,893, HoC 16,894
    ("E14000655", "lab"),  # Croydon North: BES 28,949, HoC 28,947
    ("E14000701", "ld"),   # Feltham and Heston: BES 6,669, HoC 6,679
    ("E14001035", "ld"),   # West Worcestershire: BES 20,409, HoC 20,459
}



def ge2010(hoc1918: pd.DataFrame, bes: pd.DataFrame):
    """The 2010 seat and vote tables from the Commons Library 1918-2017 file, checked against the BES."""
    h = hoc1918[hoc1918["election"].eq("2010")].set_index("constituency_id")
    b = bes.set_index("ONSConstID")
    ensure(b.index.isin(h.index).all(), "ge2010: BES seats missing from the 1918-2017 file.")
    gb = h.loc[b.index]
    bad = mismatch(b["TotalVote10"], gb["total_votes"])
    ensure(not bad, f"ge2010: BES TotalVote10 differs from the Commons Library in {bad}.")

    cols = {p: b[f"{p}Vote10"] for p in BES_2010_PARTIES}
    wide = pd.DataFrame(cols)
    speaker = party_codes(b["Winner10"], "BES Winner10", strict=True).eq("speaker")
    # BES files the Speaker's votes as Conservative; the Commons Library has no Con candidate.
    ensure(gb.loc[speaker, "con_votes"].fillna(0).eq(0).all(),
            "ge2010: the Commons Library shows a Conservative candidate in the Speaker's seat.")
    wide["Speaker"] = wide["Con"].where(speaker)
    wide.loc[speaker, "Con"] = np.nan
    # BES against the Commons Library for Con, Lab, LD
    diffs = set()
    for col, p in (("con_votes", "Con"), ("lab_votes", "Lab"), ("lib_votes", "LD")):
        full = wide[p].fillna(0).ne(gb[col].fillna(0))
        diffs |= {(c, BES_2010_PARTIES[p][0]) for c in wide.index[full.to_numpy()]}
    ensure(diffs == _BES_HOC_2010_DIFFS, "ge2010: BES and Commons Library Con/Lab/LD votes "
            f"differ in an unexpected set of seats: {sorted(diffs ^ _BES_HOC_2010_DIFFS)}.")

    long = melt(wide, {**BES_2010_PARTIES, "Speaker": ("speaker", "Speaker")})
    residual = b["TotalVote10"] - wide.sum(axis=1)
    ensure(residual.ge(0).all(), "ge2010: BES party votes exceed total votes in "
            f"{list(residual.index[residual.lt(0)])}.")
    ranked = rank(long, "ge2010 BES")
    winner_votes = ranked["winner_votes"].reindex(b.index)
    ensure(residual.lt(winner_votes).all(), "ge2010: other candidates out-polled the BES "
            "winner; the winner cannot be identified.")
    bes_winner = party_codes(b["Winner10"], "BES Winner10", strict=True)
    bad = mismatch(ranked["winner"].reindex(b.index), bes_winner)
    ensure(not bad, f"ge2010: largest BES party differs from Winner10 in {bad}.")
    # The runner-up is known only if no group of other candidates could have beaten it.
    known = residual.lt(ranked["runner_up_votes"].reindex(b.index).fillna(0))
    ensure(int((~known).sum()) == 5, "ge2010: expected 5 GB seats with an unidentifiable "
            f"runner-up (as documented), found {int((~known).sum())}.")
    other = pd.DataFrame({"code": residual.index, "party": "other", "party_name": OTHERS,
                          "candidates": np.nan, "votes": residual.to_numpy()})
    other = other[other["votes"].gt(0)]
    ni = h.index[~h.index.isin(b.index)]
    ni_rows = pd.DataFrame({"code": ni, "party": "other", "party_name": ALL_NI_2010,
                            "candidates": np.nan, "votes": h.loc[ni, "total_votes"].to_numpy()})
    cont = pd.concat([long, other, ni_rows], ignore_index=True)
    votes = party_rows(cont, "ge2010")

    seats = pd.DataFrame({
        "name": h["constituency"],
        "electorate": h["electorate"],
        "valid_votes": h["total_votes"],
        "winner": ranked["winner"],
        "runner_up": ranked["runner_up"].where(known),
        "majority": ranked["majority"].where(known),
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


