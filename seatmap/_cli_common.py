"""Argument helpers shared by every ``seatmap`` sub-command (one definition of each option).

The command modules (``seatmap.cli`` and ``seatmap._cli_*``) import these instead of each other,
so the CLI's dependencies point one way: ``cli`` -> ``_cli_*`` -> ``_cli_common`` (a helper two
command modules share lives here; ``tests/test_packaging.py`` checks the rule). How a command is
added is described at the top of :mod:`seatmap.cli`.

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_election(p)
>>> add_out(p, "table (.csv, .xlsx or .json)")
>>> args = p.parse_args(["-e", "2024", "-o", "t.csv"])
>>> args.election, args.out
('2024', 't.csv')
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable

from ._validate import SeatmapError, renamed_parameters

__all__ = ["Register", "add_community_options", "add_election", "add_model", "add_out", "area_spec",
           "basis", "community_files", "community_lines", "community_notes", "community_options",
           "community_pilots_command", "data_sources", "election_help", "model_kwargs",
           "parse_pairs", "party_text", "print_notes", "row_limit", "seat_frame_files",
           "write_output"]

#: A command's registration function: adds one sub-parser (with ``func`` set) to ``sub``.
Register = Callable[[argparse._SubParsersAction], None]


def election_help(default: str | None = None) -> str:
    """Help text listing the elections of the registry (:data:`seatmap.elections.ELECTIONS`).

    Examples
    --------
    >>> election_help()
    '2010, 2015, 2017, 2019, 2019-notional or 2024'
    """
    from .elections import ELECTIONS

    ids = list(ELECTIONS)
    text = ", ".join(ids[:-1]) + " or " + ids[-1] if len(ids) > 1 else ids[0]
    return text if default is None else f"{text} (default: {default})"


def add_election(p: argparse.ArgumentParser, default: str | None = None) -> None:
    """Add ``--election``/``-e`` (any election of the registry, or an alias such as ``2019n``);
    the default is the registry's :data:`~seatmap.elections.DEFAULT_ELECTION`."""
    from .elections import DEFAULT_ELECTION

    default = DEFAULT_ELECTION if default is None else default
    p.add_argument("--election", "-e", default=default,
                   help=election_help("%(default)s"))


def add_out(p: argparse.ArgumentParser, help: str, default: str | None = None) -> None:
    """Add ``--out``/``-o FILE``: where the command writes its result.

    ``help`` says what is written and in which formats; with a ``default`` the help says so.
    """
    if default is not None:
        help = f"{help} (default: %(default)s)"
    p.add_argument("--out", "-o", metavar="FILE", default=default, help=help)


def add_model(p: argparse.ArgumentParser, every: bool = False) -> None:
    """Add the seat model's options: ``--model``/``-m`` (default: the model the backtest
    supports; with ``every``, ``all`` runs every model), ``--tactical`` and ``--stands-down``."""
    from .projection import MODELS, default_model

    choices = (*MODELS, "all") if every else MODELS
    p.add_argument("--model", "-m", default=None, choices=choices,
                   help=f"projection model (default: {default_model()}, the one the "
                        "forward-chained backtest supports"
                        + ("; all = every model" if every else "") + ")")
    p.add_argument("--tactical", action="append", metavar="AGAINST:P1,P2=RATE",
                   help="tactical voting, e.g. 'con:lab,ld,green=0.35' (supporters of a bloc "
                        "party not in the top two move to the best-placed one where AGAINST is "
                        "in the top two; optional 'Scotland/' prefix; repeatable), or '2024' "
                        "for the rates published before the 2024 election (docs/forecasting.md)")
    p.add_argument("--stands-down", action="append", metavar="PARTY=SEAT;SEAT",
                   help="a pact: PARTY does not stand in these seats (names or GSS codes; "
                        "repeatable)")
    p.add_argument("--drop-personal-votes", action="store_true",
                   help="treat strong independents' votes as any other (default: kept)")


