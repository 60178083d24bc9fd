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
    out = run("strategist.py", tmp_path)
    assert "Bury North" in out and "Bedford" in out
    assert "Uniform swing, Lab +5 / Con -5: Labour 202 -> 253, Conservatives 365 -> 304" in out
    targets = pd.read_excel(tmp_path / "lab_targets_2019.xlsx", sheet_name="Data")
    assert targets.loc[0, "seat"] == "Bury North"
    people = pd.read_excel(tmp_path / "lab_targets_2019.xlsx", sheet_name="Targets")
    assert people.loc[0, "Swing needed (points, rounded up)"] == 0.2
    sources = pd.read_excel(tmp_path / "lab_targets_2019.xlsx", sheet_name="Sources", header=None)
    assert sources[0].str.contains("Open Parliament Licence").any()
    changes = pd.read_csv(tmp_path / "lab_plus5_changes.csv")
    assert len(changes) == 62


def test_organiser(tmp_path):
    out = run("organiser.py", tmp_path)
    # issue 14: no shortfall line for regions the organiser did not ask for (Scotland)
    assert "54 red-wall targets" in out and "Short of pilots in Scotland" not in out
    picks = pd.read_excel(tmp_path / "pilots.xlsx", sheet_name="Data")
    assert len(picks) == 22
    assert picks.groupby("region").size().max() == 3
    assert not picks.duplicated("la_code").any()
    assert picks["reason"].str.len().gt(20).all()
    assert picks["rank"].max() <= 54 and picks["reason"].str.contains(" of 54 in the list").all()
    people = pd.read_excel(tmp_path / "pilots.xlsx", sheet_name="Pilots")
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
