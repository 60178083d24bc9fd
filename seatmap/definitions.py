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

Building blocks (:data:`BLOCKS`, usable in text expressions): ``con_gain_from_lab``,
``north_midlands_wales``, ``leave``, ``labour_2017``, ``labour_2019``, ``con_2019``,
``labour_every_election_since_2005``, ``con_below_demographics``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import region as _region
from .parties import party_code, party_label

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

# Census 2011 and deprivation columns used to predict a seat's Conservative share (plus
# dummies for Wales and Scotland). Age and ethnicity are not in seatmap's census table.
DEMOGRAPHIC_FEATURES = (
    "level4_pct", "no_quals_pct", "routine_pct", "nssec_higher_pct", "nssec_small_employer_pct",
    "nssec_student_pct", "imd_uk_score", "ruc_rural_pct",
)
DEMOGRAPHIC_THRESHOLD = 5.0
DEMOGRAPHIC_ELECTION = "2017"


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


def _need(seats: pd.DataFrame, *cols: str) -> None:
    missing = [c for c in cols if c not in seats.columns]
    if missing:
        raise SeatmapError(
            f"This definition needs the column(s) {', '.join(missing)}, which the seat frame "
            f"(election {seats.attrs.get('election', '?')}) lacks. Red-wall definitions apply to "
            "load_seats(2019) (2010 boundaries, with history back to 2005).")


# --------------------------------------------------------------------------- factories

def gained(party: str = "con", from_party: str = "lab") -> Predicate:
    """Seats whose published ``result`` says ``party`` gained the seat from ``from_party``.

    The result strings keep the Co-operative label ("Con gain from Lab Coop"), so the loser is
    matched through :func:`seatmap.party_code`.
    """
    p, q = party_code(party), party_code(from_party)

    def test(seats):
        _need(seats, "result")
        parts = seats["result"].astype("string").str.extract(r"^(.+?) gain from (.+)$")
        codes = {v: party_code(v, strict=False) for v in pd.unique(parts.stack().dropna())}
        return (parts[0].map(codes) == p) & (parts[1].map(codes) == q)

    return Predicate(test, f"{p}_gain_from_{q}",
                     f"{party_label(p)} gained the seat from {party_label(q)}")


def won(party: str, year: int | str) -> Predicate:
    """Seats ``party`` won at the election of ``year`` (from the ``winner_YYYY`` history)."""
    p = party_code(party)

    def test(seats):
        _need(seats, f"winner_{year}")
        return seats[f"winner_{year}"].astype("string") == p

    return Predicate(test, f"{p}_{year}", f"won by {party_label(p)} in {year}")


def held_every(party: str, years) -> Predicate:
    """Seats ``party`` won at every one of ``years``."""
    years = [int(y) for y in years]
    preds = [won(party, y) for y in years]
    p = party_code(party)

    def test(seats):
        return pd.concat([pr(seats) for pr in preds], axis=1).all(axis=1)

    return Predicate(test, f"{p}_every_{years[0]}_{years[-1]}",
                     f"won by {party_label(p)} at every election {years[0]}-{years[-1]}")


def in_regions(*regions: str) -> Predicate:
    """Seats in any of the given ONS regions (Wales, Scotland, NI count as regions)."""
    names = tuple(_region(r) for r in regions)

    def test(seats):
        _need(seats, "region")
        return seats["region"].astype("string").isin(names)

    return Predicate(test, "in_" + "_".join(n.split()[0].lower() for n in names),
                     "in " + ", ".join(names))


def leave_above(pct: float = 50.0) -> Predicate:
    """Seats whose estimated 2016 leave share was above ``pct`` percent."""
    def test(seats):
        _need(seats, "leave_pct")
        return seats["leave_pct"].astype("float64") > pct

    return Predicate(test, f"leave_above_{pct:g}", f"leave share above {pct:g}%")


@dataclass
class DemographicModel:
    """An OLS model of a party's share from seat demographics.

    Attributes
    ----------
    coef : pandas.Series
        Coefficients (points of share per point of each feature; ``const``, ``wales``,
        ``scotland`` dummies).
    r2 : float
        Coefficient of determination on the seats fitted.
    n : int
        Seats fitted.
    resid_sd : float
        Residual standard deviation (points, degrees-of-freedom corrected).
    predicted, residual : pandas.Series
        Per fitted seat: the prediction and ``actual - predicted`` (negative = the party ran
        below its demographics).
    party : str
    features : tuple of str
    """

    coef: pd.Series
    r2: float
    n: int
    resid_sd: float
    predicted: pd.Series
    residual: pd.Series
    party: str
    features: tuple


