"""A poll or a change, resolved into areas and the shares each area must end with.

One resolver serves :func:`seatmap.project`, :func:`seatmap.simulate`, the CLI and the
explorer's presets, so a poll means the same everywhere.

Areas
    ``"GB"`` (``"Great Britain"``, ``"*"``, ``"UK"`` or a flat ``{party: value}``), the nations
    (``"England"``, ``"Scotland"``, ``"Wales"``, ``"Northern Ireland"``) and the regions of
    England. Northern Ireland moves only when it is named. Each seat belongs to the most
    specific area named (a region over its nation, a nation over GB).

Polls (``poll=``): nested
    A poll for an area is delivered over the whole area, so with ``{"GB": P, "Scotland": Q}``
    Scotland ends at Q and Great Britain as a whole at P: England and Wales get what P leaves
    once Scotland has Q. A nation-only party (the SNP, Plaid Cymru) given in both a GB poll and
    its own nation's poll takes its share from the nation's poll (the GB figure is replaced by
    what the nation's implies, and the other GB shares are rescaled; a note says so).

Changes (``change=``): disjoint
    ``{"Scotland": {"snp": 2}, "*": {"lab": 3}}``: Scotland changes by its entry, the rest of GB
    by ``"*"``. An area's target is its base share plus the change; a change that does not sum
    to zero is balanced by the parties not named, in proportion to their shares in the area.

The Speaker's seat is outside every area (its shares are kept, and it is left out of every
area's totals). The personal vote of a strong independent is kept and counts towards the area.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validate import ScenarioError, SeatmapError, UnknownNameError, choice
from .elections import REGIONS
from .parties import party_code

__all__ = ["POLL_TOLERANCE", "Scenario", "area_of", "members", "resolve"]

GB = "Great Britain"
POLL_TOLERANCE = 3.0  # named shares up to 103 (rounding in published tables) are scaled to 100
_GB_WORDS = ("*", "uk", "gb", "great britain", "britain", "national", "united kingdom")
ENGLISH_REGIONS = REGIONS[:9]


def area_of(name) -> str:
    """The canonical area name for a poll or change key.

    Examples
    --------
    >>> area_of("UK"), area_of("yorkshire"), area_of("england"), area_of("NI")
    ('Great Britain', 'Yorkshire and The Humber', 'England', 'Northern Ireland')
    """
    text = str(name).strip()
    if text.casefold() in _GB_WORDS:
        return GB
    if text.casefold() == "england":
        return "England"
    try:
        return choice(text, REGIONS, "region or nation",
                      aliases={"Yorkshire": "Yorkshire and The Humber",
                               "East": "East of England", "NI": "Northern Ireland"})
    except SeatmapError:
        raise UnknownNameError(
            f"Unknown area {name!r}. Areas: Great Britain ('GB'), England, "
            f"{', '.join(REGIONS)}.") from None


def _parent(area: str) -> str | None:
    if area in ENGLISH_REGIONS:
        return "England"
    if area in ("England", "Scotland", "Wales"):
        return GB
    return None


def members(area: str, nation: np.ndarray, region: np.ndarray) -> np.ndarray:
    """True for the seats of ``area`` (a canonical area name), given each seat's nation and region.

    Examples
    --------
    >>> members("England", np.array(["England", "Wales"]), np.array(["London", "Wales"])).tolist()
    [True, False]
    """
    if area == GB:
        return nation != "Northern Ireland"
    if area == "England":
        return nation == "England"
    if area in ("Scotland", "Wales", "Northern Ireland"):
        return nation == area
    return region == area


@dataclass
class Scenario:
    """What a poll or change asks for, area by area.

    Attributes
    ----------
    cells : numpy.ndarray
        Each seat's cell (the rest of its most specific named area), -1 where nothing applies.
    cell_names : list of str
        The named area each cell is the rest of.
    targets : numpy.ndarray
        Cells x parties: each cell's target shares (0-100, over all its seats' votes).
    named : numpy.ndarray
        Cells x parties: the parties named for the cell's area (they stand in all its seats).
    areas : dict
        ``{area: (mask, target)}`` for every area given: what :attr:`Projection.delivered`
        reports.
    kind : str
        ``"poll"`` or ``"change"``.
    notes : list of str
    """

    cells: np.ndarray
    cell_names: list
    targets: np.ndarray
    named: np.ndarray
    areas: dict
    kind: str
    notes: list = field(default_factory=list)


def _entries(spec: dict, what: str) -> dict:
    """``{area: {party: value}}`` from a flat or nested spec (areas canonical, checked once)."""
    if not isinstance(spec, dict) or not spec:
        if what == "poll":
            raise ScenarioError("Give a poll as {party: share}, e.g. {'reform': 29, 'lab': 22, "
                               "'con': 18}, or per area as {'GB': {...}, 'Scotland': {...}}.")
        raise ScenarioError("Give the share change as {party: points}, e.g. {'lab': 5, 'con': "
                           "-5}, or per area as {'Scotland': {'snp': 2}, '*': {'lab': 3}}.")
    nested = [isinstance(v, dict) for v in spec.values()]
    if any(nested) and not all(nested):
        raise ScenarioError(f"Mixing {{party: value}} and {{area: {{...}}}} entries in the {what}: "
                           "put the GB values under 'GB'.")
    raw = spec if all(nested) else {GB: spec}
    out: dict = {}
    for key, value in raw.items():
        area = area_of(key)
        if area in out:
            raise ScenarioError(f"The area {area!r} is given twice in the {what}; give each "
                               "area once.")
        if not isinstance(value, dict) or not value:
            raise ScenarioError(f"The {what} for {area} must be {{party: value}}, not {value!r}.")
        out[area] = value
    return out


def _weights(base, mask: np.ndarray) -> tuple[np.ndarray, float]:
    w = np.where(mask & ~base.speaker, base.votes, 0.0)
    return w, float(w.sum())


def _area_shares(base, mask) -> np.ndarray:
    w, total = _weights(base, mask)
    return w @ base.shares / total if total > 0 else np.zeros(len(base.parties))


def _personal(base, fixed: np.ndarray, mask) -> np.ndarray:
    """The fixed (personal) votes of the area, as shares of its votes."""
    w, total = _weights(base, mask)
    return w @ fixed / total if total > 0 else np.zeros(len(base.parties))


def _complete_poll(raw: dict, base, mask, fixed: np.ndarray, area: str,
                   notes: list, ratio: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A poll's target shares (every party) and the named mask, for one area.

    ``ratio`` (an area inside a polled area): each party's target over its base share in the
    enclosing area's poll; the parties not named here share the rest in proportion to their
    base shares times that ratio, so they move as the enclosing poll says (a party the GB poll
    puts at 0 gets 0 in Scotland's remainder too).
    """
    from .swingmodels import party_values

    parties = base.parties
    named = party_values(raw, f"poll share in {area}", 0.0, 100.0)
    for p in named:
        if p not in parties:
            raise ScenarioError(f"No results for {p} in the base election; parties with "
                               f"results: {', '.join(parties)}.")
    total = sum(named.values())
    if total > 100.0 + POLL_TOLERANCE:
        raise ScenarioError(f"The poll shares in {area} add up to {total:g}: a poll's shares "
                           f"add up to 100 (or a little more, by rounding; up to "
                           f"{100 + POLL_TOLERANCE:g} is scaled). Check the numbers.")
    if total <= 0:
        raise ScenarioError(f"The poll in {area} names no party with a share above 0.")
    is_named = np.array([p in named for p in parties])
    personal = _personal(base, fixed, mask)
    keep = float(personal[~is_named].sum())
    shares = _area_shares(base, mask)
    free_base = np.where(is_named, 0.0, np.clip(shares - personal, 0.0, None))
    if ratio is not None:
        free_base = free_base * ratio
    target = np.array([named.get(p, 0.0) for p in parties], dtype=float)
    room = 100.0 - total
    if room < keep - 1e-9:
        scale = (100.0 - keep) / total
        target *= scale
        notes.append(f"{area}: the named shares add up to {total:g}; scaled to 100"
                     + (f" less the {keep:.2f} points of personal votes kept (standing="
                        "{'ind': 'drop'} removes them)." if keep > 0 else "."))
        target += np.where(is_named, 0.0, personal)
        return target, is_named
    target += np.where(is_named, 0.0, personal)
    rest = room - keep
    if free_base.sum() > 0:
        target += rest * free_base / free_base.sum()
        shown = [p for p, v in zip(parties, free_base, strict=True) if v > 0]
        if rest > 1e-9:
            notes.append(f"{area}: the {rest:.1f} points not named go to {', '.join(shown)} in "
                         "proportion to their base shares.")
    elif rest > 1e-9:
        target[is_named] *= (100.0 - keep) / total
        notes.append(f"{area}: named shares add up to {total:g} and no other party has votes "
                     "there; scaled to 100.")
    return target, is_named


