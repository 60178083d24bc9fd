"""The arithmetic shared by the forecasting modules (no model choice, no I/O beyond the base frame).

:mod:`seatmap.engine`, :mod:`seatmap.scenario`, :mod:`seatmap.projection`,
:mod:`seatmap.polls`, :mod:`seatmap.simulation` and :mod:`seatmap.backtesting` build on these
functions, so they live below every one of them: the base seat frame (:func:`frame`), checked
numbers (:func:`number`, :func:`party_values`, :func:`party_deltas`), the classic uniform and
transition arithmetic (:func:`apply`), winners (:func:`winners`, :func:`lumped_factor`) and seat
totals (:func:`totals`). The seat model itself is :mod:`seatmap.engine`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import SeatmapError
from .elections import election as _election
from .parties import PARTIES, party_code

GB = "Great Britain"
DEFAULT = "*"


def frame(election, seats: pd.DataFrame | None) -> pd.DataFrame:
    """The base seat frame: ``seats`` if given, else the election's results with region and nation.

    Examples
    --------
    >>> f = frame(2019, None)
    >>> len(f), f.loc["E14000639", "region"]
    (650, 'London')
    """
    if seats is not None:
        return seats
    from .datasets import load_results

    e = _election(election)
    frame = load_results(e)
    if "region" not in frame.columns or "nation" not in frame.columns:
        from .datasets import load_constituencies

        try:
            reg = load_constituencies(e.boundary_set)[["region", "nation"]]
        except FileNotFoundError:  # no seat register: national changes still work
            return frame
        attrs = frame.attrs
        frame = frame.join(reg[[c for c in reg.columns if c not in frame.columns]])
        frame.attrs = attrs
    return frame


def number(value, what: str, low: float = -np.inf, high: float = np.inf) -> float:
    """``value`` as a finite float in ``[low, high]``, or a :class:`SeatmapError` saying why."""
    if isinstance(value, bool) or value is None:
        raise SeatmapError(f"{what} must be a number, not {value!r}.")
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise SeatmapError(f"{what} must be a number, not {value!r}.") from None
    if not np.isfinite(out):
        raise SeatmapError(f"{what} must be a finite number, not {value!r}.")
    if not low <= out <= high:
        raise SeatmapError(f"{what} must be between {low:g} and {high:g}, not {out:g}.")
    return out


def party_values(raw: dict, what: str, low: float, high: float) -> dict[str, float]:
    """``{party code: value}`` with every value checked; a party named twice is an error."""
    out: dict[str, float] = {}
    named: dict[str, object] = {}
    for party, value in raw.items():
        p = party_code(party)
        if p in out:
            raise SeatmapError(f"{party!r} and {named[p]!r} are the same party ({p!r}): give "
                               f"each party once in the {what}.")
        named[p] = party
        out[p] = number(value, f"The {what} for {p!r}", low, high)
    return out


def party_deltas(raw: dict) -> dict[str, float]:
    """``{party code: points}`` from a share change, names normalised and values checked.

    Examples
    --------
    >>> party_deltas({"Labour": 5, "con": -5})
    {'lab': 5.0, 'con': -5.0}
    """
    try:
        return party_values(raw, "share change", -100.0, 100.0)
    except SeatmapError as err:
        if "must be a number," in str(err):
            raise SeatmapError(f"{err} Give a number of points.") from None
        raise


def gb_mask(seats: pd.DataFrame) -> np.ndarray:
    """True for the seats in Great Britain (all seats if the frame has no ``nation``)."""
    if "nation" not in seats.columns:
        return np.ones(len(seats), dtype=bool)
    return seats["nation"].to_numpy(dtype=object) != "Northern Ireland"


def apply(shares: np.ndarray, delta: np.ndarray, base: np.ndarray, named: np.ndarray,
           model: str) -> np.ndarray:
    """Apply a model to shares (S x P); every seat ends summing to 100."""
    stood = shares > 0
    if model == "uniform":
        new = np.where(stood, np.maximum(shares + delta, 0.0), 0.0)
        # the parties not named absorb what the named changes leave over, pro rata
        others = np.where(~named & stood, new, 0.0)
        pool = others.sum(axis=-1, keepdims=True)
        residual = 100.0 - new.sum(axis=-1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(pool > 0, np.maximum(1.0 + residual / pool, 0.0), 1.0)
        new = np.where(~named & stood, new * scale, new)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(base > 0, np.maximum(base + delta, 0.0) / base, 1.0)
        losing = delta < 0
        kept = np.where(losing, shares * ratio, shares)
        released = (shares - kept).sum(axis=-1, keepdims=True)
        gain = np.where((delta > 0) & stood, delta, 0.0)
        total_gain = gain.sum(axis=-1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            add = np.where(total_gain > 0, released * gain / total_gain, 0.0)
        new = kept + add
    total = new.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, new * 100.0 / total, new)


def lumped_factor(seats: pd.DataFrame, parties: list[str]) -> np.ndarray:
    """Fraction of a lumped column's share (``other``, ``ind``) its best candidate can hold.

    Those columns gather several candidates, so their total must not win a seat on its own. The
    best single candidate in one holds at most the runner-up's share, unless the column is the
    winner (then the winner's share); the factor scales the column's share down to that bound
    when deciding winners (1 for every other party).
    """
    from .swing import LUMPED, winner_share

    factor = np.ones((len(seats), len(parties)))
    w, r = winner_share(seats)
    for j, p in enumerate(parties):
        if p not in LUMPED:
            continue
        share = seats[f"{p}_pct"].astype("float64").fillna(0.0).to_numpy()
        bound = np.where(seats["winner"].astype("string").eq(p).fillna(False).to_numpy(),
                         w.to_numpy(), np.minimum(share, r.to_numpy()))
        with np.errstate(divide="ignore", invalid="ignore"):
            factor[:, j] = np.where(share > 0, np.clip(bound / share, 0.0, 1.0), 1.0)
    return factor


def winners(parties: list[str], arr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's winner, runner-up and majority (points) from a seats x parties share array.

    Examples
    --------
    >>> w, r, m = winners(["lab", "con"], np.array([[40.0, 35.0], [30.0, 45.0]]))
    >>> list(w), list(r), m.tolist()
    (['lab', 'con'], ['con', 'lab'], [5.0, 15.0])
    """
    order = np.argsort(-arr, axis=1, kind="stable")
    rows = np.arange(arr.shape[0])
    first, second = order[:, 0], order[:, 1]
    names = np.array(parties, dtype=object)
    return names[first], names[second], arr[rows, first] - arr[rows, second]


def totals(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Seats per party before and after (and the change), largest first.

    Examples
    --------
    >>> t = totals(pd.Series(["lab", "con", "con"]), pd.Series(["lab", "lab", "con"]))
    >>> t.loc["lab"].tolist()
    [1, 2, 1]
    """
    b, a = before.value_counts(), after.value_counts()
    order = [p for p in PARTIES if p in b.index or p in a.index]
    out = pd.DataFrame({"before": b.reindex(order).fillna(0).astype(int),
                        "after": a.reindex(order).fillna(0).astype(int)})
    out["change"] = out["after"] - out["before"]
    out.index.name = "party"
    return out.sort_values(["after", "before"], ascending=False)
