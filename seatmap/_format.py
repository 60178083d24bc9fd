"""Plain-text tables and number formatting for the terminal (no third-party dependencies)."""

from __future__ import annotations

import math
import shutil


def fmt_int(value) -> str:
    """Format a count with thousands separators; missing values as an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "–"


def fmt_num(value, decimals: int = 1, suffix: str = "") -> str:
    """Format a number to fixed decimals; missing values as an en dash."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(v):
        return "–"
    return f"{v:,.{decimals}f}{suffix}"


def fmt_up(value, decimals: int = 1, suffix: str = "") -> str:
    """Format a number rounded *up* (towards +inf) at ``decimals`` places.

    Used for needed swings: 0.13 points shows as 0.2, because 0.1 would not be enough.

    Examples
    --------
    >>> fmt_up(0.13), fmt_up(0.1), fmt_up(2.0)
    ('0.2', '0.1', '2.0')
    """
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(v):
        return "–"
    scale = 10**decimals
    # guard against binary noise (0.1 * 10 = 1.0000000000000002)
    up = math.ceil(round(v * scale, 9)) / scale
    return f"{up:,.{decimals}f}{suffix}"


def text_table(rows: list[list[str]], headers: list[str], align: str | None = None,
               max_width: int | None = None) -> str:
    """Render rows of strings as an aligned text table.

    ``align`` is a string of ``l``/``r`` per column (default: left). Columns are truncated with an
    ellipsis, widest first, when the table would exceed ``max_width`` (default: terminal width).
    """
    ncol = len(headers)
    align = (align or "l" * ncol).ljust(ncol, "l")
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    limit = max_width or max(shutil.get_terminal_size((120, 20)).columns, 80)
    while sum(widths) + 2 * (ncol - 1) > limit and max(widths) > 8:
        i = widths.index(max(widths))
        widths[i] -= 1

    def cell(text: str, i: int) -> str:
        if len(text) > widths[i]:
            text = text[: widths[i] - 1] + "…"
        return text.rjust(widths[i]) if align[i] == "r" else text.ljust(widths[i])

    lines = ["  ".join(cell(h, i) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(cell(r[i], i) for i in range(ncol)).rstrip() for r in rows]
    return "\n".join(lines)
