"""Target and defence lists and the priority score, against the 2019 results."""

import numpy as np
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.targeting import COMPONENTS, DEFAULT_WEIGHTS, defences, priority_score, targets

BURY_NORTH, BEDFORD, CHORLEY = "E14000611", "E14000552", "E14000637"


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


@pytest.fixture(scope="module")
def lab(seats19):
    return targets("lab", seats=seats19)


def test_labour_target_list_starts_as_published(lab):
    assert lab["seat"].head(5).tolist() == ["Bury North", "Kensington", "Bury South",
                                            "Bolton North East", "High Peak"]
    assert lab["swing_needed"].head(2).round(2).tolist() == [0.11, 0.17]
    assert lab["majority"].head(5).tolist() == [105, 150, 402, 378, 590]
    assert lab["rank"].head(3).tolist() == [1, 2, 3]
    first = lab.iloc[0]
    assert (first["holder"], first["runner_up"], first["position"]) == ("con", "lab", 2)
    assert first["region"] == "North West" and first["history"] == "Lab Con Con Lab Con"
    assert first["last_won"] == 2017


def test_labour_target_counts(lab):
    # 448 seats Labour did not win, less 18 in Northern Ireland and the Speaker's Chorley
    assert len(lab) == 429
    assert int((lab["swing_needed"] < 5).sum()) == 55
    assert int((lab["swing_needed"] < 10).sum()) == 121


def test_max_swing_region_nation_and_against_filters(seats19):
    assert len(targets("lab", max_swing=5, seats=seats19)) == 55
    wales = targets("lab", region="Wales", seats=seats19)
    assert wales["seat"].head(3).tolist() == ["Delyn", "Bridgend", "Clwyd South"]
    assert wales["majority"].head(3).tolist() == [865, 1157, 1239]
    vs_snp = targets("lab", against="snp", seats=seats19)
    assert vs_snp["seat"].head(3).tolist() == ["Kirkcaldy and Cowdenbeath", "East Lothian",
                                               "Glasgow North East"]
    assert set(vs_snp["holder"]) == {"snp"} and len(vs_snp) == 48
    north = targets("lab", region=["North East", "North West"], seats=seats19)
    assert set(north["region"]) == {"North East", "North West"}
    eng = targets("lab", nation="england", seats=seats19)
    assert set(eng["nation"]) == {"England"} and eng.iloc[0]["seat"] == "Bury North"


def test_other_parties_lists(seats19):
    snp = targets("snp", seats=seats19)
    assert len(snp) == 11
    assert snp["seat"].head(3).tolist() == ["Caithness, Sutherland and Easter Ross", "Moray",
                                            "West Aberdeenshire and Kincardine"]
    con = targets("con", seats=seats19)
    assert con["seat"].head(3).tolist() == ["Bedford", "Coventry North West", "Alyn and Deeside"]
    ld = targets("Liberal Democrats", seats=seats19)
    assert ld.iloc[0]["seat"] == "East Dunbartonshire" and ld.iloc[0]["majority"] == 149
    brexit = targets("Brexit", seats=seats19)
    assert brexit["seat"].head(3).tolist() == ["Barnsley East", "Barnsley Central", "Hartlepool"]
    dup = targets("dup", seats=seats19)
    assert dup.iloc[0]["seat"] == "Belfast North" and dup.iloc[0]["holder"] == "sf"
    assert targets("alliance", seats=seats19).iloc[0]["seat"] == "Belfast East"
    # the Speaker's seat is no one's target, though the Greens stood there
    assert CHORLEY not in targets("green", seats=seats19).index


