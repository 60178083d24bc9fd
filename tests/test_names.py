"""Seat-name matching (seatmap.names): publishers' spellings, the names people type, and a
2010 name on the 2024 seats."""

import pytest

from seatmap import SeatmapError
from seatmap.names import SeatIndex, normalise_name


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ynys Môn", "YNYS MON"), ("Fermanagh & South Tyrone", "Fermanagh and South Tyrone"),
     ("St. Albans", "St Albans"), ("Liverpool, Walton", "Liverpool Walton"),
     ("City Of Durham", "City of Durham"), ("Stoke-On-Trent North", "Stoke-on-Trent North"),
     ("Weston-super-Mare", "Weston super Mare")],
)
def test_name_normaliser_equates_publisher_spellings(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_seat_index_reordered_names_and_suggestions():
    idx = SeatIndex(["E1", "E2", "N1"], ["North West Durham", "City of Durham", "East Antrim"])
    assert idx.lookup("Durham North West") == "E1"
    assert idx.lookup("Antrim East") == "N1"
    assert idx.lookup("city of durham") == "E2"
    with pytest.raises(SeatmapError) as err:
        idx.lookup("Durham Ciy")
    assert "City of Durham" in str(err.value)


@pytest.mark.parametrize(("query", "boundaries", "code"), [
    ("Western Isles", "2024", "S14000027"),  # Na h-Eileanan an Iar
    ("Western Isles", "2010", "S14000027"),
    ("Hull East", "2024", "E14001313"),  # Kingston upon Hull East
    ("Hull East", "2010", "E14000771"),
    ("Hull W and Haltemprice", "2024", "E14001315"),
    ("Weston super Mare", "2024", "E14001581"),
    ("Durham N W", "2010", "E14000856"),  # North West Durham
    ("Bury N", "2010", "E14000611"),
    ("NW Durham", "2010", "E14000856"),
    ("Queen's Park and Maida Vale", "2024", "E14001435"),
    ("Queens Park and Maida Vale", "2024", "E14001435"),
])
def test_names_people_type(query, boundaries, code):
    from seatmap.names import find_seat, seat_index

    assert find_seat(query, boundaries) == code
    assert seat_index(boundaries).match_many([query])["code"].iloc[0] == code  # join too


def test_2010_name_on_2024_set_points_to_successors():
    from seatmap.names import find_seat, successors

    s = successors("Blackpool North and Cleveleys")
    assert s.index.tolist() == ["E14001104", "E14001105"]
    assert s["share_pct"].sum() == pytest.approx(100)
    assert s["share_pct"].iloc[0] == pytest.approx(66.7, abs=0.05)
    with pytest.warns(UserWarning, match=r"Blackpool North and Fleetwood \(E14001104\) 67%"):
        assert find_seat("Blackpool North and Cleveleys", "2024") == "E14001104"
    # a seat split with no majority successor fails, listing every successor by share
    split = successors("Brigg and Goole")
    assert split["share_pct"].iloc[0] == pytest.approx(36.3, abs=0.05)  # Goole and Pocklington
    with pytest.raises(SeatmapError, match=r"Goole and Pocklington \(E14001250\) 36%.*Use one of"):
        find_seat("Brigg and Goole", "2024")
