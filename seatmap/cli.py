"""The ``seatmap`` command line.

Each sub-command is a small function that parses nothing itself: argparse hands it the parsed
arguments, it calls the library, and prints or writes the result. Errors seatmap understands
(``SeatmapError``) are printed as one clear line and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from . import __version__
from ._validate import SeatmapError

Command = Callable[[argparse.Namespace], int]
_REGISTRY: list[Callable[[argparse._SubParsersAction], None]] = []


def command(register: Callable[[argparse._SubParsersAction], None]):
    """Decorator: add a function that registers a sub-command on the parser."""
    _REGISTRY.append(register)
    return register


def _election_arg(p: argparse.ArgumentParser, default: str = "2019") -> None:
    p.add_argument("--election", "-e", default=default,
                   help="2010, 2015, 2017, 2019, 2024 or 2019-notional (default: %(default)s)")


@command
def _summary(sub) -> None:
    p = sub.add_parser("summary", help="summarise the bundled data for one election",
                       description="Seats, votes and shares by party, and the bundled datasets, "
                                   "for one election.")
    _election_arg(p)
    p.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    from ._format import fmt_int, fmt_num, text_table
    from .datasets import load_seats
    from .elections import NATIONS, election
    from .parties import PARTIES

    e = election(args.election)
    seats = load_seats(e, geometry=False)
    print(f"{e.description} — {len(seats)} seats on the {e.boundary_set} boundary set")
    nations = seats["nation"].value_counts()
    print("Seats by nation: " + ", ".join(f"{n} {nations.get(n, 0)}" for n in NATIONS))
    valid = seats["valid_votes"].sum()
    print(f"Electorate {fmt_int(seats['electorate'].sum())}; valid votes {fmt_int(valid)}; "
          f"turnout {fmt_num(100 * valid / seats['electorate'].sum())}%\n")
    rows = []
    wins = seats["winner"].value_counts()
    for party in seats.attrs["parties"]:
        votes = seats[f"{party}_votes"].sum()
        rows.append((wins.get(party, 0), votes, party))
    rows.sort(key=lambda t: (-t[0], -t[1]))
    table = [[PARTIES[p].name, fmt_int(w), fmt_int(v), fmt_num(100 * v / valid) + "%"]
             for w, v, p in rows if w or v]
    print(text_table(table, ["Party", "Seats", "Votes", "Share"], align="lrrr"))
    if e.caveat:
        print(f"Note: {e.caveat}")
    leave = seats["leave_pct"]
    print(f"\nEU referendum: {int((leave > 50).sum())} seats voted leave "
          f"({int(seats['leave_known'].sum())} figures are counts, the rest estimates).")
    if "settlement" in seats:
        counts = seats["settlement"].value_counts()
        print("Town/city classification: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("\nSources: see `seatmap sources` for publishers, licences and attribution.")
    return 0


@command
def _audit(sub) -> None:
    p = sub.add_parser("audit", help="audit the 2020 report's quantitative claims",
                       description="Test each quantitative claim of the 2020 report on Labour's "
                                   "2019 defeat under several definitions and write a Markdown "
                                   "report with verdicts, evidence and tables.")
    p.add_argument("--out", "-o", default="audit.md", help="Markdown file (default: %(default)s)")
    p.add_argument("--maps", action="store_true", help="also draw PNG maps beside the report")
    p.set_defaults(func=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import audit_claims, audit_report

    path = audit_report(args.out, maps=args.maps)
    for c in audit_claims():
        print(f"{c.verdict:<34} {c.quote}")
    print(f"\nWrote {path}")
    return 0


@command
def _sources(sub) -> None:
    p = sub.add_parser("sources", help="list the data sources, licences and attribution")
    p.set_defaults(func=cmd_sources)


def cmd_sources(args: argparse.Namespace) -> int:
    import textwrap

    from .sources import SOURCES

    for s in SOURCES.values():
        print(f"{s.title}\n  {s.publisher} — {s.licence}")
        print(textwrap.indent(textwrap.fill(s.attribution, 96), "  "))
        if s.url:
            print(f"  {s.url}")
        print()
    return 0


# Modules that register further sub-commands with @command (imported when the parser is built).
COMMAND_MODULES: tuple[str, ...] = ("_cli_targeting", "_cli_maps", "_cli_data")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"seatmap.{name}")
    parser = argparse.ArgumentParser(
        prog="seatmap",
        description="UK electoral geography and seat targeting on the bundled data.",
        epilog="Run `seatmap COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"seatmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _REGISTRY:
        register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``seatmap`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except SeatmapError as err:
        print(f"seatmap: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `seatmap targets | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
