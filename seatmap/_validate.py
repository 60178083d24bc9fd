"""Input validation with error messages that list what is valid and suggest close matches."""

from __future__ import annotations

import difflib
import functools
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar

_T = TypeVar("_T")
_P = ParamSpec("_P")
_R = TypeVar("_R")


class SeatmapError(ValueError):
    """Base class for seatmap's user-facing errors (a ``ValueError``).

    A program catches one kind with a subclass (:class:`UnknownNameError`,
    :class:`ScenarioError`, :class:`DataError`), or every seatmap error with this class.

    Examples
    --------
    >>> import seatmap
    >>> try:
    ...     seatmap.party_code("labor party")
    ... except seatmap.UnknownNameError as err:
    ...     print(type(err).__name__, isinstance(err, seatmap.SeatmapError))
    UnknownNameError True
    """


class UnknownNameError(SeatmapError):
    """A name seatmap does not know: an election, party, seat, area, metric or other option.

    The message lists the valid names (and the close ones). Still a ``ValueError``.
    """


class ScenarioError(SeatmapError):
    """A scenario that cannot be projected: a poll or share change that is malformed, does not
    add up, or asks for shares the results cannot hold. Still a ``ValueError``."""


class DataError(SeatmapError, RuntimeError):
    """The bundled data (or a table built from it) is inconsistent: a bug in seatmap's data, not
    in the caller's input. Rebuild with ``python -m seatmap.build --check`` and report it. A
    ``RuntimeError`` too, as it was before it had its own class."""


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
    by_key = {match_key(v): v for v in (str(v) for v in valid)}
    keys = difflib.get_close_matches(match_key(value), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in keys]


def choice(value: object, valid: Iterable[_T], what: str,
           aliases: Mapping[Any, _T] | None = None) -> _T:
    """Return the canonical form of ``value`` from ``valid`` or raise a helpful ``SeatmapError``.

    Matching ignores case, spaces and punctuation; ``aliases`` maps extra keys to valid values.
    An unknown value raises :class:`UnknownNameError`.
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
    raise UnknownNameError(f"Unknown {what} {value!r}.{hint} Valid values: {listing}.")


def renamed_parameters(**old_to_new: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Decorator: accept a parameter's old name as a deprecated keyword alias.

    The call still works, with a ``FutureWarning`` naming the new parameter; passing both names
    is an error. Used where the same idea had several names (``election_id`` -> ``election``,
    ``boundaries`` -> ``boundary_set``).

    Examples
    --------
    >>> @renamed_parameters(election_id="election")
    ... def seats(election=2019):
    ...     return election
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     seats(election_id=2024), caught[0].category.__name__
    (2024, 'FutureWarning')
    """

    def decorate(fn: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(fn)
        def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise SeatmapError(f"{fn.__name__}() got both {old}= and {new}=: "
                                           f"pass only {new}= ({old}= is its old name).")
                    warnings.warn(f"{fn.__name__}({old}=...) is deprecated: use {new}=...",
                                  FutureWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return wrapper

    return decorate
