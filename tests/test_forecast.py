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
    return backtest(simulations=2000, seed=1)


# --------------------------------------------------------------------------- backtest

# GB winners right, forward-chained: each pair scored with parameters (the mixed model's k, the
# simulation noise, the demographic coefficients) and the default's choice of model made on the
# pairs before it only. Published in docs/forecasting.md.
CORRECT = {  # pair: (no change, uniform, proportional, mixed, default)
    "1959-1964": (545, 579, 576, 580, 579), "1964-1966": (563, 593, 587, 593, 593),
    "1966-1970": (535, 575, 577, 577, 577), "1974F-1974O": (596, 596, 593, 595, 595),
    "1974O-1979": (553, 575, 563, 572, 572), "1983-1987": (588, 590, 596, 590, 590),
    "1987-1992": (580, 588, 579, 588, 588), "1997-2001": (618, 612, 615, 612, 612),
    "2001-2005": (518, 529, 531, 529, 529), "2010-2015": (524, 586, 591, 586, 586),
    "2015-2017": (567, 573, 558, 572, 573), "2017-2019": (555, 581, 581, 584, 581),
    "2019-2024": (333, 467, 492, 489, 489),
}
MODELS5 = ("no change", "uniform", "proportional", "mixed", "default")


def test_backtest_forward_chained_over_thirteen_pairs(published):
    got = {pair: tuple(int(published.loc[(pair, m), "correct"]) for m in MODELS5)
           for pair in CORRECT}
    assert got == CORRECT
    totals = {m: sum(v[i] for v in CORRECT.values()) for i, m in enumerate(MODELS5)}
    assert totals == {"no change": 7075, "uniform": 7444, "proportional": 7439, "mixed": 7467,
                      "default": 7464}
    # the target: the default calls more GB winners than uniform and proportional in total
    assert totals["default"] > max(totals["uniform"], totals["proportional"])
    # and on every pair but one at most 5 fewer than the better of the two (1983-87: 6 fewer)
    short = {p: max(v[1], v[2]) - v[4] for p, v in CORRECT.items() if max(v[1], v[2]) - v[4] > 5}
    assert short == {"1983-1987": 6}
    assert (published["seats"].xs("2019-2024", level="pair") == 632).all()
    # the demographic model, on the two modern pairs with two modern pairs before them
    demo = published.xs("demographic", level="model")["correct"]
    assert demo.to_dict() == {"2017-2019": 584, "2019-2024": 473}
    # the default's choice, made on earlier pairs: uniform, or mixed where big falls happened
    assert published.attrs["chosen"]["2019-2024"] == "mixed"
    assert published.attrs["chosen"]["2017-2019"] == "uniform"
    assert published.attrs["fits"]["2019-2024"]["mix"] == 2.0
    # notional 2019 -> 2024 seat totals (actual Lab 411, Con 121)
    t = published.attrs["totals"]
    t = t[t["pair"] == "2019-2024"].set_index(["model", "party"])
    assert t.loc[("default", "lab"), "actual"] == 411 and t.loc[("default", "con"), "actual"] == 121
    assert published.loc[("2019-2024", "default"), "seat_error"] == 115
    assert published.loc[("2019-2024", "default"), "share_mae"] == pytest.approx(2.87, abs=0.01)


def test_backtest_parameters_come_from_earlier_pairs_only():
    from seatmap.backtesting import all_pairs, fit_mix

    labels = [p[0] for p in all_pairs()]
    assert len(labels) == 15 and labels[0] == "1950-1951" and labels[-1] == "2019-2024"
    one = backtest(pairs=["2015-2017"])
    # scoring one pair alone gives the same figures as within the full table: nothing from
    # later pairs reaches it
    assert int(one.loc[("2015-2017", "default"), "correct"]) == CORRECT["2015-2017"][4]
    assert one.attrs["fits"]["2015-2017"]["mix"] == fit_mix(labels[:labels.index("2015-2017")])
    # forward-chained scoring needs two earlier pairs
    with pytest.raises(SeatmapError, match="two earlier pairs"):
        backtest(pairs=["1955-1959"])


def test_backtest_leave_one_election_out_and_by_nation():
    lo = backtest(design="loeo")
    totals = lo["correct"].groupby(level="model").sum().to_dict()
    assert totals == {"default": 8639, "mixed": 8639, "no change": 8242, "proportional": 8603,
                      "uniform": 8614}
    nation = backtest(by="nation", pairs=["2017-2019", "2019-2024"])
    assert nation.loc[("2019-2024", "default"), "correct"] == 495
    assert nation.loc[("2017-2019", "default"), "correct"] == 583


def test_2024_with_tactical_voting_from_published_evidence():
    """Notional 2019 -> 2024, actual GB and per-nation shares, with the anti-Conservative rates
    published before polling day (tactical.EVIDENCE_2024): the issue's targets (580 of 632, Lab
    and Con within 20 of 411 and 121) are not met; these are the measured figures."""
    import pandas as pd

    from seatmap.backtesting import _prepared
    from seatmap.projection import run_model
    from seatmap.seatmodel import fitted_with
    from seatmap.swingmodels import winners
    from seatmap.tactical import EVIDENCE_2024

    b, inp, base = _prepared("2019-2024", "nation")
    got = {}
    for tactical in (None, EVIDENCE_2024):
        with fitted_with(None, 2.0):  # k fitted on the pairs before 2019-2024
            out = run_model(base, "mixed", poll=inp["poll"], standing=inp["standing"],
                            tactical=tactical, seats=b)
        w = pd.Series(winners(base.parties, out["shares"] * base.lumped)[0], index=b.index)
        got[tactical is not None] = (int((w == inp["actual"]).sum()), int((w == "lab").sum()),
                                     int((w == "con").sum()))
    assert got == {False: (495, 349, 214), True: (531, 374, 157)}


# --------------------------------------------------------------------------- polls

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


def test_simulation_scores_published(published):
    brier = published["brier"].xs("simulated default", level="model")
    assert brier["2019-2024"] == pytest.approx(0.320, abs=0.001)
    assert brier.mean() == pytest.approx(0.117, abs=0.001)
    cal = published.attrs["calibration"]["simulated default"]
    big = cal["n"] >= 30
    # every bin with 30 seat-parties or more within 5 points of its stated probability
    assert (cal.loc[big, "won"] - cal.loc[big, "mean_prob"]).abs().max() < 5
    assert cal.loc["90-100%", "won"] >= 90
    assert cal["won"].round(1).tolist() == [0.4, 14.3, 22.0, 35.0, 46.0, 53.1, 64.7, 77.5, 84.7,
                                            97.9]


def test_cli_poll_paths(capsys):
    from seatmap.cli import main

    assert main(["project", "-e", "2024", "-m", "demographic", "--poll",
                 "reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Demographic model from the 2024 results" in out and "Reform" in out
    assert "Delivered in Great Britain: con 18.0, lab 22.0" in out
    assert main(["battleground", "snp", "--poll", "reform=29,lab=22,con=18,ld=13,green=10",
                 "--area-poll", "Scotland:snp=35,lab=25", "--simulate", "0", "--limit", "3"]) == 0
    assert "SNP could gain" in capsys.readouterr().out
    assert main(["battleground", "lab", "--poll", "lab=60,con=50"]) == 2
    assert "add up to 110" in capsys.readouterr().err
