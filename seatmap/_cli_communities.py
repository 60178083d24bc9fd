"""Held-back communities on the command line: ``seatmap communities`` and ``pilots --communities``.

``seatmap communities`` lists the clusters of deprived small areas (see
:mod:`seatmap.communities`); ``seatmap pilots PARTY --communities`` picks pilots in them inside
the party's target or defence seats (:mod:`seatmap._cli_targeting` calls
:func:`community_pilots_command`). Both print a table or write CSV, XLSX (printable, for people)
or JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import sys

from ._cli_common import add_election, add_out

__all__ = ["COMMANDS", "add_community_options", "community_lines", "community_pilots_command"]


def add_community_options(p: argparse.ArgumentParser) -> None:
    """The options choosing and clustering small areas (shared by both commands)."""
    p.add_argument("--quintile", action="store_true",
                   help="small areas in the UK's most deprived fifth (default: tenth)")
    p.add_argument("--rule", metavar="EXPR",
                   help="your own selection instead, a query on small-area columns, e.g. "
                        "'imd_uk_decile <= 3 and members >= 10' (columns of load_small_areas "
                        "and of --data)")
    p.add_argument("--data", metavar="FILE",
                   help="your own columns per small area (.csv or .xlsx), joined by code")
    p.add_argument("--on", metavar="COLUMN",
                   help="the column of --data holding small-area codes (default: its first)")
    p.add_argument("--distance", type=float, default=None, metavar="METRES",
                   help="small areas whose centres are this close join one community "
                        "(default 1000)")


def _options(args: argparse.Namespace) -> dict:
    from .heldback import DISTANCE_M

    data, on = None, args.on
    if args.data:
        from ._userfiles import read_table

        data = read_table(args.data)
        on = on or str(data.columns[0])
    return {"level": "quintile" if args.quintile else "decile", "rule": args.rule,
            "data": data, "on": on,
            "distance": DISTANCE_M if args.distance is None else args.distance}


def _sources(election_id: str) -> list[str]:
    from ._store import resource, source_ids
    from .elections import election

    e = election(election_id)
    paths = ["smallareas/small_areas.csv", "smallareas/neighbourhoods.csv",
             f"results/ge{e.id}.csv", f"seats/pcon{e.boundary_set}.csv",
             f"attributes/euref_pcon{e.boundary_set}.csv",
             f"attributes/classification_pcon{e.boundary_set}.csv"]
    return list(dict.fromkeys(s for p in paths for s in source_ids(resource(p))))


def _notes(frame) -> list[str]:
    a = frame.attrs
    return [f"Small areas: {a.get('rule')}; neighbouring small areas (population-weighted "
            f"centres within {a.get('distance_m', 0):,.0f} m, in one seat) form a community.",
            "Community names are the nearest named places (Commons Library MSOA names in "
            "England and Wales, council wards in Scotland, SOA names in Northern Ireland) and "
            "the local authority: labels for finding the place, not official boundaries.",
            "Deprivation: mySociety's composite UK index (2019); Northern Ireland's small "
            "areas sit high on the UK scale because of how the source puts NIMDM 2017 on it: "
            "compare them with each other."]


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


def community_pilots_command(args: argparse.Namespace, ranked, title: str) -> int:
    """``seatmap pilots ... --communities``: pick, then print or write (XLSX for people)."""
    from ._format import text_table
    from ._text import fmt_int
    from .export import write_list
    from .organising import pilots

    picks = pilots(ranked, args.per_region, regions=args.region, include_ni=args.include_ni,
                   distinct_la=not args.allow_same_la, exclude=args.exclude, level="community",
                   **{("deprivation" if k == "level" else k): v
                      for k, v in _options(args).items()})
    for line in picks.attrs.get("shortfalls", []):
        print(f"note: fewer pilots than asked in {line}", file=sys.stderr)
    if picks.empty:
        print(f"seatmap: {picks.attrs.get('message')} Nothing written.", file=sys.stderr)
        return 1
    title = f"Pilots in held-back communities, from {title}"
    if args.out:
        notes = [f"{args.per_region} per region, at most one per local authority: "
                 f"{not args.allow_same_la}; shortfalls: "
                 f"{'; '.join(picks.attrs['shortfalls']) or 'none'}.", *_notes(picks)]
        out = write_list(picks, args.out, title=title, sources=_sources(args.election),
                         notes=notes)
        print(f"Wrote {len(picks)} rows to {out}")
        return 0
    limit = getattr(args, "limit", 0) or len(picks)
    shown = picks.head(limit)
    rows = [[r.region, str(r.pick), str(r.rank), r.name, fmt_int(r.population), r.seat]
            for r in shown.itertuples()]
    print(f"{title}: {len(picks)} communities")
    print(text_table(rows, ["Region", "Pick", "Seat rank", "Community", "People", "Seat"],
                     "lrrlrl"))
    print("\nWhy each community:")
    for r in shown.itertuples():
        print(f"  {r.reason}")
    if len(picks) > len(shown):
        print(f"… {len(picks) - len(shown)} more (use --limit 0 to print all, or --out FILE)")
    return 0


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
                    defences=args.defences, **_options(args))
    if c.empty:
        print(f"seatmap: {c.attrs.get('message')} Nothing written.", file=sys.stderr)
        return 1
    title = f"Held-back communities ({c.attrs['rule']}), seats at the {args.election} election"
    if args.out:
        machine = ["area_codes", "x", "y", "lon", "lat", "la_code", "nation", "seat",
                   "seat_2010", "seat_2024"]  # on the Data sheet only
        cols = auto_columns(c.drop(columns=machine), PEOPLE_HEADERS)
        out = write_table(c, args.out, title=title, sources=_sources(args.election),
                          notes=_notes(c), columns=cols, sheet="Communities", about=title)
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


def community_lines(summary: dict) -> list[str]:
    """The seat card's lines on held-back communities (:attr:`SeatProfile.communities`).

    Examples
    --------
    >>> community_lines({"communities": 0, "rule": "the UK's most deprived tenth"})
    ["Held-back communities: none (no small area in the UK's most deprived tenth)"]
    """
    from ._text import fmt_int

    if not summary:
        return []
    if not summary.get("communities"):
        return [f"Held-back communities: none (no small area in {summary['rule']})"]
    share = (f" ({summary['share_pct']:.0f}% of the seat)"
             if summary.get("share_pct") is not None else "")
    lines = [f"Held-back communities: {fmt_int(summary['people'])} people{share} live in "
             f"{summary['communities']} communit{'y' if summary['communities'] == 1 else 'ies'} "
             f"in {summary['rule']}; largest {summary['largest']} "
             f"({fmt_int(summary['largest_people'])} people)"]
    if summary.get("largest_note"):
        lines.append(f"  Note: {summary['largest_note']}")
    return lines
