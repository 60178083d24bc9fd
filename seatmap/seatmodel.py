"""The demographic seat model (``project(..., model="demographic")``).

Specification (docs/forecasting.md has the fitted values and the backtest):

1. **Transition base.** The proportional (transition) projection ``P0`` of the change: a losing
   party keeps the same fraction of its vote in every seat; the released votes go to the gaining
   parties standing there in proportion to their national gains.
2. **Demographic adjustment in log-share space.** For each seat i and party p::

       u_ip = log(P0_ip) + beta_f(p) * max(l_ip, 0) * z_i + a_kp

   where ``l_ip = log((N_p + d_p) / N_p)`` is the party's proportional growth in the area of the
   change (0 where ``N_p`` is 0), ``z_i = (leave_pct_i - 52) / 10`` the seat's EU-referendum
   leave share, centred and scaled, and ``beta_f`` a coefficient per party family
   (:data:`FAMILIES`: UKIP, the Brexit Party and Reform are one family). A party that grows
   grows more (``beta > 0``) or less (``beta < 0``) in leave-voting seats, in proportion to
   how much it grows: the new-party surge of UKIP in 2015 and Reform in 2024, strongest where
   leave was high; a party that falls is left to the transition base.
3. **Shares and totals.** ``s_ip = 100 * exp(u_ip) / sum_q exp(u_iq)`` over the parties that
   stood in the seat (so 0-100, summing to 100), with the offsets ``a_kp`` solved (iterative
   proportional fitting) so each change area's vote-weighted totals equal those of the
   transition base: the model moves votes between seats, never the national result. With
   every coefficient 0 the model is the proportional model exactly.
   Northern Ireland, the Speaker's seat and seats no change applies to keep the base shares.

The features exist for every seat on both boundary sets (leave is estimated for every GB seat
and counted in Northern Ireland), so no seat needs a missing census value filled in. Census
class and education were tried as further terms on the 2010 set, but cannot yet be scored on
the 2024 set and were left out (docs/forecasting.md).

Coefficients are fitted by ``python -m seatmap.build.seatmodel`` (least squares on seat shares,
ridge-penalised, over the election pairs 2010-2015, 2015-2017, 2017-2019 and notional
2019-2024) and shipped in ``data/models/seatmodel.json``: one set fitted on every pair (used by
:func:`seatmap.project`) and one per pair fitted without it (used by :func:`seatmap.backtest`,
so every published score is out of sample).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ._validate import SeatmapError

__all__ = ["FAMILIES", "apply_demographic", "coefficients"]

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "seatmodel.json"
# party -> family sharing one leave coefficient
FAMILIES = {"reform": "reform", "ukip": "reform", "green": "green", "ld": "ld", "lab": "lab",
            "con": "con", "snp": "snp", "pc": "pc"}
FAMILY_NAMES = ("reform", "green", "ld", "lab", "con", "snp", "pc")
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


@lru_cache(maxsize=1)
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
    ['con', 'green', 'lab']
    """
    model = _shipped()
    if without is None:
        return dict(model["coefficients"])
    sets = model["leave_one_out"]
    if without not in sets:
        raise SeatmapError(f"No coefficients fitted without {without!r}; pairs: "
                           f"{', '.join(sets)}.")
    return dict(sets[without])


def _leave(seats: pd.DataFrame) -> np.ndarray:
    if "leave_pct" in seats.columns:
        leave = seats["leave_pct"].astype("float64")
    else:
        from .datasets import load_leave

        bs = seats.attrs.get("boundary_set")
        if not bs:
            raise SeatmapError("The demographic model needs each seat's leave_pct: use a frame "
                               "from load_seats, or add a leave_pct column.")
        leave = load_leave(bs)["leave_pct"].reindex(seats.index).astype("float64")
    if leave.isna().any():
        missing = ", ".join(map(str, leave.index[leave.isna()][:5]))
        raise SeatmapError(f"No leave_pct for {int(leave.isna().sum())} seats ({missing}...): "
                           "the demographic model needs it for every seat it moves.")
    return ((leave - LEAVE_CENTRE) / LEAVE_SCALE).to_numpy()


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


def apply_demographic(seats: pd.DataFrame, parties: list[str], shares: np.ndarray,
                      delta: np.ndarray, base: np.ndarray, spec: dict,
                      coefs: dict[str, float] | None = None) -> np.ndarray:
    """Projected shares (seats x parties) under the demographic model.

    ``delta`` and ``base`` are the per-seat balanced changes and area shares of
    :func:`seatmap.projection._delta_matrix`; ``coefs`` defaults to :func:`coefficients`.
    """
    from .projection import _apply, _seat_areas

    p0 = _apply(shares, delta, base, np.ones_like(delta, dtype=bool), "proportional")
    if coefs is None:
        coefs = _OVERRIDE[-1] if _OVERRIDE else coefficients()
    beta = np.array([coefs.get(FAMILIES.get(p, ""), 0.0) for p in parties])
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(base > 0, np.log(np.maximum(base + delta, 1e-9) / base), 0.0)
    growth = np.clip(growth, 0.0, 3.0)
    area, _ = _seat_areas(seats, spec)
    moved = area >= 0
    if "nation" in seats.columns:
        moved &= (seats["nation"].astype("string") != "Northern Ireland").fillna(True).to_numpy()
    if "winner" in seats.columns:
        moved &= (seats["winner"].astype("string") != "speaker").fillna(True).to_numpy()
    if not moved.any() or not np.any(beta):
        return p0
    z = _leave(seats[moved]) if moved.any() else np.zeros(0)
    u = np.log(np.where(p0[moved] > 0, p0[moved], 1.0)) + beta[None, :] * growth[moved] * z[:, None]
    groups = np.unique(area[moved], return_inverse=True)[1]
    weight = seats["valid_votes"].astype("float64").to_numpy()[moved]
    onehot = np.zeros((int(moved.sum()), int(groups.max()) + 1))
    onehot[np.arange(len(groups)), groups] = weight
    target = (onehot / onehot.sum(axis=0, keepdims=True)).T @ p0[moved]
    out = p0.copy()
    out[moved] = solve_offsets(u, weight, target, p0[moved] > 0, groups)
    return out
