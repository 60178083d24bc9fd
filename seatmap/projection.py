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
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError, choice
from .elections import Election
from .swing import parties_of

# the shared arithmetic moved to seatmap.swingmodels; these public names stay importable from here
from .swingmodels import (  # noqa: F401
    apply,
    frame,
    gb_mask,
    lumped_factor,
    number,
    party_values,
    totals,
    winners,
)

if TYPE_CHECKING:
    import numpy as np

    from .engine import Base
    from .scenario import Scenario

__all__ = ["MODELS", "Projection", "default_model", "project", "run_model"]

MODELS = ("uniform", "proportional", "mixed", "demographic")
MODEL_ALIASES = {"uns": "uniform", "transition": "proportional", "ps": "proportional",
                 "demographics": "demographic", "seat model": "demographic",
                 "blend": "mixed", "mixed swing": "mixed"}
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
        ``winner``, ``runner_up``, ``majority_pct`` (projected, points), ``changed``,
        ``entered`` (parties standing where they did not in the base, comma-separated),
        ``tactical_pct`` (points moved by tactical voting) and the projected ``{party}_pct``.
    totals : pandas.DataFrame
        Per party: ``before``, ``after``, ``change`` (seats).
    changes : pandas.DataFrame
        The seats that change hands: ``seat``, ``region``, ``from``, ``to``, ``majority_pct``.
    model : str
    change : dict
        What was asked: ``{area: {party: target share}}`` for a poll, ``{area: {party:
        points}}`` for a change.
    notes : list of str
        What was assumed on the way, and the shares delivered in every area.
    delivered : pandas.DataFrame
        Areas x parties: the projected shares weighted by each seat's valid votes (the Speaker's
        seat aside), equal to the poll (or base share plus change) in every area named.
    """

    seats: pd.DataFrame
    totals: pd.DataFrame
    changes: pd.DataFrame
    model: str
    change: dict[str, Any] = field(default_factory=dict)
    base: pd.DataFrame | None = field(default=None, repr=False)
    notes: list[str] = field(default_factory=list)
    delivered: pd.DataFrame | None = field(default=None, repr=False)

    def frame(self) -> pd.DataFrame:
        """The base seat frame with the projected results (usable by ``targets(seats=...)``).

        Votes are the projected shares of the same number of valid votes.
        """
        if self.base is None:  # project() always sets it
            raise SeatmapError("This Projection has no base seats (pass base=).")
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


def default_election() -> str:
    """The election projections start from unless told: the registry's default (2024)."""
    from . import elections

    return str(getattr(elections, "DEFAULT_ELECTION", "2024"))


def default_model() -> str:
    """The model the forward-chained backtest supports (``data/models/seatmodel.json``).

    Examples
    --------
    >>> default_model() in MODELS
    True
    """
    from .seatmodel import shipped

    return str(shipped().get("default_model", "mixed"))


