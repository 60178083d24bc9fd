"""Assign postcodes to constituencies through a postcode directory you supply.

seatmap does not bundle a postcode directory (the ONS Postcode Directory and National Statistics
Postcode Lookup are large and updated quarterly). Download one from the ONS Open Geography Portal
and pass its CSV: :func:`assign_postcodes` finds the postcode and constituency columns (``pcds``,
``pcd``, ``pcd2`` or ``postcode``; ``pcon``, ``pcon24cd``...), normalises postcodes on both
sides (case, spaces, punctuation, a letter O typed for the zero of the inward code) and joins.
Every input row is accounted for in a :class:`PostcodeReport`: found, not in the directory,
not a valid postcode, missing, or in the directory without a constituency (Channel Islands, Isle
of Man, some non-geographic postcodes).
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._assignreport import STATUSES_BY_KIND, AssignmentReport
from ._cache import memoized
from ._validate import SeatmapError
from .elections import BOUNDARY_SETS, BoundarySet
from .elections import boundary_set as _boundary_set

__all__ = ["STATUSES", "PostcodeReport", "UnassignedPostcodesWarning", "assign_postcodes",
           "directory_boundary_set", "normalise_postcodes"]

#: Status of each postcode.
STATUSES = STATUSES_BY_KIND["postcodes"]
_POSTCODE = r"(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})"
_POSTCODE_COLUMNS = ("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode", "post_code", "postcodes")
_CODE_COLUMNS = ("pcon", "pcon24cd", "pcon25cd", "pcon22cd", "pcon19cd", "pcon10cd", "pcon_code",
                 "constituency_code", "pconcd", "code")


class UnassignedPostcodesWarning(UserWarning):
    """Some postcodes got no constituency (they are ``<NA>``; see the report)."""


def normalise_postcodes(values: Iterable[object] | pd.Series) -> pd.Series:
    """Canonical form of UK postcodes: upper case, one space before the inward code.

    Spaces, punctuation and case are ignored, and a letter O typed for the digit 0 at the start
    of the inward code is corrected. Values that are not UK postcodes become ``<NA>``.

    Parameters
    ----------
    values : array-like or pandas.Series

    Returns
    -------
    pandas.Series of string (aligned to a Series input)

    Examples
    --------
    >>> normalise_postcodes(["sw1a0aa", " SW1A  0AA ", "sw1a-oaa", "BL9 0SW", "nonsense"]).tolist()
    ['SW1A 0AA', 'SW1A 0AA', 'SW1A 0AA', 'BL9 0SW', <NA>]
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    compact = s.astype("string").str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
    inward = compact.str[-3:]
    # a letter O typed for the zero that starts the inward code ("SW1A OAA")
    inward = inward.where(~inward.str.match(r"O[A-Z]{2}$").fillna(False), "0" + inward.str[1:])
    compact = compact.str[:-3] + inward
    valid = compact.str.fullmatch(_POSTCODE).fillna(False).astype(bool)
    canon = compact.str[:-3] + " " + inward
    return canon.where(valid, pd.NA).astype("string")


#: The report of :func:`assign_postcodes` (``result.attrs["report"]``); see
#: :class:`seatmap._assignreport.AssignmentReport`.
PostcodeReport = AssignmentReport


def _pick(columns: pd.Index, wanted: Sequence[str], given: str | None, what: str) -> str:
    if given is not None:
        if given not in columns:
            raise SeatmapError(f"The postcode directory has no column {given!r}. Columns: "
                               f"{', '.join(map(str, columns))}.")
        return given
    lower = {str(c).strip().lower(): c for c in columns}
    for name in wanted:
        if name in lower:
            return str(lower[name])
    if what == "constituency code":
        pcon = [c for c in columns if str(c).strip().lower().startswith("pcon")]
        if len(pcon) == 1:
            return str(pcon[0])
    raise SeatmapError(f"Which column of the postcode directory holds the {what}? Pass it "
                       f"explicitly. Columns: {', '.join(map(str, columns))}.")


@memoized(maxsize=2)
def _read_directory(path: str, mtime: float, size: int, pc_col: str | None,
                    code_col: str | None) -> tuple[_Directory, str, str]:
    header = pd.read_csv(path, nrows=0, encoding_errors="replace").columns
    pc = _pick(header, _POSTCODE_COLUMNS, pc_col, "postcodes")
    code = _pick(header, _CODE_COLUMNS, code_col, "constituency code")
    frame = pd.read_csv(path, usecols=[pc, code], dtype="string", encoding_errors="replace",
                        keep_default_na=False, na_values=[""])
    return _prepare_directory(frame, pc, code), pc, code


