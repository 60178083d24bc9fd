"""The entry point (seatmap.cli): the commands it defines itself, `summary` and `sources`.

Every other command is tested with its group (tests/test_cli_<group>.py), `audit` with the
report it writes (test_reports.py), and every writer's faults in test_faults.py.
"""

from seatmap.cli import main
from seatmap.sources import SOURCES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _row(out: str, party: str) -> list[str]:
    line = next(ln for ln in out.splitlines() if ln.startswith(party + "  "))
    return line[len(party):].split()


def test_summary_of_2024_is_the_published_result(capsys):
    code, out, _ = run(capsys, "summary")  # the default election: 2024
    assert code == 0
    assert out.startswith("General election of 4 July 2024 — 650 seats: 2024 result, "
                          "2024 boundaries")
    assert "Seats by nation: England 543, Wales 32, Scotland 57, Northern Ireland 18" in out
    # House of Commons Library, General election 2024 results: seats, votes and GB+NI shares
    assert _row(out, "Labour") == ["411", "9,708,716", "33.7%"]
    assert _row(out, "Conservative") == ["121", "6,828,925", "23.7%"]
    assert _row(out, "Liberal Democrats") == ["72", "3,519,143", "12.2%"]
    assert _row(out, "Reform UK") == ["5", "4,117,620", "14.3%"]  # its 2024 name
    assert "Brexit Party" not in out
    assert "turnout 59.8%" in out


def test_summary_of_2019_names_the_brexit_party(capsys):
    code, out, _ = run(capsys, "summary", "--election", "2019")
    assert code == 0 and "2019 result, 2010 boundaries" in out
    assert _row(out, "Conservative") == ["365", "13,966,454", "43.6%"]
    assert _row(out, "Labour") == ["202", "10,269,051", "32.1%"]
    assert _row(out, "Brexit Party")[0] == "0"  # no seat, 644,257 votes (2.0%)
    assert _row(out, "Brexit Party")[1] == "644,257"
    assert "Reform UK" not in out


def test_sources_prints_every_source_with_its_attribution(capsys):
    code, out, _ = run(capsys, "sources")
    assert code == 0
    for s in SOURCES.values():
        assert s.title in out and f"{s.publisher} — {s.licence}" in out
    assert "Open Parliament Licence" in out and "Open Government Licence v3.0" in out
