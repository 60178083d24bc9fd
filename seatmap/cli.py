"""The ``seatmap`` command line.

Each sub-command is a small function that parses nothing itself: argparse hands it the parsed
arguments, it calls the library, and prints or writes the result. Errors seatmap understands
(``SeatmapError``) are printed as one clear line and exit with status 2.

**Adding a command** (the one pattern every command module follows):

1. In a command module (this one, or ``seatmap/_cli_<topic>.py``), write a registration function
   ``def _name(sub): p = sub.add_parser(...); ...; p.set_defaults(func=cmd_name)`` and the
   command ``def cmd_name(args) -> int``. Shared options come from :mod:`seatmap._cli_common`
   (``add_election``, ``add_out``); a command module never imports ``seatmap.cli``.
2. List the registration function in the module's ``COMMANDS`` tuple.
3. A new module: add it to :func:`command_modules` below (the explicit list, in help order).

Nothing registers itself as a side effect of being imported: the parser is exactly what
:func:`command_modules` lists.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import ModuleType

from . import __version__
from ._cli_common import add_election, add_out
from ._validate import SeatmapError

Command = Callable[[argparse.Namespace], int]


def _summary(sub) -> None:
    p = sub.add_parser("summary", help="summarise the bundled data for one election",
                       description="Seats, votes and shares by party, and the bundled datasets, "
                                   "for one election.")
    add_election(p)
    p.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    """``seatmap summary``: seats, votes and shares of one election, by nation and party."""
    from ._format import fmt_int, fmt_num, text_table
    from .datasets import load_seats
    from .elections import NATIONS, election
    from .parties import party_name

    e = election(args.election)
    seats = load_seats(e, geometry=False)
    print(f"{e.description} — {len(seats)} seats: {e.basis}")
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
    table = [[party_name(p, e.id), fmt_int(w), fmt_int(v), fmt_num(100 * v / valid) + "%"]
             for w, v, p in rows if w or v]
    print(text_table(table, ["Party", "Seats", "Votes", "Share"], align="lrrr"))
    if e.caveat:
        print(f"Note: {e.caveat}")
    leave, counts = seats["leave_pct"], int(seats["leave_known"].sum())
    print(f"\nEU referendum: {int((leave > 50).sum())} seats voted leave ("
          + (f"{counts} figures are counts, the rest estimates)." if counts else
             f"every figure is an estimate: the referendum was counted by council, not on the "
             f"{e.boundary_set} boundaries)."))
    if "settlement" in seats:
        counts = seats["settlement"].value_counts()
        print("Town/city classification: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("\nSources: see `seatmap sources` for publishers, licences and attribution.")
    return 0


def _audit(sub) -> None:
    p = sub.add_parser("audit", help="test the quantitative claims of the 2020 report on "
                                     "Labour's 2019 defeat",
                       description="Test each quantitative claim of the 2020 report on Labour's "
                                   "2019 general-election defeat (48 leave-voting seats lost, "
                                   "leave-dominated marginals, 65% of Labour MPs in city "
                                   "seats, 72 -> 51 blue-collar seats, the named targets and "
                                   "defences) under several definitions, and write a Markdown "
                                   "report with verdicts, evidence and tables (docs/audit.md is "
                                   "the published one).")
    add_out(p, "Markdown file", default="audit.md")
    p.add_argument("--maps", action="store_true", help="also draw PNG maps beside the report")
    p.set_defaults(func=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    """``seatmap audit``: test the 2020 report's claims; with ``--out``, write the audit."""
    from .audit import audit_claims
    from .reports import audit_report

    path = audit_report(args.out, maps=args.maps)
    for c in audit_claims():
        print(f"{c.verdict}\n    {c.quote}")
    print(f"\nWrote {path}")
    return 0


