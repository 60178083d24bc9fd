"""The assign, join and crosswalk commands of the ``seatmap`` CLI."""

import io

import pandas as pd
import pytest

from seatmap._cli_data import Progress
from seatmap.cli import main

MEMBERS = pd.DataFrame({
    "member_id": [1, 2, 3, 4, 5],
    "latitude": [51.4996, 53.5933, 53.0, None, 53.4794],
    "longitude": [-0.1246, -2.2995, 1.9, None, -2.2453],
    "name": ["Zoë", "Ann", "At sea", "No address", "Manchester"],
})


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_assign_adds_code_constituency_and_status(tmp_path, capsys):
    src, dst, counts = tmp_path / "members.csv", tmp_path / "out.csv", tmp_path / "counts.csv"
    MEMBERS.to_csv(src, index=False)
    code, out, err = run(capsys, "assign", str(src), "--lat", "latitude", "--lon", "longitude",
                         "--out", str(dst), "--counts", str(counts), "--progress", "always",
                         "--chunk-rows", "2")
    assert code == 0
    assert "3 of 5 rows assigned to a constituency of the 2024 boundary set" in out
    assert "outside every seat (sea or abroad) 1; no coordinates 1" in out
    assert "100% 5 rows" in err  # the progress bar, drawn on standard error
    result = pd.read_csv(dst, keep_default_na=False)
    assert result.columns.tolist() == [*MEMBERS.columns, "code", "constituency", "status"]
    assert result["member_id"].tolist() == [1, 2, 3, 4, 5]  # every row kept, in order
    assert result["code"].tolist() == ["E14001172", "E14001144", "", "", "E14001352"]
    assert result["constituency"].tolist()[:2] == ["Cities of London and Westminster", "Bury North"]
    assert result["status"].tolist() == ["within", "within", "outside", "missing", "within"]
    assert result["name"][0] == "Zoë"
    per_seat = pd.read_csv(counts)
    assert len(per_seat) == 650 and per_seat["rows"].sum() == 3


def test_assign_windows_1252_csv_eastings_and_xlsx_output(tmp_path, capsys):
    src, dst = tmp_path / "m.csv", tmp_path / "m.xlsx"
    src.write_bytes("id,easting,northing,who\n1,530047,179640,Zo\xeb\n".encode("latin-1"))
    code, out, _ = run(capsys, "assign", str(src), "--x", "easting", "--y", "northing",
                       "--boundaries", "2010", "--out", str(dst))
    assert code == 0 and "1 of 1 rows assigned" in out
    result = pd.read_excel(dst)
    assert result.loc[0, "code"] == "E14000639" and result.loc[0, "who"] == "Zoë"


def test_assign_by_postcode(tmp_path, capsys):
    directory = tmp_path / "onspd.csv"
    pd.DataFrame({"pcds": ["SW1A 0AA", "BL9 0SW"], "pcon": ["E14001172", "E14001144"]}).to_csv(
        directory, index=False)
    src, dst = tmp_path / "m.csv", tmp_path / "o.csv"
    pd.DataFrame({"pc": ["sw1a0aa", "bl9 0sw", "ZZ9 9ZZ"]}).to_csv(src, index=False)
    code, out, _ = run(capsys, "assign", str(src), "--postcode", "pc", "--directory",
                       str(directory), "--out", str(dst))
    assert code == 0 and "2 of 3 rows assigned" in out and "postcode not in directory 1" in out
    assert pd.read_csv(dst)["status"].tolist() == ["found", "found", "not_found"]
    old = tmp_path / "onspd_2010.csv"  # a directory on the 2010 set is recognised as such
    pd.DataFrame({"pcds": ["BL9 0SW"], "pcon": ["E14000611"]}).to_csv(old, index=False)
    code, out, _ = run(capsys, "assign", str(src), "--postcode", "pc", "--directory", str(old))
    assert code == 0 and "1 of 3 rows assigned to a constituency of the 2010 boundary set" in out


