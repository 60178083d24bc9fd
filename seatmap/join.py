"""Attach your own seat-level table (members per constituency party, local results...) to the seats.

:func:`join_user_data` matches each row of your table to a seat by GSS code or by name. Names are
forgiving (case, accents, ``&``/``and``, ``St``/``St.``/``Saint``, commas and other punctuation,
spacing, and word order such as "Durham North West" for "North West Durham" when that is
unambiguous). Nothing is dropped silently: every row of your table is accounted for in the
:class:`JoinReport` as matched, unmatched (with the closest seat names), ambiguous (with the seats
it could be) or a duplicate of a seat already matched, and ``strict=True`` turns any of those into
an error.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import BOUNDARY_SETS, BoundarySet
from .elections import boundary_set as _boundary_set
from .names import SeatIndex, seat_index

__all__ = ["JoinReport", "JoinWarning", "join_user_data", "match_seats"]

STATUSES = ("matched", "duplicate", "ambiguous", "unmatched", "not_in_seats", "missing")
DUPLICATES = ("first", "last", "sum", "error")


class JoinWarning(UserWarning):
    """Some rows of the user's table did not join cleanly (see the report)."""


@dataclass
class JoinReport:
    """Where every row of the user's table went.

    Attributes
    ----------
    rows : pandas.DataFrame
        One row per row of the user's table (same index): ``value`` (what was matched on),
        ``code`` and ``matched_name`` (the seat), ``how`` (``code``, ``name``, ``reordered name``,
        ``spacing``, ``words``, ``partial name``, ``none`` or ``missing``), ``status``
        (``matched``: the row is in the joined table; ``duplicate``, ``ambiguous``,
        ``unmatched``, ``not_in_seats``: a seat of the boundary set that the ``seats=`` table
        does not hold; ``missing``) and ``suggestions`` (closest seat names for unmatched rows,
        the candidate seats for ambiguous ones) and ``note`` (e.g. that a value is a code or
        name of the other boundary set).
    seats_without_data : pandas.Index
        Codes of the seats no row matched.
    boundary_set : str
        The boundary set matched against.
    duplicates : str
        How duplicate rows were handled (``first``, ``last`` or ``sum``).
    renamed : dict
        User columns renamed because the seat table already had them.
    """

    rows: pd.DataFrame
    seats_without_data: pd.Index
    boundary_set: str
    duplicates: str
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status."""
        vc = self.rows["status"].value_counts()
        return {s: int(vc.get(s, 0)) for s in STATUSES}

    @property
    def codes(self) -> pd.Series:
        """The seat code of every row of the user's table (``<NA>`` if none), same index."""
        return self.rows["code"]

    def _of(self, status: str) -> pd.DataFrame:
        return self.rows[self.rows["status"] == status]

    @property
    def unmatched(self) -> pd.DataFrame:
        """Rows that match no seat, with suggestions."""
        return self._of("unmatched")

    @property
    def ambiguous(self) -> pd.DataFrame:
        """Rows whose name fits several seats, with the candidates."""
        return self._of("ambiguous")

    @property
    def duplicated(self) -> pd.DataFrame:
        """Rows for a seat that an earlier row already matched."""
        return self._of("duplicate")

    @property
    def missing(self) -> pd.DataFrame:
        """Rows with nothing to match on."""
        return self._of("missing")

    @property
    def not_in_seats(self) -> pd.DataFrame:
        """Rows for a seat of the boundary set that the ``seats=`` table does not hold."""
        return self._of("not_in_seats")

    @property
    def ok(self) -> bool:
        """True when every row matched exactly one seat, once."""
        return self.counts["matched"] == len(self.rows)

    def summary(self, limit: int = 10) -> str:
        """A readable account of the join, listing up to ``limit`` problem rows of each kind."""
        c = self.counts
        lines = [f"{c['matched']:,} of {len(self.rows):,} rows matched a seat of the "
                 f"{self.boundary_set} boundary set and are in the joined table; "
                 f"{len(self.seats_without_data):,} seats have no row."]
        if self.renamed:
            lines.append("Renamed columns that the seat table already has: "
                         + ", ".join(f"{a} -> {b}" for a, b in self.renamed.items()) + ".")
        for status, title in (("unmatched", "Unmatched"), ("ambiguous", "Ambiguous"),
                              ("duplicate", f"Duplicates (kept: {self.duplicates})"),
                              ("not_in_seats", "Seats not in the seat table given"),
                              ("missing", "No value to match")):
            part = self._of(status)
            if not len(part):
                continue
            lines.append(f"{title}: {len(part):,} row{'' if len(part) == 1 else 's'}")
            for label, row in part.head(limit).iterrows():
                extra = ""
                if row["note"]:
                    extra = f" — {row['note']}"
                elif status == "unmatched" and row["suggestions"]:
                    extra = f" — did you mean {row['suggestions']}?"
                elif status == "ambiguous":
                    extra = f" — could be {row['suggestions']}"
                elif status == "duplicate":
                    extra = f" — also {row['matched_name']} ({row['code']})"
                value = "<missing>" if pd.isna(row["value"]) else _shown(row["value"])
                lines.append(f"  row {_shown(label, quote=False)}: {value}{extra}")
            if len(part) > limit:
                attr = "duplicated" if status == "duplicate" else status
                lines.append(f"  ... and {len(part) - limit:,} more (see report.{attr})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


#: Longest value echoed in a report line (a pasted paragraph is cut, saying how long it was).
SHOWN_CHARACTERS = 80


def _shown(value: object, quote: bool = True) -> str:
    """``repr`` of a user's value for a report line, cut to :data:`SHOWN_CHARACTERS`.

    >>> _shown("x" * 5000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (5,000 characters)"
    """
    text = str(value)
    if len(text) <= SHOWN_CHARACTERS:
        return repr(value) if quote else text
    cut = text[:SHOWN_CHARACTERS - 9] + "…"
    return f"{cut!r} ({len(text):,} characters)" if quote else f"{cut} ({len(text):,} characters)"


def _other_set(set_id: str) -> str:
    return next(s for s in BOUNDARY_SETS if s != set_id)


def match_seats(values: Iterable[object] | pd.Series, boundary_set: int | str | BoundarySet = "2010", *,
                suggestions: int = 3) -> pd.DataFrame:
    """Match names or GSS codes to the seats of a boundary set, one row per value.

    Parameters
    ----------
    values : array-like or pandas.Series
        Seat names (any common spelling) or GSS codes.
    boundary_set : {"2010", "2024"}, default "2010"
        Boundary set to match against.
    suggestions : int, default 3
        Closest seat names to offer for each unmatched value.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``values``: ``value``, ``code``, ``matched_name``, ``how``, ``status``
        (``matched``, ``ambiguous``, ``unmatched`` or ``missing``; duplicates are not judged here),
        ``suggestions`` (closest names, or the candidates of an ambiguous value) and ``note``
        (e.g. "a 2024-set code").

    Examples
    --------
    >>> m = match_seats(["Durham, City of", "YNYS MON", "Bury Nth"], "2010")
    >>> m[["code", "status"]].values.tolist()
    [['E14000641', 'matched'], ['W07000041', 'matched'], [<NA>, 'unmatched']]
    >>> m.loc[2, "suggestions"]
    'Bury North; Bury South; Derby North'
    """
    set_id = _boundary_set(boundary_set).id
    index: SeatIndex = seat_index(set_id)
    series = values if isinstance(values, pd.Series) else pd.Series(list(values))
    out = index.match_many(series)
    out.insert(0, "value", series.astype("string").to_numpy())
    status = np.where(out["code"].notna(), "matched",
                      np.where(out["how"] == "missing", "missing",
                               np.where(out["candidates"] > 1, "ambiguous", "unmatched")))
    out["status"] = pd.array(status, dtype="string")
    out["suggestions"] = pd.array([""] * len(out), dtype="string")
    out["note"] = pd.array([""] * len(out), dtype="string")
    # a name that starts several seats' names ("Bury": Bury North, Bury South) is ambiguous:
    # names.SeatIndex.match (the one resolver) says so; its candidates are the suggestions
    # suggestions and notes, once per distinct problem value
    problem = out["status"].isin(["ambiguous", "unmatched"]).to_numpy(dtype=bool)
    if problem.any():
        other_id = _other_set(set_id)
        other = seat_index(other_id)
        texts, notes = {}, {}
        for value in out.loc[problem, "value"].dropna().unique():
            codes, how = index.match(value)
            if len(codes) > 1:
                texts[value] = "; ".join(f"{index.name_of[c]} ({c})" for c in codes)
                continue
            elsewhere, how_other = other.match(value)
            if len(elsewhere) == 1:
                what = "code" if how_other == "code" else "seat name"
                notes[value] = (f"a {other_id}-set {what} ({other.name_of[elsewhere[0]]}): pass "
                                f"boundary_set={other_id!r}, or crosswalk the table")
            elif how == "code":
                notes[value] = "not a constituency code of either boundary set"
            near = index.suggest(value, n=suggestions) if value.strip() else []
            texts[value] = "; ".join(near)
        values = out.loc[problem, "value"]
        out.loc[problem, "suggestions"] = values.map(texts).astype("string").fillna("")
        out.loc[problem, "note"] = values.map(notes).astype("string").fillna("")
    return out.drop(columns=["candidates"])


def join_user_data(frame: pd.DataFrame, on: str | None = None, *,
                   boundary_set: int | str | BoundarySet | None = None,
                   seats: pd.DataFrame | None = None, how: str = "left",
                   duplicates: str = "first", strict: bool = False, suggestions: int = 3,
                   warn: bool = True) -> tuple[pd.DataFrame, JoinReport]:
    """Attach a user table to the seats by GSS code or by seat name.

    Parameters
    ----------
    frame : pandas.DataFrame
        Your table, one row per seat (e.g. members per constituency party).
    on : str, optional
        Column holding the seat codes or names (each value may be either). By default the index.
    boundary_set : {"2010", "2024"}, optional
        Boundary set of your seats. Default: that of ``seats``, or else whichever set more of
        your rows match (the 2024 set on a tie); the report says which.
    seats : pandas.DataFrame, optional
        The seat table to attach to, indexed by code (e.g. ``load_seats(2019)``). Default: the
        seat register of the boundary set (name, nation, region, county, local authority...).
    how : {"left", "inner"}, default "left"
        ``"left"`` keeps every seat (your columns missing where you have no row); ``"inner"``
        keeps only the seats you have rows for.
    duplicates : {"first", "last", "sum", "error"}, default "first"
        What to do when several of your rows match one seat: keep the first or last, add up
        the numeric columns (text from the first row), or raise. The others are listed in the
        report either way.
    strict : bool, default False
        Raise :class:`~seatmap.SeatmapError` (with the report) if any row is unmatched,
        ambiguous, missing or a duplicate.
    suggestions : int, default 3
        Closest seat names offered for each unmatched row.
    warn : bool, default True
        Warn (:class:`JoinWarning`) with the report's summary when a row did not join cleanly.

    Returns
    -------
    joined : pandas.DataFrame
        The seat table with your columns added (yours renamed ``<column>_user`` where the seat
        table already has that name), indexed by ``code``.
    report : JoinReport
        Every row of your table and what became of it.

    Examples
    --------
    >>> import pandas as pd
    >>> mine = pd.DataFrame({"seat": ["Bury North", "ynys mon", "Durham North West"],
    ...                      "members": [412, 230, 198]})
    >>> joined, report = join_user_data(mine, on="seat")
    >>> joined.loc[["E14000611", "W07000041", "E14000856"], "members"].tolist()
    [412, 230, 198]
    >>> report.counts["matched"], len(report.seats_without_data)
    (3, 647)
    """
    _check_frame(frame)
    how = choice(how, ("left", "inner"), "join type")
    duplicates = choice(duplicates, DUPLICATES, "duplicates rule")
    if seats is not None:
        boundary_set = _seats_boundary_set(seats, boundary_set)
    keys, data = _join_keys(frame, on)
    if not frame.index.is_unique:
        raise SeatmapError("The table's index has repeated labels; reset_index() first so every "
                           "row can be reported.")
    if boundary_set is None:
        set_id, matches = _best_set(keys, suggestions)
    else:
        set_id = _boundary_set(boundary_set).id
        matches = match_seats(keys, set_id, suggestions=suggestions)
    if seats is None:
        from .datasets import load_constituencies

        seats = load_constituencies(set_id)
    else:
        _check_same_set(keys, matches, set_id)
    dup = _mark_rows(matches, seats, duplicates)
    rest = seats.index.difference(matches.loc[matches["status"] == "matched", "code"].dropna())
    report = JoinReport(matches, rest, set_id, duplicates)
    _refuse_unclean(report, bool(dup.any()), duplicates=duplicates, strict=strict, how=how)
    user = _user_rows(data, matches, duplicates)
    clash = _renames(user.columns, seats.columns)
    user = user.rename(columns=clash)
    report.renamed = clash
    joined = seats.join(user, how=how)
    joined.index.name = "code"
    joined.attrs = dict(seats.attrs)
    joined.attrs["boundary_set"] = set_id
    if warn and not report.ok:
        warnings.warn(report.summary(), JoinWarning, stacklevel=2)
    return joined, report


def _check_frame(frame: object) -> None:
    """Refuse what cannot be joined row by row: not a DataFrame, several header rows, a
    MultiIndex."""
    if not isinstance(frame, pd.DataFrame):
        raise SeatmapError("join_user_data needs a pandas DataFrame.")
    if isinstance(frame.columns, pd.MultiIndex):
        raise SeatmapError("The table has several header rows (MultiIndex columns); flatten them "
                           "first, e.g. frame.columns = ['_'.join(map(str, c)) for c in "
                           "frame.columns].")
    if isinstance(frame.index, pd.MultiIndex):
        raise SeatmapError("The table has a MultiIndex; reset_index() first and name the column "
                           "holding the seat codes or names with on=.")


def _seats_boundary_set(seats: object, boundary_set: int | str | BoundarySet | None
                        ) -> int | str | BoundarySet | None:
    """The boundary set to match against given a ``seats=`` table: its own, which must agree with
    ``boundary_set=`` when both are known."""
    if not isinstance(seats, pd.DataFrame):
        raise SeatmapError("seats= must be a seat table (a DataFrame indexed by GSS code), "
                           "e.g. seatmap.load_seats(2024).")
    seats_set = _seats_set(seats)
    if boundary_set is None:
        return seats_set
    if seats_set is not None and _boundary_set(boundary_set).id != seats_set:
        raise SeatmapError(
            f"seats= holds seats of the {seats_set} boundary set but boundary_set="
            f"{_boundary_set(boundary_set).id!r} was given. Use a seat table of the same "
            "set, or crosswalk your table first (seatmap.crosswalk).")
    return boundary_set


def _join_keys(frame: pd.DataFrame, on: str | None) -> tuple[pd.Series, pd.DataFrame]:
    """The values to match (column ``on``, or the index) and the user's columns to attach (a
    column of codes is dropped: the joined table's index holds them)."""
    if on is None:
        return pd.Series(frame.index, index=frame.index), frame
    if on not in frame.columns:
        from ._validate import close_matches

        near = close_matches(on, frame.columns)
        hint = f" Did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise SeatmapError(f"No column {on!r} to join on.{hint} Columns: "
                           f"{', '.join(map(str, frame.columns))}.")
    keys = frame[on]
    return keys, frame.drop(columns=[on]) if _is_code_column(keys) else frame


