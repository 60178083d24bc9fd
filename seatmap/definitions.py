"""The "red wall": named, documented, composable definitions rather than one hard-coded list.

A definition is a :class:`Predicate` over a seat frame (``load_seats(2019)``): a function
returning True for the seats it includes. Predicates combine with ``&`` (and), ``|`` (or) and
``~`` (not), or as text (``"gains_2019 & ~labour_since_2005"``), and :func:`register` adds
your own. Built-in definitions (2019 election, 2010 boundaries; counts in ``docs/targeting.md``):

``gains_2019``
    The seats the Conservatives gained from Labour in 2019: ``result`` is "Con gain from Lab" or
    "Con gain from Lab Coop" (54 seats).
``leave_heartlands``
    Seats Labour won in 2017 in the North East, North West, Yorkshire and The Humber, the East
    and West Midlands and Wales whose estimated leave share was above 50%.
``labour_since_2005``
    Seats Labour won at every election from 2005 (notional) to 2017.
``demographic``
    In the spirit of James Kanagasooriam's 2019 red wall: seats Labour won in 2017, in the North,
    Midlands or Wales, where the Conservative 2017 share ran at least 5 points below what the
    seat's demographics predict (the seats the Conservatives "should" have held on demography
    before the 2019 election). The prediction is an ordinary least squares fit over every
    Great Britain seat the Conservatives contested (see :func:`demographic_model`).

Definitions for the current Parliament (2024 election, 2024 boundaries):

``regained_2024``
    Labour's 2024 gains from the Conservatives ("Lab gain from Con", against Rallings &
    Thrasher's notional 2019) inside the 2019 red wall carried onto the new seats (2024 seats most
    of whose population lived in a seat of ``gains_2019``).
``reform_second_2024``
    Seats Labour won in 2024 where Reform UK came second.
``labour_since_2010``
    Seats Labour won at every election from 2010 to 2024 on the 2024 boundaries (2010-2017 are
    seatmap's notional estimates, 2019 Rallings & Thrasher's notionals).
``demographic_2024``
    ``demographic`` re-fitted on 2024 data: seats Labour won in 2024, in the North, Midlands or
    Wales, where the Conservative 2024 share ran at least 5 points below what Census 2021
    demographics predict (fitted over England and Wales: Scotland's census lacks the class and
    qualification columns).

``redwall(name, election=2024)`` works for every definition: a 2019 definition is carried onto
the 2024 seats (a new seat is in when most of its population lived in a seat of the definition),
while a 2024 definition asked for on the 2010 seats raises an error saying why.

Building blocks (:data:`BLOCKS`, usable in text expressions): ``con_gain_from_lab``,
``north_midlands_wales``, ``leave``, ``labour_2017``, ``labour_2019``, ``con_2019``,
``labour_every_election_since_2005``, ``con_below_demographics`` and, on the 2024 seats,
``lab_gain_from_con``, ``labour_2024``, ``reform_second``, ``redwall_2019_carried``,
``con_below_demographics_2024``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import Election
from .elections import region as _region
from .parties import party_code, party_label
from .sharefit import (
    DEMOGRAPHIC_ELECTION,
    DEMOGRAPHIC_FEATURES,
    DEMOGRAPHIC_THRESHOLD,
    DemographicModel,
    below_prediction,
    demographic_model,
    require_columns,
    seat_frame,
)

__all__ = [
    "BLOCKS",
    "DEFINITIONS",
    "DEMOGRAPHIC_FEATURES",
    "NORTH_MIDLANDS_WALES",
    "DemographicModel",
    "Predicate",
    "definitions",
    "demographic_model",
    "redwall",
    "redwall_mask",
    "register",
]

NORTH_MIDLANDS_WALES = ("North East", "North West", "Yorkshire and The Humber", "East Midlands",
                        "West Midlands", "Wales")

class Predicate:
    """A named test on a seat frame, returning a boolean Series aligned with the frame.

    Combine with ``&``, ``|`` and ``~``; missing values count as False.

    Examples
    --------
    >>> big = Predicate(lambda s: s["electorate"] > 80_000, "big", "electorate above 80,000")
    >>> (big & ~big).name
    '(big & ~big)'
    """

    def __init__(self, func: Callable[[pd.DataFrame], pd.Series], name: str,
                 description: str = ""):
        self.func, self.name, self.description = func, name, description

    def __call__(self, seats: pd.DataFrame) -> pd.Series:
        """The predicate's boolean mask over ``seats`` (missing values are False)."""
        out = self.func(seats)
        if not isinstance(out, pd.Series):
            out = pd.Series(np.asarray(out), index=seats.index)
        out = out.reindex(seats.index)
        out = out.astype("boolean").fillna(False).astype(bool)
        out.name = self.name
        return out

    def __and__(self, other: Predicate) -> Predicate:
        other = _as_predicate(other)
        return Predicate(lambda s: self(s) & other(s), f"({self.name} & {other.name})",
                         f"({self.description}) and ({other.description})")

    def __or__(self, other: Predicate) -> Predicate:
        other = _as_predicate(other)
        return Predicate(lambda s: self(s) | other(s), f"({self.name} | {other.name})",
                         f"({self.description}) or ({other.description})")

    def __invert__(self) -> Predicate:
        return Predicate(lambda s: ~self(s), f"~{self.name}", f"not ({self.description})")

    def __repr__(self) -> str:
        return f"Predicate({self.name!r})"


