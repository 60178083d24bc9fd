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

Probabilistic mode (:func:`simulate`)
    Around the chosen model's projection, each simulation draws a national error per party and an
    independent error per seat and party. Errors are normal, with standard deviations given for a
    party on 40% and scaled by ``sqrt(share / 40)`` (binomial-like: the 2017-to-2019 residuals
    of seat results around a regional uniform swing grow that way, about 4 points at 40%, 2 at
    10% and 1 at 3%). The national error of party p has sd ``national_sd * sqrt(N_p / 40)``, with
    ``N_p`` its share in the seats it contests, and moves every seat by the same points (uniform)
    or by ``e_p * s_ip / N_p`` (proportional); the seat error has sd
    ``seat_sd * sqrt(s_ip / 40)``. The five parties with the largest projected shares in a seat
    are the only ones that can win it in the simulation. Returns each seat's win probability per
    party and the distribution of seat totals. Seeded (``numpy.random.default_rng(seed)``) and
    processed in chunks, so 10,000 simulations of 650 seats take about a second.
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

__all__ = [
    "MODELS",
    "Projection",
    "Simulation",
    "backtest",
    "project",
    "share_change",
    "simulate",
]

MODELS = ("uniform", "proportional")
MAJORITY = 326
_DEFAULT = "*"
_TOP_K = 5


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
    try:
        return "region", choice(name, REGIONS, "region or nation",
                                aliases={"Yorkshire": "Yorkshire and The Humber",
                                         "East": "East of England", "NI": "Northern Ireland"})
    except SeatmapError:
        raise SeatmapError(
            f"Unknown area {name!r} for a share change. Valid areas: {', '.join(REGIONS)}, "
            f"England, or '*' for everywhere not named.") from None


def _party_deltas(raw: dict) -> dict[str, float]:
    out: dict[str, float] = {}
    for party, value in raw.items():
        p = party_code(party)
        try:
            out[p] = out.get(p, 0.0) + float(value)
        except (TypeError, ValueError):
            raise SeatmapError(f"Share change for {p!r} must be a number of points, "
                               f"not {value!r}.") from None
    return out


def normalise_change(change: dict) -> dict[tuple[str, str], dict[str, float]]:
    """``{(level, area): {party: points}}`` from a national or per-area change specification."""
    if not isinstance(change, dict) or not change:
        raise SeatmapError("Give the share change as {party: points}, e.g. {'lab': 5, 'con': -5}, "
                           "or per area as {'Scotland': {'snp': 2}, '*': {'lab': 3}}.")
    nested = [isinstance(v, dict) for v in change.values()]
    if all(nested):
        return {_area_key(k): _party_deltas(v) for k, v in change.items()}
    if any(nested):
        raise SeatmapError("Mixing {party: points} and {area: {...}} entries: put national "
                           "changes under '*'.")
    return {("default", _DEFAULT): _party_deltas(change)}


