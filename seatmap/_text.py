"""Number formatting shared by every layer (no dependencies beyond the standard library).

The figures seatmap writes into text (the organising reasons, map tooltips, terminal tables)
are formatted here, at the bottom of the stack, so analysis modules need not import the
presentation module :mod:`seatmap._format` (which re-exports these).
"""

from __future__ import annotations

import math


def fmt_int(value) -> str:
    """Format a count with thousands separators; missing values as an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "–"


def _finite_or_nan(value) -> float:
    """``value`` as a float; NaN when it is missing or not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def fmt_num(value, decimals: int = 1, suffix: str = "") -> str:
    """Format a number to fixed decimals; missing values as an en dash."""
    v = _finite_or_nan(value)
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
    v = _finite_or_nan(value)
    if math.isnan(v):
        return "–"
    scale = 10**decimals
    # guard against binary noise (0.1 * 10 = 1.0000000000000002)
    up = math.ceil(round(v * scale, 9)) / scale
    return f"{up:,.{decimals}f}{suffix}"
