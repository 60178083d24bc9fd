"""Targeting commands for the ``seatmap`` CLI: targets, defences, pilots, seat, redwall.

Each command prints a readable table; ``--out FILE`` writes the full table to CSV, XLSX (header
row, frozen panes, a sources and attribution sheet) or JSON instead of truncating it. Empty
selections print why they are empty and write nothing.
"""

from __future__ import annotations

import argparse
import sys

from ._cli_common import (
    add_community_options,
    add_election,
    add_out,
    basis,
    community_lines,
    community_pilots_command,
    parse_pairs,
    party_text,
    row_limit,
    write_output,
)
from ._validate import renamed_parameters


def _empty(df) -> int:
    msg = df.attrs.get("message") or "No seats match the selection."
    print(f"seatmap: {msg} Nothing written.", file=sys.stderr)
    return 1


def _pct(v, d=1):
    from ._format import fmt_num

    return fmt_num(v, d)


def _txt(value) -> str:
    """Text for a table cell; missing values as an en dash."""
    return "–" if value is None or _isna(value) else str(value)


def _year(value, first: str | None = None) -> str:
    """A year for display; the first year of the history shows as '≤YYYY' (held at least since)."""
    if value is None or _isna(value):
        return "–"
    year = str(int(value))
    return f"≤{year}" if first is not None and year == str(first) else year


def _common_list_args(p: argparse.ArgumentParser, kind: str) -> None:
    p.add_argument("party", help="party: lab, con, ld, snp, pc, green, reform (Brexit), dup, sf, ...")
    add_election(p)
    p.add_argument("--against", "-a", metavar="PARTY",
                   help=("only seats held by this party" if kind == "targets"
                         else "the challenging party (default: each seat's runner-up)"))
    p.add_argument("--region", "-r", action="append", metavar="REGION",
                   help="keep seats in this ONS region (repeatable), e.g. 'North West'")
    p.add_argument("--nation", "-n", action="append", metavar="NATION",
                   help="keep seats in this nation (repeatable)")
    p.add_argument("--max-swing", type=float, metavar="POINTS",
                   help="keep seats needing at most this swing" if kind == "targets"
                   else "keep seats lost on at most this swing")
    p.add_argument("--sort", default="swing", choices=("swing", "score"),
                   help="rank by swing (default) or by priority score")
    p.add_argument("--weights", "-w", metavar="K=V,...",
                   help="priority weights, e.g. 'swing=0.5,leave=0.2,deprivation=0.2,town=0.1' "
                        "(keys: swing, leave, deprivation, town, turnout, history)")
    p.add_argument("--limit", "-l", type=int, default=25,
                   help="rows to print (default 25; 0 = all). --out always writes every row")
    add_out(p, "write the table to .csv, .xlsx or .json")


def _ranked_notes(df) -> list[str]:
    from .targeting import COMPONENTS

    a = df.attrs
    w = ", ".join(f"{k} {v:g}" for k, v in a.get("weights", {}).items())
    notes = ["Swings are exact, in points of valid votes; when shown to one decimal they are "
             "rounded up (0.13 shows as 0.2: 0.1 would not be enough). swing_needed_1dp is that "
             "display value.",
             f"Priority score (0-100) weights: {w}. score_<component> columns are each "
             "component's contribution; they add up to score."]
    notes += [f"  {k}: {v}" for k, v in COMPONENTS.items()]
    zero = [k for k, v in a.get("weights", {}).items() if not v]
    if zero:
        notes.append(f"score_{' and score_'.join(zero)} are 0 in every row because "
                     f"{'their weights are' if len(zero) > 1 else 'its weight is'} 0 (they are "
                     "left off the first sheet; set weights with --weights to use them).")
    if a.get("filters"):
        notes.append("Seats kept, step by step: " + "; ".join(a["filters"]) + ".")
    if a.get("kind") == "targets":
        notes.append(f"Swing needed method: {a.get('method')} (see docs/targeting.md).")
    hist = a.get("history_elections") or []
    if hist:
        from .export import history_estimates

        est = history_estimates(hist, a.get("election"))
        notes.append(f"history: winners at {', '.join(hist)} (oldest first)."
                     + (f" Not declared results on these boundaries: {est} (notional estimates "
                        "are seatmap's: votes carried by population overlap, checked against "
                        "Rallings & Thrasher's 2019 notionals; notional = Rallings & Thrasher)."
                        if est else ""))
    from .sources import caveats

    return notes + caveats(df.columns, df.index.astype(str))  # e.g. NI on the UK IMD scale


