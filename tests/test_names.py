"""Seat-name matching (seatmap.names): publishers' spellings, the names people type, a 2010 name
on the 2024 seats, one resolver for seat, seat_profile, join and crosswalk, and property tests of
the normaliser."""

import unicodedata
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import seatmap
from seatmap import SeatmapError
from seatmap.cli import main
from seatmap.join import match_seats
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


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# name -> {boundary set: the seat it resolves to}; the successor of a seat of the other set is
# its main successor by population (mySociety's overlaps): Bristol West -> Bristol Central 68 %,
# Morley and Outwood -> Leeds South West and Morley 68 %, Queen's Park and Maida Vale <- 58 %
# Westminster North
RESOLVES = {
    "Queens Park": {"2024": "Queen's Park and Maida Vale", "2010": "Westminster North"},
    "Queen's Park": {"2024": "Queen's Park and Maida Vale", "2010": "Westminster North"},
    "Hull West": {"2024": "Kingston upon Hull West and Haltemprice",
                  "2010": "Kingston upon Hull West and Hessle"},
    "Morley and Outwood": {"2024": "Leeds South West and Morley", "2010": "Morley and Outwood"},
    "Bristol West": {"2024": "Bristol Central", "2010": "Bristol West"},
}


@pytest.mark.parametrize("name", sorted(RESOLVES))
@pytest.mark.parametrize("election, bset", [(2024, "2024"), (2019, "2010")])
def test_names_resolve_in_seat_profile_and_the_seat_card(name, election, bset, capsys):
    expected = RESOLVES[name][bset]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert seatmap.seat_profile(name, election=election).name == expected
    code, out, _ = run(capsys, "seat", name, "-e", str(election))
    assert code == 0 and f"\n{expected} (" in "\n" + out
    moved = out.startswith("Note: ")  # a seat of the other set: its successor, and why
    assert moved == ((name in ("Morley and Outwood", "Bristol West") and bset == "2024")
                     or (name.startswith("Queen") and bset == "2010"))


@pytest.mark.parametrize("bset, north, south", [("2024", "E14001144", "E14001145"),
                                                ("2010", "E14000611", "E14000612")])
def test_bury_is_ambiguous_between_bury_north_and_bury_south(bset, north, south, capsys):
    # not Newbury and Burnley (suggested before), nor Bury St Edmunds (another town)
    election = "2024" if bset == "2024" else "2019"
    for call in (lambda: seatmap.seat_profile("Bury", election=election),
                 lambda: seatmap.crosswalk(pd.DataFrame({"seat": ["Bury"], "n": [1]}),
                                           bset, "2010" if bset == "2024" else "2024",
                                           code="seat")):
        with pytest.raises(SeatmapError) as err:
            call()
        assert "Bury North" in str(err.value) and "Bury South" in str(err.value)
        assert "Newbury" not in str(err.value) and "Bury St Edmunds" not in str(err.value)
    code, _, err = run(capsys, "seat", "Bury", "-e", election)
    assert code == 2 and f"Bury North ({north}), Bury South ({south})" in err
    m = match_seats(["Bury"], bset)
    assert m.loc[0, "status"] == "ambiguous"
    assert m.loc[0, "suggestions"] == f"Bury North ({north}); Bury South ({south})"


def test_join_and_crosswalk_resolve_the_names():
    m = match_seats(["Queens Park", "Queen's Park", "Hull West"], "2024")
    assert m["status"].tolist() == ["matched"] * 3
    assert m["matched_name"].tolist() == ["Queen's Park and Maida Vale"] * 2 + [
        "Kingston upon Hull West and Haltemprice"]
    mine = pd.DataFrame({"seat": ["Hull West", "Queens Park"], "members": [10, 20]})
    joined, report = seatmap.join_user_data(mine, on="seat", boundary_set="2024", warn=False)
    assert report.counts["matched"] == 2
    assert joined.loc["E14001315", "members"] == 10 and joined.loc["E14001435", "members"] == 20
    # a 2010-set table by name crosswalks: "Hull West" is Kingston upon Hull West and Hessle
    out = seatmap.crosswalk(pd.DataFrame({"seat": ["Hull West"], "members": [100]}), "2010",
                            "2024", code="seat")
    assert out["members"].sum() == pytest.approx(100)
    assert "E14001315" in out.index
    # on the 2024 set a 2010 name is reported as one, never silently moved
    m = match_seats(["Bristol West", "Morley and Outwood"], "2024")
    assert m["status"].tolist() == ["unmatched"] * 2
    assert m["note"].str.startswith("a 2010-set seat name").all()


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
words = st.lists(word, min_size=1, max_size=6)
ACCENTS = ["\u0301", "\u0300", "\u0302", "\u0308", "\u0303"]


@given(words)
def test_normaliser_is_idempotent_and_ignores_case(ws):
    name = " ".join(ws)
    key = normalise_name(name)
    assert normalise_name(key) == key
    assert normalise_name(name.upper()) == key == normalise_name(name.lower())


@given(words, st.lists(st.sampled_from([" ", "  ", ", ", ". ", " - ", " ' ", "\t"]), min_size=5,
                       max_size=5))
def test_normaliser_ignores_punctuation_and_spacing(ws, seps):
    plain = " ".join(ws)
    messy = "".join(w + seps[i % len(seps)] for i, w in enumerate(ws))
    assert normalise_name(messy) == normalise_name(plain)
    # an apostrophe inside a word is dropped, not a word break (names.py since issue 11)
    assert normalise_name("Queen's Park") == normalise_name("Queens Park")


@given(words, st.data())
def test_normaliser_ignores_accents(ws, data):
    name = " ".join(ws)
    accented = "".join(ch + (data.draw(st.sampled_from(["", *ACCENTS])) if ch.isalpha() else "")
                       for ch in name)
    composed = unicodedata.normalize("NFC", accented)
    assert normalise_name(composed) == normalise_name(name)


@given(words, words)
def test_normaliser_ampersand_and_saint(a, b):
    left, right = " ".join(a), " ".join(b)
    assert normalise_name(f"{left} & {right}") == normalise_name(f"{left} and {right}")
    assert normalise_name(f"St. {left}") == normalise_name(f"Saint {left}") == \
        normalise_name(f"st {left}")
