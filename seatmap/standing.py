"""Who stands where in a projection, and where a party starts in a seat it did not contest.

Default rule, per area of the scenario (:mod:`seatmap.scenario`):

* a party **stands in every seat of the area** if it stood in more than half of the area's seats
  in the base election, or the poll (or change) names it for the area; otherwise only where it
  stood. The SNP stands in Scotland only, Plaid Cymru in Wales only, the Northern Ireland
  parties in Northern Ireland only; a GB party stands in a Northern Ireland seat only where it
  stood, or when a Northern Ireland poll names it. The lumped columns (``other``, ``ind``)
  never enter a seat they had no votes in, and the Speaker's seat keeps its result.
* a party **entering** a seat starts from its mean share in the ``NEIGHBOURS`` (10) most
  comparable seats of the same nation where it stood: the seats whose base shares of the other
  named parties are closest (Euclidean distance in points). With no such seat in the nation it
  starts level with its target in the area. Its starting votes come from the other parties of
  the seat in proportion to their shares. Entrants are marked in ``Projection.seats``
  (``entered``).
* **personal votes**: the votes of an independent who won the seat or polled at least
  ``PERSONAL_VOTE_PCT`` (10%) are kept as they were and count towards the area's totals
  (Jeremy Corbyn's 24,120 votes in Islington North in 2024). ``standing={"ind": "drop"}``
  treats them as any other votes.

Overrides (``standing=``), per party: ``"all"`` (every seat of its nations in the moved areas),
``"base"`` (only where it stood), ``{"only": [seats]}`` or ``{"not": [seats]}`` (a pact: it
stands down there and its votes go to the others in proportion). Seats are GSS codes or names.
A table (DataFrame) with columns ``party``, ``seat`` and optional ``stands`` is read by
:func:`table_to_standing`.
"""

from __future__ import annotations

import numpy as np

from ._validate import SeatmapError
from .engine import LUMPED, NATION_PARTIES, NI_PARTIES

__all__ = ["NEIGHBOURS", "PERSONAL_VOTE_PCT", "entry_shares", "personal_votes", "standing",
           "table_to_standing"]

NEIGHBOURS = 10
PERSONAL_VOTE_PCT = 10.0


def personal_votes(base, keep: bool = True) -> np.ndarray:
    """Seats x parties: the ``ind`` votes kept as personal votes (0 elsewhere).

    Examples
    --------
    >>> from seatmap import load_results
    >>> from seatmap.engine import base_arrays
    >>> b = base_arrays(load_results(2024))
    >>> kept = personal_votes(b)[:, b.col("ind")]
    >>> int((kept > 0).sum()), round(float(kept[list(b.names).index("Islington North")]), 1)
    (18, 49.2)
    """
    out = np.zeros_like(base.shares)
    if not keep or "ind" not in base.parties:
        return out
    j = base.col("ind")
    strong = (base.shares[:, j] >= PERSONAL_VOTE_PCT) | (base.winner == "ind")
    out[strong, j] = base.shares[strong, j]
    return out


def allowed(base, named_ni: np.ndarray | None = None) -> np.ndarray:
    """Seats x parties: where a party may stand at all (its nations)."""
    ok = np.ones_like(base.shares, dtype=bool)
    ni = base.nation == "Northern Ireland"
    for j, p in enumerate(base.parties):
        if p in NATION_PARTIES:
            ok[:, j] = base.nation == NATION_PARTIES[p]
        elif p in NI_PARTIES:
            ok[:, j] = ni
        elif p not in LUMPED:
            ok[ni, j] = base.stood[ni, j] | (named_ni is not None and bool(named_ni[j]))
    return ok


