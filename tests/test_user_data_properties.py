"""Property-based tests over every path a user's data takes (issue 9): nothing is lost or changed.

For any input table hypothesis can think of (text with leading zeros, ``NA``/``None``/``null``
words, unicode, empty cells, duplicate and missing keys, coordinates at sea, on borders, NaN,
infinite or absurd), every input row appears in the output or in the report, and pass-through
columns come out unchanged. The examples are derandomised (the same inputs on every run), and
each test checks the counts published in ``docs/your-data.md`` ("Property-based tests").
"""

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seatmap
from seatmap.cli import main
from seatmap.join import STATUSES as JOIN_STATUSES
from seatmap.join import join_user_data
from seatmap.points import STATUSES as POINT_STATUSES
from seatmap.points import assign_points
from seatmap.postcodes import STATUSES as POSTCODE_STATUSES
from seatmap.postcodes import assign_postcodes

DOCS = Path(__file__).resolve().parents[1] / "docs" / "your-data.md"
EXAMPLES = {"assign_points": 150, "seatmap assign (CLI)": 40, "join_user_data": 150,
            "crosswalk": 100, "assign_postcodes": 150}
SETTINGS = {"deadline": None, "derandomize": True, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
TRIED: dict[str, dict[str, int]] = {k: {"inputs": 0, "rows": 0, "lost": 0} for k in EXAMPLES}

REG10 = seatmap.load_constituencies("2010")
REG24 = seatmap.load_constituencies("2024")

# cell text a careless or hostile user might have: words pandas would turn into NaN, numbers
# that lose their leading zeros or become floats, formulas, unicode, quotes, separators
TRICKY = st.sampled_from(["NA", "N/A", "None", "null", "NaN", "nan", "", " ", "00123", "007",
                          "07700900123", "7700900123", "1e5", "-0", "+44 20 7946 0000",
                          "=HYPERLINK(\"http://x\")", "@SUM(A1)", "Zoë", "a,b", 'say "hi"',
                          "semi;colon", "tab\there", "0.10", "TRUE", "#N/A", "1,234"])
CELL = st.one_of(TRICKY, st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                        blacklist_characters="\r\n\x00"),
                                 max_size=12))
# longitude/latitude: inside seats, at sea, out of range, missing, infinite
LON = st.one_of(st.floats(-6.0, 1.7), st.floats(-12.0, 4.0), st.just(float("nan")),
                st.sampled_from([float("inf"), 200.0, -2.2995, -0.1246]))
LAT = st.one_of(st.floats(50.0, 58.5), st.floats(48.0, 62.0), st.just(float("nan")),
                st.sampled_from([float("-inf"), 95.0, 53.5933, 51.4996]))


def _published(path: str) -> tuple[int, int]:
    """(inputs tried, minimum rows tried) for a path, from the table in docs/your-data.md."""
    text = DOCS.read_text()
    m = re.search(rf"^\| `?{re.escape(path)}`? \| ([\d,]+) \| at least ([\d,]+) \| 0 \|", text,
                  re.MULTILINE)
    assert m, f"docs/your-data.md does not publish the counts for {path}"
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))


def _check_published(path: str) -> None:
    inputs, rows = _published(path)
    tried = TRIED[path]
    assert tried["lost"] == 0
    assert tried["inputs"] == inputs == EXAMPLES[path]
    assert tried["rows"] >= rows


def _run(path: str, prop, *args) -> None:
    """Run a property over its examples, then check the counts published in the docs."""
    TRIED[path] = {"inputs": 0, "rows": 0, "lost": 0}
    prop(*args)
    print(f"{path}: {TRIED[path]}")
    _check_published(path)


def _tally(path: str, rows: int) -> None:
    TRIED[path]["inputs"] += 1
    TRIED[path]["rows"] += rows


# -- assign_points ----------------------------------------------------------------------------

@st.composite
def member_tables(draw, min_size=0):
    n = draw(st.integers(min_size, 25))
    extra = draw(st.lists(st.sampled_from(["id", "phone", "note", "code", "status", "name"]),
                          unique=True, max_size=4))
    data = {c: draw(st.lists(CELL, min_size=n, max_size=n)) for c in extra}
    data["lon"] = draw(st.lists(LON, min_size=n, max_size=n))
    data["lat"] = draw(st.lists(LAT, min_size=n, max_size=n))
    labels = draw(st.lists(st.one_of(st.integers(-10**6, 10**6), st.text(max_size=4)),
                           min_size=n, max_size=n, unique=True))
    return pd.DataFrame(data, index=pd.Index(labels, dtype=object))