# --------------------------------------------------------------------------- factories

def gained(party: str = "con", from_party: str = "lab") -> Predicate:
    """Seats whose published ``result`` says ``party`` gained the seat from ``from_party``.

    The result strings keep the Co-operative label ("Con gain from Lab Coop"), so the loser is
    matched through :func:`seatmap.party_code`.
    """
    p, q = party_code(party), party_code(from_party)

    def test(seats: pd.DataFrame) -> pd.Series:
        require_columns(seats, "result")
        parts = seats["result"].astype("string").str.extract(r"^(.+?) gain from (.+)$")
        codes = {v: party_code(v, strict=False) for v in pd.unique(parts.stack().dropna())}
        return (parts[0].map(codes) == p) & (parts[1].map(codes) == q)

    return Predicate(test, f"{p}_gain_from_{q}",
                     f"{party_label(p)} gained the seat from {party_label(q)}")


def won(party: str, year: int | str) -> Predicate:
    """Seats ``party`` won at the election of ``year`` (from the ``winner_YYYY`` history)."""
    p = party_code(party)

    def test(seats: pd.DataFrame) -> pd.Series:
        require_columns(seats, f"winner_{year}")
        return seats[f"winner_{year}"].astype("string") == p

    return Predicate(test, f"{p}_{year}", f"won by {party_label(p)} in {year}")


def held_every(party: str, years: Iterable[int | str]) -> Predicate:
    """Seats ``party`` won at every one of ``years``."""
    years = [int(y) for y in years]
    preds = [won(party, y) for y in years]
    p = party_code(party)

    def test(seats: pd.DataFrame) -> pd.Series:
        return pd.concat([pr(seats) for pr in preds], axis=1).all(axis=1)

    return Predicate(test, f"{p}_every_{years[0]}_{years[-1]}",
                     f"won by {party_label(p)} at every election {years[0]}-{years[-1]}")


def in_regions(*regions: str) -> Predicate:
    """Seats in any of the given ONS regions (Wales, Scotland, NI count as regions)."""
    names = tuple(_region(r) for r in regions)

    def test(seats: pd.DataFrame) -> pd.Series:
        require_columns(seats, "region")
        return seats["region"].astype("string").isin(names)

    return Predicate(test, "in_" + "_".join(n.split()[0].lower() for n in names),
                     "in " + ", ".join(names))


def leave_above(pct: float = 50.0) -> Predicate:
    """Seats whose estimated 2016 leave share was above ``pct`` percent."""
    def test(seats: pd.DataFrame) -> pd.Series:
        require_columns(seats, "leave_pct")
        return seats["leave_pct"].astype("float64") > pct

    return Predicate(test, f"leave_above_{pct:g}", f"leave share above {pct:g}%")


