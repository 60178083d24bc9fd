"""Issue 18: the current Parliament first (2024 by default), one name resolver, true reasons and
lists ready for the meeting."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import seatmap
from seatmap._validate import SeatmapError
from seatmap.cli import main
from seatmap.join import match_seats


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- one name resolver: seat, seat_profile, join and crosswalk -------------------------------

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


# -- reasons that are true -----------------------------------------------------------------

# the Commons Library's abbreviations in its published result strings -> seatmap's labels
PUBLISHED_LABELS = {"RUK": "Reform", "APNI": "Alliance", "Lab Coop": "Lab", "Spk": "Speaker"}


def _published(result: str) -> str:
    for short, label in sorted(PUBLISHED_LABELS.items(), key=lambda kv: -len(kv[0])):
        result = result.replace(f"from {short}", f"from {label}")
        if result.startswith(short + " "):
            result = label + result[len(short):]
    return result


@pytest.mark.parametrize("election", ["2017", "2019", "2024"])
def test_results_text_agrees_with_every_published_result(election):
    from seatmap.targeting import results_text

    seats = seatmap.load_seats(election, geometry=False)
    ours = results_text(seats)
    published = seats["result"].map(_published)
    assert (ours == published).all(), ours[ours != published].head()
    # the example: Bury North was a Conservative gain from Labour in 2019
    if election == "2019":
        assert ours["E14000611"] == "Con gain from Lab"


@pytest.mark.parametrize("election", ["2010", "2015", "2019-notional"])
def test_results_text_follows_the_previous_winner_where_nothing_is_published(election):
    from seatmap.targeting import previous_winner, results_text

    seats = seatmap.load_seats(election, geometry=False)
    prev, year = previous_winner(seats)
    assert year == {"2010": "2005", "2015": "2010", "2019-notional": "2017"}[election]
    text = results_text(seats)
    gains = text.str.contains(" gain from ").fillna(False)
    assert (seats.loc[gains, "winner"] != prev[gains]).all()
    assert (seats.loc[text.str.endswith(" hold").fillna(False), "winner"]
            == prev[text.str.endswith(" hold").fillna(False)]).all()
    # 2015 in Northern Ireland: the 2010 winners are not in the sources, so "win", not "hold"
    if election == "2015":
        assert text["N06000004"] == "SF win"


@pytest.mark.parametrize("election", [2019, 2024])
def test_every_reason_of_every_list_names_the_true_result(election):
    from seatmap.targeting import reasons

    seats = seatmap.load_seats(election, geometry=False)
    published = seats["result"].map(_published)
    year = 2019 if election == 2019 else 2024
    checked = 0
    for party in ("con", "lab", "ld", "snp", "green", "reform", "pc", "dup", "sf"):
        for fn in (seatmap.targets, seatmap.defences):
            try:
                ranked = fn(party, election)
            except SeatmapError:
                continue  # e.g. Reform did not stand in 2019 under that name
            if ranked.empty:
                continue
            why = reasons(ranked)
            expected = published.reindex(ranked.index) + f" in {year}, "
            assert all(w.startswith(e) for w, e in zip(why, expected, strict=True)), party
            checked += len(ranked)
    assert checked > 2000
    if election == 2019:
        why = reasons(seatmap.targets("lab", 2019).head(1)).iloc[0]
        assert why.startswith("Con gain from Lab in 2019, majority 105 (0.22%)")


# -- CLI: --out still prints; backtest integers; pilots --sort score --------------------------

def test_out_still_prints_the_table_and_every_note(tmp_path, capsys):
    code, out, _ = run(capsys, "targets", "lab", "--limit", "3", "--out", str(tmp_path / "t.xlsx"))
    assert code == 0
    assert out.startswith("Lab targets, 2024 result, 2024 boundaries: 220 seats")
    assert "Basildon and Billericay" in out and "… 217 more (all in the file" in out
    assert "Wrote 220 rows to" in out
    assert "Note: Swings are exact, in points of valid votes" in out
    assert "Note: Swing needed method: pairwise" in out
    code, out, _ = run(capsys, "battleground", "lab", "--poll",
                       "reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1", "--simulate", "0",
                       "--limit", "2", "--out", str(tmp_path / "bg.xlsx"))
    assert code == 0 and "Lab could gain: " in out and "Lab could lose: " in out
    # how the poll was completed, dropped with --out before issue 18
    assert "Note: Great Britain: the " in out and " points not named go to " in out
    code, out, _ = run(capsys, "redwall", "gains_2019", "--out", str(tmp_path / "r.csv"))
    assert "Bishop Auckland" in out and "Wrote 54 rows" in out
    code, out, _ = run(capsys, "project", "-c", "lab=-3,reform=+3", "--limit", "1",
                       "--out", str(tmp_path / "p.csv"))
    assert "seats change hands" in out and "Wrote 650 rows" in out and "Note: " in out


def test_backtest_prints_integers(capsys):
    code, out, _ = run(capsys, "backtest")
    assert code == 0
    rows = [ln.split() for ln in out.splitlines() if ln.startswith("2017-2019")]
    uniform = next(r for r in rows if r[1] == "uniform")
    # uniform swing, 2017 -> 2019 on GB seats: 581 of 632 winners right (docs/forecasting.md's
    # backtest table), printed as integers, not "581.0  632.0"
    assert uniform[2:4] == ["581", "632"] and not any(".0" in r[2] + r[3] for r in rows)


def test_pilots_sorted_by_score_show_the_score(capsys):
    code, out, _ = run(capsys, "pilots", "lab", "--sort", "score", "-r", "London", "--limit", "1")
    assert code == 0 and "ranked by priority score" in out.splitlines()[0]
    head = out.splitlines()[1].split()
    assert head[-1] == "Score" and "Swing" not in head
    first = out.splitlines()[3]
    assert first.startswith("London") and first.split()[-1] == "55.1"  # Romford's score
    code, out, _ = run(capsys, "pilots", "lab", "-r", "London", "--limit", "1")
    assert out.splitlines()[1].split()[-1] == "Swing"


# -- the battleground for people -----------------------------------------------------------

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}


def test_battleground_export_for_people(tmp_path, capsys):
    from openpyxl import load_workbook

    path = tmp_path / "bg.xlsx"
    code, _, _ = run(capsys, "battleground", "lab", "--poll",
                     "reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1", "--simulate", "300",
                     "--out", str(path))
    assert code == 0
    bg = seatmap.battleground("lab", poll=POLL, simulations=300)
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["Gains", "Losses", "Data"]
    for sheet, kind in (("Gains", "gain"), ("Losses", "loss")):
        ws = wb[sheet]
        title = ws["A1"].value
        assert "2024 result, 2024 boundaries" in title and "within 10 points" in title
        head = [c.value for c in ws[2]]
        assert head[:5] == ["Seat", "Region", "Held by", "Projected winner", "Main rival to Labour"]
        assert head[5:7] == ["Labour projected margin (points)", "Labour win probability (%)"]
        rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=3)]
        part = bg[(bg["kind"] == kind) & (bg["margin"].abs() <= 10)]
        assert len(rows) == len(part) > 0  # the within rule, applied to both lists
        margins = [abs(r["Labour projected margin (points)"]) for r in rows]
        assert margins == sorted(margins)  # closest first
        assert all(r["Labour win probability (%)"] == round(100 * p) for r, p in
                   zip(rows, part.set_index("seat").loc[[r["Seat"] for r in rows], "p_win"],
                       strict=True))
        assert all(isinstance(r["Labour win probability (%)"], int) for r in rows)
        assert all(r["Held by"] in ("Conservative", "Labour", "Reform UK / Brexit Party",
                                    "Liberal Democrats", "Independent", "Green",
                                    "Scottish National Party", "Plaid Cymru", "The Speaker")
                   for r in rows)
        assert all(m == round(m, 1) for m in margins)
    lost = int(((bg["kind"] == "loss") & (bg["margin"] < -10)).sum())
    assert f"({lost} more projected lost by more than 10)" in wb["Losses"]["A1"].value
    assert wb["Data"]["A1"].value == "code"  # the exact figures stay on Data


# -- spreadsheets ready for the meeting: page 1 shows every key column -----------------------

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


def test_the_lumped_other_row_is_never_ranked_as_one_candidate():
    # In 2024 the lumped "other" row (several candidates) out-polls the real runner-up in 7
    # seats; a place is counted among the named parties, with the published runner-up second
    from seatmap.swing import winner_share
    from seatmap.targeting import share_rank

    seats = seatmap.load_seats(2024, geometry=False)
    _, runner = winner_share(seats)
    lumped = seats[(seats["other_pct"] > runner) & (seats["runner_up"] != "other")]
    assert len(lumped) == 7
    assert {"Leicester East", "Oxford East", "Poplar and Limehouse"} <= set(lumped["name"])
    for code, row in lumped.iterrows():
        assert share_rank(seats, row["runner_up"])[code] == 2
    # Leicester East (Commons Library CBP-10009): Con 14,526, Lab 10,100, LD 6,329, then the
    # independents Claudia Webbe 5,532 and Keith Vaz: the Liberal Democrats were 3rd, not 4th
    leicester = seats.index[seats["name"] == "Leicester East"][0]
    assert share_rank(seats, "ld")[leicester] == 3
    t = seatmap.targets("ld").loc[leicester]
    assert t["position"] == 3 and t["behind_votes"] == 14526 - 6329