def _mark_rows(matches: pd.DataFrame, seats: pd.DataFrame, duplicates: str) -> pd.Series:
    """Mark, in ``matches``, rows for seats the seat table does not hold (``not_in_seats``) and
    later rows for a seat already matched (``duplicate``); return the duplicates' mask."""
    # rows for seats of the set that the seat table does not hold (seats= a subset)
    outside = (matches["status"] == "matched") & ~matches["code"].isin(seats.index).fillna(False)
    if outside.any():
        matches.loc[outside, "status"] = "not_in_seats"
        matches.loc[outside, "note"] = (f"not among the {len(seats):,} seats of the seat table "
                                        "given (seats=)")
    # duplicates: later rows for a seat already matched
    matched = matches["status"] == "matched"
    dup = matched & matches["code"].duplicated(keep="last" if duplicates == "last" else "first")
    if duplicates == "sum":
        dup = matched & matches["code"].duplicated(keep="first")
    matches.loc[dup, "status"] = "duplicate"
    return dup


def _refuse_unclean(report: JoinReport, duplicated: bool, *, duplicates: str, strict: bool,
                    how: str) -> None:
    """Raise, with the report, for duplicates under ``duplicates="error"``, any problem row under
    ``strict=True``, and an inner join that would be empty."""
    if duplicates == "error" and duplicated:
        raise SeatmapError("Several rows match the same seat.\n" + report.summary())
    if strict and not report.ok:
        raise SeatmapError("The table did not join cleanly (strict=True).\n" + report.summary())
    if how == "inner" and not report.counts["matched"]:
        raise SeatmapError("No row of the table matched a seat of the seat table, so the inner "
                           "join is empty.\n" + report.summary())


