"""The targeting commands (seatmap._cli_targeting: targets, defences, pilots, seat, redwall):
tables, exports, seat cards and bad input."""

import json

import pandas as pd
import pytest

import seatmap
from seatmap.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_targets_table(capsys):
    code, out, _ = run(capsys, "targets", "lab", "-e", "2019", "--limit", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Lab targets, 2019 result, 2010 boundaries: 429 seats")
    body = [ln for ln in lines if ln[:2].strip().isdigit()]
    assert [ln.split("  ")[1].strip() for ln in body][:2] == ["Bury North", "Kensington"]
    # swing needed 0.112 and 0.171 are shown rounded up to 0.2
    assert " 0.2 " in body[0] and " 0.2 " in body[1]
    assert "424 more" in out


def test_the_default_election_is_2024(capsys):
    # issue 18: every command starts from the registry's DEFAULT_ELECTION, the 2024 result.
    # Commons Library CBP-10009: Basildon and Billericay, Con majority 20 over Lab; Labour won
    # 411 seats (412 with the Speaker's Chorley) and stood second in the rest it targets.
    code, out, _ = run(capsys, "targets", "lab", "--limit", "2")
    assert code == 0 and out.splitlines()[0].startswith("Lab targets, 2024 result, 2024 boundaries")
    body = [ln for ln in out.splitlines() if ln[:2].strip().isdigit()]
    assert "Basildon and Billericay" in body[0] and " 20 " in body[0]
    assert "218 more" in out
    code, out, _ = run(capsys, "defences", "lab", "--limit", "1")
    assert "411 seats" in out.splitlines()[0] and "Hendon" in out and " 15 " in out


def test_defences_against_con(capsys):
    code, out, _ = run(capsys, "defences", "Labour", "-e", "2019", "--against", "Conservative",
                       "--limit", "3")
    assert code == 0
    first = next(ln for ln in out.splitlines() if ln.startswith("1 "))
    assert "Bedford" in first and " 145 " in first


def test_region_filter_and_sort_by_score(capsys):
    code, out, _ = run(capsys, "targets", "lab", "-e", "2019", "-r", "wales", "--limit", "3")
    assert code == 0 and "Delyn" in out.splitlines()[3]
    code, out, _ = run(capsys, "targets", "lab", "-e", "2019", "--sort", "score", "-w", "swing=1",
                       "--limit", "1")
    assert code == 0 and "Bury North" in out and "priority score" in out


def test_csv_json_xlsx_exports(tmp_path, capsys):
    csv = tmp_path / "t.csv"
    assert run(capsys, "targets", "lab", "-e", "2019", "--out", str(csv))[0] == 0
    df = pd.read_csv(csv)
    assert len(df) == 429 and df.loc[0, "seat"] == "Bury North"
    assert df.loc[0, "swing_needed"] == pytest.approx(0.11208, abs=1e-5)
    assert df.loc[0, "swing_needed_1dp"] == 0.2
    assert {"score", "score_swing", "score_leave", "score_town"} <= set(df.columns)
    js = tmp_path / "d.json"
    assert run(capsys, "defences", "lab", "-e", "2019", "-a", "con", "-o", str(js))[0] == 0
    rows = json.loads(js.read_text())
    assert rows[0]["seat"] == "Bedford" and rows[0]["lead_votes"] == 145
    xlsx = tmp_path / "p.xlsx"
    code, out, _ = run(capsys, "pilots", "lab", "-e", "2019", "--out", str(xlsx))
    assert code == 0 and "Wrote 33 rows" in out
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    # issue 14: a sheet for people first; the machine names and exact figures stay on "Data"
    assert wb.sheetnames == ["Pilots", "Data", "Columns", "Sources"]
    ws = wb["Data"]
    assert ws.freeze_panes == "C2"
    assert [c.value for c in ws[1]][:5] == ["code", "region", "pick", "rank", "seat"]
    assert ws["E2"].value == "Blyth Valley"
    people = wb["Pilots"]  # issue 18: a title row, then the header row
    assert people["A1"].value.startswith("Pilot seats from Lab targets, 2019 result, 2010 "
                                         "boundaries · made ")
    assert [c.value for c in people[2]][:4] == ["Region", "Pick in region", "Rank in list", "Seat"]
    assert people.freeze_panes == "E3" and people["D3"].value == "Blyth Valley"
    sources = "\n".join(str(r[0]) for r in wb["Sources"].iter_rows(values_only=True) if r[0])
    assert "Open Parliament Licence" in sources and "House of Commons Library" in sources


def test_xlsx_for_people(tmp_path, capsys):
    from openpyxl import load_workbook

    xlsx = tmp_path / "t.xlsx"
    assert run(capsys, "targets", "lab", "-e", "2019", "--out", str(xlsx))[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Targets", "Data", "Columns", "Sources"]
    ws = wb["Targets"]
    assert ws["A1"].value.startswith("Lab targets, 2019 result, 2010 boundaries, ranked by swing")
    head = [c.value for c in ws[2]]
    # issue 18: the key columns only (the rest on Data), printed one page wide
    assert head == ["Rank", "Seat", "Region", "Held by", "Majority (votes)",
                    "Majority (% points)", "Swing needed (points, rounded up)", "Why this seat"]
    assert ws.freeze_panes == "C3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    row = dict(zip(head, (c.value for c in ws[3]), strict=True))
    # Bury North: swing needed 0.112 is stored as displayed, rounded up; exact on "Data"
    assert row["Seat"] == "Bury North" and row["Swing needed (points, rounded up)"] == 0.2
    assert row["Held by"] == "Con" and row["Majority (votes)"] == 105
    # a Conservative gain from Labour in 2019 (it read "Con hold" before issue 18)
    assert row["Why this seat"] == ("Con gain from Lab in 2019, majority 105 (0.22%); leave 54%; "
                                    "large town; deprivation decile 4")
    assert ws["H3"].alignment.wrap_text
    data = {c.value: i for i, c in enumerate(wb["Data"][1])}
    assert wb["Data"][2][data["swing_needed"]].value == pytest.approx(0.11208, abs=1e-5)
    # no always-zero score columns under default weights, no column twice
    assert not any(h.startswith("Score from t") or h == "Score from history" for h in head
                   if h != "Score from town")
    assert len(head) == len(set(head))
    assert ws.column_dimensions["B"].width >= len("Brigg and Goole") + 1
    sources = [r[0] for r in wb["Sources"].iter_rows(values_only=True) if r[0]]
    assert any(s.startswith("What this is: Lab targets, 2019 result, 2010 boundaries")
               for s in sources)
    assert len(sources) == len(set(sources))
    assert any("because their weights are 0" in s for s in sources)
    # where Labour is second everywhere, majority = votes behind: shown once
    assert run(capsys, "targets", "lab", "-e", "2019", "-a", "con", "--max-swing", "3",
                   "-o", str(xlsx))[0] == 0
    head = [c.value for c in load_workbook(xlsx)["Targets"][2]]
    assert "Majority (votes)" in head and "Lab votes behind the winner" not in head
    # a defence list: the lead over the runner-up is the majority (shown once), the holder is Lab
    assert run(capsys, "defences", "lab", "-e", "2019", "-o", str(xlsx))[0] == 0
    head = [c.value for c in load_workbook(xlsx)["Defences"][2]]
    assert "Majority (votes)" in head and "Lab lead (votes)" not in head and "Held by" not in head
    assert run(capsys, "defences", "lab", "-e", "2019", "-a", "con", "-o", str(xlsx))[0] == 0
    head = [c.value for c in load_workbook(xlsx)["Defences"][2]]
    assert "Lab lead (votes)" in head  # against the Conservatives the lead differs


def test_every_seatmap_table_gets_a_sheet_for_people(tmp_path, capsys):
    from openpyxl import load_workbook

    xlsx = tmp_path / "r.xlsx"
    assert run(capsys, "redwall", "gains_2019", "--out", str(xlsx))[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Red wall", "Data", "Columns", "Sources"]
    assert wb["Red wall"]["A1"].value.startswith("Red wall: gains_2019, 2019 result, 2010 "
                                                 "boundaries · made ")
    head = [c.value for c in wb["Red wall"][2]]  # the key columns; the shares stay on Data
    assert head == ["Seat", "Region", "Winning party, 2017", "Winning party", "Result",
                    "Majority (votes)", "EU referendum leave share (%)"]
    row = dict(zip(head, (c.value for c in wb["Red wall"][3]), strict=True))
    assert row["Seat"] == "Bishop Auckland" and row["Winning party, 2017"] == "Lab"
    assert row["Majority (votes)"] == 7962 and row["EU referendum leave share (%)"] == 60.9
    assert wb["Data"]["A1"].value == "code" and "lab_pct" in [c.value for c in wb["Data"][1]]
    assert run(capsys, "project", "-c", "lab=+5,con=-5", "--out", str(xlsx))[0] == 0
    ws = load_workbook(xlsx)["Projection"]
    assert ws["A1"].value.startswith("Projection from the 2024 result, 2024 boundaries: UK: "
                                     "Lab +5, Con -5")
    head = [c.value for c in ws[2]]
    assert "Projected winner" in head and "Winner at the election" in head


def test_pilots_limit_and_region_options(capsys):
    code, out, _ = run(capsys, "pilots", "lab", "-e", "2019", "--limit", "2", "-r", "North West",
                       "--regions", "Wales")
    assert code == 0 and "6 seats" in out and "… 4 more" in out
    table = [ln for ln in out.splitlines() if ln.startswith(("North West", "Wales"))]
    assert len(table) == 2 and "Bury North" in table[0]


def test_piped_tables_show_full_names(capsys):
    # issue 14: captured output is not a terminal, so nothing is truncated
    code, out, _ = run(capsys, "defences", "lab", "-e", "2019", "-r", "West Midlands", "--limit", "0")
    assert code == 0 and "Coventry North East" in out and "Coventry North West" in out
    assert "…" not in out.split("\n", 2)[2]


def test_empty_selection_writes_nothing(tmp_path, capsys):
    out_file = tmp_path / "empty.csv"
    code, _, err = run(capsys, "targets", "lab", "-e", "2019", "-r", "Scotland", "--max-swing", "0.5",
                       "--out", str(out_file))
    assert code == 1 and not out_file.exists()
    assert "No seats match" in err and "in Scotland: 58" in err and "Nothing written" in err


@pytest.mark.parametrize("argv, expected", [
    (["targets", "whigs"], "Valid parties: con, lab"),
    (["targets", "lab", "-e", "1997"], "Valid values: 2010, 2015, 2017, 2019"),
    (["targets", "lab", "-r", "Narnia"], "Valid values: North East, North West"),
    (["targets", "lab", "-w", "charisma=1"], "Valid values: swing, leave, deprivation"),
    (["targets", "lab", "-w", "swing"], "key=value"),
    (["project", "-c", "whig=5"], "Valid parties"),
    (["project", "--area", "Wessex:lab=2"], "Unknown area 'Wessex'. Areas: Great Britain"),
    (["project"], "Give a share change"),
    (["pilots", "lab", "--regions", "Wessex"], "Valid values: North East"),
    (["redwall", "gainz_2019"], "Did you mean 'gains_2019'"),
    (["seat", "Bury Nrth"], "Closest matches: Bury North"),
])
def test_bad_input_lists_valid_values(capsys, argv, expected):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("seatmap: error: ") and expected in err


def test_seat_card_forgiving_names(capsys):
    code, out, _ = run(capsys, "seat", "BURY NORTH", "-e", "2019")
    assert code == 0
    assert out.startswith("Bury North (E14000611)")
    assert "Con gain from Lab — James Daly" in out
    assert "majority 105 (0.22 points) over Lab" in out
    assert "Lab 0.2 (#1 of 429 Lab targets)" in out
    assert "History: 2005 Lab · 2010 Con · 2015 Con · 2017 Lab · 2019 Con" in out
    assert "gains_2019 yes" in out and "leave 53.7%" in out
    for name in ("ynys mon", "Ynys Môn", "W07000041"):
        assert run(capsys, "seat", name, "-e", "2019")[1].startswith("Ynys Môn (W07000041)")
    assert run(capsys, "seat", "st albans", "-e", "2019")[1].startswith("St Albans")
    assert run(capsys, "seat", "Liverpool Walton", "-e", "2019")[1].startswith("Liverpool, Walton")


def test_redwall_commands(capsys, tmp_path):
    code, out, _ = run(capsys, "redwall")
    assert code == 0
    assert out.startswith("Red-wall definitions: seat counts on the 2019 result, 2010 boundaries")
    counts = {ln.split()[0]: int(ln.split()[1]) for ln in out.splitlines()[3:7]}
    assert counts == {"gains_2019": 54, "leave_heartlands": 143, "labour_since_2005": 201,
                      "demographic": 73}
    code, out, _ = run(capsys, "redwall", "gains_2019 & ~labour_since_2005")
    assert code == 0 and ": 18 seats" in out.splitlines()[0]
    assert ", 2019 result, 2010 boundaries: 18 seats" in out.splitlines()[0]
    f = tmp_path / "rw.csv"
    assert run(capsys, "redwall", "gains_2019", "-o", str(f))[0] == 0
    assert len(pd.read_csv(f)) == 54


def test_seat_card_names_the_census_and_the_estimates_of_the_boundary_set(capsys):
    import seatmap

    h = seatmap.seat_profile("Hartlepool", election=2024)
    assert h.census == "Census 2021" and round(float(h.get("routine_pct")), 1) == 30.5
    assert h.history_basis == {"2010": "notional estimate", "2015": "notional estimate",
                               "2017": "notional estimate", "2019": "notional"}
    out = run(capsys, "seat", "Hartlepool", "-e", "2024")[1]
    assert "Census 2021: routine and semi-routine jobs 30.5%, degree-level (level 4+) 24.8%" in out
    assert ("History: 2010 Lab (notional estimate) · 2015 Lab (notional estimate) · 2017 Lab "
            "(notional estimate) · 2019 Lab (notional) · 2024 Lab") in out
    assert "Census 2011" not in out
    assert seatmap.seat_profile("Bury North", 2019).census == "Census 2011"
    assert "Census 2011: routine and semi-routine jobs 25.3%" in run(capsys, "seat", "Bury North",
                                                                     "-e", "2019")[1]
    # Scotland's Census 2022 in the source has no class or qualification figures: not guessed
    g = seatmap.seat_profile("Glasgow North", election=2024)
    assert g.census == "Scotland's Census 2022" and g.get("routine_pct") is None
    out = run(capsys, "seat", "Glasgow North", "-e", "2024")[1]
    assert "Scotland's Census 2022: class and qualification figures not available" in out


def test_seat_card_for_northern_ireland_states_the_deprivation_caveat(capsys):
    import seatmap
    from seatmap.sources import NI_DEPRIVATION_CAVEAT

    for election in (2019, 2024):
        p = seatmap.seat_profile("Belfast West", election=election)
        assert p.census is None and p.get("imd_uk_decile") == 1
        assert p.caveats == [NI_DEPRIVATION_CAVEAT]
        out = " ".join(run(capsys, "seat", "Belfast West", "-e", str(election))[1].split())
        assert "Caveat: Northern Ireland on the UK deprivation scale: all 18 Northern Ireland " \
               "seats fall in UK deciles 1-2" in out
        assert "Census" not in out
    assert seatmap.seat_profile("Hartlepool", election=2024).caveats == []
    # the caveat's counts are the data's
    d = seatmap.load_deprivation(2024)
    ni = d.loc[d.index.str.startswith("N"), "imd_uk_decile"]
    assert len(ni) == 18 and ni.value_counts().to_dict() == {1: 14, 2: 4}


def test_exports_label_the_notional_history_as_estimates(tmp_path, capsys):
    from openpyxl import load_workbook

    from seatmap._store import read_table
    from seatmap.export import auto_columns, write_table

    xlsx = tmp_path / "t.xlsx"
    assert run(capsys, "targets", "lab", "-e", "2024", "--limit", "0", "--out", str(xlsx))[0] == 0
    wb = load_workbook(xlsx)
    import seatmap
    from seatmap.export import list_columns

    # the history is on the Data sheet; its header for people names the notional years
    head = [c.header for c in list_columns(seatmap.targets("lab", 2024), everything=True)]
    assert "Winners 2010-2024 (2010, 2015, 2017 notional estimates; 2019 notional)" in head
    assert "history" in [c.value for c in wb["Data"][1]]
    text = " ".join(str(c.value) for row in wb["Sources"].iter_rows() for c in row if c.value)
    assert "Not declared results on these boundaries: 2010, 2015, 2017 notional estimates" in text
    assert "CC BY-SA 4.0" in text  # Census 2021 on the 2024 seats is credited
    # the notional columns themselves, written for people
    est = read_table("results/notional_pcon2024.csv").set_index("code")
    out = write_table(est.loc[["E14001272"]], tmp_path / "n.xlsx", columns=auto_columns(est))
    sheet = load_workbook(out).worksheets[0]
    row = dict(zip([c.value for c in sheet[2]], [c.value for c in sheet[3]], strict=True))
    assert row["Winning party, 2017 (notional estimate)"] == "Lab"  # Hartlepool, unchanged seat
    assert "Labour share of the vote (%), 2010 (notional estimate)" in row
    assert "Majority (% of valid votes), 2015 (notional estimate)" in row


def test_cli_pilots_communities_writes_a_printable_xlsx(tmp_path, capsys):
    from openpyxl import load_workbook

    from seatmap.cli import main

    out = tmp_path / "pilots.xlsx"
    assert main(["pilots", "lab", "-e", "2024", "--communities", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "North East: 0 of 3" in err
    wb = load_workbook(out)
    assert wb.sheetnames == ["Pilots", "Data", "Columns", "Sources"]
    ws = wb["Pilots"]
    header = [c.value for c in ws[2]]  # issue 18: row 1 is the title row
    assert header[:6] == ["Region", "Pick in region", "Rank in list", "Held-back community",
                          "People", "Seat"]
    assert header[-1] == "Why this community" and ws.page_setup.orientation == "landscape"
    assert ws.max_row == 2 + len(seatmap.pilots(seatmap.targets("lab", 2024), level="community"))


def test_pilots_sorted_by_score_show_the_score(capsys):
    code, out, _ = run(capsys, "pilots", "lab", "--sort", "score", "-r", "London", "--limit", "1")
    assert code == 0 and "ranked by priority score" in out.splitlines()[0]
    head = out.splitlines()[1].split()
    assert head[-1] == "Score" and "Swing" not in head
    first = out.splitlines()[3]
    assert first.startswith("London") and first.split()[-1] == "55.1"  # Romford's score
    code, out, _ = run(capsys, "pilots", "lab", "-r", "London", "--limit", "1")
    assert out.splitlines()[1].split()[-1] == "Swing"


def _pdf_page_text(xlsx, tmp_path, page=1) -> str:
    import shutil
    import subprocess

    office, gs = shutil.which("libreoffice") or shutil.which("soffice"), shutil.which("gs")
    if not office or not gs:
        pytest.skip("LibreOffice and Ghostscript render the XLSX to PDF (apt-get install "
                    "libreoffice-calc ghostscript)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(xlsx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (xlsx.stem + ".pdf")
    return subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite",
                           f"-dFirstPage={page}", f"-dLastPage={page}", "-sOutputFile=-",
                           str(pdf)], check=True, capture_output=True, text=True).stdout


def test_printed_target_list_shows_every_key_column_on_page_one(tmp_path, capsys):
    xlsx = tmp_path / "targets.xlsx"
    assert run(capsys, "targets", "lab", "--out", str(xlsx))[0] == 0
    text = " ".join(_pdf_page_text(xlsx, tmp_path).split())
    assert "Lab targets, 2024 result, 2024 boundaries, ranked by swing · made" in text
    for header in ("Rank", "Seat", "Region", "Held by", "Majority (votes)", "Majority (%",
                   "Swing needed", "Why this seat"):
        assert header in text, header
    # the first rows, reason included, are on page 1
    assert "Basildon and Billericay" in text and "Con hold in 2024, majority 20 (0.05%)" in text
    assert "Central Devon" in text and "Havant" in text
