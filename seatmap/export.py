"""Write tables for spreadsheets and other programs: CSV, XLSX and JSON, always atomically.

XLSX files get a bold header row, frozen panes, filters, column widths that fit and a
``Sources`` sheet saying what the table is, when and how it was made, and crediting each source
once, as the data's licences require.

Tables for people (target, defence and pilot lists; see :func:`list_columns`) get a first sheet
ready to print for a meeting: a title row saying what the list is, which election and
boundaries it is built on (and the scenario or poll) and when it was made; then the key columns
only (rank, seat, region, holder, margin or swing, and a wrapped one-line reason) under
plain-English headers ("Swing needed (points, rounded up)"), values stored rounded as they are
displayed (swings rounded *up*: 0.13 shows as 0.2 because 0.1 would not be enough); printed
landscape, fitted to one page wide, with the title and header rows repeated on every page. The
``Data`` sheet beside it keeps every column under its machine name with the exact figures (as
CSV and JSON do), and a ``Columns`` sheet maps one to the other.

Formula injection: every string seatmap writes to an XLSX cell is stored as text, never as a
formula, whatever it starts with (``=``, ``+``, ``-``, ``@``, tab, carriage return), and cells
starting with one of those characters carry Excel's "quote prefix" style, so they stay text even
when someone edits them; tabs and carriage returns survive the round trip. CSV files are plain data
and are written exactly as given (a user's columns pass through byte for byte), so the usual
advice of prefixing a single quote (OWASP, "CSV injection") is *not* applied: open a CSV from an
untrusted source with a spreadsheet's text import, or ask seatmap for ``.xlsx``, which is safe.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._atomic import atomic_path
from ._validate import SeatmapError, choice
from ._xlsxlayout import FORMULA_STARTS as FORMULA_STARTS  # importable from here as before
from ._xlsxlayout import cells_as_text, fill_sheet, keep_carriage_returns, print_setup
from .sources import attribution

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # openpyxl has no stubs: Any

__all__ = ["Column", "auto_columns", "battleground_sheets", "list_columns", "write_list",
           "write_table"]

FORMATS = ("csv", "xlsx", "json")


def write_table(df: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None, *,
                title: str | None = None, sources: list[str] | None = None,
                notes: list[str] | None = None,
                columns: Sequence[Column] | None = None, sheet: str = "Table",
                about: str | None = None,
                extra_sheets: Mapping[str, tuple[pd.DataFrame, Sequence[Column]]
                                       | tuple[pd.DataFrame, Sequence[Column], str]] | None = None
                ) -> Path:
    """Write ``df`` to CSV, XLSX or JSON (chosen from the suffix unless ``fmt`` is given).

    The file appears complete or not at all (written to a temporary file, then renamed).
    CSV and JSON carry every column under its machine name with exact values.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its index is written as the first column when it is named.
    path : str or path-like
        Destination; ``.csv``, ``.xlsx`` or ``.json``.
    fmt : {"csv", "xlsx", "json"}, optional
        Overrides the suffix.
    title : str, optional
        Title shown on the XLSX Sources sheet.
    sources : list of str, optional
        Source ids (see :data:`seatmap.sources.SOURCES`) credited on the XLSX Sources sheet;
        all sources if omitted.
    notes : list of str, optional
        Extra lines (method, filters, definitions) for the Sources sheet.
    columns : sequence of Column, optional
        XLSX only: a first sheet for people showing these columns, with their headers and
        rounding (see :func:`list_columns`); the ``Data`` sheet keeps the exact table.
    sheet : str, default "Table"
        Name of that first sheet.
    about : str, optional
        What the table is, including the election and boundaries it is built on (e.g.
        "Lab targets, 2024 result, 2024 boundaries"): the people's sheet's title row (with the
        date it was made) and the Sources sheet.
    extra_sheets : mapping, optional
        XLSX only: more sheets for people after the first (or the only ones, without
        ``columns``), ``{name: (frame, columns)}`` or ``{name: (frame, columns, heading)}``,
        each with a title row and the same print setup (the battleground's gains and losses).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> out = write_table(pd.DataFrame({"seat": ["Bury North"], "majority": [105]}),
    ...                   os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> out.read_text().splitlines()[1]
    'Bury North,105'
    """
    path = Path(path)
    fmt = choice(fmt or path.suffix.lstrip(".") or "csv", FORMATS, "output format",
                 aliases={"xls": "xlsx", "excel": "xlsx"})
    frame = df.reset_index() if df.index.name else df.reset_index(drop=True)
    frame = frame.drop(columns=[c for c in frame.columns if c == "geometry"])
    try:
        with atomic_path(path) as tmp:
            if fmt == "csv":
                frame.to_csv(tmp, index=False, lineterminator="\n")
            elif fmt == "json":
                frame.to_json(tmp, orient="records", indent=1, force_ascii=False)
            else:
                _write_xlsx(frame, tmp, title=title, sources=sources, notes=notes,
                            columns=columns, sheet=sheet, about=about,
                            extra_sheets=extra_sheets)
    except OSError as err:
        from ._userfiles import file_error

        raise SeatmapError(file_error(err)) from err
    return path


@dataclass(frozen=True)
class Column:
    """One column of the people's sheet of an XLSX table.

    Parameters
    ----------
    name : str
        The machine name (the column in the data frame, CSV and JSON).
    header : str
        The plain-English header.
    decimals : int, optional
        Stored rounded to this many places (the exact figure stays on the ``Data`` sheet).
    round_up : bool, default False
        Round towards +infinity (swings needed: 0.13 is stored as 0.2).
    party : bool or "name", default False
        The values are party codes, shown as labels ("con" as "Con") or, with ``"name"``, as
        names ("Conservative").
    width : int, optional
        Widest the column may grow (characters); long text wraps.
    wrap : bool, default False
        Wrap every cell (the reason): the column is ``width`` wide whatever its text.
    scale : float, optional
        Multiply before rounding (a probability 0-1 shown as 0-100).
    """

    name: str
    header: str
    decimals: int | None = None
    round_up: bool = False
    party: bool | str = False
    width: int | None = None
    wrap: bool = False
    scale: float | None = None

    def values(self, series: pd.Series) -> list[Any]:
        """The column's cells as stored: rounded, labelled, missing as empty.

        ``party=True`` shows party labels ("Con"); ``party="name"`` full names
        ("Conservative")."""
        import numpy as np

        if self.party:
            from .parties import PARTIES, party_label

            def show(v: Any) -> str:
                if self.party == "name" and str(v) in PARTIES:
                    return PARTIES[str(v)].name
                return party_label(v)

            return [None if pd.isna(v) else show(v) for v in series]
        if self.decimals is not None:
            x = pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()
            if self.scale is not None:
                x = x * self.scale
            scale = 10.0 ** self.decimals
            x = (np.ceil(np.round(x * scale, 9)) if self.round_up else np.round(x * scale)) / scale
            x = x + 0.0  # -0.04 rounds to -0.0: store 0.0
            return [None if np.isnan(v) else (int(v) if self.decimals == 0 else float(v))
                    for v in x]
        return [_cell(v) for v in series]


def _cell(v: Any) -> Any:  # a value as a spreadsheet cell stores it (numpy scalars unwrapped)
    if v is None or (not isinstance(v, list | tuple | dict) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


#: The key columns of a list's people's sheet, in order (the rest stay on the Data sheet): rank,
#: seat, region, holder or challenger, margin, swing, score (a list ranked by score) and reason.
KEY_COLUMNS = ("region", "pick", "rank", "name", "population", "seat", "holder", "challenger",
               "majority", "majority_pct", "lead_votes", "lead_pct", "swing_needed",
               "swing_to_lose", "score", "reason")


def list_columns(frame: pd.DataFrame, everything: bool = False) -> list[Column]:
    """The people's columns of a target, defence or pilot list (for :func:`write_table`).

    The key columns only (:data:`KEY_COLUMNS`: rank, seat, region, holder or challenger, the
    majority or lead, the swing, the score of a list ranked by score, the reason), so that the
    sheet prints one page wide; ``everything=True`` gives every column for people (leave share,
    town class, deprivation, history...), which otherwise stay on the ``Data`` sheet.
    Machine-only columns (GSS codes, nation, the ``_1dp`` copies) are never on it; the lead over
    the challenger (defences) only appears where it differs from the majority (a chosen
    ``against`` party); a score component whose weight is zero is left out.

    Examples
    --------
    >>> from seatmap import targets
    >>> [c.header for c in list_columns(targets("lab"))][:5]
    ['Rank', 'Seat', 'Region', 'Held by', 'Majority (votes)']
    >>> [c.header for c in list_columns(targets("lab"))][5:]
    ['Majority (% points)', 'Swing needed (points, rounded up)']
    """
    cols = _all_list_columns(frame)
    if everything:
        return cols
    keep = set(KEY_COLUMNS) - ({"score"} if frame.attrs.get("sort") != "score" else set())
    order = {name: i for i, name in enumerate(KEY_COLUMNS)}
    if "pick" not in frame.columns:  # a list: rank first, then the seat and its region
        order = {**order, "rank": -3, "seat": -2, "region": -1}
    return sorted((c for c in cols if c.name in keep), key=lambda c: order[c.name])


def _all_list_columns(frame: pd.DataFrame) -> list[Column]:
    from .parties import party_label
    from .targeting import COMPONENTS

    a = frame.attrs
    us = party_label(a.get("party", "other")) if a.get("party") else "Party"
    hist = a.get("history_elections") or []
    est = history_estimates(hist, a.get("election"))  # notional years named in the header
    est = f" ({est})" if est else ""
    cols = [Column("region", "Region"), Column("pick", "Pick in region"),
            Column("rank", "Rank in list"),  # community pilots: the community, then its seat
            Column("name", "Held-back community", width=45), Column("population", "People", 0),
            Column("seat", "Seat", width=40)] \
        if "pick" in frame.columns else \
        [Column("rank", "Rank"), Column("seat", "Seat", width=40), Column("region", "Region")]
    def differs(a: str, b: str = "majority") -> bool:
        """Column ``a`` says something ``b`` does not (else it would repeat it)."""
        if a not in frame.columns or b not in frame.columns:
            return a in frame.columns
        x, y = frame[a].astype("Float64"), frame[b].astype("Float64")
        return not (x - y).abs().lt(0.005).fillna(x.isna() & y.isna()).all()

    held = frame["holder"].dropna().unique() if "holder" in frame.columns else []
    cols += [
        *([Column("holder", "Held by", party=True)] if len(held) != 1 or "pick" in frame.columns
          or a.get("kind") != "defences" else []),  # a defence list's holder is the party
        Column("runner_up", "Runner-up", party=True),
        Column("position", f"{us} place"),
        Column("party_pct", f"{us} share (%)", 1),
        Column("challenger", "Challenger", party=True),
        Column("challenger_pct", "Challenger share (%)", 1),
        Column("majority", "Majority (votes)", 0),
        Column("majority_pct", "Majority (% points)", 2),
        *([Column("behind_votes", f"{us} votes behind the winner", 0)]
          if differs("behind_votes") else []),
        *([Column("lead_votes", f"{us} lead (votes)", 0)] if differs("lead_votes") else []),
        *([Column("lead_pct", f"{us} lead (% points)", 2)]
          if differs("lead_pct", "majority_pct") else []),
        Column("swing_needed", "Swing needed (points, rounded up)", 1, round_up=True),
        Column("swing_to_lose", "Swing to lose (points, rounded up)", 1, round_up=True),
        Column("leave_pct", "Leave 2016 (%)", 1),
        Column("town_class", "Town class"),
        Column("imd_uk_decile", "Deprivation decile (1 = most deprived)"),
        Column("turnout_pct", "Turnout (%)", 1),
        Column("history", f"Winners {hist[0]}-{hist[-1]}{est}" if hist else "Winners"),
        Column("last_won", f"Last won by {us}"),
        Column("held_since", f"{us} held since"),
        Column("la_name", "Local authority", width=30),
        Column("score", "Priority score (0-100)", 1),
    ]
    weights = a.get("weights") or {}
    cols += [Column(f"score_{k}", f"Score from {k}", 1) for k in COMPONENTS
             if weights.get(k, 1) > 0]
    cols.append(Column("reason", "Why this community" if a.get("level") == "community"
                       else "Why this seat", width=60, wrap=True))
    return [c for c in cols if c.name in frame.columns]


def history_estimates(years: Sequence[str], election_id: str | None) -> str:
    """Which of a list's history years are not declared results on its boundaries, in words.

    Examples
    --------
    >>> history_estimates(["2010", "2015", "2017", "2019", "2024"], "2024")
    '2010, 2015, 2017 notional estimates; 2019 notional'
    >>> history_estimates(["2005", "2010"], "2010")
    ''
    """
    from .datasets import history_basis
    from .elections import election

    if not election_id or not years:
        return ""
    basis = history_basis(election(election_id).boundary_set)
    kinds = {k: [y for y in years if basis.get(str(y)) == k]
             for k in ("notional estimate", "notional")}
    return "; ".join(f"{', '.join(ys)} {k}{'s' if len(ys) > 1 and k.endswith('e') else ''}"
                     for k, ys in kinds.items() if ys)


def auto_columns(frame: pd.DataFrame, headers: Mapping[str, str] | None = None,
                 keys: Sequence[str] | None = None) -> list[Column]:
    """People's columns for any table seatmap makes (projections, red-wall lists...).

    ``keys``: only these columns, in this order (those the frame has): the key columns of a
    sheet for people, the rest staying on the ``Data`` sheet.

    Headers from :func:`seatmap.colours.label` ("lab_pct" -> "Labour share of the vote (%)"),
    party codes shown as labels, numbers with decimals rounded to one place (two for values
    under 10 in size, such as residuals). ``headers`` overrides a column's header. The exact
    figures stay on the ``Data`` sheet.

    Examples
    --------
    >>> cols = auto_columns(pd.DataFrame({"seat": ["Bury North"], "winner": ["con"],
    ...                                   "lab_pct": [46.02]}))
    >>> [(c.header, c.party, c.decimals) for c in cols]
    [('Seat', False, None), ('Winning party', True, None), ('Labour share of the vote (%)', False, 1)]
    """
    from .colours import is_party_column, label

    cols = []
    names = [k for k in keys if k in frame.columns] if keys is not None else list(frame.columns)
    for name in names:
        s = frame[name]
        if str(name) == "geometry":
            continue
        party = s.dtype == object or pd.api.types.is_string_dtype(s)
        party = bool(party and is_party_column(s.astype("string")))
        decimals = None
        if pd.api.types.is_integer_dtype(s) and not pd.api.types.is_bool_dtype(s):
            decimals = 0  # whole numbers with thousands separators (a majority of 11,153)
        if pd.api.types.is_float_dtype(s):
            size = pd.to_numeric(s, errors="coerce").abs().median()
            decimals = 2 if pd.notna(size) and size < 10 and not str(name).endswith("_pct") else 1
        header = (headers or {}).get(str(name)) or label(str(name))
        cols.append(Column(str(name), header, decimals, party=party,
                           width=40 if str(name) in ("seat", "name") else
                           60 if str(name) == "reason" else None, wrap=str(name) == "reason"))
    return cols


def battleground_sheets(bg: pd.DataFrame,
                        title: str) -> dict[str, tuple[pd.DataFrame, list[Column], str]]:
    """The battleground's sheets for people, for :func:`write_table`'s ``extra_sheets``.

    One sheet per kind, "Gains" and "Losses", each keeping the seats whose projected margin is
    within ``attrs["within"]`` points either way (the rule applied to both lists and stated in
    each title), sorted by closeness (the smallest margin first) with the win probability
    (0-100) beside it; plain headers, party names, rounded values. Seats projected lost (or
    missed) by more than ``within`` points are counted in the title and kept on the Data sheet.

    Parameters
    ----------
    bg : pandas.DataFrame
        From :func:`seatmap.battleground`.
    title : str
        What the battleground is (party, poll, model, election and boundaries).

    Examples
    --------
    >>> import pandas as pd
    >>> bg = pd.DataFrame({"seat": ["A", "B", "C"], "region": "London", "kind": ["gain", "loss",
    ...                    "loss"], "holder": ["con", "lab", "lab"], "projected_winner": ["con",
    ...                    "lab", "reform"], "rival": ["con", "reform", "reform"],
    ...                    "share": [30.0, 35.0, 20.0], "rival_share": [31.0, 34.0, 40.0],
    ...                    "margin": [-1.0, 1.0, -20.0], "swing": [0.5, 0.5, 10.0],
    ...                    "p_win": [0.4, 0.6, 0.0]})
    >>> bg.attrs = {"party": "lab", "within": 10.0}
    >>> sheets = battleground_sheets(bg, "Battleground")
    >>> [(k, len(v[0])) for k, v in sheets.items()]
    [('Gains', 1), ('Losses', 1)]
    >>> sheets["Losses"][2]
    'Battleground: Labour could lose 1 seat within 10 points (1 more projected lost by more than 10)'
    """
    from .parties import PARTIES

    party = bg.attrs.get("party", "other")
    name = PARTIES[party].name if party in PARTIES else str(party)
    within = float(bg.attrs.get("within", 10.0))
    has_p = "p_win" in bg.columns and bg["p_win"].notna().any()
    cols = [Column("seat", "Seat", width=40), Column("region", "Region"),
            Column("holder", "Held by", party="name"),
            Column("projected_winner", "Projected winner", party="name"),
            Column("rival", f"Main rival to {name}", party="name"),
            Column("margin", f"{name} projected margin (points)", 1),
            *([Column("p_win", f"{name} win probability (%)", 0, scale=100.0)] if has_p else []),
            Column("share", f"{name} projected share (%)", 1),
            Column("rival_share", "Rival projected share (%)", 1),
            Column("swing", "Swing that changes the outcome (points)", 1)]
    out = {}
    for kind, sheet, verb in (("gain", "Gains", "could gain"), ("loss", "Losses", "could lose")):
        part = bg[bg["kind"] == kind]
        close = part[part["margin"].abs() <= within]
        close = close.assign(_c=close["margin"].abs()).sort_values(["_c", "seat"]).drop(columns="_c")
        beyond = len(part) - len(close)
        extra = ""
        if beyond:
            what = "projected lost" if kind == "loss" else "out of reach"
            extra = f" ({beyond} more {what} by more than {within:g})"
        heading = (f"{title}: {name} {verb} {len(close)} seat{'s' if len(close) != 1 else ''} "
                   f"within {within:g} points{extra}")
        out[sheet] = (close, [c for c in cols if c.name in bg.columns], heading)
    return out


def write_list(ranked: pd.DataFrame, path: str | os.PathLike[str], fmt: str | None = None, *,
               title: str | None = None, sources: list[str] | None = None,
               notes: list[str] | None = None) -> Path:
    """Write a target, defence or pilot list for people: :func:`write_table` with a reason per row.

    The XLSX gets a first sheet named after the list ("Targets", "Defences", "Pilots") with the
    columns of :func:`list_columns`; CSV and JSON get the machine columns plus ``reason``.

    Parameters
    ----------
    ranked : pandas.DataFrame
        From :func:`seatmap.targets`, :func:`seatmap.defences` or :func:`seatmap.pilots`.
    path, fmt, title, sources, notes
        As in :func:`write_table`; ``title`` defaults to the list's description.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, os
    >>> from seatmap import targets
    >>> out = write_list(targets("lab").head(3), os.path.join(tempfile.mkdtemp(), "t.xlsx"))
    >>> from openpyxl import load_workbook
    >>> load_workbook(out).sheetnames
    ['Targets', 'Data', 'Columns', 'Sources']
    """
    from .targeting import describe, reasons

    frame = ranked
    kind = ranked.attrs.get("kind")
    if "reason" not in frame.columns and kind in ("targets", "defences"):
        frame = frame.assign(reason=reasons(ranked))
        frame.attrs = dict(ranked.attrs)
    about: str | None
    if kind == "pilots" or "pick" in frame.columns:
        name, about = "Pilots", title or "Pilot seats"
    else:
        name = "Defences" if kind == "defences" else "Targets"
        sort = "priority score" if ranked.attrs.get("sort") == "score" else "swing"
        about = f"{describe(ranked)}, ranked by {sort}" if kind else title
    return write_table(frame, path, fmt, title=title or about, sources=sources, notes=notes,
                       columns=list_columns(frame), sheet=name, about=about)


def _people_sheet(ws: Worksheet, frame: pd.DataFrame, columns: Sequence[Column], heading: str) -> None:
    """A sheet for people: the title row, the header row, the rows; printed for a meeting."""
    headers = [c.header for c in columns]
    data = [c.values(frame[c.name]) for c in columns]
    rows = list(zip(*data, strict=True)) if data else []
    names = [c.name for c in columns]
    freeze = names.index("seat") + 2 if "seat" in names else 2
    fill_sheet(ws, headers, rows, [c.decimals for c in columns], [c.width for c in columns],
               freeze, heading=heading, wrap=[c.wrap for c in columns])
    print_setup(ws, freeze)


def _write_xlsx(frame: pd.DataFrame, path: Path, *, title: str | None, sources: list[str] | None,
                notes: list[str] | None, columns: Sequence[Column] | None = None,
                sheet: str = "Table", about: str | None = None,
                extra_sheets: Mapping[str, tuple[pd.DataFrame, Sequence[Column]]
                                       | tuple[pd.DataFrame, Sequence[Column], str]] | None = None
                ) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    made = datetime.now().strftime("%Y-%m-%d")
    heading = f"{about or title or 'seatmap table'} · made {made} with seatmap"
    people = [(sheet, frame, columns, heading)] if columns else []
    for name, (part, cols, *own) in (extra_sheets or {}).items():
        part = part.reset_index() if part.index.name else part.reset_index(drop=True)
        people.append((name, part, cols, f"{own[0]} · made {made} with seatmap" if own
                       else f"{name}: {heading}"))
    for i, (name, part, cols, head) in enumerate(people):
        sheet_ws = ws if i == 0 else wb.create_sheet(name[:31])
        sheet_ws.title = name[:31]
        _people_sheet(sheet_ws, part, cols, head)
    if people:
        ws = wb.create_sheet("Data")
    else:
        ws.title = "Data"
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    decimals = [2 if pd.api.types.is_float_dtype(frame[c]) else None for c in frame.columns]
    fill_sheet(ws, [str(c) for c in frame.columns], rows, decimals, [None] * frame.shape[1],
               3 if frame.shape[1] > 2 else 1, exact=True)
    if people:
        _columns_sheet(wb.create_sheet("Columns"), [c for _, _, cols, _ in people for c in cols],
                       frame)
    _sources_sheet(wb.create_sheet("Sources"), title=title, about=about, notes=notes,
                   sources=sources, rows=len(frame))
    wb.properties.creator = "seatmap"
    for each in wb.worksheets:
        cells_as_text(each)
    from openpyxl.writer.excel import ExcelWriter

    # wb.save(path) leaves its ZipFile open when a write fails (a full disk), which then fails
    # again when garbage-collected ("Exception ignored in ZipFile.__del__"): close it here
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    keep_carriage_returns(path)


def _columns_sheet(ws: Worksheet, columns: Sequence[Column], frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    ws.append(["Header", "Column (CSV, JSON and the Data sheet)", "Stored as"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for col in columns:
        how = "as in the data"
        if col.party:
            how = "party label (party code on the Data sheet)"
        elif col.decimals == 0:
            how = "whole number"
        elif col.decimals is not None:
            places = f"{col.decimals} decimal place{'s' if col.decimals != 1 else ''}"
            how = (f"rounded up to {places} (exact on the Data sheet)" if col.round_up
                   else f"rounded to {places} (exact on the Data sheet)")
        ws.append([col.header, col.name, how])
    shown = {c.name for c in columns}
    rest = [str(c) for c in frame.columns if c not in shown]
    if rest:
        ws.append([])
        ws.append(["Only on the Data sheet: " + ", ".join(rest)])
    for letter, width in zip("ABC", (44, 40, 36), strict=True):
        ws.column_dimensions[letter].width = width


def _sources_sheet(ws: Worksheet, *, title: str | None, about: str | None, notes: list[str] | None,
                   sources: list[str] | None, rows: int) -> None:
    from openpyxl.styles import Alignment, Font

    from . import __version__

    ws.append([title or "seatmap export"])
    ws["A1"].font = Font(bold=True, size=13)
    if about:
        ws.append([f"What this is: {about} ({rows} row{'s' if rows != 1 else ''})."])
    ws.append([f"Made on {datetime.now().strftime('%Y-%m-%d %H:%M')} with seatmap "
               f"{__version__} (https://pypi.org/project/seatmap/)."])
    for line in notes or []:
        ws.append([line])
    ws.append([])
    ws.append(["Sources and attribution"])
    ws[f"A{ws.max_row}"].font = Font(bold=True)
    for line in dict.fromkeys(attribution(list(dict.fromkeys(sources)) if sources else None)):
        ws.append([line])
    ws.column_dimensions["A"].width = 140
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