def demographic_model(seats: pd.DataFrame | None = None, party: str = "con",
                      features=DEMOGRAPHIC_FEATURES,
                      election: int | str | None = DEMOGRAPHIC_ELECTION) -> DemographicModel:
    """Fit a party's share on Census 2011 class and qualifications, deprivation and rurality.

    ``share = b0 + sum_k b_k x_k + b_W [Wales] + b_S [Scotland] + e`` by ordinary least squares
    (``numpy.linalg.lstsq``) over every Great Britain seat the party contested. Features
    (:data:`DEMOGRAPHIC_FEATURES`): NS-SeC higher managerial/professional, small employers,
    routine and semi-routine (6+7) and full-time students; level 4+ and no qualifications
    (Census 2011); the UK composite IMD score; the share of the population in rural areas.

    Parameters
    ----------
    seats : pandas.DataFrame, optional
        A seat frame with the features (default ``load_seats(2019)``).
    party : str, default "con"
    features : sequence of str
    election : int or str or None, default 2017
        Election whose shares are modelled (a 2010-set election). The default, 2017, follows
        Kanagasooriam, who in 2019 looked for seats where the Conservatives' last result ran
        below their demographics; ``None`` models the shares in ``seats`` itself.

    Returns
    -------
    DemographicModel

    Examples
    --------
    >>> m = demographic_model()
    >>> m.n, round(m.r2, 2)
    (631, 0.8)
    """
    seats = _seats(seats)
    p = party_code(party)
    feats = tuple(features)
    if election is not None:
        from .datasets import load_results

        past = load_results(election)
        if not past.index.isin(seats.index).all():
            raise SeatmapError(f"The demographic model's election ({election}) is on another "
                               "boundary set than these seats; pass election=None.")
        seats = seats.assign(**{f"{p}_pct": past[f"{p}_pct"].reindex(seats.index),
                                f"{p}_votes": past[f"{p}_votes"].reindex(seats.index)})
    _need(seats, f"{p}_pct", f"{p}_votes", "nation", *feats)
    fit = seats[(seats["nation"] != "Northern Ireland") & (seats[f"{p}_votes"].fillna(0) > 0)]
    x = fit[list(feats)].astype("float64")
    x = x.assign(wales=(fit["nation"] == "Wales").astype(float),
                 scotland=(fit["nation"] == "Scotland").astype(float))
    ok = x.notna().all(axis=1)
    fit, x = fit[ok], x[ok]
    x.insert(0, "const", 1.0)
    y = fit[f"{p}_pct"].astype("float64").to_numpy()
    beta, *_ = np.linalg.lstsq(x.to_numpy(), y, rcond=None)
    pred = x.to_numpy() @ beta
    res = y - pred
    r2 = 1.0 - float((res**2).sum() / ((y - y.mean()) ** 2).sum())
    sd = float(np.sqrt((res**2).sum() / (len(y) - x.shape[1])))
    return DemographicModel(coef=pd.Series(beta, index=x.columns), r2=r2, n=len(y), resid_sd=sd,
                            predicted=pd.Series(pred, index=fit.index, name="predicted"),
                            residual=pd.Series(res, index=fit.index, name="residual"),
                            party=p, features=feats)


def below_demographics(party: str = "con", threshold: float = DEMOGRAPHIC_THRESHOLD,
                       election: int | str | None = DEMOGRAPHIC_ELECTION) -> Predicate:
    """Seats where ``party``'s share (at ``election``) ran ``threshold`` points below prediction."""
    p = party_code(party)

    def test(seats):
        res = demographic_model(seats, p, election=election).residual
        return (res <= -threshold).reindex(seats.index)

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

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_EXPR_RE = re.compile(r"^[A-Za-z0-9_\s&|~()]+$")


