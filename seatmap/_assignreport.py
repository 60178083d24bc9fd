"""The report of an assignment (points or postcodes to seats): where every input row went.

One dataclass, :class:`AssignmentReport`, serves :func:`seatmap.assign_points` (``kind="points"``),
:func:`seatmap.assign_postcodes` (``kind="postcodes"``) and :func:`seatmap.assign_file` (a whole
file, either kind); ``seatmap.points.PointReport`` and ``seatmap.postcodes.PostcodeReport`` are
names for it. :data:`WORDS` is the one place each status is worded, for the report's summary and
for ``seatmap assign``'s counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["AssignmentReport"]

#: Statuses of each kind of assignment, in order; the first is "assigned normally".
STATUSES_BY_KIND = {
    "points": ("within", "border", "nearest", "outside", "missing", "invalid"),
    "postcodes": ("found", "not_found", "no_constituency", "invalid", "missing"),
}
#: Why a row has each status (rows that did not get a seat the normal way), in the one place
#: seatmap words it: the phrase of :meth:`AssignmentReport.summary` and the short label of a
#: count (:meth:`AssignmentReport.label`, as ``seatmap assign`` prints it).
WORDS = {
    "points": {
        "border": ("exactly on a boundary", "exactly on a boundary"),
        "nearest": ("outside every seat, given the nearest one", "given the nearest seat"),
        "outside": ("outside every seat (at sea or outside the UK)",
                    "outside every seat (sea or abroad)"),
        "missing": ("without coordinates", "no coordinates"),
        "invalid": ("with coordinates out of range for the coordinate system",
                    "coordinates out of range"),
    },
    "postcodes": {
        "not_found": ("valid postcodes missing from the directory (new, or mistyped)",
                      "postcode not in directory"),
        "no_constituency": ("in the directory without a constituency of this set",
                            "postcode without a constituency"),
        "invalid": ("not valid UK postcodes", "not a postcode"),
        "missing": ("empty", "no postcode"),
    },
}
#: The words for boundary points that on_border="first" gave a seat.
BORDER_GIVEN = ("exactly on a boundary, given the touching seat with the first code",
                "exactly on a boundary (given the touching seat with the first code)")
_NOUN = {"points": ("point", "points"), "postcodes": ("postcode", "postcodes")}


@dataclass
class AssignmentReport:
    """What an assignment did with every input row.

    Attributes
    ----------
    total : int
        Number of input rows.
    assigned : int
        Rows given a seat (the rest are ``<NA>``).
    counts : dict
        Rows per status. Points: ``within``, ``border``, ``nearest``, ``outside``, ``missing``,
        ``invalid``; postcodes: ``found``, ``not_found``, ``no_constituency``, ``invalid``,
        ``missing``.
    rows : dict
        Row labels (of the input's index) for every status except the first.
    boundaries : str
        The polygons or boundary set used (e.g. ``"2024 boundary set"``).
    method : str
        How rows were located: the coordinate system and how it was determined (points), or the
        postcode directory and its columns (postcodes).
    seconds : float
        Time taken.
    kind : {"points", "postcodes"}
    boundary_set : str or None
        The boundary set (``"2010"`` or ``"2024"``), None for polygons given by the caller.
    given : tuple of str
        Statuses other than the first whose rows were nevertheless given a seat (``nearest``,
        and ``border`` with ``on_border="first"``); the summary lists them apart from the rows
        left without a seat.
    per_seat : pandas.DataFrame or None
        :func:`seatmap.assign_file`: rows per seat, every seat of the boundary set (zeros
        included), indexed by ``code``, with ``constituency`` and ``rows``; None otherwise.
    columns : dict
        :func:`seatmap.assign_file`: the names of the columns added to the file (``code``,
        ``constituency``, ``status``, or ``seatmap_code``... when the file has those names).
    clashes : tuple of str
        :func:`seatmap.assign_file`: the file's headers that made seatmap rename its columns.
    notes : list of str
        :func:`seatmap.assign_file`: how the file was read (the delimiter guessed...).

    Examples
    --------
    >>> r = AssignmentReport(3, 2, {"within": 2, "outside": 1}, {"outside": pd.Index([7])},
    ...                      "2024 boundary set", "longitude/latitude, as given", 0.01)
    >>> print(r.summary())  # doctest: +NORMALIZE_WHITESPACE
    2 of 3 points assigned to a seat of the 2024 boundary set (longitude/latitude, as given) in
    0.01 s. Not assigned: 1 point outside every seat (at sea or outside the UK) (row 7).
    """

    total: int
    assigned: int
    counts: dict[str, int]
    rows: dict[str, pd.Index] = field(repr=False)
    boundaries: str
    method: str
    seconds: float
    kind: str = "points"
    boundary_set: str | None = None
    given: tuple[str, ...] = ()
    per_seat: pd.DataFrame | None = field(default=None, repr=False)
    columns: dict[str, str] = field(default_factory=dict)
    clashes: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def unassigned(self) -> int:
        """Rows left missing (``<NA>``)."""
        return self.total - self.assigned

    @property
    def crs(self) -> str:
        """Points: the coordinate system of the input and how it was determined."""
        return self.method

    @property
    def directory(self) -> str:
        """Postcodes: the directory used, with its postcode and code columns."""
        return self.method

    @property
    def points_per_second(self) -> float:
        """Throughput."""
        return self.total / self.seconds if self.seconds > 0 else float("inf")

    def summary(self) -> str:
        """One paragraph: how many rows were assigned, how, and why the others were not."""
        one, many = _NOUN[self.kind]
        how = f" ({self.method})" if self.kind == "points" else f" using {self.method}"
        text = (f"{self.assigned:,} of {self.total:,} {many} assigned to a seat of the "
                f"{self.boundaries}{how} in {self.seconds:.2f} s.")
        given: list[str] = []
        left: list[str] = []
        for status in STATUSES_BY_KIND[self.kind][1:]:
            n = self.counts.get(status, 0)
            if n:
                labels = list(self.rows.get(status, pd.Index([]))[:5])
                rows = ("row " if n == 1 else "rows ") + ", ".join(map(str, labels))
                why = self.label(status, short=False)
                part = (f"{n:,} {one if n == 1 else many} {why} "
                        f"({rows}{', ...' if n > 5 else ''})")
                (given if status in self.given else left).append(part)
        if given:
            text += " Given a seat another way: " + "; ".join(given) + "."
        if left:
            text += " Not assigned: " + "; ".join(left) + "."
        if self.counts.get("border") and "border" not in self.given:
            text += " on_border='first' assigns boundary points."
        return text

    def label(self, status: str, short: bool = True) -> str:
        """Why rows have ``status``: a short label for a count (``short=True``, as ``seatmap
        assign`` prints "outside every seat (sea or abroad) 2"), or the summary's phrase.

        Examples
        --------
        >>> r = AssignmentReport(1, 0, {"outside": 1}, {}, "2024 boundary set", "", 0.0)
        >>> r.label("outside"), r.label("outside", short=False)
        ('outside every seat (sea or abroad)', 'outside every seat (at sea or outside the UK)')
        """
        if status == "border" and status in self.given:
            return BORDER_GIVEN[short]
        return WORDS[self.kind].get(status, (status, status))[short]

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """Counts per status as a small table (status, rows, share_pct).

        The count column is called ``points`` for points and ``postcodes`` for postcodes.
        """
        col = _NOUN[self.kind][1]
        rows = [(s, self.counts.get(s, 0)) for s in STATUSES_BY_KIND[self.kind]]
        df = pd.DataFrame(rows, columns=["status", col])
        df["share_pct"] = 100.0 * df[col] / max(self.total, 1)
        return df