def entry_shares(base, party: str) -> np.ndarray:
    """Each seat's starting share for ``party`` were it to stand there (cached per base).

    The mean share of the party in the :data:`NEIGHBOURS` most comparable seats of the same
    nation where it stood (distance on the other named parties' base shares); NaN where the
    nation has no such seat.
    """
    key = ("entry", party)
    if key in base.cache:
        return base.cache[key]
    j = base.col(party)
    feats = [k for k, p in enumerate(base.parties) if p not in LUMPED and k != j]
    x = base.shares[:, feats]
    stood = base.stood[:, j] & ~base.speaker
    out = np.full(len(base.codes), np.nan)
    for nation in np.unique(base.nation):
        here = base.nation == nation
        donors = np.flatnonzero(here & stood)
        if not len(donors):
            continue
        targets = np.flatnonzero(here)
        d = ((x[targets, None, :] - x[None, donors, :]) ** 2).sum(axis=2)
        k = min(NEIGHBOURS, len(donors))
        near = np.argpartition(d, k - 1, axis=1)[:, :k]
        out[targets] = base.shares[donors[near], j].mean(axis=1)
    base.cache[key] = out
    return out


def _seat_rows(base, seats, party: str) -> np.ndarray:
    from .names import seat_index

    if isinstance(seats, str) or not hasattr(seats, "__iter__"):
        raise SeatmapError(f"standing= for {party}: give a list of seats (codes or names), "
                           f"not {seats!r}.")
    codes = {c: i for i, c in enumerate(base.codes)}
    rows = []
    bset = base.frame.attrs.get("boundary_set")
    for s in seats:
        if s in codes:
            rows.append(codes[s])
            continue
        if not bset:
            raise SeatmapError(f"standing= for {party}: {s!r} is not a seat code of this frame.")
        code = seat_index(bset).lookup(str(s))
        if code not in codes:
            raise SeatmapError(f"standing= for {party}: {s!r} ({code}) is not in this frame.")
        rows.append(codes[code])
    return np.array(rows, dtype=int)


def table_to_standing(table) -> dict:
    """``standing=`` from a table with columns ``party``, ``seat`` and optional ``stands``.

    Rows with ``stands`` false (or no ``stands`` column) are seats where the party stands down
    (a pact); rows with ``stands`` true are the only seats it stands in. A party given both
    kinds of row is an error.

    Examples
    --------
    >>> import pandas as pd
    >>> table_to_standing(pd.DataFrame({"party": ["reform", "reform"],
    ...                                 "seat": ["Clacton", "Boston and Skegness"]}))
    {'reform': {'not': ['Clacton', 'Boston and Skegness']}}
    """
    missing = {"party", "seat"} - set(table.columns)
    if missing:
        raise SeatmapError(f"A standing table needs the columns party and seat (missing: "
                           f"{', '.join(sorted(missing))}); add stands (true/false) to list "
                           "the only seats a party stands in.")
    out: dict = {}
    stands = table["stands"] if "stands" in table.columns else [False] * len(table)
    for party, seat, flag in zip(table["party"], table["seat"], stands, strict=True):
        if not isinstance(flag, (bool, np.bool_)):
            raise SeatmapError(f"stands must be true or false, not {flag!r} (party {party!r}, "
                               f"seat {seat!r}).")
        kind = "only" if flag else "not"
        rule = out.setdefault(str(party), {kind: []})
        if kind not in rule:
            raise SeatmapError(f"The standing table gives {party!r} both seats it stands in "
                               "and seats it stands down in: give one kind per party.")
        rule[kind].append(seat)
    return out


