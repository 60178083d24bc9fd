"""Reports for people: the claims audit as Markdown, with PNG maps beside it (presentation).

:mod:`seatmap.audit` tests the claims (analysis, no files); this module renders its results and
draws the maps, so the dependencies run one way: data -> analysis -> presentation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ._atomic import atomic_write
from .audit import Claim, audit_claims, change_2019, frames
from .parties import PARTIES

__all__ = ["MAP_FILES", "REPORT", "audit_report", "render_markdown"]

#: The report whose claims ``seatmap audit`` tests, as the audit names it.
REPORT = "the 2020 report on Labour's 2019 general-election defeat"

# (caption, column, file name) of the maps drawn beside the report with ``maps=True``.
MAP_FILES = (
    ("Leave share (2016) by 2019 constituency", "leave_pct", "audit-leave.png"),
    ("Seats Labour won in 2017: held or lost to the Conservatives in 2019", "2019 change",
     "audit-change.png"),
)
# colours of the "2019 change" categories, in legend order (largest first)
_CHANGE_COLOURS = {"Other seats": "#DDDDDD", "Labour hold": PARTIES["lab"].colour,
                   "Conservative gain from Labour": PARTIES["con"].colour}


def _markdown_table(df: pd.DataFrame, decimals: int = 1) -> str:
    frame = df.reset_index()
    head = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * frame.shape[1]
    lines = [head, rule]
    for row in frame.itertuples(index=False):
        cells = []
        for v in row:
            if isinstance(v, float):
                cells.append("" if pd.isna(v) else f"{v:,.{decimals}f}")
            else:
                cells.append(str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_markdown(claims: list[Claim], maps: dict[str, str] | None = None) -> str:
    """Render audited claims as a Markdown report (``maps``: caption -> image path).

    Examples
    --------
    >>> text = render_markdown(audit_claims())
    >>> text.splitlines()[0], text.count("**Verdict:")
    ("# Auditing the report's claims with seatmap", 7)
    """
    out = ["# Auditing the report's claims with seatmap", "",
           f"This audit tests the quantitative claims of {REPORT}, quoted below. Every figure is "
           "computed from seatmap's bundled data (2017 and 2019 results from the House of "
           "Commons Library, EU referendum estimates by Chris Hanretty, the Commons Library city "
           "and town classification, Census 2011 via the British Election Study; below the seat, "
           "the UK's 42,619 census small areas with mySociety's composite deprivation index). "
           "Regenerate "
           "with `seatmap audit --out docs/audit.md --maps`.", "",
           "| claim | verdict |", "|---|---|"]
    out += [f"| {c.quote} | **{c.verdict}** |" for c in claims]
    for c in claims:
        out += ["", f"## {c.quote}", "", f"**Verdict: {c.verdict}.**", "",
                "| definition | finding | supports the claim? |", "|---|---|---|"]
        out += [f"| {e.definition} | {e.finding} | {'yes' if e.supports else 'no'} |"
                for e in c.evidence]
        if c.notes:
            out += ["", c.notes]
        if c.table is not None and len(c.table) <= 60:
            out += ["", _markdown_table(c.table)]
    for caption, path in (maps or {}).items():
        out += ["", f"![{caption}]({path})", ""]
    return "\n".join(out) + "\n"


def audit_report(path: str | os.PathLike, maps: bool = False) -> Path:
    """Write the claims audit as Markdown to ``path`` (and PNG maps beside it if ``maps``).

    Parameters
    ----------
    path : str or path-like
        The Markdown file to write.
    maps : bool, default False
        Also draw :data:`MAP_FILES` beside it.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, os
    >>> p = audit_report(os.path.join(tempfile.mkdtemp(), "audit.md"))
    >>> "Verdict" in p.read_text()
    True
    """
    path = Path(path)
    s19, s17 = frames()
    claims = audit_claims(s19, s17)
    images = _maps(s19, s17, path) if maps else {}
    atomic_write(path, render_markdown(claims, images).encode("utf-8"))
    return path


def _maps(s19: pd.DataFrame, s17: pd.DataFrame, path: Path) -> dict[str, str]:
    from .datasets import load_seats
    from .static import seats_to_png

    seats = load_seats(2019)
    seats["2019 change"] = change_2019(s19, s17)
    out = {}
    for caption, column, fname in MAP_FILES:
        cmap = None
        if column == "2019 change":
            order = seats[column].value_counts().index
            cmap = [_CHANGE_COLOURS[v] for v in order]
        seats_to_png(seats, column=column, path=path.with_name(fname), title=caption, cmap=cmap)
        out[caption] = fname
    return out
