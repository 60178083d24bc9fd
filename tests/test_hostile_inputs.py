"""Issue 20, the second hostile-input pass: each repro of the issue, now a message or a fix."""

import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.cli import main

MEMBERS = pd.DataFrame({"id": [1, 2, 3], "lon": [-0.1246, -2.2995, 1.9],
                        "lat": [51.4996, 53.5933, 53.0]})


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def members(tmp_path):
    path = tmp_path / "m.csv"
    MEMBERS.to_csv(path, index=False)
    return path


# ---------------------------------------------------------------- 1. no output silently lost

@pytest.mark.parametrize("second", ["o.csv", "./o.csv", "sub/../o.csv"])
def test_two_outputs_of_one_command_that_are_one_file_are_refused(members, tmp_path, capsys,
                                                                  second):
    # --counts o.csv --out o.csv printed "written" twice and kept only the 650 count rows
    (tmp_path / "sub").mkdir()
    out = tmp_path / "o.csv"
    out.write_text("keep me\n")
    code, stdout, err = run(capsys, "assign", members, "--lon", "lon", "--lat", "lat",
                            "--counts", out, "--out", tmp_path / second)
    assert code == 2 and stdout == ""
    assert "--out and --counts are the same file" in err and len(err.splitlines()) == 1
    assert out.read_text() == "keep me\n"  # nothing written at all


def test_a_symlink_or_hard_link_to_another_output_or_the_input_is_refused(members, tmp_path,
                                                                          capsys):
    report = tmp_path / "report.csv"
    report.write_text("old report\n")
    (tmp_path / "link.csv").symlink_to(report)
    code, _, err = run(capsys, "join", members, "--on", "id", "--out", tmp_path / "link.csv",
                       "--report", report)
    assert code == 2 and "--out and --report are the same file" in err
    (tmp_path / "hard.csv").hardlink_to(members)
    code, _, err = run(capsys, "crosswalk", members, "--out", tmp_path / "hard.csv")
    assert code == 2 and "is the input file" in err
    code, _, err = run(capsys, "map", "--out", tmp_path / "m.html", "--png",
                       tmp_path / "m.html")
    assert code == 2 and "would hold an image" in err
    assert report.read_text() == "old report\n" and not (tmp_path / "m.html").exists()


def test_audit_report_named_like_one_of_its_maps_is_refused(tmp_path, capsys):
    from seatmap.reports import MAP_FILES

    name = MAP_FILES[0][2]  # audit-leave.png: the report would be replaced by the map
    code, out, err = run(capsys, "audit", "--maps", "--out", tmp_path / name)
    assert code == 2 and out == ""
    assert f"--out and --maps ({name}) are the same file" in err
    assert not list(tmp_path.iterdir())


def test_outputs_that_differ_are_both_written(members, tmp_path, capsys):
    code, out, _ = run(capsys, "assign", members, "--lon", "lon", "--lat", "lat",
                       "--counts", tmp_path / "c.csv", "--out", tmp_path / "o.csv")
    assert code == 0 and "Rows per seat written to" in out
    assert len(pd.read_csv(tmp_path / "c.csv")) == 650
    assert pd.read_csv(tmp_path / "o.csv")["id"].tolist() == [1, 2, 3]


# ---------------------------------------------------------------- 6. messages, not tracebacks

@pytest.mark.parametrize("crs", ["foo", 99999, "EPSG:99999", None, -1, True, [1]])
def test_load_boundaries_with_an_unknown_crs_is_a_clear_error(crs):
    with pytest.raises(SeatmapError, match=r"is not a coordinate system pyproj knows\. Give an "
                                           r"EPSG number such as 27700"):
        seatmap.load_boundaries("2024", crs=crs)


def test_a_whole_number_float_crs_is_that_epsg_code():
    assert seatmap.load_boundaries("2024", crs=4326.0).crs.to_epsg() == 4326


def test_assign_points_with_an_unknown_crs_is_a_clear_error():
    with pytest.raises(SeatmapError, match="'foo' is not a coordinate system"):
        seatmap.assign_points(pd.DataFrame({"x": [530273.0], "y": [179518.0]}), x="x", y="y",
                              crs="foo")


@pytest.mark.parametrize("args", [["--x", "lon", "--y", "lat", "--crs", "foo"],
                                  ["--x", "lon", "--y", "lat", "--crs", "EPSG:99999"],
                                  ["--lon", "lon", "--lat", "lat", "--crs", "foo"],
                                  ["--lon", "lon", "--lat", "lat", "--crs", "27700"]])