def model_kwargs(args: argparse.Namespace) -> dict:
    """``standing=`` and ``tactical=`` for :func:`seatmap.project` from :func:`add_model`'s
    options.

    Examples
    --------
    >>> ns = argparse.Namespace(tactical=["2024"], stands_down=["reform=Clacton;Boston and "
    ...                         "Skegness"], drop_personal_votes=False)
    >>> kw = model_kwargs(ns)
    >>> kw["standing"], kw["tactical"][0]["against"]
    ({'reform': {'not': ['Clacton', 'Boston and Skegness']}}, 'con')
    """
    from ._validate import SeatmapError
    from .tactical import EVIDENCE_2024

    tactical: list = []
    for item in getattr(args, "tactical", None) or []:
        tactical += EVIDENCE_2024 if item.strip() == "2024" else [item]
    standing: dict = {}
    for item in getattr(args, "stands_down", None) or []:
        if "=" not in item:
            raise SeatmapError(f"Write --stands-down as PARTY=SEAT;SEAT, not {item!r}.")
        party, seats = (part.strip() for part in item.split("=", 1))
        names = [x.strip() for x in seats.split(";") if x.strip()]
        if not names:
            raise SeatmapError(f"--stands-down {item!r} names no seat.")
        standing.setdefault(party, {"not": []})["not"] += names
    if getattr(args, "drop_personal_votes", False):
        standing["ind"] = "drop"
    return {"standing": standing or None, "tactical": tactical or None}


# --------------------------------------------------------------------------- shared by commands

def parse_pairs(text: str | None, what: str) -> dict[str, float]:
    """Parse ``"lab=+5,con=-5"`` (or spaces / semicolons) into a dict of floats."""
    if not text:
        return {}
    out: dict[str, float] = {}
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise SeatmapError(f"Cannot read {part!r} in the {what}: write key=value pairs "
                               "separated by commas, e.g. 'lab=+5,con=-5'.")
        key, value = part.split("=", 1)
        if key.strip() in out:
            raise SeatmapError(f"{key.strip()!r} is given twice in the {what}; give it once.")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise SeatmapError(f"{value!r} for {key.strip()!r} in the {what} is not a number.") \
                from None
    return out


def data_sources(paths) -> list[str] | None:
    """Source ids (of :data:`seatmap.sources.SOURCES`) behind these data files, from
    datapackage.json: in the files' order, each once; None if there are none."""
    from ._store import resource, source_ids
    from .sources import SOURCES

    ids: list[str] = []
    for path in paths:
        try:
            ids += [s for s in source_ids(resource(path)) if s not in ids]
        except (FileNotFoundError, KeyError):
            continue
    return [s for s in ids if s in SOURCES] or None


def seat_frame_files(election_id) -> list[str]:
    """The data files behind the seat frame of an election (:func:`seatmap.load_seats`)."""
    from .datasets import CENSUS_FILES
    from .elections import election

    e = election(election_id)
    return [f"results/ge{e.id}.csv", f"results/ge{e.id}_votes.csv", f"seats/pcon{e.boundary_set}.csv",
            f"attributes/euref_pcon{e.boundary_set}.csv",
            f"attributes/classification_pcon{e.boundary_set}.csv",
            f"attributes/deprivation_pcon{e.boundary_set}.csv", CENSUS_FILES[e.boundary_set],
            "results/history.csv" if e.boundary_set == "2010" else "results/notional_pcon2024.csv"]


@renamed_parameters(election_id="election")
def write_output(df, path: str, *, title: str, election, notes: list[str],
                 people: bool = False, sheet: str | None = None,
                 headers: dict[str, str] | None = None, keys: list[str] | None = None,
                 extra_sheets: dict | None = None) -> int:
    """Write a table, then say where and print every note it carries (the table itself is
    printed by the command first: ``--out`` adds a file, it never hides the output).

    ``people``: a ranked list (write_list); ``sheet``: a people's sheet too, of the ``keys``
    columns (the rest stay on the Data sheet); ``title`` names the election and boundaries.
    """
    from .export import auto_columns, write_list, write_table

    sources = data_sources(seat_frame_files(election))
    if people:
        out = write_list(df, path, title=title, sources=sources, notes=notes)
    else:
        out = write_table(df, path, title=title, sources=sources, notes=notes,
                          columns=auto_columns(df, headers, keys) if sheet else None,
                          sheet=sheet or "Table", about=title, extra_sheets=extra_sheets)
    print(f"\nWrote {len(df)} rows to {out}")
    print_notes(notes)
    return 0


def print_notes(notes) -> None:
    """Print each note (method, filters, caveats) as the Sources sheet of the file carries it."""
    for note in notes:
        if note:
            print(f"Note: {note.strip()}" if not note.startswith("  ") else f"      {note.strip()}")


def basis(election_id) -> str:
    """What a table is built on: "2024 result, 2024 boundaries" (the registry's words)."""
    from .elections import election

    return election(election_id).basis