def _export_frame(df):
    import numpy as np

    out = df.copy()
    for col in ("swing_needed", "swing_to_lose"):
        if col in out:
            vals = out[col].astype("float64")
            out.insert(out.columns.get_loc(col) + 1, f"{col}_1dp",
                       np.ceil(np.round(vals * 10, 9)) / 10)
    return out


def _print_ranked(df, limit, more_hint: bool = True) -> None:
    from ._format import fmt_int, fmt_up, text_table

    kind = df.attrs.get("kind")
    shown = df if limit is None else df.head(limit)
    first = (df.attrs.get("history_elections") or [None])[0]
    if kind == "targets":
        headers = ["#", "Seat", "Region", "Holder", "2nd", "Pos", "Maj", "Maj%", "Swing",
                   "Leave%", "Town class", "IMD", "Last won", "Score"]
        rows = [[str(r.rank), str(r.seat), _txt(r.region), party_text(r.holder), party_text(r.runner_up),
                 fmt_int(r.position), fmt_int(r.majority), _pct(r.majority_pct, 2),
                 fmt_up(r.swing_needed), _pct(r.leave_pct), _txt(r.town_class),
                 fmt_int(r.imd_uk_decile), _year(r.last_won), _pct(r.score)]
                for r in shown.itertuples()]
        align = "rlllllrrrrlrrr"
    else:
        headers = ["#", "Seat", "Region", "Challenger", "Lead", "Lead%", "Swing to lose",
                   "Leave%", "Town class", "IMD", "Held since", "Score"]
        rows = [[str(r.rank), str(r.seat), _txt(r.region), party_text(r.challenger),
                 fmt_int(r.lead_votes), _pct(r.lead_pct, 2), fmt_up(r.swing_to_lose),
                 _pct(r.leave_pct), _txt(r.town_class), fmt_int(r.imd_uk_decile),
                 _year(r.held_since, first), _pct(r.score)]
                for r in shown.itertuples()]
        align = "rlllrrrrlrrr"
    rows = [[("–" if c in ("<NA>", "nan", "None") else c) for c in row] for row in rows]
    print(text_table(rows, headers, align))
    more = len(df) - len(shown)
    if more > 0:
        print(f"… {more} more" + (" (use --limit 0 to print all, or --out FILE)" if more_hint
                                   else " (all in the file; --limit 0 prints all)"))


def _run_ranked(args, fn) -> int:
    from .targeting import describe

    weights = parse_pairs(args.weights, "weights") if args.weights else None
    df = fn(args.party, args.election, against=args.against, region=args.region,
            nation=args.nation, max_swing=args.max_swing, weights=weights, sort=args.sort)
    if df.empty:
        return _empty(df)
    total = len(df)
    print(f"{describe(df)}: {total} seat{'s' if total != 1 else ''}"
          f"{' ranked by priority score' if args.sort == 'score' else ''}. Swing in points, "
          "rounded up.")
    _print_ranked(df, row_limit(args.limit), more_hint=not args.out)
    if args.out:
        return write_output(_export_frame(df), args.out, title=describe(df),
                            election=args.election, notes=_ranked_notes(df), people=True)
    return 0


# --------------------------------------------------------------------------- targets / defences

def _targets(sub) -> None:
    p = sub.add_parser("targets", help="a party's target list: seats ranked by the swing needed",
                       description="Seats a party does not hold, ranked by the swing it needs "
                                   "(or by priority score), with majority, leave share, town "
                                   "class, deprivation, history and score.")
    _common_list_args(p, "targets")
    p.add_argument("--method", default="pairwise", choices=("pairwise", "from_winner"),
                   help="swing needed from third place or lower (default: pairwise)")
    p.set_defaults(func=cmd_targets)


def cmd_targets(args: argparse.Namespace) -> int:
    from .targeting import targets

    def fn(*a, **k):
        return targets(*a, method=args.method, **k)

    return _run_ranked(args, fn)


def _defences(sub) -> None:
    p = sub.add_parser("defences", help="a party's defence list: held seats by swing to lose",
                       description="Seats a party holds, ranked by the swing against it that "
                                   "would lose them (to the runner-up, or to --against).")
    _common_list_args(p, "defences")
    p.set_defaults(func=cmd_defences)


def cmd_defences(args: argparse.Namespace) -> int:
    from .targeting import defences

    return _run_ranked(args, defences)


