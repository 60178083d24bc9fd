"""assign_postcodes with a small ONS-style postcode directory made here (none is bundled)."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import seatmap
from seatmap import SeatmapError
from seatmap.postcodes import UnassignedPostcodesWarning, assign_postcodes, normalise_postcodes

# An ONSPD-like extract: pcd (7-character), pcds (canonical), pcon (2024 set), doterm.
ONSPD = pd.DataFrame({
    "pcd": ["SW1A0AA", "SW1A1AA", "BL9 0SW", "M60 2LA", "JE2 4WE", "IM1 1AA", "L4  4EL"],
    "pcds": ["SW1A 0AA", "SW1A 1AA", "BL9 0SW", "M60 2LA", "JE2 4WE", "IM1 1AA", "L4 4EL"],
    "pcon": ["E14001172", "E14001172", "E14001144", "E14001352", "L99999999", "M99999999",
             "E14001339"],
    "doterm": ["", "", "", "", "", "", "201906"],
})


@pytest.fixture
def directory(tmp_path):
    path = tmp_path / "ONSPD_extract.csv"
    ONSPD.to_csv(path, index=False)
    return path


def test_postcodes_in_any_format_are_assigned(directory):
    members = pd.DataFrame({"Postcode": ["sw1a0aa", " SW1A 1AA ", "bl9-0sw", "M60 2LA", "SW1A OAA",
                                         "L4 4EL"]}, index=[101, 102, 103, 104, 105, 106])
    codes = assign_postcodes(members, directory)
    assert codes.index.tolist() == [101, 102, 103, 104, 105, 106]
    assert codes.tolist() == ["E14001172", "E14001172", "E14001144", "E14001352", "E14001172",
                              "E14001339"]  # a terminated postcode still locates its address
    names = codes.astype("string").map(seatmap.load_constituencies("2024")["name"])
    assert names.tolist()[:4] == ["Cities of London and Westminster"] * 2 + ["Bury North",
                                                                            "Manchester Central"]
    report = codes.attrs["report"]
    assert report.boundary_set == "2024" and report.assigned == 6
    assert "ONSPD_extract.csv (pcds -> pcon)" in report.directory


def test_every_row_is_accounted_for(directory):
    values = ["SW1A 0AA", "ZZ9 9ZZ", "not a postcode", "", None, "JE2 4WE", "IM1 1AA"]
    with pytest.warns(UnassignedPostcodesWarning, match="1 of 7 postcodes assigned"):
        out = assign_postcodes(values, directory, status=True)
    assert out["status"].tolist() == ["found", "not_found", "invalid", "missing", "missing",
                                      "no_constituency", "no_constituency"]
    assert out["postcode"].tolist()[:2] == ["SW1A 0AA", "ZZ9 9ZZ"]
    report = out.attrs["report"]
    assert sum(report.counts.values()) == 7 and report.unassigned == 6
    assert list(report.rows["no_constituency"]) == [5, 6]


def test_directory_as_dataframe_and_explicit_columns():
    directory = pd.DataFrame({"Postcode": ["BL9 0SW"], "Westminster": ["E14000611"]})
    out = assign_postcodes(pd.Series(["bl90sw"]), directory, postcode_column="Postcode",
                           code_column="Westminster")
    assert out.tolist() == ["E14000611"] and out.attrs["report"].boundary_set == "2010"


def test_wrong_boundary_set_and_bad_directories(directory, tmp_path):
    with pytest.raises(SeatmapError, match="belong to the 2024 boundary set, not 2010"):
        assign_postcodes(["SW1A 0AA"], directory, boundary_set="2010")
    with pytest.raises(SeatmapError, match="not found"):
        assign_postcodes(["SW1A 0AA"], tmp_path / "missing.csv")
    odd = tmp_path / "odd.csv"
    pd.DataFrame({"pc": ["SW1A 0AA"], "ward": ["E05000644"]}).to_csv(odd, index=False)
    with pytest.raises(SeatmapError, match="Which column"):
        assign_postcodes(["SW1A 0AA"], odd)
    clash = pd.DataFrame({"pcds": ["SW1A 0AA", "sw1a0aa"], "pcon": ["E14001172", "E14001144"]})
    with pytest.raises(SeatmapError, match="different constituencies for the same postcode"):
        assign_postcodes(["SW1A 0AA"], clash)


OUTWARD = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]?", fullmatch=True)
INWARD = st.from_regex(r"[0-9][A-Z]{2}", fullmatch=True)


@given(OUTWARD, INWARD, st.sampled_from(["", " ", "  ", "-", " - "]), st.booleans())
def test_normalisation_is_canonical_whatever_the_format(outward, inward, sep, lower):
    text = f"{outward}{sep}{inward}"
    text = text.lower() if lower else text
    assert normalise_postcodes([text]).tolist() == [f"{outward} {inward}"]


@given(st.text(max_size=12))
def test_normalised_postcodes_are_valid_or_missing(text):
    out = normalise_postcodes([text]).iloc[0]
    if out is not pd.NA:
        assert out == normalise_postcodes([out]).iloc[0]  # idempotent
        outward, inward = out.split(" ")
        assert 2 <= len(outward) <= 4 and len(inward) == 3


def test_a_single_postcode_string_is_one_postcode(directory):
    # issue 9: "SW1A 0AA" was split into its eight characters
    out = assign_postcodes("SW1A 0AA", directory)
    assert out.tolist() == ["E14001172"] and out.attrs["report"].total == 1


def test_postcode_and_point_reports_are_one_class(directory):
    from seatmap.points import PointReport
    from seatmap.postcodes import PostcodeReport, directory_boundary_set

    assert PointReport is PostcodeReport
    report = assign_postcodes(["SW1A 0AA"], directory).attrs["report"]
    assert report.kind == "postcodes" and report.to_frame()["postcodes"].sum() == 1
    assert directory_boundary_set(directory) == "2024"


def test_an_unreadable_or_empty_directory_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(SeatmapError, match="Cannot read the postcode directory"):
        assign_postcodes(["SW1A 0AA"], empty)
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(SeatmapError, match="not found"):
        assign_postcodes(["SW1A 0AA"], folder)