def _sources(sub) -> None:
    p = sub.add_parser("sources", help="list the data sources, licences and attribution",
                       description="Print every source of seatmap's bundled data: its title, "
                                   "publisher, licence, the attribution text its licence asks "
                                   "you to keep (copy it into reports and slides that use the "
                                   "data) and where it was downloaded from. XLSX files seatmap "
                                   "writes carry the same text on their Sources sheet.")
    p.set_defaults(func=cmd_sources)


def cmd_sources(args: argparse.Namespace) -> int:
    """``seatmap sources``: every data source, its licence and the attribution to keep."""
    import textwrap

    from .sources import SOURCES

    for s in SOURCES.values():
        print(f"{s.title}\n  {s.publisher} — {s.licence}")
        print(textwrap.indent(textwrap.fill(s.attribution, 96), "  "))
        if s.url:
            print(f"  {s.url}")
        print()
    return 0


#: This module's commands, in help order (see the module docstring).
COMMANDS = (_summary, _audit, _sources)


def command_modules() -> tuple[ModuleType, ...]:
    """The modules whose ``COMMANDS`` make up the ``seatmap`` command, in help order."""
    from . import _cli_communities, _cli_data, _cli_explore, _cli_forecast, _cli_maps, _cli_targeting

    return (sys.modules[__name__], _cli_targeting, _cli_communities, _cli_forecast, _cli_maps,
            _cli_explore, _cli_data)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command of :func:`command_modules`."""
    parser = argparse.ArgumentParser(
        prog="seatmap",
        description="UK electoral geography and seat targeting on the bundled data.",
        epilog="Run `seatmap COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"seatmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        for register in module.COMMANDS:
            register(sub)
    return parser


#: The file options of the commands that read or write files: ``(outputs, inputs)`` by command
#: (every other command: ``--out`` only). Outputs are checked before the command runs: not a
#: folder, not an input, not each other, in a writable folder, of the right type.
FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "map": (("out", "png"), ()),
    "assign": (("out", "counts"), ("file", "directory")),
    "join": (("out", "report"), ("file",)),
    "crosswalk": (("out",), ("file",)),
}
#: File types an output option must have, where the content does not follow the name.
SUFFIXES = {("map", "out"): (".html", ".htm"), ("explore", "out"): (".html", ".htm"),
            ("map", "png"): (".png", ".svg", ".pdf")}


def check_files(args: argparse.Namespace) -> None:
    """Refuse bad output paths of a parsed command line before any work is done."""
    from ._userfiles import check_outputs

    outputs, inputs = FILES.get(args.command, (("out",), ()))
    paths = {f"--{o}": getattr(args, o, None) for o in outputs}
    if args.command == "audit" and getattr(args, "maps", False) and args.out:
        from pathlib import Path

        from .reports import MAP_FILES  # the maps are written beside the report

        paths.update({f"--maps ({name})": Path(args.out).with_name(name)
                      for _, _, name in MAP_FILES})
    check_outputs(paths, inputs=[getattr(args, i, None) for i in inputs],
                  suffixes={f"--{o}": SUFFIXES[args.command, o] for o in outputs
                            if (args.command, o) in SUFFIXES})


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``seatmap`` command.

    Every failure a user can cause or meet (a :class:`SeatmapError`, a file that cannot be
    read or written, a full disk, ``SIGTERM`` or Ctrl-C during a write) is one line on standard
    error and a non-zero exit status: 2 for errors, 128 + the signal for an interruption.
    """
    from ._atomic import Interrupted
    from ._userfiles import file_error

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        check_files(args)
        return args.func(args)
    except SeatmapError as err:
        print(f"seatmap: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `seatmap targets | head`
        return 0
    except OSError as err:  # a full disk, a read-only folder... (inputs are checked before)
        print(f"seatmap: error: {file_error(err)}", file=sys.stderr)
        return 2
    except Interrupted as err:
        print(f"seatmap: {err}", file=sys.stderr)
        return int(err.code)
    except KeyboardInterrupt:
        print("seatmap: interrupted (Ctrl-C); no file was left half-written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
