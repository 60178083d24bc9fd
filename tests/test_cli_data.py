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


def test_assign_words_postcode_problems_as_postcodes(tmp_path, capsys):
    """Invalid and empty postcodes are not "coordinates out of range" and "no coordinates"."""
    directory = tmp_path / "onspd.csv"
    directory.write_text("pcds,pcon\nBL9 0SW,E14001144\n")
    src = tmp_path / "m.csv"
    src.write_text("pc,n\nBL9 0SW,1\nnot a postcode,2\n,3\n")
    code, out, _ = run(capsys, "assign", str(src), "--postcode", "pc", "--directory", str(directory))
    assert code == 0 and "1 of 3 rows assigned" in out
    assert "Not assigned (code left empty, rows kept): not a postcode 1; no postcode 1." in out
    assert "coordinates" not in out

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
    head, uk = out.splitlines()[:2]
    assert code == 0 and "Great Britain: winner agrees in 622 of 632 seats (98.4%)" in head
    assert "Con 1.35, Lab 1.32, LD 0.69" in head
    assert uk.startswith("All 650 UK seats: winner agrees in 640 of 650 seats (98.5%)")
    assert "Con 1.31, Lab 1.28" in uk and "Wimbledon" in out
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


# -- issue 9: a user's data is sacred --------------------------------------------------------

def test_assign_never_overwrites_the_users_columns(tmp_path, capsys):
    src, dst = tmp_path / "f.csv", tmp_path / "o.csv"
    src.write_text("id,code,status,lon,lat\n1,M-A,active,-2.2995,53.5933\n")
    code, out, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst))
    assert code == 0
    assert "seatmap's columns are seatmap_code, seatmap_constituency, seatmap_status" in out
    result = pd.read_csv(dst, dtype=str)
    assert result.columns.tolist() == ["id", "code", "status", "lon", "lat", "seatmap_code",
                                       "seatmap_constituency", "seatmap_status"]
    assert result.loc[0, ["code", "status"]].tolist() == ["M-A", "active"]  # untouched
    assert result.loc[0, "seatmap_code"] == "E14001144"


def test_assign_passes_every_column_through_byte_for_byte(tmp_path, capsys):
    src, dst = tmp_path / "f.csv", tmp_path / "o.csv"
    text = ("id,phone,note,lon,lat\n"
            "00123,07700900123,NA,-2.2995,53.5933\n"
            "00124,7700900123,None,-0.1246,51.4996\n"
            "00125,,null,,\n"
            "0,+44 20,N/A,-2.2453,53.4794\n")
    src.write_text(text)
    code, _, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst),
                     "--chunk-rows", "2")
    assert code == 0
    lines = dst.read_text().splitlines()
    for line, original in zip(lines, text.splitlines(), strict=True):
        assert line.startswith(original + ",")  # every input byte, then seatmap's columns


def test_assign_leading_zeros_survive_every_chunk_of_a_large_file(tmp_path, capsys):
    # issue 9: in a 250,000-row file the first 200,000 rows lost leading zeros, the rest kept them
    n = 250_000
    src, dst = tmp_path / "big.csv", tmp_path / "out.csv"
    ids = [f"{i:07d}" for i in range(n)]
    ids[n - 1] = "x0001"  # a text value only in the last chunk
    lines = ["id,lon,lat"] + [f"{i},-2.2995,53.5933" for i in ids]
    src.write_text("\n".join(lines) + "\n")
    code, out, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst))
    assert code == 0 and "250,000 of 250,000 rows assigned" in out
    got = pd.read_csv(dst, dtype=str, keep_default_na=False)["id"]
    assert got.tolist() == ids
    assert got.iloc[200_001] == "0200001" and got.iloc[5] == "0000005"


def test_assign_postcode_with_coordinates_is_an_error(tmp_path, capsys):
    src = tmp_path / "m.csv"
    MEMBERS.to_csv(src, index=False)
    code, _, err = run(capsys, "assign", str(src), "--postcode", "name", "--directory", str(src),
                       "--lon", "longitude", "--lat", "latitude")
    assert code == 2 and "either --postcode or coordinates (--lon/--lat)" in err


