"""Uniform, proportional and probabilistic projections, and the 2017 -> 2019 backtest."""

import numpy as np
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.projection import backtest, project, share_change, simulate
from seatmap.swing import national_shares

BURY_NORTH, BEDFORD = "E14000611", "E14000552"


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


@pytest.fixture(scope="module")
def seats17():
    return seatmap.load_seats(2017, geometry=False)


def test_no_change_keeps_every_winner(seats19):
    for model in ("uniform", "proportional"):
        p = project({"lab": 0.0, "con": 0.0}, seats=seats19, model=model)
        assert not p.seats["changed"].any() and p.changes.empty
        assert p.totals.loc["con", "after"] == 365 and p.totals.loc["lab", "after"] == 202


def test_uniform_swing_five_points_lab_from_con(seats19):
    p = project({"lab": 5, "con": -5}, seats=seats19)
    # every seat where Labour trails the Conservatives by under 10 points falls
    gap = seats19["con_pct"] - seats19["lab_pct"]
    flips = (seats19["winner"] == "con") & (seats19["runner_up"] == "lab") & (gap < 10)
    assert set(flips[flips].index) <= set(p.changes.index)
    assert p.seats.loc[BURY_NORTH, "winner"] == "lab"
    assert p.seats.loc[BURY_NORTH, "lab_pct"] == pytest.approx(seats19.loc[BURY_NORTH, "lab_pct"] + 5)
    assert p.totals.loc["con", "after"] == 304 and p.totals.loc["lab", "after"] == 253
    assert p.totals["change"].sum() == 0
    # the national shares move by the change, in the seats each party contests
    after = national_shares(p.frame()).iloc[0]
    before = national_shares(seats19).iloc[0]
    valid = seats19["valid_votes"].astype(float)
    for party, d in (("lab", 5), ("con", -5)):
        contested = valid[seats19[f"{party}_votes"] > 0].sum() / valid.sum()
        assert after[party] - before[party] == pytest.approx(d * contested, abs=0.01)


def test_proportional_transition_model(seats19):
    p = project({"lab": 5, "con": -5}, seats=seats19, model="proportional")
    n_con = national_shares(seats19).iloc[0]["con"]
    ratio = (n_con - 5) / n_con
    # losers keep the same fraction of their vote in every seat; the released vote goes to
    # Labour where it stood (not in Northern Ireland or the Speaker's seat); others untouched
    stood = seats19["lab_votes"] > 0
    assert int(stood.sum()) == 631
    assert np.allclose(p.seats.loc[stood, "con_pct"],
                       seats19.loc[stood, "con_pct"].astype(float) * ratio)
    released = seats19["con_pct"].astype(float) * (1 - ratio)
    assert np.allclose(p.seats.loc[stood, "lab_pct"],
                       (seats19["lab_pct"].astype(float) + released)[stood])
    assert np.allclose(p.seats.loc[stood, "ld_pct"], seats19.loc[stood, "ld_pct"].astype(float))
    assert p.totals.loc["lab", "after"] == 262 and p.totals.loc["con", "after"] == 294


def test_unbalanced_changes_come_from_the_other_parties(seats19):
    p = project({"lab": 4}, seats=seats19)
    stood = seats19["lab_votes"] > 0
    gain = p.seats["lab_pct"] - seats19["lab_pct"].astype(float)
    assert np.allclose(gain[stood], 4)
    # the others lose in proportion to their share in the seat
    others = ["con", "ld", "green"]
    ratio = p.seats.loc[BURY_NORTH, [f"{q}_pct" for q in others]].to_numpy(dtype=float) / \
        seats19.loc[BURY_NORTH, [f"{q}_pct" for q in others]].to_numpy(dtype=float)
    assert np.allclose(ratio, ratio[0]) and ratio[0] < 1
    shares = p.seats[[c for c in p.seats.columns if c.endswith("_pct") and c != "majority_pct"]]
    assert np.allclose(shares.sum(axis=1), 100)