def test_defence_lists(seats19):
    lab_v_con = defences("lab", against="con", seats=seats19)
    assert lab_v_con.iloc[0]["seat"] == "Bedford" and lab_v_con.iloc[0]["lead_votes"] == 145
    assert lab_v_con["seat"].head(3).tolist() == ["Bedford", "Coventry North West",
                                                  "Alyn and Deeside"]
    assert lab_v_con["lead_votes"].head(3).tolist() == [145, 208, 213]
    assert len(lab_v_con) == 202
    con = defences("con", seats=seats19)
    assert con["seat"].head(5).tolist() == ["Bury North", "Kensington", "Bury South",
                                            "Bolton North East", "Moray"]
    assert con.loc[con["seat"] == "Moray", "challenger"].item() == "snp"
    assert int((con["swing_to_lose"] < 5).sum()) == 69
    snp = defences("snp", seats=seats19)
    assert snp.iloc[0]["seat"] == "East Dunbartonshire" and snp.iloc[0]["lead_votes"] == 149
    assert snp.iloc[0]["challenger"] == "ld"


def test_defence_swing_equals_challenger_target_swing(seats19):
    d = defences("lab", against="con", seats=seats19)
    t = targets("con", against="lab", seats=seats19)
    common = d.index.intersection(t.index)
    assert len(common) == 202
    assert np.allclose(d.loc[common, "swing_to_lose"], t.loc[common, "swing_needed"])


def test_every_row_carries_contributions_that_sum_to_the_score(lab):
    parts = [f"score_{k}" for k in COMPONENTS]
    assert all(c in lab.columns for c in parts)
    assert np.allclose(lab[parts].sum(axis=1), lab["score"])
    assert lab["score"].between(0, 100).all()
    # defaults: winnable 40%, leave 20%, deprived 20%, towns 20%
    assert DEFAULT_WEIGHTS == {"swing": 0.4, "leave": 0.2, "deprivation": 0.2, "town": 0.2,
                               "turnout": 0.0, "history": 0.0}
    assert (lab["score_turnout"] == 0).all()
    bury = lab.loc[BURY_NORTH]
    assert bury["score_swing"] == pytest.approx(40 * (1 - bury["swing_needed"] / 10))


def test_score_does_not_depend_on_filters(seats19, lab):
    nw = targets("lab", region="North West", seats=seats19)
    assert np.allclose(nw["score"], lab.loc[nw.index, "score"])


def test_sort_by_score_and_custom_weights(seats19):
    by_score = targets("lab", sort="score", seats=seats19)
    assert by_score["score"].is_monotonic_decreasing
    only_swing = targets("lab", sort="score", weights={"swing": 1}, seats=seats19)
    assert only_swing.iloc[0]["seat"] == "Bury North"
    leave_only = targets("lab", sort="score", weights={"leave": 1}, seats=seats19)
    assert leave_only.iloc[0]["leave_pct"] == leave_only["leave_pct"].max()


def test_bad_weights_list_valid_keys(seats19):
    with pytest.raises(SeatmapError, match="Valid values: swing, leave, deprivation, town"):
        targets("lab", weights={"charisma": 1}, seats=seats19)
    with pytest.raises(SeatmapError, match="positive"):
        priority_score(None, {"swing": 0})
    with pytest.raises(SeatmapError, match="zero or positive"):
        targets("lab", weights={"swing": -1}, seats=seats19)


def test_bad_party_region_election(seats19):
    with pytest.raises(SeatmapError, match="Valid parties"):
        targets("whigs", seats=seats19)
    with pytest.raises(SeatmapError, match="Valid values: North East"):
        targets("lab", region="Narnia", seats=seats19)
    with pytest.raises(SeatmapError, match="Valid values: 2010, 2015"):
        targets("lab", election=1997)
    with pytest.raises(SeatmapError, match="sort order"):
        targets("lab", sort="alphabet", seats=seats19)


def test_empty_selection_explains_itself(seats19):
    empty = targets("lab", region="Scotland", max_swing=0.5, seats=seats19)
    assert empty.empty
    assert empty.attrs["message"].startswith("No seats match")
    assert "in Scotland: 58" in empty.attrs["message"]
    assert "swing needed <= 0.5: 0" in empty.attrs["message"]
