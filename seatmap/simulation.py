"""Probabilistic projections: national, regional and seat errors around the projection.

Around the projection of any model, each simulation draws a national error per party (the
polls' own error), a regional error per region and party, and an error per seat and party.
Errors are normal with standard deviations given for a party on 40% and scaled by
``sqrt(share / 40)`` (binomial-like: small parties vary less in points). The national error of
party p has sd ``national_sd * sqrt(N_p / 40)`` and moves every seat by the same points
(uniform) or by ``e_p * s_ip / N_p`` (the other models, whose changes scale with the party's
share); the regional error has sd ``regional_sd * sqrt(s_ip / 40)``, the seat error
``seat_sd * sqrt(s_ip / 40)``. The defaults of ``regional_sd`` and ``seat_sd`` are the
backtest's own residuals (written by the data build into ``data/models/seatmodel.json``:
``noise``), so that the stated probabilities are as often right as they say (docs/forecasting.md
publishes the calibration). ``national_sd`` defaults to 2.0 points, the typical error of the
final polls on a party's share (British Polling Council members, 2010-2024). The five parties
with the largest projected shares in a seat are the only ones that can win it in the
simulation. Seeded (``numpy.random.default_rng(seed)``) and processed in chunks.

Every setting is checked: ``n`` and ``chunk`` whole numbers of at least 1 (``n`` at most
10,000,000), standard deviations finite and between 0 and 50 points, ``seed`` a whole number
(or None for fresh entropy).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, SupportsInt, cast

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import Election
from .projection import MAJORITY, MODEL_ALIASES, MODELS, default_election, default_model, project
from .swing import parties_of
from .swingmodels import frame, lumped_factor, number

if TYPE_CHECKING:
    from .projection import Projection

__all__ = ["Simulation", "contested_shares", "noise", "simulate"]

_TOP_K = 5
MAX_N = 10_000_000


def _whole(value: object, what: str, low: int, high: int) -> int:
    """A whole number in [low, high] (``2.0`` is fine, ``2.7``, ``"100"`` and ``True`` are not)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise SeatmapError(f"{what} must be a whole number, not {value!r}.")
    if not float(value).is_integer():
        raise SeatmapError(f"{what} must be a whole number, not {value!r}.")
    # int() takes every numbers.Real; typeshed's Real declares no __int__
    out = int(cast(SupportsInt, value))
    if not low <= out <= high:
        raise SeatmapError(f"{what} must be at least {low:,} and at most {high:,}, not {out:,}.")
    return out

