"""The arithmetic shared by the projection models (no model choice, no I/O beyond the base frame).

:mod:`seatmap.projection`, :mod:`seatmap.polls`, :mod:`seatmap.seatmodel`,
:mod:`seatmap.simulation` and :mod:`seatmap.backtesting` all build on these functions, so they
live below every one of them: the base seat frame (:func:`frame`), change specifications
(:func:`normalise_change`, :func:`area_key`), the per-seat change matrices
(:func:`seat_areas`, :func:`base_shares`, :func:`delta_matrix`), the uniform and proportional
models (:func:`apply`), winners (:func:`winners`, :func:`lumped_factor`) and seat totals
(:func:`totals`). See :mod:`seatmap.projection` for the models themselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import REGIONS
from .elections import election as _election
from .parties import PARTIES, party_code
from .swing import national_shares

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


def area_key(name: str) -> tuple[str, str]:
    """('region'|'nation'|'gb'|'default', canonical name) for a change key.

    Examples
    --------
    >>> area_key("Yorkshire"), area_key("UK")
    (('region', 'Yorkshire and The Humber'), ('default', '*'))
    """
    if str(name).strip() in (DEFAULT, "UK", "uk", "national", "GB"):
        return "default", DEFAULT
    if str(name).strip().casefold() == "england":
        return "nation", "England"
    if str(name).strip().casefold() in ("great britain", "britain"):
        return "gb", GB
    try:
        return "region", choice(name, REGIONS, "region or nation",
                                aliases={"Yorkshire": "Yorkshire and The Humber",
                                         "East": "East of England", "NI": "Northern Ireland"})
    except SeatmapError:
        raise SeatmapError(
            f"Unknown area {name!r} for a share change. Valid areas: {', '.join(REGIONS)}, "
            f"England, or '*' for everywhere not named.") from None


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
    try:
        return party_values(raw, "share change", -100.0, 100.0)
    except SeatmapError as err:
        if "must be a number," in str(err):
            raise SeatmapError(f"{err} Give a number of points.") from None
        raise


def normalise_change(change: dict) -> dict[tuple[str, str], dict[str, float]]:
    """``{(level, area): {party: points}}`` from a national or per-area change specification."""
    if not isinstance(change, dict) or not change:
        raise SeatmapError("Give the share change as {party: points}, e.g. {'lab': 5, 'con': -5}, "
                           "or per area as {'Scotland': {'snp': 2}, '*': {'lab': 3}}.")
    nested = [isinstance(v, dict) for v in change.values()]
    if all(nested):
        out: dict = {}
        for k, v in change.items():
            key = area_key(k)
            if key in out:
                raise SeatmapError(f"The area {key[1]!r} is given twice; give each area once.")
            out[key] = party_deltas(v)
        return out
    if any(nested):
        raise SeatmapError("Mixing {party: points} and {area: {...}} entries: put national "
                           "changes under '*'.")
    return {("default", DEFAULT): party_deltas(change)}


def gb_mask(seats: pd.DataFrame) -> np.ndarray:
    """True for the seats in Great Britain (all seats if the frame has no ``nation``)."""
    if "nation" not in seats.columns:
        return np.ones(len(seats), dtype=bool)
    return seats["nation"].to_numpy(dtype=object) != "Northern Ireland"


def seat_areas(seats: pd.DataFrame, spec: dict) -> tuple[np.ndarray, list]:
    """For each seat, the index of the spec entry that applies (-1 = none)."""
    keys = list(spec)
    idx = np.full(len(seats), -1)
    for level in ("default", "gb", "nation", "region"):  # later levels override earlier ones
        for i, (lev, name) in enumerate(keys):
            if lev != level:
                continue
            if level == "default":
                mask = np.ones(len(seats), dtype=bool)
            elif level == "gb":
                mask = gb_mask(seats)
            else:
                if level not in seats.columns:
                    raise SeatmapError(f"The seat frame has no {level!r} column for area changes.")
                mask = (seats[level].astype("string") == name).fillna(False).to_numpy()
            idx[mask] = i
    return idx, keys


def base_shares(seats: pd.DataFrame, keys: list) -> dict:
    """The area shares N_p that each spec entry refers to."""
    cache = {}
    for lev, name in keys:
        if lev == "default":
            cache[(lev, name)] = national_shares(seats).iloc[0]
        elif lev == "gb":
            cache[(lev, name)] = national_shares(seats[gb_mask(seats)]).iloc[0]
        else:
            if name not in set(seats[lev].astype("string").dropna()):
                valid = ", ".join(sorted(set(seats[lev].astype("string").dropna())))
                raise SeatmapError(f"No seats in {name!r} in this frame (areas: {valid}).")
            cache[(lev, name)] = national_shares(seats, by=lev).loc[name]
    return cache


def delta_matrix(seats, spec, parties, balance: bool):
    """Per-seat deltas, area shares and named-party mask (each S x P).

    With ``balance`` (proportional model) an area's changes that do not sum to zero are balanced
    by the parties it does not name, in proportion to their shares in the area.
    """
    idx, keys = seat_areas(seats, spec)
    base = base_shares(seats, keys)
    nk, npart = len(keys), len(parties)
    d = np.zeros((nk + 1, npart))
    n = np.zeros((nk + 1, npart))
    named = np.zeros((nk + 1, npart), dtype=bool)
    for k, key in enumerate(keys):
        shares = base[key].reindex(parties).fillna(0.0).to_numpy()
        delta = np.array([spec[key].get(p, 0.0) for p in parties])
        unknown = set(spec[key]) - set(parties)
        if unknown:
            raise SeatmapError(f"No results for {', '.join(sorted(unknown))} in this frame; parties "
                               f"with results: {', '.join(parties)}.")
        named[k] = [p in spec[key] for p in parties]
        residual = -delta.sum()
        if balance and abs(residual) > 1e-9:
            pool = np.where(named[k], 0.0, shares)
            if pool.sum() <= 0:
                raise SeatmapError(f"The changes for {key[1]} do not sum to zero and no other "
                                   "party is left to balance them.")
            delta = delta + residual * pool / pool.sum()
        too_low = shares + delta < -1e-9
        if too_low.any():
            bad = [f"{parties[j]} ({shares[j]:.1f}%)" for j in np.flatnonzero(too_low)]
            raise SeatmapError(f"The change would push {', '.join(bad)} below zero in "
                               f"{'the UK' if key[0] == 'default' else key[1]}.")
        d[k], n[k] = delta, shares
    return d[idx], n[idx], named[idx]  # idx -1 picks the all-zero row


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
    order = np.argsort(-arr, axis=1, kind="stable")
    rows = np.arange(arr.shape[0])
    first, second = order[:, 0], order[:, 1]
    names = np.array(parties, dtype=object)
    return names[first], names[second], arr[rows, first] - arr[rows, second]


def totals(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    b, a = before.value_counts(), after.value_counts()
    order = [p for p in PARTIES if p in b.index or p in a.index]
    out = pd.DataFrame({"before": b.reindex(order).fillna(0).astype(int),
                        "after": a.reindex(order).fillna(0).astype(int)})
    out["change"] = out["after"] - out["before"]
    out.index.name = "party"
    return out.sort_values(["after", "before"], ascending=False)
