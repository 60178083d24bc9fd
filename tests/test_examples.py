"""Every example runs on the bundled data and writes what it promises."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(name: str, out: Path) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), str(out)], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_strategist(tmp_path):
    # issue 18: the next election, from the 2024 result on the 2024 boundaries (Commons Library
    # CBP-10009: Basildon and Billericay Con majority 20; Hendon Lab majority 15)
    out = run("strategist.py", tmp_path)
    assert "2024 result, 2024 boundaries" in out
    assert "Basildon and Billericay" in out and "Hendon" in out
    # the projection's before figures are the 2024 result (Labour 411, Reform UK 5 seats); the
    # after figures are the forecasting model's (docs/forecasting.md), checked there
    line = next(ln for ln in out.splitlines() if ln.startswith("Uniform swing, Lab -3 / Reform +3"))
    assert "Labour 411 -> " in line and "Reform 5 -> " in line
    changed = int(line.split("; ")[1].split()[0])
    book = tmp_path / "lab_targets_2024.xlsx"
    targets = pd.read_excel(book, sheet_name="Data")
    assert targets.loc[0, "seat"] == "Basildon and Billericay" and targets.loc[0, "majority"] == 20
    people = pd.read_excel(book, sheet_name="Targets", header=1)  # row 1 is the title
    assert people.loc[0, "Swing needed (points, rounded up)"] == 0.1
    assert people.loc[0, "Why this seat"].startswith("Con hold in 2024, majority 20 (0.05%)")
    title = pd.read_excel(book, sheet_name="Targets", header=None).iloc[0, 0]
    assert title.startswith("Lab targets, 2024 result, 2024 boundaries, ranked by swing")
    sources = pd.read_excel(book, sheet_name="Sources", header=None)
    assert sources[0].str.contains("Open Parliament Licence").any()
    assert "Basildon and Billericay" in (tmp_path / "lab_map_2024.html").read_text()
    changes = pd.read_csv(tmp_path / "lab_minus3_changes.csv")
    assert len(changes) == changed > 0


def test_organiser(tmp_path):
    # the 2019 red-wall story; issue 18: one list of shortfalls, always reported (the default
    # regions included): three asked per region, 22 written
    out = run("organiser.py", tmp_path)
    assert "54 red-wall targets" in out
    for line in ("East of England: 2 of 3", "London: 1 of 3", "South East: 0 of 3",
                 "South West: 1 of 3", "Scotland: 0 of 3"):
        assert f"Short of pilots in {line}" in out
    picks = pd.read_excel(tmp_path / "pilots.xlsx", sheet_name="Data")
    assert len(picks) == 22
    assert picks.groupby("region").size().max() == 3
    assert not picks.duplicated("la_code").any()
    assert picks["reason"].str.len().gt(20).all()
    assert picks["rank"].max() <= 54 and picks["reason"].str.contains(" of 54 in the list").all()
    people = pd.read_excel(tmp_path / "pilots.xlsx", sheet_name="Pilots", header=1)
    assert list(people.columns[:4]) == ["Region", "Pick in region", "Rank in list", "Seat"]


def test_analyst_maps(tmp_path):
    run("analyst_maps.py", tmp_path)
    htmls = sorted(p.name for p in tmp_path.glob("*.html"))
    assert htmls == ["deprivation.html", "leave.html", "swing_needed.html", "winners_hex.html"]
    for p in tmp_path.glob("*.html"):
        limit = 500_000 if "hex" in p.name else 1_500_000
        assert p.stat().st_size <= limit, p.name
        text = p.read_text()
        assert "Bury North" in text and "<script src=\"http" not in text
    assert (tmp_path / "leave.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_example_runs(tmp_path):
    proc = subprocess.run([sys.executable, str(EXAMPLES / "explorer.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "lab_explorer_2024.html").exists()
    assert "uniform: Reform 280, Labour 163, Conservatives 46, Lib Dems 77" in proc.stdout
