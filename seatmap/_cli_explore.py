"""The ``seatmap explore`` command: the offline scenario explorer as one HTML file.

Example::

    seatmap explore --election 2024 --party lab --out explorer.html
    seatmap explore --party lab --poll "YouGov 2 Nov: reform=29,lab=22,con=18,ld=13,green=10"
"""

from __future__ import annotations

import argparse

from ._cli_common import add_election, add_out
from ._validate import SeatmapError


def _explore(sub) -> None:
    p = sub.add_parser(
        "explore", help="write the interactive scenario explorer (one offline HTML file)",
        description="Write one self-contained HTML page where GB (and Scottish and Welsh) vote "
                    "shares, the projection model and the priority weights can be changed, and "
                    "the seat totals, map, seats changing hands and the party's target and "
                    "defence lists follow. It needs no server and no network.")
    add_election(p)
    p.add_argument("--party", "-p", default="lab",
                   help="party whose targets and defences are listed (default: %(default)s)")
    p.add_argument("--poll", action="append", default=[], metavar="[LABEL:]PARTY=SHARE,...",
                   help="a poll to offer as a preset, GB shares, e.g. "
                        "'YouGov 2 Nov: reform=29,lab=22,con=18' (repeatable)")
    p.add_argument("--area-poll", action="append", default=[], metavar="LABEL/AREA:PARTY=SHARE,...",
                   help="Scottish or Welsh shares for the preset LABEL, e.g. "
                        "'YouGov 2 Nov/Scotland:snp=30,lab=25' (repeatable)")
    p.add_argument("--title", help="page title (default: from the party and election)")
    add_out(p, "HTML file", default="explorer.html")
    p.set_defaults(func=cmd_explore)


def parse_poll(text: str) -> tuple[str | None, dict[str, float]]:
    """Parse ``--poll "[label:] party=share, party=share"`` into its label and shares.

    Examples
    --------
    >>> parse_poll("YouGov 2 Nov: reform=29, lab=22,con=18")
    ('YouGov 2 Nov', {'reform': 29.0, 'lab': 22.0, 'con': 18.0})
    """
    from ._cli_common import parse_pairs
    from .scenario import area_of

    label, _, rest = str(text).rpartition(":")
    try:
        area = area_of(label.strip()) if label.strip() else None
    except SeatmapError:
        area = None
    if area is not None:
        raise SeatmapError(f"{label.strip()!r} in --poll {text!r} is an area, not a label: a "
                           "preset is a GB poll with a label ('LABEL: reform=29,...'); give a "
                           "nation's shares with --area-poll 'LABEL/Scotland: snp=30,...'.")
    shares = parse_pairs(rest, f"poll {text!r}")
    if not shares:
        raise SeatmapError(f"The poll {text!r} names no party: write e.g. reform=29,lab=22.")
    if not any(v > 0 for v in shares.values()):  # as `seatmap project --poll` refuses it
        raise SeatmapError(f"The poll {text!r} names no party with a share above 0.")
    return (label.strip() or None), shares


def _with_area(polls: dict, text: str) -> dict:
    """Attach ``--area-poll 'LABEL/AREA: pairs'`` to the preset LABEL."""
    from ._cli_common import parse_pairs
    from .scenario import area_of

    head, sep, rest = str(text).partition(":")
    label, slash, area = head.rpartition("/")
    if not sep or not slash:
        raise SeatmapError(f"Write --area-poll as 'LABEL/AREA: party=share,...', not {text!r}.")
    label = label.strip()
    if label not in polls:
        known = ", ".join(repr(k) for k in polls) or "none"
        raise SeatmapError(f"--area-poll {text!r}: no --poll preset is labelled {label!r} "
                           f"(presets: {known}).")
    area = area_of(area.strip())
    if area in polls[label]:
        raise SeatmapError(f"--area-poll gives {area} twice for {label!r}.")
    polls[label][area] = parse_pairs(rest, f"area poll {text!r}")
    return polls


def cmd_explore(args: argparse.Namespace) -> int:
    """Write the explorer and say what is in it."""
    from .explorer import explorer

    polls: dict = {}
    for n, text in enumerate(args.poll, start=1):
        label, shares = parse_poll(text)
        label = label or f"Poll {n}"
        if label in polls:
            raise SeatmapError(f"Two --poll presets are labelled {label!r}: give each its own "
                               "label.")
        polls[label] = {"GB": shares}
    for text in args.area_poll:
        polls = _with_area(polls, text)
    page = explorer(args.party, args.election, polls=polls, title=args.title, out=args.out)
    meta = page.payload["meta"]
    size = len(page.html.encode("utf-8"))
    presets = ", ".join(p["label"] for p in page.payload["presets"])
    print(f"Wrote {args.out} ({size / 1e6:.2f} MB): {meta['title']}; {meta['seats']} seats; "
          f"presets: {presets}. Open it in a browser (it works offline).")
    return 0


#: This module's commands, in help order (listed in seatmap.cli.command_modules).
COMMANDS = (_explore,)