@settings(max_examples=EXAMPLES["assign_points"], **SETTINGS)
@given(member_tables(), st.sampled_from(["2010", "2024"]), st.sampled_from(["missing", "first"]))
def _assign_points_accounts_for_every_row(frame, set_id, on_border):
    before = frame.copy(deep=True)
    out = assign_points(frame, set_id, lon="lon", lat="lat", on_border=on_border, status=True,
                        warn=False)
    report = out.attrs["report"]
    pd.testing.assert_frame_equal(frame, before)  # the input is not touched
    assert out.index.equals(frame.index)  # every row, in order, with its own label
    assert out["status"].notna().all() and set(out["status"].astype(str)) <= set(POINT_STATUSES)
    assert sum(report.counts.values()) == report.total == len(frame)
    assert report.assigned == int(out["code"].notna().sum())
    listed = sum(len(v) for v in report.rows.values())
    assert listed == len(frame) - report.counts["within"]  # every other row is named
    TRIED["assign_points"]["lost"] += len(frame) - len(out)
    _tally("assign_points", len(frame))


def test_assign_points_accounts_for_every_row():
    _run("assign_points", _assign_points_accounts_for_every_row)


# -- the seatmap assign command: pass-through columns byte for byte ---------------------------

@settings(max_examples=EXAMPLES["seatmap assign (CLI)"], **SETTINGS)
@given(member_tables(min_size=1), st.sampled_from([",", ";", "\t"]), st.integers(1, 7))
def _seatmap_assign_passes_every_cell_through(tmp_path_factory, frame, sep, chunk):
    folder = tmp_path_factory.mktemp("cli")
    src, dst = folder / "in.csv", folder / "out.csv"
    header = [str(c) for c in frame.columns]
    rows = [[_text(v) for v in row] for row in frame.itertuples(index=False)]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    src.write_text(buf.getvalue(), encoding="utf-8")
    code = main(["assign", str(src), "--lon", "lon", "--lat", "lat", "--out", str(dst),
                 "--chunk-rows", str(chunk), "--progress", "never"])
    assert code == 0
    with open(dst, encoding="utf-8", newline="") as fh:
        back = list(csv.reader(fh))
    added = 3
    assert back[0][:len(header)] == header and len(back[0]) == len(header) + added
    assert not set(back[0][len(header):]) & set(header)  # never a user's column name
    assert len(back) - 1 == len(rows)
    for got, want in zip(back[1:], rows, strict=True):
        assert got[:len(header)] == want  # every cell as written
    TRIED["seatmap assign (CLI)"]["lost"] += len(rows) - (len(back) - 1)
    _tally("seatmap assign (CLI)", len(rows))


def _text(v) -> str:
    return repr(v) if isinstance(v, float) else str(v)


def test_seatmap_assign_passes_every_cell_through(tmp_path_factory):
    _run("seatmap assign (CLI)", _seatmap_assign_passes_every_cell_through, tmp_path_factory)


# -- join_user_data ---------------------------------------------------------------------------

@st.composite
def seat_tables(draw):
    set_id = draw(st.sampled_from(["2010", "2024"]))
    reg = REG10 if set_id == "2010" else REG24
    n = draw(st.integers(1, 20))
    key = st.one_of(st.sampled_from(list(reg.index)), st.sampled_from(list(reg["name"])),
                    st.sampled_from(list(REG24.index if set_id == "2010" else REG10.index)),
                    st.sampled_from(["Bury", "Newport", "Nowhere", "", "E14999999"]),
                    st.none(), st.text(max_size=15))
    keys = draw(st.lists(key, min_size=n, max_size=n))
    frame = pd.DataFrame({"seat": keys, "note": draw(st.lists(CELL, min_size=n, max_size=n)),
                          "name": draw(st.lists(CELL, min_size=n, max_size=n)),
                          "members": draw(st.lists(st.integers(0, 10**6), min_size=n,
                                                   max_size=n))})
    return set_id, frame


@settings(max_examples=EXAMPLES["join_user_data"], **SETTINGS)
@given(seat_tables(), st.sampled_from(["first", "last"]), st.booleans())
def _join_accounts_for_every_row(table, duplicates, subset):
    set_id, frame = table
    seats = None
    if subset:  # a subset of the seats, such as a target list
        seats = seatmap.load_seats(2019 if set_id == "2010" else 2024, geometry=False).iloc[::3]
    before = frame.copy(deep=True)
    try:
        joined, report = join_user_data(frame, on="seat", boundary_set=set_id, seats=seats,
                                        duplicates=duplicates, warn=False)
    except seatmap.SeatmapError as err:  # refused, with a message: the other set's seats
        assert "(seats=) is on the" in str(err)
        _tally("join_user_data", len(frame))
        return
    pd.testing.assert_frame_equal(frame, before)
    rows = report.rows
    assert rows.index.equals(frame.index) and set(rows["status"]) <= set(JOIN_STATUSES)
    assert sum(report.counts.values()) == len(frame)
    matched = rows[rows["status"] == "matched"]
    renamed = report.renamed
    for label, code in matched["code"].items():  # matched means: in the output, unchanged
        assert code in joined.index
        for col in ("note", "name", "members"):
            assert joined.loc[code, renamed.get(col, col)] == frame.loc[label, col]
    assert joined.columns.is_unique
    TRIED["join_user_data"]["lost"] += len(frame) - len(rows)
    _tally("join_user_data", len(frame))