def _user_rows(data: pd.DataFrame, matches: pd.DataFrame, duplicates: str) -> pd.DataFrame:
    """The user's rows to attach, one per seat, indexed by code (duplicates kept or summed as
    asked); integer columns become nullable so seats without a row keep them integers."""
    good = matches["status"].isin(["matched", "duplicate"]).to_numpy()
    user = data[good].copy()
    user.index = pd.Index(matches.loc[good, "code"].to_numpy(), name="code")
    if duplicates == "sum":
        user = _sum_duplicates(user)
    else:
        keep = (matches.loc[good, "status"] == "matched").to_numpy()
        user = user[keep]
    # integers stay integers when the join leaves seats without a row
    ints = [c for c in user.columns if pd.api.types.is_integer_dtype(user[c])
            and not isinstance(user[c].dtype, pd.CategoricalDtype)]
    return user.astype({c: "Int64" for c in ints})


def _check_same_set(keys: pd.Series, matches: pd.DataFrame, set_id: str) -> None:
    """Refuse a table whose seats are of the other boundary set than the seat table's."""
    here = int((matches["status"] == "matched").sum())
    other_id = _other_set(set_id)
    there = int(seat_index(other_id).match_many(keys)["code"].notna().sum())
    if there > here:
        raise SeatmapError(
            f"The seat table (seats=) is on the {set_id} boundary set but {there:,} of your "
            f"{len(keys):,} rows are seats of the {other_id} set (only {here:,} match the "
            f"{set_id} set). Use a seat table of the {other_id} set, or carry your table across "
            f"with seatmap.crosswalk(table, {other_id!r}, {set_id!r}) first.")