def test_unreadable_inputs_and_bad_outputs_are_clear_errors(tmp_path, capsys):
    src = tmp_path / "m.csv"
    MEMBERS.to_csv(src, index=False)
    args = ["--lat", "latitude", "--lon", "longitude"]
    # --out a folder
    code, _, err = run(capsys, "assign", str(src), *args, "--out", str(tmp_path))
    assert code == 2 and "is a folder; give a file name" in err
    # the input is a folder
    code, _, err = run(capsys, "assign", str(tmp_path), *args)
    assert code == 2 and "is a folder, not a file" in err
    # --out over the input
    code, _, err = run(capsys, "assign", str(src), *args, "--out", str(src))
    assert code == 2 and "is the input file" in err
    # an empty file
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, _, err = run(capsys, "assign", str(empty), *args)
    assert code == 2 and "is empty" in err
    # an XLSX that is not one
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "join", str(fake), "--on", "seat")
    assert code == 2 and "Cannot read fake.xlsx as an Excel workbook" in err


def test_unreadable_input_and_read_only_folder(tmp_path, capsys, monkeypatch):
    import builtins

    import seatmap._userfiles as uf

    src = tmp_path / "m.csv"
    MEMBERS.to_csv(src, index=False)
    args = ["--lat", "latitude", "--lon", "longitude"]
    locked = tmp_path / "locked"
    locked.mkdir()
    # the tests may run as root, who can write anywhere: the folder is read-only to os.access
    monkeypatch.setattr(uf.os, "access", lambda p, mode: str(p) != str(locked))
    code, _, err = run(capsys, "assign", str(src), *args, "--out", str(locked / "o.csv"))
    assert code == 2 and "is not writable" in err
    monkeypatch.undo()

    def no_read(path, *a, **k):
        if str(path) == str(src):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *a, **k)

    monkeypatch.setattr(uf, "open", no_read, raising=False)
    code, _, err = run(capsys, "assign", str(src), *args)
    assert code == 2 and "Cannot read" in err and "Permission denied" in err


def test_a_csv_renamed_xls_and_a_semicolon_csv_are_read(tmp_path, capsys):
    renamed = tmp_path / "members.xls"
    MEMBERS.to_csv(renamed, index=False)
    code, out, _ = run(capsys, "assign", str(renamed), "--lat", "latitude", "--lon", "longitude")
    assert code == 0 and "3 of 5 rows assigned" in out
    semi, dst = tmp_path / "semi.csv", tmp_path / "o.csv"
    semi.write_text("id;lat;lon;town\n007;53,5933;-2,2995;Bury\n008;51.4996;-0.1246;London\n")
    code, out, err = run(capsys, "assign", str(semi), "--lat", "lat", "--lon", "lon",
                         "--out", str(dst))
    assert code == 0 and "semi.csv read as semicolon-separated values" in err
    assert "1 of 2 rows assigned" in out  # "53,5933" is not a number: reported, row kept
    back = dst.read_text().splitlines()
    assert back[1].startswith("007;53,5933;-2,2995;Bury;") or back[1].startswith("007,")
    result = pd.read_csv(dst, dtype=str, keep_default_na=False, sep=None, engine="python")
    assert result["id"].tolist() == ["007", "008"]


def test_xlsx_with_data_on_another_sheet_needs_sheet(tmp_path, capsys):
    book = tmp_path / "m.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame().to_excel(xw, sheet_name="Cover", index=False)
        MEMBERS.assign(member_id=["001", "002", "003", "004", "005"]).to_excel(
            xw, sheet_name="Members", index=False)
    args = ["--lat", "latitude", "--lon", "longitude"]
    code, _, err = run(capsys, "assign", str(book), *args)
    assert code == 2 and "Pass --sheet 'Members'" in err
    code, _, err = run(capsys, "assign", str(book), *args, "--sheet", "Nope")
    assert code == 2 and "has no sheet 'Nope'" in err
    dst = tmp_path / "o.xlsx"
    code, out, _ = run(capsys, "assign", str(book), *args, "--sheet", "Members", "--out", str(dst))
    assert code == 0 and "3 of 5 rows assigned" in out
    assert pd.read_excel(dst, dtype=str)["member_id"].tolist() == ["001", "002", "003", "004", "005"]


def test_assign_summary_with_on_border_first(tmp_path, capsys):
    import seatmap

    # a vertex of Bury North's boundary is exactly on the boundary
    geom = seatmap.load_boundaries("2024", crs=4326).geometry.loc["E14001144"]
    ring = geom.geoms[0].exterior if hasattr(geom, "geoms") else geom.exterior
    lon, lat = ring.coords[0]
    src = tmp_path / "b.csv"
    src.write_text(f"id,lon,lat\n1,{lon!r},{lat!r}\n")
    code, out, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat",
                       "--on-border", "first")
    assert code == 0 and "1 of 1 rows assigned" in out
    assert "Not assigned" not in out and "Assigned another way: exactly on a boundary" in out


