"""Elections, boundary sets, nations and regions: the registry every other module consults.

Elections are named by year. Results on the 2010 boundary set (used 2010-2019) are ``2010``,
``2015``, ``2017`` and ``2019``; the 2024 set carries ``2024`` and the Rallings & Thrasher
notional results of 2019 on the new seats, ``"2019-notional"``. A GSS code alone does not say
which boundary set it belongs to (five unchanged Scottish seats keep their code), so tables carry
the boundary set explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ._validate import SeatmapError, UnknownNameError, choice

__all__ = [
    "BOUNDARY_SETS",
    "DEFAULT_BOUNDARY_SET",
    "DEFAULT_ELECTION",
    "ELECTIONS",
    "HISTORIC_ELECTIONS",
    "HISTORIC_PAIRS",
    "NATIONS",
    "REGIONS",
    "BoundarySet",
    "Election",
    "boundary_set",
    "default_election",
    "election",
    "election_pairs",
]


@dataclass(frozen=True)
class BoundarySet:
    """A set of Westminster constituency boundaries."""

    id: str
    name: str
    elections: tuple[str, ...]
    seats: int = 650


@dataclass(frozen=True)
class Election:
    """A general election (or a notional re-run of one on other boundaries)."""

    id: str
    date: str
    boundary_set: str
    description: str
    notional: bool = False
    caveat: str = ""

    @property
    def year(self) -> int:
        """Calendar year of the (original) election."""
        return int(self.date[:4])

    @property
    def basis(self) -> str:
        """What a table built on this election is built on, for titles: the result and the
        boundary set ("2024 result, 2024 boundaries"; "notional 2019 on 2024 boundaries").

        Examples
        --------
        >>> ELECTIONS["2019"].basis, ELECTIONS["2019-notional"].basis
        ('2019 result, 2010 boundaries', 'notional 2019 on 2024 boundaries')
        """
        if self.notional:
            return f"notional {self.year} on {self.boundary_set} boundaries"
        return f"{self.year} result, {self.boundary_set} boundaries"


ELECTIONS: dict[str, Election] = {
    e.id: e
    for e in [
        Election("2010", "2010-05-06", "2010", "General election of 6 May 2010",
                 caveat="2010: party detail for Northern Ireland is not in the sources (its 18 "
                        "seats' votes are one 'other' row and their winners are unknown)."),
        Election("2015", "2015-05-07", "2010", "General election of 7 May 2015"),
        Election("2017", "2017-06-08", "2010", "General election of 8 June 2017"),
        Election("2019", "2019-12-12", "2010", "General election of 12 December 2019"),
        Election(
            "2019-notional",
            "2019-12-12",
            "2024",
            "Notional 2019 results on the 2024 boundaries (Rallings & Thrasher)",
            notional=True,
        ),
        Election("2024", "2024-07-04", "2024", "General election of 4 July 2024",
                 caveat="2024: the Commons Library file lumps minor candidates together; only "
                        "winning independents' votes are split out, the rest count as 'other'."),
    ]
}

BOUNDARY_SETS: dict[str, BoundarySet] = {
    s.id: s
    for s in [
        BoundarySet(set_id, name, tuple(e.id for e in ELECTIONS.values() if e.boundary_set == set_id))
        for set_id, name in [
            ("2010", "Westminster constituencies 2010-2024 (PCON 2010 set)"),
            ("2024", "Westminster constituencies from July 2024 (PCON 2024 set)"),
        ]
    ]
}

#: The election every function, command, example and the explorer uses when none is given: the
#: latest general election, on the boundaries the next one is fought on. Defined here only; 2019
#: (or any other election of :data:`ELECTIONS`) stays one argument away (``election=2019``).
DEFAULT_ELECTION = "2024"
#: The default election's boundary set: the default of every function that takes a boundary set.
DEFAULT_BOUNDARY_SET = ELECTIONS[DEFAULT_ELECTION].boundary_set


def default_election() -> Election:
    """The :class:`Election` used when none is given (:data:`DEFAULT_ELECTION`).

    Examples
    --------
    >>> default_election().id, default_election().boundary_set
    ('2024', '2024')
    """
    return ELECTIONS[DEFAULT_ELECTION]


def election_pairs() -> tuple[tuple[str, str], ...]:
    """Consecutive elections on the same boundary set, as ``(before, after)`` ids: the pairs a
    projection model is backtested and fitted on (a notional result is only ever a ``before``).

    Read from :data:`ELECTIONS`, so a new election joins the backtest with no other change.

    Examples
    --------
    >>> election_pairs()
    (('2010', '2015'), ('2015', '2017'), ('2017', '2019'), ('2019-notional', '2024'))
    """
    pairs = []
    for bset in BOUNDARY_SETS.values():
        ids = sorted(bset.elections, key=lambda e: (ELECTIONS[e].date, not ELECTIONS[e].notional))
        pairs += [(a, b) for a, b in pairwise(ids) if not ELECTIONS[b].notional]
    return tuple(pairs)


#: The historic general elections of the Commons Library 1918-2017 file that seatmap carries for
#: backtesting (``seatmap.load_historic``), Great Britain only, in five vote groups: 1950 ... 1970,
#: ``"1974F"`` (28 February 1974), ``"1974O"`` (10 October 1974), 1979 ... 2005.
HISTORIC_ELECTIONS = ("1950", "1951", "1955", "1959", "1964", "1966", "1970", "1974F", "1974O",
                      "1979", "1983", "1987", "1992", "1997", "2001", "2005")

#: Pairs of consecutive historic elections fought on unchanged boundaries, ``(before, after)``:
#: the eleven pairs of ``seatmap.history_pair`` for a backtest over fifteen elections. Every pair
#: is Great Britain, except ``("2001", "2005")``: England and Wales only (Scotland's seats were
#: redrawn for 2005; English and Welsh seats were unchanged from 1997 and are matched by name).
#: ``("1987", "1992")`` leaves out Milton Keynes, split in two for 1992.
HISTORIC_PAIRS = (("1950", "1951"), ("1955", "1959"), ("1959", "1964"), ("1964", "1966"),
                  ("1966", "1970"), ("1974F", "1974O"), ("1974O", "1979"), ("1983", "1987"),
                  ("1987", "1992"), ("1997", "2001"), ("2001", "2005"))

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")

# ONS regions of England, then the three other nations (which are their own "region").
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
    "Scotland",
    "Northern Ireland",
)

_ELECTION_ALIASES = {
    "2019n": "2019-notional", "notional2019": "2019-notional", "2019notional": "2019-notional",
    "2019notional2024": "2019-notional",
    **{f"ge{e.id}": e.id for e in ELECTIONS.values() if not e.notional},
}
_SET_ALIASES = {"pcon2010": "2010", "pcon2024": "2024", "2019": "2010", "2017": "2010",
                "2015": "2010", "2025": "2024", "parl10": "2010", "parl25": "2024"}
_REGION_ALIASES = {
    "Yorkshire and the Humber": "Yorkshire and The Humber", "Yorkshire": "Yorkshire and The Humber",
    "East": "East of England", "Eastern": "East of England", "NI": "Northern Ireland",
    "NE": "North East", "NW": "North West", "YH": "Yorkshire and The Humber",
    "EM": "East Midlands", "WM": "West Midlands", "EA": "East of England", "LO": "London",
    "SE": "South East", "SW": "South West", "WA": "Wales", "SC": "Scotland",
}


def election(value: int | str | Election) -> Election:
    """Return the :class:`Election` for a year or identifier.

    Parameters
    ----------
    value : int or str
        ``2010``, ``2015``, ``2017``, ``2019``, ``2024`` or ``"2019-notional"`` (aliases such as
        ``"2019n"`` and ``"ge2019"`` are accepted).

    Examples
    --------
    >>> election(2019).boundary_set
    '2010'
    >>> election("2019n").id
    '2019-notional'
    """
    if isinstance(value, Election):
        return value
    try:
        key = choice(value, ELECTIONS, "election", aliases=_ELECTION_ALIASES)
    except SeatmapError as err:
        sets = "; ".join(f"the {s.id} boundary set: {', '.join(s.elections)}"
                         for s in BOUNDARY_SETS.values())
        raise UnknownNameError(f"{err} Elections by boundary set: {sets}.") from None
    return ELECTIONS[key]


def boundary_set(value: int | str | BoundarySet) -> BoundarySet:
    """Return the :class:`BoundarySet` for ``"2010"`` or ``"2024"`` (or an election on it).

    Examples
    --------
    >>> boundary_set("pcon2024").id
    '2024'
    """
    if isinstance(value, BoundarySet):
        return value
    key = choice(value, BOUNDARY_SETS, "boundary set", aliases=_SET_ALIASES)
    return BOUNDARY_SETS[key]


def region(value: str) -> str:
    """Return the canonical region or nation name (forgiving abbreviations and case).

    Examples
    --------
    >>> region("yorkshire and the humber")
    'Yorkshire and The Humber'
    """
    if value in NATIONS[:1]:
        raise SeatmapError("'England' is a nation, not a region: filter with nation='England'.")
    return choice(value, REGIONS, "region", aliases=_REGION_ALIASES)


def nation(value: str) -> str:
    """Return the canonical nation name.

    Examples
    --------
    >>> nation("scotland")
    'Scotland'
    """
    return choice(value, NATIONS, "nation", aliases={"NI": "Northern Ireland", "E": "England",
                                                      "W": "Wales", "S": "Scotland",
                                                      "N": "Northern Ireland"})


def nation_of_code(code: str) -> str:
    """Return the nation of a GSS constituency code from its first letter.

    Examples
    --------
    >>> nation_of_code("W07000042")
    'Wales'
    """
    return {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}[code[0]]
