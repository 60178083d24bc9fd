"""Errors a program can catch by kind (seatmap._validate): each is a SeatmapError (so a
ValueError), with its message."""

import pytest

import seatmap
from seatmap.datasets import load_seats


def test_an_unknown_name_is_an_unknown_name_error():
    with pytest.raises(seatmap.UnknownNameError, match="Unknown party 'labor party'"):
        seatmap.party_code("labor party")
    with pytest.raises(seatmap.UnknownNameError, match="Unknown election"):
        seatmap.election("1066")
    with pytest.raises(seatmap.UnknownNameError, match="No seat called 'Atlantis'"):
        seatmap.seat_profile("Atlantis")
    with pytest.raises(seatmap.UnknownNameError, match="Unknown area 'Atlantis'"):
        seatmap.project(poll={"Atlantis": {"lab": 40, "con": 60}}, election=2024)


def test_an_invalid_scenario_is_a_scenario_error():
    with pytest.raises(seatmap.ScenarioError, match="add up to 150"):
        seatmap.project(poll={"lab": 100, "con": 50}, election=2024)
    with pytest.raises(seatmap.ScenarioError, match="Mixing"):
        seatmap.project({"lab": 5, "Scotland": {"snp": 2}}, 2024)


def test_the_kinds_are_seatmap_errors_and_value_errors():
    for kind in (seatmap.UnknownNameError, seatmap.ScenarioError, seatmap.DataError):
        assert issubclass(kind, seatmap.SeatmapError) and issubclass(kind, ValueError)
    # a data error was a RuntimeError before it had its own class: it still is one
    assert issubclass(seatmap.DataError, RuntimeError)


def test_inconsistent_bundled_data_is_a_data_error(monkeypatch):
    """Two datasets describing one column is the data's fault, not the caller's."""
    import seatmap.datasets as datasets

    assert len(load_seats(2024, geometry=False)) == 650
    monkeypatch.setattr(datasets, "load_history", datasets.load_leave)  # leave_pct twice
    with pytest.raises(seatmap.DataError, match=r"seatmap data error: column\(s\) \['leave_pct'"):
        load_seats(2024, geometry=False)