def standing(base, scenario, overrides: dict | None = None) -> dict:
    """Who stands in each moved seat, and the starting shares.

    Parameters
    ----------
    base : seatmap.engine.Base
    scenario : seatmap.scenario.Scenario
    overrides : dict, optional
        ``{party: "all" | "base" | {"only": [...]} | {"not": [...]}}``, and ``{"ind": "drop"}``
        to drop personal votes (see the module docstring).

    Returns
    -------
    dict
        ``stands`` and ``entered`` (seats x parties, bool), ``start`` (seats x parties, each
        row summing to 100 with the fixed votes), ``fixed`` (the kept personal votes),
        ``notes``.

    Examples
    --------
    >>> from seatmap.engine import base_arrays
    >>> from seatmap.scenario import resolve
    >>> from seatmap.swingmodels import frame
    >>> b = base_arrays(frame(2019, None))
    >>> sc = resolve(b, poll={"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10,
    ...                       "snp": 3, "pc": 1})
    >>> st = standing(b, sc)
    >>> int(st["entered"][:, b.col("reform")].sum())  # seats the Brexit Party did not contest
    356
    """
    parsed, keep_personal = _parse_overrides(base, overrides)
    fixed = personal_votes(base, keep_personal)
    moved = scenario.cells >= 0
    stands = _who_stands(base, scenario, parsed, fixed)
    _check_deliverable(base, scenario, stands, fixed)
    notes: list[str] = []
    entered = stands & ~base.stood & moved[:, None]
    start = _start_shares(base, scenario, stands, entered, fixed, notes)
    notes += _standing_notes(base, moved, stands, entered, fixed)
    return {"stands": stands, "entered": entered, "start": start, "fixed": fixed,
            "notes": notes}


def _parse_overrides(base, overrides) -> tuple[dict[str, object], bool]:
    """The checked ``standing=`` rules by party code, and whether personal votes are kept."""
    from .parties import party_code

    overrides = table_to_standing(overrides) if hasattr(overrides, "columns") \
        else dict(overrides or {})
    keep_personal = True
    parsed: dict[str, object] = {}
    for key, rule in overrides.items():
        p = party_code(key)
        if p not in base.parties:
            raise SeatmapError(f"standing= names {key!r}, which has no results in this frame; "
                               f"parties: {', '.join(base.parties)}.")
        if p == "ind" and rule == "drop":
            keep_personal = False
            continue
        if rule in ("all", "base") or (isinstance(rule, dict) and set(rule) <= {"only", "not"}
                                        and len(rule) == 1):
            parsed[p] = rule
            continue
        raise SeatmapError(f"standing= for {p}: give 'all', 'base', {{'only': [seats]}} or "
                           f"{{'not': [seats]}} (or {{'ind': 'drop'}}), not {rule!r}.")
    return parsed, keep_personal


def _who_stands(base, scenario, parsed: dict, fixed: np.ndarray) -> np.ndarray:
    """Seats x parties: the default rule for each cell, then the user's overrides."""
    cells = scenario.cells
    moved = cells >= 0
    ni_cells = [i for i, a in enumerate(scenario.cell_names) if a == "Northern Ireland"]
    named_ni = scenario.named[ni_cells[0]] if ni_cells else None
    ok = allowed(base, named_ni)
    stood = base.stood & ~(fixed > 0)
    stands = stood.copy()
    for c in range(len(scenario.cell_names)):
        rows = moved & (cells == c)
        if not rows.any():
            continue
        most = (stood[rows] & ok[rows]).sum(axis=0) > 0.5 * ok[rows].sum(axis=0)
        wide = (most | scenario.named[c]) & np.array([p not in LUMPED for p in base.parties])
        stands[rows] |= wide[None, :] & ok[rows]
    for p, rule in parsed.items():
        j = base.col(p)
        if rule == "all":
            stands[moved, j] = ok[moved, j]
        elif rule == "base":
            stands[:, j] = stood[:, j]
        elif "only" in rule:
            keep = np.zeros(len(base.codes), dtype=bool)
            keep[_seat_rows(base, rule["only"], p)] = True
            stands[moved, j] = keep[moved] & ok[moved, j]
        else:
            stands[_seat_rows(base, rule["not"], p), j] = False
    stands[~moved] = base.stood[~moved]
    empty = moved & ~(stands | (fixed > 0)).any(axis=1)
    if empty.any():  # nobody left standing: the seat keeps who stood in the base
        stands[empty] = base.stood[empty]
    return stands