# --------------------------------------------------------------------------- pilots

def _pilots(sub) -> None:
    p = sub.add_parser("pilots", help="pick pilot seats in each region from a target/defence list",
                       description="N seats per region (England's nine regions, Wales and "
                                   "Scotland; --include-ni adds Northern Ireland) from a ranked "
                                   "list, in distinct local authorities, with the reason for "
                                   "each pick.")
    _common_list_args(p, "targets")
    p.add_argument("--list", dest="kind", default="targets", choices=("targets", "defences"),
                   help="rank from the party's targets (default) or defences")
    p.add_argument("--per-region", type=int, default=3, help="seats per region (default 3)")
    p.add_argument("--regions", dest="region", action="append", metavar="REGION",
                   help="the same as --region: regions to cover (repeatable; default England's "
                        "nine regions, Wales and Scotland); a region given here that cannot get "
                        "--per-region pilots is reported")
    p.add_argument("--include-ni", action="store_true", help="add Northern Ireland")
    p.add_argument("--town-mix", nargs="?", const="large,medium,small", metavar="CLASSES",
                   help="include these town classes in each region (default when given: one "
                        "large, one medium and one small town)")
    p.add_argument("--allow-same-la", action="store_true",
                   help="allow two pilots in one local authority")
    p.add_argument("--exclude", "-x", action="append", metavar="SEAT",
                   help="a seat never to pick (name or code; repeatable)")
    p.add_argument("--communities", action="store_true",
                   help="pick held-back communities inside the list's seats instead of seats "
                        "(one per local authority; see `seatmap communities`)")
    add_community_options(p)
    p.set_defaults(func=cmd_pilots, limit=0)
    for action in p._actions:
        if action.dest == "region" and "--region" in action.option_strings:
            action.help = ("regions to pick pilots in (repeatable; --regions is the same; "
                           "default England's nine regions, Wales and Scotland)")
        if action.dest == "limit":
            action.help = "pilots to print (default 0 = all). --out always writes every pilot"


def cmd_pilots(args: argparse.Namespace) -> int:
    from ._format import fmt_up, text_table
    from .organising import pilots
    from .targeting import defences, describe, targets

    weights = parse_pairs(args.weights, "weights") if args.weights else None
    fn = targets if args.kind == "targets" else defences
    ranked = fn(args.party, args.election, against=args.against, region=args.region,
                nation=args.nation, max_swing=args.max_swing, weights=weights, sort=args.sort)
    if ranked.empty:
        return _empty(ranked)
    if args.communities:
        return community_pilots_command(args, ranked, describe(ranked))
    mix = args.town_mix.split(",") if args.town_mix else None
    picks = pilots(ranked, args.per_region, regions=args.region, include_ni=args.include_ni,
                   distinct_la=not args.allow_same_la, town_mix=mix, exclude=args.exclude)
    if picks.empty:
        for line in picks.attrs.get("shortfalls", []):
            print(f"note: fewer pilots than asked in {line}", file=sys.stderr)
        return _empty(picks)
    title = f"Pilot seats from {describe(ranked)}"
    by_score = args.sort == "score" and "score" in picks
    key = "score" if by_score else ("swing_needed" if "swing_needed" in picks else "swing_to_lose")
    shown = picks if row_limit(args.limit) is None else picks.head(args.limit)
    rows = [[str(r.region), str(r.pick), str(r.rank), str(r.seat), _txt(r.la_name),
             _txt(r.town_class), _pct(getattr(r, key)) if by_score else fmt_up(getattr(r, key))]
            for r in shown.itertuples()]
    rows = [[("–" if c in ("<NA>", "nan", "None") else c) for c in row] for row in rows]
    print(f"{title}: {len(picks)} seats" + (", ranked by priority score" if by_score else ""))
    print(text_table(rows, ["Region", "Pick", "Rank", "Seat", "Local authority", "Town class",
                            "Score" if by_score else "Swing"], "lrrlllr"))
    print("\nWhy each seat:")
    for r in shown.itertuples():
        print(f"  {r.seat}: {r.reason}")
    if len(picks) > len(shown):
        print(f"… {len(picks) - len(shown)} more"
              + (" (all in the file)" if args.out else " (use --limit 0 to print all, or --out FILE)"))
    short = picks.attrs.get("shortfalls", [])
    for line in short:  # one list of shortfalls, always reported
        print(f"Note: fewer pilots than asked in {line}")
    if args.out:
        notes = [f"{args.per_region} per region; distinct local authorities: "
                 f"{not args.allow_same_la}; town mix: {picks.attrs.get('town_mix') or 'none'}; "
                 f"excluded: {', '.join(picks.attrs.get('excluded', [])) or 'none'}.",
                 *(["Fewer pilots than asked in: " + "; ".join(short) + "."] if short else [])]
        return write_output(_export_frame(picks), args.out, title=title, election=args.election,
                            notes=notes + _ranked_notes(ranked), people=True)
    return 0


