"""Forecasting commands for the ``seatmap`` CLI: project, backtest and battleground."""

from __future__ import annotations

import argparse

from ._cli_common import (
    add_election,
    add_model,
    add_out,
    area_spec,
    basis,
    model_kwargs,
    parse_pairs,
    party_text,
    print_notes,
    row_limit,
    write_output,
)
from ._validate import SeatmapError


def _poll_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--poll", metavar="P=S,...",
                   help="GB shares as published, e.g. 'reform=29,lab=22,con=18,ld=13,green=10,"
                        "snp=3,pc=1' (parties not named share the rest pro rata; NI unchanged)")
    p.add_argument("--area-poll", action="append", metavar="AREA:P=S,...",
                   help="shares for one nation or region, e.g. 'Scotland:snp=30,lab=35' "
                        "(repeatable; overrides the GB poll there)")
    add_model(p)


def poll_spec(args) -> dict:
    """``{area: {party: share}}`` from --poll and --area-poll."""
    return area_spec(args.poll, args.area_poll, "GB", "poll", "share",
                     "--poll 'reform=29,lab=22,con=18,ld=13,green=10,snp=3,pc=1' and/or "
                     "--area-poll 'Scotland:snp=30,lab=35'")


# --------------------------------------------------------------------------- projections

def _project(sub) -> None:
    p = sub.add_parser("project", help="project seats from vote-share changes (uniform, "
                                       "proportional, probabilistic); --backtest scores the models",
                       description="Apply national (--change), nation or region (--area) "
                                   "share changes to an election's results and report seat "
                                   "totals and the seats that change hands.")
    add_election(p)
    p.add_argument("--change", "-c", metavar="P=D,...",
                   help="national share changes in points, e.g. 'lab=+5,con=-5'")
    p.add_argument("--area", action="append", metavar="AREA:P=D,...",
                   help="changes for one region or nation, e.g. 'Scotland:snp=+3,lab=-3' "
                        "(repeatable; overrides --change there)")
    p.add_argument("--poll", metavar="P=S,...",
                   help="GB shares instead of changes, e.g. 'reform=29,lab=22,con=18' "
                        "(see `seatmap battleground --help`)")
    add_model(p, every=True)
    p.add_argument("--simulate", type=int, metavar="N",
                   help="also run N simulations and report win probabilities")
    p.add_argument("--seed", type=int, default=0, help="random seed for --simulate")
    p.add_argument("--national-sd", type=float, default=2.0,
                   help="national (polling) error sd for a 40%% party (points; default 2)")
    p.add_argument("--regional-sd", type=float, default=None,
                   help="regional error sd for a 40%% party (default: the backtest's residuals)")
    p.add_argument("--seat-sd", type=float, default=None,
                   help="seat error sd for a 40%% party (default: the backtest's residuals)")
    p.add_argument("--backtest", action="store_true",
                   help="score every model on 2017-2019 (GB, nation, region); `seatmap "
                        "backtest` scores all fifteen pairs")
    p.add_argument("--limit", "-l", type=int, default=30,
                   help="changed seats to print (default 30; 0 = all)")
    add_out(p, "write the seat-by-seat projection to .csv, .xlsx or .json")
    p.set_defaults(func=cmd_project)


def _change_spec(args) -> dict:
    return area_spec(args.change, args.area, "*", "share change", "points",
                     "--change 'lab=+5,con=-5' and/or --area 'Scotland:snp=+3,lab=-3' (or --backtest)")


def cmd_project(args: argparse.Namespace) -> int:
    from .projection import MODELS, project, simulate

    if args.backtest:
        return _print_backtests(args)
    poll = parse_pairs(args.poll, "poll") if args.poll else None
    spec = None if poll and not (args.change or args.area) else _change_spec(args)
    if poll and spec:
        raise SeatmapError("Give either --poll or --change/--area, not both.")
    models = MODELS if args.model == "all" else (args.model,)
    extra = model_kwargs(args)
    projections = [project(spec, args.election, m, poll=poll, **extra) for m in models]
    if not args.out:  # with --out every note is printed after the file is written
        for note in projections[0].notes:
            print(f"Note: {note}")
    for pr in projections:
        _print_projection(pr, args)
    if args.simulate:
        _print_simulation(simulate(spec, args.election, projections[0].model, n=args.simulate,
                                   poll=poll, national_sd=args.national_sd,
                                   seat_sd=args.seat_sd, seed=args.seed,
                                   regional_sd=args.regional_sd, **extra))
    if args.out:
        return _write_projections(args, projections, models, poll, spec)
    return 0