def _check_deliverable(base, scenario, stands: np.ndarray, fixed: np.ndarray) -> None:
    """A cell's target for a party must be one the seats it stands in can give it."""
    moved = scenario.cells >= 0
    for c in range(len(scenario.cell_names)):
        rows = moved & (scenario.cells == c)
        if not rows.any():
            continue
        none = (scenario.targets[c] > 1e-9) & ~(stands[rows] | (fixed[rows] > 0)).any(axis=0)
        for j in np.flatnonzero(none):
            p = base.parties[j]
            where = (f" (it stands in {NATION_PARTIES[p]} only)" if p in NATION_PARTIES else
                     " (a Northern Ireland party)" if p in NI_PARTIES else "")
            fix = ("" if where else f", or let it stand with standing={{'{p}': 'all'}}")
            raise SeatmapError(f"{p} is given {scenario.targets[c][j]:.2f}% in "
                               f"{scenario.cell_names[c]}, but it stands in none of its seats"
                               f"{where}. Drop it from that area's poll{fix}.")
        # nor one above what the seats it stands in could give it (all their votes)
        w = base.votes[rows]
        other_fixed = fixed[rows].sum(axis=1, keepdims=True) - fixed[rows]
        cap = (w @ np.where(stands[rows], 100.0 - other_fixed, fixed[rows])) / w.sum()
        for j in np.flatnonzero(scenario.targets[c] > cap + 1e-9):
            p = base.parties[j]
            where = f" (it stands in {NATION_PARTIES[p]} only)" if p in NATION_PARTIES else ""
            raise SeatmapError(f"{p} is given {scenario.targets[c][j]:.2f}% in "
                               f"{scenario.cell_names[c]}, but the seats it stands in hold only "
                               f"{cap[j]:.2f}% of the area's votes{where}. Lower its share in "
                               "that area's poll.")


def _start_shares(base, scenario, stands: np.ndarray, entered: np.ndarray, fixed: np.ndarray,
                  notes: list) -> np.ndarray:
    """Seats x parties starting shares: stood-down parties at 0, entrants at comparable seats'."""
    cells = scenario.cells
    moved = cells >= 0
    start = base.shares.copy()
    start[~stands & moved[:, None] & ~(fixed > 0)] = 0.0  # stood down
    for j in np.flatnonzero(entered.any(axis=0)):
        rows = entered[:, j]
        e = entry_shares(base, base.parties[j])[rows]
        fallback = scenario.targets[cells[rows], j]
        start[rows, j] = np.where(np.isnan(e), fallback, e)
        if np.isnan(e).any():
            notes.append(f"{base.parties[j]} enters {int(np.isnan(e).sum())} seats of a nation "
                         "where it stood nowhere: it starts level with its area target there.")
    # rows: the fixed votes stay, the others share what is left in proportion
    free = np.where(fixed > 0, 0.0, start)
    room = 100.0 - fixed.sum(axis=1)
    tot = free.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        free = np.where(tot > 0, free * room[:, None] / tot, free)
    return np.where(moved[:, None], free + fixed, base.shares)


def _standing_notes(base, moved: np.ndarray, stands: np.ndarray, entered: np.ndarray,
                    fixed: np.ndarray) -> list[str]:
    """Who enters, who stands down and whose personal votes are kept, in words."""
    notes = []
    n_in = entered.sum(axis=0)
    if n_in.any():
        notes.append("Standing: " + "; ".join(
            f"{base.parties[j]} enters {_seats(n_in[j])} it did not contest"
            for j in np.flatnonzero(n_in)) + " (starting from comparable seats).")
    down = (base.stood & ~stands & moved[:, None] & ~(fixed > 0)).sum(axis=0)
    if down.any():
        notes.append("Standing down: " + "; ".join(
            f"{base.parties[j]} in {_seats(down[j])}" for j in np.flatnonzero(down)) + ".")
    if fixed.any():
        notes.append(f"Personal votes kept for {int((fixed > 0).any(axis=1).sum())} "
                     "independents who won or polled 10% or more (standing={'ind': 'drop'} "
                     "removes them).")
    return notes


def _seats(n) -> str:
    return f"{int(n)} seat" if int(n) == 1 else f"{int(n)} seats"
