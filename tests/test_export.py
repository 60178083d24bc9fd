"""The table writer: formula injection (issue 9 item 4) and the people-shaped XLSX (issue 14)."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from seatmap.export import write_table

#: The classic CSV/XLSX injection payloads (OWASP "CSV injection").
PAYLOADS = ['=HYPERLINK("http://x","click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)",
            "\t=1", "\r=1", "=1+1\r\n", "ordinary"]


def _cells(path):
    wb = load_workbook(path)
    return [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("where", ["values", "header", "title"])
def test_xlsx_writes_every_string_as_text(tmp_path, where):
    if where == "values":
        df = pd.DataFrame({"name": PAYLOADS, "n": range(len(PAYLOADS))})
        kw = {}
    elif where == "header":
        df = pd.DataFrame([list(range(len(PAYLOADS)))], columns=PAYLOADS)
        kw = {}
    else:
        df = pd.DataFrame({"a": [1]})
        kw = {"title": PAYLOADS[0], "notes": PAYLOADS}
    out = write_table(df, tmp_path / "t.xlsx", **kw)
    cells = _cells(out)
    assert not [c.coordinate for _, c in cells if c.data_type == "f"]
    texts = [c.value for _, c in cells if isinstance(c.value, str)]
    for payload in PAYLOADS:
        assert payload in texts, payload          # exactly the input, carriage returns included
    risky = [c for _, c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert risky and all(c.quotePrefix for c in risky)


def test_xlsx_numbers_stay_numbers(tmp_path):
    out = write_table(pd.DataFrame({"seat": ["Bury North"], "majority": [105], "swing": [-0.25]}),
                      tmp_path / "t.xlsx")
    ws = load_workbook(out).worksheets[0]
    values = [c.value for c in ws[2]]
    assert 105 in values and -0.25 in values


def test_csv_passes_strings_through_unchanged(tmp_path):
    # Documented choice: CSV is data, written exactly as given (no quote prefix).
    out = write_table(pd.DataFrame({"name": ["=1+1", "+44 7700 900123", "-2"]}), tmp_path / "t.csv")
    assert pd.read_csv(out, dtype=str)["name"].tolist() == ["=1+1", "+44 7700 900123", "-2"]


def test_xlsx_sheets_are_laid_out_to_fit(tmp_path):
    """Widths, number formats, wrapping, heights, panes and filters, worked out by hand."""
    from seatmap.export import Column

    frame = pd.DataFrame({"seat": ["Bury North", "A very long seat name indeed"],
                          "majority": [105, 12345], "swing": [0.13, 2.5],
                          "reason": ["short", "x" * 100]})
    columns = [Column("seat", "Seat", width=20), Column("majority", "Majority (votes)", 0),
               Column("swing", "Swing needed (points)", 1, round_up=True),
               Column("reason", "Why", width=30, wrap=True)]
    wb = load_workbook(write_table(frame, tmp_path / "t.xlsx", columns=columns, sheet="List",
                                   about="A" * 100))
    people, data = wb["List"], wb["Data"]

    title = people["A1"].value
    assert title.startswith("A" * 100 + " · made ") and title.endswith(" with seatmap")
    assert people["A1"].font.bold and people["A1"].font.size == 13
    assert [str(r) for r in people.merged_cells.ranges] == ["A1:D1"]
    assert [c.value for c in people[2]] == ["Seat", "Majority (votes)", "Swing needed (points)",
                                            "Why"]
    assert all(c.font.bold and c.fill.fgColor.rgb == "001F3A5F" for c in people[2])
    assert people.freeze_panes == "B3" and people.auto_filter.ref == "A2:D4"
    # the seat stops at its width (20) and wraps; the numbers fit their 14-character headers
    # plus one; the reason is exactly its width
    widths = {k: people.column_dimensions[k].width for k in "ABCD"}
    assert widths == {"A": 20, "B": 15, "C": 15, "D": 30}
    assert people["A4"].alignment.wrap_text and people["D3"].alignment.wrap_text
    assert not people["B3"].alignment.wrap_text and people["B3"].alignment.vertical == "top"
    assert (people["B4"].value, people["B4"].number_format) == (12345, "#,##0")
    assert (people["C3"].value, people["C3"].number_format) == (0.2, "0.0")  # rounded up
    # the header row: two lines ("Swing needed (points)" in 14); the second row: 100 characters
    # of reason in 28 are four lines; the title: its length over 90% of the 80 characters
    assert people.row_dimensions[2].height == 30
    assert people.row_dimensions[3].height is None and people.row_dimensions[4].height == 60
    assert people.row_dimensions[1].height == 18 * -(-len(title) // 72)

    assert [c.value for c in data[1]] == ["seat", "majority", "swing", "reason"]
    assert data.freeze_panes == "C2" and data.auto_filter.ref == "A1:D3"
    assert {k: data.column_dimensions[k].width for k in "ABCD"} == {"A": 30, "B": 10, "C": 7,
                                                                    "D": 48}
    assert (data["C2"].value, data["C2"].number_format) == (0.13, "0.00")
    assert data["B2"].number_format == "General" and data.row_dimensions[1].height == 15