def _print_backtests(args: argparse.Namespace) -> int:
    """``project --backtest``: 2017 -> 2019 with GB, per-nation and per-region shares."""
    from ._format import fmt_num, text_table
    from .projection import backtest

    for by in (None, "nation", "region"):
        bt = backtest(2017, 2019, by=by, simulations=args.simulate or 0, seed=args.seed)
        label = {None: "GB", "nation": "per-nation", "region": "per-region"}[by]
        print(f"Backtest: the actual 2019 {label} shares asked of the 2017 results "
              "(parameters fitted on earlier pairs)")
        rows = [[str(r.Index[1]), f"{int(r.correct):d}", f"{int(r.seats):d}",
                 fmt_num(r.accuracy_pct), f"{int(r.seat_error):d}", fmt_num(r.p_actual, 3)]
                for r in bt.itertuples()]
        print(text_table(rows, ["Model", "Correct winners", "Seats", "%", "Seat-total error",
                                "Mean P(actual)"], "lrrrrr"))
        print()
    return 0


def _print_projection(pr, args: argparse.Namespace) -> None:
    """One model's seat totals and the seats changing hands."""
    from ._format import fmt_num, text_table

    print(f"{pr.model.capitalize()} model from the {args.election} results "
          f"({basis(args.election)}): {int(pr.seats['changed'].sum())} seats change hands")
    t = pr.totals[(pr.totals["before"] > 0) | (pr.totals["after"] > 0)]
    rows = [[party_text(p), str(r.before), str(r.after), f"{r.change:+d}"] for p, r in t.iterrows()]
    print(text_table(rows, ["Party", "Before", "After", "Change"], "lrrr"))
    ch = pr.changes if row_limit(args.limit) is None else pr.changes.head(args.limit)
    if len(ch):
        rows = [[str(r["seat"]), str(r["region"]), party_text(r["from"]), party_text(r["to"]),
                 fmt_num(r["majority_pct"])] for _, r in ch.iterrows()]
        print(text_table(rows, ["Seat", "Region", "From", "To", "Projected maj%"], "lllrr"))
        if len(pr.changes) > len(ch):
            print(f"… {len(pr.changes) - len(ch)} more (--limit 0 or --out FILE)")
    print()


def _print_simulation(sim) -> None:
    """The simulated seat totals and the closest seats."""
    from ._format import fmt_num, text_table

    print(f"{sim.n:,} simulations ({sim.model} model, national sd {sim.national_sd:g}, "
          f"regional sd {sim.regional_sd:g}, seat sd {sim.seat_sd:g}, seed {sim.seed})")
    rows = [[party_text(p), fmt_num(r["mean"]), f"{r.p05:.0f}-{r.p95:.0f}",
             fmt_num(100 * r.p_largest, 0), fmt_num(100 * r.p_majority, 0)]
            for p, r in sim.totals[sim.totals["mean"] >= 0.05].iterrows()]
    print(text_table(rows, ["Party", "Mean seats", "90% range", "Largest %", "Majority %"],
                     "lrrrr"))
    close = sim.seats[(sim.seats["p_likely"] < 0.7)].sort_values("p_likely")
    if len(close):
        print(f"\nClosest seats (most likely winner under 70%): {len(close)}")
        rows = [[str(r.seat), party_text(r.winner_before), party_text(r.likely),
                 fmt_num(100 * r.p_likely, 0)] for r in close.head(20).itertuples()]
        print(text_table(rows, ["Seat", "Held by", "Likely", "P %"], "lllr"))


def _write_projections(args: argparse.Namespace, projections: list, models, poll, spec) -> int:
    """``--out``: every model's seats, per model the seats changing hands first, closest first."""
    import pandas as pd

    frames = []
    for pr in projections:
        f = pr.seats.copy()
        f.insert(0, "model", pr.model)
        frames.append(f)
    out = pd.concat(frames)
    out = out.assign(_m=out["model"].map({m: i for i, m in enumerate(models)}))
    out = out.sort_values(["_m", "changed", "majority_pct"],
                          ascending=[True, False, True], kind="stable").drop(columns="_m")
    scenario = (f"poll {args.poll}" if poll else
                "; ".join(f"{'UK' if a == '*' else a}: " + ", ".join(
                    f"{party_text(p)} {v:+g}" for p, v in ch.items())
                    for a, ch in spec.items()))
    notes = [f"{'Poll' if poll else 'Share changes (points)'}: {poll or spec}. Vote "
             "shares are projected shares, delivered exactly in every area named.",
             "Models: see docs/forecasting.md.", *projections[0].notes]
    return write_output(out, args.out,
                        title=f"Projection from the {basis(args.election)}: {scenario}",
                        election=args.election, notes=notes, sheet="Projection",
                        keys=["model", "seat", "region", "winner_before", "winner",
                              "runner_up", "majority_pct", "changed"],
                        headers={"winner": "Projected winner",
                                 "runner_up": "Projected runner-up",
                                 "majority_pct": "Projected majority (% of valid votes)"})


