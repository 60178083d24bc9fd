"""Reading and writing the user's own files for the CLI (assign, join, crosswalk), losing nothing.

- The format is decided by the file's *content* (an XLSX renamed ``.csv`` or a CSV renamed
  ``.xls`` is read as what it is), the text encoding by whether the file decodes as UTF-8
  (otherwise Windows-1252, as Excel writes), and the delimiter of a text file from its header
  line (comma, semicolon, tab or bar).
- :func:`read_table` with ``text=True`` reads every cell as text, exactly as written: ``00123``
  stays ``00123``, ``NA``/``None``/``null`` stay words, a phone number does not become a float.
  Without it, only columns whose every value is written as a plain number become numbers, so
  nothing changes when the table is written back.
- Every problem is a :class:`~seatmap.SeatmapError` that says what to do: no such file, a
  folder, unreadable, empty, not a table, an XLSX whose data is on another sheet, an output
  path that is a folder or in a read-only folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ._validate import SeatmapError

__all__ = ["check_input", "check_output", "check_outputs", "file_error", "headers_of",
           "iter_chunks", "read_table", "repeated_headers", "sniff", "with_exact_headers"]

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab", "")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
_INT = re.compile(r"0|-?[1-9][0-9]*")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def check_input(path: str | os.PathLike) -> Path:
    """The input file as a Path, or a clear error if it is missing, a folder or unreadable.

    Examples
    --------
    >>> check_input("/no/such/file.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seatmap._validate.SeatmapError: No file '/no/such/file.csv'. Check the path ...
    """
    p = Path(path).expanduser()
    if p.is_dir():
        raise SeatmapError(f"{str(p)!r} is a folder, not a file. Give the path of the table "
                           "(CSV, TSV, XLSX or Parquet).")
    if not p.is_file():
        raise SeatmapError(f"No file {str(p)!r}. Check the path (and the folder you run seatmap "
                           "from).")
    try:
        with open(p, "rb") as fh:
            fh.read(1)
    except OSError as err:
        raise SeatmapError(f"Cannot read {str(p)!r}: {err.strerror or err}. Check its "
                           "permissions, or copy it somewhere you can read.") from err
    return p


def check_output(path: str | os.PathLike, *, inputs=(), flag: str = "--out",
                 suffixes: tuple[str, ...] | None = None) -> Path:
    """The output path, checked before any work: not a folder, not an input, folder writable.

    Parameters
    ----------
    path : path-like
        Where the command will write.
    inputs : iterable of path-like
        Files the command reads (``None`` entries are skipped): the output may not be one.
    flag : str, default "--out"
        The option that named ``path``, for the message.
    suffixes : tuple of str, optional
        The file types the command writes (``(".html", ".htm")``); another suffix is refused
        rather than written under a misleading name.

    Examples
    --------
    >>> import tempfile
    >>> check_output(tempfile.gettempdir())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seatmap._validate.SeatmapError: --out ... is a folder; give a file name ...
    >>> check_output("x.csv", suffixes=(".html",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seatmap._validate.SeatmapError: --out 'x.csv' would hold HTML...
    """
    if not str(path).strip():
        raise SeatmapError(f"{flag} is empty; give a file name, e.g. {flag} "
                           f"output{(suffixes or ('.csv',))[0]}.")
    p = Path(path).expanduser()
    if p.is_dir():
        raise SeatmapError(f"{flag} {str(p)!r} is a folder; give a file name in it, e.g. "
                           f"{str(p / ('output' + (suffixes or ('.csv',))[0]))!r}.")
    if suffixes and p.suffix.lower() not in suffixes:
        kind = {".html": "HTML", ".png": "an image", ".md": "Markdown"}.get(suffixes[0], suffixes[0])
        raise SeatmapError(f"{flag} {str(p)!r} would hold {kind}; give a name ending "
                           f"{' or '.join(suffixes)}, e.g. {str(p.with_suffix(suffixes[0]))!r}.")
    for i in inputs:
        if i is not None and p.exists() and _same_file(p, Path(i).expanduser()):
            raise SeatmapError(f"{flag} {str(p)!r} is the input file; write to another file so "
                               "your data is not overwritten.")
    folder = p.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise SeatmapError(f"Cannot write {str(p)!r}: {str(folder)!r} is a file, not a folder. "
                           f"Choose another path with {flag}.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SeatmapError(f"Cannot write {str(p)!r}: the folder {str(folder)!r} is not "
                           f"writable. Choose another folder with {flag}.")
    if p.exists() and not os.access(p, os.W_OK):
        raise SeatmapError(f"Cannot write {str(p)!r}: the file is read-only. Choose another "
                           f"name with {flag}.")
    return p


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (the same path, a symbolic link or a hard link to it)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def check_outputs(outputs, *, inputs=(), suffixes=None) -> dict[str, Path]:
    """Check every output of one command before anything is written (see :func:`check_output`).

    Two outputs that resolve to the same file are refused: the second would silently replace
    the first (``--out o.csv --counts o.csv`` once left only the counts).

    Parameters
    ----------
    outputs : mapping of str to path-like
        Option (``"--out"``) to the path it names; ``None`` paths are skipped.
    inputs : iterable of path-like
        Files the command reads.
    suffixes : mapping of str to tuple of str, optional
        Allowed suffixes per option.

    Returns
    -------
    dict of str to pathlib.Path

    Examples
    --------
    >>> check_outputs({"--out": "o.csv", "--counts": "./o.csv"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seatmap._validate.SeatmapError: --out and --counts are the same file ('./o.csv')...
    """
    checked: dict[str, Path] = {}
    for flag, path in outputs.items():
        if path is None:
            continue
        p = check_output(path, inputs=inputs, flag=flag, suffixes=(suffixes or {}).get(flag))
        for other, q in checked.items():
            if _same_file(p, q):
                raise SeatmapError(f"{other} and {flag} are the same file ({str(path)!r}): the "
                                   "second would replace the first. Give each its own name.")
        checked[flag] = p
    return checked


def file_error(err: OSError) -> str:
    """One line saying which file could not be read or written, why, and what to do.

    Examples
    --------
    >>> import errno
    >>> file_error(OSError(errno.ENOSPC, "No space left on device", "out.csv"))
    "Could not write 'out.csv': the disk is full (No space left on device). Free some space or \
write to another disk; any earlier 'out.csv' is unchanged."
    """
    import errno

    name = repr(str(err.filename)) if err.filename is not None else "the file"
    why = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (f"Could not write {name}: the disk is full ({why}). Free some space or write to "
                f"another disk; any earlier {name} is unchanged.")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"Could not write {name}: {why}. Choose a folder you can write to; any earlier "
                f"{name} is unchanged.")
    if err.errno == errno.EISDIR:
        return f"{name} is a folder; give a file name in it."
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        if getattr(err, "writing", False):
            return (f"Could not write {name}: {why} (that folder cannot hold new files). Choose "
                    "another folder.")
        return f"No such file or folder: {name}. Check the path."
    return (f"Could not read or write {name}: {why}. Check the path, that the folder is "
            "writable and has space, and that no other program holds the file open.")


def _kind(path: Path) -> str:
    """``xlsx``, ``xls``, ``parquet`` or ``text``, from the first bytes of the file."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PAR1"):
        return "parquet"
    return "text"


def _encoding(path: Path) -> str:
    """``utf-8-sig`` if the whole file decodes as UTF-8, else ``cp1252`` (Excel's CSVs)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            while block := fh.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def sniff(path: Path, encoding: str) -> str:
    """The delimiter of a text table, from its header line.

    The candidate (comma, semicolon, tab, bar) found most often in the header wins; a tie goes
    to the usual one for the suffix (tab for ``.tsv``, else comma). A one-column file has none
    of them: the usual one is used.
    """
    default = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        header = fh.readline()
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == default))
    return best if counts[best] else default


def _text_options(path: Path) -> dict:
    encoding = _encoding(path)
    return {"sep": sniff(path, encoding), "encoding": encoding, "dtype": str,
            "keep_default_na": False, "na_filter": False}


def describe_delimiter(path: Path) -> str | None:
    """A note when a text table is not comma-separated (None for a plain CSV or non-text file)."""
    p = Path(path)
    if _kind(p) != "text":
        return None
    sep = sniff(p, _encoding(p))
    default = "\t" if p.suffix.lower() in (".tsv", ".tab") else ","
    return None if sep == default else f"{p.name} read as {_DELIMITERS[sep]}-separated values."


def _read_excel(path: Path, sheet, text: bool):
    import pandas as pd

    try:
        book = pd.ExcelFile(path)
    except Exception as err:  # a damaged or password-protected workbook
        raise SeatmapError(f"Cannot read {path.name} as an Excel workbook ({err}). Save it again "
                           "from Excel as .xlsx, or export it as CSV.") from err
    with book:
        names = book.sheet_names
        if sheet is not None:
            if sheet not in names and str(sheet).isdigit() and int(sheet) < len(names):
                sheet = names[int(sheet)]
            if sheet not in names:
                raise SeatmapError(f"{path.name} has no sheet {sheet!r}. Sheets: "
                                   f"{', '.join(map(repr, names))}.")
        target = sheet if sheet is not None else names[0]
        source, engine, formulas = book, None, _Cells()
        if _kind(path) == "xlsx" and _has_formulas(path):
            source, formulas = _formulas_as_text(path, target)
            engine = "openpyxl"
        options = {"dtype": str, "keep_default_na": False, "na_filter": False} if text else {}
        frame = pd.read_excel(source, sheet_name=target, engine=engine, **options)
        first = pd.read_excel(source, sheet_name=target, engine=engine, header=None, nrows=1,
                              dtype=str)
        if sheet is None and frame.empty and len(names) > 1:
            filled = [n for n in names[1:]
                      if not pd.read_excel(book, sheet_name=n, nrows=1).columns.empty]
            if filled:
                raise SeatmapError(
                    f"The first sheet of {path.name} ({names[0]!r}) is empty; the data seems to "
                    f"be on sheet {filled[0]!r}. Pass --sheet {filled[0]!r}. Sheets: "
                    f"{', '.join(map(repr, names))}.")
    written = ["" if pd.isna(v) else str(v) for v in first.iloc[0]] if len(first) else []
    frame.attrs["headers"] = _exact_headers(frame.columns, written)
    if formulas:
        shown = ", ".join(formulas[:5]) + (f" and {len(formulas) - 5:,} more"
                                           if len(formulas) > 5 else "")
        frame.attrs["notes"] = [
            f"{len(formulas):,} cell{'s' if len(formulas) != 1 else ''} of sheet {target!r} of "
            f"{path.name} hold{'s' if len(formulas) == 1 else ''} a formula without a saved "
            f"value ({shown}): the workbook was written by a program, not calculated by a "
            "spreadsheet. seatmap keeps the formula text (e.g. "
            f"{formulas.text[0]!r}); open and save the file in Excel or LibreOffice to get "
            "the values."]
    return frame


class _Cells(list):
    """Cell references (``C2``), with the formula text of each in ``text``."""

    text: list


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of an XLSX holds a formula (a quick look at the raw XML)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as fh:
                        tail = b""
                        while block := fh.read(1 << 20):
                            if _FORMULA.search(tail + block):
                                return True
                            tail = block[-16:]
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def _formulas_as_text(path: Path, sheet: str):
    """The workbook with each formula cell that has no saved value holding its formula text.

    A workbook written by a program (openpyxl, a report generator) stores formulas without
    calculating them; a reader sees an empty cell. Returns the workbook (values as saved,
    formulas as text where no value was saved) and the references of those cells.
    """
    from openpyxl import load_workbook

    values = load_workbook(path, data_only=True)
    formulas = load_workbook(path, read_only=True, data_only=False)
    cells = _Cells()
    cells.text = []
    try:
        ws, shown = values[sheet], formulas[sheet]
        for row in shown.iter_rows():
            for cell in row:
                if cell.data_type != "f" or cell.value is None:
                    continue
                target = ws.cell(row=cell.row, column=cell.column)
                if target.value is None:
                    text = cell.value if isinstance(cell.value, str) else getattr(
                        cell.value, "text", str(cell.value))
                    text = text if str(text).startswith("=") else f"={text}"
                    target.value = text
                    cells.append(cell.coordinate)
                    cells.text.append(text)
    finally:
        formulas.close()
    return values, cells


def _exact_headers(columns, written) -> list:
    """The headers as written in the file, where pandas renamed them (``id.1``, ``Unnamed: 0``).

    ``columns`` are pandas' (unique) names, ``written`` the header cells as text. Where they
    agree pandas' name is kept (a number stays a number); if the counts differ (a ragged file),
    pandas' names are kept.
    """
    columns = list(columns)
    if len(written) != len(columns):
        return columns
    return [c if str(c) == w else w for c, w in zip(columns, written, strict=True)]


def _csv_header(path: Path, sep: str, encoding: str) -> list[str]:
    """The header cells of a text table exactly as written (the first non-blank line)."""
    import csv

    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        for row in csv.reader(fh, delimiter=sep):
            if row:
                return row
    return []


def headers_of(frame) -> list:
    r"""The user's headers of a frame read by :func:`read_table` or :func:`iter_chunks`.

    pandas renames duplicate headers (``id,id`` -> ``id``, ``id.1``) and empty ones
    (``Unnamed: 0``) so that every column has its own name; seatmap works with those names and
    writes the headers back as they were read.

    Examples
    --------
    >>> import tempfile, os, pathlib
    >>> path = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = pathlib.Path(path).write_text(",id,id\n1,2,3\n")
    >>> t = read_table(path, text=True)
    >>> list(t.columns), headers_of(t)
    (['Unnamed: 0', 'id', 'id.1'], ['', 'id', 'id'])
    """
    return list(frame.attrs.get("headers", frame.columns))


def repeated_headers(headers) -> dict[str, list[int]]:
    """Headers that appear more than once, with their 1-based column positions.

    Examples
    --------
    >>> repeated_headers(["id", "name", "id", "", ""])
    {'id': [1, 3], '': [4, 5]}
    """
    where: dict[str, list[int]] = {}
    for i, h in enumerate(headers, start=1):
        where.setdefault(str(h), []).append(i)
    return {h: pos for h, pos in where.items() if len(pos) > 1}


def describe_repeats(repeats: dict[str, list[int]], name: str) -> str:
    """``columns 1 and 3 of t.csv are both headed 'id'`` for a message."""
    parts = []
    for h, pos in repeats.items():
        cols = ", ".join(map(str, pos[:-1])) + f" and {pos[-1]}"
        parts.append(f"columns {cols} of {name} are all {'empty' if not h else repr(h)}"
                     if len(pos) > 2 else
                     f"columns {cols} of {name} are both {'empty' if not h else repr(h)}")
    return "; ".join(parts)


def with_exact_headers(frame, name: str):
    """``frame`` with its columns named exactly as in the file, or an error naming a repeat.

    For commands whose output mixes the user's columns with seatmap's (``join``,
    ``crosswalk``): each column needs its own name, so a repeated (or a second empty) header is
    refused rather than renamed.
    """
    headers = headers_of(frame)
    repeats = repeated_headers(headers)
    if repeats:
        raise SeatmapError(f"Headers must differ: {describe_repeats(repeats, name)}. Give each "
                           "column its own header (seatmap writes headers exactly as read, so "
                           "it will not rename them).")
    out = frame.set_axis(headers, axis=1)
    out.attrs = {k: v for k, v in frame.attrs.items() if k != "headers"}
    return out


def read_table(path: str | os.PathLike, *, sheet: str | int | None = None, text: bool = False,
               missing_words: bool = False):
    r"""Read a user table: CSV/TSV (any common delimiter; UTF-8 or Windows-1252), XLSX or Parquet.

    Parameters
    ----------
    path : path-like
    sheet : str, optional
        Sheet of an XLSX workbook (name or 0-based position); default the first.
    text : bool, default False
        Every cell as text, exactly as written (for columns passed through untouched).
        Otherwise columns whose every value is a plain number become numbers.
    missing_words : bool, default False
        Also read ``NA``, ``N/A``, ``null``, ``None``... as missing in a column that is
        otherwise numbers (for calculations; see :data:`MISSING_WORDS`).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import tempfile, os, pathlib
    >>> path = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = pathlib.Path(path).write_text("id;phone;n\n00123;07700900123;5\n")
    >>> read_table(path, text=True).values.tolist()
    [['00123', '07700900123', '5']]
    >>> read_table(path)["n"].tolist(), read_table(path)["id"].tolist()
    ([5], ['00123'])
    """
    import pandas as pd

    p = check_input(path)
    kind = _kind(p)
    try:
        if kind in ("xlsx", "xls"):
            if kind == "xls":
                _require("xlrd", f"{p.name} is an old Excel (.xls) workbook: save it as .xlsx or CSV "
                                 "from Excel, or")
            frame = _read_excel(p, sheet, text)
        elif kind == "parquet":
            _require("pyarrow", f"{p.name} is a Parquet file: save it as CSV, or")
            frame = pd.read_parquet(p)
        else:
            options = _text_options(p)
            frame = pd.read_csv(p, **options)
            frame.attrs["headers"] = _exact_headers(
                frame.columns, _csv_header(p, options["sep"], options["encoding"]))
    except SeatmapError:
        raise
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeError, ValueError,
            OSError) as err:
        raise _table_error(p, err) from err
    if kind == "text" and not text:
        attrs = frame.attrs
        frame = infer_numbers(frame, missing=MISSING_WORDS if missing_words else ("",))
        frame.attrs = attrs
    return frame


def _require(module: str, what: str) -> None:
    """Raise a clear error when an optional reader (the ``formats`` extra) is not installed."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise SeatmapError(f"{what} install the optional readers: pip install 'seatmap[formats]' "
                           f"({module} is not installed).")


def _table_error(p: Path, err: Exception) -> SeatmapError:
    import pandas as pd

    if isinstance(err, pd.errors.EmptyDataError):
        return SeatmapError(f"{p.name} is empty: it has no header row.")
    return SeatmapError(f"Cannot read {p.name} as a table ({str(err).strip()}). Save it as CSV "
                        "(UTF-8) or XLSX with one header row.")


def iter_chunks(path: Path, size: int, *, sheet: str | int | None = None):
    """The table in chunks of ``size`` rows, every cell as text (CSV is streamed).

    Close the generator (``contextlib.closing``) when not reading to the end, so the file is
    closed at once rather than when the generator is garbage-collected.
    """
    import pandas as pd

    p = check_input(path)
    if _kind(p) == "text":
        headers = None
        try:
            options = _text_options(p)
            with pd.read_csv(p, chunksize=size, **options) as reader:  # closed with the generator
                for chunk in reader:
                    if headers is None:
                        headers = _exact_headers(chunk.columns, _csv_header(
                            p, options["sep"], options["encoding"]))
                    chunk.attrs["headers"] = headers
                    yield chunk
        except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeError, ValueError) as err:
            raise _table_error(p, err) from err
        return
    frame = read_table(p, sheet=sheet, text=True)
    for start in range(0, max(len(frame), 1), size):
        chunk = frame.iloc[start:start + size]
        chunk.attrs = dict(frame.attrs)
        yield chunk


#: Words that stand for a missing number in a column that is otherwise numbers (for
#: calculations, such as a crosswalk; passed-through columns keep them as written).
MISSING_WORDS = ("", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "None", "none",
                 "#N/A", "-")


def infer_numbers(frame, *, exact: bool = False, missing: tuple[str, ...] = ("",)):
    """Turn text columns into numbers where every value is written as a plain number.

    A column becomes integers if every non-empty value is written as a plain integer (no
    leading zeros, no ``+``, no spaces), floats if every one is a plain decimal; empty cells
    become missing (so do the words in ``missing``, e.g. :data:`MISSING_WORDS`, in a column
    that is otherwise numbers). Other columns stay text, as written, with empty cells missing.
    With ``exact=True`` a
    float column must also read back exactly as written (``0.10`` and ``1e5`` stay text), for
    writing a spreadsheet whose cells show what the user's file held.

    Examples
    --------
    >>> import pandas as pd
    >>> t = infer_numbers(pd.DataFrame({"a": ["1", "", "3"], "b": ["00123", "7", ""],
    ...                                 "c": ["1.5", "2", "-0.25"]}))
    >>> [str(t[c].dtype) for c in ("a", "c")], t["b"].tolist()
    (['Int64', 'float64'], ['00123', '7', nan])
    >>> infer_numbers(pd.DataFrame({"x": ["0.10", "2.5"]}), exact=True)["x"].tolist()
    ['0.10', '2.5']
    """
    import numpy as np
    import pandas as pd

    out = {}
    for col in frame.columns:
        s = frame[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            out[col] = s
            continue
        empty = s.isin(list(missing)).fillna(True).astype(bool) | s.isna()
        vals = s[~empty]
        vals = vals.astype(str)
        if len(vals) and vals.str.fullmatch(_INT.pattern).all():
            num = pd.to_numeric(s.where(~empty, None), errors="coerce")
            big = num.abs().max() >= 2**53
            if not big:
                out[col] = num.astype("int64") if not empty.any() else num.astype("Int64")
                continue
        elif len(vals) and vals.str.fullmatch(_FLOAT.pattern).all():
            num = pd.to_numeric(s.where(~empty, None), errors="coerce").astype(float)
            if not exact or (num[~empty].map(repr) == vals).all():
                out[col] = num
                continue
        out[col] = s.where(~s.eq("").fillna(True).astype(bool), np.nan)
    return pd.DataFrame(out, index=frame.index)
