"""The seat model's array core: a base result as arrays, the models' seat shares, and delivery.

Every projection runs the same four steps on numpy arrays (seats x parties, shares 0-100):

1. **Standing** (:mod:`seatmap.standing`): who stands in each seat, and the starting share of a
   party entering a seat it did not contest in the base election.
2. **The model's seat pattern** (:func:`prior`): how the change of each area is spread over its
   seats: ``uniform`` (the same points everywhere), ``proportional`` (the transition model: a
   losing party keeps the same fraction of its vote everywhere, the released votes go to the
   gainers), ``mixed`` (uniform, except that a party losing a large part of its vote loses
   it in proportion to its strength: the fraction ``lambda = min(1, k * |d| / A)`` of a fall
   ``d`` from ``A`` is proportional, the rest uniform; ``k`` fitted by the backtest on earlier
   elections only) and ``demographic`` (the mixed pattern adjusted by leave and graduate terms).
3. **Tactical voting** (:mod:`seatmap.tactical`), optional.
4. **Delivery** (:func:`deliver`): the seat shares are matched to every area's target exactly,
   so the projected shares weighted by each seat's valid votes equal the poll (or base plus
   change) in every area it names. Uniform, mixed and demographic close the gap by shifting a
   party's share by the same points in every seat of the area where it stands; where a party
   would go below 0 its shortfall is taken equally from the other parties standing in that
   seat (a per-seat offset keeps each seat at 100). The shifts are found by Newton steps on
   each area's Jacobian (kept when they bring every area closer, else a diagonal step).
   Proportional closes it by scaling a party's share by the same factor (log-linear offsets,
   iterative proportional fitting).

Cells held fixed keep their base share and count towards the area's totals: the personal vote
of an independent who won or polled strongly, the Speaker's seat (outside every area), and
every seat of an area no scenario names (Northern Ireland in a GB poll).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import SeatmapError

__all__ = ["DELIVERY_TOLERANCE", "MAX_ITER", "Base", "base_arrays", "deliver", "prior"]

DELIVERY_TOLERANCE = 1e-9  # points: the largest gap to an area target delivery leaves
MAX_ITER = 500  # delivery iterations (the multiplicative finish runs four times as many)
# parties standing in one nation only
NATION_PARTIES = {"snp": "Scotland", "pc": "Wales"}
NI_PARTIES = ("dup", "sf", "sdlp", "uup", "alliance", "tuv", "pbp")
LUMPED = ("other", "ind", "speaker")
ADDITIVE = ("uniform", "mixed", "demographic")


@dataclass
class Base:
    """A base result as arrays (seats in frame order)."""

    codes: np.ndarray
    names: np.ndarray
    parties: list[str]
    shares: np.ndarray          # S x P, 0-100, rows sum to 100
    votes: np.ndarray           # S valid votes (the weights of every area total)
    nation: np.ndarray          # S str
    region: np.ndarray          # S str
    winner: np.ndarray          # S str
    speaker: np.ndarray         # S bool: the Speaker's seat
    lumped: np.ndarray          # S x P: a lumped column's best single candidate (0-1)
    frame: pd.DataFrame = field(repr=False)
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def stood(self) -> np.ndarray:
        """Seats x parties: True where the party had votes at the base election."""
        return self.shares > 0

    def col(self, party: str) -> int:
        """The column of ``party`` (a code such as ``"lab"``) in the arrays."""
        return self.parties.index(party)


def base_arrays(seats: pd.DataFrame) -> Base:
    """The arrays of a results frame (``load_results``/``load_seats`` or a user's own frame).

    Examples
    --------
    >>> from seatmap import load_results
    >>> b = base_arrays(load_results(2024))
    >>> b.shares.shape, round(float(b.shares.sum(axis=1).mean()), 6)
    ((650, 17), 100.0)
    """
    from .swing import parties_of
    from .swingmodels import lumped_factor

    parties = parties_of(seats)
    if not parties:
        raise SeatmapError("The seat frame has no {party}_pct columns: use load_results or "
                           "load_seats as the base.")
    shares = seats[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    shares = np.clip(shares, 0.0, None)
    total = shares.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(total > 0, 100.0 * shares / total, shares)
    if "valid_votes" in seats.columns:
        votes = seats["valid_votes"].astype("float64").fillna(0.0).to_numpy()
    else:
        votes = np.ones(len(seats))
    if (votes <= 0).all():
        votes = np.ones(len(seats))

    def text(col: str, default: str = "") -> np.ndarray:
        if col not in seats.columns:
            return np.full(len(seats), default, dtype=object)
        return seats[col].astype("string").fillna(default).to_numpy(dtype=object)

    winner = text("winner")
    speaker = winner == "speaker"
    if "speaker" in parties:
        speaker = speaker | (shares[:, parties.index("speaker")] > 0)
    return Base(codes=seats.index.to_numpy(dtype=object), names=text("name"), parties=parties,
                shares=shares, votes=votes, nation=text("nation", "Great Britain"),
                region=text("region"), winner=winner, speaker=np.asarray(speaker, dtype=bool),
                lumped=lumped_factor(seats, parties) if "winner" in seats.columns
                else np.ones_like(shares), frame=seats)


def cell_shares(x: np.ndarray, w: np.ndarray, cells: np.ndarray, k: int) -> np.ndarray:
    """Vote-weighted shares (k x P) of ``x`` over each cell (rows with cell -1 ignored)."""
    m = cells >= 0
    out = np.zeros((k, x.shape[1]))
    np.add.at(out, cells[m], x[m] * w[m, None])
    tot = np.zeros(k)
    np.add.at(tot, cells[m], w[m])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(tot[:, None] > 0, out / tot[:, None], 0.0)


def prior(model: str, start: np.ndarray, stands: np.ndarray, delta: np.ndarray,
          area_base: np.ndarray, mix: float | None = None) -> np.ndarray:
    """The model's seat shares (rows of moved seats) before delivery.

    Parameters
    ----------
    model : {"uniform", "proportional", "mixed", "demographic"}
        ``demographic`` starts from ``mixed`` (its terms are added by :mod:`seatmap.seatmodel`).
    start : numpy.ndarray
        Seats x parties starting shares (after standing).
    stands : numpy.ndarray
        Seats x parties: True where the party stands.
    delta, area_base : numpy.ndarray
        Seats x parties: the change of the seat's area and the area's starting shares.
    mix : float, optional
        The mixed model's ``k``: a party falling by ``d`` from ``A`` in the area loses the
        fraction ``lambda = min(1, k * |d| / A)`` of its fall in proportion to its strength in
        the seat and the rest uniformly; a party that rises rises uniformly.

    Examples
    --------
    >>> s = np.array([[60.0, 40.0], [20.0, 80.0]])
    >>> d = np.array([[10.0, -10.0]] * 2)
    >>> a = np.array([[40.0, 60.0]] * 2)
    >>> prior("uniform", s, s > 0, d, a).tolist()
    [[70.0, 30.0], [30.0, 70.0]]
    >>> prior("mixed", s, s > 0, d, a, mix=6.0).round(2).tolist()  # lambda 1 for the fall
    [[70.0, 33.33], [30.0, 66.67]]
    """
    from .swingmodels import apply

    if model == "uniform":
        out = np.where(stands, np.maximum(start + delta, 0.0), 0.0)
    elif model == "proportional":
        out = apply(start, delta, area_base, np.ones_like(stands), "proportional")
        out = np.where(stands, out, 0.0)
    else:
        k = 0.0 if mix is None else float(mix)
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(area_base > 0, start / area_base, 1.0)
            size = np.where(area_base > 0, -delta / area_base, 0.0)
        lam = np.clip(k * size, 0.0, 1.0)  # only a falling party (size > 0) loses in proportion
        out = np.where(stands, np.maximum(start + delta * ((1.0 - lam) + lam * rel), 0.0), 0.0)
    return out


def deliver(x: np.ndarray, stands: np.ndarray, w: np.ndarray, cells: np.ndarray,
            goal: np.ndarray, room: np.ndarray, additive: bool) -> np.ndarray:
    """Match ``x`` (moved rows) to each cell's vote-weighted ``goal`` exactly.

    Parameters
    ----------
    x : numpy.ndarray
        Rows x parties: the model's shares of the free part of each row.
    stands : numpy.ndarray
        Rows x parties: where a party may have a share.
    w : numpy.ndarray
        Rows: valid votes.
    cells : numpy.ndarray
        Rows: the cell (0..K-1) of each row.
    goal : numpy.ndarray
        K x parties: the vote-weighted shares the free part of each cell must have, summing to
        the cell's mean ``room``.
    room : numpy.ndarray
        Rows: what the free part of a row sums to (100 less its fixed cells).
    additive : bool
        Shift (uniform, mixed) or scale (proportional, demographic).

    Returns
    -------
    numpy.ndarray
        The delivered shares; every row sums to its ``room``.

    Examples
    --------
    Two equal seats, one party to go from 50 to 60 on average, the other floored at 0:

    >>> x = np.array([[95.0, 5.0], [5.0, 95.0]])
    >>> out = deliver(x, x > 0, np.ones(2), np.array([0, 0]), np.array([[60.0, 40.0]]),
    ...               np.full(2, 100.0), additive=True)
    >>> out.round(6).tolist()
    [[100.0, 0.0], [20.0, 80.0]]
    """
    k = goal.shape[0]
    onehot_w = np.zeros((k, len(cells)))
    onehot_w[cells, np.arange(len(cells))] = w
    tot = onehot_w.sum(axis=1)
    onehot_w /= np.where(tot > 0, tot, 1.0)[:, None]
    allowed = stands & (goal[cells] > 0)
    x = np.where(allowed, x, 0.0)
    # a party that must have votes in a cell but has none in any of its seats starts level there
    have = onehot_w @ x
    need = (goal > 0) & (have <= 0)
    if need.any():
        x = np.where(need[cells] & allowed, 1.0, x)
    room = room[:, None]

    def norm(y: np.ndarray) -> np.ndarray:
        s = y.sum(axis=1, keepdims=True)
        return np.where(s > 0, y * room / np.where(s > 0, s, 1.0), 0.0)

    if additive:
        c = np.zeros_like(goal)
        mu = np.zeros((len(cells), 1))
        x = np.where(allowed, x, 0.0)
        y = _shift_rows(x, allowed, room, mu)
        gap = goal - onehot_w @ y
        for _ in range(MAX_ITER):
            worst = np.abs(gap).max()
            if worst < DELIVERY_TOLERANCE:
                return y
            # a Newton step, kept if it brings every area closer; else the diagonal step (a
            # party's total moves with its shift only where it is above 0)
            trial_c = c + _newton_step(y > 0, onehot_w, cells, gap)
            trial_mu = mu.copy()
            trial = _shift_rows(x + trial_c[cells], allowed, room, trial_mu)
            trial_gap = goal - onehot_w @ trial
            if np.abs(trial_gap).max() < worst:
                c, mu, y, gap = trial_c, trial_mu, trial, trial_gap
                continue
            c += gap / np.clip(onehot_w @ (y > 0), 0.05, None)
            y = _shift_rows(x + c[cells], allowed, room, mu)
            gap = goal - onehot_w @ y
        return _finish_multiplicative(y, allowed, onehot_w, cells, goal, norm)
    return _finish_multiplicative(norm(x), allowed, onehot_w, cells, goal, norm)


def _newton_step(live: np.ndarray, onehot_w: np.ndarray, cells: np.ndarray,
                 gap: np.ndarray) -> np.ndarray:
    """The shifts (cells x parties) that close ``gap`` to first order.

    Shifting party q by ``dc_q`` in a cell moves party p's share in seat i by ``dc_p`` less
    the seat's offset ``sum_q dc_q / n_i`` (over the n_i parties above 0 there), so the
    cell's Jacobian is ``J_pq = sum_i ow_i live_ip (delta_pq - live_iq / n_i)``. Solved per
    cell with a tiny ridge (J is singular: a shift of every party alike changes nothing); a
    party above 0 nowhere in the cell takes the diagonal step ``gap / 0.05``.
    """
    k = gap.shape[0]
    lf = live.astype(float)
    n = np.maximum(lf.sum(axis=1, keepdims=True), 1.0)
    step = np.zeros_like(gap)
    for c in range(k):
        rows = cells == c
        w = onehot_w[c, rows][:, None]
        lv = lf[rows]
        diag = (w * lv).sum(axis=0)
        jac = np.diag(diag) - (w * lv / n[rows]).T @ lv
        on = diag > 1e-12
        if on.any():
            sub = jac[np.ix_(on, on)] + 1e-9 * np.eye(int(on.sum()))
            step[c, on] = np.linalg.solve(sub, gap[c, on])
        step[c, ~on] = gap[c, ~on] / 0.05
    return step


def _shift_rows(y: np.ndarray, allowed: np.ndarray, room: np.ndarray,
                mu: np.ndarray) -> np.ndarray:
    """``max(y + mu_i, 0)`` with the row offset ``mu_i`` making each row sum to its room.

    The same points for every party standing in the seat: where a party would go below 0 its
    shortfall is taken equally from the parties above 0 (Newton steps on the piecewise-linear
    row sum, on the rows not yet at their room; ``mu`` is updated in place as the next call's
    start).
    """
    z = np.where(allowed, np.maximum(y + mu, 0.0), 0.0)
    excess = z.sum(axis=1) - room[:, 0]
    todo = np.flatnonzero(np.abs(excess) >= 1e-12)
    for _ in range(60):
        if not len(todo):
            break
        yt, at, mt = y[todo], allowed[todo], mu[todo]
        live = (at & (yt + mt > 0)).sum(axis=1, keepdims=True)
        live = np.where(live > 0, live, at.sum(axis=1, keepdims=True))
        mt = mt - excess[todo][:, None] / np.maximum(live, 1)
        mu[todo] = mt
        zt = np.where(at, np.maximum(yt + mt, 0.0), 0.0)
        z[todo] = zt
        excess[todo] = zt.sum(axis=1) - room[todo, 0]
        todo = todo[np.abs(excess[todo]) >= 1e-12]
    return z


def _finish_multiplicative(y, allowed, onehot_w, cells, goal, norm):
    """Iterative proportional fitting (log-linear offsets per cell and party)."""
    base = y
    off = np.zeros_like(goal)
    for _ in range(MAX_ITER * 4):
        got = onehot_w @ y
        if np.abs(goal - got).max() < DELIVERY_TOLERANCE:
            return y
        ok = (got > 0) & (goal > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            off += np.where(ok, np.log(np.where(ok, goal, 1.0) / np.where(ok, got, 1.0)), 0.0)
        off = np.clip(off, -50.0, 50.0)  # a target out of reach never overflows exp()
        y = norm(np.where(allowed, base * np.exp(off[cells]), 0.0))
    gap = float(np.abs(goal - onehot_w @ y).max())
    if gap > 0.01:
        raise SeatmapError(f"The projection could not reach the area targets (off by {gap:.3f} "
                           "points): a party's target needs seats where it does not stand. "
                           "Check the poll and standing= for that area.")
    return y
