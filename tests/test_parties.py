"""The party registry (seatmap.parties): one vocabulary for every spelling, and colours."""

import pytest

from seatmap import SeatmapError
from seatmap.parties import PARTIES, party_code, party_colour


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
