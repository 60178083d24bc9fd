"""Everything seatmap knows about one seat, as data: :func:`seat_profile`.

The ``seatmap seat`` command prints a profile; the library returns it, so a script or a report can
use the same figures (result, vote table with the change since the previous election on the same
boundaries, swing to lose, swings needed with target-list ranks, history, referendum, class,
deprivation, census and red-wall memberships).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ._validate import SeatmapError
from .elections import DEFAULT_ELECTION, Election

__all__ = ["SeatProfile", "seat_profile"]


@dataclass
class SeatProfile:
    """One seat's result and profile (see :func:`seat_profile`).

    Attributes
    ----------
    code, name : str
        GSS code and name.
    election : str
        Election id; ``election_description`` its long name.
    facts : dict
        The seat's row of ``load_seats`` (missing values as ``None``).
    votes : pandas.DataFrame
        One row per party that stood, most votes first: ``party`` (code), ``name``, ``votes``,
        ``pct`` and ``change`` (points since ``previous``; ``NaN`` where unknown).
    previous : str or None
        The earlier election on the same boundaries that ``change`` compares with, e.g.
        ``"2017"`` or ``"2019 (notional)"``.
    swing_to_lose : float or None
        Swing (points, exact) from the holder to the runner-up that would lose the seat.
    swings_needed : list of dict
        Per challenger (most votes first): ``party``, ``swing`` (exact points), ``rank`` and
        ``of`` (its place in that party's target list) where known.
    history : dict
        Winner by year (``winner_YYYY`` columns), oldest first.
    history_basis : dict
        Year -> what that winner is when it is not the declared result on these boundaries:
        ``"notional estimate"`` (seatmap's notional 2010-2017 results on the 2024 set) or
        ``"notional"`` (Rallings & Thrasher's notional 2019 on the 2024 set).
    redwall : dict
        Red-wall definition name -> membership (2019 only).
    census : str or None
        The census the census figures come from: ``"Census 2011"`` (2010 set), ``"Census 2021"``
        (2024 set) or ``"Scotland's Census 2022"`` (Scottish seats on the 2024 set: no class or
        qualification figures in the source, so those facts are ``None``);
        ``None`` in Northern Ireland (no census figures).
    communities : dict
        Held-back communities in the seat (:func:`seatmap.heldback.seat_summary`): how
        many, how many people live in them and what share of the seat that is, and the largest.
    caveats : list of str
        What the figures cannot be read as (e.g. Northern Ireland's place on the UK composite
        deprivation scale, :data:`seatmap.sources.NI_DEPRIVATION_CAVEAT`).
    """

    code: str
    name: str
    election: str
    election_description: str
    facts: dict[str, Any]
    votes: pd.DataFrame
    previous: str | None = None
    swing_to_lose: float | None = None
    swings_needed: list[dict[str, Any]] = field(default_factory=list)
    history: dict[str, Any] = field(default_factory=dict)
    redwall: dict[str, Any] = field(default_factory=dict)
    history_basis: dict[str, Any] = field(default_factory=dict)
    census: str | None = None
    caveats: list[str] = field(default_factory=list)
    communities: dict[str, Any] = field(default_factory=dict)

    def get(self, column: str) -> Any:
        """The seat's value of ``column`` (``None`` when missing)."""
        return self.facts.get(column)


def _isna(x: object) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def seat_profile(name: str, election: int | str | Election = DEFAULT_ELECTION) -> SeatProfile:
    """Everything seatmap knows about one seat.

    Parameters
    ----------
    name : str
        Seat name (forgiving: case, accents, ``&``/``and``, ``St``/``St.``) or GSS code.
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")
        The election whose result is shown.

    Returns
    -------
    SeatProfile
        The seat's facts, vote table, swings and memberships.

    Raises
    ------
    SeatmapError
        For an unknown or ambiguous name (with the closest matches).

    Examples
    --------
    >>> p = seat_profile("Bury North", 2019)
    >>> p.code, int(p.get("majority")), p.votes["party"].tolist()[:2]
    ('E14000611', 105, ['con', 'lab'])
    >>> p.swings_needed[0]["party"], round(p.swings_needed[0]["swing"], 3), p.swings_needed[0]["rank"]
    ('lab', 0.112, 1)
    >>> h = seat_profile("Hartlepool", 2024)
    >>> h.census, round(float(h.get("routine_pct")), 1), h.history_basis["2017"]
    ('Census 2021', 30.5, 'notional estimate')
    >>> h.communities["people"], h.communities["largest"]
    (32850, 'Headland & West View and Jesmond, Hartlepool')
    """
    from .datasets import CENSUS_NAMES, history_basis, load_results, load_seats
    from .elections import ELECTIONS
    from .elections import election as _election
    from .heldback import seat_summary
    from .names import seat_index
    from .parties import PARTIES
    from .sources import caveats
    from .swing import parties_of, swing_needed, swing_to_lose
    from .targeting import targets

    e = _election(election)
    seats = load_seats(e, geometry=False)
    code = seat_index(e.boundary_set).lookup(name)  # the one resolver (names, successors)
    s = seats.loc[code]
    facts: dict[str, Any] = {k: (None if v is None or (not isinstance(v, str) and _isna(v)) else v)
             for k, v in s.items()}
    prev, previous = None, None
    same = [x for x in ELECTIONS.values() if x.boundary_set == e.boundary_set and x.year < e.year]
    if same:
        prev_e = max(same, key=lambda x: x.year)
        try:
            prev = load_results(prev_e).loc[code]
            previous = f"{prev_e.year}" + (" (notional)" if prev_e.notional else "")
        except (FileNotFoundError, KeyError):
            prev = None
    parties = [p for p in parties_of(seats) if (facts.get(f"{p}_votes") or 0) > 0]
    parties.sort(key=lambda p: -float(facts.get(f"{p}_votes") or 0))
    rows = []
    for p in parties:
        change = float("nan")
        if prev is not None and f"{p}_pct" in prev.index and not _isna(prev[f"{p}_pct"]):
            change = float(facts[f"{p}_pct"]) - float(prev[f"{p}_pct"])
        rows.append({"party": p, "name": PARTIES[p].name, "votes": facts.get(f"{p}_votes"),
                     "pct": facts.get(f"{p}_pct"), "change": change})
    votes = pd.DataFrame(rows, columns=["party", "name", "votes", "pct", "change"])
    holder = facts.get("winner")
    one = seats.loc[[code]]
    one.attrs = seats.attrs
    needed = []
    for p in parties:
        if p == holder or p in ("other", "ind", "speaker"):
            continue
        x = swing_needed(one, p).iloc[0]
        if _isna(x):
            continue
        item = {"party": p, "swing": float(x), "rank": None, "of": None}
        try:
            t = targets(p, e, seats=seats)
            item["rank"], item["of"] = int(t.loc[code, "rank"]), len(t)
        except (SeatmapError, KeyError):
            pass
        needed.append(item)
    lose = None
    if holder not in (None, "speaker"):
        lose = float(swing_to_lose(one, holder).iloc[0])
    hist = sorted(c for c in seats.columns if c.startswith("winner_") and c[7:].isdigit())
    redwall = {}
    if e.id == "2019":
        from .definitions import memberships

        try:  # the definitions that apply to these seats (2024 ones do not on 2019 seats)
            member = memberships(seats).loc[code]
            redwall = {k: bool(v) for k, v in member.items()}
        except SeatmapError:
            redwall = {}
    basis = history_basis(e.boundary_set)
    census = None if code.startswith("N") else CENSUS_NAMES[e.boundary_set]
    if code.startswith("S") and e.boundary_set == "2024":
        census = "Scotland's Census 2022"  # the source's Scottish figures (no class, education)
    return SeatProfile(code=code, name=str(s["name"]), election=e.id,
                       election_description=e.description, facts=facts, votes=votes,
                       previous=previous, swing_to_lose=lose, swings_needed=needed,
                       history={c[7:]: facts.get(c) for c in hist}, redwall=redwall,
                       history_basis={c[7:]: basis[c[7:]] for c in hist if c[7:] in basis},
                       census=census,
                       caveats=caveats([k for k, v in facts.items() if v is not None], [code]),
                       communities=seat_summary(code, e))
