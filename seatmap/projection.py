"""Seat projections from national, per-nation or per-region vote-share changes.

Two deterministic models and a probabilistic mode, all vectorised over seats (numpy):

Uniform swing (``model="uniform"``)
    Every seat's share of party p moves by the change of its area: ``s'_ip = s_ip + d_p``, only
    where p stood, floored at 0. If the named changes do not sum to zero in a seat (e.g.
    ``{"lab": 4}`` alone), the parties not named absorb the difference in proportion to their
    shares in that seat; any seat still not summing to 100 (a party floored at 0, or a named
    party that did not stand there) is rescaled to 100.

Proportional swing, Transition model (``model="proportional"``)
    The approach of Electoral Calculus's transition model. A party whose share falls from ``N_p``
    to ``N_p + d_p`` (``d_p < 0``) keeps the same fraction of its vote in every seat,
    ``s'_ip = s_ip * r_p`` with ``r_p = (N_p + d_p) / N_p``, so it loses most where it was
    strongest. The votes released in a seat, ``L_i = sum_losers s_ip (1 - r_p)``, go to the
    gaining parties standing there in proportion to their national gains:
    ``s'_ip = s_ip + L_i * d_p / sum_gainers_standing d_q`` (where no gainer stands, the seat
    is rescaled to 100). Changes that do not sum to zero are first balanced by the parties not
    named, in proportion to their shares in the area. Both models reproduce the national change
    up to differences in seat size and seats a party does not contest.

Changes are given as ``{party: points}`` for the whole UK, or as ``{area: {party: points}}`` for
regions and/or nations (a region's entry wins over its nation's; ``"*"`` is the default for areas
not named; areas not covered do not change). ``N_p`` is the party's share in the area the change
refers to (region, nation or UK).

Demographic model (``model="demographic"``)
    The proportional projection (with a GB or UK change of the SNP and Plaid Cymru moved into
    their own nation) adjusted seat by seat by coefficients fitted on past election pairs
    (leave-share and census-education terms for each party that gains, scaled by how much it
    gains), then re-solved so every area's totals equal those of that transition base: see
    :mod:`seatmap.seatmodel` and docs/forecasting.md for the specification, the fitted
    coefficients and its backtest.

Polls (``poll=``) and voter groups (``groups=``)
    :mod:`seatmap.polls` turns absolute shares as pollsters publish them into changes
    (``change = poll share - the base election's share in the same area``, GB-wide by default,
    Northern Ireland untouched) and group scenarios ("Labour +5 among leave voters") into
    seat-level changes by each seat's composition.

Changes that are not numbers, not finite, beyond +/-100 points, or that name one party twice
(``{"lab": 5, "Labour": -5}``) are refused with a :class:`~seatmap.SeatmapError`.

The probabilistic mode (:func:`simulate`) lives in :mod:`seatmap.simulation` and the backtest
(:func:`backtest`) in :mod:`seatmap.backtesting`; both stay importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import REGIONS
from .elections import election as _election
from .parties import PARTIES, party_code
from .swing import national_shares, parties_of

__all__ = ["MODELS", "Projection", "project"]

MODELS = ("uniform", "proportional", "demographic")
MODEL_ALIASES = {"uns": "uniform", "transition": "proportional", "ps": "proportional",
                 "demographics": "demographic", "seat model": "demographic"}
_GB = "Great Britain"
_MOVED = {"simulate": "simulation", "Simulation": "simulation", "contested_shares": "simulation",
          "backtest": "backtesting", "share_change": "backtesting"}
MAJORITY = 326
_DEFAULT = "*"


# --------------------------------------------------------------------------- inputs

def _frame(election, seats):
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


def _area_key(name: str) -> tuple[str, str]:
    """('region'|'nation'|'default', canonical name) for a change key."""
    if str(name).strip() in (_DEFAULT, "UK", "uk", "national", "GB"):
        return "default", _DEFAULT
    if str(name).strip().casefold() == "england":
        return "nation", "England"
    if str(name).strip().casefold() in ("great britain", "britain"):
        return "gb", _GB
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


def _party_deltas(raw: dict) -> dict[str, float]:
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
            key = _area_key(k)
            if key in out:
                raise SeatmapError(f"The area {key[1]!r} is given twice; give each area once.")
            out[key] = _party_deltas(v)
        return out
    if any(nested):
        raise SeatmapError("Mixing {party: points} and {area: {...}} entries: put national "
                           "changes under '*'.")
    return {("default", _DEFAULT): _party_deltas(change)}


def gb_mask(seats: pd.DataFrame) -> np.ndarray:
    """True for the seats in Great Britain (all seats if the frame has no ``nation``)."""
    if "nation" not in seats.columns:
        return np.ones(len(seats), dtype=bool)
    return seats["nation"].to_numpy(dtype=object) != "Northern Ireland"


def _seat_areas(seats: pd.DataFrame, spec: dict) -> tuple[np.ndarray, list]:
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


def _base_shares(seats: pd.DataFrame, keys: list) -> dict:
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


def _delta_matrix(seats, spec, parties, balance: bool):
    """Per-seat deltas, area shares and named-party mask (each S x P).

    With ``balance`` (proportional model) an area's changes that do not sum to zero are balanced
    by the parties it does not name, in proportion to their shares in the area.
    """
    idx, keys = _seat_areas(seats, spec)
    base = _base_shares(seats, keys)
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


def _apply(shares: np.ndarray, delta: np.ndarray, base: np.ndarray, named: np.ndarray,
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


# --------------------------------------------------------------------------- results

@dataclass
class Projection:
    """A deterministic projection: seat by seat, totals and the seats that change hands.

    Attributes
    ----------
    seats : pandas.DataFrame
        Per seat (index ``code``): ``seat``, ``region``, ``nation``, ``winner_before``,
        ``winner``, ``runner_up``, ``majority_pct`` (projected, points), ``changed``, and the
        projected ``{party}_pct``.
    totals : pandas.DataFrame
        Per party: ``before``, ``after``, ``change`` (seats).
    changes : pandas.DataFrame
        The seats that change hands: ``seat``, ``region``, ``from``, ``to``, ``majority_pct``.
    model : str
    change : dict
        The normalised change specification (from ``poll=`` too: ``poll - base share``).
    notes : list of str
        What was assumed on the way (e.g. how a poll's unnamed parties were shared, seats a
        voter-group scenario could not reach for want of data).
    """

    seats: pd.DataFrame
    totals: pd.DataFrame
    changes: pd.DataFrame
    model: str
    change: dict = field(default_factory=dict)
    base: pd.DataFrame | None = field(default=None, repr=False)
    notes: list = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        """The base seat frame with the projected results (usable by ``targets(seats=...)``).

        Votes are the projected shares of the same number of valid votes.
        """
        out = self.base.copy()
        parties = parties_of(out)
        valid = out["valid_votes"].astype("float64")
        for p in parties:
            out[f"{p}_pct"] = self.seats[f"{p}_pct"]
            out[f"{p}_votes"] = (self.seats[f"{p}_pct"] * valid / 100.0).round().astype("Int64")
        out["winner"] = self.seats["winner"]
        out["runner_up"] = self.seats["runner_up"]
        out["majority_pct"] = self.seats["majority_pct"]
        out["majority"] = (self.seats["majority_pct"] * valid / 100.0).round().astype("Int64")
        out = out.drop(columns=[c for c in ("result", "mp") if c in out.columns])
        out.attrs = dict(self.base.attrs, projection=self.model)
        return out


def lumped_factor(seats: pd.DataFrame, parties: list[str]) -> np.ndarray:
    """Fraction of a lumped column's share (``other``, ``ind``) its best candidate can hold.

    Those columns gather several candidates, so their total must not win a seat on its own. The
    best single candidate in one holds at most the runner-up's share, unless the column is the
    winner (then the winner's share); the factor scales the column's share down to that bound
    when deciding winners (1 for every other party).
    """
    from .swing import _LUMPED, winner_share

    factor = np.ones((len(seats), len(parties)))
    w, r = winner_share(seats)
    for j, p in enumerate(parties):
        if p not in _LUMPED:
            continue
        share = seats[f"{p}_pct"].astype("float64").fillna(0.0).to_numpy()
        bound = np.where(seats["winner"].astype("string").eq(p).fillna(False).to_numpy(),
                         w.to_numpy(), np.minimum(share, r.to_numpy()))
        with np.errstate(divide="ignore", invalid="ignore"):
            factor[:, j] = np.where(share > 0, np.clip(bound / share, 0.0, 1.0), 1.0)
    return factor


def _winners(parties: list[str], arr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(-arr, axis=1, kind="stable")
    rows = np.arange(arr.shape[0])
    first, second = order[:, 0], order[:, 1]
    names = np.array(parties, dtype=object)
    return names[first], names[second], arr[rows, first] - arr[rows, second]


def _totals(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    b, a = before.value_counts(), after.value_counts()
    order = [p for p in PARTIES if p in b.index or p in a.index]
    out = pd.DataFrame({"before": b.reindex(order).fillna(0).astype(int),
                        "after": a.reindex(order).fillna(0).astype(int)})
    out["change"] = out["after"] - out["before"]
    out.index.name = "party"
    return out.sort_values(["after", "before"], ascending=False)


def project(change: dict | None = None, election=2019, model: str = "uniform",
            seats: pd.DataFrame | None = None, *, poll: dict | None = None,
            groups: dict | None = None) -> Projection:
    """Project every seat from vote-share changes, a poll, or voter-group scenarios.

    Parameters
    ----------
    change : dict, optional
        ``{party: points}`` for the whole UK, or ``{area: {party: points}}`` with regions,
        nations, ``"Great Britain"`` and ``"*"`` (everywhere else). Points are changes in share
        (0-100 scale), each finite and within +/-100; a party may be named once.
    election : int or str, default 2019
        The results to start from.
    model : {"uniform", "proportional", "demographic"}
        See the module docstring and docs/forecasting.md.
    seats : pandas.DataFrame, optional
        A results frame to use instead of ``load_results(election)``.
    poll : dict, optional
        Absolute shares instead of ``change``: ``{party: share}`` for Great Britain, or
        ``{area: {party: share}}`` per GB / nation / region. Turned into
        ``change = share - base share in that area`` by :func:`seatmap.polls.poll_change`
        (which says how unnamed parties, Northern Ireland and totals other than 100 are
        handled).
    groups : dict, optional
        Voter-group scenarios, ``{group: {party: points}}`` such as
        ``{"leave": {"lab": 5}, "remain": {"lab": 2}}``, applied on top of the projection
        by each seat's composition (:func:`seatmap.polls.group_change`).

    Returns
    -------
    Projection

    Examples
    --------
    >>> p = project({"lab": 5, "con": -5}, 2019)
    >>> int(p.totals.loc["lab", "after"]), int(p.totals.loc["con", "after"])
    (253, 304)
    """
    from .polls import apply_groups, poll_change

    model = choice(model, MODELS, "projection model", aliases=MODEL_ALIASES)
    if groups is not None and seats is None:  # group composition lives in the seat frame
        from .datasets import load_seats

        seats = load_seats(election, geometry=False)
    seats = _frame(election, seats)
    notes: list[str] = []
    if poll is not None:
        if change is not None:
            raise SeatmapError("Give either a change or a poll, not both.")
        change, notes = poll_change(poll, seats)
    elif change is None and groups is None:
        raise SeatmapError("Give the share change as {party: points}, e.g. {'lab': 5, "
                           "'con': -5}, a poll as poll={'lab': 35, 'con': 25, ...}, or "
                           "groups={'leave': {'lab': 5}}.")
    spec = normalise_change(change) if change is not None else {}
    parties = parties_of(seats)
    shares = seats[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    if spec:
        delta, base, named = _delta_matrix(seats, spec, parties,
                                           balance=model != "uniform")
        if model == "demographic":
            from .seatmodel import apply_demographic

            new = apply_demographic(seats, parties, shares, delta, base, spec)
        else:
            new = _apply(shares, delta, base, named, model)
    else:
        new = shares.copy()
    if groups is not None:
        new, more = apply_groups(seats, parties, new, groups, _apply)
        notes += more
    winner, runner, margin = _winners(parties, new * lumped_factor(seats, parties))
    out = pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": seats["region"].astype("string") if "region" in seats else pd.NA,
        "nation": seats["nation"].astype("string") if "nation" in seats else pd.NA,
        "winner_before": seats["winner"].astype("string"),
        "winner": pd.array(winner, dtype="string"),
        "runner_up": pd.array(runner, dtype="string"),
        "majority_pct": margin,
    }, index=seats.index)
    # a seat held by the Speaker stays with the Speaker unless the Speaker's own share is changed
    out["changed"] = out["winner"] != out["winner_before"]
    proj = pd.DataFrame(new, index=seats.index, columns=[f"{p}_pct" for p in parties])
    out = pd.concat([out, proj], axis=1)
    changes = out.loc[out["changed"], ["seat", "region", "winner_before", "winner",
                                       "majority_pct"]]
    changes = changes.rename(columns={"winner_before": "from", "winner": "to"})
    changes = changes.sort_values(["to", "majority_pct"], ascending=[True, False])
    return Projection(seats=out, totals=_totals(out["winner_before"], out["winner"]),
                      changes=changes, model=model, change=spec, base=seats, notes=notes)


def __getattr__(name: str):
    """``simulate`` and ``backtest`` moved to their own modules; still importable from here."""
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'seatmap.projection' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __package__), name)