# --------------------------------------------------------------------------- backtest

def _backtest(sub) -> None:
    p = sub.add_parser("backtest", help="score every projection model on fifteen election pairs",
                       description="Ask each model for the second election of every pair of "
                                   "consecutive general elections on unchanged boundaries "
                                   "(1950-51 to 2001-05 from the Commons Library file, "
                                   "2010-15, 2015-17, 2017-19, notional 2019-2024), given its "
                                   "actual GB shares and who stood where, and score GB seats: "
                                   "winners right, seat-total error, share error per seat; with "
                                   "--simulate, the Brier score and calibration. Forward-chained "
                                   "(default): every parameter and the default model's choice "
                                   "come from earlier pairs only.")
    p.add_argument("--by", choices=("nation", "region"),
                   help="give the actual shares per nation or per region")
    p.add_argument("--design", choices=("forward", "loeo"), default="forward",
                   help="forward-chained (default) or leave one election out")
    p.add_argument("--pair", action="append", metavar="BEFORE-AFTER",
                   help="score only this pair, e.g. 2017-2019 (repeatable)")
    p.add_argument("--simulate", type=int, metavar="N", default=0,
                   help="also score N simulations of the default model per pair")
    p.add_argument("--seed", type=int, default=0, help="random seed for --simulate")
    add_out(p, "write the scores to .csv, .xlsx or .json")
    p.set_defaults(func=cmd_backtest)


def cmd_backtest(args: argparse.Namespace) -> int:
    from ._format import fmt_int, fmt_num, text_table
    from .backtesting import backtest

    if args.simulate < 0:
        raise SeatmapError("--simulate takes 0 or more simulations.")
    bt = backtest(by=args.by, simulations=args.simulate, seed=args.seed, design=args.design,
                  pairs=args.pair)
    design = {"forward": "forward-chained: parameters and the default's choice from earlier "
                         "pairs only", "loeo": "leave one election out"}[args.design]
    label = {None: "GB", "nation": "per-nation", "region": "per-region"}[args.by]
    head = (f"Backtest ({design}): each model given the second election's actual {label} "
            "shares and who stood where; GB seats scored. See docs/forecasting.md.")
    print(head)
    cols = ["Pair", "Model", "Correct", "Seats", "%", "Seat-total error", "Share MAE"]
    sims = bt["brier"].notna().any()
    if sims:
        cols += ["Brier", "Mean P(actual)"]
    rows = []
    for (pair, model), r in bt.iterrows():
        name = f"default ({r.chosen})" if model == "default" else model
        row = [pair, name, fmt_int(r.correct), fmt_int(r.seats), fmt_num(r.accuracy_pct),
               fmt_int(r.seat_error), fmt_num(r.get("share_mae"), 2)]
        if sims:
            row += [fmt_num(r.get("brier"), 3), fmt_num(r.get("p_actual"), 3)]
        rows.append(row)
    print(text_table(rows, cols, "ll" + "r" * (len(cols) - 2)))
    totals = bt["correct"].groupby(level="model").sum()
    print("\nWinners right over these pairs: " + ", ".join(
        f"{m} {int(v):,}" for m, v in totals.sort_values(ascending=False).items()))
    for name, table in bt.attrs.get("calibration", {}).items():
        print(f"\nCalibration, {name} (all pairs): seat-party win probabilities by tenth")
        rows = [[b, str(int(r.n)), fmt_num(r.mean_prob), fmt_num(r.won)]
                for b, r in table.iterrows()]
        print(text_table(rows, ["Probability", "Seat-parties", "Mean prob %", "Won %"], "lrrr"))
    if args.out:
        return write_output(bt.reset_index(), args.out, election="2024", notes=[head],
                            title="Backtest of the projection models on every election pair "
                                  "(2010-2019 on the 2010 boundaries; notional 2019 to 2024 on "
                                  "the 2024 boundaries)")
    return 0


# --------------------------------------------------------------------------- battleground