def party_text(code) -> str:
    """A party's short label for a table cell ("Con"); missing as an en dash."""
    from .parties import PARTIES

    try:
        return PARTIES[str(code)].label
    except KeyError:
        return "–" if code is None or (isinstance(code, float) and math.isnan(code)) else str(code)


def row_limit(n: int | None) -> int | None:
    """``--limit N``: None (every row) for 0 or a negative number, else N."""
    return None if n is None or n <= 0 else n


def area_spec(whole: str | None, items: list[str] | None, whole_key: str, what: str,
              unit: str, hint: str) -> dict:
    """``{area: {party: value}}`` from a whole-country option and repeated ``AREA:pairs`` items
    (``--change``/``--area``, ``--poll``/``--area-poll``); an area given twice is an error."""
    spec: dict = {}
    if whole:
        spec[whole_key] = parse_pairs(whole, what)
    for item in items or []:
        if ":" not in item:
            raise SeatmapError(f"Write area values as 'AREA:party={unit},...', not {item!r}.")
        area, pairs = (part.strip() for part in item.split(":", 1))
        if area in spec:
            raise SeatmapError(f"The area {area!r} is given twice; give each area once.")
        spec[area] = parse_pairs(pairs, f"{what} for {area}")
    if not spec:
        raise SeatmapError(f"Give a {what}: {hint}.")
    return spec


# --------------------------------------------------------------------------- held-back communities
# (the communities command, and pilots --communities of the targeting commands)

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


def community_options(args: argparse.Namespace) -> dict:
    """The keyword arguments of :func:`seatmap.communities` from :func:`add_community_options`."""
    from .heldback import DISTANCE_M

    data, on = None, args.on
    if args.data:
        from ._userfiles import read_table

        data = read_table(args.data)
        on = on or str(data.columns[0])
    return {"level": "quintile" if args.quintile else "decile", "rule": args.rule,
            "data": data, "on": on,
            "distance": DISTANCE_M if args.distance is None else args.distance}


def community_files(election_id) -> list[str]:
    """The data files behind a table of held-back communities (or of pilots in them)."""
    from .elections import election

    e = election(election_id)
    return ["smallareas/small_areas.csv", "smallareas/neighbourhoods.csv",
            f"results/ge{e.id}.csv", f"seats/pcon{e.boundary_set}.csv",
            f"attributes/euref_pcon{e.boundary_set}.csv",
            f"attributes/classification_pcon{e.boundary_set}.csv"]


def community_notes(frame) -> list[str]:
    """The notes of a file of held-back communities (or of pilots in them)."""
    a = frame.attrs
    return [f"Small areas: {a.get('rule')}; neighbouring small areas (population-weighted "
            f"centres within {a.get('distance_m', 0):,.0f} m, in one seat) form a community.",
            "Community names are the nearest named places (Commons Library MSOA names in "
            "England and Wales, council wards in Scotland, SOA names in Northern Ireland) and "
            "the local authority: labels for finding the place, not official boundaries.",
            "Deprivation: mySociety's composite UK index (2019); Northern Ireland's small "
            "areas sit high on the UK scale because of how the source puts NIMDM 2017 on it: "
            "compare them with each other."]


def community_pilots_command(args: argparse.Namespace, ranked, title: str) -> int:
    """``seatmap pilots ... --communities``: pick, then print or write (XLSX for people)."""
    from ._format import text_table
    from ._text import fmt_int
    from .export import write_list
    from .organising import pilots

    picks = pilots(ranked, args.per_region, regions=args.region, include_ni=args.include_ni,
                   distinct_la=not args.allow_same_la, exclude=args.exclude, level="community",
                   **{("deprivation" if k == "level" else k): v
                      for k, v in community_options(args).items()})
    for line in picks.attrs.get("shortfalls", []):
        print(f"note: fewer pilots than asked in {line}", file=sys.stderr)
    if picks.empty:
        print(f"seatmap: {picks.attrs.get('message')} Nothing written.", file=sys.stderr)
        return 1
    title = f"Pilots in held-back communities, from {title}"
    if args.out:
        notes = [f"{args.per_region} per region, at most one per local authority: "
                 f"{not args.allow_same_la}; shortfalls: "
                 f"{'; '.join(picks.attrs['shortfalls']) or 'none'}.", *community_notes(picks)]
        out = write_list(picks, args.out, title=title,
                         sources=data_sources(community_files(args.election)), notes=notes)
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