def runner_up(party: str) -> Predicate:
    """Seats where ``party`` came second (the ``runner_up`` column)."""
    p = party_code(party)

    def test(seats: pd.DataFrame) -> pd.Series:
        require_columns(seats, "runner_up")
        return seats["runner_up"].astype("string") == p

    return Predicate(test, f"{p}_second", f"{party_label(p)} came second")


def carried_majority(mask_2010: pd.Series) -> pd.Series:
    """2024 seats most (over 50%) of whose population lived in the 2010-set seats of a mask.

    Parameters
    ----------
    mask_2010 : pandas.Series
        Boolean, indexed by 2010-set GSS code.

    Returns
    -------
    pandas.Series
        Boolean, indexed by the 650 2024-set codes (population overlaps, mySociety).

    Examples
    --------
    >>> import pandas as pd
    >>> hartlepool = pd.Series({"E14000733": True})
    >>> bool(carried_majority(hartlepool)["E14001272"])
    True
    """
    from .boundary_change import overlaps

    ov = overlaps("2010", "2024")
    inside = ov["source"].map(mask_2010.astype("boolean")).fillna(False).astype(bool)
    share = ov["rate_share_pct"].where(inside, 0.0).groupby(ov["target"]).sum()
    out = share > 50.0
    out.index.name = "code"
    return out


def below_demographics(party: str = "con", threshold: float = DEMOGRAPHIC_THRESHOLD,
                       election: int | str | None = DEMOGRAPHIC_ELECTION) -> Predicate:
    """Seats where ``party``'s share (at ``election``) ran ``threshold`` points below prediction
    (:func:`seatmap.sharefit.below_prediction`, as a predicate)."""
    p = party_code(party)

    def test(seats: pd.DataFrame) -> pd.Series:
        return below_prediction(seats, p, threshold, election)

    at = f" in {election}" if election is not None else ""
    return Predicate(test, f"{p}_below_demographics",
                     f"{party_label(p)} share{at} at least {threshold:g} points below the "
                     "demographic model's prediction")


# --------------------------------------------------------------------------- registry

@dataclass(frozen=True)
class Definition:
    """A registered red-wall definition."""

    name: str
    title: str
    predicate: Predicate
    description: str
    election: str = "2019"


BLOCKS: dict[str, Predicate] = {}
DEFINITIONS: dict[str, Definition] = {}


def _block(name: str, pred: Predicate) -> Predicate:
    pred = Predicate(pred.func, name, pred.description)
    BLOCKS[name] = pred
    return pred


_gain = _block("con_gain_from_lab", gained("con", "lab"))
_nmw = _block("north_midlands_wales", in_regions(*NORTH_MIDLANDS_WALES))
_leave = _block("leave", leave_above(50.0))
_lab17 = _block("labour_2017", won("lab", 2017))
_block("labour_2019", won("lab", 2019))
_block("con_2019", won("con", 2019))
_since = _block("labour_every_election_since_2005",
                held_every("lab", (2005, 2010, 2015, 2017)))
_below = _block("con_below_demographics", below_demographics("con"))

_lab_gain = _block("lab_gain_from_con", gained("lab", "con"))
_lab24 = _block("labour_2024", won("lab", 2024))
_reform2 = _block("reform_second", runner_up("reform"))
_below24 = _block("con_below_demographics_2024", Predicate(
    lambda s: below_demographics("con", election=None)(s), "con_below_demographics_2024",
    f"Conservative 2024 share at least {DEMOGRAPHIC_THRESHOLD:g} points below the prediction "
    "of the demographic model fitted on the 2024 shares with Census 2021"))


def _redwall_2019_carried(seats: pd.DataFrame) -> pd.Series:
    from .datasets import load_seats

    require_columns(seats, "winner_2024")
    return carried_majority(_gain(load_seats(2019, geometry=False))).reindex(seats.index)


