"""Polls and voter groups (seatmap.polls): a poll becomes a share change per area, and is
delivered; changes among voter groups become seat changes."""

import math

import numpy as np
import pytest

from seatmap import SeatmapError
from seatmap.polls import group_change, poll_change
from seatmap.projection import project
from seatmap.swing import national_shares

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
BURY_NORTH = "E14000611"


def test_poll_change_is_poll_minus_base_share_and_the_poll_is_delivered(seats24):
    change, notes = poll_change(POLL, seats24)
    # the area: GB without the Speaker's seat (outside every area)
    gb = seats24[(seats24["nation"] != "Northern Ireland") & (seats24["winner"] != "speaker")]
    base = national_shares(gb).iloc[0]
    ch = change["Great Britain"]
    assert ch["reform"] == pytest.approx(29 - base["reform"])
    assert ch["lab"] == pytest.approx(22 - 34.65, abs=0.05)
    assert sum(ch.values()) == pytest.approx(0, abs=1e-9)
    assert any("Northern Ireland" in n for n in notes)
    for model in ("uniform", "proportional", "mixed", "demographic"):
        a = project(poll=POLL, seats=seats24, model=model)
        for party, share in POLL.items():
            assert a.delivered.loc["Great Britain", party] == pytest.approx(share, abs=1e-6)
        # the 4 points not named go to the unnamed parties in proportion to their GB shares,
        # the independents' personal votes kept
        assert a.delivered.loc["Great Britain"].drop(list(POLL)).sum() == pytest.approx(4)
    # Northern Ireland keeps its result
    ni = seats24["nation"] == "Northern Ireland"
    assert np.allclose(a.seats.loc[ni, "sf_pct"], seats24.loc[ni, "sf_pct"].astype(float))


def test_poll_by_nation_and_totals(seats24):
    change, _ = poll_change({"GB": POLL, "Scotland": {"snp": 30, "lab": 30, "reform": 15}},
                            seats24)
    scot = national_shares(seats24[seats24["nation"] == "Scotland"]).iloc[0]
    assert change["Scotland"]["snp"] == pytest.approx(30 - scot["snp"])
    p = project(poll={"GB": POLL, "Scotland": {"snp": 30, "lab": 30, "reform": 15}},
                seats=seats24, model="proportional")
    assert p.delivered.loc["Scotland", "snp"] == pytest.approx(30, abs=1e-6)
    assert p.totals.loc["snp", "after"] != project(poll=POLL, seats=seats24,
                                                   model="proportional").totals.loc["snp", "after"]
    # a total just over 100 (rounding) is scaled to 100; far over is refused
    ch, notes = poll_change({"lab": 51, "con": 50}, seats24)
    gb = seats24[(seats24["nation"] != "Northern Ireland") & (seats24["winner"] != "speaker")]
    base = national_shares(gb).iloc[0]
    kept = ch["Great Britain"]["ind"] + base["ind"]  # the independents' personal votes (0.69)
    assert kept == pytest.approx(0.69, abs=0.01)
    assert ch["Great Britain"]["lab"] + base["lab"] == pytest.approx(51 * (100 - kept) / 101)
    assert any("scaled to 100 less the 0.69 points of personal votes" in n for n in notes)
    for bad, msg in [({"lab": 60, "con": 50}, "add up to 110"),
                     ({"lab": -1}, "between 0 and 100"),
                     ({"lab": 101}, "between 0 and 100"),
                     ({"lab": math.nan}, "finite"),
                     ({"lab": "lots"}, "must be a number"),
                     ({"whig": 20}, "Valid parties"),
                     ({"lab": 30, "Labour": 20}, "same party"),
                     ({"ukip": 10}, "No results for ukip"),
                     ({"GB": POLL, "Mercia": {"lab": 3}}, "Unknown area 'Mercia'"),
                     ({}, "Give a poll as")]:
        with pytest.raises(SeatmapError, match=msg):
            project(poll=bad, seats=seats24)
    with pytest.raises(SeatmapError, match="not both"):
        project({"lab": 1}, poll=POLL, seats=seats24)


def test_group_scenarios(seats19):
    d, notes = group_change(seats19, {"leave": {"lab": 10}, "remain": {"lab": -10}})
    leave = float(seats19.loc[BURY_NORTH, "leave_pct"])
    assert d.loc[BURY_NORTH, "lab"] == pytest.approx(leave / 10 - (100 - leave) / 10)
    assert notes == []
    p = project(None, seats=seats19, groups={"working class": {"lab": 4}})
    cols = [c for c in p.seats.columns if c.endswith("_pct") and c != "majority_pct"]
    assert np.allclose(p.seats[cols].sum(axis=1), 100)
    ni = seats19["nation"] == "Northern Ireland"
    assert np.allclose(p.seats.loc[ni, "sf_pct"], seats19.loc[ni, "sf_pct"].astype(float))
    assert any("18 seats have no data" in n for n in p.notes)
    for model in ("uniform", "proportional", "mixed", "demographic"):
        q = project({"lab": 2, "con": -2}, seats=seats19, model=model,
                    groups={"leave": {"con": 3}})
        assert q.totals.loc["con", "after"] >= project({"lab": 2, "con": -2}, seats=seats19,
                                                       model=model).totals.loc["con", "after"]
    with pytest.raises(SeatmapError, match="voter group"):
        project(None, seats=seats19, groups={"pensioners": {"con": 3}})
