"""Issue 18: the current Parliament first (2024 by default), one name resolver, true reasons and
lists ready for the meeting."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import seatmap
from seatmap._validate import SeatmapError
from seatmap.cli import main
from seatmap.join import match_seats


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- one name resolver: seat, seat_profile, join and crosswalk -------------------------------

# name -> {boundary set: the seat it resolves to}; the successor of a seat of the other set is
# its main successor by population (mySociety's overlaps): Bristol West -> Bristol Central 68 %,
# Morley and Outwood -> Leeds South West and Morley 68 %, Queen's Park and Maida Vale <- 58 %
# Westminster North
RESOLVES = {
    "Queens Park": {"2024": "Queen's Park and Maida Vale", "2010": "Westminster North"},
    "Queen's Park": {"2024": "Queen's Park and Maida Vale", "2010": "Westminster North"},
    "Hull West": {"2024": "Kingston upon Hull West and Haltemprice",
                  "2010": "Kingston upon Hull West and Hessle"},
    "Morley and Outwood": {"2024": "Leeds South West and Morley", "2010": "Morley and Outwood"},
    "Bristol West": {"2024": "Bristol Central", "2010": "Bristol West"},
}


@pytest.mark.parametrize("name", sorted(RESOLVES))
@pytest.mark.parametrize("election, bset", [(2024, "2024"), (2019, "2010")])
def test_names_resolve_in_seat_profile_and_the_seat_card(name, election, bset, capsys):
    expected = RESOLVES[name][bset]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert seatmap.seat_profile(name, election=election).name == expected
    code, out, _ = run(capsys, "seat", name, "-e", str(election))
    assert code == 0 and f"\n{expected} (" in "\n" + out
    moved = out.startswith("Note: ")  # a seat of the other set: its successor, and why
    assert moved == ((name in ("Morley and Outwood", "Bristol West") and bset == "2024")
                     or (name.startswith("Queen") and bset == "2010"))


@pytest.mark.parametrize("bset, north, south", [("2024", "E14001144", "E14001145"),
                                                ("2010", "E14000611", "E14000612")])
def test_bury_is_ambiguous_between_bury_north_and_bury_south(bset, north, south, capsys):
    # not Newbury and Burnley (suggested before), nor Bury St Edmunds (another town)
    election = "2024" if bset == "2024" else "2019"
    for call in (lambda: seatmap.seat_profile("Bury", election=election),
                 lambda: seatmap.crosswalk(pd.DataFrame({"seat": ["Bury"], "n": [1]}),
                                           bset, "2010" if bset == "2024" else "2024",
                                           code="seat")):
        with pytest.raises(SeatmapError) as err:
            call()
        assert "Bury North" in str(err.value) and "Bury South" in str(err.value)
        assert "Newbury" not in str(err.value) and "Bury St Edmunds" not in str(err.value)
    code, _, err = run(capsys, "seat", "Bury", "-e", election)
    assert code == 2 and f"Bury North ({north}), Bury South ({south})" in err
    m = match_seats(["Bury"], bset)
    assert m.loc[0, "status"] == "ambiguous"
    assert m.loc[0, "suggestions"] == f"Bury North ({north}); Bury South ({south})"


def test_join_and_crosswalk_resolve_the_names():
    m = match_seats(["Queens Park", "Queen's Park", "Hull West"], "2024")
    assert m["status"].tolist() == ["matched"] * 3
    assert m["matched_name"].tolist() == ["Queen's Park and Maida Vale"] * 2 + [
        "Kingston upon Hull West and Haltemprice"]
    mine = pd.DataFrame({"seat": ["Hull West", "Queens Park"], "members": [10, 20]})
    joined, report = seatmap.join_user_data(mine, on="seat", boundary_set="2024", warn=False)
    assert report.counts["matched"] == 2
    assert joined.loc["E14001315", "members"] == 10 and joined.loc["E14001435", "members"] == 20
    # a 2010-set table by name crosswalks: "Hull West" is Kingston upon Hull West and Hessle
    out = seatmap.crosswalk(pd.DataFrame({"seat": ["Hull West"], "members": [100]}), "2010",
                            "2024", code="seat")
    assert out["members"].sum() == pytest.approx(100)
    assert "E14001315" in out.index
    # on the 2024 set a 2010 name is reported as one, never silently moved
    m = match_seats(["Bristol West", "Morley and Outwood"], "2024")
    assert m["status"].tolist() == ["unmatched"] * 2
    assert m["note"].str.startswith("a 2010-set seat name").all()