def test_area_changes_apply_only_there(seats19):
    p = project({"Scotland": {"lab": 6, "snp": -6}}, seats=seats19)
    moved = p.seats[p.seats["changed"]]
    assert len(moved) > 0 and set(moved["nation"]) == {"Scotland"}
    assert (p.seats.loc[seats19["nation"] != "Scotland", "lab_pct"]
            .sub(seats19.loc[seats19["nation"] != "Scotland", "lab_pct"].astype(float)).abs().max()
            < 1e-9)
    both = project({"*": {"lab": 2, "con": -2}, "North West": {"lab": 6, "con": -6}},
                   seats=seats19)
    nw = seats19["region"] == "North West"
    d = both.seats["lab_pct"] - seats19["lab_pct"].astype(float)
    stood = seats19["lab_votes"] > 0
    assert np.allclose(d[nw & stood], 6) and np.allclose(d[~nw & stood], 2)


def test_backtest_2017_to_2019(seats17, seats19):
    bt = backtest(seats_before=seats17, seats_after=seats19)
    # actual UK change 2017 -> 2019 applied to the 2017 results: correct 2019 winners of 650
    assert bt.loc["no change", "correct"] == 569
    assert bt.loc["uniform", "correct"] == 593
    assert bt.loc["proportional", "correct"] == 601
    by_nation = backtest(seats_before=seats17, seats_after=seats19, by="nation")
    assert by_nation.loc["uniform", "correct"] == 599
    assert by_nation.loc["proportional", "correct"] == 605
    by_region = backtest(seats_before=seats17, seats_after=seats19, by="region")
    assert by_region.loc["uniform", "correct"] == 608
    assert by_region.loc["proportional", "correct"] == 605
    sim = backtest(seats_before=seats17, seats_after=seats19, simulations=1000, seed=2)
    # the simulations are about as confident as they are right (91% of winners right)
    assert 0.85 < sim.loc["simulated uniform", "p_actual"] < 0.95
    assert abs(sim.loc["simulated uniform", "correct"] - 593) <= 5


def test_share_change_2017_2019(seats17, seats19):
    ch = share_change(seats17, seats19)
    assert ch["lab"] == pytest.approx(-7.91, abs=0.01)
    assert ch["con"] == pytest.approx(1.28, abs=0.01)
    assert ch["ld"] == pytest.approx(4.18, abs=0.01)
    assert "reform" not in ch  # absent in 2017: counted in 'other'
    assert sum(ch.values()) == pytest.approx(0, abs=1e-9)


def test_bad_input(seats19):
    with pytest.raises(SeatmapError, match="Valid parties"):
        project({"whig": 3}, seats=seats19)
    with pytest.raises(SeatmapError, match="Valid areas"):
        project({"Mercia": {"lab": 3}}, seats=seats19)
    with pytest.raises(SeatmapError, match="below zero"):
        project({"green": -5, "lab": 5}, seats=seats19)
    with pytest.raises(SeatmapError, match="projection model"):
        project({"lab": 1}, seats=seats19, model="cube law")
    with pytest.raises(SeatmapError, match="Give the share change"):
        project({}, seats=seats19)
    with pytest.raises(SeatmapError, match="number of points"):
        project({"lab": "lots"}, seats=seats19)


def test_simulation_is_seeded_and_consistent(seats19):
    a = simulate({"lab": 5, "con": -5}, seats=seats19, n=2000, seed=7)
    b = simulate({"lab": 5, "con": -5}, seats=seats19, n=2000, seed=7)
    assert a.win_prob.equals(b.win_prob)
    assert np.allclose(a.win_prob.sum(axis=1), 1.0)
    assert a.totals["mean"].sum() == pytest.approx(650)
    # Bury North is a 10-point Labour lead after the swing: near-certain
    assert a.win_prob.loc[BURY_NORTH, "lab"] > 0.9
    # with no uncertainty the simulation is the deterministic projection
    z = simulate({"lab": 5, "con": -5}, seats=seats19, n=50, national_sd=0, seat_sd=0)
    p = project({"lab": 5, "con": -5}, seats=seats19)
    assert (z.seats["likely"] == p.seats["winner"]).all()
    assert z.totals.loc["lab", "mean"] == p.totals.loc["lab", "after"]
    with pytest.raises(SeatmapError, match="at least 1"):
        simulate({"lab": 1}, seats=seats19, n=0)


def test_simulation_around_the_actual_result(seats19):
    sim = simulate(None, seats=seats19, n=2000, seed=1)
    assert sim.seats.loc[BURY_NORTH, "p_hold"] < 0.6       # a 105-vote majority is a toss-up
    safe = seats19["majority_pct"].astype(float) > 30
    assert (sim.seats.loc[safe, "p_hold"] > 0.99).all()
    assert sim.totals.loc["con", "p_majority"] > 0.9
