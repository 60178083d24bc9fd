"""Registries, validation and formatting: the pieces every module relies on."""

import subprocess
import sys

import pytest

import seatmap
from seatmap import SeatmapError
from seatmap._format import fmt_int, fmt_num, fmt_up, text_table
from seatmap.elections import boundary_set, election, nation, nation_of_code, region
from seatmap.names import SeatIndex, normalise_name
from seatmap.parties import PARTIES, party_code, party_colour
from seatmap.sources import SOURCES, attribution


@pytest.mark.parametrize(
    ("spelling", "code"),
    [("Lab Coop", "lab"), ("Labour", "lab"), ("RUK", "reform"), ("Brexit", "reform"),
     ("Reform UK", "reform"), ("APNI", "alliance"), ("Spk", "speaker"), ("Spkr", "speaker"),
     ("Scottish National Party", "snp"), ("Sinn Féin", "sf"), ("PBPA", "pbp"), ("LD", "ld"),
     ("Liberal Democrat", "ld"), ("Green", "green"), ("Ind", "ind"), ("TUV", "tuv")],
)
def test_party_spellings_map_to_one_vocabulary(spelling, code):
    assert party_code(spelling) == code


def test_unknown_party_lists_valid_codes_and_suggests():
    with pytest.raises(SeatmapError) as err:
        party_code("Labor")
    msg = str(err.value)
    assert "Did you mean 'lab'?" in msg and "Valid parties" in msg and "reform" in msg
    assert party_code("Monster Raving Loony", strict=False) == "other"


def test_party_colours_are_hex_and_distinct_for_main_parties():
    main = ["con", "lab", "ld", "snp", "pc", "green", "reform", "dup", "sf"]
    colours = [party_colour(p) for p in main]
    assert len(set(colours)) == len(main)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
    assert party_colour("Labour") == PARTIES["lab"].colour


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


def test_round_up_display_of_needed_swing():
    assert fmt_up(0.13) == "0.2"
    assert fmt_up(0.1) == "0.1"
    assert fmt_up(0.11) == "0.2"
    assert fmt_up(1.0) == "1.0"
    assert fmt_up(float("nan")) == "–"
    assert fmt_int(13966454) == "13,966,454"
    assert fmt_num(43.63, 1, "%") == "43.6%"


def test_text_table_aligns_and_truncates():
    out = text_table([["Bury North", "105"], ["Kensington", "150"]], ["Seat", "Maj"], "lr")
    lines = out.splitlines()
    assert lines[0].startswith("Seat") and lines[2].endswith("105")
    narrow = text_table([["x" * 200, "1"]], ["Seat", "Maj"], "lr", max_width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "…" in narrow


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


def test_every_source_has_licence_and_attribution():
    for s in SOURCES.values():
        assert s.licence and s.attribution and s.publisher
    assert "Open Parliament Licence" in attribution(["results-hoc-ge2019"])[0]


def test_import_is_cheap_and_lazy():
    code = ("import sys, seatmap; heavy = [m for m in ('geopandas', 'folium', 'matplotlib', "
            "'pandas', 'shapely', 'branca') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert "load_seats" in dir(seatmap)
    with pytest.raises(AttributeError):
        seatmap.no_such_function  # noqa: B018
