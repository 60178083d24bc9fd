"""Forgiving constituency names: normalise, look up, and suggest near matches.

Seat names differ between publishers ("City Of Durham", "Ynys Mon", "Fermanagh & South Tyrone",
"Liverpool, Walton", "Antrim East", "St. Albans"). seatmap keys everything by GSS code; names are
for people. :func:`normalise_name` reduces a name to a comparison key and :func:`find_seat`
resolves one name (or code) to a code, listing the closest matches when it cannot.

Names people type resolve too: former and popular names ("Western Isles" for Na h-Eileanan an
Iar, "Hull East" for Kingston upon Hull East, "Weston super Mare"), compass abbreviations ("N",
"S", "E", "W", "NE"...), and a 2010-set name used with the 2024 set, which points to its
successor seats by population share (:func:`successors`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._cache import memoized
from ._validate import SeatmapError, UnknownNameError, renamed_parameters
from .elections import DEFAULT_BOUNDARY_SET, BoundarySet
from .elections import boundary_set as _boundary_set

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["find_seat", "normalise_name", "seat_index", "successors"]

_CODE_RE = re.compile(r"^[EWSN]\d{8}$")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_WORDS = {"st": "saint", "&": "and", "upon": "upon", "mt": "mount",
          # compass abbreviations people type ("Hull E", "Durham NW")
          "n": "north", "s": "south", "e": "east", "w": "west", "ne": "north east",
          "nw": "north west", "se": "south east", "sw": "south west"}
_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
# Former and popular names -> the official name's key (normalised), for whole names
_ALIASES = {
    "western isles": "na h eileanan an iar",
    "eilean siar": "na h eileanan an iar",
}
# Popular short forms of a leading place name (applied to the start of a name)
_PREFIXES = {"hull": "kingston upon hull"}


def normalise_name(name: str) -> str:
    """Return a comparison key for a constituency name.

    The key ignores case, accents, punctuation (commas, full stops, hyphens, apostrophes),
    ``&`` versus ``and`` and ``St``/``St.`` versus ``Saint``.

    Examples
    --------
    >>> normalise_name("Ynys Môn") == normalise_name("YNYS MON")
    True
    >>> normalise_name("Fermanagh & South Tyrone")
    'fermanagh and south tyrone'
    >>> normalise_name("St. Albans") == normalise_name("St Albans")
    True
    >>> normalise_name("Durham N W")
    'durham north west'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)  # "Queen's" -> "queens", never a stray "s"
    text = text.replace("&", " and ")
    text = _PUNCT.sub(" ", text)
    words = [_WORDS.get(w, w) for w in _SPACE.split(text.strip()) if w]
    return " ".join(words)


def _loose_key(name: str) -> str:
    """Order-insensitive key: "Durham North West" and "North West Durham" agree."""
    return " ".join(sorted(normalise_name(name).split()))


_MINOR_WORDS = frozenset({"and", "the", "of"})


def _compact_key(name: str) -> str:
    """Key without spaces: "Queen's Park" and "Queens Park", "Kemptown" and "Kemp Town" agree."""
    return normalise_name(name).replace(" ", "")


# Words that may follow a leading part of a seat's name for the part to name the seat: "Bury"
# is Bury North or Bury South (not Bury St Edmunds), "Hull West" is Kingston upon Hull West and
# Haltemprice, "Queen's Park" is Queen's Park and Maida Vale.
_CONTINUATIONS = frozenset({"and", "north", "south", "east", "west", "central", "mid"})


def _words_key(name: str) -> str:
    """Order-insensitive key without "and", "the", "of": "Normanton Pontefract Castleford"."""
    return " ".join(sorted(set(normalise_name(name).split()) - _MINOR_WORDS))


