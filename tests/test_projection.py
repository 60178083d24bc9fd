"""The deterministic projection (seatmap.projection): uniform, proportional and mixed models,
changes by area, the defaults, and the checks on every number it is given."""

import math

import numpy as np
import pytest

from seatmap import SeatmapError
from seatmap.projection import project
from seatmap.swing import national_shares

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}

BURY_NORTH, BEDFORD = "E14000611", "E14000552"


# every party stands where it stood in 2019: the classic models, exactly
AS_IN_2019 = {p: "base" for p in ("con", "lab", "ld", "snp", "pc", "green", "reform", "ukip")}


def test_no_change_keeps_every_winner(seats19):
    for model in ("uniform", "proportional", "mixed"):
        p = project({"lab": 0.0, "con": 0.0}, seats=seats19, model=model, standing=AS_IN_2019)
        assert not p.seats["changed"].any() and p.changes.empty
        assert p.totals.loc["con", "after"] == 365 and p.totals.loc["lab", "after"] == 202
    # by default the Greens stand in every GB seat (they contested 472 of 632 in 2019): the one
    # seat a Green entrant tips is the 204-vote Liberal Democrat hold over the SNP
    p = project({"lab": 0.0, "con": 0.0}, seats=seats19, model="uniform")
    assert list(p.changes["seat"]) == ["Caithness, Sutherland and Easter Ross"]
    assert p.seats.loc[p.changes.index[0], "entered"] == "green"


def test_uniform_swing_five_points_lab_from_con(seats19):
    p = project({"lab": 5, "con": -5}, seats=seats19, model="uniform", standing=AS_IN_2019)
    # every seat where Labour trails the Conservatives by under 10 points falls
    gap = seats19["con_pct"] - seats19["lab_pct"]
    flips = (seats19["winner"] == "con") & (seats19["runner_up"] == "lab") & (gap < 10)
    assert set(flips[flips].index) <= set(p.changes.index)
    assert p.seats.loc[BURY_NORTH, "winner"] == "lab"
    stood = seats19["lab_votes"] > 0
    assert np.allclose((p.seats["lab_pct"] - seats19["lab_pct"].astype(float))[stood], 5)
    assert p.totals.loc["con", "after"] == 304 and p.totals.loc["lab", "after"] == 253
    assert p.totals["change"].sum() == 0
    # the change is delivered: GB shares move by exactly the points asked
    before = national_shares(seats19[(seats19["nation"] != "Northern Ireland")
                                      & (seats19["winner"] != "speaker")]).iloc[0]
    assert p.delivered.loc["Great Britain", "lab"] == pytest.approx(before["lab"] + 5, abs=1e-6)
    assert p.delivered.loc["Great Britain", "con"] == pytest.approx(before["con"] - 5, abs=1e-6)
    # with the default standing rule, entrants (the Greens in 160 seats) are placed first and
    # the shift closes the gap they leave: still exactly +5 and -5 over Great Britain
    q = project({"lab": 5, "con": -5}, seats=seats19, model="uniform")
    assert q.delivered.loc["Great Britain", "lab"] == pytest.approx(before["lab"] + 5, abs=1e-6)
    assert (q.totals.loc["con", "after"], q.totals.loc["lab", "after"]) == (305, 253)


def test_proportional_transition_model(seats19):
    p = project({"lab": 5, "con": -5}, seats=seats19, model="proportional", standing=AS_IN_2019)
    gb = seats19[(seats19["nation"] != "Northern Ireland") & (seats19["winner"] != "speaker")]
    n_con = national_shares(gb).iloc[0]["con"]  # the Speaker's seat is outside every area
    ratio = (n_con - 5) / n_con
    # losers keep the same fraction of their vote in every seat (GB, Speaker aside); the
    # released vote goes to Labour where it stood; the others are untouched
    moved = (seats19["nation"] != "Northern Ireland") & (seats19["winner"] != "speaker")
    assert np.allclose(p.seats.loc[moved, "con_pct"],
                       seats19.loc[moved, "con_pct"].astype(float) * ratio)
    released = seats19["con_pct"].astype(float) * (1 - ratio)
    assert np.allclose(p.seats.loc[moved, "lab_pct"],
                       (seats19["lab_pct"].astype(float) + released)[moved])
    assert np.allclose(p.seats.loc[moved, "ld_pct"], seats19.loc[moved, "ld_pct"].astype(float))
    assert p.totals.loc["lab", "after"] == 259 and p.totals.loc["con", "after"] == 297


