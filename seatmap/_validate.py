"""Input validation with error messages that list what is valid and suggest close matches."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class SeatmapError(ValueError):
    """Base class for seatmap's user-facing errors (a ``ValueError``)."""


def match_key(value: object) -> str:
    """The form names are matched on: case-folded letters and digits only.

    Examples
    --------
    >>> match_key("Lab Co-op"), match_key(2019)
    ('labcoop', '2019')
    """
    return "".join(ch for ch in str(value).casefold() if ch.isalnum())


def close_matches(value: object, valid: Iterable[object], n: int = 5) -> list[str]:
    """Return up to ``n`` valid values that look like ``value`` (forgiving case and punctuation)."""
    valid = [str(v) for v in valid]
    by_key = {match_key(v): v for v in valid}
    keys = difflib.get_close_matches(match_key(value), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in keys]


def choice(value: object, valid: Iterable[object], what: str, aliases: dict | None = None):
    """Return the canonical form of ``value`` from ``valid`` or raise a helpful ``SeatmapError``.

    Matching ignores case, spaces and punctuation; ``aliases`` maps extra keys to valid values.
    """
    valid = list(valid)
    lookup = {match_key(v): v for v in valid}
    for alias, target in (aliases or {}).items():
        lookup.setdefault(match_key(alias), target)
    hit = lookup.get(match_key(value))
    if hit is not None:
        return hit
    listing = ", ".join(str(v) for v in valid)
    near = close_matches(value, [*valid, *(aliases or {})])
    hint = f" Did you mean {' or '.join(repr(m) for m in near)}?" if near else ""
    raise SeatmapError(f"Unknown {what} {value!r}.{hint} Valid values: {listing}.")