@dataclass
class _Directory:
    """A postcode directory reduced to what lookups need: postcodes, and codes as categories."""

    postcodes: pd.Index  # canonical postcodes, unique
    code_of: np.ndarray  # position in ``codes`` of each postcode's constituency code
    codes: np.ndarray  # the distinct constituency codes

    def positions(self, seats: pd.Index) -> np.ndarray:
        """Position in ``seats`` of each postcode's seat (-1 where it is not one of them)."""
        at: np.ndarray = seats.get_indexer(pd.Index(self.codes, dtype="string")).astype(np.int64)
        out: np.ndarray = at[self.code_of]
        return out


_CANONICAL = r"(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})"


def _prepare_directory(frame: pd.DataFrame, pc: str, code: str) -> _Directory:
    raw = frame[pc].astype("string")
    # ONS files already hold canonical postcodes (pcds): check that instead of rewriting them all
    canonical = raw.str.fullmatch(_CANONICAL).fillna(False).all()
    canon = raw if canonical else normalise_postcodes(raw)
    code_values = frame[code].astype("string").str.strip().str.upper()
    keep = canon.notna().to_numpy()
    canon, code_values = canon[keep], code_values[keep]
    code_of, codes = pd.factorize(code_values.fillna(""))
    postcodes = pd.Index(canon.to_numpy(), dtype="string")
    if not postcodes.is_unique:
        pairs = pd.DataFrame({"postcode": postcodes, "code": code_of}).drop_duplicates()
        clash = pairs["postcode"][pairs["postcode"].duplicated()]
        if len(clash):
            raise SeatmapError(f"The postcode directory gives different constituencies for the "
                               f"same postcode (e.g. {', '.join(clash.unique()[:5])}). Use one row "
                               "per postcode.")
        first = ~postcodes.duplicated()
        postcodes, code_of = postcodes[first], code_of[first]
    return _Directory(postcodes, np.asarray(code_of), np.asarray(codes, dtype=object))


def _directory(directory: str | os.PathLike[str] | pd.DataFrame, pc_col: str | None,
               code_col: str | None) -> tuple[_Directory, str]:
    if isinstance(directory, pd.DataFrame):
        pc = _pick(directory.columns, _POSTCODE_COLUMNS, pc_col, "postcodes")
        code = _pick(directory.columns, _CODE_COLUMNS, code_col, "constituency code")
        return _prepare_directory(directory, pc, code), f"the directory given ({pc} -> {code})"
    path = Path(os.fspath(directory)).expanduser()
    if not path.is_file():
        raise SeatmapError(f"Postcode directory {str(path)!r} not found. Download the ONS "
                           "Postcode Directory or National Statistics Postcode Lookup (CSV) from "
                           "the ONS Open Geography Portal and pass the path of its CSV file.")
    st = path.stat()
    try:
        table, pc, code = _read_directory(str(path.resolve()), st.st_mtime, st.st_size, pc_col,
                                          code_col)
    except SeatmapError:
        raise
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise SeatmapError(f"Cannot read the postcode directory {str(path)!r} ({err}). Pass the "
                           "ONS Postcode Directory or National Statistics Postcode Lookup CSV, "
                           "as downloaded.") from err
    return table, f"{path.name} ({pc} -> {code})"


def _which_set(codes: np.ndarray, wanted: BoundarySet | None) -> str:
    from .datasets import load_constituencies

    found = codes[codes != ""]
    share = {s: float(np.isin(found, load_constituencies(s).index).mean()) if len(found) else 0.0
             for s in BOUNDARY_SETS}
    best = max(share, key=share.__getitem__)
    if wanted is not None:
        if share[wanted.id] < 0.5 and share[best] >= 0.5 and best != wanted.id:
            raise SeatmapError(
                f"The directory's constituency codes belong to the {best} boundary set, not "
                f"{wanted.id}: pass boundary_set={best!r} (or use the directory's other "
                "constituency column), then crosswalk if you need the other set."
            )
        return wanted.id
    if share[best] < 0.5:
        raise SeatmapError("The directory's constituency column does not hold Westminster "
                           "constituency codes of either boundary set (E14..., W07..., S14..., "
                           "N05.../N06...). Name the right column with code_column=.")
    return best


def directory_boundary_set(directory: str | os.PathLike[str] | pd.DataFrame,
                           postcode_column: str | None = None,
                           code_column: str | None = None) -> str:
    """The boundary set (``"2010"`` or ``"2024"``) of a postcode directory's constituency codes.

    Parameters
    ----------
    directory : path or pandas.DataFrame
        An ONS-style postcode directory (see :func:`assign_postcodes`).
    postcode_column, code_column : str, optional
        Columns of the directory, if not detected.

    Returns
    -------
    str

    Raises
    ------
    SeatmapError
        If the directory cannot be read or its codes are not Westminster constituencies.

    Examples
    --------
    >>> import pandas as pd
    >>> directory_boundary_set(pd.DataFrame({"pcds": ["BL9 0SW"], "pcon": ["E14000611"]}))
    '2010'
    """
    return _which_set(_directory(directory, postcode_column, code_column)[0].codes, None)