class SeatIndex:
    """Name and code lookup for one boundary set (built from the seat register)."""

    def __init__(self, codes: Iterable[str], names: Iterable[str]) -> None:
        self.codes = list(codes)
        self.names = list(names)
        self.name_of = dict(zip(self.codes, self.names, strict=True))
        self.exact: dict[str, list[str]] = {}
        self.loose: dict[str, list[str]] = {}
        for code, name in zip(self.codes, self.names, strict=True):
            self.exact.setdefault(normalise_name(name), []).append(code)
            self.loose.setdefault(_loose_key(name), []).append(code)
        self._keys = list(self.exact)
        self.compact: dict[str, list[str]] = {}
        self.words: dict[str, list[str]] = {}
        for code, name in zip(self.codes, self.names, strict=True):
            self.compact.setdefault(_compact_key(name), []).append(code)
            self.words.setdefault(_words_key(name), []).append(code)

    def candidates(self, query: str) -> tuple[list[str], str]:
        """Return (matching codes, how) for a name or code; empty list if none."""
        q = str(query).strip()
        if _CODE_RE.match(q.upper()):
            return ([q.upper()], "code") if q.upper() in self.name_of else ([], "code")
        hit = self.exact.get(normalise_name(q))
        if hit:
            return list(hit), "name"
        hit = self.loose.get(_loose_key(q))
        if hit:
            return list(hit), "reordered name"
        for alias in _aliases(q):
            hit = self.exact.get(alias) or self.loose.get(" ".join(sorted(alias.split())))
            if hit:
                return list(hit), "former or popular name"
        return [], "none"

    def match(self, query: str) -> tuple[list[str], str]:
        """Like :meth:`candidates`, then two looser tiers for names that still do not match.

        After the exact and reordered keys, tries the name without spaces ("Queens Park" for
        "Queen's Park", "Kemp Town" for "Kemptown"), then its words in any order without
        "and", "the" and "of", then the leading part of a name (:meth:`partial`). Returns
        (codes, how); ``how`` is ``"code"``, ``"name"``, ``"reordered name"``, ``"spacing"``,
        ``"words"``, ``"partial name"`` or ``"none"``. Several codes mean the query is
        ambiguous. This is the one resolver: :meth:`lookup` (``find_seat``, ``seat_profile``,
        ``seatmap seat``), ``join_user_data`` and ``crosswalk`` all use it.
        """
        codes, how = self.candidates(query)
        if codes or how == "code":
            return codes, how
        for table, key, label in ((self.compact, _compact_key, "spacing"),
                                  (self.words, _words_key, "words")):
            k = key(query)
            if k and k in table:
                return list(table[k]), label
        codes = self.partial(query)
        return (codes, "partial name") if codes else ([], "none")

    def partial(self, query: str) -> list[str]:
        """Codes of the seats whose name starts with ``query`` followed by a compass word or
        "and" ("Bury": Bury North and Bury South; "Hull West": Kingston upon Hull West and
        Haltemprice), former and popular names included. Several codes: ambiguous."""
        key = normalise_name(query)
        if not key or _CODE_RE.match(str(query).strip().upper()):
            return []
        for k in [key, *_aliases(query)]:
            found = [code for name, codes in self.exact.items()
                     if name.startswith(k + " ") and name[len(k) + 1:].split()[0] in _CONTINUATIONS
                     for code in codes]
            if found:
                return found
        return []

    def match_many(self, values) -> pd.DataFrame:
        """Resolve many names or codes at once, looking up each distinct value once.

        Parameters
        ----------
        values : array-like
            Names or GSS codes (missing values give ``how="missing"``).

        Returns
        -------
        pandas.DataFrame
            Aligned to ``values`` (same index if it is a Series): ``code`` (the seat, or
            ``<NA>`` when none or several match), ``candidates`` (number of seats matching),
            ``how`` (see :meth:`match`) and ``matched_name`` (the seat's name).
        """
        import pandas as pd

        series = values if isinstance(values, pd.Series) else pd.Series(list(values))
        text = series.astype("string").str.strip()
        uniq = text.dropna().unique()
        found = {}
        for value in uniq:  # once per distinct value, not per row
            codes, how = self.match(value) if value else ([], "none")
            found[value] = (codes[0] if len(codes) == 1 else None, len(codes), how)
        table = pd.DataFrame.from_dict(found, orient="index",
                                       columns=["code", "candidates", "how"])
        table = table.reindex(text.to_numpy())
        out = pd.DataFrame({
            "code": pd.array(table["code"].to_numpy(), dtype="string"),
            "candidates": table["candidates"].fillna(0).astype("int64").to_numpy(),
            "how": table["how"].fillna("missing").astype("string").to_numpy(),
        }, index=series.index)
        out["matched_name"] = out["code"].map(self.name_of).astype("string")
        return out

    def suggest(self, query: str, n: int = 5) -> list[str]:
        """Names of the seats that look most like ``query``."""
        keys = difflib.get_close_matches(normalise_name(query), self._keys, n=n, cutoff=0.5)
        if not keys:  # fall back to seats containing a word of the query
            words = set(normalise_name(query).split()) - {"and", "the", "of", "saint"}
            keys = [k for k in self._keys if words & set(k.split())][:n]
        return [self.name_of[self.exact[k][0]] for k in keys]

    def _other_set_seat(self, query: str) -> tuple[str, str] | None:
        """(other set id, code) when ``query`` names exactly one seat of the other set."""
        from .elections import BOUNDARY_SETS

        if not any(_index(k) is self for k in BOUNDARY_SETS):
            return None  # an ad-hoc index has no other set
        for set_id in BOUNDARY_SETS:
            other = _index(set_id)
            if other is self or _CODE_RE.match(str(query).strip().upper()):
                continue
            codes, _ = other.match(query)
            if len(codes) == 1:
                return set_id, codes[0]
        return None

    def _successor(self, query: str, other_id: str, code: str) -> str:
        return _successor_of(self, query, other_id, code)

    def lookup(self, query: str) -> str:
        """Return the one code for ``query`` or raise a :class:`SeatmapError` with suggestions
        (several seats: the candidates; a seat of the other boundary set: its main successor,
        with a warning naming every successor)."""
        codes, _ = self.match(query)
        if len(codes) == 1:
            return codes[0]
        if len(codes) > 1:
            names = ", ".join(f"{self.name_of[c]} ({c})" for c in codes)
            raise SeatmapError(f"{query!r} matches several seats: {names}. Give the full name "
                               "or the GSS code.")
        elsewhere = _set_of_code(query)
        if elsewhere is not None and not any(c in _index(elsewhere[0].id).name_of
                                             for c in self.codes[:1]):
            bs, name = elsewhere
            raise SeatmapError(
                f"{str(query).strip().upper()} ({name}) is a seat code of the {bs.id} boundary "
                f"set (elections {', '.join(bs.elections)}), not of the set searched here. Use "
                f"one of those elections, or the seat's code on the other set (see "
                "seatmap.crosswalk).")
        old = self._other_set_seat(query)
        if old is not None:
            return self._successor(query, *old)
        near = self.suggest(query)
        hint = f" Closest matches: {', '.join(near)}." if near else ""
        raise UnknownNameError(
            f"No seat called {query!r} in the {len(self.codes)} seats of this boundary set.{hint} "
            "Names ignore case, accents, punctuation and '&'/'and'; GSS codes work too."
        )