def test_assign_with_a_bad_crs_is_one_line(members, capsys, args):
    code, out, err = run(capsys, "assign", members, *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "coordinate system" in err


def test_assign_crs_4326_with_lon_lat_is_accepted(members, capsys):
    code, out, _ = run(capsys, "assign", members, "--lon", "lon", "--lat", "lat", "--crs",
                       "EPSG:4326")
    assert code == 0 and "2 of 3 rows assigned" in out


def test_crosswalk_onto_the_same_set_says_it_needs_none(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("code,n\nE14000611,5\n")
    code, _, err = run(capsys, "crosswalk", table, "--from", "2010", "--to", "2010")
    assert code == 2 and "already on the 2010 boundary set" in err and "needs no crosswalk" in err


@pytest.mark.parametrize("out, words", [("/proc/x.html", "Could not write '/proc/x.html'"),
                                        ("", "--out is empty"),
                                        ("x.csv", "would hold HTML")])
def test_explore_out_that_cannot_be_written_is_one_line(capsys, out, words):
    code, stdout, err = run(capsys, "explore", "--out", out)
    assert code == 2 and stdout == "" and len(err.splitlines()) == 1 and words in err


# ---------------------------------------------------------------- 7. refused, not misread

@pytest.mark.parametrize("nearest", ["-5", "1e12", "nan", "inf"])
def test_assign_nearest_must_be_a_sensible_distance(members, capsys, nearest):
    code, _, err = run(capsys, "assign", members, "--lon", "lon", "--lat", "lat",
                       "--nearest", nearest)
    assert code == 2 and "must be a distance in metres from 0 to 100,000" in err


@pytest.mark.parametrize("nearest", [-5, 1e12, float("nan"), "200", True])
def test_assign_points_nearest_must_be_a_sensible_distance(nearest):
    with pytest.raises(SeatmapError, match="must be a distance in metres"):
        seatmap.assign_points(MEMBERS, lon="lon", lat="lat", nearest=nearest, warn=False)


def test_assign_points_nearest_within_the_limit_still_works():
    # the North Sea point is 40-odd km off the coast: within 100 km it gets the nearest seat
    out = seatmap.assign_points(MEMBERS, lon="lon", lat="lat", nearest=100_000, status=True)
    assert out["status"].tolist() == ["within", "within", "nearest"]
    assert seatmap.assign_points(MEMBERS, lon="lon", lat="lat", nearest=0,
                                 warn=False).isna().sum() == 1


@pytest.mark.parametrize("args, words", [
    (["--sort", "probability", "--simulate", "0"], "--sort probability needs win probabilities"),
    (["--limit", "-1"], "--limit and --simulate take 0 or more"),
    (["--simulate", "-5"], "--limit and --simulate take 0 or more")])
def test_battleground_refuses_what_it_would_ignore(capsys, args, words):
    code, out, err = run(capsys, "battleground", "lab", "--poll", "lab=30,con=20,reform=25",
                         *args)
    assert code == 2 and out == "" and words in err


def test_explore_refuses_a_poll_with_no_share_above_zero(tmp_path, capsys):
    code, _, err = run(capsys, "explore", "--poll", "lab=0", "--out", tmp_path / "e.html")
    assert code == 2 and "names no party with a share above 0" in err
    assert not (tmp_path / "e.html").exists()


def test_a_very_long_unmatched_name_is_cut_in_the_join_report(tmp_path, capsys):
    table = tmp_path / "t.csv"
    pd.DataFrame({"seat": ["Bury North", "x" * 5000], "n": [1, 2]}).to_csv(table, index=False)
    code, out, _ = run(capsys, "join", table, "--on", "seat")
    assert code == 0 and "Unmatched: 1 row" in out
    line = next(s for s in out.splitlines() if s.startswith("  row 1:"))
    assert "(5,000 characters)" in line and len(line) < 200
    assert max(len(s) for s in out.splitlines()) < 300


# ---------------------------------------------------------------- 2. headers exactly as read

def test_assign_writes_repeated_and_empty_headers_exactly_as_read(tmp_path, capsys):
    # id,id came out as id,id.1 and empty headers as Unnamed: 0
    src = tmp_path / "d.csv"
    src.write_text(",id,id,lon,lat,\n0,a,b,-0.1246,51.4996,x\n1,c,d,-2.2995,53.5933,y\n")
    for chunk_rows in ("1", "200000"):  # the header of the first chunk only, every time
        out = tmp_path / f"o{chunk_rows}.csv"
        code, _, _ = run(capsys, "assign", src, "--lon", "lon", "--lat", "lat", "--out", out,
                         "--chunk-rows", chunk_rows)
        assert code == 0
        lines = out.read_text().splitlines()
        assert lines[0] == ",id,id,lon,lat,,code,constituency,status"
        assert lines[1].startswith("0,a,b,-0.1246,51.4996,x,E14001172,")
        assert len(lines) == 3
    code, _, _ = run(capsys, "assign", src, "--lon", "lon", "--lat", "lat", "--out",
                     tmp_path / "o.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "o.xlsx")["Data"]
    assert [c.value for c in ws[1]] == [None, "id", "id", "lon", "lat", None, "code",
                                        "constituency", "status"]
    assert [c.value for c in ws[2]][:3] == [0, "a", "b"]


def test_repeated_headers_are_refused_where_they_cannot_be_kept(tmp_path, capsys):
    src = tmp_path / "d.csv"
    src.write_text("seat,id,id,lon,lon\nBury North,a,b,-2.2995,-2.3\n")
    code, _, err = run(capsys, "assign", src, "--lon", "lon", "--lat", "id")
    assert code == 2 and err.startswith("seatmap: error: Which column? columns 2 and 3 of "
                                        "d.csv are both 'id'; columns 4 and 5 of d.csv are "
                                        "both 'lon'.")
    grid = tmp_path / "g.csv"
    grid.write_text("id,id,x,y\na,b,380300,410800\n")
    code, _, err = run(capsys, "assign", grid, "--x", "x", "--y", "y", "--out",
                       tmp_path / "o.json")
    assert code == 2 and "JSON needs a different name for every column" in err
    assert "columns 1 and 2 of g.csv are both 'id'" in err
    assert not (tmp_path / "o.json").exists()
    code, _, err = run(capsys, "join", src, "--on", "seat")
    assert code == 2 and "Headers must differ: columns 2 and 3 of d.csv are both 'id'" in err
    code, _, err = run(capsys, "crosswalk", src, "--code", "seat")
    assert code == 2 and "Headers must differ" in err and "both 'lon'" in err


def test_one_empty_header_is_kept_empty_by_join(tmp_path, capsys):
    src = tmp_path / "e.csv"
    src.write_text(",seat\n7,Bury North\n")
    code, _, _ = run(capsys, "join", src, "--on", "seat", "--out", tmp_path / "o.csv")
    assert code == 0
    out = pd.read_csv(tmp_path / "o.csv", keep_default_na=False)
    header = (tmp_path / "o.csv").read_text().splitlines()[0].split(",")
    assert "" in header and "Unnamed: 0" not in header
    assert out.loc[out["code"] == "E14001144", "seat"].tolist() == ["Bury North"]


# ---------------------------------------------------------------- 3. formulas without values

def _formula_workbook(path):
    from openpyxl import Workbook

    wb = Workbook()  # written by a program: formulas are stored without calculated values
    ws = wb.active
    ws.title = "Members"
    ws.append(["seat", "d", "x", "lon", "lat"])
    ws.append(["Bury North", 2, "=B2*2", -2.2995, 53.5933])
    ws.append(["Bolton West", 3, "=B3*2", -2.5, 53.56])
    wb.save(path)


def test_xlsx_formulas_without_values_keep_their_text_and_are_named(tmp_path, capsys):
    src = tmp_path / "f.xlsx"
    _formula_workbook(src)
    code, _, err = run(capsys, "assign", src, "--lon", "lon", "--lat", "lat", "--out",
                       tmp_path / "o.csv")
    assert code == 0
    assert ("2 cells of sheet 'Members' of f.xlsx hold a formula without a saved value "
            "(C2, C3)") in err and "'=B2*2'" in err
    assert pd.read_csv(tmp_path / "o.csv")["x"].tolist() == ["=B2*2", "=B3*2"]
    code, _, err = run(capsys, "join", src, "--on", "seat", "--out", tmp_path / "j.csv")
    assert code == 0 and "(C2, C3)" in err
    joined = pd.read_csv(tmp_path / "j.csv").set_index("code")
    assert joined.loc["E14001144", "x"] == "=B2*2"


def test_xlsx_formulas_with_saved_values_read_as_values(tmp_path, capsys):
    # as Excel saves them: the formula and its value; the value is read, and nothing is said
    src = tmp_path / "f.xlsx"
    _formula_workbook(src)
    import zipfile

    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<f>B2*2</f><v />", "<f>B2*2</f><v>4</v>")
    sheet = sheet.replace("<f>B3*2</f><v />", "<f>B3*2</f><v>6</v>")
    assert "<v>4</v>" in sheet and "<v>6</v>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(src, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    code, _, err = run(capsys, "assign", src, "--lon", "lon", "--lat", "lat", "--out",
                       tmp_path / "o.csv")
    assert code == 0 and "formula" not in err
    assert pd.read_csv(tmp_path / "o.csv")["x"].tolist() == [4, 6]
