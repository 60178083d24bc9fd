"""Swing arithmetic against the 2017 and 2019 results (House of Commons Library figures)."""

import numpy as np
import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap._format import fmt_up
from seatmap.swing import (
    butler_swing,
    majority_points,
    national_shares,
    seat_swing,
    swing_needed,
    swing_to_lose,
    winner_share,
)

BURY_NORTH, KENSINGTON, BEDFORD = "E14000611", "E14000768", "E14000552"
CITIES_OF_LONDON = "E14000639"


@pytest.fixture(scope="module")
def res17():
    return seatmap.load_results(2017)


def test_butler_formula_on_scalars_and_arrays():
    # ((B2 - B1) - (A2 - A1)) / 2: A loses 3, B gains 5 -> swing of 4 from A to B
    assert butler_swing(40.0, 30.0, 37.0, 35.0) == 4.0
    a1, b1 = np.array([40.0, 50.0]), np.array([30.0, 20.0])
    assert butler_swing(a1, b1, a1 - 2, b1 + 2).tolist() == [2.0, 2.0]


def test_national_swing_labour_to_conservative_2017_2019(seats19, res17):
    s17, s19 = national_shares(res17).iloc[0], national_shares(seats19).iloc[0]
    # UK shares: Con 42.3 -> 43.6, Lab 40.0 -> 32.1 (Commons Library CBP-8749)
    assert s17["con"] == pytest.approx(42.35, abs=0.01) and s19["con"] == pytest.approx(43.63, abs=0.01)
    assert s17["lab"] == pytest.approx(39.99, abs=0.01) and s19["lab"] == pytest.approx(32.08, abs=0.01)
    assert butler_swing(s17["lab"], s17["con"], s19["lab"], s19["con"]) == pytest.approx(4.60, abs=0.01)


def test_national_shares_by_nation(seats19):
    by = national_shares(seats19, by="nation")
    assert by.loc["Scotland", "snp"] == pytest.approx(45.0, abs=0.05)
    assert by.loc["Wales", "lab"] == pytest.approx(40.9, abs=0.05)
    with pytest.raises(SeatmapError, match="nation"):
        national_shares(seats19, by="county")


def test_swing_needed_is_half_the_majority_for_the_runner_up(seats19):
    need = swing_needed(seats19, "lab")
    # Bury North: Con majority 105 of 46,841 valid votes; Kensington: 150 of 43,762
    assert need[BURY_NORTH] == pytest.approx(100 * 105 / 46_841 / 2, rel=1e-12)
    assert need[KENSINGTON] == pytest.approx(100 * 150 / 43_762 / 2, rel=1e-12)
    assert round(need[BURY_NORTH], 2) == 0.11 and round(need[KENSINGTON], 2) == 0.17
    # rounded UP for display: 0.112 shows as 0.2, since 0.1 would not be enough
    assert fmt_up(need[BURY_NORTH]) == "0.2" and fmt_up(0.13) == "0.2"
    # exact, from votes: not the 4-decimal rounded majority_pct column
    assert majority_points(seats19)[BURY_NORTH] == 100 * 105 / 46_841


def test_swing_needed_from_third_place(seats19):
    # Cities of London and Westminster 2019: Con 17,049, LD 13,096, Lab 11,624 of 42,723
    row = seats19.loc[CITIES_OF_LONDON]
    assert [int(row[c]) for c in ("con_votes", "ld_votes", "lab_votes", "valid_votes")] == \
        [17_049, 13_096, 11_624, 42_723]
    pairwise = 100 * (17_049 - 11_624) / 42_723 / 2
    assert swing_needed(seats19, "lab")[CITIES_OF_LONDON] == pytest.approx(pairwise)
    assert swing_needed(seats19, "lab", "from_winner")[CITIES_OF_LONDON] == pytest.approx(pairwise)
    # from_winner is max((W - s)/2, R - s): stricter wherever the runner-up is far ahead of s
    w, r = winner_share(seats19)
    s = seats19["lab_pct"].astype(float)
    strict = swing_needed(seats19, "lab", "from_winner")
    third = seats19["runner_up"].ne("lab") & seats19["winner"].ne("lab") & (s > 0)
    assert np.allclose(strict[third], np.maximum((w - s) / 2, r - s)[third])
    assert (strict[third] > swing_needed(seats19, "lab")[third] + 1e-9).sum() > 50


def test_swing_needed_is_nan_where_held_or_not_standing(seats19):
    need = swing_needed(seats19, "lab")
    assert need[seats19["winner"] == "lab"].isna().all()
    assert need[seats19["nation"] == "Northern Ireland"].isna().all()  # Labour does not stand
    assert int(need.notna().sum()) == 429


def test_swing_to_lose(seats19):
    lose = swing_to_lose(seats19, "lab", "con")
    # Bedford: Labour 20,491, Conservatives 20,346 (lead 145) of 47,301 valid votes
    assert lose[BEDFORD] == pytest.approx(100 * 145 / 47_301 / 2)
    assert lose.idxmin() == BEDFORD
    assert swing_to_lose(seats19, "con")[BURY_NORTH] == pytest.approx(100 * 105 / 46_841 / 2)
    assert swing_to_lose(seats19, "con")[seats19["winner"] != "con"].isna().all()
    with pytest.raises(SeatmapError, match="itself"):
        swing_to_lose(seats19, "lab", "Labour")


def test_seat_swing_between_elections(seats19, res17):
    sw = seat_swing(res17, seats19, "lab", "con")
    # Bury North: Con 44.48 -> 46.24, Lab 53.61 -> 46.02
    assert sw[BURY_NORTH] == pytest.approx(((46.2415 - 44.4816) - (46.0174 - 53.6146)) / 2, abs=1e-3)
    assert sw.name == "swing_lab_to_con"
    with pytest.raises(SeatmapError, match="boundary set"):
        seat_swing(seatmap.load_results(2024), seats19, "lab", "con")


def test_unknown_party_lists_valid_values(seats19):
    with pytest.raises(SeatmapError, match="Valid parties: con, lab"):
        swing_needed(seats19, "labor party of old")
    # Labour as any spelling; the Brexit Party is Reform
    assert swing_needed(seats19, "Labour").equals(swing_needed(seats19, "lab"))
    assert swing_needed(seats19, "Brexit").notna().sum() == 275


def test_works_on_plain_frames():
    frame = pd.DataFrame({
        "winner": ["con"], "runner_up": ["ld"], "majority": [100], "valid_votes": [1000],
        "con_votes": [500], "ld_votes": [400], "lab_votes": [100],
        "con_pct": [50.0], "ld_pct": [40.0], "lab_pct": [10.0]}, index=["X"])
    assert swing_needed(frame, "ld")["X"] == 5.0
    assert swing_needed(frame, "lab")["X"] == 20.0
    assert swing_needed(frame, "lab", method="from_winner")["X"] == 30.0
    with pytest.raises(SeatmapError, match="swing method"):
        swing_needed(frame, "lab", method="sideways")
