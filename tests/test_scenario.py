"""Polls and changes resolved into areas and targets (seatmap.scenario): nested polls, and a
poll completed to 100 in every area."""

import pytest

from seatmap import SeatmapError
from seatmap.projection import MODELS, project

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}


def test_a_complete_gb_poll_with_a_scotland_poll_sums_to_100():
    # found by the explorer's port: the SNP's GB share taken from Scotland's poll must be made
    # up by the other parties even when the GB poll named them all (it was lost: GB summed to 98.5)
    gb = {"reform": 11.09, "lab": 34.59, "con": 28.8, "ld": 13.08, "green": 7.45, "snp": 3.96,
          "pc": 0.72}
    p = project(poll={"GB": gb, "Scotland": {"snp": 28.37, "lab": 22.47}}, election=2024,
                model="demographic")
    assert p.delivered.loc["Great Britain"].sum() == pytest.approx(100)
    for area, want in p.change.items():
        for party, v in want.items():
            assert p.delivered.loc[area, party] == pytest.approx(v, abs=1e-6)


def test_nested_polls_deliver_both_areas():
    poll = {"GB": POLL, "Scotland": {"snp": 30, "lab": 30, "reform": 15, "con": 12, "ld": 8},
            "London": {"lab": 35, "reform": 18, "green": 15, "con": 15, "ld": 12}}
    for model in MODELS:
        p = project(poll=poll, election=2024, model=model)
        for area, shares in poll.items():
            area = "Great Britain" if area == "GB" else area
            got = p.delivered.loc[area]
            for party, v in shares.items():
                # GB: the SNP's share comes from the Scotland poll (it stands there only) and
                # the other GB shares are scaled to make room (a note says so)
                assert got[party] == pytest.approx(p.change[area][party], abs=1e-6)
                if not (area == "Great Britain" and party == "snp"):
                    assert abs(got[party] - v) < 0.2, (model, area, party)
    assert any("stands in Scotland only" in n for n in p.notes)
    with pytest.raises(SeatmapError, match="Make the Great Britain and area polls agree"):
        project(poll={"GB": {"green": 1, "lab": 40}, "London": {"green": 40}}, election=2024)
