"""The helpers every command shares (seatmap._cli_common): --out still prints the table and every
note."""

from seatmap.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


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