def _seat_areas(seats: pd.DataFrame, spec: dict) -> tuple[np.ndarray, list]:
    """For each seat, the index of the spec entry that applies (-1 = none)."""
    keys = list(spec)
    idx = np.full(len(seats), -1)
    for level in ("default", "nation", "region"):  # later levels override earlier ones
        for i, (lev, name) in enumerate(keys):
            if lev != level:
                continue
            if level == "default":
                mask = np.ones(len(seats), dtype=bool)
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
        The normalised change specification.
    """

    seats: pd.DataFrame
    totals: pd.DataFrame
    changes: pd.DataFrame
    model: str
    change: dict = field(default_factory=dict)
    base: pd.DataFrame | None = field(default=None, repr=False)

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


def project(change: dict, election=2019, model: str = "uniform",
            seats: pd.DataFrame | None = None) -> Projection:
    """Project every seat from vote-share changes under uniform or proportional swing.

    Parameters
    ----------
    change : dict
        ``{party: points}`` (whole UK) or ``{area: {party: points}}`` with regions, nations and
        ``"*"`` (everywhere else). Points are changes in share (0-100 scale).
    election : int or str, default 2019
        The results to start from.
    model : {"uniform", "proportional"}
        See the module docstring for the formulas.
    seats : pandas.DataFrame, optional
        A results frame to use instead of ``load_results(election)``.

    Returns
    -------
    Projection

    Examples
    --------
    >>> p = project({"lab": 5, "con": -5}, 2019)
    >>> int(p.totals.loc["lab", "after"]), int(p.totals.loc["con", "after"])
    (253, 304)
    """
    model = choice(model, MODELS, "projection model",
                   aliases={"uns": "uniform", "transition": "proportional", "ps": "proportional"})
    seats = _frame(election, seats)
    spec = normalise_change(change)
    parties = parties_of(seats)
    shares = seats[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    delta, base, named = _delta_matrix(seats, spec, parties, balance=model == "proportional")
    new = _apply(shares, delta, base, named, model)
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
                      changes=changes, model=model, change=spec, base=seats)


# --------------------------------------------------------------------------- simulation

def contested_shares(seats: pd.DataFrame, parties: list[str]) -> np.ndarray:
    """Each party's share (0-100) of the valid votes in the seats where it stood."""
    votes = seats[[f"{p}_votes" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    valid = seats["valid_votes"].astype("float64").to_numpy()[:, None]
    stood = votes > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * votes.sum(axis=0) / (valid * stood).sum(axis=0)
    return np.nan_to_num(out)


@dataclass
class Simulation:
    """Win probabilities from a probabilistic projection.

    Attributes
    ----------
    seats : pandas.DataFrame
        Per seat: ``seat``, ``region``, ``winner_before``, ``projected`` (the deterministic
        winner), ``likely`` (the most probable winner), ``p_likely`` and ``p_hold`` (probability
        the current holder keeps it).
    win_prob : pandas.DataFrame
        Seats x parties: probability of winning (rows sum to 1).
    totals : pandas.DataFrame
        Per party: ``mean``, ``p05``, ``median``, ``p95`` seats, ``p_largest`` (largest party,
        ties shared) and ``p_majority`` (at least 326 seats).
    n, seed, national_sd, seat_sd, model
        The settings used.
    """

    seats: pd.DataFrame
    win_prob: pd.DataFrame
    totals: pd.DataFrame
    n: int
    seed: int
    national_sd: float
    seat_sd: float
    model: str


def simulate(change: dict | None = None, election=2019, model: str = "uniform",
             n: int = 10_000, national_sd: float = 2.0, seat_sd: float = 4.0, seed: int = 0,
             seats: pd.DataFrame | None = None, chunk: int = 2_000) -> Simulation:
    """Simulate national and seat-level uncertainty around a projection.

    Parameters
    ----------
    change : dict, optional
        As in :func:`project`; ``None`` simulates around the results themselves.
    election, model, seats
        As in :func:`project`.
    n : int, default 10000
        Number of simulations.
    national_sd : float, default 2.0
        Standard deviation (points) of the national error of a party on 40% (a typical polling
        error), shared by all its seats; scaled by ``sqrt(N_p / 40)`` for other parties.
    seat_sd : float, default 4.0
        Standard deviation (points) of a 40% party's independent error in each seat, scaled by
        ``sqrt(s_ip / 40)``: 4 points is the spread of 2019 seat results around a regional
        uniform swing from 2017 for parties on 30-50%.
    seed : int, default 0
        Seed of the random generator: the same seed gives the same answer.
    chunk : int
        Simulations per vectorised block (bounds memory use).

    Returns
    -------
    Simulation

    Examples
    --------
    >>> sim = simulate({"lab": 5, "con": -5}, n=2000, seed=1)
    >>> bool(sim.win_prob.loc["E14000611", "lab"] > 0.9)  # Bury North
    True
    """
    if int(n) < 1:
        raise SeatmapError(f"The number of simulations must be at least 1, not {n!r}.")
    if national_sd < 0 or seat_sd < 0:
        raise SeatmapError("Standard deviations must be zero or positive.")
    seats = _frame(election, seats)
    proj = project(change, election, model, seats) if change else None
    parties = parties_of(seats)
    if proj is not None:
        centre = proj.seats[[f"{p}_pct" for p in parties]].to_numpy()
        model = proj.model
    else:
        model = choice(model, MODELS, "projection model")
        centre = seats[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    centre = centre * lumped_factor(seats, parties)  # a lumped column is not one candidate
    s_count, p_count = centre.shape
    k = min(_TOP_K, p_count)
    cand = np.argsort(-centre, axis=1, kind="stable")[:, :k]          # S x k party indices
    cshare = np.take_along_axis(centre, cand, axis=1).astype(np.float32)
    alive = cshare > 0
    contest = contested_shares(seats, parties)
    nat_sd = (national_sd * np.sqrt(contest / 40.0)).astype(np.float32)
    if model == "proportional":
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(contest[cand] > 0, cshare / contest[cand], 0.0).astype(np.float32)
    else:
        scale = np.ones_like(cshare)
    seat_scale = (seat_sd * np.sqrt(np.clip(cshare, 0.0, None) / 40.0)).astype(np.float32)
    # parties that did not stand sit far below any plausible share, so they never win;
    # arrays are laid out candidate-first (k x sims x seats) so the argmax runs over blocks
    base_t = np.ascontiguousarray(np.where(alive, cshare, np.float32(-1e6)).T, dtype=np.float32)
    scale_t = np.ascontiguousarray(scale.T, dtype=np.float32)
    seat_t = np.ascontiguousarray(seat_scale.T, dtype=np.float32)
    rng = np.random.default_rng(seed)
    wins = np.zeros(s_count * p_count, dtype=np.int64)
    totals = np.zeros((int(n), p_count), dtype=np.int32)
    seat_off = np.arange(s_count) * p_count
    rows = np.arange(s_count)
    done = 0
    while done < n:
        m = min(chunk, n - done)
        nat_err = rng.standard_normal((m, p_count), dtype=np.float32) * nat_sd
        sim = rng.standard_normal((k, m, s_count), dtype=np.float32)   # seat errors
        sim *= seat_t[:, None, :]
        sim += base_t[:, None, :]
        tmp = np.empty((m, s_count), dtype=np.float32)
        for j in range(k):                                              # + national errors
            np.take(nat_err, cand[:, j], axis=1, out=tmp)
            tmp *= scale_t[j]
            sim[j] += tmp
        party = cand[rows, sim.argmax(axis=0)]                          # m x S party indices
        wins += np.bincount((party + seat_off).ravel(), minlength=s_count * p_count)
        offs = (party + (np.arange(m) * p_count)[:, None]).ravel()
        totals[done:done + m] = np.bincount(offs, minlength=m * p_count).reshape(m, p_count)
        done += m
    prob = pd.DataFrame(wins.reshape(s_count, p_count) / float(n), index=seats.index,
                        columns=parties)
    prob = prob.loc[:, prob.sum() > 0]
    likely = prob.idxmax(axis=1)
    before = seats["winner"].astype("string")
    hold = prob.reindex(columns=sorted(set(before.dropna()) | set(prob.columns)), fill_value=0.0)
    p_hold = hold.to_numpy()[np.arange(s_count), hold.columns.get_indexer(before.fillna(""))]
    table = pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": seats["region"].astype("string") if "region" in seats else pd.NA,
        "winner_before": before,
        "projected": proj.seats["winner"] if proj is not None else before,
        "likely": likely.astype("string"),
        "p_likely": prob.max(axis=1),
        "p_hold": np.where(hold.columns.get_indexer(before.fillna("")) >= 0, p_hold, 0.0),
    }, index=seats.index)
    tot = pd.DataFrame(totals, columns=parties)
    top = tot.max(axis=1).to_numpy()[:, None]
    is_top = tot.to_numpy() == top
    shared = is_top / is_top.sum(axis=1, keepdims=True)
    summary = pd.DataFrame({
        "mean": tot.mean(),
        "p05": tot.quantile(0.05),
        "median": tot.median(),
        "p95": tot.quantile(0.95),
        "p_largest": shared.mean(axis=0),
        "p_majority": (tot >= MAJORITY).mean(),
    })
    summary.index.name = "party"
    summary = summary[summary["mean"] > 0].sort_values("mean", ascending=False)
    return Simulation(seats=table, win_prob=prob, totals=summary, n=int(n), seed=seed,
                      national_sd=national_sd, seat_sd=seat_sd, model=model)


# --------------------------------------------------------------------------- backtest

def share_change(before: pd.DataFrame, after: pd.DataFrame, by: str | None = None) -> dict:
    """The actual change in vote shares between two results frames, as a change specification.

    Parameters
    ----------
    before, after : pandas.DataFrame
        Results frames (votes per party); they need not share boundaries.
    by : {None, "nation", "region"}
        National (UK) change, or one entry per nation / region.

    Returns
    -------
    dict
        ``{party: points}`` or ``{area: {party: points}}``, for :func:`project`. Parties absent
        from ``before`` (e.g. the Brexit Party in 2017) count as ``other``, as they would have
        in the first election's results.
    """
    sb, sa = national_shares(before, by=by), national_shares(after, by=by)
    parties = [p for p in PARTIES if p in sb.columns]
    sa = sa.reindex(columns=[p for p in PARTIES if p in sa.columns or p in sb.columns], fill_value=0.0)
    new = [p for p in sa.columns if p not in sb.columns]
    if new and "other" in parties:  # e.g. the Brexit Party in 2019: 'other' in 2017 terms
        sa["other"] = sa["other"] + sa[new].sum(axis=1)
    diff = sa.reindex(columns=parties).fillna(0.0) - sb.reindex(index=sa.index,
                                                                columns=parties).fillna(0.0)
    rows = {area: {p: float(v) for p, v in row.items()} for area, row in diff.iterrows()}
    return rows["UK"] if by is None else rows


def backtest(before=2017, after=2019, by: str | None = None,
             seats_before: pd.DataFrame | None = None,
             seats_after: pd.DataFrame | None = None, simulations: int = 0,
             seed: int = 0) -> pd.DataFrame:
    """Apply the actual change between two elections to the first and score each model.

    The default applies the actual 2017-to-2019 national (UK) change to the 2017 results and
    counts how many 2019 winners each model gets right (the Speaker's seat and seats won by a
    party absent from the first election count as misses).

    Parameters
    ----------
    before, after : int or str
        The two elections (one boundary set).
    by : {None, "nation", "region"}
        Apply the actual change UK-wide (default), per nation or per region.
    seats_before, seats_after : pandas.DataFrame, optional
        Results frames to use instead of the bundled ones.
    simulations : int, default 0
        Also score ``simulate`` with this many runs.
    seed : int, default 0
        Random seed of the simulations.

    Returns
    -------
    pandas.DataFrame
        One row per model plus ``no change`` (the first election's winners): ``correct``,
        ``seats``, ``accuracy_pct``, ``seat_error`` (sum over parties of |projected - actual|
        seats / 2, i.e. seats allocated to the wrong party in the totals). With
        ``simulations``, one ``simulated <model>`` row per model scores the most likely winner
        and adds ``p_actual``: the mean probability the simulation gave the actual winner.

    Examples
    --------
    >>> backtest(2017, 2019)["correct"].tolist()  # no change, uniform, proportional
    [569, 593, 601]
    """
    b = _frame(before, seats_before)
    a = _frame(after, seats_after)
    if b.attrs.get("boundary_set") and b.attrs.get("boundary_set") != a.attrs.get("boundary_set"):
        raise SeatmapError("A backtest compares seat winners, so both elections must be on one "
                           "boundary set (e.g. 2017 and 2019, or 2019-notional and 2024).")
    change = share_change(b, a, by=by)
    actual = a["winner"].astype("string").reindex(b.index)
    rows = []
    cands = [("no change", b["winner"].astype("string"))]
    for model in MODELS:
        cands.append((model, project(change, model=model, seats=b).seats["winner"]))
    p_actual = {}
    for model in MODELS if simulations else ():
        sim = simulate(change, model=model, n=simulations, seed=seed, seats=b)
        cands.append((f"simulated {model}", sim.seats["likely"]))
        prob = sim.win_prob.reindex(columns=sorted(set(sim.win_prob.columns) | set(
            actual.dropna())), fill_value=0.0)
        pos = prob.columns.get_indexer(actual.fillna(""))
        got = np.where(pos >= 0, prob.to_numpy()[np.arange(len(prob)), np.clip(pos, 0, None)], 0)
        p_actual[f"simulated {model}"] = float(got.mean())
    for name, won in cands:
        correct = int((won == actual).fillna(False).sum())
        t = _totals(actual, won)
        rows.append({"model": name, "correct": correct, "seats": len(b),
                     "accuracy_pct": 100.0 * correct / len(b),
                     "seat_error": int(t["change"].abs().sum() // 2),
                     "p_actual": p_actual.get(name, np.nan)})
    out = pd.DataFrame(rows).set_index("model")
    out.attrs = {"before": b.attrs.get("election"), "after": a.attrs.get("election"), "by": by,
                 "change": change}
    return out