def _nation_only_rule(entries, targets, base, fixed, notes) -> None:
    """A nation-only party given in a wider poll and its nation's poll takes the nation's share."""
    from .engine import NATION_PARTIES

    done: list[int] = []  # nation-only parties already set: the next one does not rescale them
    for party, home in NATION_PARTIES.items():
        if party not in base.parties or home not in targets:
            continue
        j = base.parties.index(party)
        _, w_home = _weights(base, members(home, base.nation, base.region))
        for area in (GB,):
            if area not in targets:
                continue
            named = party in {party_code(k) for k in entries[area]}
            _, w_area = _weights(base, members(area, base.nation, base.region))
            implied = targets[home][j] * w_home / w_area
            t = targets[area]
            old = t[j]
            keep = _personal(base, fixed, members(area, base.nation, base.region))
            keep[j] = 0.0
            keep[done] = t[done]
            free = t - keep
            free[j] = 0.0
            given = np.array([p in {party_code(k) for k in entries[area]} for p in base.parties])
            # the parties the poll did not name make room first; the named ones only if needed
            loose = np.where(given, 0.0, free)
            need = implied - old
            if loose.sum() > 0 and loose.sum() > need:
                t[:] = t - need * loose / loose.sum()
            elif free.sum() > 0:
                t[:] = keep + free * (100.0 - implied - keep.sum()) / free.sum()
            t[j] = implied
            done.append(j)
            said = f"the {area} poll said {old:g}" if named else f"completed as {old:.2f}"
            notes.append(f"{area}: the {party.upper()} stands in {home} only, so its "
                         f"{area} share comes from the {home} poll: {implied:.2f} "
                         f"({said}); the parties not named in the {area} poll make the "
                         "difference (all parties if the poll named them all).")


