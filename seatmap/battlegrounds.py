"""The battleground under a scenario: the seats a party could gain or lose.

:func:`battleground` projects a poll (or a change) with any model, simulates it for win
probabilities, and lists for one party:

* ``gain``: seats it does not hold that it is projected to win, or trails by less than
  ``within`` points;
* ``loss``: seats it holds that it is projected to lose, or leads by less than ``within``.

``margin`` is the party's projected share minus the best other party's (positive: ahead);
``swing`` is the two-party swing between the party and that rival that would change the
outcome, ``|margin| / 2`` (the swing the rival needs where the party is ahead, the swing the
party needs where it is behind). The list is indexed by GSS code, so it is a map layer as it is:
``seats_to_map(2024, "winner", overlays={"Battleground": bg})``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import Election
from .projection import project
from .swing import check_party, parties_of
from .swingmodels import number

__all__ = ["battleground"]

SORTS = ("margin", "probability")


def battleground(party: str, poll: dict[str, Any] | None = None,
                 election: int | str | Election | None = None, *,
                 change: dict[str, Any] | None = None, model: str | None = None, within: float = 10.0,
                 simulations: int = 2_000, seed: int = 0, sort: str = "margin",
                 seats: pd.DataFrame | None = None,
                 standing: dict[str, Any] | pd.DataFrame | None = None,
                 tactical: dict[str, Any] | list[dict[str, Any]] | str | None = None) -> pd.DataFrame:
    """Seats ``party`` could gain or lose under a poll, ranked by projected margin.

    Parameters
    ----------
    party : str
        Any spelling :func:`seatmap.party_code` accepts.
    poll : dict, optional
        Absolute shares (see :func:`seatmap.project`); or give ``change``.
    election : int or str, default 2024
        The results the projection starts from (the registry's default election).
    change : dict, optional
        Share changes instead of a poll.
    model : {"uniform", "proportional", "mixed", "demographic"}, optional
        The projection model (default: the one the backtest supports).
    standing, tactical
        Who stands where and tactical voting, as in :func:`seatmap.project`.
    within : float, default 10
        Points of projected margin that make a seat part of the battleground.
    simulations : int, default 2000
        Simulations for ``p_win`` (0: no probabilities).
    seed : int, default 0
        Seed of the simulations.
    sort : {"margin", "probability"}
        Gains first, most likely first; then losses, most at risk first.
    seats : pandas.DataFrame, optional
        A results frame instead of the bundled one.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``seat``, ``region``, ``kind`` (gain/loss), ``holder``,
        ``projected_winner``, ``rival``, ``share`` (the party's projected share), ``rival_share``,
        ``margin``, ``swing``, ``p_win`` and the projected share of every party
        (``{party}_pct``). ``attrs`` carries the scenario and the projection's notes.

    Examples
    --------
    >>> bg = battleground("lab", poll={"reform": 29, "lab": 22, "con": 18, "ld": 13,
    ...                                "green": 10, "snp": 3, "pc": 1}, simulations=0)
    >>> bool((bg["kind"] == "loss").sum() > 100)
    True
    """
    within = number(within, "within", 0.0, 100.0)
    sort = choice(sort, SORTS, "battleground order")
    if poll is None and change is None:
        raise SeatmapError("Give the scenario as poll={'lab': 30, 'con': 25, ...} or "
                           "change={'lab': 5, 'con': -5}.")
    proj = project(change, election, model, seats, poll=poll, standing=standing,
                   tactical=tactical)
    base = proj.base
    assert base is not None  # project() always sets it
    p = check_party(party, base)
    parties = parties_of(base)
    shares = proj.seats[[f"{q}_pct" for q in parties]].to_numpy()
    j = parties.index(p)
    others = shares.copy()
    others[:, j] = -np.inf
    rival_idx = others.argmax(axis=1)
    rival_share = others[np.arange(len(others)), rival_idx]
    share = shares[:, j]
    margin = share - rival_share
    holder = proj.seats["winner_before"]
    held = (holder == p).fillna(False).to_numpy()
    stood = share > 0
    gain = ~held & stood & (margin > -within)
    loss = held & (margin < within)
    out = pd.DataFrame({
        "seat": proj.seats["seat"],
        "region": proj.seats["region"],
        "kind": np.where(held, "loss", "gain"),
        "holder": holder,
        "projected_winner": proj.seats["winner"],
        "rival": pd.array(np.array(parties, dtype=object)[rival_idx], dtype="string"),
        "share": share,
        "rival_share": rival_share,
        "margin": margin,
        "swing": np.abs(margin) / 2.0,
    }, index=proj.seats.index)
    if simulations:
        from .simulation import simulate

        sim = simulate(change, election, proj.model, n=simulations, seed=seed, seats=base,
                       poll=poll, standing=standing, tactical=tactical)
        out["p_win"] = sim.win_prob[p].reindex(out.index).fillna(0.0) \
            if p in sim.win_prob else 0.0
    else:
        out["p_win"] = np.nan
    out = pd.concat([out, proj.seats[[f"{q}_pct" for q in parties]]], axis=1)
    out = out[gain | loss]
    key = "p_win" if sort == "probability" and simulations else "margin"
    gains = out[out["kind"] == "gain"].sort_values(key, ascending=False)
    losses = out[out["kind"] == "loss"].sort_values(key, ascending=True)
    out = pd.concat([gains, losses])
    out.index.name = "code"
    out.attrs = {"party": p, "election": base.attrs.get("election"), "model": proj.model,
                 "poll": poll, "change": change, "within": within, "notes": proj.notes,
                 "simulations": simulations}
    return out