def run_model(base: Base, model: str, *, poll: dict[str, Any] | None = None,
              change: dict[str, Any] | None = None, standing: dict[str, Any] | None = None,
              tactical: dict[str, Any] | list[dict[str, Any]] | str | None = None,
              params: dict[str, Any] | None = None,
              seats: pd.DataFrame | None = None) -> dict[str, Any]:
    """The projection as arrays (the hot path of :func:`project`, :func:`simulate` and the backtest).

    Parameters
    ----------
    base : seatmap.engine.Base
        :func:`seatmap.engine.base_arrays` of the base frame.
    model : str
        One of :data:`MODELS` (already checked).
    poll, change : dict
        One of them.
    standing, tactical
        As in :func:`project`.
    params : dict, optional
        Model parameters (``mix``: the mixed model's k; ``coefs``: demographic coefficients);
        default the shipped ones.
    seats : pandas.DataFrame, optional
        The frame (for the demographic terms).

    Returns
    -------
    dict
        ``shares`` (seats x parties), ``scenario``, ``standing`` (see
        :func:`seatmap.standing.standing`), ``tactical`` (points moved per seat), ``notes``.

    Examples
    --------
    >>> from seatmap.engine import base_arrays
    >>> b = base_arrays(frame(2024, None))
    >>> out = run_model(b, "uniform", poll={"lab": 30, "con": 25, "reform": 20})
    >>> d = delivered_table(b, out["shares"], out["scenario"])
    >>> round(float(d.loc["Great Britain", "lab"]), 6)
    30.0
    """
    import numpy as np

    from .engine import ADDITIVE, cell_shares, deliver, prior
    from .scenario import resolve
    from .standing import personal_votes
    from .standing import standing as _standing
    from .tactical import apply_tactical, parse_tactical

    if hasattr(standing, "columns"):  # a table of pacts or lists
        from .standing import table_to_standing

        standing = table_to_standing(standing)
    keep = not (standing and any(str(k).casefold() in ("ind", "independent")
                                 and v == "drop" for k, v in standing.items()))
    scenario = resolve(base, poll=poll, change=change, fixed=personal_votes(base, keep))
    st = _standing(base, scenario, standing)
    cells = scenario.cells
    moved = cells >= 0
    start, stands, fixed = st["start"], st["stands"], st["fixed"]
    k = len(scenario.cell_names)
    w = np.where(moved, base.votes, 0.0)
    free = np.where(fixed > 0, 0.0, start)
    # each cell's free shares now and the goal for them
    area_free = cell_shares(free, w, cells, k)
    area_fixed = cell_shares(fixed, w, cells, k)
    goal = np.clip(scenario.targets - area_fixed, 0.0, None)
    delta = (goal - area_free)[np.where(moved, cells, 0)]
    params = params or {}
    mix = None
    if model in ("mixed", "demographic"):
        from .seatmodel import mix_k

        mix = mix_k(params.get("mix"))
    rows = np.flatnonzero(moved)
    out = base.shares.copy()
    notes = list(scenario.notes) + st["notes"]
    moved_t = np.zeros(len(base.codes))
    if len(rows):
        x = prior(model, free[rows], stands[rows], delta[rows], area_free[cells[rows]], mix)
        if model == "demographic":
            from .seatmodel import demographic_terms

            frame = seats if seats is not None else base.frame
            with np.errstate(divide="ignore", invalid="ignore"):
                growth = np.where(area_free > 0, np.log(np.maximum(goal, 1e-9) / area_free), 0.0)
            u = demographic_terms(frame, base.parties, np.clip(growth, 0.0, 3.0)[cells[rows]],
                                  rows, params.get("coefs"))
            x = x * np.exp(u)
        if tactical is not None:
            blocs = parse_tactical(tactical, base.parties)
            if blocs:
                x, moved_rows = apply_tactical(x, blocs, base.nation[rows], base.region[rows])
                moved_t[rows] = moved_rows
        room = 100.0 - fixed[rows].sum(axis=1)
        goal = np.where(goal < 1e-9, 0.0, goal)  # rounding dust, not a share to deliver
        total_goal = goal.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_room = cell_shares(room[:, None], w[rows], cells[rows], k)
        goal = np.where(total_goal > 0, goal * mean_room / np.where(total_goal > 0, total_goal, 1),
                        goal)
        y = deliver(x, stands[rows], w[rows], cells[rows], goal,
                    room, additive=model in ADDITIVE)
        out[rows] = y + fixed[rows]
    return {"shares": out, "scenario": scenario, "standing": st, "tactical": moved_t,
            "notes": notes}


def delivered_table(base: Base, shares: np.ndarray, scenario: Scenario) -> pd.DataFrame:
    """Areas x parties: vote-weighted projected shares over each area named."""
    rows = {}
    for area, (mask, _) in scenario.areas.items():
        w = base.votes * mask
        rows[area] = w @ shares / w.sum() if w.sum() > 0 else shares[0] * 0
    return pd.DataFrame(rows, index=base.parties).T


