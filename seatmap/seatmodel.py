"""The demographic seat model (``project(..., model="demographic")``).

Specification (docs/forecasting.md has the fitted values and the backtest):

1. **Transition base.** The proportional (transition) projection ``P0`` of the change: a losing
   party keeps the same fraction of its vote in every seat; the released votes go to the gaining
   parties standing there in proportion to their national gains. A party that stands in one
   nation only (:data:`NATION_PARTIES`: the SNP, Plaid Cymru) has its change of a wider area
   (GB, UK) moved into its nation (:func:`nation_rows`): the SNP's -1.4 GB points of 2024 are
   -15.8 points of Scotland (actually -15.0), and the other parties' changes there absorb the
   difference in proportion to their Scottish shares. Without this a GB change cannot deliver
   a nation-only party's gain (the SNP's +3.2 GB points of 2015: +37 in Scotland by this rule,
   +30 in fact, where the transition alone gives it a few points).
2. **Demographic adjustment in log-share space.** For each seat i and party p::

       u_ip = log(P0_ip) + g_ip * (beta_f(p) * z_i + gamma_f(p) * e_i) + a_kp

   where ``g_ip = max(log((N_p + d_p) / N_p), 0)`` is the party's proportional growth in the
   area of the change (0 for a party that falls, or that had no votes there), ``z_i =
   (leave_pct_i - 52) / 10`` the seat's EU-referendum leave share, centred and scaled, and
   ``e_i`` the seat's census share of adults with a degree-level qualification (level 4+),
   standardised over the frame's England and Wales seats. ``beta`` and ``gamma`` are fitted
   per party family (:data:`FAMILIES`: UKIP, the Brexit Party and Reform are one family). A
   party that grows grows more (or less) in leave-voting and in graduate seats, in proportion
   to how much it grows: the new-party surge of UKIP in 2015 and Reform in 2024, strongest
   where leave was high; the Liberal Democrats' and Greens' where graduates are many. A party
   that falls is left to the transition base.
3. **Shares and totals.** ``s_ip = 100 * exp(u_ip) / sum_q exp(u_iq)`` over the parties that
   stood in the seat (so 0-100, summing to 100), with the offsets ``a_kp`` solved (iterative
   proportional fitting) so each change area's vote-weighted totals equal those of the
   transition base: the model moves votes between seats, never the national result. With
   every coefficient 0 the model is the transition base: the proportional model exactly where
   no nation-only party is moved (England; any change given per nation).
   Northern Ireland, the Speaker's seat and seats no change applies to keep the base shares.

Missing data is handled by the specification, never filled in: leave exists for every seat on
both boundary sets; the census education term is defined for England and Wales only (Census
2011 and 2021 cover them on both sets; Scotland has no census class or education on the 2024
set and Northern Ireland none), so Scottish seats move by the leave term alone and Northern
Ireland is not moved by the model at all.

Coefficients are fitted by ``python -m seatmap.build.seatmodel`` (least squares on seat shares,
ridge-penalised, over the election pairs 2010-2015, 2015-2017, 2017-2019 and notional
2019-2024) and shipped in ``data/models/seatmodel.json``: one set fitted on every pair (used by
:func:`seatmap.project`) and one per pair fitted without it (used by :func:`seatmap.backtest`,
so every published score is out of sample).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError

__all__ = ["FAMILIES", "apply_demographic", "coefficients"]

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "seatmodel.json"
# party -> family sharing one leave coefficient
FAMILIES = {"reform": "reform", "ukip": "reform", "green": "green", "ld": "ld", "lab": "lab",
            "con": "con", "snp": "snp", "pc": "pc"}
FAMILY_NAMES = ("reform", "green", "ld", "lab", "con", "snp", "pc")
GRADUATE_FAMILIES = ("reform", "green", "ld", "lab", "con")
TERMS = FAMILY_NAMES + tuple(f"{f}_graduates" for f in GRADUATE_FAMILIES)
# parties standing in one nation only: a change of a wider area is moved into their nation
NATION_PARTIES = {"snp": "Scotland", "pc": "Wales"}
LEAVE_CENTRE, LEAVE_SCALE = 52.0, 10.0
_ITER = 60


_OVERRIDE: list[dict] = []


@contextmanager
def fitted_without(pair: str | None):
    """Within the block, the demographic model uses the coefficients fitted without ``pair``.

    The backtest scores each election pair this way (leave one pair out); ``None`` or a pair
    the model was not fitted on leaves the shipped coefficients in place.
    """
    sets = _shipped()["leave_one_out"]
    _OVERRIDE.append(dict(sets[pair]) if pair in sets else coefficients())
    try:
        yield
    finally:
        _OVERRIDE.pop()


@memoized(maxsize=1)
def _shipped() -> dict:
    try:
        return json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeatmapError("The demographic model's coefficients (data/models/seatmodel.json) "
                           "are missing: run `python -m seatmap.build.seatmodel`.") from None


def coefficients(without: str | None = None) -> dict[str, float]:
    """The fitted leave coefficient of each party family.

    Parameters
    ----------
    without : str, optional
        An election pair (``"2017-2019"``): the coefficients fitted without it (the ones the
        backtest scores that pair with). Default: fitted on every pair.

    Returns
    -------
    dict
        ``{family: beta}``.

    Examples
    --------
    >>> sorted(coefficients())[:3]
    ['con', 'con_graduates', 'green']
    """
    model = _shipped()
    if without is None:
        return dict(model["coefficients"])
    sets = model["leave_one_out"]
    if without not in sets:
        raise SeatmapError(f"No coefficients fitted without {without!r}; pairs: "
                           f"{', '.join(sets)}.")
    return dict(sets[without])


@memoized(maxsize=8)
def _attribute(loader, boundary_set: str, column: str) -> pd.Series:
    """One attribute column of a boundary set, read once (the model runs in loops)."""
    return loader(boundary_set)[column].astype("float64")


def _nation(seats: pd.DataFrame) -> np.ndarray:
    """Each seat's nation (from the frame, or the boundary set's register)."""
    if "nation" in seats.columns:
        return seats["nation"].to_numpy(dtype=object)
    bs = seats.attrs.get("boundary_set")
    if not bs:
        raise SeatmapError("The demographic model needs each seat's nation: use a frame from "
                           "load_seats or load_results.")
    from .datasets import load_constituencies

    return load_constituencies(bs)["nation"].reindex(seats.index).to_numpy(dtype=object)


def _leave(seats: pd.DataFrame) -> np.ndarray:
    if "leave_pct" in seats.columns:
        leave = seats["leave_pct"].astype("float64")
    else:
        from .datasets import load_leave

        bs = seats.attrs.get("boundary_set")
        if not bs:
            raise SeatmapError("The demographic model needs each seat's leave_pct: use a frame "
                               "from load_seats, or add a leave_pct column.")
        leave = _attribute(load_leave, bs, "leave_pct").reindex(seats.index)
    if leave.isna().any():
        missing = ", ".join(map(str, leave.index[leave.isna()][:5]))
        raise SeatmapError(f"No leave_pct for {int(leave.isna().sum())} seats ({missing}...): "
                           "the demographic model needs it for every seat it moves.")
    return ((leave - LEAVE_CENTRE) / LEAVE_SCALE).to_numpy()


def _graduates(seats: pd.DataFrame) -> np.ndarray:
    """Census level-4 share standardised over the frame's England and Wales seats (0 elsewhere).

    Census class and education exist for England and Wales on both boundary sets (Census 2011
    and 2021) but not for Scotland on the 2024 set nor for Northern Ireland, so the term is
    defined for England and Wales only, on both sets alike: Scottish seats get no education
    term rather than a guessed value. Standardising within each frame makes the 2011 and 2021
    censuses comparable (the share of graduates rose from 27% to 34% of adults).
    """
    out = np.zeros(len(seats))
    ew = np.isin(_nation(seats), ["England", "Wales"])
    if not ew.any():
        return out
    if "level4_pct" in seats.columns:
        x = seats["level4_pct"].astype("float64").to_numpy()
    else:
        from .datasets import load_census

        bs = seats.attrs.get("boundary_set")
        if not bs:
            raise SeatmapError("The demographic model needs the census level4_pct of seats in "
                               "England and Wales: use a frame from load_seats.")
        x = _attribute(load_census, bs, "level4_pct").reindex(seats.index).to_numpy()
    if np.isnan(x[ew]).any():
        raise SeatmapError("Census level4_pct is missing for some seats in England or Wales: the "
                           "demographic model needs it there (use load_seats).")
    out[ew] = (x[ew] - x[ew].mean()) / x[ew].std()
    return out


def solve_offsets(u: np.ndarray, weight: np.ndarray, target: np.ndarray, stood: np.ndarray,
                  groups: np.ndarray) -> np.ndarray:
    """Softmax shares (0-100) of ``u`` with per-group offsets matching ``target`` totals.

    ``target`` is (groups x parties) vote-weighted shares; ``groups`` the group of each seat.
    """
    e = np.where(stood, np.exp(u - u.max(axis=1, keepdims=True)), 0.0)
    g_count = target.shape[0]
    offset = np.zeros((g_count, u.shape[1]))
    onehot = np.zeros((len(groups), g_count))
    onehot[np.arange(len(groups)), groups] = 1.0
    w = onehot * weight[:, None]
    w = w / np.maximum(w.sum(axis=0, keepdims=True), 1e-12)
    for _ in range(_ITER):
        x = e * np.exp(offset[groups])
        x = 100.0 * x / np.maximum(x.sum(axis=1, keepdims=True), 1e-300)
        got = w.T @ x
        ok = (got > 0) & (target > 0)
        with np.errstate(divide="ignore"):
            step = np.where(ok, np.log(np.where(ok, target, 1.0) / np.where(ok, got, 1.0)), 0.0)
        offset += step
        if np.abs(step).max() < 1e-10:
            break
    return x


def nation_rows(parties: list[str], shares: np.ndarray, delta: np.ndarray, base: np.ndarray,
                area: np.ndarray, nation: np.ndarray, valid: np.ndarray):
    """Per-seat changes with each nation-only party's change moved into its own nation.

    A change that covers several nations (GB, UK) gives the SNP and Plaid Cymru a change in
    points of the whole area, but they stand in one nation only: a party with a share ``N_p`` of
    the area and a change ``d_p`` has ``N_p / c`` of its nation and changes by ``d_p / c`` there,
    ``c`` being the nation's fraction of the area's valid votes. In the seats of that nation the
    change becomes the nation's: base shares ``N_n`` (the nation's vote-weighted shares), the
    party's change ``d_p / c`` (at least ``-N_n,p``), every other party's change as given plus
    the difference ``d_p - d_p / c`` shared in proportion to ``N_n`` (floored at ``-N_n``).
    Those seats form a group of their own (their totals are kept).

    Parameters
    ----------
    parties : list of str
    shares, delta, base : numpy.ndarray
        Seats x parties: the base shares, and each seat's change and area shares
        (:func:`seatmap.swingmodels.delta_matrix`).
    area, nation, valid : numpy.ndarray
        Each seat's change entry (-1 for none), nation and valid votes.

    Returns
    -------
    tuple of numpy.ndarray
        ``(delta, base, area)``, copies: unchanged where no change spans the party's nation
        and another; the moved seats get a new area number.

    Examples
    --------
    A two-seat area: Labour in both, the SNP in the Scottish one (half the votes)

    >>> d, b, a = nation_rows(["lab", "snp"], np.array([[60.0, 0.0], [40.0, 60.0]]),
    ...                       np.array([[2.0, -2.0]] * 2), np.array([[50.0, 30.0]] * 2),
    ...                       np.array([0, 0]), np.array(["England", "Scotland"]), np.ones(2))
    >>> d[1].tolist(), b[1].tolist(), a.tolist()
    ([4.0, -4.0], [40.0, 60.0], [0, 1])
    """
    given = area
    delta, base, area = delta.copy(), base.copy(), area.copy()
    nxt = int(area.max(initial=-1)) + 1
    for party, home in NATION_PARTIES.items():
        if party not in parties:
            continue
        j = parties.index(party)
        for k in np.unique(given[given >= 0]):
            in_k = given == k
            sel = in_k & (nation == home)
            w = valid[sel]
            if (not sel.any() or sel.sum() == in_k.sum() or delta[sel][0, j] == 0
                    or not w.sum() > 0):
                continue
            c = w.sum() / valid[in_k].sum()
            n_nat = w @ shares[sel] / w.sum()
            d = delta[sel][0].copy()
            dp = max(d[j] / c, -n_nat[j])
            pool = n_nat.copy()
            pool[j] = 0.0
            if pool.sum() > 0:
                d += (d[j] - dp) * pool / pool.sum()
            d[j] = dp
            delta[sel] = np.maximum(d, -n_nat)
            base[sel] = n_nat
            area[sel] = nxt
            nxt += 1
    return delta, base, area


def apply_demographic(seats: pd.DataFrame, parties: list[str], shares: np.ndarray,
                      delta: np.ndarray, base: np.ndarray, spec: dict,
                      coefs: dict[str, float] | None = None) -> np.ndarray:
    """Projected shares (seats x parties) under the demographic model.

    ``delta`` and ``base`` are the per-seat balanced changes and area shares of
    :func:`seatmap.swingmodels.delta_matrix`; ``coefs`` defaults to :func:`coefficients`.
    """
    from .swingmodels import apply, seat_areas

    if coefs is None:
        coefs = _OVERRIDE[-1] if _OVERRIDE else coefficients()
    area, _ = seat_areas(seats, spec)
    nation = _nation(seats)
    delta, base, area = nation_rows(parties, shares, delta, base, area, nation,
                                    seats["valid_votes"].astype("float64").fillna(0.0)
                                    .to_numpy())
    p0 = apply(shares, delta, base, np.ones_like(delta, dtype=bool), "proportional")
    beta = np.array([coefs.get(FAMILIES.get(p, ""), 0.0) for p in parties])
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(base > 0, np.log(np.maximum(base + delta, 1e-9) / base), 0.0)
    growth = np.clip(growth, 0.0, 3.0)
    moved = (area >= 0) & (nation != "Northern Ireland")
    if "winner" in seats.columns:
        moved &= (seats["winner"].astype("string") != "speaker").fillna(True).to_numpy()
    if not moved.any():
        return p0
    z = _leave(seats[moved])
    u = np.log(np.where(p0[moved] > 0, p0[moved], 1.0)) + beta[None, :] * growth[moved] * z[:, None]
    gamma = np.array([coefs.get(f"{FAMILIES.get(p, '')}_graduates", 0.0) for p in parties])
    if np.any(gamma):
        u += gamma[None, :] * growth[moved] * _graduates(seats)[moved][:, None]
    groups = np.unique(area[moved], return_inverse=True)[1]
    weight = seats["valid_votes"].astype("float64").to_numpy()[moved]
    onehot = np.zeros((int(moved.sum()), int(groups.max()) + 1))
    onehot[np.arange(len(groups)), groups] = weight
    target = (onehot / onehot.sum(axis=0, keepdims=True)).T @ p0[moved]
    out = p0.copy()
    out[moved] = solve_offsets(u, weight, target, p0[moved] > 0, groups)
    return out