def resolve(base, poll: dict | None = None, change: dict | None = None,
            fixed: np.ndarray | None = None) -> Scenario:
    """Resolve a poll or a change against a base result (:func:`seatmap.engine.base_arrays`).

    Parameters
    ----------
    base : seatmap.engine.Base
    poll, change : dict
        One of them (see the module docstring).
    fixed : numpy.ndarray, optional
        Seats x parties shares held fixed (personal votes), counted in the areas' totals.

    Returns
    -------
    Scenario

    Examples
    --------
    >>> from seatmap.engine import base_arrays
    >>> from seatmap.swingmodels import frame
    >>> b = base_arrays(frame(2024, None))
    >>> s = resolve(b, poll={"GB": {"lab": 30, "con": 25}, "Scotland": {"snp": 30, "lab": 30}})
    >>> s.cell_names
    ['Great Britain', 'Scotland']
    >>> round(float(s.areas["Great Britain"][1][b.parties.index("lab")]), 6)
    30.0
    """
    if poll is not None and change is None:
        kind, spec = "poll", poll
    elif change is not None and poll is None:
        kind, spec = "change", change
    else:
        raise ScenarioError("Give either a change or a poll (not both, not neither).")
    entries = _entries(spec, kind)
    fixed = np.zeros_like(base.shares) if fixed is None else fixed
    masks = _area_masks(base, entries)
    order, cell_of = _cells(base, entries, masks)
    notes: list[str] = []
    if kind == "poll":
        targets, named = _poll_targets(base, entries, order, masks, fixed, notes)
        cell_targets = _poll_cell_targets(base, entries, order, masks, cell_of, targets)
        areas = {a: (masks[a] & ~base.speaker, targets[a]) for a in order}
        named_cells = _named_in_every_seat(entries, order, named)
    else:
        cell_targets, named_list = _change_cell_targets(base, entries, order, cell_of)
        areas = {a: ((cell_of == i) & ~base.speaker, cell_targets[i]) for i, a in enumerate(order)}
        named_cells = np.array(named_list)
    if not any(a == "Northern Ireland" for a in entries):
        notes.append("Northern Ireland is not in a GB poll: its seats keep the base result."
                     if kind == "poll" else
                     "Northern Ireland is not named: its seats keep the base result.")
    return Scenario(cells=cell_of, cell_names=list(order), targets=cell_targets,
                    named=named_cells, areas=areas, kind=kind, notes=notes)


def _area_masks(base, entries: dict) -> dict[str, np.ndarray]:
    """Each named area's seats; an area with no seats in the frame is an error."""
    masks = {a: members(a, base.nation, base.region) for a in entries}
    for area, mask in masks.items():
        if not (mask & ~base.speaker).any():
            raise ScenarioError(f"No seats in {area!r} in this frame (areas with seats: "
                               f"{', '.join(sorted(set(base.region) - {''}))}).")
    return masks


