"""Assign every row of a file of locations or postcodes to its seat, and write the file back.

:func:`assign_file` is ``seatmap assign`` as a function: it reads a CSV, TSV, XLSX or Parquet
file in chunks (a CSV of millions of rows in flat memory), gives every row its constituency with
:func:`seatmap.assign_points` or :func:`seatmap.assign_postcodes`, writes the file with three
columns added (``code``, ``constituency``, ``status``) and returns the
:class:`~seatmap.points.PointReport` (an :class:`AssignmentReport`) of the whole file: rows per
status, the rows of each problem, rows per seat.

Nothing the user gives is changed or lost (see :mod:`seatmap._userfiles`): every input cell is
passed through as written, under its header as written (repeated and empty headers included), and
a user column is never overwritten (seatmap's columns become ``seatmap_code``... when the names
are taken).

This module writes files, so it sits with the writers in the presentation layer
(docs/architecture.md); the assignment itself is the analysis layer's (``points``, ``postcodes``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack, closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ._atomic import atomic_path
from ._userfiles import (
    check_input,
    check_output,
    describe_delimiter,
    describe_repeats,
    file_error,
    headers_of,
    infer_numbers,
    iter_chunks,
    repeated_headers,
)
from ._validate import SeatmapError, choice
from .elections import BoundarySet

if TYPE_CHECKING:
    import os

    import pandas as pd

    from ._assignreport import AssignmentReport

__all__ = ["ADDED", "CHUNK_ROWS", "added_columns", "assign_file"]

#: Rows read, assigned and written at a time (memory stays flat however long the file).
CHUNK_ROWS = 200_000

#: The columns seatmap adds to an assigned file (renamed when the input already has them).
ADDED = ("code", "constituency", "status")

#: Output formats (by the file's suffix; no suffix writes CSV).
_SUFFIXES = (".csv", "", ".xlsx", ".xls", ".json")


def added_columns(columns: Iterable[object]) -> dict[str, str]:
    """Names for seatmap's added columns that collide with none of the input's columns.

    The usual names (``code``, ``constituency``, ``status``) if the input has none of them;
    otherwise all three prefixed ``seatmap_`` (then ``seatmap2_``...), so a user column is never
    overwritten.

    Examples
    --------
    >>> added_columns(["id", "lat", "lon"])
    {'code': 'code', 'constituency': 'constituency', 'status': 'status'}
    >>> added_columns(["id", "code", "status"])["code"]
    'seatmap_code'
    """
    taken = {str(c) for c in columns}
    prefix, n = "", 1
    while any(prefix + c in taken for c in ADDED):
        prefix = "seatmap_" if n == 1 else f"seatmap{n}_"
        n += 1
    return {c: prefix + c for c in ADDED}


def assign_file(file: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
                lon: str | None = None, lat: str | None = None, x: str | None = None,
                y: str | None = None, crs: int | str | None = None, postcode: str | None = None,
                directory: str | os.PathLike[str] | None = None,
                boundary_set: int | str | BoundarySet | None = None, on_border: str = "missing",
                nearest: float | None = None, sheet: str | int | None = None,
                chunk_rows: int = CHUNK_ROWS,
                progress: Callable[[int, int], None] | None = None,
                note: Callable[[str], None] | None = None) -> AssignmentReport:
    r"""Add the constituency of every row of a file, reading and writing it in chunks.

    Parameters
    ----------
    file : path-like
        CSV (UTF-8 or Windows-1252, any common delimiter), TSV, XLSX or Parquet file, one row per
        location or postcode.
    out : path-like, optional
        Where to write the file with the seats: ``.csv`` (streamed, chunk by chunk), ``.xlsx`` or
        ``.json``. Every input column unchanged, then ``code``, ``constituency`` and ``status``.
        Without it, only the report is made.
    lon, lat : str, optional
        Longitude and latitude columns (EPSG:4326).
    x, y : str, optional
        Easting and northing columns (British National Grid unless ``crs`` says otherwise).
    crs : optional
        Coordinate system of ``x``/``y`` (``27700``, ``"EPSG:3857"``...).
    postcode : str, optional
        Postcode column, looked up in ``directory``.
    directory : path-like, optional
        An ONS-style postcode directory CSV (the ONSPD or NSPL); needed with ``postcode``.
    boundary_set : {"2024", "2010"}, optional
        Seats of this set. Default: the directory's set with postcodes, else 2024.
    on_border : {"missing", "first"}, default "missing"
        Points exactly on a boundary: leave them without a seat, or give them the touching seat
        with the first code (as :func:`seatmap.assign_points`).
    nearest : float, optional
        Give points just outside every seat (on the coast) the nearest seat within this many
        metres.
    sheet : str or int, optional
        Sheet of an XLSX input (name or 0-based position); default the first.
    chunk_rows : int, default :data:`CHUNK_ROWS`
        Rows read, assigned and written at a time.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk: rows done, and the rows expected
        (counted for a CSV, else the rows done so far).
    note : callable, optional
        Called with each note about how the file was read (the delimiter guessed, formulas kept
        as text...) as soon as it is known. The notes are also in the report's ``notes``.

    Returns
    -------
    AssignmentReport
        ``total``, ``assigned``, ``counts`` (rows per status, in the order first met), ``rows``
        (the 0-based data rows of each status but the first: e.g. ``rows["outside"]`` are the
        rows at sea or outside the UK), ``per_seat`` (rows per seat, every seat of the boundary
        set, zeros included), ``columns`` (the names of the added columns), ``clashes`` (the
        input's headers that made seatmap rename them) and ``notes``. ``summary()`` says it in
        words.

    Raises
    ------
    SeatmapError
        For an unreadable input, an output that cannot be written, a column that is not there,
        or a location column whose header appears twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "members.csv").write_text(
    ...     "id,lat,lon\n001,53.5933,-2.2995\n002,51.4996,-0.1246\n003,53.0,1.9\n")
    >>> report = assign_file(folder / "members.csv", folder / "seats.csv", lat="lat", lon="lon")
    >>> report.assigned, report.total, report.counts["outside"], list(report.rows["outside"])
    (2, 3, 1, [2])
    >>> print((folder / "seats.csv").read_text().splitlines()[1])
    001,53.5933,-2.2995,E14001144,Bury North,within
    >>> int(report.per_seat.loc["E14001144", "rows"]), len(report.per_seat)
    (1, 650)
    """
    from .datasets import load_constituencies
    from .points import check_nearest

    on_border = choice(on_border, ("missing", "first"), "on_border value")
    nearest = check_nearest(nearest)
    if postcode is not None and any(v is not None for v in (lon, lat, x, y)):
        raise SeatmapError("Give either postcode= or coordinates (lon=/lat= or x=/y=), not both.")
    path = check_input(file)
    out_path = _check_out(out, (file, directory))
    set_id = _set_of(boundary_set, postcode, directory)
    notes: list[str] = []
    _tell(describe_delimiter(path), notes, note)
    names = load_constituencies(set_id)["name"]
    assigner = _Assigner(names, set_id, postcode=postcode, directory=directory, lon=lon, lat=lat,
                         x=x, y=y, crs=crs, on_border=on_border, nearest=nearest)
    t0 = time.perf_counter()
    try:
        headers = _run(assigner, path, out_path, chunk_rows, sheet, progress,
                       lambda text: _tell(text, notes, note))
    except OSError as err:
        raise SeatmapError(file_error(err)) from err
    return assigner.report(time.perf_counter() - t0, headers, notes, path.name)


def _check_out(out: str | os.PathLike[str] | None,
               inputs: Iterable[str | os.PathLike[str] | None]) -> Path | None:
    if out is None:
        return None
    out_path = check_output(out, inputs=inputs, flag="out=")
    if out_path.suffix.lower() not in _SUFFIXES:
        raise SeatmapError(f"out={str(out)!r}: seatmap writes .csv, .xlsx or .json files.")
    return out_path


def _set_of(boundary_set: int | str | BoundarySet | None, postcode: str | None,
            directory: str | os.PathLike[str] | None) -> str:
    """The boundary set asked for; else the postcode directory's; else the current seats."""
    from .elections import boundary_set as _boundary_set

    if boundary_set is not None:
        return _boundary_set(boundary_set).id
    if postcode is not None:  # the set of the directory's constituency codes
        from .postcodes import directory_boundary_set

        return directory_boundary_set(directory)
    return "2024"