def _seats_set(seats: pd.DataFrame) -> str | None:
    """The boundary set of a seat table: from its attrs, else from its codes (None if unclear)."""
    from .datasets import load_constituencies

    if seats.attrs.get("boundary_set") is not None:
        return _boundary_set(seats.attrs["boundary_set"]).id
    codes = pd.Index(seats.index.astype("string"))
    share = {s: float(codes.isin(load_constituencies(s).index).mean()) if len(codes) else 0.0
             for s in BOUNDARY_SETS}
    best = max(share, key=share.__getitem__)
    if len(codes) and share[best] < 0.5:
        raise SeatmapError("seats= is not indexed by constituency codes of either boundary set; "
                           "pass a seat table indexed by GSS code, e.g. seatmap.load_seats(2024).")
    return best if len(codes) else None


def _renames(user_columns: Iterable[str], seat_columns: Iterable[str]) -> dict[str, str]:
    """New names for user columns the seat table already has: ``<column>_user`` (or ``_user2``...
    when that name is taken too), never a name already in either table."""
    taken = set(user_columns) | set(seat_columns)
    out = {}
    for c in user_columns:
        if c in seat_columns:
            new, n = f"{c}_user", 1
            while new in taken:
                n += 1
                new = f"{c}_user{n}"
            taken.add(new)
            out[c] = new
    return out


def _best_set(keys: pd.Series, suggestions: int) -> tuple[str, pd.DataFrame]:
    """Match against both boundary sets and keep the one more rows match (2024 on a tie)."""
    hits = {s: int(seat_index(s).match_many(keys)["code"].notna().sum()) for s in ("2024", "2010")}
    set_id = "2010" if hits["2010"] > hits["2024"] else "2024"
    return set_id, match_seats(keys, set_id, suggestions=suggestions)


def _is_code_column(keys: pd.Series) -> bool:
    """True when the join column holds GSS codes (dropped after matching: the index has them)."""
    text = keys.dropna().astype("string").str.strip().str.upper()
    return bool(len(text)) and bool(text.str.fullmatch(r"[EWSN]\d{8}").all())


def _sum_duplicates(user: pd.DataFrame) -> pd.DataFrame:
    numeric = [c for c in user.columns if pd.api.types.is_numeric_dtype(user[c])
               and not pd.api.types.is_bool_dtype(user[c])]
    grouped = user.groupby(level=0, sort=False)
    out = grouped.first()
    if numeric:
        out[numeric] = grouped[numeric].sum(min_count=1)
    return out[user.columns]