def test_join_accounts_for_every_row_and_matched_rows_are_in_the_output():
    _run("join_user_data", _join_accounts_for_every_row)


# -- crosswalk --------------------------------------------------------------------------------

@settings(max_examples=EXAMPLES["crosswalk"], **SETTINGS)
@given(st.sampled_from(["2010", "2024"]), st.data())
def _crosswalk_conserves_counts(src, data):
    reg = REG10 if src == "2010" else REG24
    codes = data.draw(st.lists(st.sampled_from(list(reg.index)), min_size=1, max_size=40,
                               unique=True))
    n = len(codes)
    frame = pd.DataFrame({
        "code": codes,
        "members": data.draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n)),
        "helpers": data.draw(st.lists(st.integers(0, 500).map(float), min_size=n, max_size=n)),
        "imd_decile": data.draw(st.lists(st.integers(1, 10), min_size=n, max_size=n)),
        "score_pct": data.draw(st.lists(st.floats(0, 100), min_size=n, max_size=n)),
        "branch": data.draw(st.lists(CELL, min_size=n, max_size=n)),
    })
    dst = "2024" if src == "2010" else "2010"
    out = seatmap.crosswalk(frame, src, dst)
    info = out.attrs["crosswalk"]["columns"]
    assert info == {"members": "count", "helpers": "count", "imd_decile": "category",
                    "score_pct": "rate", "branch": "category"}
    # every input row reaches the output: its count is all there
    assert out["members"].sum() == pytest.approx(frame["members"].sum(), rel=1e-9, abs=1e-6)
    assert out["helpers"].sum() == pytest.approx(frame["helpers"].sum(), rel=1e-9, abs=1e-6)
    # categories are values of the input, never apportioned or invented
    assert set(out["imd_decile"]) <= set(frame["imd_decile"])
    assert set(out["branch"]) <= set(frame["branch"])
    assert out["score_pct"].dropna().between(frame["score_pct"].min() - 1e-9,
                                             frame["score_pct"].max() + 1e-9).all()
    TRIED["crosswalk"]["lost"] += 0 if out["members"].notna().all() else 1
    _tally("crosswalk", n)


def test_crosswalk_conserves_counts_and_carries_categories():
    _run("crosswalk", _crosswalk_conserves_counts)


# -- assign_postcodes -------------------------------------------------------------------------

DIRECTORY = pd.DataFrame({"pcds": ["SW1A 0AA", "BL9 0SW", "M60 2LA", "JE2 4WE", "L4 4EL"],
                          "pcon": ["E14001172", "E14001144", "E14001352", "L99999999",
                                   "E14001339"]})
POSTCODE = st.one_of(
    st.sampled_from(["SW1A 0AA", "sw1a0aa", " BL9  0SW ", "m60-2la", "SW1A OAA", "JE2 4WE",
                     "ZZ9 9ZZ", "GIR 0AA", "", "  ", "nonsense", "00123"]),
    st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", fullmatch=True),
    CELL, st.none())


@settings(max_examples=EXAMPLES["assign_postcodes"], **SETTINGS)
@given(st.lists(POSTCODE, max_size=25))
def _assign_postcodes_accounts_for_every_row(values):
    frame = pd.DataFrame({"postcode": values, "id": [f"{i:05d}" for i in range(len(values))]})
    before = frame.copy(deep=True)
    out = assign_postcodes(frame, DIRECTORY, status=True, warn=False)
    pd.testing.assert_frame_equal(frame, before)
    report = out.attrs["report"]
    assert out.index.equals(frame.index)
    assert set(out["status"].astype(str)) <= set(POSTCODE_STATUSES)
    assert sum(report.counts.values()) == len(values)
    found = out["status"] == "found"
    assert out.loc[found, "code"].notna().all() and out.loc[~found, "code"].isna().all()
    TRIED["assign_postcodes"]["lost"] += len(values) - len(out)
    _tally("assign_postcodes", len(values))


def test_assign_postcodes_accounts_for_every_row():
    _run("assign_postcodes", _assign_postcodes_accounts_for_every_row)


def test_published_total():
    text = DOCS.read_text()
    m = re.search(r"([\d,]+) generated inputs", text)
    assert m and int(m.group(1).replace(",", "")) == sum(EXAMPLES.values())
    assert np.isfinite(sum(EXAMPLES.values()))