def _battleground(sub) -> None:
    p = sub.add_parser("battleground", help="the seats a party could gain or lose under a poll",
                       description="Project a poll (any model), simulate it, and list the seats "
                                   "the party is projected to gain or lose or that sit within "
                                   "--within points: holder, projected winner, shares, margin, "
                                   "the swing that would change the outcome, win probability.")
    p.add_argument("party", help="party: lab, con, ld, reform, green, snp, pc, ...")
    _poll_arg(p)
    add_election(p)
    p.add_argument("--within", type=float, default=10.0,
                   help="projected margin (points) that makes a seat part of the battleground "
                        "(default 10)")
    p.add_argument("--simulate", type=int, metavar="N", default=2000,
                   help="simulations for win probabilities (default 2000; 0 = none)")
    p.add_argument("--seed", type=int, default=0, help="random seed")
    p.add_argument("--sort", choices=("margin", "probability"), default="margin",
                   help="rank by projected margin (default) or win probability")
    p.add_argument("--limit", "-l", type=int, default=25,
                   help="seats of each kind to print (default 25; 0 = all)")
    add_out(p, "write the battleground to .csv, .xlsx or .json")
    p.set_defaults(func=cmd_battleground)


def cmd_battleground(args: argparse.Namespace) -> int:
    from ._format import fmt_num, text_table
    from .battlegrounds import battleground

    if args.limit < 0 or args.simulate < 0:
        raise SeatmapError("--limit and --simulate take 0 or more (--limit 0 prints every seat; "
                           "--simulate 0 skips the win probabilities).")
    if args.sort == "probability" and not args.simulate:
        raise SeatmapError("--sort probability needs win probabilities: give --simulate N "
                           "(e.g. 2000), or sort by margin.")
    poll = poll_spec(args)
    bg = battleground(args.party, poll=poll, election=args.election, model=args.model,
                      within=args.within, simulations=args.simulate, seed=args.seed,
                      sort=args.sort, **model_kwargs(args))
    party = bg.attrs["party"]
    from .export import battleground_sheets

    title = (f"Battleground for {party_text(party)}, {bg.attrs['model']} model from the "
             f"{basis(bg.attrs.get('election') or args.election)}, poll "
             + ", ".join(f"{a + ': ' if a != 'GB' else ''}"
                         + ", ".join(f"{party_text(q)} {v:g}" for q, v in shares.items())
                         for a, shares in poll.items()))
    notes = [f"Poll: {poll}", f"Model: {bg.attrs['model']}; battleground: projected margin "
             f"within {args.within:g} points either way, in both lists (the Gains and Losses "
             "sheets; seats beyond it stay on the Data sheet); swing = |margin| / 2 against the "
             "best other party; win probability from simulations, 0-100.", *bg.attrs["notes"]]
    print(title)
    if not args.out:  # with --out every note is printed after the file is written
        print_notes(bg.attrs["notes"])
    sheets = battleground_sheets(bg, title)
    for sheet in ("Gains", "Losses"):
        part = sheets[sheet][0]
        if args.sort == "probability":  # as battleground() ordered them, within the rule
            part = bg.loc[[c for c in bg.index if c in set(part.index)]]
        limit = None if args.limit <= 0 else args.limit
        shown = part if limit is None else part.head(limit)
        total = int((bg["kind"] == ("gain" if sheet == "Gains" else "loss")).sum())
        beyond = (f" ({total - len(part)} more by more than {args.within:g})"
                  if total > len(part) else "")
        verb = "could gain" if sheet == "Gains" else "could lose"
        print(f"\n{party_text(party)} {verb}: {len(part)} seats within {args.within:g} points"
              f"{beyond} ({bg.attrs['model']} model), "
              + ("likeliest first" if args.sort == "probability" else "closest first"))
        if not len(shown):
            continue
        rows = [[str(r.seat), party_text(r.holder), party_text(r.projected_winner),
                 party_text(r.rival), fmt_num(r.share), fmt_num(round(r.margin, 1) + 0.0),
                 fmt_num(r.swing),
                 "–" if r.p_win != r.p_win else fmt_num(100 * r.p_win, 0)]
                for r in shown.itertuples()]
        print(text_table(rows, ["Seat", "Holder", "Projected", "Rival", "Share %", "Margin",
                                "Swing", "P(win) %"], "llllrrrr"))
        if len(part) > len(shown):
            print(f"… {len(part) - len(shown)} more (--limit 0"
                  + (", or see the file)" if args.out else " or --out FILE)"))
    if args.out:
        return write_output(bg, args.out, title=title, election=args.election,
                            notes=notes, extra_sheets=sheets)
    return 0


#: This module's commands, in help order (see :mod:`seatmap.cli`).
COMMANDS = (_project, _backtest, _battleground)