_wall19 = _block("redwall_2019_carried", Predicate(
    _redwall_2019_carried, "redwall_2019_carried",
    "2024 seat most of whose population lived in a 2019 Conservative gain from Labour"))

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_EXPR_RE = re.compile(r"^[A-Za-z0-9_\s&|~()]+$")


def _as_predicate(value: object) -> Predicate:
    if isinstance(value, Predicate):
        return value
    if isinstance(value, Definition):
        return value.predicate
    if isinstance(value, str):
        return parse(value)
    if callable(value):
        return Predicate(value, getattr(value, "__name__", "custom"), "")
    raise SeatmapError(f"Cannot use {value!r} as a red-wall predicate: give a Predicate, a "
                       "function of the seat frame, or an expression such as 'gains_2019 & leave'.")


def parse(expression: str) -> Predicate:
    """Build a predicate from text: registered names joined by ``&``, ``|``, ``~`` and brackets.

    Examples
    --------
    >>> parse("gains_2019 & ~labour_since_2005").name
    '(gains_2019 & ~labour_since_2005)'
    """
    text = str(expression).strip()
    if not text or not _EXPR_RE.match(text):
        raise _unreadable(expression)
    names = {**BLOCKS, **{k: d.predicate for k, d in DEFINITIONS.items()}}
    parser = _Parser(_tokens(text, names), names, expression)
    result = parser.expr()
    if parser.pos != len(parser.tokens):  # the expression must use every token
        raise _unreadable(expression)
    return result


def _unreadable(expression: object) -> SeatmapError:
    return SeatmapError(f"Cannot read the red-wall expression {expression!r}: use definition "
                        "names with & (and), | (or), ~ (not) and brackets.")


