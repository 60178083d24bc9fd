"""Polls and voter-group scenarios as projection inputs.

Absolute shares (``poll=``)
    Pollsters publish shares, not changes: ``{"reform": 29, "lab": 22, "con": 18, "ld": 13,
    "green": 10, "snp": 3, "pc": 1}``. :func:`poll_change` turns them into the change
    specification :func:`seatmap.project` applies, area by area::

        change_p = target_p - base_p

    where ``base_p`` is party p's share of the valid votes of the base election in the same
    area (summed votes), and ``target_p`` is the poll's share, completed as follows.

    * **Areas.** A flat ``{party: share}`` is a Great Britain poll: it applies to every seat in
      England, Scotland and Wales and ``base_p`` is the GB share (Northern Ireland excluded).
      ``{area: {party: share}}`` takes ``"GB"`` / ``"Great Britain"``, nations (``"Scotland"``,
      ``"Wales"``, ``"England"``, ``"Northern Ireland"``) and regions; a region's poll wins
      over its nation's, a nation's over GB's.
    * **Northern Ireland** is not in GB polls: its seats keep the base result unless a
      ``"Northern Ireland"`` poll is given.
    * **Parties not named** share what the named parties leave (``100 - sum``) in proportion to
      their base shares in the area (``other``, ``ind`` and, in a GB poll, the NI parties'
      zero GB votes). If no unnamed party has votes there, the named shares are scaled to 100.
    * **Totals.** Named shares adding up to 100 or less are used as given. Between 100 and 103
      (rounding in published tables) they are scaled down to 100 and unnamed parties get 0.
      Above 103 the poll is refused.
    * **Impossible polls** are refused with a :class:`~seatmap.SeatmapError` that says what to
      fix: a share that is not a finite number in 0-100, an unknown party, a party named twice
      (after aliases: ``lab`` and ``Labour``), a party with no results in the base election
      (e.g. ``reform`` on 2015 results: use ``ukip``), or an area with no seats.

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
_TOLERANCE = 3.0


def _entries(poll: dict) -> dict:
    """``{area name: {party: share}}`` from a flat or nested poll."""
    if not isinstance(poll, dict) or not poll:
        raise SeatmapError("Give a poll as {party: share}, e.g. {'reform': 29, 'lab': 22, "
                           "'con': 18}, or per area as {'GB': {...}, 'Scotland': {...}}.")
    nested = [isinstance(v, dict) for v in poll.values()]
    if all(nested):
        return {("Great Britain" if str(k).strip().casefold() in ("gb", "*", "great britain")
                 else k): v for k, v in poll.items()}
    if any(nested):
        raise SeatmapError("Mixing {party: share} and {area: {...}} entries: put the GB shares "
                           "under 'GB'.")
    return {"Great Britain": poll}


def _targets(raw: dict, base: pd.Series, area: str) -> tuple[dict[str, float], list[str]]:
    """Completed target shares (every party of ``base``) for one area, and notes."""
    from .swingmodels import party_values

    named = party_values(raw, f"poll share in {area}", 0.0, 100.0)
    missing = sorted(set(named) - set(base.index))
    if missing:
        raise SeatmapError(f"No results for {', '.join(missing)} in the base election; parties "
                           f"with results: {', '.join(base.index)}.")
    total = sum(named.values())
    notes = []
    if total > 100.0 + _TOLERANCE:
        raise SeatmapError(f"The poll shares in {area} add up to {total:g}: a poll's shares add "
                           "up to 100 (or a little more, by rounding). Check the numbers.")
    unnamed = base.drop(list(named)).clip(lower=0.0)
    rest = 100.0 - total
    out = dict(named)
    if total > 100.0 or unnamed.sum() <= 0:
        scale = 100.0 / total if total > 0 else 0.0
        out = {p: v * scale for p, v in named.items()}
        out.update({p: 0.0 for p in unnamed.index})
        if abs(total - 100.0) > 1e-9:
            notes.append(f"{area}: named shares add up to {total:g}; scaled to 100"
                         + (" (parties not named get 0)." if len(unnamed) else "."))
    else:
        out.update({p: rest * v / unnamed.sum() for p, v in unnamed.items()})
        shown = [p for p in unnamed.index if unnamed[p] > 0]
        if shown:
            notes.append(f"{area}: the {rest:.1f} points not named go to "
                         f"{', '.join(shown)} in proportion to their base shares.")
    if total <= 0:
        raise SeatmapError(f"The poll in {area} names no party with a share above 0.")
    return out, notes


def poll_change(poll: dict, seats: pd.DataFrame) -> tuple[dict, list[str]]:
    """The change specification (``poll - base share``, per area) for a poll.

    Parameters
    ----------
    poll : dict
        ``{party: share}`` (Great Britain) or ``{area: {party: share}}``; shares in 0-100.
    seats : pandas.DataFrame
        The base results frame (with ``nation`` and ``region`` columns).

    Returns
    -------
    (dict, list of str)
        ``{area: {party: points}}`` for :func:`seatmap.project`, and notes on how the poll
        was completed (see the module docstring).

    Examples
    --------
    >>> from seatmap import load_seats
    >>> change, notes = poll_change({"lab": 40, "con": 30}, load_seats(2024, geometry=False))
    >>> round(change["Great Britain"]["lab"], 1)  # Labour's 2024 GB share was 34.6
    5.4
    """
    from .swing import parties_of
    from .swingmodels import area_key, base_shares

    parties = parties_of(seats)
    change: dict = {}
    notes: list[str] = []
    seen: set = set()
    for area, raw in _entries(poll).items():
        key = area_key(area)
        if key[0] == "default":
            key = ("gb", "Great Britain")
        if key in seen:
            raise SeatmapError(f"The area {key[1]!r} is given twice; give each area once.")
        seen.add(key)
        if not isinstance(raw, dict) or not raw:
            raise SeatmapError(f"The poll for {key[1]} must be {{party: share}}, not {raw!r}.")
        base = base_shares(seats, [key])[key].reindex(parties).fillna(0.0)
        target, more = _targets(raw, base, key[1])
        notes += more
        change[key[1]] = {p: float(target[p] - base[p]) for p in parties}
    if not any(k == "Northern Ireland" for k in change):
        notes.append("Northern Ireland is not in a GB poll: its seats keep the base result.")
    return change, notes


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
