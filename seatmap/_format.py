"""Plain-text tables and number formatting for the terminal (no third-party dependencies)."""

from __future__ import annotations

import shutil
import sys

# re-exported (the CLI imports them from here): `as` marks each as an explicit export
from ._text import fmt_int as fmt_int
from ._text import fmt_num as fmt_num
from ._text import fmt_up as fmt_up


def text_table(rows: list[list[str]], headers: list[str], align: str | None = None,
               max_width: int | None = None) -> str:
    """Render rows of strings as an aligned text table.

    ``align`` is a string of ``l``/``r`` per column (default: left). On a terminal, columns are
    truncated with an ellipsis, widest first, when the table would exceed ``max_width`` (default:
    the terminal's width), but never so far that two different cells of a column read the same;
    when the output is not a terminal (piped or redirected) and no ``max_width`` is given,
    nothing is truncated.

    Examples
    --------
    >>> rows = [["Coventry North East"], ["Coventry North West"], ["Coventry South"]]
    >>> print(text_table(rows, ["Seat"], max_width=8))
    Seat
    ─────────────────
    Coventry North E…
    Coventry North W…
    Coventry South
    """
    ncol = len(headers)
    align = (align or "l" * ncol).ljust(ncol, "l")
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    if max_width is None and not sys.stdout.isatty():
        limit = sum(widths) + 2 * (ncol - 1)
    else:
        limit = max_width or max(shutil.get_terminal_size((120, 20)).columns, 80)
    floor = [_distinct_width([r[i] for r in rows], 8) for i in range(ncol)]
    while sum(widths) + 2 * (ncol - 1) > limit:
        shrinkable = [i for i in range(ncol) if widths[i] > floor[i]]
        if not shrinkable:
            break
        i = max(shrinkable, key=lambda j: widths[j])
        widths[i] -= 1

    def cell(text: str, i: int) -> str:
        text = _clip(text, widths[i])
        return text.rjust(widths[i]) if align[i] == "r" else text.ljust(widths[i])

    lines = ["  ".join(cell(h, i) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(cell(r[i], i) for i in range(ncol)).rstrip() for r in rows]
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _distinct_width(values: list[str], least: int) -> int:
    """The narrowest width (at least ``least``) at which different values stay different."""
    full = max((len(v) for v in values), default=0)
    distinct = len(set(values))
    width = min(least, full)
    while width < full and len({_clip(v, width) for v in values}) < distinct:
        width += 1
    return width