def test_unbalanced_changes_come_from_the_other_parties(seats19):
    p = project({"lab": 4}, seats=seats19, model="uniform", standing=AS_IN_2019)
    gb = (seats19["nation"] != "Northern Ireland") & (seats19["winner"] != "speaker")
    gain = p.seats["lab_pct"] - seats19["lab_pct"].astype(float)
    # +4 in every seat, but where another party would fall below 0: there its shortfall is
    # taken equally from the parties above 0 (Labour included)
    floored = (p.seats[[f"{q}_pct" for q in ("con", "ld", "green", "ukip", "snp", "pc")]]
               .eq(0) & seats19[[f"{q}_pct" for q in ("con", "ld", "green", "ukip", "snp",
                                                      "pc")]].astype(float).gt(0)).any(axis=1)
    # the balancing changes of parties standing in some seats only (the SNP, Plaid, the Brexit
    # Party) are delivered where they stand, so their seats move a little more or less
    assert (gain[gb] - 4).abs().median() < 0.1 and gain[gb].between(3.5, 4.75).all()
    assert int(floored[gb].sum()) == 2
    assert p.delivered.loc["Great Britain", "lab"] == pytest.approx(
        national_shares(seats19[gb]).iloc[0]["lab"] + 4, abs=1e-6)
    # the others lose in proportion to their GB shares, the same points in every seat
    before = national_shares(seats19[seats19["nation"] != "Northern Ireland"]).iloc[0]
    others = before.drop(["lab", "speaker"])
    others = others[others > 0]
    expected = 4 * others / others.sum()
    for q in ("con", "ld", "green"):
        loss = (seats19[f"{q}_pct"].astype(float) - p.seats[f"{q}_pct"])[gb & ~floored]
        assert (loss - expected[q]).abs().median() < 0.1, q
    shares = p.seats[[c for c in p.seats.columns if c.endswith("_pct")
                      and c not in ("majority_pct", "tactical_pct")]]
    assert np.allclose(shares.sum(axis=1), 100)


def test_area_changes_apply_only_there(seats19):
    p = project({"Scotland": {"lab": 6, "snp": -6}}, seats=seats19, model="uniform",
                standing=AS_IN_2019)
    moved = p.seats[p.seats["changed"]]
    assert len(moved) > 0 and set(moved["nation"]) == {"Scotland"}
    assert (p.seats.loc[seats19["nation"] != "Scotland", "lab_pct"]
            .sub(seats19.loc[seats19["nation"] != "Scotland", "lab_pct"].astype(float)).abs().max()
            < 1e-9)
    both = project({"*": {"lab": 2, "con": -2}, "North West": {"lab": 6, "con": -6}},
                   seats=seats19, model="uniform", standing=AS_IN_2019)
    nw = (seats19["region"] == "North West") & (seats19["winner"] != "speaker")  # not Chorley
    rest = (seats19["nation"] != "Northern Ireland") & ~nw & (seats19["winner"] != "speaker")
    d = both.seats["lab_pct"] - seats19["lab_pct"].astype(float)
    assert (d[nw] - 6).abs().median() < 0.05 and (d[rest] - 2).abs().median() < 0.05
    assert (d[nw] - 6).abs().max() < 0.5 and (d[rest] - 2).abs().max() < 0.5
    assert set(both.delivered.index) == {"Great Britain", "North West"}  # "*": the rest of GB


def test_bad_input(seats19):
    with pytest.raises(SeatmapError, match="Valid parties"):
        project({"whig": 3}, seats=seats19)
    with pytest.raises(SeatmapError, match=r"Unknown area 'Mercia'\. Areas: Great Britain"):
        project({"Mercia": {"lab": 3}}, seats=seats19)
    with pytest.raises(SeatmapError, match="below zero"):
        project({"green": -5, "lab": 5}, seats=seats19)
    with pytest.raises(SeatmapError, match="projection model"):
        project({"lab": 1}, seats=seats19, model="cube law")
    with pytest.raises(SeatmapError, match="Give the share change"):
        project({}, seats=seats19)
    with pytest.raises(SeatmapError, match="number of points"):
        project({"lab": "lots"}, seats=seats19)


def test_every_projection_number_is_checked(seats19):
    for bad, msg in [({"lab": math.nan}, "finite"), ({"lab": math.inf}, "finite"),
                     ({"lab": 1000}, "between -100 and 100"),
                     ({"lab": 5, "Labour": -5}, "same party"),
                     ({"lab": None}, "must be a number"),
                     ({"Scotland": {"snp": 1}, "scotland": {"snp": 2}}, "given twice")]:
        with pytest.raises(SeatmapError, match=msg):
            project(bad, seats=seats19)


def test_defaults_are_2024_and_the_backtests_model():
    from seatmap.projection import default_model

    p = project(poll=POLL)
    assert p.base.attrs["election"] == "2024" and p.model == default_model()
