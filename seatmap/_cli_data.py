"""Bring-your-own-data commands for the ``seatmap`` CLI: assign, join, crosswalk.

- ``seatmap assign members.csv --lat lat --lon lon --out members_with_seats.csv`` adds the
  constituency of every row (from longitude/latitude, eastings/northings or postcodes with a
  postcode directory), reading and writing in chunks with a progress bar, and prints how many
  rows got a seat and why the others did not: :func:`seatmap.assign_file` does the work and
  returns the report this command prints.
- ``seatmap join mytable.csv --on constituency --out joined.csv`` attaches a seat-level table by
  code or name and prints the unmatched, ambiguous and duplicated rows with suggestions.
- ``seatmap crosswalk mytable.csv --from 2010 --to 2024 --out new.csv`` carries a table between
  boundary sets; ``seatmap crosswalk --validate`` prints the check against the notional 2019
  results.

Nothing the user gives is changed or lost (see :mod:`seatmap._userfiles`): ``assign`` passes every
input cell through as written and never overwrites a user column (its own columns become
``seatmap_code``... when the names are taken); files are recognised by content, delimiter and
encoding; every problem is one clear line and exit status 2.

The progress bar needs no extra package: it is drawn on standard error when that is a terminal
(``--progress always`` forces it, ``never`` hides it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ._cli_common import add_out
from ._userfiles import (
    check_input,
    check_outputs,
    describe_delimiter,
    read_table,
    with_exact_headers,
)
from ._validate import SeatmapError
from .assignfile import CHUNK_ROWS

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------- progress bar

class Progress:
    """A text progress bar on standard error, without dependencies.

    Parameters
    ----------
    total : int
        Units of work expected (an estimate is fine: the bar stops at 100%).
    label : str
        What is being done.
    mode : {"auto", "always", "never"}
        ``auto`` draws the bar only when standard error is a terminal.
    """

    def __init__(self, total: int, label: str, mode: str = "auto", stream=None, width: int = 28):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = mode == "always" or (mode == "auto" and self.stream.isatty())
        self.total, self.label, self.width = max(int(total), 1), label, width
        self.start = time.perf_counter()
        self.done = 0
        self._last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        """Show ``done`` units finished (redrawn at most ten times a second)."""
        self.done = done
        now = time.perf_counter()
        if not self.enabled or (not force and now - self._last < 0.1):
            return
        self._last = now
        frac = min(done / self.total, 1.0)
        fill = round(frac * self.width)
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 and done < self.total else 0.0
        self.stream.write(f"\r{self.label} [{'#' * fill}{'.' * (self.width - fill)}] "
                          f"{100 * frac:3.0f}% {done:,} rows, {rate:,.0f}/s"
                          + (f", {eta:.0f} s left" if eta >= 1 else "") + "   ")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self.total = max(self.total, self.done)
            self.update(self.done, force=True)
            self.stream.write("\n")
            self.stream.flush()


# --------------------------------------------------------------------------- reading input

def _note(text: str | None) -> None:
    if text:
        print(text, file=sys.stderr)


# --------------------------------------------------------------------------- assign

def _assign(sub) -> None:
    p = sub.add_parser(
        "assign", help="add the constituency of every row of a file of locations or postcodes",
        description="Add the constituency of every row of a CSV/XLSX/Parquet file: from longitude "
                    "and latitude (--lon/--lat), British National Grid eastings and northings "
                    "(--x/--y) or postcodes with a postcode directory (--postcode/--directory). "
                    "Rows at sea, outside the UK or without coordinates are kept, with an empty "
                    "code and a status saying why.")
    p.add_argument("file", help="CSV (UTF-8 or Windows-1252), TSV, XLSX or Parquet file")
    p.add_argument("--lon", help="longitude column (WGS84)")
    p.add_argument("--lat", help="latitude column (WGS84)")
    p.add_argument("--x", help="easting column (British National Grid unless --crs)")
    p.add_argument("--y", help="northing column (British National Grid unless --crs)")
    p.add_argument("--crs", help="coordinate system of --x/--y, e.g. 27700 or EPSG:3857")
    p.add_argument("--postcode", help="postcode column (needs --directory)")
    p.add_argument("--directory", help="ONS-style postcode directory CSV (e.g. the ONSPD)")
    p.add_argument("--boundaries", "-b",
                   help="boundary set: 2024 (current seats, default for coordinates) or 2010 "
                        "(2010-2019); with postcodes, the directory's set unless given")
    p.add_argument("--on-border", choices=("missing", "first"), default="missing",
                   help="points exactly on a boundary: leave empty (default) or give them the "
                        "seat with the first code")
    p.add_argument("--nearest", type=float, metavar="METRES",
                   help="give points just outside every seat (e.g. on the coast) the nearest seat "
                        "within this distance")
    p.add_argument("--sheet", help="sheet of an XLSX input (name or 0-based position; default "
                                   "the first)")
    add_out(p, "output file (.csv, .xlsx or .json): the input, every column unchanged, with "
               "code, constituency and status columns added (named seatmap_code... when the "
               "input has those names)")
    p.add_argument("--counts", help="also write rows per seat (every seat, zeros included)")
    p.add_argument("--chunk-rows", type=int, default=CHUNK_ROWS, help=argparse.SUPPRESS)
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="progress bar on standard error (default: when it is a terminal)")
    p.set_defaults(func=cmd_assign)


def _check_assign_args(args: argparse.Namespace) -> None:
    """Refuse options that do not go together, before any file is read."""
    if args.postcode and not args.directory:
        raise SeatmapError("--postcode needs --directory, the path of a postcode directory CSV "
                           "(ONS Postcode Directory or National Statistics Postcode Lookup).")
    coords = [f"--{k}" for k in ("lon", "lat", "x", "y") if getattr(args, k)]
    if args.postcode and coords:
        raise SeatmapError(f"Give either --postcode or coordinates ({'/'.join(coords)}), not "
                           "both: seatmap would use only one of them.")
    if not (args.postcode or coords):
        raise SeatmapError("Say which columns hold the locations: --lon and --lat, --x and --y, "
                           "or --postcode with --directory.")
    if args.crs is not None:
        from ._crs import LONLAT, as_crs, crs_key

        key = crs_key(as_crs(args.crs))  # a clear error now, not a traceback in the first chunk
        if args.postcode or ((args.lon or args.lat) and key != LONLAT):
            raise SeatmapError(f"--crs {args.crs} is the coordinate system of --x/--y; --lon/--lat "
                               "are always longitude/latitude (EPSG:4326) and --postcode needs "
                               "none. Use --x/--y with --crs, or drop --crs.")
    if args.nearest is not None:
        from .points import check_nearest

        check_nearest(args.nearest)


def cmd_assign(args: argparse.Namespace) -> int:
    from .assignfile import assign_file
    from .export import FORMATS, write_table

    _check_assign_args(args)
    path = check_input(args.file)
    outputs = check_outputs({"--out": args.out, "--counts": args.counts},
                            inputs=(args.file, args.directory))
    out_path = outputs.get("--out")
    if out_path is not None:
        fmt = out_path.suffix.lower().lstrip(".") or "csv"
        if fmt not in (*FORMATS, "xls"):
            raise SeatmapError(f"--out {args.out!r}: seatmap writes .csv, .xlsx or .json files.")
    bar = Progress(1, f"assigning {path.name}", args.progress)

    def tick(done: int, total: int) -> None:
        bar.total = max(int(total), 1)
        bar.update(done)

    # an option given empty is not given (as --postcode "" always was)
    named = {k: getattr(args, k) or None for k in ("lon", "lat", "x", "y", "postcode")}
    report = assign_file(path, out_path, **named, crs=args.crs, directory=args.directory,
                         boundary_set=args.boundaries or None, on_border=args.on_border,
                         nearest=args.nearest, sheet=args.sheet, chunk_rows=args.chunk_rows,
                         progress=tick, note=_note)
    bar.close()
    _print_assignment(report)
    if args.counts:
        write_table(cast("pd.DataFrame", report.per_seat), args.counts,
                    title=f"Rows per constituency ({report.boundary_set} boundary set)")
        print(f"Rows per seat written to {args.counts}.")
    if out_path is not None:
        print(f"Written to {out_path}.")
    return 0


def _print_assignment(report) -> None:
    """How many rows got a seat, how, why the others did not, and the seats with most rows."""
    from ._format import fmt_int, text_table

    done, seconds = report.total, report.seconds
    print(f"{fmt_int(report.assigned)} of {fmt_int(done)} rows assigned to a constituency of the "
          f"{report.boundary_set} boundary set in {seconds:.1f} s "
          f"({done / max(seconds, 1e-9):,.0f} rows/s).")
    other = {k: v for k, v in report.counts.items() if k in report.given and v}
    problems = {k: v for k, v in report.counts.items()
                if k not in ("within", "found") and k not in report.given and v}
    if other:
        print("Assigned another way: "
              + "; ".join(f"{report.label(k)} {fmt_int(v)}" for k, v in other.items()) + ".")
    if problems:
        print("Not assigned (code left empty, rows kept): "
              + "; ".join(f"{report.label(k)} {fmt_int(v)}" for k, v in problems.items()) + ".")
    if report.columns and report.columns["code"] != "code":
        print("Your file already has a column called "
              + " or ".join(repr(c) for c in report.clashes)
              + f": seatmap's columns are {', '.join(report.columns.values())} (yours are "
              "unchanged).")
    seats = cast("pd.DataFrame", report.per_seat)
    top = seats["rows"].sort_values(ascending=False, kind="stable").head(10)
    rows = [[str(seats.at[c, "constituency"]), str(c), fmt_int(n)] for c, n in top.items() if n]
    if rows:
        print("\n" + text_table(rows, ["Constituency", "Code", "Rows"], align="llr"))
    print(f"{int((seats['rows'] > 0).sum())} of {len(seats)} seats have at least one row.")


def _read_user_table(file, sheet, missing_words: bool = False):
    """A join or crosswalk input with its headers as written (a repeated header refused)."""
    table = read_table(file, sheet=sheet, missing_words=missing_words)
    for note in table.attrs.get("notes", []):
        _note(note)
    return with_exact_headers(table, Path(file).name)


# --------------------------------------------------------------------------- join

def _join(sub) -> None:
    p = sub.add_parser(
        "join", help="attach a seat-level table to the seats by code or name",
        description="Attach your seat-level table (one row per constituency) to the seats, "
                    "matching a column of GSS codes or names (forgiving case, accents, &/and, "
                    "St/Saint, punctuation and word order). Prints every row that did not "
                    "match, with suggestions.")
    p.add_argument("file", help="CSV, TSV, XLSX or Parquet file")
    p.add_argument("--on", required=True, help="column with the seat codes or names")
    p.add_argument("--boundaries", "-b",
                   help="boundary set of your seats: 2010 or 2024 (default: whichever matches)")
    p.add_argument("--election", "-e",
                   help="attach to that election's full seat table (results, leave...) rather "
                        "than the seat register")
    p.add_argument("--how", choices=("left", "inner"), default="left",
                   help="left: every seat (default); inner: only seats in your table")
    p.add_argument("--duplicates", choices=("first", "last", "sum", "error"), default="first",
                   help="several rows for one seat: keep first (default) or last, sum, or fail")
    p.add_argument("--strict", action="store_true",
                   help="fail unless every row matches exactly one seat")
    p.add_argument("--sheet", help="sheet of an XLSX input (name or 0-based position)")
    add_out(p, "joined table (.csv, .xlsx or .json)")
    p.add_argument("--report", help="what happened to every row of your table (.csv, .xlsx...)")
    p.set_defaults(func=cmd_join)


def cmd_join(args: argparse.Namespace) -> int:
    from .export import write_table
    from .join import join_user_data

    check_outputs({"--out": args.out, "--report": args.report}, inputs=(args.file,))
    _note(describe_delimiter(check_input(args.file)))
    table = _read_user_table(args.file, args.sheet)
    seats = None
    set_id = args.boundaries
    if args.election:
        from .datasets import load_seats

        seats = load_seats(args.election, geometry=False)
        set_id = set_id or seats.attrs["boundary_set"]
    joined, report = join_user_data(table, on=args.on, boundary_set=set_id, seats=seats,
                                    how=args.how, duplicates=args.duplicates,
                                    strict=args.strict, warn=False)
    print(report.summary())
    if args.out:
        write_table(joined, args.out, title=f"{Path(args.file).name} joined to the seats")
        print(f"Written to {args.out} ({len(joined)} rows).")
    if args.report:
        write_table(report.rows, args.report, title=f"Join report for {Path(args.file).name}")
        print(f"Row-by-row report written to {args.report}.")
    return 0


# --------------------------------------------------------------------------- crosswalk

def _crosswalk(sub) -> None:
    p = sub.add_parser(
        "crosswalk", help="carry a seat-level table between the 2010 and 2024 boundaries",
        description="Carry a table with one row per seat between the 2010 and 2024 boundary "
                    "sets through population (or area) overlaps: counts are apportioned, rates "
                    "re-weighted, results recomputed from votes. --validate compares the "
                    "crosswalked 2019 results with Rallings & Thrasher's notional 2019 results.")
    p.add_argument("file", nargs="?", help="CSV, TSV, XLSX or Parquet table, one row per seat")
    p.add_argument("--election", "-e", help="crosswalk that election's results instead of a file")
    p.add_argument("--from", dest="from_set", default="2010", help="boundary set of the table")
    p.add_argument("--to", dest="to_set", default="2024", help="boundary set to carry it to")
    p.add_argument("--code", help="column with the GSS codes or seat names (default: 'code' "
                                    "or the first column)")
    p.add_argument("--weight", choices=("population", "area"), default="population",
                   help="how an old seat's figures are shared between the new seats it overlaps: "
                        "by population (mySociety's postcode-based estimate, the default; right "
                        "for votes, members and most counts) or by land area (for areal "
                        "quantities such as hectares of green space)")
    p.add_argument("--counts", help="comma-separated columns to apportion as counts")
    p.add_argument("--rates", help="comma-separated columns to re-weight as rates")
    p.add_argument("--categories", help="comma-separated columns to take from the main source seat")
    p.add_argument("--validate", action="store_true",
                   help="compare the crosswalked 2019 results with the notional 2019 results "
                        "(Great Britain first; the all-UK figure beside it)")
    p.add_argument("--sheet", help="sheet of an XLSX input (name or 0-based position)")
    add_out(p, "output file (.csv, .xlsx or .json)")
    p.set_defaults(func=cmd_crosswalk)


def _columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def cmd_crosswalk(args: argparse.Namespace) -> int:
    from ._format import fmt_num, text_table
    from .boundary_change import crosswalk, validate_crosswalk
    from .export import write_table

    check_outputs({"--out": args.out}, inputs=(args.file,))
    if args.validate:
        v = validate_crosswalk(args.weight)
        print(v.summary())
        rows = [[r["name"], code, r["crosswalk"], r["notional"], fmt_num(r["crosswalk_majority_pct"]),
                 fmt_num(r["notional_majority_pct"])] for code, r in v.disagreements.iterrows()]
        if rows:
            print("\nSeats whose winner differs:")
            print(text_table(rows, ["Seat", "Code", "Crosswalk", "Notional", "Maj % (cw)",
                                    "Maj % (notional)"], align="llllrr"))
        return 0
    if args.election and args.file:
        raise SeatmapError("Give a file or --election, not both.")
    if args.election:
        from .datasets import load_results
        from .elections import election

        e = election(args.election)
        table, code, what = load_results(e), None, f"{e.id} results"
        from_set = e.boundary_set
    elif args.file:
        _note(describe_delimiter(check_input(args.file)))
        table = _read_user_table(args.file, args.sheet, missing_words=True)
        code = args.code or ("code" if "code" in table.columns else table.columns[0])
        what, from_set = Path(args.file).name, args.from_set
    else:
        raise SeatmapError("Give a table file, --election, or --validate.")
    from .elections import boundary_set

    if boundary_set(from_set).id == boundary_set(args.to_set).id:
        raise SeatmapError(f"The table is already on the {boundary_set(from_set).id} boundary "
                           f"set (--from {from_set}, --to {args.to_set}): it needs no crosswalk. "
                           "Give --to the other set (2010 or 2024).")
    out = crosswalk(table, from_set, args.to_set, args.weight, code=code,
                              counts=_columns(args.counts), rates=_columns(args.rates),
                              categories=_columns(args.categories))
    info = out.attrs["crosswalk"]
    kinds: dict[str, list[str]] = {}
    for col, kind in info["columns"].items():
        kinds.setdefault(kind, []).append(col)
    print(f"{what}: {len(table)} seats of the {info['from']} set -> {len(out)} seats of the "
          f"{info['to']} set ({info['weight']} weights).")
    for kind in ("count", "rate", "category", "derived", "dropped"):
        if kinds.get(kind):
            cols = kinds[kind]
            shown = ", ".join(cols[:8]) + (f" and {len(cols) - 8} more" if len(cols) > 8 else "")
            print(f"  {kind}: {shown}")
    guessed = [f"{c} ({info['columns'][c]}: {why})" for c, why in info.get("reasons", {}).items()
               if why.startswith(("whole numbers", "fractional numbers"))]
    if guessed:
        print("  Guessed from the values (say otherwise with --counts, --rates or --categories): "
              + "; ".join(guessed) + ".")
    if "category" in kinds:
        print("  Categories are not apportioned: each new seat takes the value of the old seat "
              "supplying most of it (main_source_share_pct).")
    partial = out[out["coverage_pct"] < 99.999]
    if len(partial):
        print(f"{len(partial)} new seats are only partly covered by your table (coverage_pct < "
              "100): their counts are too low.")
    if args.out:
        write_table(out, args.out, title=f"{what} on the {info['to']} boundaries")
        print(f"Written to {args.out}.")
    else:
        show = [c for c in out.columns if c != "name"][:4]
        rows = [[r["name"], code, *[_cell(r[c]) for c in show]] for code, r in out.head(10).iterrows()]
        print("\n" + text_table(rows, ["Seat", "Code", *show]))
        print(f"... {len(out)} rows; write them all with --out FILE.")
    return 0


def _cell(value) -> str:
    from ._format import fmt_num

    if isinstance(value, float):
        return fmt_num(value)
    return "–" if value is None else str(value)


#: This module's commands, in help order (listed in seatmap.cli.command_modules).
COMMANDS = (_assign, _join, _crosswalk)
