"""The forecasting commands (seatmap._cli_forecast): project, backtest, battleground."""

import pandas as pd

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