def _tokens(text: str, names: Mapping[str, Predicate]) -> list[str]:
    """The names and operators of ``text``; an unknown name is an error naming the nearest."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[&|~()]", text)
    for word in tokens:
        if (word[0].isalpha() or word[0] == "_") and word not in names:
            choice(word, names, "red-wall definition or building block")
    return tokens


class _Parser:
    """Recursive descent over the tokens of a red-wall expression, one method per rule."""

    def __init__(self, tokens: list[str], names: Mapping[str, Predicate],
                 expression: str) -> None:
        self.tokens, self.names, self.expression, self.pos = tokens, names, expression, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expr(self) -> Predicate:  # term ('|' term)*
        out = self.term()
        while self.peek() == "|":
            self.pos += 1
            out = out | self.term()
        return out

    def term(self) -> Predicate:  # factor ('&' factor)*
        out = self.factor()
        while self.peek() == "&":
            self.pos += 1
            out = out & self.factor()
        return out

    def factor(self) -> Predicate:  # '~' factor | '(' expr ')' | NAME
        tok = self.peek()
        if tok is None:
            raise _unreadable(self.expression)
        self.pos += 1
        if tok == "~":
            return ~self.factor()
        if tok == "(":
            inner = self.expr()
            if self.peek() != ")":
                raise _unreadable(self.expression)
            self.pos += 1
            return inner
        if tok in self.names:
            return Predicate(self.names[tok].func, tok, self.names[tok].description)
        raise _unreadable(self.expression)


def register(name: str, predicate: Predicate | Callable[[pd.DataFrame], pd.Series] | str,
             title: str | None = None, description: str = "",
             election: str = "2019", replace: bool = False) -> Definition:
    """Register a red-wall definition under ``name``.

    Parameters
    ----------
    name : str
        Lower-case identifier (letters, digits, underscores).
    predicate : Predicate, callable or str
        A :class:`Predicate`, a function ``seats -> boolean Series``, or an expression over
        registered names (``"labour_since_2005 & leave"``).
    title, description : str
        Shown by :func:`definitions` and the CLI.
    election : str, default "2019"
        The election whose seat frame the definition reads.
    replace : bool
        Allow replacing an existing definition of the same name.

    Examples
    --------
    >>> d = register("my_wall", "gains_2019 & labour_since_2005", "Fallen strongholds",
    ...              replace=True)
    >>> d.name
    'my_wall'
    >>> del DEFINITIONS["my_wall"]
    """
    if not _NAME_RE.match(str(name)):
        raise SeatmapError(f"Definition names are lower-case identifiers (a-z, 0-9, _), "
                           f"not {name!r}.")
    if (name in DEFINITIONS or name in BLOCKS) and not replace:
        raise SeatmapError(f"A definition called {name!r} exists; pass replace=True to replace it.")
    pred = _as_predicate(predicate)
    desc = description or pred.description
    d = Definition(name, title or name.replace("_", " ").capitalize(),
                   Predicate(pred.func, name, desc), desc, str(election))
    DEFINITIONS[name] = d
    return d


register("gains_2019", _gain, "Conservative gains from Labour, 2019",
         'The seats the Conservatives gained from Labour in 2019: result "Con gain from Lab" or '
         '"Con gain from Lab Coop".')
register("leave_heartlands", _lab17 & _nmw & _leave, "Leave-voting Labour seats, North, "
         "Midlands and Wales", "Seats Labour won in 2017 in the North East, North West, Yorkshire "
         "and The Humber, East and West Midlands and Wales with an estimated leave share above 50%.")
register("labour_since_2005", _since, "Labour at every election since 2005",
         "Seats Labour won at every general election from 2005 (notional results on the 2010 "
         "boundaries) to 2017.")
register("demographic", _lab17 & _nmw & _below, "Demographic red wall (Kanagasooriam-style)",
         "Seats Labour won in 2017 in the North, Midlands and Wales where the Conservative 2017 "
         f"share ran at least {DEMOGRAPHIC_THRESHOLD:g} points below the prediction of an OLS "
         "model on Census 2011 class and qualifications, deprivation and rurality fitted over "
         "Great Britain.")
register("regained_2024", _lab_gain & _wall19, "Labour's 2024 gains inside the 2019 red wall",
         "Seats Labour gained from the Conservatives in 2024 (against Rallings & Thrasher's "
         "notional 2019) that lie inside the 2019 red wall carried onto the new seats (most of "
         "the seat's population lived in a 2019 Conservative gain from Labour).", election="2024")
register("reform_second_2024", _lab24 & _reform2, "Labour seats with Reform second, 2024",
         "Seats Labour won in 2024 where Reform UK came second.", election="2024")
register("labour_since_2010", held_every("lab", (2010, 2015, 2017, 2019, 2024)),
         "Labour at every election since 2010 (2024 seats)",
         "Seats Labour won at every general election from 2010 to 2024 on the 2024 boundaries: "
         "2010-2017 from seatmap's notional estimates (votes carried by population overlap), "
         "2019 from Rallings & Thrasher's notional results, 2024 declared.", election="2024")
register("demographic_2024", _lab24 & _nmw & _below24,
         "Demographic red wall re-fitted on 2024 (Census 2021)",
         "Seats Labour won in 2024 in the North, Midlands and Wales where the Conservative 2024 "
         f"share ran at least {DEMOGRAPHIC_THRESHOLD:g} points below the prediction of the same "
         "OLS model fitted on the 2024 shares with Census 2021 class and qualifications, "
         "deprivation and rurality (England and Wales: Scotland's census lacks the class and "
         "qualification columns). Reform UK took much of the right's vote in 2024, so a low "
         "Conservative share also marks strong Reform seats.", election="2024")


def _definition(definition: object) -> tuple[str, Predicate]:
    if isinstance(definition, Definition):
        return definition.name, definition.predicate
    if isinstance(definition, Predicate):
        return definition.name, definition
    if isinstance(definition, str) and definition in DEFINITIONS:
        return definition, DEFINITIONS[definition].predicate
    if isinstance(definition, str) and definition in BLOCKS:
        return definition, BLOCKS[definition]
    if isinstance(definition, str) and _NAME_RE.match(definition):
        choice(definition, [*DEFINITIONS, *BLOCKS], "red-wall definition")
    return str(definition), _as_predicate(definition)


def _home(definition: object) -> str | None:
    """The boundary set a registered definition is defined on (None: any frame)."""
    if isinstance(definition, Definition):
        definition = definition.name
    if isinstance(definition, str) and definition in DEFINITIONS:
        from .elections import election as _election

        return _election(DEFINITIONS[definition].election).boundary_set
    return None


def _mask(definition: object, seats: pd.DataFrame | None,
          election: int | str | Election | None) -> pd.Series:
    """The definition's mask on ``seats`` (or ``load_seats(election)``), carrying if needed."""
    from .elections import election as _election

    name, pred = _definition(definition)
    home = _home(definition)
    if seats is None:
        if election is None:
            election = DEFINITIONS[name].election if name in DEFINITIONS else "2019"
        seats = seat_frame(None, election)
    target = _election(seats.attrs["election"]).boundary_set if seats.attrs.get("election") \
        else home
    if home is None or target is None or home == target:
        return pred(seats)
    if home == "2010":  # a 2019 definition carried onto the 2024 seats
        return carried_majority(pred(seat_frame(None, DEFINITIONS[name].election))).reindex(
            seats.index).fillna(False).astype(bool).rename(name)
    raise SeatmapError(
        f"The red-wall definition {name!r} is defined on the 2024 election and boundaries "
        "(2024 results, Census 2021); it has no meaning on the 2010-set seats of 2010-2019, and "
        "there are no results on those seats after 2019 to carry it back. Use election=2024.")


