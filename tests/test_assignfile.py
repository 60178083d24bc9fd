"""seatmap.assign_file: a file of locations or postcodes assigned and written back, with its report."""

import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError, assign_file

# Bury North, Westminster, the North Sea, no coordinates
MEMBERS = ("id,lat,lon,name\n"
           "001,53.5933,-2.2995,Ann\n"
           "002,51.4996,-0.1246,Zoë\n"
           "003,53.0,1.9,At sea\n"
           "004,,,No address\n")


@pytest.fixture
def members(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    return path


def test_known_points_get_their_2024_seats_and_the_report_counts_every_row(members, tmp_path):
    out = tmp_path / "seats.csv"
    report = assign_file(members, out, lat="lat", lon="lon")
    assert out.read_text(encoding="utf-8").splitlines() == [
        "id,lat,lon,name,code,constituency,status",
        "001,53.5933,-2.2995,Ann,E14001144,Bury North,within",
        "002,51.4996,-0.1246,Zoë,E14001172,Cities of London and Westminster,within",
        "003,53.0,1.9,At sea,,,outside",
        "004,,,No address,,,missing",
    ]
    assert isinstance(report, seatmap.points.PointReport)
    assert (report.total, report.assigned, report.unassigned) == (4, 2, 2)
    assert report.counts == {"within": 2, "outside": 1, "missing": 1}
    assert list(report.rows["outside"]) == [2] and list(report.rows["missing"]) == [3]
    assert "within" not in report.rows
    assert report.kind == "points" and report.boundary_set == "2024"
    assert report.per_seat.index.name == "code" and len(report.per_seat) == 650
    assert report.per_seat.loc["E14001144"].tolist() == ["Bury North", 1]
    assert int(report.per_seat["rows"].sum()) == 2
    assert report.columns == {"code": "code", "constituency": "constituency", "status": "status"}
    assert report.clashes == ()
    summary = report.summary()
    assert summary.startswith("2 of 4 points assigned to a seat of the 2024 boundary set")
    assert "1 point outside every seat (at sea or outside the UK) (row 2)" in summary


def test_the_2010_set_and_no_output(members):
    report = assign_file(members, lat="lat", lon="lon", boundary_set=2019)
    assert report.boundary_set == "2010" and len(report.per_seat) == 650
    assert report.per_seat.loc["E14000611", "rows"] == 1  # Bury North, 2010 boundaries
    assert report.per_seat.loc["E14000639", "rows"] == 1  # Cities of London and Westminster


def test_chunks_change_nothing(members, tmp_path):
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    a = assign_file(members, whole, lat="lat", lon="lon")
    seen = []
    b = assign_file(members, chunked, lat="lat", lon="lon", chunk_rows=1,
                    progress=lambda done, total: seen.append((done, total)))
    assert whole.read_bytes() == chunked.read_bytes()
    assert b.counts == a.counts and b.rows["outside"].tolist() == a.rows["outside"].tolist()
    assert b.per_seat.equals(a.per_seat)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]  # rows done, rows counted in the CSV


def test_xlsx_in_and_out_keep_identifiers_as_written(tmp_path):
    src, out = tmp_path / "m.xlsx", tmp_path / "o.xlsx"
    pd.read_csv(pd.io.common.StringIO(MEMBERS), dtype=str).to_excel(src, index=False)
    report = assign_file(src, out, lat="lat", lon="lon")
    table = pd.read_excel(out, dtype=str)
    assert table["id"].tolist() == ["001", "002", "003", "004"]
    assert table["code"].tolist()[:2] == ["E14001144", "E14001172"]
    assert report.counts["within"] == 2


def test_postcodes_with_a_directory(tmp_path):
    directory = tmp_path / "onspd.csv"
    directory.write_text("pcds,pcon\nSW1A 0AA,E14001172\nBL9 0SW,E14001144\nGY1 1AA,\n")
    src = tmp_path / "pc.csv"
    src.write_text("pc,n\nsw1a0aa,1\nbl9 0sw,2\nZZ9 9ZZ,3\nnot a postcode,4\n,5\nGY1 1AA,6\n")
    report = assign_file(src, postcode="pc", directory=directory)
    assert report.kind == "postcodes" and report.boundary_set == "2024"
    assert (report.total, report.assigned) == (6, 2)
    assert report.counts == {"found": 2, "not_found": 1, "invalid": 1, "missing": 1,
                             "no_constituency": 1}
    assert list(report.rows["invalid"]) == [3]
    # postcode statuses in postcode words, wherever they are printed
    assert report.label("invalid") == "not a postcode" and report.label("missing") == "no postcode"
    assert "1 postcode not valid UK postcodes (row 3)" in report.summary()


def test_status_words_live_in_the_report():
    points = seatmap.points.PointReport(1, 1, {"border": 1}, {}, "2024 boundary set", "", 0.0,
                                        given=("nearest", "border"))
    assert points.label("border") == ("exactly on a boundary (given the touching seat with the "
                                      "first code)")
    assert points.label("nearest") == "given the nearest seat"
    left = seatmap.points.PointReport(1, 0, {"border": 1}, {}, "2024 boundary set", "", 0.0)
    assert left.label("border") == "exactly on a boundary"
    assert left.label("invalid") == "coordinates out of range"


def test_the_users_columns_are_never_overwritten_and_repeats_kept(tmp_path):
    src, out = tmp_path / "c.csv", tmp_path / "o.csv"
    src.write_text("code,id,id,lat,lon\nA,1,x,53.5933,-2.2995\n")
    report = assign_file(src, out, lat="lat", lon="lon")
    assert report.columns["code"] == "seatmap_code" and report.clashes == ("code",)
    assert out.read_text().splitlines() == [
        "code,id,id,lat,lon,seatmap_code,seatmap_constituency,seatmap_status",
        "A,1,x,53.5933,-2.2995,E14001144,Bury North,within"]


def test_notes_arrive_as_they_are_found(tmp_path):
    src = tmp_path / "semi.csv"
    src.write_text("id;lat;lon\n1;53.5933;-2.2995\n")
    heard = []
    report = assign_file(src, lat="lat", lon="lon", note=heard.append)
    assert heard and heard == report.notes and "semicolon" in heard[0].lower()
    assert report.assigned == 1


def test_mistakes_are_clear_errors(members, tmp_path):
    with pytest.raises(SeatmapError, match="postcode= or coordinates"):
        assign_file(members, postcode="id", directory=members, lat="lat", lon="lon")
    with pytest.raises(SeatmapError, match=r"seatmap writes \.csv, \.xlsx or \.json"):
        assign_file(members, tmp_path / "o.txt", lat="lat", lon="lon")
    with pytest.raises(SeatmapError, match="No column 'latitude'"):
        assign_file(members, lat="latitude", lon="lon")
    with pytest.raises(SeatmapError, match="nearest="):
        assign_file(members, lat="lat", lon="lon", nearest=-1)
    repeated = tmp_path / "r.csv"
    repeated.write_text("lat,lat,lon\n1,2,3\n")
    with pytest.raises(SeatmapError, match=r"Which column\?"):
        assign_file(repeated, lat="lat", lon="lon")
    assert not (tmp_path / "o.txt").exists()