def _as_predicate(value) -> Predicate:
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
        raise SeatmapError(f"Cannot read the red-wall expression {expression!r}: use definition "
                           "names with & (and), | (or), ~ (not) and brackets.")
    names = {**BLOCKS, **{k: d.predicate for k, d in DEFINITIONS.items()}}
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[&|~()]", text)
    for word in tokens:
        if (word[0].isalpha() or word[0] == "_") and word not in names:
            choice(word, names, "red-wall definition or building block")
    pos = 0

    def fail():
        raise SeatmapError(f"Cannot read the red-wall expression {expression!r}: use definition "
                           "names with & (and), | (or), ~ (not) and brackets.")

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def factor() -> Predicate:  # '~' factor | '(' expr ')' | NAME
        nonlocal pos
        tok = peek()
        if tok is None:
            fail()
        pos += 1
        if tok == "~":
            return ~factor()
        if tok == "(":
            inner = expr()
            if peek() != ")":
                fail()
            pos += 1
            return inner
        if tok in names:
            return Predicate(names[tok].func, tok, names[tok].description)
        return fail()

    def term() -> Predicate:  # factor ('&' factor)*
        nonlocal pos
        out = factor()
        while peek() == "&":
            pos += 1
            out = out & factor()
        return out

    def expr() -> Predicate:  # term ('|' term)*
        nonlocal pos
        out = term()
        while peek() == "|":
            pos += 1
            out = out | term()
        return out

    result = expr()
    if pos != len(tokens):
        fail()
    return result


def register(name: str, predicate, title: str | None = None, description: str = "",
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


def _seats(seats: pd.DataFrame | None) -> pd.DataFrame:
    if seats is not None:
        return seats
    from .datasets import load_seats

    return load_seats(2019, geometry=False)


def _definition(definition) -> tuple[str, Predicate]:
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


def redwall_mask(definition="gains_2019", seats: pd.DataFrame | None = None) -> pd.Series:
    """True for the seats in a red-wall definition (a name, expression or predicate)."""
    seats = _seats(seats)
    return _definition(definition)[1](seats)


def redwall(definition="gains_2019", seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """The seats in a red-wall definition, with the columns a strategist reads first.

    Parameters
    ----------
    definition : str or Predicate
        A registered name (see :func:`definitions`), an expression over names
        (``"leave_heartlands & ~gains_2019"``) or a :class:`Predicate`.
    seats : pandas.DataFrame, optional
        Default ``load_seats(2019, geometry=False)``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``seat``, ``region``, ``winner_2017``, ``winner`` (2019),
        ``result``, ``majority``, ``con_pct``, ``lab_pct``, ``leave_pct``, ``con_residual``
        (points above/below the demographic prediction), sorted by region and name.

    Examples
    --------
    >>> len(redwall("gains_2019"))
    54
    """
    seats = _seats(seats)
    name, pred = _definition(definition)
    mask = pred(seats)
    try:
        resid = demographic_model(seats).residual.reindex(seats.index)
    except SeatmapError:
        resid = pd.Series(np.nan, index=seats.index)
    cols = {"seat": "name", "region": "region", "winner_2017": "winner_2017", "winner": "winner",
            "result": "result", "majority": "majority", "con_pct": "con_pct",
            "lab_pct": "lab_pct", "leave_pct": "leave_pct"}
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
    out.attrs = {"definition": name, "description": describe(definition)}
    if out.empty:
        out.attrs["message"] = f"No seats meet the red-wall definition {name!r}."
    return out


def describe(definition) -> str:
    """The description of a definition, building block or expression."""
    name, pred = _definition(definition)
    if name in DEFINITIONS:
        return DEFINITIONS[name].description
    return pred.description or name


def definitions(seats: pd.DataFrame | None = None, blocks: bool = False) -> pd.DataFrame:
    """The registered definitions with their seat counts on ``load_seats(2019)``.

    Parameters
    ----------
    blocks : bool
        Also list the building blocks.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``: ``title``, ``seats``, ``description``.
    """
    seats = _seats(seats)
    rows = [{"name": d.name, "kind": "definition", "title": d.title,
             "seats": int(d.predicate(seats).sum()), "description": d.description}
            for d in DEFINITIONS.values()]
    if blocks:
        rows += [{"name": k, "kind": "block", "title": k.replace("_", " "),
                  "seats": int(p(seats).sum()), "description": p.description}
                 for k, p in BLOCKS.items()]
    return pd.DataFrame(rows).set_index("name")


def memberships(seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """One boolean column per registered definition (for seat cards and joins)."""
    seats = _seats(seats)
    return pd.DataFrame({name: d.predicate(seats) for name, d in DEFINITIONS.items()},
                        index=seats.index)
