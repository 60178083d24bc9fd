"""`seatmap explore` presets (issue 20 item 4): duplicate labels refused, areas never read as a
label, nation shares through --area-poll."""

import pytest

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