def redwall_mask(definition: str | Predicate = "gains_2019", seats: pd.DataFrame | None = None,
                 election: int | str | Election | None = None) -> pd.Series:
    """True for the seats in a red-wall definition (a name, expression or predicate).

    ``election=2024`` carries a 2019 definition onto the 2024 seats (see :func:`redwall`).

    Examples
    --------
    >>> int(redwall_mask("gains_2019").sum()), int(redwall_mask("gains_2019", election=2024).sum())
    (54, 50)
    """
    return _mask(definition, seats, election)


def redwall(definition: str | Predicate = "gains_2019", seats: pd.DataFrame | None = None,
            election: int | str | Election | None = None) -> pd.DataFrame:
    """The seats in a red-wall definition, with the columns a strategist reads first.

    Parameters
    ----------
    definition : str or Predicate
        A registered name (see :func:`definitions`), an expression over names
        (``"leave_heartlands & ~gains_2019"``) or a :class:`Predicate`.
    seats : pandas.DataFrame, optional
        Default ``load_seats(election, geometry=False)``.
    election : int or str, optional
        The election whose seats to list; default the definition's own (2019 for the 2019
        definitions, 2024 for ``regained_2024``, ``reform_second_2024`` and
        ``demographic_2024``). ``election=2024`` with a 2019 definition carries it onto the 2024
        seats: a new seat is in when most (over 50%) of its population lived in a seat of the
        definition (mySociety's population overlaps). A 2024 definition asked for on a 2010-set
        election raises :class:`SeatmapError` saying why.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``seat``, ``region``, the previous winner (``winner_2017`` on the
        2010 set; ``winner_2019``, Rallings & Thrasher's notional, on the 2024 set), ``winner``,
        ``result``, ``majority``, ``con_pct``, ``lab_pct``, ``reform_pct``, ``leave_pct``,
        ``con_residual`` (points above/below the demographic prediction), sorted by region and
        name.

    Examples
    --------
    >>> len(redwall("gains_2019"))
    54
    >>> len(redwall("gains_2019", election=2024))  # carried onto the 2024 seats
    50
    >>> len(redwall("reform_second_2024"))
    89
    """
    name = _definition(definition)[0]
    if seats is None:
        if election is None:
            election = DEFINITIONS[name].election if name in DEFINITIONS else "2019"
        seats = seat_frame(None, election)
    mask = _mask(definition, seats, election)
    on_2024 = "winner_2024" in seats.columns
    try:
        model = demographic_model(seats, election=None if on_2024 else DEMOGRAPHIC_ELECTION)
        resid = model.residual.reindex(seats.index)
    except SeatmapError:
        resid = pd.Series(np.nan, index=seats.index)
    before = "winner_2019" if on_2024 else "winner_2017"
    cols = {"seat": "name", "region": "region", before: before, "winner": "winner",
            "result": "result", "majority": "majority", "con_pct": "con_pct",
            "lab_pct": "lab_pct", "reform_pct": "reform_pct", "leave_pct": "leave_pct"}
    out = pd.DataFrame({k: seats.get(v, pd.NA) for k, v in cols.items()},
                       index=seats.index)
    out["con_residual"] = resid
    out = out[mask.to_numpy()]
    order = {r: i for i, r in enumerate(
        ("North East", "North West", "Yorkshire and The Humber", "East Midlands",
         "West Midlands", "East of England", "London", "South East", "South West", "Wales",
         "Scotland", "Northern Ireland"))}
    out = out.assign(_r=out["region"].map(order)).sort_values(["_r", "seat"]).drop(columns="_r")
    out.index.name = "code"
    out.attrs = {"definition": name, "description": describe(definition),
                 "election": seats.attrs.get("election")}
    if _home(definition) == "2010" and on_2024:
        out.attrs["description"] += (" Carried onto the 2024 seats: a seat is in when most of "
                                     "its population lived in a seat of the 2019 definition.")
    if out.empty:
        out.attrs["message"] = f"No seats meet the red-wall definition {name!r}."
    return out