def project(change: dict[str, Any] | None = None, election: int | str | Election | None = None,
            model: str | None = None, seats: pd.DataFrame | None = None, *,
            poll: dict[str, Any] | None = None, groups: dict[str, Any] | None = None,
            standing: dict[str, Any] | pd.DataFrame | None = None,
            tactical: dict[str, Any] | list[dict[str, Any]] | str | None = None) -> Projection:
    """Project every seat from a poll, vote-share changes, or voter-group scenarios.

    The poll is delivered: in every area it names, the projected seat shares weighted by each
    seat's valid votes equal the poll (``Projection.delivered``; docs/forecasting.md).

    Parameters
    ----------
    change : dict, optional
        ``{party: points}`` for Great Britain, or ``{area: {party: points}}`` with regions,
        nations, ``"GB"`` and ``"*"`` (the rest of GB). Points are finite, within +/-100.
    election : int or str, default 2024
        The results to start from (the registry's default election).
    model : {"uniform", "proportional", "mixed", "demographic"}, optional
        Default: the model the forward-chained backtest supports (:func:`default_model`).
    seats : pandas.DataFrame, optional
        A results frame to use instead of ``load_results(election)``.
    poll : dict, optional
        Absolute shares: ``{party: share}`` for Great Britain, or ``{area: {party: share}}``
        per GB / nation / region (:mod:`seatmap.scenario` says how areas nest, how unnamed
        parties are completed and what is refused).
    groups : dict, optional
        Voter-group scenarios, ``{group: {party: points}}`` such as
        ``{"leave": {"lab": 5}, "remain": {"lab": 2}}``, applied on top by each seat's
        composition (:func:`seatmap.polls.group_change`).
    standing : dict, optional
        Who stands where (:mod:`seatmap.standing`): ``{"reform": {"not": [...]}}`` for a pact,
        ``{"green": {"only": [...]}}``, ``{"ind": "drop"}`` to drop personal votes.
    tactical : dict, list or str, optional
        Tactical voting blocs (:mod:`seatmap.tactical`), e.g. ``{"against": "con", "parties":
        ["lab", "ld", "green"], "rate": 0.35}``; off by default.

    Returns
    -------
    Projection

    Examples
    --------
    >>> p = project(poll={"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10,
    ...                   "snp": 3, "pc": 1}, model="uniform")
    >>> round(float(p.delivered.loc["Great Britain", "reform"]), 2)
    29.0
    """
    import numpy as np

    from .polls import apply_groups

    model = choice(model if model is not None else default_model(), MODELS, "projection model",
                   aliases=MODEL_ALIASES)
    election = default_election() if election is None else election
    if groups is not None and seats is None:  # group composition lives in the seat frame
        from .datasets import load_seats

        seats = load_seats(election, geometry=False)
    bundled = seats is None
    seats = frame(election, seats)
    if poll is not None and change is not None:
        raise SeatmapError("Give either a change or a poll, not both.")
    if poll is None and change is None and groups is None:
        raise SeatmapError("Give the share change as {party: points}, e.g. {'lab': 5, "
                           "'con': -5}, a poll as poll={'lab': 35, 'con': 25, ...}, or "
                           "groups={'leave': {'lab': 5}}.")
    base = _bundled_base(_election_id(election)) if bundled else _base_of(seats)
    parties = base.parties
    notes: list[str] = []
    delivered = None
    entered = np.zeros_like(base.shares, dtype=bool)
    moved_t = np.zeros(len(base.codes))
    asked: dict[str, Any] = {}
    if poll is not None or change is not None:
        out = run_model(base, model, poll=poll, change=change, standing=standing,
                        tactical=tactical, seats=seats)
        new = out["shares"]
        notes += out["notes"]
        delivered = delivered_table(base, new, out["scenario"])
        entered = out["standing"]["entered"]
        moved_t = out["tactical"]
        asked = {a: dict(zip(parties, (t if out["scenario"].kind == "poll"
                                        else t - delivered_table(base, base.shares,
                                                                 out["scenario"]).loc[a]
                                        .to_numpy()).round(6).tolist(), strict=True))
                 for a, (_, t) in out["scenario"].areas.items()}
        for area, row in delivered.iterrows():
            shown = ", ".join(f"{p} {v:.1f}" for p, v in row.items() if v >= 0.05)
            notes.append(f"Delivered in {area}: {shown}.")
        if tactical is not None and moved_t.any():
            notes.append(f"Tactical voting moved votes in {int((moved_t > 0).sum())} seats "
                         f"(up to {moved_t.max():.1f} points in one seat).")
    else:
        new = base.shares.copy()
    if groups is not None:
        from .swingmodels import apply

        new, more = apply_groups(seats, parties, new, groups, apply)
        notes += more
    winner, runner, margin = winners(parties, new * base.lumped)
    names = np.array(parties, dtype=object)
    out_df = pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": seats["region"].astype("string") if "region" in seats else pd.NA,
        "nation": seats["nation"].astype("string") if "nation" in seats else pd.NA,
        "winner_before": seats["winner"].astype("string"),
        "winner": pd.array(winner, dtype="string"),
        "runner_up": pd.array(runner, dtype="string"),
        "majority_pct": margin,
        "entered": pd.array([",".join(names[r]) for r in entered], dtype="string"),
        "tactical_pct": moved_t,
    }, index=seats.index)
    out_df["changed"] = out_df["winner"] != out_df["winner_before"]
    proj = pd.DataFrame(new, index=seats.index, columns=[f"{p}_pct" for p in parties])
    out_df = pd.concat([out_df, proj], axis=1)
    changes = out_df.loc[out_df["changed"], ["seat", "region", "winner_before", "winner",
                                             "majority_pct"]]
    changes = changes.rename(columns={"winner_before": "from", "winner": "to"})
    changes = changes.sort_values(["to", "majority_pct"], ascending=[True, False])
    return Projection(seats=out_df, totals=totals(out_df["winner_before"], out_df["winner"]),
                      changes=changes, model=model, change=asked, base=seats, notes=notes,
                      delivered=delivered)


def _base_of(seats: pd.DataFrame) -> Base:
    """The arrays of a user's frame (computed each time: the frame may change)."""
    from .engine import base_arrays

    return base_arrays(seats)


def _election_id(election: int | str | Election) -> str:
    from .elections import election as _election

    return _election(election).id


@memoized(maxsize=8)
def _bundled_base(eid: str) -> Base:
    from .engine import base_arrays

    return base_arrays(frame(eid, None))


def __getattr__(name: str) -> Any:
    """``simulate`` and ``backtest`` moved to their own modules; still importable from here."""
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'seatmap.projection' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __package__), name)

