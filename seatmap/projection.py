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

import pandas as pd

from ._validate import SeatmapError, choice
from .swing import parties_of

# the shared arithmetic moved to seatmap.swingmodels; these public names stay importable from here
from .swingmodels import (  # noqa: F401
    apply,
    delta_matrix,
    frame,
    gb_mask,
    lumped_factor,
    normalise_change,
    number,
    party_values,
    totals,
    winners,
)

__all__ = ["MODELS", "Projection", "project"]

MODELS = ("uniform", "proportional", "demographic")
MODEL_ALIASES = {"uns": "uniform", "transition": "proportional", "ps": "proportional",
                 "demographics": "demographic", "seat model": "demographic"}
_MOVED = {"simulate": "simulation", "Simulation": "simulation", "contested_shares": "simulation",
          "backtest": "backtesting", "share_change": "backtesting"}
MAJORITY = 326


# --------------------------------------------------------------------------- inputs

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
    seats = frame(election, seats)
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
        delta, base, named = delta_matrix(seats, spec, parties,
                                           balance=model != "uniform")
        if model == "demographic":
            from .seatmodel import apply_demographic

            new = apply_demographic(seats, parties, shares, delta, base, spec)
        else:
            new = apply(shares, delta, base, named, model)
    else:
        new = shares.copy()
    if groups is not None:
        new, more = apply_groups(seats, parties, new, groups, apply)
        notes += more
    winner, runner, margin = winners(parties, new * lumped_factor(seats, parties))
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
    return Projection(seats=out, totals=totals(out["winner_before"], out["winner"]),
                      changes=changes, model=model, change=spec, base=seats, notes=notes)


def __getattr__(name: str):
    """``simulate`` and ``backtest`` moved to their own modules; still importable from here."""
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'seatmap.projection' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __package__), name)

