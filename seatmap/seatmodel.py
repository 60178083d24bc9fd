"""The seat model's fitted parameters, and the demographic model's terms.

``data/models/seatmodel.json`` (written by ``python -m seatmap.build.seatmodel``; read from the
installed package or the checkout's ``data/`` through :func:`model_file`) holds the mixed
model's ``k`` (:func:`mix_k`), the default model the forward-chained backtest chooses, the
simulation's noise, and the demographic coefficients (:func:`coefficients`).

The demographic model (``project(..., model="demographic")``) is the mixed model's seat
pattern adjusted in log-share space, for each seat i and party p::

    u_ip = g_ip * (beta_f(p) * z_i + gamma_f(p) * e_i)

where ``g_ip = max(log(target_p / A_p), 0)`` is the party's proportional growth in the area of
the change (0 for a party that falls), ``z_i = (leave_pct_i - 52) / 10`` the seat's
EU-referendum leave share, centred and scaled, and ``e_i`` the census share of adults with a
degree-level qualification (level 4+), standardised over the frame's England and Wales seats
(0 elsewhere: Scotland has no census education on the 2024 set, Northern Ireland none).
``beta`` and ``gamma`` are fitted per party family (:data:`FAMILIES`: UKIP, the Brexit Party and
Reform are one family). The seat shares are multiplied by ``exp(u)`` before delivery
(:mod:`seatmap.engine`), so the area totals are still the poll's. Northern Ireland is not moved.
Missing data is handled by the specification, never filled in.

Coefficients are fitted by :func:`seatmap.backtesting.fit_demographic` (least squares on seat
shares, ridge 50) on the four modern pairs for :func:`seatmap.project`, and for the backtest on
the modern pairs before the one scored (``demographic_forward``).
"""

from __future__ import annotations

import json
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ._cache import memoized
from ._paths import data_dir
from ._validate import SeatmapError

__all__ = ["FAMILIES", "coefficients", "demographic_terms", "graduates_term", "leave_term",
           "mix_k", "shipped"]

MODEL_PATH = ("models", "seatmodel.json")
# party -> family sharing one coefficient (UKIP, the Brexit Party and Reform are one family)
FAMILIES = {"reform": "reform", "ukip": "reform", "green": "green", "ld": "ld", "lab": "lab",
            "con": "con", "snp": "nat", "pc": "nat", "other": "other", "ind": "other"}
FAMILY_NAMES = ("reform", "green", "ld", "lab", "con", "snp", "pc")
GRADUATE_FAMILIES = ("reform", "green", "ld", "lab", "con")
TERMS = FAMILY_NAMES + tuple(f"{f}_graduates" for f in GRADUATE_FAMILIES)
LEAVE_CENTRE, LEAVE_SCALE = 52.0, 10.0


_OVERRIDE: list[dict] = []


def model_file():
    """Where the fitted model lives: inside the installed package, or the checkout's data/."""
    return data_dir().joinpath(*MODEL_PATH)


@contextmanager
def fitted_with(coefs: dict | None = None, mix: float | None = None):
    """Within the block, the models use these coefficients / mixing weights (the backtest)."""
    _OVERRIDE.append({"coefs": coefs, "mix": mix})
    try:
        yield
    finally:
        _OVERRIDE.pop()


@memoized(maxsize=1)
def shipped() -> dict:
    """The fitted model file (``data/models/seatmodel.json``); an error if it is missing."""
    path = model_file()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeatmapError(f"The seat model's fitted parameters ({path}) are missing: reinstall "
                           "seatmap, or in a checkout run `python -m seatmap.build`.") from None


def coefficients() -> dict[str, float]:
    """The demographic model's fitted coefficients (leave and graduate terms per family).

    Examples
    --------
    >>> sorted(coefficients())[:3]
    ['con', 'con_graduates', 'green']
    """
    if _OVERRIDE and _OVERRIDE[-1]["coefs"] is not None:
        return dict(_OVERRIDE[-1]["coefs"])
    return dict(shipped()["coefficients"])


def mix_k(mix: float | None = None) -> float:
    """The mixed model's ``k`` (0: uniform swing; larger: big falls more proportional).

    Default: the value fitted by the data build on every backtest pair.

    Examples
    --------
    >>> mix_k(2.0), 0.0 <= mix_k() <= 10.0
    (2.0, True)
    """
    if mix is None:
        mix = (_OVERRIDE[-1]["mix"] if _OVERRIDE and _OVERRIDE[-1]["mix"] is not None
               else shipped().get("mix_k", 0.0))
    return float(mix)


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


def leave_term(seats: pd.DataFrame) -> np.ndarray:
    """Each seat's leave share (0-100), the demographic model's leave term.

    Read from the frame's ``leave_pct`` or, failing that, from the boundary set's leave
    estimates; a frame with neither is an error.

    Examples
    --------
    >>> from seatmap import load_seats
    >>> bool(leave_term(load_seats(2019, geometry=False)).max() <= 100)
    True
    """
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


def graduates_term(seats: pd.DataFrame) -> np.ndarray:
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


def demographic_terms(seats: pd.DataFrame, parties: list[str], growth: np.ndarray,
                      rows: np.ndarray, coefs: dict | None = None) -> np.ndarray:
    """Log-share adjustments (rows x parties) of the demographic model.

    ``u_ip = g_ip * (beta_f(p) * z_i + gamma_f(p) * e_i)``, with ``g_ip`` the party's
    proportional growth in the area (0 for a party that falls), ``z_i`` the leave share centred
    and scaled, ``e_i`` the standardised graduate share (England and Wales; 0 elsewhere). Northern
    Ireland and rows outside ``rows`` are not moved.

    Examples
    --------
    >>> from seatmap import load_seats
    >>> s = load_seats(2024, geometry=False)
    >>> u = demographic_terms(s, ["lab"], np.zeros((650, 1)), np.arange(650))
    >>> float(np.abs(u).max())
    0.0
    """
    coefs = coefficients() if coefs is None else coefs
    fam = [{"snp": "snp", "pc": "pc"}.get(p, FAMILIES.get(p, "")) for p in parties]
    beta = np.array([coefs.get(f, 0.0) for f in fam])
    gamma = np.array([coefs.get(f"{f}_graduates", 0.0) for f in fam])
    if not np.any(beta) and not np.any(gamma):
        return np.zeros((len(rows), len(parties)))
    nation = _nation(seats)[rows]
    z = leave_term(seats)[rows]
    u = beta[None, :] * growth * z[:, None]
    if np.any(gamma):
        u = u + gamma[None, :] * growth * graduates_term(seats)[rows][:, None]
    u[nation == "Northern Ireland"] = 0.0
    return u
