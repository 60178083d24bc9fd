"""Forecasting: polls, voter groups, the demographic model, the all-pairs backtest, battlegrounds,
and the checks on every number a projection or simulation is given (issue 9, items 5 and 8)."""

import math

import numpy as np
import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.backtesting import backtest
from seatmap.polls import group_change, poll_change
from seatmap.projection import project
from seatmap.simulation import simulate
from seatmap.swing import national_shares

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
BURY_NORTH = "E14000611"


@pytest.fixture(scope="module")
def seats24():
    return seatmap.load_seats(2024, geometry=False)


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


@pytest.fixture(scope="module")
def published():
    return backtest()


# --------------------------------------------------------------------------- backtest

# GB winners right of 632, the actual GB share change applied to the first election; the
# demographic model scored with coefficients fitted without the pair (docs/forecasting.md).
CORRECT = {
    "2010-2015": {"no change": 524, "uniform": 549, "proportional": 552, "demographic": 582},
    "2015-2017": {"no change": 567, "uniform": 576, "proportional": 554, "demographic": 564},
    "2017-2019": {"no change": 555, "uniform": 581, "proportional": 587, "demographic": 586},
    "2019-2024": {"no change": 333, "uniform": 443, "proportional": 526, "demographic": 520},
}


def test_backtest_every_model_every_pair(published):
    got = {pair: published.loc[pair, "correct"].to_dict() for pair in CORRECT}
    assert got == CORRECT
    assert (published["seats"] == 632).all()
    # notional 2019 -> 2024 seat totals (actual Lab 411, Con 121)
    t = published.attrs["totals"]
    t = t[t["pair"] == "2019-2024"].set_index(["model", "party"])
    assert t.loc[("proportional", "lab"), "actual"] == 411
    assert t.loc[("proportional", "con"), "actual"] == 121
    assert t.loc[("demographic", "lab"), "projected"] == 380
    assert t.loc[("demographic", "con"), "projected"] == 160
    assert published.loc[("2019-2024", "demographic"), "seat_error"] == 58
    assert published.loc[("2019-2024", "proportional"), "share_mae"] == pytest.approx(4.19, abs=0.01)
    assert published.loc[("2019-2024", "demographic"), "share_mae"] == pytest.approx(4.21, abs=0.01)
    # the SNP's GB change moved into Scotland (seatmodel.nation_rows): 2015's SNP landslide
    assert published.loc[("2010-2015", "demographic"), "seat_error"] == 18


def test_backtest_is_out_of_sample():
    from seatmap.seatmodel import coefficients, fitted_without

    full, held = coefficients(), coefficients(without="2019-2024")
    assert full != held
    b = seatmap.load_results("2019-notional")
    with fitted_without("2019-2024"):
        inside = project({"lab": 2, "con": -2}, model="demographic", seats=b)
    outside = project({"lab": 2, "con": -2}, model="demographic", seats=b)
    assert not np.allclose(inside.seats["lab_pct"], outside.seats["lab_pct"])


def test_backtest_single_pair_keeps_its_figures():
    bt = backtest(2017, 2019)  # UK-wide, as before, now with the demographic model
    assert bt["correct"].tolist() == [569, 593, 601, 601]
    nation = backtest(by="nation")
    assert nation.loc[("2019-2024", "proportional"), "correct"] == 516
    assert nation.loc[("2019-2024", "demographic"), "correct"] == 498


# --------------------------------------------------------------------------- polls

def test_poll_change_is_poll_minus_base_share_and_the_poll_is_delivered(seats24):
    change, notes = poll_change(POLL, seats24)
    gb = seats24[seats24["nation"] != "Northern Ireland"]
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
    assert ch["Great Britain"]["lab"] + national_shares(seats24[seats24["nation"] !=
                                                         "Northern Ireland"]).iloc[0]["lab"] \
        == pytest.approx(51 * 100 / 101)
    assert any("scaled to 100" in n for n in notes)
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


# --------------------------------------------------------------------------- validation (issue 9)

def test_every_projection_number_is_checked(seats19):
    for bad, msg in [({"lab": math.nan}, "finite"), ({"lab": math.inf}, "finite"),
                     ({"lab": 1000}, "between -100 and 100"),
                     ({"lab": 5, "Labour": -5}, "same party"),
                     ({"lab": None}, "must be a number"),
                     ({"Scotland": {"snp": 1}, "scotland": {"snp": 2}}, "given twice")]:
        with pytest.raises(SeatmapError, match=msg):
            project(bad, seats=seats19)


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


def test_cli_refuses_a_party_twice(capsys):
    from seatmap.cli import main

    assert main(["project", "-c", "lab=+5,lab=-5"]) == 2
    assert "given twice" in capsys.readouterr().err
    assert main(["project", "-c", "lab=+5,Labour=-5"]) == 2
    assert "same party" in capsys.readouterr().err
    # an area given twice is an error for changes and polls alike (it was silently overwritten)
    assert main(["project", "--area", "Scotland:snp=+3", "--area", "Scotland:snp=-3"]) == 2
    assert "'Scotland' is given twice" in capsys.readouterr().err
    assert main(["battleground", "lab", "--area-poll", "Wales:lab=40",
                 "--area-poll", "Wales:lab=30"]) == 2
    assert "'Wales' is given twice" in capsys.readouterr().err
    assert main(["project", "--area", "Scotland snp=+3"]) == 2
    assert "AREA:party=points" in capsys.readouterr().err