def test_join_inner_with_no_match_fails(tmp_path, capsys):
    src, dst = tmp_path / "t.csv", tmp_path / "j.csv"
    pd.DataFrame({"seat": ["Nowhere"], "n": [1]}).to_csv(src, index=False)
    code, _, err = run(capsys, "join", str(src), "--on", "seat", "--how", "inner", "--out", str(dst))
    assert code == 2 and "inner join is empty" in err and not dst.exists()


def test_join_keeps_leading_zeros_and_words_like_na(tmp_path, capsys):
    src, dst = tmp_path / "t.csv", tmp_path / "j.csv"
    src.write_text("seat,branch_id,contact,members\nBury North,00123,NA,412\n")
    code, _, _ = run(capsys, "join", str(src), "--on", "seat", "--out", str(dst))
    assert code == 0
    joined = pd.read_csv(dst, dtype=str, keep_default_na=False).set_index("code")
    assert joined.loc["E14001144", ["branch_id", "contact", "members"]].tolist() == [
        "00123", "NA", "412"]


def test_crosswalk_empty_table_and_explained_columns(tmp_path, capsys):
    src = tmp_path / "empty.csv"
    src.write_text("code,members\n")
    code, _, err = run(capsys, "crosswalk", str(src))
    assert code == 2 and "The table is empty" in err
    src.write_text("code,members,imd_decile,helpers\nE14000611,100,3,4.0\nE14000612,NA,4,2.0\n")
    dst = tmp_path / "out.csv"
    code, out, _ = run(capsys, "crosswalk", str(src), "--out", str(dst))
    assert code == 0 and "category: imd_decile" in out and "count: members" in out
    assert "Guessed from the values" in out and "helpers (count: whole numbers" in out
    moved = pd.read_csv(dst)
    assert moved["helpers"].sum() == pytest.approx(6.0)  # "NA" is a missing count, not text


def test_assign_and_join_write_xlsx_through_the_injection_safe_writer(tmp_path, capsys):
    from openpyxl import load_workbook

    payload = '=HYPERLINK("http://example.com","click")'
    src, dst = tmp_path / "m.csv", tmp_path / "m.xlsx"
    pd.DataFrame({"id": ["001"], "note": [payload], "lon": [-2.2995], "lat": [53.5933]}).to_csv(
        src, index=False)
    code, _, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst))
    assert code == 0
    cells = [c for ws in load_workbook(dst) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a live formula
    table, joined = tmp_path / "t.csv", tmp_path / "j.xlsx"
    pd.DataFrame({"seat": ["Bury North"], "note": [payload]}).to_csv(table, index=False)
    code, _, _ = run(capsys, "join", str(table), "--on", "seat", "--out", str(joined))
    assert code == 0
    cells = [c for ws in load_workbook(joined) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


def test_assign_xlsx_output_shows_numbers_as_numbers_and_identifiers_as_written(tmp_path, capsys):
    from openpyxl import load_workbook

    src, dst = tmp_path / "m.csv", tmp_path / "m.xlsx"
    src.write_text("id,amount,ref,lon,lat\n00123,0.10,7,-2.2995,53.5933\n00124,2.5,8,-0.1246,51.4996\n")
    code, _, _ = run(capsys, "assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst))
    assert code == 0
    sheets = [list(ws.iter_rows(values_only=True)) for ws in load_workbook(dst)]
    rows = next(r for r in sheets if r and r[0][:1] == ("id",))  # the sheet holding the table
    assert rows[0][:5] == ("id", "amount", "ref", "lon", "lat")
    assert rows[1][:5] == ("00123", "0.10", 7, -2.2995, 53.5933)  # text stays text, as written
    assert rows[2][:5] == ("00124", "2.5", 8, -0.1246, 51.4996)  # numbers are numbers


def test_parquet_or_xls_without_their_readers_say_which_extra_to_install(tmp_path, monkeypatch):
    """Issue 10: .parquet and .xls inputs need the ``formats`` extra; without it, a clear message."""
    import importlib.util

    from seatmap import SeatmapError
    from seatmap._userfiles import read_table

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("pyarrow", "xlrd") else real(name, *a))
    parquet = tmp_path / "members.parquet"
    parquet.write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")
    with pytest.raises(SeatmapError, match=r"Parquet file.*pip install 'seatmap\[formats\]'"):
        read_table(parquet)
    xls = tmp_path / "members.xls"
    xls.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    with pytest.raises(SeatmapError, match=r"old Excel \(\.xls\).*seatmap\[formats\]"):
        read_table(xls)