def _tell(text: str | None, notes: list[str], note: Callable[[str], None] | None) -> None:
    if text:
        notes.append(text)
        if note is not None:
            note(text)


def _count_rows(path: Path) -> int:
    with open(path, "rb") as fh:
        return max(sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b"")) - 1, 1)


def _run(assigner: _Assigner, path: Path, out_path: Path | None, chunk_rows: int,
         sheet: str | int | None, progress: Callable[[int, int], None] | None,
         tell: Callable[[str], None]) -> list[str] | None:
    """Read, assign and write chunk by chunk (CSV out streamed; XLSX/JSON written at the end);
    the input's headers as read (None for a file without rows)."""
    stream_to = out_path if out_path is not None and out_path.suffix.lower() in (".csv", "") else None
    total = _count_rows(path) if path.suffix.lower() in (".csv", ".txt", ".tsv") else 0
    kept: list[pd.DataFrame] = []
    headers, done = None, 0
    with ExitStack() as stack, (atomic_path(stream_to) if stream_to is not None else nullcontext()) as tmp:
        chunks = stack.enter_context(closing(iter_chunks(path, chunk_rows, sheet=sheet)))
        for i, chunk in enumerate(chunks):
            if headers is None:
                headers = headers_of(chunk)
                assigner.start([*headers, *chunk.columns], headers, path.name)
                for text in chunk.attrs.get("notes", []):
                    tell(text)
            code, status = assigner.add(chunk)
            if stream_to is not None:
                # the headers exactly as read: pandas renamed repeated and empty ones
                assigner.annotated(chunk, code, status).to_csv(
                    tmp, mode="w" if i == 0 else "a",
                    header=[*headers, *assigner.columns.values()] if i == 0 else False,
                    index=False, lineterminator="\n")
            elif out_path is not None:
                kept.append(assigner.annotated(chunk, code, status))
            done += len(chunk)
            if progress is not None:
                progress(done, total or done)
        if out_path is not None and stream_to is None:
            _write_whole(kept, headers, assigner, out_path, path.name)
    return headers


