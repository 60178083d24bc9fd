"""The seat profile (seatmap.profile): the library behind the seat card."""

import pytest

import seatmap


def test_seat_profile_is_the_library_behind_the_card():
    import seatmap

    p = seatmap.seat_profile("bury north", 2019)
    assert p.code == "E14000611" and p.name == "Bury North" and p.get("majority") == 105
    assert p.previous == "2017" and p.votes.iloc[0]["party"] == "con"
    lab = p.votes.set_index("party").loc["lab"]
    assert lab["votes"] == 21555 and round(lab["change"], 1) == -7.6
    assert p.swings_needed[0] == {"party": "lab", "swing": pytest.approx(0.11208, abs=1e-5),
                                  "rank": 1, "of": 429}
    assert p.history["2017"] == "lab" and p.redwall["gains_2019"] is True


def test_seat_profile_and_card_name_the_largest_community(capsys):
    from seatmap.cli import main

    p = seatmap.seat_profile("Hartlepool", 2024)
    s = p.communities
    assert (s["communities"], s["people"], s["seat_people"]) == (5, 32850, 93663)
    assert s["largest"] == "Headland & West View and Jesmond, Hartlepool"
    assert main(["seat", "Glasgow North East"]) == 0
    out = capsys.readouterr().out
    assert ("Held-back communities: 50,813 people (46% of the seat) live in 4 communities in "
            "the UK's most deprived tenth; largest East Centre and Dennistoun, Glasgow City") in out
    assert "'East Centre' may not be recognised as a place name" in out