def _cells(base, entries: dict, masks: dict) -> tuple[list[str], np.ndarray]:
    """The areas, widest first, and each seat's cell: its most specific named area (-1: none)."""
    depth = {a: (0 if a == GB else 1 if _parent(a) == GB or a == "Northern Ireland" else 2)
             for a in entries}
    order = sorted(entries, key=lambda a: depth[a])
    cell_of = np.full(len(base.codes), -1)
    for i, area in enumerate(order):
        cell_of[masks[area]] = i
    cell_of[base.speaker] = -1
    return order, cell_of


def _poll_targets(base, entries: dict, order: list, masks: dict, fixed: np.ndarray,
                  notes: list) -> tuple[dict, dict]:
    """Every polled area's target shares (all parties) and the parties its poll names."""
    targets: dict[str, np.ndarray] = {}
    named: dict[str, np.ndarray] = {}
    for area in order:
        up = _nearest_named(area, entries)
        ratio = None
        if up is not None:  # completed like the enclosing poll (which is completed first)
            kept = _personal(base, fixed, masks[up])  # personal votes are not moved
            now = _area_shares(base, masks[up]) - kept
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(now > 1e-12, np.clip(targets[up] - kept, 0.0, None)
                                 / np.where(now > 1e-12, now, 1.0), 1.0)
        targets[area], named[area] = _complete_poll(entries[area], base, masks[area], fixed,
                                                    area, notes, ratio)
    _nation_only_rule(entries, targets, base, fixed, notes)
    return targets, named


def _poll_cell_targets(base, entries: dict, order: list, masks: dict, cell_of: np.ndarray,
                       targets: dict) -> np.ndarray:
    """Each cell's targets: its area's poll less the polls of the areas named inside it."""
    cells_t = []
    for i, area in enumerate(order):
        rest = cell_of == i
        w_rest = float(base.votes[rest].sum())
        if w_rest <= 0:
            cells_t.append(targets[area])
            continue
        _, w_area = _weights(base, masks[area])
        amount = targets[area] * w_area
        for child in order:
            if child != area and _nearest_named(child, entries) == area:
                _, w_child = _weights(base, masks[child])
                amount = amount - targets[child] * w_child
        t = amount / w_rest
        bad = t < -1e-6
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raise ScenarioError(
                f"The {area} poll gives {base.parties[j]} {targets[area][j]:g}%, less than the "
                f"polls of the areas inside it already give it; the rest of {area} would "
                f"need {t[j]:.2f}%. Make the {area} and area polls agree.")
        cells_t.append(np.clip(t, 0.0, None))
    return np.array(cells_t)


def _named_in_every_seat(entries: dict, order: list, named: dict) -> np.ndarray:
    """Cells x parties: a poll for an area names its parties in every seat of the area."""
    named_cells = np.array([named[a] for a in order])
    for i, area in enumerate(order):
        up = _nearest_named(area, entries)
        while up is not None:
            named_cells[i] |= named[up]
            up = _nearest_named(up, entries)
    return named_cells


def _change_cell_targets(base, entries: dict, order: list,
                         cell_of: np.ndarray) -> tuple[np.ndarray, list]:
    """Each cell's targets under a change (its base shares plus the points given, balanced)."""
    from .swingmodels import party_deltas

    parties = base.parties
    cells_t, named = [], []
    for i, area in enumerate(order):
        deltas = party_deltas(entries[area])
        unknown = sorted(set(deltas) - set(parties))
        if unknown:
            raise ScenarioError(f"No results for {', '.join(unknown)} in this frame; parties "
                               f"with results: {', '.join(parties)}.")
        shares = _area_shares(base, cell_of == i)
        d = np.array([deltas.get(p, 0.0) for p in parties])
        is_named = np.array([p in deltas for p in parties])
        residual = -d.sum()
        if abs(residual) > 1e-9:
            pool = np.where(is_named, 0.0, shares)
            if pool.sum() <= 0:
                raise ScenarioError(f"The changes for {area} do not sum to zero and no other "
                                   "party is left to balance them.")
            d = d + residual * pool / pool.sum()
        t = shares + d
        low = t < -1e-9
        if low.any():
            bad = [f"{parties[j]} ({shares[j]:.1f}%)" for j in np.flatnonzero(low)]
            raise ScenarioError(f"The change would push {', '.join(bad)} below zero in "
                               f"{'Great Britain' if area == GB else area}.")
        cells_t.append(np.clip(t, 0.0, None))
        named.append(is_named & (d != 0))
    return np.array(cells_t), named


def _nearest_named(area: str, entries: dict) -> str | None:
    up = _parent(area)
    while up is not None and up not in entries:
        up = _parent(up)
    return up