# --------------------------------------------------------------------------- seat card

def _seat(sub) -> None:
    p = sub.add_parser("seat", help="a seat card: result, swing, history and profile of one seat",
                       description="Everything seatmap knows about one seat. Names are "
                                   "forgiving (case, accents, '&'/'and', 'St'/'St.'); GSS codes "
                                   "work too.")
    p.add_argument("name", help="seat name or GSS code, e.g. 'Bury North'")
    add_election(p)
    p.set_defaults(func=cmd_seat)


@renamed_parameters(election_id="election")
def seat_card(name: str, election: str | None = None) -> str:
    """The text of a seat card (used by ``seatmap seat``): :func:`seatmap.seat_profile`, printed."""
    import textwrap

    from ._format import fmt_int, fmt_num, fmt_up, text_table
    from .parties import PARTIES
    from .profile import seat_profile

    pr = seat_profile(name) if election is None else seat_profile(name, election)
    v = pr.get
    area = v("region") if v("region") == v("nation") else f"{v('region') or '–'}, {v('nation') or '–'}"
    lines = [f"{pr.name} ({pr.code})",
             f"{area} · county {v('county') or '–'} · "
             f"local authority {v('la_name') or '–'}"
             + (f" ({fmt_num(v('la_share_pct'), 0)}% of the seat)" if v("la_share_pct") else ""),
             ""]
    from .elections import election as _election_of

    named = (pr.election_description if _election_of(pr.election).notional  # names its set
             else f"{pr.election_description} ({basis(pr.election)})")
    lines.append(f"{named}: "
                 f"{v('result') or (party_text(v('winner')) + ' win')}"
                 + (f" — {v('mp')}" if v("mp") else ""))
    lines.append(f"Electorate {fmt_int(v('electorate'))} · valid votes {fmt_int(v('valid_votes'))}"
                 f" · turnout {fmt_num(v('turnout_pct'))}% · majority {fmt_int(v('majority'))} "
                 f"({fmt_num(v('majority_pct'), 2)} points) over {party_text(v('runner_up'))}")
    rows = [[r.name, fmt_int(r.votes), fmt_num(r.pct),
             "–" if _isna(r.change) else f"{r.change:+.1f}"] for r in pr.votes.itertuples()]
    lines.append("")
    since = f"Change since {pr.previous}" if pr.previous else "Change"
    lines.append(text_table(rows, ["Party", "Votes", "Share %", since], "lrrr"))
    lines.append("")
    need = [f"{PARTIES[n['party']].label} {fmt_up(n['swing'])}"
            + (f" (#{n['rank']} of {n['of']} {PARTIES[n['party']].label} targets)"
               if n["rank"] is not None else "") for n in pr.swings_needed]
    if pr.swing_to_lose is not None:
        lines.append(f"Swing to lose: {fmt_up(pr.swing_to_lose)} points from "
                     f"{party_text(v('winner'))} to {party_text(v('runner_up'))}")
    if need:
        lines.append("Swing needed to win (points, rounded up): " + "; ".join(need[:4]))
    if pr.history:
        lines.append("History: " + " · ".join(
            (f"{y} not known (no party detail in the sources)" if w is None or _isna(w) else
             f"{y} {party_text(w)}" + (f" ({pr.history_basis[y]})" if y in pr.history_basis
                                       else ""))
            for y, w in pr.history.items()))
    lines.append("")
    if v("leave_pct") is not None:
        kind = "count" if v("leave_known") else "estimate"
        lines.append(f"EU referendum 2016: leave {fmt_num(v('leave_pct'))}% ({kind})")
    if v("primary_class") or v("settlement"):  # the 2024 set has the settlement type only
        cls = (f"{v('primary_class')} ({v('settlement') or '–'})" if v("primary_class")
               else v("settlement"))
        lines.append(f"Town/city class: {cls}; "
                     f"urban {fmt_num(v('ruc_urban_pct'), 0)}%, rural "
                     f"{fmt_num(v('ruc_rural_pct'), 0)}% ({v('ruc_label') or '–'})")
    if v("imd_uk_decile") is not None:
        lines.append(f"Deprivation: UK composite IMD decile {fmt_int(v('imd_uk_decile'))} "
                     "(1 = most deprived tenth of seats)")
    lines += community_lines(pr.communities)
    lines += [textwrap.fill(c, 100, initial_indent="  Caveat: ", subsequent_indent="  ")
              for c in pr.caveats]
    if pr.census:  # the boundary set's census; figures the source lacks are never guessed
        figs = {"routine and semi-routine jobs": "routine_pct",
                "degree-level (level 4+)": "level4_pct", "no qualifications": "no_quals_pct"}
        text = ", ".join(f"{k} {fmt_num(v(c))}%" if v(c) is not None else f"{k} not available"
                         for k, c in figs.items())
        if all(v(c) is None for c in figs.values()):
            text = "class and qualification figures not available (not in the source)"
        lines.append(f"{pr.census}: {text}")
    if pr.redwall:
        lines.append("Red-wall definitions: " + ", ".join(
            f"{k} {'yes' if m else 'no'}" for k, m in pr.redwall.items()))
    return "\n".join(lines)