def _successor_of(index: SeatIndex, query: str, other_id: str, old_code: str) -> str:
    """The main successor (over half the old seat's population) of another set's seat."""
    import warnings

    table = successors(old_code, other_id, _set_id_of(index))
    share = table["share_pct"]
    listed = "; ".join(f"{n} ({c}) {p:.0f}%" for c, n, p in
                       zip(table.index, table["name"], share, strict=True))
    old_name = _index(other_id).name_of[old_code]
    if share.iloc[0] > 50:
        warnings.warn(f"{query!r} is {old_name} ({old_code}), a seat of the {other_id} boundary "
                      f"set; on this set its population is in: {listed}. Using "
                      f"{table['name'].iloc[0]} ({table.index[0]}).", UserWarning, stacklevel=4)
        return str(table.index[0])
    raise SeatmapError(f"{query!r} is {old_name} ({old_code}), a seat of the {other_id} boundary "
                       f"set, split on this set with no seat holding most of its population: "
                       f"{listed}. Use one of these codes.")


def _set_id_of(index: SeatIndex) -> str:
    from .elections import BOUNDARY_SETS

    return next(k for k in BOUNDARY_SETS if _index(k) is index)


def _aliases(query: str) -> list[str]:
    """Normalised official-name keys a former or popular name stands for."""
    key = normalise_name(query)
    out = [_ALIASES[key]] if key in _ALIASES else []
    for short, full in _PREFIXES.items():
        if key.startswith(short + " ") and not key.startswith(full):
            out.append(full + key[len(short):])
    return out


