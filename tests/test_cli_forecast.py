"""The forecasting commands (seatmap._cli_forecast): project, backtest, battleground."""

import pandas as pd

import seatmap
from seatmap.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_a_party_twice(capsys):
    from seatmap.cli import main

    assert main(["project", "-c", "lab=+5,lab=-5"]) == 2
    assert "given twice" in capsys.readouterr().err
    assert main(["project", "-c", "lab=+5,Labour=-5"]) == 2
    assert "same party" in capsys.readouterr().err
    # an area given twice is an error for changes and polls alike (it was silently overwritten)
    assert main(["project", "--area", "Scotland:snp=+3", "--area", "Scotland:snp=-3"]) == 2
    assert "'Scotland' is given twice" in capsys.readouterr().err
    assert main(["battleground", "lab", "--area-poll", "Wales:lab=40",
                 "--area-poll", "Wales:lab=30"]) == 2
    assert "'Wales' is given twice" in capsys.readouterr().err
    assert main(["project", "--area", "Scotland snp=+3"]) == 2
    assert "AREA:party=points" in capsys.readouterr().err


def test_backtest_cli(capsys):
    from seatmap.cli import main

    assert main(["backtest"]) == 0
    out = capsys.readouterr().out
    assert "2019-2024" in out and "demographic" in out


def test_cli_poll_paths(capsys):
    from seatmap.cli import main

    assert main(["project", "-e", "2024", "-m", "demographic", "--poll",
                 "reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Demographic model from the 2024 results" in out and "Reform" in out
    assert "Delivered in Great Britain: con 18.0, lab 22.0" in out
    assert main(["battleground", "snp", "--poll", "reform=29,lab=22,con=18,ld=13,green=10",
                 "--area-poll", "Scotland:snp=35,lab=25", "--simulate", "0", "--limit", "3"]) == 0
    assert "SNP could gain" in capsys.readouterr().out
    assert main(["battleground", "lab", "--poll", "lab=60,con=50"]) == 2
    assert "add up to 110" in capsys.readouterr().err


def test_project_and_backtest(capsys, tmp_path):
    code, out, _ = run(capsys, "project", "-e", "2019", "-c", "lab=+5,con=-5", "--limit", "3")
    code, out, _ = run(capsys, "project", "-e", "2019", "-c", "lab=+5,con=-5", "--limit", "3",
                       "-m", "uniform")
    assert code == 0 and ("Uniform model from the 2019 results (2019 result, 2010 boundaries): "
                          "62 seats change hands") in out
    assert "Bury North" in out
    code, out, _ = run(capsys, "project", "-e", "2019", "-c", "lab=+5,con=-5", "--simulate",
                       "500")
    assert code == 0 and "500 simulations" in out
    code, out, _ = run(capsys, "project", "--backtest")
    assert code == 0
    first = out.split("\n\n")[0]
    assert "uniform                   581    632" in first  # docs/forecasting.md
    assert "mixed                     584    632" in first
    f = tmp_path / "proj.csv"
    assert run(capsys, "project", "-e", "2019", "-c", "lab=5,con=-5", "-m", "all",
                   "-o", str(f))[0] == 0
    df = pd.read_csv(f)
    assert len(df) == 2600 and set(df["model"]) == {"uniform", "proportional", "mixed",
                                                    "demographic"}


def test_backtest_prints_integers(capsys):
    code, out, _ = run(capsys, "backtest")
    assert code == 0
    rows = [ln.split() for ln in out.splitlines() if ln.startswith("2017-2019")]
    uniform = next(r for r in rows if r[1] == "uniform")
    # uniform swing, 2017 -> 2019 on GB seats: 581 of 632 winners right (docs/forecasting.md's
    # backtest table), printed as integers, not "581.0  632.0"
    assert uniform[2:4] == ["581", "632"] and not any(".0" in r[2] + r[3] for r in rows)


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
