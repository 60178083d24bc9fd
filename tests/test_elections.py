"""The elections registry (seatmap.elections): elections, boundary sets, nations and regions."""

import pytest

from seatmap import SeatmapError
from seatmap.elections import boundary_set, election, nation, nation_of_code, region


def test_elections_registry():
    assert election(2019).boundary_set == "2010"
    assert election("2019n").id == "2019-notional"
    assert election("2024").boundary_set == "2024"
    assert boundary_set("pcon2024").elections == ("2019-notional", "2024")


def test_unknown_election_lists_valid_ones():
    with pytest.raises(SeatmapError) as err:
        election(2018)
    msg = str(err.value)
    for valid in ("2010", "2015", "2017", "2019", "2024", "2019-notional"):
        assert valid in msg


def test_regions_and_nations():
    assert region("yorkshire and the humber") == "Yorkshire and The Humber"
    assert region("Eastern") == "East of England"
    assert nation("ni") == "Northern Ireland"
    assert nation_of_code("W07000042") == "Wales"
    with pytest.raises(SeatmapError, match="nation"):
        region("England")
    with pytest.raises(SeatmapError, match="North West"):
        region("Nrth West")