def _write_whole(kept: list[pd.DataFrame], headers: list[str] | None, assigner: _Assigner,
                 out_path: Path, name: str) -> None:
    """Write an XLSX or JSON output in one go (a spreadsheet shows numbers as numbers, where that
    changes nothing)."""
    import pandas as pd

    from .export import write_table

    table = infer_numbers(pd.concat(kept), exact=True) if kept else pd.DataFrame()
    if kept and headers is not None:  # rows were read, so headers too
        table = _with_headers(table, [*headers, *assigner.columns.values()], out_path, name)
    write_table(table, out_path,
                title=f"{name} with constituencies ({assigner.set_id} boundary set)")


def _with_headers(table: pd.DataFrame, headers: list[str], out_path: Path,
                  name: str) -> pd.DataFrame:
    """The table under the user's headers as read; JSON cannot repeat a name, so it refuses."""
    repeats = repeated_headers(headers)
    if repeats and out_path.suffix.lower() == ".json":
        raise SeatmapError(f"JSON needs a different name for every column, but "
                           f"{describe_repeats(repeats, name)}. Write .csv or .xlsx (which keep "
                           "the headers as they are), or give each column its own header.")
    out = table.set_axis(headers, axis=1)
    out.attrs = {}
    return out


class _Assigner:
    """Assigns chunk after chunk, keeping the counts the report needs."""

    def __init__(self, names: pd.Series, set_id: str, **how: Any) -> None:
        import pandas as pd

        self.names, self.set_id, self.how = names, set_id, how
        self.kind = "postcodes" if how["postcode"] is not None else "points"
        self.per_seat = pd.Series(0, index=names.index, dtype="int64")
        self.statuses: dict[str, int] = {}
        self.rows: dict[str, list[pd.Index]] = {}
        self.columns: dict[str, str] = {}
        self.clashes: tuple[str, ...] = ()
        self.method = ""
        self.done = 0

    def start(self, columns: list[str], headers: list[str], name: str) -> None:
        """Name the added columns (clear of the input's) and refuse a repeated location column."""
        given = {v for k, v in self.how.items()
                 if k in ("lon", "lat", "x", "y", "postcode") and v is not None}
        clash = {h: pos for h, pos in repeated_headers(headers).items() if h in given}
        if clash:
            raise SeatmapError(f"Which column? {describe_repeats(clash, name)}. Rename one so "
                               "that the location column has a header of its own.")
        self.columns = added_columns(columns)
        self.clashes = tuple(c for c in ADDED if c in {str(h) for h in headers})

    def _locate(self, chunk: pd.DataFrame) -> pd.DataFrame:
        """``code`` and ``status`` of every row of a chunk."""
        return cast("pd.DataFrame", self._assign(chunk))

    def _assign(self, chunk: pd.DataFrame) -> pd.DataFrame:
        from .points import assign_points
        from .postcodes import assign_postcodes

        h = self.how
        if self.kind == "postcodes":
            return assign_postcodes(chunk, h["directory"], column=h["postcode"],
                                    boundary_set=self.set_id, status=True, warn=False)
        if h["lon"] is not None or h["lat"] is not None:
            return assign_points(chunk, self.set_id, lon=h["lon"], lat=h["lat"],
                                 on_border=h["on_border"], nearest=h["nearest"], status=True,
                                 warn=False)
        return assign_points(chunk, self.set_id, x=h["x"], y=h["y"], crs=h["crs"],
                             on_border=h["on_border"], nearest=h["nearest"], status=True,
                             warn=False)

    def add(self, chunk: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        """Assign a chunk and count it: its seat codes and statuses."""
        out = self._locate(chunk)
        code, status = out["code"], out["status"].astype("string")
        if not self.method and "report" in out.attrs:
            self.method = out.attrs["report"].method
        for value, n in status.value_counts().items():
            s = str(value)
            self.statuses[s] = self.statuses.get(s, 0) + int(n)
            where = (status == s).to_numpy(dtype=bool, na_value=False)
            self.rows.setdefault(s, []).append(chunk.index[where])
        self.per_seat = self.per_seat.add(code.value_counts(), fill_value=0).astype("int64")
        self.done += len(chunk)
        return code, status

    def annotated(self, chunk: pd.DataFrame, code: pd.Series, status: pd.Series) -> pd.DataFrame:
        """The chunk with the three columns added."""
        text = code.astype("string")
        return chunk.assign(**{self.columns["code"]: text,
                               self.columns["constituency"]: text.map(self.names).astype("string"),
                               self.columns["status"]: status})

    def report(self, seconds: float, headers: list[str] | None, notes: list[str],
               name: str) -> AssignmentReport:
        import pandas as pd

        from ._assignreport import STATUSES_BY_KIND, AssignmentReport

        first = STATUSES_BY_KIND[self.kind][0]
        rows = {s: _joined(parts) for s, parts in self.rows.items() if s != first}
        per_seat = pd.DataFrame({"constituency": self.names,
                                 "rows": self.per_seat.reindex(self.names.index)})
        per_seat.index.name = "code"
        given = () if self.kind == "postcodes" else (
            ("nearest", "border") if self.how["on_border"] == "first" else ("nearest",))
        return AssignmentReport(
            self.done, int(self.per_seat.sum()), dict(self.statuses), rows,
            f"{self.set_id} boundary set", self.method or f"{name} as read", seconds,
            kind=self.kind, boundary_set=self.set_id, given=given, per_seat=per_seat,
            columns=dict(self.columns), clashes=self.clashes, notes=list(notes))


def _joined(parts: Iterable[pd.Index]) -> pd.Index:
    import pandas as pd

    parts = list(parts)
    return parts[0].append(parts[1:]) if parts else pd.Index([])
