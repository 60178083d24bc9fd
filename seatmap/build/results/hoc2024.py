"""2024: the Commons Library constituency file (minor candidates lumped; winners and runners-up
outside the named parties split out)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._schema import ensure
from .derive import OTHERS, melt, mismatch, party_rows
from .sources import FILES, HOC_2024, party_codes, read_source, to_ints

# 2024 party columns -> (party, party name); "All other candidates" is lumped.
_HOC_2024 = {
    "Con": ("con", "Conservative"), "Lab": ("lab", "Labour"), "LD": ("ld", "Liberal Democrat"),
    "RUK": ("reform", "Reform UK"), "Green": ("green", "Green"),
    "SNP": ("snp", "Scottish National Party"), "PC": ("pc", "Plaid Cymru"),
    "DUP": ("dup", "Democratic Unionist Party"), "SF": ("sf", "Sinn Fein"),
    "SDLP": ("sdlp", "Social Democratic and Labour Party"),
    "UUP": ("uup", "Ulster Unionist Party"), "APNI": ("alliance", "Alliance"),
}
# Party names for winners whose votes are inside "All other candidates" (by "First party").
_HOC_2024_OTHER_WINNERS = {"Ind": "Independent", "Spk": "Speaker",
                           "TUV": "Traditional Unionist Voice"}
# Party names for runners-up whose votes are inside "All other candidates" (by "Second party");
# their votes are the winner's minus the majority.
_HOC_2024_OTHER_SECONDS = {"Ind": "Independent", "WPB": "Workers Party of Britain",
                           "PBPA": "People Before Profit Alliance", "INet": "Independent Network",
                           "NIP": "NIP"}


def ge2024(sources: Path):
    """The 2024 seat and vote tables from the Commons Library results file."""
    cols = ["ONS ID", "Constituency name", "Member first name", "Member surname", "Result",
            "First party", "Second party", "Electorate", "Valid votes", "Invalid votes",
            "Majority", *_HOC_2024, "All other candidates", "Of which other winner"]
    what = f"{HOC_2024}/{FILES['hoc2024'][1]}"
    t = read_source(sources, "hoc2024", cols).set_index("ONS ID")
    t = to_ints(t, ["Electorate", "Valid votes", "Invalid votes", "Majority", *_HOC_2024,
                  "All other candidates", "Of which other winner"], what)
    first = party_codes(t["First party"], f"{what} First party", strict=False)
    v = t[list(_HOC_2024)]
    bad = mismatch(v.sum(axis=1) + t["All other candidates"], t["Valid votes"])
    ensure(not bad, f"{what}: party columns do not sum to Valid votes in {bad}.")
    in_other = ~t["First party"].isin(list(_HOC_2024))
    ow = t["Of which other winner"]
    ensure((ow.gt(0) == in_other).all(), f"{what}: 'Of which other winner' is set exactly "
            "when the winner is outside the party columns; that no longer holds.")
    unknown = sorted(set(t.loc[in_other, "First party"]) - set(_HOC_2024_OTHER_WINNERS))
    ensure(not unknown, f"{what}: winners from parties {unknown} have no party name; add "
            "them to _HOC_2024_OTHER_WINNERS.")
    ensure((ow[in_other] > v[in_other].max(axis=1)).all(),
            f"{what}: an 'other' winner has fewer votes than a party column.")
    top = v.idxmax(axis=1)
    bad = list(t.index[(~in_other & top.ne(t["First party"])).to_numpy()])
    ensure(not bad, f"{what}: First party is not the largest party column in {bad}.")
    second_named = t["Second party"].isin(list(_HOC_2024)) & ~in_other
    col = v.columns.get_indexer(t["Second party"].where(second_named, v.columns[0]))
    sec_votes = pd.Series(v.to_numpy()[np.arange(len(v)), col], index=v.index)
    bad = list(t.index[(second_named & (v.max(axis=1) - sec_votes).ne(t["Majority"]))
                       .to_numpy()])
    ensure(not bad, f"{what}: Majority differs from the party columns in {bad}.")

    long = melt(v, _HOC_2024)
    winners = pd.DataFrame({"code": t.index[in_other.to_numpy()],
                            "party": first[in_other].to_numpy(),
                            "party_name": t.loc[in_other, "First party"]
                            .map(_HOC_2024_OTHER_WINNERS).to_numpy(),
                            "candidates": 1, "votes": ow[in_other].to_numpy()})
    second_other = ~t["Second party"].isin(list(_HOC_2024))
    unknown = sorted(set(t.loc[second_other, "Second party"]) - set(_HOC_2024_OTHER_SECONDS))
    ensure(not unknown, f"{what}: runners-up from parties {unknown} have no party name; add "
            "them to _HOC_2024_OTHER_SECONDS.")
    ensure(not (second_other & in_other).any(), f"{what}: a seat where both winner and "
            "runner-up are outside the party columns; split their votes by hand.")
    winner_votes = ow.where(in_other, v.max(axis=1))
    second_votes = (winner_votes - t["Majority"]).where(second_other, 0)
    seconds = pd.DataFrame({"code": t.index[second_other.to_numpy()],
                            "party": party_codes(t.loc[second_other, "Second party"],
                                            f"{what} Second party", strict=False).to_numpy(),
                            "party_name": t.loc[second_other, "Second party"]
                            .map(_HOC_2024_OTHER_SECONDS).to_numpy(),
                            "candidates": 1, "votes": second_votes[second_other].to_numpy()})
    rest = t["All other candidates"] - ow - second_votes
    ensure(rest.ge(0).all(), f"{what}: a runner-up's votes (winner minus majority) exceed the "
            "lumped other candidates' votes.")
    others = pd.DataFrame({"code": t.index, "party": "other", "party_name": OTHERS,
                           "candidates": np.nan, "votes": rest.to_numpy()})
    others = others[others["votes"].gt(0)]
    cont = pd.concat([long, winners, seconds, others], ignore_index=True)
    votes = party_rows(cont, "ge2024")
    seats = pd.DataFrame({
        "name": t["Constituency name"],
        "electorate": t["Electorate"],
        "valid_votes": t["Valid votes"],
        "invalid_votes": t["Invalid votes"],
        "winner": first,
        "runner_up": party_codes(t["Second party"], f"{what} Second party", strict=False),
        "majority": t["Majority"],
        "result": t["Result"],
        "mp": t["Member first name"] + " " + t["Member surname"],
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