# --------------------------------------------------------------------------- demographic model

def test_demographic_shares_and_totals(seats24):
    from seatmap.seatmodel import TERMS, fitted_with

    demo = project(poll=POLL, seats=seats24, model="demographic")
    cols = [c for c in demo.seats.columns if c.endswith("_pct")
            and c not in ("majority_pct", "tactical_pct")]
    sh = demo.seats[cols].to_numpy()
    assert (sh >= 0).all() and (sh <= 100).all()
    assert np.allclose(sh.sum(axis=1), 100)
    # votes move between seats, never the totals: the poll is delivered
    for party, share in POLL.items():
        assert demo.delivered.loc["Great Britain", party] == pytest.approx(share, abs=1e-6)
    # with every coefficient 0 it is the mixed model (the one it adjusts), exactly
    with fitted_with(coefs=dict.fromkeys(TERMS, 0.0)):
        zero = project(poll=POLL, seats=seats24, model="demographic")
    mixed = project(poll=POLL, seats=seats24, model="mixed")
    assert np.allclose(zero.seats[cols], mixed.seats[cols], atol=1e-9)
    # Reform's surge is larger where leave was high (its leave coefficient is positive)
    gb = seats24["nation"] != "Northern Ireland"
    gain = demo.seats["reform_pct"] - mixed.seats["reform_pct"]
    leave = seats24["leave_pct"].astype(float)
    assert gain[gb][leave[gb] > 60].mean() > 0 > gain[gb][leave[gb] < 40].mean()


# --------------------------------------------------------------------------- voter groups

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


# --------------------------------------------------------------------------- battleground

def test_battleground(seats24, tmp_path):
    bg = seatmap.battleground("lab", poll=POLL, simulations=500, seed=3)
    assert set(bg["kind"]) == {"gain", "loss"}
    assert (bg.loc[bg["kind"] == "loss", "holder"] == "lab").all()
    assert (bg.loc[bg["kind"] == "gain", "holder"] != "lab").all()
    assert np.allclose(bg["swing"], bg["margin"].abs() / 2)
    assert bg["p_win"].between(0, 1).all()
    lost = bg[(bg["kind"] == "loss") & (bg["projected_winner"] != "lab")]
    assert (lost["margin"] < 0).all() and lost["p_win"].mean() < 0.2
    assert bg.index.name == "code" and bg.index.str.fullmatch(r"[ESWN]\d{8}").all()
    from seatmap.cli import main

    out = tmp_path / "bg.csv"
    assert main(["battleground", "lab", "--poll", "reform=29,lab=22,con=18,ld=13,green=10",
                 "--simulate", "0", "--out", str(out)]) == 0
    written = pd.read_csv(out)
    assert {"code", "kind", "margin", "swing", "lab_pct"} <= set(written.columns)


def test_backtest_cli(capsys):
    from seatmap.cli import main

    assert main(["backtest"]) == 0
    out = capsys.readouterr().out
    assert "2019-2024" in out and "demographic" in out


def test_simulation_scores_published():
    bt = backtest(simulations=2000, seed=1)
    brier = bt["brier"].unstack("model")
    assert brier.loc["2019-2024", "simulated proportional"] == pytest.approx(0.245, abs=0.001)
    assert brier.loc["2019-2024", "simulated demographic"] == pytest.approx(0.265, abs=0.001)
    assert brier["simulated proportional"].mean() == pytest.approx(0.195, abs=0.001)
    assert brier["simulated demographic"].mean() == pytest.approx(0.162, abs=0.001)
    cal = bt.attrs["calibration"]
    prop, demo = cal["simulated proportional"], cal["simulated demographic"]
    big = prop["n"] >= 30
    assert (prop.loc[big, "won"] - prop.loc[big, "mean_prob"]).abs().max() < 10
    gaps = (demo["won"] - demo["mean_prob"]).abs().tolist()  # docs/forecasting.md
    assert gaps == pytest.approx([0.4, 4.4, 4.0, 4.0, 5.5, 0.6, 3.3, 7.8, 6.4, 2.8], abs=0.1)
    assert (demo.loc[demo["n"] >= 30, "won"] - demo.loc[demo["n"] >= 30, "mean_prob"]).abs().max() < 10


def test_cli_poll_paths(capsys):
    from seatmap.cli import main

    assert main(["project", "-e", "2024", "-m", "demographic", "--poll",
                 "reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Demographic swing from the 2024 results" in out and "Reform" in out
    assert main(["battleground", "snp", "--poll", "reform=29,lab=22,con=18,ld=13,green=10",
                 "--area-poll", "Scotland:snp=35,lab=25", "--simulate", "0", "--limit", "3"]) == 0
    assert "SNP could gain" in capsys.readouterr().out
    assert main(["battleground", "lab", "--poll", "lab=60,con=50"]) == 2
    assert "add up to 110" in capsys.readouterr().err