def describe(definition: str | Predicate | Definition) -> str:
    """The description of a definition, building block or expression."""
    name, pred = _definition(definition)
    if name in DEFINITIONS:
        return DEFINITIONS[name].description
    return pred.description or name


def definitions(seats: pd.DataFrame | None = None, blocks: bool = False,
                election: int | str | None = None) -> pd.DataFrame:
    """The registered definitions with their seat counts.

    Parameters
    ----------
    seats : pandas.DataFrame, optional
        Count on this frame; default each definition's own election (``seats`` column), and
        with ``election`` given, that election (2019 definitions carried onto the 2024 seats;
        2024 definitions on a 2010-set election count as missing).
    blocks : bool
        Also list the building blocks (counted on ``seats``, or ``load_seats(2019)``).
    election : int or str, optional

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``: ``kind``, ``title``, ``election``, ``seats``, ``description``.

    Examples
    --------
    >>> d = definitions()
    >>> int(d.loc["gains_2019", "seats"]), int(d.loc["regained_2024", "seats"])
    (54, 41)
    """
    frames: dict[str, pd.DataFrame] = {}

    def frame(eid: int | str | Election) -> pd.DataFrame:
        if seats is not None:
            return seats
        key = str(eid)
        if key not in frames:
            frames[key] = seat_frame(None, eid)
        return frames[key]

    rows = []
    for d in DEFINITIONS.values():
        eid = election if election is not None else d.election
        try:
            n = int(_mask(d.name, frame(eid), eid).sum())
        except SeatmapError:
            n = pd.NA
        rows.append({"name": d.name, "kind": "definition", "title": d.title,
                     "election": str(eid if seats is None else seats.attrs.get("election", eid)),
                     "seats": n, "description": d.description})
    if blocks:
        base = frame(election if election is not None else "2019")
        for k, p in BLOCKS.items():
            try:
                n = int(p(base).sum())
            except (SeatmapError, KeyError):
                n = pd.NA
            rows.append({"name": k, "kind": "block", "title": k.replace("_", " "),
                         "election": str(base.attrs.get("election", "")), "seats": n,
                         "description": p.description})
    out = pd.DataFrame(rows).set_index("name")
    out["seats"] = out["seats"].astype("Int64")
    return out


def memberships(seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """One boolean column per registered definition that applies to the seats' boundary set.

    On the 2024 seats the 2019 definitions are carried (see :func:`redwall`).
    """
    seats = seat_frame(seats)
    out = {}
    for name in DEFINITIONS:
        try:
            out[name] = _mask(name, seats, None)
        except SeatmapError:
            continue
    return pd.DataFrame(out, index=seats.index)