def test_assign_errors_are_one_clear_line(tmp_path, capsys):
    src = tmp_path / "m.csv"
    MEMBERS.to_csv(src, index=False)
    code, _, err = run(capsys, "assign", str(src), "--lat", "lat", "--lon", "longitude")
    assert code == 2 and "No column 'lat'" in err and "Did you mean 'latitude'" in err
    code, _, err = run(capsys, "assign", str(src), "--postcode", "pc")
    assert code == 2 and "--postcode needs --directory" in err
    code, _, err = run(capsys, "assign", str(tmp_path / "nope.csv"), "--lat", "a", "--lon", "b")
    assert code == 2 and "No file" in err


def test_join_prints_the_report_and_writes_both_files(tmp_path, capsys):
    src, dst, rep = tmp_path / "t.csv", tmp_path / "joined.csv", tmp_path / "report.csv"
    pd.DataFrame({"seat": ["Bury North", "Durham North West", "Bury Nrth"],
                  "members": [412, 198, 3]}).to_csv(src, index=False)
    code, out, _ = run(capsys, "join", str(src), "--on", "seat", "--out", str(dst),
                       "--report", str(rep))
    assert code == 0
    assert "2 of 3 rows matched a seat of the 2010 boundary set" in out
    assert "row 2: 'Bury Nrth' — did you mean Bury North" in out
    joined = pd.read_csv(dst).set_index("code")
    assert len(joined) == 650 and joined.loc["E14000856", "members"] == 198
    assert pd.read_csv(rep)["status"].tolist() == ["matched", "matched", "unmatched"]
    code, _, err = run(capsys, "join", str(src), "--on", "seat", "--strict")
    assert code == 2 and "did not join cleanly" in err


def test_join_onto_an_election(tmp_path, capsys):
    src, dst = tmp_path / "t.csv", tmp_path / "j.csv"
    pd.DataFrame({"code": ["E14001144"], "canvassed": [1234]}).to_csv(src, index=False)
    code, out, _ = run(capsys, "join", str(src), "--on", "code", "--election", "2024", "--out",
                       str(dst), "--how", "inner")
    assert code == 0 and "1 of 1 rows matched" in out
    joined = pd.read_csv(dst)
    assert joined[["code", "name", "canvassed", "winner"]].values.tolist() == [
        ["E14001144", "Bury North", 1234, "lab"]]


def test_crosswalk_validate_election_and_file(tmp_path, capsys):
    code, out, _ = run(capsys, "crosswalk", "--validate")
    assert code == 0 and "winner agrees in 640 of 650 seats (98.5%)" in out
    assert "Con 1.31, Lab 1.28" in out and "Wimbledon" in out
    dst = tmp_path / "notional.csv"
    code, out, _ = run(capsys, "crosswalk", "--election", "2019", "--to", "2024", "--out", str(dst))
    assert code == 0 and "650 seats of the 2010 set -> 650 seats of the 2024 set" in out
    assert pd.read_csv(dst)["winner"].value_counts()["con"] == 370
    src, dst = tmp_path / "mine.csv", tmp_path / "mine24.csv"
    pd.DataFrame({"seat_code": ["E14000611"], "members": [100]}).to_csv(src, index=False)
    code, out, _ = run(capsys, "crosswalk", str(src), "--code", "seat_code", "--out", str(dst))
    assert code == 0 and "count: members" in out and "only partly covered" in out
    moved = pd.read_csv(dst)
    assert moved["members"].sum() == pytest.approx(100)
    code, _, err = run(capsys, "crosswalk")
    assert code == 2 and "Give a table file" in err


def test_progress_bar_draws_and_finishes():
    stream = io.StringIO()
    bar = Progress(200, "work", "always", stream=stream)
    bar.update(100, force=True)
    bar.update(250)
    bar.close()
    text = stream.getvalue()
    assert "work [##############..............]  50% 100 rows" in text
    assert text.rstrip().endswith("250 rows, " + text.rstrip().split("250 rows, ")[-1])
    assert "100% 250 rows" in text and text.endswith("\n")
    quiet = io.StringIO()
    Progress(10, "x", "auto", stream=quiet).close()  # not a terminal: nothing drawn
    assert quiet.getvalue() == ""
