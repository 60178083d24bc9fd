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