def assign_postcodes(postcodes: str | Sequence[str] | pd.Series | pd.DataFrame,
                     directory: str | os.PathLike[str] | pd.DataFrame, *,
                     boundary_set: int | str | BoundarySet | None = None,
                     column: str | None = None, postcode_column: str | None = None,
                     code_column: str | None = None, status: bool = False,
                     warn: bool = True) -> pd.Series | pd.DataFrame:
    """Return the constituency (GSS code) of each postcode, from a postcode directory.

    Parameters
    ----------
    postcodes : array-like, pandas.Series or pandas.DataFrame
        The postcodes, in any common format ("sw1a0aa", "SW1A 0AA"...). With a DataFrame,
        ``column`` names the postcode column (default: one called ``postcode`` or similar).
    directory : path or pandas.DataFrame
        An ONS-style postcode directory: a CSV (or DataFrame) with one row per postcode and a
        constituency code column, such as the ONS Postcode Directory (``pcds``, ``pcon``) or
        the National Statistics Postcode Lookup. Not bundled with seatmap.
    boundary_set : {"2010", "2024"}, optional
        Boundary set of the directory's codes; detected from the codes when omitted. A
        directory on the other set is refused with an explanation.
    column : str, optional
        Postcode column of a DataFrame ``postcodes``.
    postcode_column, code_column : str, optional
        Columns of the directory, if not detected.
    status : bool, default False
        Return a DataFrame with ``code``, ``postcode`` (normalised) and ``status`` columns.
    warn : bool, default True
        Warn (:class:`UnassignedPostcodesWarning`) when some postcodes get no constituency.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        ``code`` (categorical over the set's seat codes), aligned to the input; ``<NA>`` where
        no constituency applies. ``.attrs["report"]`` is the :class:`PostcodeReport`.

    Examples
    --------
    >>> import pandas as pd
    >>> onspd = pd.DataFrame({"pcds": ["SW1A 0AA", "BL9 0SW"], "pcon": ["E14000639", "E14000611"]})
    >>> assign_postcodes(["sw1a0aa", "BL9  0SW", "ZZ9 9ZZ"], onspd, warn=False).tolist()
    ['E14000639', 'E14000611', <NA>]
    """
    from .datasets import load_constituencies

    t0 = time.perf_counter()
    if isinstance(postcodes, pd.DataFrame):
        if column is None:
            column = _pick(postcodes.columns, _POSTCODE_COLUMNS, None, "postcodes")
        elif column not in postcodes.columns:
            raise SeatmapError(f"No column {column!r}. Columns: {', '.join(map(str, postcodes.columns))}.")
        raw = postcodes[column]
    elif isinstance(postcodes, pd.Series):
        raw = postcodes
    elif isinstance(postcodes, (str, bytes)) or pd.api.types.is_scalar(postcodes):
        raw = pd.Series([postcodes], dtype="object")  # one postcode, not a list of characters
    else:
        raw = pd.Series(list(postcodes), dtype="object")
    index = raw.index
    table, label = _directory(directory, postcode_column, code_column)
    wanted = _boundary_set(boundary_set) if boundary_set is not None else None
    set_id = _which_set(table.codes, wanted)
    seats = pd.Index(sorted(load_constituencies(set_id).index), dtype="string")

    canon = normalise_postcodes(raw)
    blank = raw.isna() | raw.astype("string").str.strip().eq("").fillna(True)
    at = table.postcodes.get_indexer(canon.fillna(""))
    in_dir = at >= 0
    pos = np.where(in_dir, table.positions(seats)[at], -1)
    st = np.select(
        [blank.to_numpy(), canon.isna().to_numpy(), ~in_dir, pos < 0],
        ["missing", "invalid", "not_found", "no_constituency"], default="found")
    result = pd.Series(pd.Categorical.from_codes(pos, categories=seats), index=index, name="code")
    counts = {s: int((st == s).sum()) for s in STATUSES}
    rows = {s: index[st == s] for s in STATUSES[1:] if counts[s]}
    report = AssignmentReport(len(raw), int((pos >= 0).sum()), counts, rows,
                              f"{set_id} boundary set", label, time.perf_counter() - t0,
                              kind="postcodes", boundary_set=set_id)
    out = result
    if status:
        out = pd.DataFrame({"code": result, "postcode": canon.set_axis(index),
                            "status": pd.Categorical(st, categories=STATUSES)}, index=index)
    out.attrs["report"] = report
    if warn and report.unassigned:
        warnings.warn(report.summary(), UnassignedPostcodesWarning, stacklevel=2)
    return out
