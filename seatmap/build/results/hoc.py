"""2015, 2017 and 2019 from the Commons Library candidate and constituency files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._schema import ensure
from .derive import candidates, mismatch, party_rows, rank
from .sources import FILES, party_codes, read_source, to_ints

_HOC_NAMED_2017 = {"con": "con", "lab": "lab", "ld": "ld", "ukip": "ukip", "green": "green",
                   "snp": "snp", "pc": "pc", "dup": "dup", "sf": "sf", "sdlp": "sdlp",
                   "uup": "uup", "alliance": "alliance"}
_HOC_NAMED_2019 = {**{k: v for k, v in _HOC_NAMED_2017.items() if k != "ukip"},
                   "brexit": "reform"}



def ge_hoc(sources: Path, eid: str, cand: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """2017 or 2019: constituency file, checked against the candidate file ``cand``."""
    named = _HOC_NAMED_2019 if eid == "2019" else _HOC_NAMED_2017
    mp_cols = ["mp_firstname", "mp_surname"] if eid == "2019" else []
    cols = ["ons_id", "constituency_name", "result", "first_party", "second_party",
            "electorate", "valid_votes", "invalid_votes", "majority", *named, "other",
            *mp_cols]
    what = f"{FILES['hoc' + eid][0]}/{FILES['hoc' + eid][1]}"
    const = read_source(sources, f"hoc{eid}", cols).set_index("ons_id")
    const = to_ints(const, ["electorate", "valid_votes", "invalid_votes", "majority", *named,
                          "other"], what)
    bad = mismatch(const[[*named, "other"]].sum(axis=1), const["valid_votes"])
    ensure(not bad, f"{what}: party columns do not sum to valid_votes in {bad}.")
    cont = candidates(cand)
    ranked = rank(cont, f"ge{eid} candidates")
    votes = party_rows(cont, f"ge{eid} candidates")

    seats = pd.DataFrame({
        "name": const["constituency_name"],
        "electorate": const["electorate"],
        "valid_votes": const["valid_votes"],
        "invalid_votes": const["invalid_votes"],
        "winner": party_codes(const["first_party"], f"{what} first_party", strict=False),
        "runner_up": party_codes(const["second_party"], f"{what} second_party", strict=False),
        "majority": const["majority"],
        "result": const["result"],
    })
    if mp_cols:
        seats["mp"] = const["mp_firstname"] + " " + const["mp_surname"]
        bad = mismatch(seats["mp"], ranked["mp"])
        ensure(not bad, f"ge{eid}: MP names differ from the candidate file's winners in {bad}.")
    else:
        seats["mp"] = ranked["mp"]
    seats.index.name = "code"

    # Constituency file against candidate file
    ensure(set(const.index) == set(cont["code"]),
            f"ge{eid}: constituency and candidate files cover different seats.")
    for col in ("winner", "runner_up", "majority"):
        bad = mismatch(seats[col], ranked[col])
        ensure(not bad, f"ge{eid}: {col} from the candidate file disagrees with the "
                f"constituency file in {bad}.")
    by_party = votes.pivot_table(index="code", columns="party", values="votes", aggfunc="sum",
                                 fill_value=0)
    for col, code in named.items():
        got = by_party[code] if code in by_party else pd.Series(0, index=by_party.index)
        bad = mismatch(const[col], got.reindex(const.index).fillna(0))
        ensure(not bad, f"ge{eid}: column {col!r} differs from the candidate votes of "
                f"{code!r} in {bad}.")
    return seats.reset_index(), votes


def ge2015(cand: pd.DataFrame, hoc1918: pd.DataFrame, bes: pd.DataFrame):
    """The 2015 seat and vote tables from the Commons Library candidates, checked against its totals."""
    cont = candidates(cand)
    ranked = rank(cont, "ge2015 candidates")
    votes = party_rows(cont, "ge2015 candidates")
    names = cand.groupby("ons_id")["constituency_name"].first()
    h = hoc1918[hoc1918["election"].eq("2015")].set_index("constituency_id")
    total = votes.groupby("code")["votes"].sum()
    ensure(set(h.index) == set(total.index),
            "ge2015: the 1918-2017 file's 2015 seats differ from the candidate file's.")
    bad = mismatch(h["total_votes"], total)
    ensure(not bad, f"ge2015: 1918-2017 total_votes differ from the candidate file in {bad}.")
    by_party = votes.pivot_table(index="code", columns="party", values="votes", aggfunc="sum",
                                 fill_value=0)
    for col, code in (("con_votes", "con"), ("lab_votes", "lab"), ("lib_votes", "ld")):
        bad = mismatch(h[col].fillna(0), by_party[code].reindex(h.index).fillna(0))
        ensure(not bad, f"ge2015: 1918-2017 {col} differ from the candidate file in {bad}.")
    b = bes.set_index("ONSConstID")
    bad = mismatch(b["TotalVote15"], total.reindex(b.index))
    ensure(not bad, f"ge2015: BES TotalVote15 differs from the candidate file in {bad}.")
    seats = pd.DataFrame({
        "name": names,
        "electorate": h["electorate"],
        "valid_votes": total,
        "invalid_votes": b["RejectedVote15"].reindex(names.index),
        "winner": ranked["winner"],
        "runner_up": ranked["runner_up"],
        "majority": ranked["majority"],
        "mp": ranked["mp"],
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


