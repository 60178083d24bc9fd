"""The probabilistic projection (seatmap.simulation): seeded, consistent with the
deterministic projection, and every setting checked."""

import math

import numpy as np
import pytest

from seatmap import SeatmapError
from seatmap.projection import project
from seatmap.simulation import simulate

BURY_NORTH = "E14000611"


def test_every_simulation_setting_is_checked(seats19):
    for kwargs, msg in [({"seat_sd": math.nan}, "seat_sd"), ({"national_sd": -1}, "national_sd"),
                        ({"national_sd": math.inf}, "national_sd"),
                        ({"chunk": 0}, "chunk size must be at least 1"),
                        ({"n": 2.7}, "whole number"), ({"n": "100"}, "whole number"),
                        ({"n": True}, "whole number"), ({"seed": "abc"}, "seed"),
                        ({"n": 0}, "at least 1")]:
        with pytest.raises(SeatmapError, match=msg):
            simulate({"lab": 1}, seats=seats19, **kwargs)
    assert simulate({"lab": 1}, seats=seats19, n=10.0, chunk=3).n == 10


def test_simulation_is_seeded_and_consistent(seats19):
    a = simulate({"lab": 5, "con": -5}, seats=seats19, n=2000, seed=7)
    b = simulate({"lab": 5, "con": -5}, seats=seats19, n=2000, seed=7)
    assert a.win_prob.equals(b.win_prob)
    assert np.allclose(a.win_prob.sum(axis=1), 1.0)
    assert a.totals["mean"].sum() == pytest.approx(650)
    # Bury North is a 10-point Labour lead after the swing: likely, though the seat and regional
    # errors measured by the backtest (5.2 and 2.7 points at 40%) leave about one chance in six
    assert 0.8 < a.win_prob.loc[BURY_NORTH, "lab"] < 0.9
    # with no uncertainty the simulation is the deterministic projection
    z = simulate({"lab": 5, "con": -5}, seats=seats19, n=50, national_sd=0, seat_sd=0,
                 regional_sd=0)
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
