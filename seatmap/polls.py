"""Polls and voter-group scenarios as projection inputs.

Absolute shares (``poll=``)
    Pollsters publish shares, not changes. A poll is resolved into areas and target shares by
    :mod:`seatmap.scenario` (how areas nest, how parties not named are completed, what is
    refused) and delivered exactly by every model (:func:`seatmap.project`).
    :func:`poll_change` gives the change a poll asks of the base result, area by area
    (``target - base share``): what the poll means in points.

Voter groups (``groups=``)
    ``{"leave": {"lab": 5}, "remain": {"lab": 2}}`` means "Labour +5 points among leave voters
    and +2 among remain voters". Each seat's change is the composition-weighted sum
    ``d_ip = sum_g f_gi * d_gp``, with ``f_gi`` the group's fraction of the seat (see
    :data:`GROUPS`), added to the projection and balanced by the parties not named, as uniform
    swing does. This is an **ecological approximation**: the fractions describe residents
    (census) or the 2016 referendum electorate, not each seat's voters at the next election,
    and a group is assumed to move alike everywhere. Seats with no data for a group (census
    class and education in Northern Ireland; on the 2024 boundaries, Scotland until the Census
    2021 tables are in) are not changed, and :attr:`Projection.notes` says how many.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice

__all__ = ["GROUPS", "group_change", "poll_change"]

# group -> (description, columns summed as the group's percentage of the seat, complement?)
GROUPS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "leave": ("voted leave in 2016 (estimated per seat)", ("leave_pct",), False),
    "remain": ("voted remain in 2016 (100 - leave)", ("leave_pct",), True),
    "nssec_5_7": ("NS-SeC 5-7: lower supervisory, semi-routine and routine occupations (census)",
                  ("nssec_lower_supervisory_pct", "nssec_semi_routine_pct", "nssec_routine_pct"),
                  False),
    "graduates": ("degree-level qualification (census level 4+)", ("level4_pct",), False),
    "no_qualifications": ("no qualifications (census)", ("no_quals_pct",), False),
}
_GROUP_ALIASES = {"working class": "nssec_5_7", "ns-sec 5-7": "nssec_5_7", "c2de": "nssec_5_7",
                  "nssec 5-7": "nssec_5_7", "graduate": "graduates", "degree": "graduates",
                  "leavers": "leave", "remainers": "remain", "no quals": "no_qualifications"}


def poll_change(poll: dict, seats: pd.DataFrame) -> tuple[dict, list[str]]:
    """The change a poll asks of the base result: ``{area: {party: target - base share}}``.

    Parameters
    ----------
    poll : dict
        ``{party: share}`` (Great Britain) or ``{area: {party: share}}``; shares in 0-100.
    seats : pandas.DataFrame
        The base results frame (with ``nation`` and ``region`` columns).

    Returns
    -------
    (dict, list of str)
        Per area named, each party's change in points from its base share in the area (the
        Speaker's seat aside), and the notes on how the poll was completed
        (:func:`seatmap.scenario.resolve`).

    Examples
    --------
    >>> from seatmap import load_seats
    >>> change, notes = poll_change({"lab": 40, "con": 30}, load_seats(2024, geometry=False))
    >>> round(change["Great Britain"]["lab"], 2)  # Labour: 34.68% of GB, the Speaker's seat aside
    5.32
    """
    from .engine import base_arrays
    from .scenario import resolve
    from .standing import personal_votes

    base = base_arrays(seats)
    sc = resolve(base, poll=poll, fixed=personal_votes(base))
    change = {}
    for area, (mask, target) in sc.areas.items():
        w = base.votes * mask
        now = w @ base.shares / w.sum()
        change[area] = {p: float(t - n) for p, t, n in zip(base.parties, target, now,
                                                             strict=True)}
    return change, list(sc.notes)


def _group_fraction(seats: pd.DataFrame, group: str) -> np.ndarray:
    """The group's fraction (0-1) of each seat; NaN where the seat has no data for it."""
    _, cols, complement = GROUPS[group]
    have = [c for c in cols if c in seats.columns]
    if len(have) < len(cols):
        raise SeatmapError(f"The base frame has no {', '.join(sorted(set(cols) - set(have)))} "
                           f"column, so the {group!r} group cannot be placed in seats. Use "
                           "load_seats(...) as the base, or another group.")
    frac = seats[list(cols)].astype("float64").sum(axis=1, min_count=len(cols)).to_numpy() / 100
    return 1.0 - frac if complement else frac


def group_change(seats: pd.DataFrame, groups: dict) -> tuple[pd.DataFrame, list[str]]:
    """Seat-level share changes from changes among voter groups (ecological approximation).

    Parameters
    ----------
    seats : pandas.DataFrame
        A seat frame with the groups' composition columns (``load_seats``).
    groups : dict
        ``{group: {party: points}}`` with groups from :data:`GROUPS` (or aliases such as
        ``"working class"`` for NS-SeC 5-7).

    Returns
    -------
    (pandas.DataFrame, list of str)
        Points of change per seat (rows) and party (columns), NaN-free (0 where a seat has no
        data for a group), and notes naming the seats left unchanged.

    Examples
    --------
    >>> from seatmap import load_seats
    >>> d, _ = group_change(load_seats(2019, geometry=False), {"leave": {"lab": 10}})
    >>> round(float(d.loc["E14000611", "lab"]), 2)  # Bury North voted 53.7% leave
    5.37
    """
    from .swingmodels import party_values

    if not isinstance(groups, dict) or not groups:
        raise SeatmapError("Give group changes as {group: {party: points}}, e.g. "
                           "{'leave': {'lab': 5}, 'remain': {'lab': 2}}; groups: "
                           f"{', '.join(GROUPS)}.")
    out = pd.DataFrame(0.0, index=seats.index, columns=[])
    notes = []
    seen = set()
    for name, raw in groups.items():
        g = choice(name, list(GROUPS), "voter group", aliases=_GROUP_ALIASES)
        if g in seen:
            raise SeatmapError(f"The group {g!r} is given twice; give each group once.")
        seen.add(g)
        if not isinstance(raw, dict) or not raw:
            raise SeatmapError(f"The change for the {g!r} group must be {{party: points}}.")
        deltas = party_values(raw, f"change among {g}", -100.0, 100.0)
        frac = _group_fraction(seats, g)
        lacking = np.isnan(frac)
        if lacking.any():
            nations = sorted(set(seats.loc[lacking, "nation"].astype("string").dropna())) \
                if "nation" in seats else []
            notes.append(f"{int(lacking.sum())} seats have no data for the {g!r} group "
                         f"({', '.join(nations) or 'unknown'}): left unchanged by it.")
        for p, d in deltas.items():
            col = out[p] if p in out else pd.Series(0.0, index=seats.index)
            out[p] = col + np.nan_to_num(frac) * d
    return out, notes


def apply_groups(seats, parties, shares, groups, apply) -> tuple[np.ndarray, list[str]]:
    """Add group changes to projected shares; the parties not named absorb the rest."""
    from .swing import check_party

    delta, notes = group_change(seats, groups)
    for p in delta.columns:
        check_party(p, seats)
    d = delta.reindex(columns=parties, fill_value=0.0).to_numpy()
    named = np.broadcast_to(np.isin(parties, list(delta.columns)), d.shape)
    return apply(shares, d, shares, named, "uniform"), notes