def _set_of_code(query) -> tuple[BoundarySet, str] | None:
    """The boundary set (and seat name) a GSS code belongs to, if it is a seat code at all."""
    from .elections import BOUNDARY_SETS

    code = str(query).strip().upper()
    if not _CODE_RE.match(code):
        return None
    for set_id, bs in BOUNDARY_SETS.items():
        names = _index(set_id).name_of
        if code in names:
            return bs, names[code]
    return None


@memoized(maxsize=2)
def _index(set_id: str) -> SeatIndex:
    from .datasets import load_constituencies

    reg = load_constituencies(set_id)
    return SeatIndex(reg.index, reg["name"])


@renamed_parameters(boundaries="boundary_set")
def seat_index(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> SeatIndex:
    """The :class:`SeatIndex` of a boundary set (cached)."""
    return _index(_boundary_set(boundary_set).id)


@renamed_parameters(boundaries="boundary_set")
def find_seat(query: str, boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> str:
    """Return the GSS code of a seat given its name (forgivingly) or code.

    Parameters
    ----------
    query : str
        A name in any common spelling, or a GSS code.
    boundary_set : str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        Boundary set to search: ``"2010"`` (elections 2010-2019) or ``"2024"``.

    Raises
    ------
    SeatmapError
        If no seat matches (listing the closest names) or several do.

    Examples
    --------
    >>> find_seat("bury north", "2010")
    'E14000611'
    >>> find_seat("YNYS MON", "2010")
    'W07000041'
    >>> find_seat("Western Isles", "2024"), find_seat("Hull E", "2024")
    ('S14000027', 'E14001313')

    A 2010-set name used with the 2024 set gives its main successor, with a warning listing
    every successor by population share:

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     find_seat("Blackpool North and Cleveleys", "2024")
    'E14001104'
    """
    return seat_index(boundary_set).lookup(query)


def successors(query: str, from_set: int | str | BoundarySet = "2010",
               to_set: int | str | BoundarySet = "2024") -> pd.DataFrame:
    """The seats of ``to_set`` that hold a ``from_set`` seat's population, largest share first.

    Parameters
    ----------
    query : str
        Name (forgivingly) or GSS code of a seat of ``from_set``.
    from_set, to_set : {"2010", "2024"}

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code`` (``to_set``): ``name`` and ``share_pct``, the share of the old seat's
        population (mySociety's overlaps, about 2019) living in each new seat; shares sum to 100.

    Examples
    --------
    >>> s = successors("Blackpool North and Cleveleys")
    >>> s["name"].iloc[0], round(float(s["share_pct"].iloc[0]), 1)
    ('Blackpool North and Fleetwood', 66.7)
    """
    from .datasets import load_overlaps

    src, dst = _boundary_set(from_set).id, _boundary_set(to_set).id
    code = seat_index(src).lookup(query)
    ov = load_overlaps(src, dst)
    rows = ov[ov["source"] == code].sort_values(["count_share_pct", "target"],
                                                 ascending=[False, True])
    names = seat_index(dst).name_of
    import pandas as pd

    out = pd.DataFrame({"name": [names[c] for c in rows["target"]],
                        "share_pct": rows["count_share_pct"].to_numpy()},
                       index=pd.Index(rows["target"].to_numpy(), name="code"))
    return out[out["share_pct"] > 0]
