"""Checks of the built results against the published record (:mod:`.record`)."""

from __future__ import annotations

import pandas as pd

from ...elections import BOUNDARY_SETS, election
from .._schema import ensure
from .derive import ALL_NI_2010, OTHERS, mismatch
from .record import (
    CODE_PREFIXES,
    MAJORITIES,
    NATIONAL_TOTALS,
    NATIONAL_VOTES,
    SEATS_WON,
    SPEAKER_SEATS,
)


def check_election(eid: str, seats: pd.DataFrame, votes: pd.DataFrame) -> None:
    """Raise BuildCheckError unless one election's tables match the published record."""
    tag = f"ge{eid}"
    s = seats.set_index("code")
    ensure(len(s) == 650 and s.index.is_unique, f"{tag}: {len(s)} seats / duplicate codes.")
    bset = election(eid).boundary_set
    prefixes = s.index.str[:3].value_counts().to_dict()
    ensure(prefixes == CODE_PREFIXES[bset], f"{tag}: codes by prefix {prefixes}, expected "
            f"{CODE_PREFIXES[bset]} for the {bset} boundary set.")
    summed = votes.groupby("code")["votes"].sum()
    ensure(set(summed.index) == set(s.index), f"{tag}: votes table covers other seats.")
    bad = mismatch(summed, s["valid_votes"])
    ensure(not bad, f"{tag}: party votes do not sum to valid_votes in {bad}.")
    won = s["winner"].value_counts().to_dict()
    ensure(won == SEATS_WON[eid], f"{tag}: seats won {won} differ from the published result "
            f"{SEATS_WON[eid]}.")
    if eid == "2010":
        ni = s.index.str.startswith("N")
        ensure(s.loc[ni, "winner"].isna().all() and s.loc[~ni, "winner"].notna().all(),
                f"{tag}: winners should be known exactly for the 632 GB seats.")
    ensure(s.loc[SPEAKER_SEATS[eid], "winner"] == "speaker",
            f"{tag}: the Speaker's seat {SPEAKER_SEATS[eid]} is not won by the Speaker.")
    for party, want in NATIONAL_VOTES.get(eid, {}).items():
        got = int(votes.loc[votes["party"].eq(party), "votes"].sum())
        ensure(got == want, f"{tag}: {party} polled {got:,} votes, published {want:,}.")
    for col, want in NATIONAL_TOTALS.get(eid, {}).items():
        got = int(s[col].sum())
        ensure(got == want, f"{tag}: total {col} {got:,}, published {want:,}.")
    for (e, code), (party, maj) in MAJORITIES.items():
        if e == eid:
            result = (s.loc[code, "winner"], s.loc[code, "majority"])
            ensure(result == (party, maj), f"{tag}: {code} winner/majority {result}, published "
                    f"{(party, maj)}.")
    # The winner's party polled the most votes wherever the party detail identifies it.
    top = votes.sort_values("votes", ascending=False).drop_duplicates("code")
    top = top[~top["party_name"].isin([OTHERS, ALL_NI_2010])].set_index("code")["party"]
    bad = mismatch(top, s["winner"].reindex(top.index))
    ensure(not bad, f"{tag}: largest party row is not the winner's party in {bad}.")


def check_across(seats: dict[str, pd.DataFrame]) -> None:
    """Checks that join elections: code sets, 2019 gains, spot figures."""
    s = {eid: df.set_index("code") for eid, df in seats.items()}
    for bset in BOUNDARY_SETS.values():  # one code set per boundary set
        base = bset.elections[-1]
        for eid in bset.elections:
            ensure(set(s[eid].index) == set(s[base].index),
                   f"ge{eid}: codes differ from the ge{base} file's (same boundary set; "
                   "notional files' provisional codes are remapped first).")
    gains = s["2019"]["result"].value_counts()
    got = (int(gains.get("Con gain from Lab", 0)), int(gains.get("Con gain from Lab Coop", 0)))
    ensure(got == (48, 6), f"ge2019: 'Con gain from Lab' / 'Lab Coop' counts {got}, published "
            "(48, 6).")
    switched = s["2017"]["winner"].eq("lab") & s["2019"]["winner"].eq("con")
    by_text = s["2019"]["result"].str.startswith("Con gain from Lab")
    ensure(int(switched.sum()) == 54 and (switched == by_text).all(),
            "ge2019: Labour-to-Conservative seats from winners disagree with the result text.")
    boston = s["2024"].loc["E14001114"]
    ensure(boston["result"] == "RUK gain from Con" and boston["majority"] == 2010,
            "ge2024: Boston and Skegness is not 'RUK gain from Con' by 2,010.")
    ensure(s["2015"].loc["E14000733", "winner"] == "lab", "ge2015: Hartlepool not Labour.")


def check_2010_spot(seats: pd.DataFrame, votes: pd.DataFrame) -> None:
    """Check one published 2010 result (Bury North: votes and electorate)."""
    bury = votes[votes["code"].eq("E14000611")].set_index("party")["votes"]
    got = (int(bury.get("con", 0)), int(bury.get("lab", 0)), int(bury.get("ld", 0)),
           int(seats.set_index("code").loc["E14000611", "electorate"]))
    ensure(got == (18070, 15827, 7645, 66759), f"ge2010: Bury North Con/Lab/LD/electorate "
            f"{got}, published (18070, 15827, 7645, 66759).")

