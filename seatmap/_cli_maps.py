"""The ``seatmap map`` command: an interactive HTML map (and optionally a static image).

Example::

    seatmap map --election 2019 --metric leave --layers targets,defences --party lab --out map.html
    seatmap map --metric winner --hex --out hex.html --png hex.png
"""

from __future__ import annotations

import argparse

from ._cli_common import add_election, add_out
from ._validate import SeatmapError, choice

LAYERS = ("targets", "defences", "pilots")


def _map(sub) -> None:
    p = sub.add_parser(
        "map", help="draw an interactive HTML map of a metric (and a static PNG)",
        description="Draw one self-contained HTML map of a seat metric, with tooltips, seat cards, "
                    "legend, seat search and optional target/defence/pilot layers. It opens "
                    "offline and makes no request (add an online basemap with --tiles light).")
    add_election(p)
    p.add_argument("--metric", "-m", default="winner",
                   help="column or metric name: winner, leave, turnout, majority, deprivation, "
                        "class, a party (its vote share, e.g. lab)... (default: %(default)s)")
    p.add_argument("--party", "-p", help="party for the target/defence/pilot layers (e.g. lab)")
    p.add_argument("--layers", "-l", default="",
                   help="comma-separated overlays: targets, defences, pilots (need --party)")
    p.add_argument("--top", type=int, default=50,
                   help="how many targets and defences to outline (default: %(default)s)")
    p.add_argument("--scheme", help="quantiles, equal_interval, natural_breaks, diverging, "
                                    "ordinal or categorical (default: by metric)")
    p.add_argument("--k", type=int, help="number of classes")
    p.add_argument("--cmap", help="colour ramp (Blues, YlOrRd, RdBu, ... or any matplotlib name)")
    p.add_argument("--title", help="map title (default: from the metric)")
    p.add_argument("--hex", action="store_true", help="hex cartogram: one equal hexagon per seat")
    p.add_argument("--tiles", metavar="BASEMAP",
                   help="an online basemap under the seats: light (CARTO, with place names), osm, "
                        "or an https://.../{z}/{x}/{y}.png template; added after the page has "
                        "loaded. Default: none, the map makes no request at all")
    p.add_argument("--no-tiles", action="store_true",
                   help="no basemap (the default; kept for older scripts)")
    p.add_argument("--gains", nargs="?", const="previous", metavar="COLUMN",
                   help="show change: seats changing hands in the new party's colour and "
                        "outlined, holds pale; compares the winner with the previous election "
                        "on the same boundaries (or COLUMN, e.g. winner_2019)")
    p.add_argument("--inset", default=None, metavar="AREAS",
                   help="insets of the static image, comma-separated: London (the default), "
                        "a region, Manchester, Birmingham, Liverpool, Leeds, Glasgow, Newcastle; "
                        "'none' for none")
    add_out(p, "HTML file", default="map.html")
    p.add_argument("--png", help="also write a static image (.png, .svg or .pdf)")
    p.add_argument("--communities", action="store_true",
                   help="add held-back communities as points (see `seatmap communities`)")
    p.set_defaults(func=cmd_map)


def _layers(args: argparse.Namespace) -> dict:
    names = [n.strip() for n in args.layers.split(",") if n.strip()]
    names = [choice(n, LAYERS, "layer", aliases={"target": "targets", "defence": "defences",
                                                 "defense": "defences", "defenses": "defences",
                                                 "pilot": "pilots"}) for n in names]
    if not names:
        return {}
    if not args.party:
        raise SeatmapError(f"--layers {','.join(names)} needs --party (e.g. --party lab): the "
                           "layers are that party's targets, defences and pilot seats.")
    if args.top < 1:
        raise SeatmapError("--top must be at least 1.")
    from .targeting import defences, targets

    out = {}
    ranked = None
    if "targets" in names or "pilots" in names:
        ranked = targets(args.party, election=args.election)
        if "targets" in names:
            out["targets"] = ranked.head(args.top)
    if "defences" in names:
        out["defences"] = defences(args.party, election=args.election).head(args.top)
    if "pilots" in names:
        from .organising import pilots

        out["pilots"] = pilots(ranked)
    return out


def _gains_column(e, gains: str) -> str:
    """The column --gains compares with: the winner at the previous election on the same
    boundaries (2024: the notional 2019 result), or the column named."""
    if gains != "previous":
        return gains
    from .elections import BOUNDARY_SETS
    from .elections import election as _election

    before = [x for x in BOUNDARY_SETS[e.boundary_set].elections
              if _election(x).date < e.date]
    if not before:
        raise SeatmapError(f"--gains: no earlier election on the {e.boundary_set} boundaries "
                           f"than {e.id}; name a column instead (--gains winner_2017).")
    return f"winner_{_election(before[-1]).year}"


def cmd_map(args: argparse.Namespace) -> int:
    """Write the map (and the static image) and say what is in it."""
    from .elections import election
    from .mapping import save_map, seats_to_map

    e = election(args.election)
    layers = _layers(args)
    options = {"scheme": args.scheme, "k": args.k, "cmap": args.cmap, "title": args.title,
               "hexmap": args.hex, "party": args.party, **layers,
               "communities": True if args.communities else None}
    if args.gains:
        options["gains"] = _gains_column(e, args.gains)
    m = seats_to_map(e.id, args.metric, tiles=None if args.no_tiles else args.tiles, **options)
    path = save_map(m, args.out)
    # seats_to_map sets seatmap_info on its folium.Map (a field folium's type does not declare)
    info = getattr(m, "seatmap_info")  # noqa: B009
    size = path.stat().st_size
    print(f"Wrote {path} ({size / 1e6:.2f} MB): {info['classes'].title}, {len(info['codes'])} "
          f"seats, {e.description}{' (hex map)' if args.hex else ''}.")
    for name, codes in info["overlays"].items():
        print(f"  layer {name}: {len(codes)} seats")
    if args.png:
        from .static import seats_to_png

        insets = None if args.inset is None else [
            a.strip() for a in args.inset.split(",") if a.strip() and a.strip().lower() != "none"]
        seats_to_png(e.id, args.metric, args.png, insets=insets, **options)
        print(f"Wrote {args.png}.")
    return 0


#: This module's commands, in help order (listed in seatmap.cli.command_modules).
COMMANDS = (_map,)
