"""Formatting for people (seatmap._format): rounded-up swings, numbers, text tables."""

from seatmap._format import fmt_int, fmt_num, fmt_up, text_table


def test_round_up_display_of_needed_swing():
    assert fmt_up(0.13) == "0.2"
    assert fmt_up(0.1) == "0.1"
    assert fmt_up(0.11) == "0.2"
    assert fmt_up(1.0) == "1.0"
    assert fmt_up(float("nan")) == "–"
    assert fmt_int(13966454) == "13,966,454"
    assert fmt_num(43.63, 1, "%") == "43.6%"


def test_text_table_aligns_and_truncates():
    out = text_table([["Bury North", "105"], ["Kensington", "150"]], ["Seat", "Maj"], "lr")
    lines = out.splitlines()
    assert lines[0].startswith("Seat") and lines[2].endswith("105")
    narrow = text_table([["x" * 200, "1"]], ["Seat", "Maj"], "lr", max_width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "…" in narrow


def test_terminal_tables_never_truncate_two_seats_alike():
    from seatmap._format import text_table

    rows = [["Coventry North East", "x" * 60], ["Coventry North West", "y" * 60]]
    seats = [ln.split("  ")[0] for ln in text_table(rows, ["Seat", "Note"], max_width=40)
             .splitlines()[2:]]
    assert seats[0] != seats[1]
