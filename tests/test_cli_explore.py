"""The explorer command (seatmap._cli_explore): `seatmap explore` writes the page; its --poll
parsing; presets (issue 20 item 4): duplicate labels refused, areas never read as a label, nation
shares through --area-poll."""

import subprocess
import sys

import pytest

from seatmap import SeatmapError
from seatmap._cli_explore import parse_poll
from seatmap.cli import main


def test_duplicate_labels_and_area_labels_are_refused(capsys, tmp_path):
    out = str(tmp_path / "x.html")
    assert main(["explore", "--poll", "A:reform=29", "--poll", "A:lab=40", "--out", out]) == 2
    assert "Two --poll presets are labelled 'A'" in capsys.readouterr().err
    assert main(["explore", "--poll", "Scotland:snp=30", "--out", out]) == 2
    assert "'Scotland' in --poll 'Scotland:snp=30' is an area" in capsys.readouterr().err
    assert main(["explore", "--poll", "A:lab=30", "--area-poll", "B/Scotland:snp=30",
                 "--out", out]) == 2
    assert "no --poll preset is labelled 'B'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_area_poll_reaches_the_preset(capsys, tmp_path):
    out = tmp_path / "x.html"
    assert main(["explore", "--poll", "Nov: reform=29,lab=22,con=18,ld=13,green=10",
                 "--area-poll", "Nov/Scotland: snp=30,lab=25,reform=15", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Nov" in capsys.readouterr().out and '"Scotland"' in html


def test_parse_poll():
    assert parse_poll("lab=30, con=20") == (None, {"lab": 30.0, "con": 20.0})
    assert parse_poll("Opinium 3 Nov: reform=31")[0] == "Opinium 3 Nov"
    with pytest.raises(SeatmapError, match="key=value"):
        parse_poll("lab 30")
    with pytest.raises(SeatmapError, match="not a number"):
        parse_poll("lab=thirty")


def test_command_writes_the_page(tmp_path):
    out = tmp_path / "explorer.html"
    proc = subprocess.run([sys.executable, "-m", "seatmap", "explore", "--election", "2024",
                           "--party", "lab", "--out", str(out), "--poll",
                           "YouGov 2 Nov: reform=29,lab=22,con=18"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "presets: 2024 result, 2019 notional shares, YouGov 2 Nov" in proc.stdout
    assert out.stat().st_size <= 2_000_000
    bad = subprocess.run([sys.executable, "-m", "seatmap", "explore", "--poll", "lab=200",
                          "--out", str(tmp_path / "x.html")], capture_output=True, text=True,
                         timeout=300)
    assert bad.returncode == 2 and "between 0 and 100" in bad.stderr
