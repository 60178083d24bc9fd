"""Held-back communities on the command line: ``seatmap communities`` and ``pilots --communities``.

``seatmap communities`` lists the clusters of deprived small areas (see
:mod:`seatmap.communities`); ``seatmap pilots PARTY --communities`` picks pilots in them inside
the party's target or defence seats (:func:`seatmap._cli_common.community_pilots_command`,
which :mod:`seatmap._cli_targeting` calls). Both print a table or write CSV, XLSX (printable,
for people) or JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import sys

from ._cli_common import (
    add_community_options,
    add_election,
    add_out,
    community_files,
    community_notes,
    community_options,
    data_sources,
)

__all__ = ["COMMANDS"]


#: Headers of the people's sheet of ``seatmap communities --out x.xlsx``.
PEOPLE_HEADERS = {"name": "Community", "name_note": "Note on the name",
                  "neighbourhoods": "Neighbourhoods (labels)", "population": "People",
                  "small_areas": "Small areas", "most_deprived_rank":
                  "UK rank of its most deprived small area", "deciles":
                  "Deprivation deciles (1 = most)", "la_name": "Local authority",
                  "seat_name": "Seat", "seat_imd_uk_score": "Seat's deprivation score",
                  "seat_imd_uk_decile": "Seat's deprivation decile"}


def _txt(v) -> str:
    import pandas as pd

    return "–" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def _communities(sub) -> None:
    p = sub.add_parser("communities", help="held-back communities: clusters of deprived small "
                                           "areas, named, with their seat's politics",
                       description="Clusters of neighbouring small areas in the UK's most "
                                   "deprived tenth (or fifth, or your own rule), named after "
                                   "their neighbourhoods and council, largest first.")
    add_election(p)
    add_community_options(p)
    p.add_argument("--region", "-r", action="append", metavar="REGION",
                   help="keep communities in this region (repeatable)")
    p.add_argument("--seat", "-s", action="append", metavar="SEAT",
                   help="keep communities in this seat (name or code; repeatable)")
    p.add_argument("--targets", metavar="PARTY", help="only in the seats this party targets")
    p.add_argument("--defences", metavar="PARTY", help="only in the seats this party holds")
    p.add_argument("--limit", "-l", type=int, default=25,
                   help="rows to print (default 25; 0 = all). --out always writes every row")
    add_out(p, "write the communities to .csv, .xlsx or .json")
    p.set_defaults(func=cmd_communities)


def cmd_communities(args: argparse.Namespace) -> int:
    from ._format import text_table
    from ._text import fmt_int
    from .export import auto_columns, write_table
    from .heldback import communities

    c = communities(args.election, region=args.region, seats=args.seat, targets=args.targets,
                    defences=args.defences, **community_options(args))
    if c.empty:
        print(f"seatmap: {c.attrs.get('message')} Nothing written.", file=sys.stderr)
        return 1
    title = f"Held-back communities ({c.attrs['rule']}), seats at the {args.election} election"
    if args.out:
        machine = ["area_codes", "x", "y", "lon", "lat", "la_code", "nation", "seat",
                   "seat_2010", "seat_2024"]  # on the Data sheet only
        cols = auto_columns(c.drop(columns=machine), PEOPLE_HEADERS)
        out = write_table(c, args.out, title=title, sources=data_sources(community_files(args.election)),
                          notes=community_notes(c), columns=cols, sheet="Communities", about=title)
        print(f"Wrote {len(c)} rows to {out}")
        return 0
    shown = c if args.limit == 0 else c.head(args.limit)
    rows = [[r.name, fmt_int(r.population), str(r.small_areas), r.seat_name, _txt(r.result)]
            for r in shown.itertuples()]
    print(f"{title}: {len(c)} communit{'y' if len(c) == 1 else 'ies'}, "
          f"{fmt_int(c['population'].sum())} people")
    print(text_table(rows, ["Community", "People", "Small areas", "Seat", "Result"], "lrrll"))
    notes = [r.name_note for r in shown.itertuples() if r.name_note]
    for line in [*notes[:5], *c.attrs.get("caveats", [])]:
        print(f"note: {line}", file=sys.stderr)
    if len(c) > len(shown):
        print(f"… {len(c) - len(shown)} more (use --limit 0 to print all, or --out FILE)")
    return 0


COMMANDS = (_communities,)