def contested_shares(seats: pd.DataFrame, parties: list[str]) -> np.ndarray:
    """Each party's share (0-100) of the valid votes in the seats where it stood."""
    votes = seats[[f"{p}_votes" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    valid = seats["valid_votes"].astype("float64").to_numpy()[:, None]
    stood = votes > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * votes.sum(axis=0) / (valid * stood).sum(axis=0)
    shares: np.ndarray = np.nan_to_num(out)
    return shares


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
    n, seed, national_sd, seat_sd, model, regional_sd
        The settings used.
    """

    seats: pd.DataFrame
    win_prob: pd.DataFrame
    totals: pd.DataFrame
    n: int
    seed: int | None
    national_sd: float
    seat_sd: float
    model: str
    regional_sd: float = 0.0


def noise() -> dict[str, float]:
    """The default seat and regional error (points at 40%) measured by the backtest.

    Examples
    --------
    >>> sorted(noise())
    ['regional_sd', 'seat_sd']
    """
    from .seatmodel import shipped

    got = shipped().get("noise", {})
    return {"regional_sd": float(got.get("regional_sd", 1.5)),
            "seat_sd": float(got.get("seat_sd", 4.0))}


def simulate(change: dict[str, Any] | None = None, election: int | str | Election | None = None,
             model: str | None = None, n: int = 10_000, national_sd: float = 2.0,
             seat_sd: float | None = None, seed: int | None = 0,
             seats: pd.DataFrame | None = None, chunk: int = 2_000, *,
             poll: dict[str, Any] | None = None, groups: dict[str, Any] | None = None,
             standing: dict[str, Any] | pd.DataFrame | None = None,
             tactical: dict[str, Any] | list[dict[str, Any]] | str | None = None,
             regional_sd: float | None = None) -> Simulation:
    """Simulate national, regional and seat-level uncertainty around a projection.

    Parameters
    ----------
    change : dict, optional
        As in :func:`project`; ``None`` (with no ``poll`` or ``groups``) simulates around the
        results themselves.
    election, model, seats, poll, groups, standing, tactical
        As in :func:`project` (default: the 2024 result and the backtest's model).
    n : int, default 10000
        Number of simulations.
    national_sd : float, default 2.0
        Standard deviation (points) of the national error of a party on 40% (a typical polling
        error), shared by all its seats; scaled by ``sqrt(N_p / 40)`` for other parties.
    seat_sd, regional_sd : float, optional
        Standard deviations (points, for a party on 40%) of the error of each seat and of each
        region; default :func:`noise` (the backtest's residuals).
    seed : int, default 0
        Seed of the random generator: the same seed gives the same answer.
    chunk : int
        Simulations per vectorised block (bounds memory use).

    Returns
    -------
    Simulation

    Examples
    --------
    >>> sim = simulate({"lab": 5, "con": -5}, election=2019, n=2000, seed=1)
    >>> bool(sim.win_prob.loc["E14000611", "lab"] > 0.8)  # Bury North
    True
    """
    national_sd, seat_sd, regional_sd, n, chunk, seed = _checked(
        national_sd, seat_sd, regional_sd, n, chunk, seed)
    election = default_election() if election is None else election
    if groups is not None and seats is None:  # group composition lives in the seat frame
        from .datasets import load_seats

        seats = load_seats(election, geometry=False)
    given = seats
    seats = frame(election, seats)
    moved = change is not None or poll is not None or groups is not None
    proj = project(change, election, model, given, poll=poll, groups=groups, standing=standing,
                   tactical=tactical) if moved else None
    parties = parties_of(seats)
    if proj is not None:
        centre = proj.seats[[f"{p}_pct" for p in parties]].to_numpy()
        model = proj.model
    else:
        model = choice(default_model() if model is None else model, MODELS,
                       "projection model", aliases=MODEL_ALIASES)
        centre = seats[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    centre = centre * lumped_factor(seats, parties)  # a lumped column is not one candidate
    spread = _Spread.of(seats, parties, centre, model, national_sd, seat_sd, regional_sd)
    wins, totals = _draw(spread, n, chunk, np.random.default_rng(seed), regional_sd > 0)
    prob = pd.DataFrame(wins.reshape(spread.shape) / float(n), index=seats.index,
                        columns=parties)
    prob = prob.loc[:, prob.sum() > 0]
    return Simulation(seats=_seat_table(seats, prob, proj),
                      win_prob=prob, totals=_seat_totals(totals, parties), n=int(n), seed=seed,
                      national_sd=national_sd, seat_sd=seat_sd, model=model,
                      regional_sd=regional_sd)


def _checked(national_sd: float, seat_sd: float | None, regional_sd: float | None, n: int,
             chunk: int, seed: int | None) -> tuple[float, float, float, int, int, int | None]:
    """The simulation's numbers, checked (defaults for the spreads from :func:`noise`)."""
    defaults = noise()
    seat_sd = defaults["seat_sd"] if seat_sd is None else seat_sd
    regional_sd = defaults["regional_sd"] if regional_sd is None else regional_sd
    regional_sd = number(regional_sd, "regional_sd", 0.0, 50.0)
    n = _whole(n, "The number of simulations", 1, MAX_N)
    chunk = _whole(chunk, "The chunk size", 1, MAX_N)
    if seed is not None:
        seed = _whole(seed, "The seed", 0, 2**63 - 1)
    national_sd = number(national_sd, "national_sd", 0.0, 50.0)
    seat_sd = number(seat_sd, "seat_sd", 0.0, 50.0)
    return national_sd, seat_sd, regional_sd, n, chunk, seed


@dataclass
class _Spread:
    """Each seat's top candidates, their centre shares and error scales, candidate-first."""

    cand: np.ndarray      # S x k party indices
    nat_sd: np.ndarray    # parties: national error sd
    base_t: np.ndarray    # k x S centre shares (-1e6 where a candidate did not stand)
    scale_t: np.ndarray   # k x S: how a party's national error reaches the seat
    seat_t: np.ndarray    # k x S seat error sd
    reg_t: np.ndarray     # k x S regional error sd
    reg_key: np.ndarray   # k x S column of the (region, party) error
    r_count: int
    shape: tuple[int, int]

    @classmethod
    def of(cls, seats: pd.DataFrame, parties: list[str], centre: np.ndarray, model: str,
           national_sd: float, seat_sd: float, regional_sd: float) -> _Spread:
        s_count, p_count = centre.shape
        k = min(_TOP_K, p_count)
        cand = np.argsort(-centre, axis=1, kind="stable")[:, :k]
        cshare = np.take_along_axis(centre, cand, axis=1).astype(np.float32)
        alive = cshare > 0
        contest = contested_shares(seats, parties)
        nat_sd = (national_sd * np.sqrt(contest / 40.0)).astype(np.float32)
        if model != "uniform":
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(contest[cand] > 0, cshare / contest[cand], 0.0).astype(np.float32)
        else:
            scale = np.ones_like(cshare)
        seat_scale = (seat_sd * np.sqrt(np.clip(cshare, 0.0, None) / 40.0)).astype(np.float32)
        reg_scale = (regional_sd * np.sqrt(np.clip(cshare, 0.0, None) / 40.0)).astype(np.float32)
        region_codes = (seats["region"].astype("string").fillna("") if "region" in seats
                        else pd.Series("", index=seats.index))
        region_idx = pd.factorize(region_codes)[0]
        # parties that did not stand sit far below any plausible share, so they never win;
        # arrays are laid out candidate-first (k x sims x seats) so the argmax runs over blocks
        return cls(
            cand=cand, nat_sd=nat_sd,
            base_t=np.ascontiguousarray(np.where(alive, cshare, np.float32(-1e6)).T,
                                        dtype=np.float32),
            scale_t=np.ascontiguousarray(scale.T, dtype=np.float32),
            seat_t=np.ascontiguousarray(seat_scale.T, dtype=np.float32),
            reg_t=np.ascontiguousarray(reg_scale.T, dtype=np.float32),
            # regional errors: one per simulation, region and party, looked up per seat
            reg_key=(region_idx[None, :] * p_count + cand.T).astype(np.int64),
            r_count=int(region_idx.max()) + 1, shape=(s_count, p_count))


def _draw(spread: _Spread, n: int, chunk: int, rng: np.random.Generator,
          regional: bool) -> tuple[np.ndarray, np.ndarray]:
    """Wins per seat and party (flattened) and seat totals per simulation, block by block."""
    s_count, p_count = spread.shape
    cand, k = spread.cand, spread.cand.shape[1]
    wins = np.zeros(s_count * p_count, dtype=np.int64)
    totals = np.zeros((int(n), p_count), dtype=np.int32)
    seat_off = np.arange(s_count) * p_count
    rows = np.arange(s_count)
    done = 0
    while done < n:
        m = min(chunk, n - done)
        nat_err = rng.standard_normal((m, p_count), dtype=np.float32) * spread.nat_sd
        sim = rng.standard_normal((k, m, s_count), dtype=np.float32)   # seat errors
        sim *= spread.seat_t[:, None, :]
        sim += spread.base_t[:, None, :]
        tmp = np.empty((m, s_count), dtype=np.float32)
        reg_err = rng.standard_normal((m, spread.r_count * p_count), dtype=np.float32) \
            if regional else None
        for j in range(k):                                              # + national errors
            np.take(nat_err, cand[:, j], axis=1, out=tmp)
            tmp *= spread.scale_t[j]
            sim[j] += tmp
            if reg_err is not None:                                     # + regional errors
                np.take(reg_err, spread.reg_key[j], axis=1, out=tmp)
                tmp *= spread.reg_t[j]
                sim[j] += tmp
        best, pick = sim[0], np.zeros((m, s_count), dtype=np.int64)     # argmax over k,
        for j in range(1, k):                                           # block by block
            better = sim[j] > best
            best = np.where(better, sim[j], best)
            pick[better] = j
        party = cand[rows, pick]                                        # m x S party indices
        wins += np.bincount((party + seat_off).ravel(), minlength=s_count * p_count)
        offs = (party + (np.arange(m) * p_count)[:, None]).ravel()
        totals[done:done + m] = np.bincount(offs, minlength=m * p_count).reshape(m, p_count)
        done += m
    return wins, totals


def _seat_table(seats: pd.DataFrame, prob: pd.DataFrame, proj: Projection | None) -> pd.DataFrame:
    """Each seat's winner before, projected and most likely winner, and its chances."""
    likely = prob.idxmax(axis=1)
    before = seats["winner"].astype("string")
    hold = prob.reindex(columns=sorted(set(before.dropna()) | set(prob.columns)), fill_value=0.0)
    held = hold.columns.get_indexer(before.fillna(""))
    p_hold = hold.to_numpy()[np.arange(len(seats)), held]
    return pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": seats["region"].astype("string") if "region" in seats else pd.NA,
        "winner_before": before,
        "projected": proj.seats["winner"] if proj is not None else before,
        "likely": likely.astype("string"),
        "p_likely": prob.max(axis=1),
        "p_hold": np.where(held >= 0, p_hold, 0.0),
    }, index=seats.index)


def _seat_totals(totals: np.ndarray, parties: list[str]) -> pd.DataFrame:
    """Seat totals per party over the simulations: mean, 90% range, chance of most and majority."""
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
    return summary[summary["mean"] > 0].sort_values("mean", ascending=False)