def _isna(x) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def cmd_seat(args: argparse.Namespace) -> int:
    import warnings

    with warnings.catch_warnings(record=True) as caught:  # a name of the other boundary set
        warnings.simplefilter("always", UserWarning)
        card = seat_card(args.name, args.election)
    for w in caught:
        print(f"Note: {w.message}")
    print(card)
    return 0


# --------------------------------------------------------------------------- red wall

def _redwall(sub) -> None:
    p = sub.add_parser("redwall", help="red-wall definitions and their seats",
                       description="Without a definition: list the registered definitions with "
                                   "their seat counts. With one (a name or an expression such "
                                   "as 'leave_heartlands & ~gains_2019'): list its seats.")
    p.add_argument("definition", nargs="?", help="definition name or expression")
    p.add_argument("--blocks", action="store_true", help="also list the building blocks")
    add_out(p, "write to .csv, .xlsx or .json")
    p.set_defaults(func=cmd_redwall)


def cmd_redwall(args: argparse.Namespace) -> int:
    from ._format import fmt_int, fmt_num, text_table
    from .definitions import definitions, redwall
    from .elections import election as election_of

    if not args.definition:
        d = definitions(blocks=args.blocks)
        rows = [[k, str(r.seats), str(r.title)] for k, r in d.iterrows()]
        print("Red-wall definitions: seat counts on the 2019 result, 2010 boundaries")
        print(text_table(rows, ["Definition", "Seats", "Title"], "lrl"))
        print("\nUse `seatmap redwall NAME` to list a definition's seats; combine names with "
              "& | ~ and brackets.")
        if args.out:
            return write_output(d, args.out, election="2019",
                                title="Red-wall definitions: seat counts on the "
                                      f"{basis('2019')}",
                                notes=["Seat counts on the 2019 results (2010 boundaries)."])
        return 0
    df = redwall(args.definition)
    if df.empty:
        return _empty(df)
    eid = df.attrs.get("election") or "2019"
    title = f"Red wall: {df.attrs['definition']}, {basis(eid)}"
    print(f"{title}: {len(df)} seats — {df.attrs.get('description', '')}")
    prev = next((c for c in df.columns if c.startswith("winner_")), None)
    rows = [[str(r["seat"]), str(r["region"]), party_text(r[prev]) if prev else "–",
             party_text(r["winner"]), fmt_int(r["majority"]), fmt_num(r["leave_pct"]),
             fmt_num(r.get("con_residual"))]
            for _, r in df.iterrows()]
    year = str(election_of(eid).year)
    print(text_table(rows, ["Seat", "Region", prev[7:] if prev else "Before", year, "Majority",
                            "Leave%", "Con vs model"], "lllrrrr"))
    if args.out:
        return write_output(df, args.out, title=title, election=eid,
                            notes=[df.attrs.get("description", "")], sheet="Red wall",
                            keys=["seat", "region", *([prev] if prev else []), "winner",
                                  "result", "majority", "leave_pct"])
    return 0


#: This module's commands, in help order (listed in seatmap.cli.command_modules).
COMMANDS = (_targets, _defences, _pilots, _seat, _redwall)

