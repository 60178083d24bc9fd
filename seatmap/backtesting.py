"""One backtest for every model: the actual result of an election, asked of the one before.

:func:`backtest` scores each model (``no change``, ``uniform``, ``proportional``, ``mixed``,
``demographic`` where its data exist, and ``default``: the model chosen by the nested
procedure below) on fifteen pairs of consecutive general elections fought on unchanged
boundaries: eleven from the Commons Library's 1918-2017 file (1950-51 to 2001-05, five vote
groups, GB seats) and 2010-15, 2015-17, 2017-19 and notional 2019-2024. Each model is given
the second election's actual GB vote shares (the poll a perfect pollster would have
published) and who stood where (published at the close of nominations, weeks before polling
day), and scored on the GB seats:

* ``correct``: seats whose actual winner the model names;
* ``seat_error``: seats allocated to the wrong party in the totals (``sum |projected -
  actual| / 2``), per party in ``result.attrs["totals"]``;
* ``share_mae``: mean absolute error (points) of the main parties' shares per seat;
* with simulations, ``brier`` (multi-class Brier score per seat) and ``p_actual``, and
  ``result.attrs["calibration"]``.

**Forward-chained** (``design="forward"``, the headline): pair t is scored by parameters fitted
on pairs before t only, and the ``default`` row by the variant (uniform, proportional, mixed)
that scored best on the pairs before t, each of them scored forward-chained in turn (a nested
procedure, :func:`choose`). **Leave one election out** (``design="loeo"``): pair t is scored
with parameters fitted on every pair that shares no election with it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError, choice
from .elections import election_pairs
from .parties import PARTIES
from .swing import national_shares, parties_of
from .swingmodels import frame, gb_mask
from .swingmodels import totals as seat_totals

__all__ = ["PAIRS", "actual_shares", "all_pairs", "backtest", "calibration", "choose",
           "fit_mix", "share_change"]

PAIRS = election_pairs()  # from the election registry: every pair of consecutive elections
SCORED = ("uniform", "proportional", "mixed", "demographic")
VARIANTS = ("uniform", "proportional", "mixed")
MAIN = ("con", "lab", "ld", "snp", "pc", "green", "reform", "ukip")
DESIGNS = ("forward", "loeo")


def pair_label(before, after) -> str:
    """``"2017-2019"``, ``"2019-2024"`` (the notional base is written as 2019)."""
    return f"{str(before).replace('-notional', '')}-{after}"


def share_change(before: pd.DataFrame, after: pd.DataFrame, by: str | None = None) -> dict:
    """The actual change in vote shares between two results frames, as a change specification.

    Parameters
    ----------
    before, after : pandas.DataFrame
        Results frames (votes per party); they need not share boundaries.
    by : {None, "nation", "region"}
        National (whole frame) change, or one entry per nation / region.

    Returns
    -------
    dict
        ``{party: points}`` or ``{area: {party: points}}``, for :func:`project`. Parties absent
        from ``before`` (e.g. the Brexit Party in 2017) count as ``other``, as they would have
        in the first election's results.

    Examples
    --------
    >>> from seatmap import load_results
    >>> round(share_change(load_results(2017), load_results(2019))["lab"], 2)
    -7.91
    """
    sb, sa = national_shares(before, by=by), national_shares(after, by=by)
    parties = [p for p in PARTIES if p in sb.columns]
    sa = sa.reindex(columns=[p for p in PARTIES if p in sa.columns or p in sb.columns],
                    fill_value=0.0)
    new = [p for p in sa.columns if p not in sb.columns]
    if new and "other" in parties:  # e.g. the Brexit Party in 2019: 'other' in 2017 terms
        sa["other"] = sa["other"] + sa[new].sum(axis=1)
    diff = sa.reindex(columns=parties).fillna(0.0) - sb.reindex(index=sa.index,
                                                                columns=parties).fillna(0.0)
    rows = {area: {p: float(v) for p, v in row.items()} for area, row in diff.iterrows()}
    return rows["UK"] if by is None else rows


def actual_shares(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The second election's shares in the first one's party columns (new parties in ``other``).

    Examples
    --------
    >>> from seatmap import load_results
    >>> a = actual_shares(load_results(2017), load_results(2019))
    >>> round(float(a.loc["E14000611", "con"]), 1)  # Bury North, 2019: Conservative gain
    46.2
    """
    parties = parties_of(before)
    got = after.reindex(before.index)
    out = pd.DataFrame(0.0, index=before.index, columns=parties)
    for p in parties_of(after):
        col = p if p in parties else "other"
        if col in out:
            out[col] += got[f"{p}_pct"].astype("float64").fillna(0.0)
    return out


def calibration(prob: pd.DataFrame, actual: pd.Series, bins: int = 10) -> pd.DataFrame:
    """Win probabilities grouped in ``bins`` equal bins, with the share actually won.

    Parameters
    ----------
    prob : pandas.DataFrame
        Seats x parties win probabilities.
    actual : pandas.Series
        The actual winner of each seat.
    bins : int
        Number of probability bins.

    Returns
    -------
    pandas.DataFrame
        Per bin: ``n`` (seat-party pairs), ``mean_prob`` and ``won`` (percent).

    Examples
    --------
    >>> p = pd.DataFrame({"a": [0.95, 0.05], "b": [0.05, 0.95]}, index=["s1", "s2"])
    >>> calibration(p, pd.Series(["a", "b"], index=["s1", "s2"]), bins=2)["won"].tolist()
    [0.0, 100.0]
    """
    won = (prob.columns.to_numpy()[None, :] == actual.reindex(prob.index).astype(object)
           .to_numpy()[:, None])
    p = prob.to_numpy().ravel()
    w = won.ravel()
    edge = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = edge == b
        rows.append({"bin": f"{100 * b // bins}-{100 * (b + 1) // bins}%", "n": int(m.sum()),
                     "mean_prob": 100 * float(p[m].mean()) if m.any() else np.nan,
                     "won": 100 * float(w[m].mean()) if m.any() else np.nan})
    return pd.DataFrame(rows).set_index("bin")



def all_pairs() -> list[tuple[str, str, str]]:
    """Every scored pair, oldest first: ``(label, before, after)``.

    Examples
    --------
    >>> [p[0] for p in all_pairs()][:3], len(all_pairs())
    (['1950-1951', '1955-1959', '1959-1964'], 15)
    """
    try:
        from .elections import HISTORIC_PAIRS
    except ImportError:  # pragma: no cover - until the historic results land
        HISTORIC_PAIRS = ()
    out = [(f"{b}-{a}", b, a) for b, a in HISTORIC_PAIRS]
    out += [(pair_label(b, a), b, a) for b, a in PAIRS]
    return out


def _historic(election: str) -> bool:
    return not any(election == e for pair in PAIRS for e in pair)


@memoized(maxsize=32)
def pair_frames(label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two results frames of a pair, GB seats, aligned on the first's seats."""
    pairs = {p[0]: p for p in all_pairs()}
    if label not in pairs:
        raise SeatmapError(f"Unknown election pair {label!r}; pairs: {', '.join(pairs)}.")
    _, before, after = pairs[label]
    if _historic(before):
        from .datasets import history_pair

        b, a = history_pair(before, after)
    else:
        b, a = frame(before, None), frame(after, None)
    b, a = b[gb_mask(b)], a[gb_mask(a)]
    b.attrs, a.attrs = dict(b.attrs), dict(a.attrs)
    return b, a


def pair_inputs(b: pd.DataFrame, a: pd.DataFrame, by: str | None = None) -> dict:
    """What a model is told about the second election: its shares and who stood where.

    ``poll`` holds the actual shares (GB, or per nation/region with ``by``) in the first
    election's party columns (a party new in the second counts as ``other``); ``standing``
    lists, for every named party, the seats it contested in the second election.
    """
    from .swing import LUMPED

    parties = parties_of(b)
    act = actual_shares(b, a)
    votes = b["valid_votes"].astype("float64")
    if by is None:
        poll = {"Great Britain": _shares(act, votes, parties)}
    else:
        poll = {area: _shares(act[b[by] == area], votes[b[by] == area], parties)
                for area in b[by].astype("string").dropna().unique()}
    stood_after = act.reindex(b.index).fillna(0.0) > 0
    standing = {p: {"only": list(b.index[stood_after[p].to_numpy()])} for p in parties
                if p not in LUMPED and p != "speaker" and stood_after[p].any()}
    return {"poll": poll, "standing": standing, "actual": a["winner"].astype("string")
            .reindex(b.index), "act_shares": act, "parties": parties}


def _shares(act: pd.DataFrame, votes: pd.Series, parties: list[str]) -> dict:
    w = votes.to_numpy()
    s = w @ act[parties].to_numpy() / w.sum()
    return {p: float(v) for p, v in zip(parties, s, strict=True) if p != "speaker"}


def _project(b, inp, model, params=None, simulations=0, seed=0):
    from .engine import base_arrays
    from .projection import run_model
    from .seatmodel import fitted_with

    params = params or {}
    with fitted_with(params.get("coefs"), params.get("mix")):
        if simulations:
            from .simulation import simulate

            return simulate(poll=inp["poll"], model=model, n=simulations, seed=seed, seats=b,
                            standing=inp["standing"], national_sd=0.0)
        base = base_arrays(b)
        out = run_model(base, model, poll=inp["poll"], standing=inp["standing"], seats=b)
    from .swingmodels import winners

    w, _, _ = winners(base.parties, out["shares"] * base.lumped)
    return pd.Series(w, index=b.index, dtype="string"), pd.DataFrame(
        out["shares"], index=b.index, columns=base.parties), base


def fit_mix(labels: list[str]) -> dict[str, list[float]]:
    """The mixed model's lambdas per party family, fitted on the pairs ``labels``.

    Closed-form least squares of each seat's actual change beyond the uniform one on the
    change that proportional swing adds: ``lambda = sum x r / sum x^2`` over every GB seat and
    party of the family (x = d (s / A - 1), r = actual - s - d), separately where the party
    fell (d < 0) and rose (d > 0) in the pair, clipped to 0-1.

    Examples
    --------
    >>> mix = fit_mix(["2010-2015", "2015-2017"])
    >>> all(0.0 <= v <= 1.0 for v in mix["ld"])
    True
    """
    from .seatmodel import MIX_FAMILIES

    num = np.zeros((len(MIX_FAMILIES), 2))
    den = np.zeros((len(MIX_FAMILIES), 2))
    for label in labels:
        x, r, fam, rise = _mix_terms(label)
        for i, f in enumerate(MIX_FAMILIES):
            for k in (0, 1):
                m = (fam == f)[None, :] & (rise == k)
                num[i, k] += float((x * r)[m].sum())
                den[i, k] += float((x ** 2)[m].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(den > 0, np.clip(num / np.where(den > 0, den, 1.0), 0.0, 1.0), 0.0)
    return {f: [round(float(lam[i, 0]), 4), round(float(lam[i, 1]), 4)]
            for i, f in enumerate(MIX_FAMILIES)}


@memoized(maxsize=32)
def _mix_terms(label: str):
    from .engine import base_arrays, cell_shares
    from .scenario import resolve
    from .seatmodel import FAMILIES
    from .standing import personal_votes, standing

    b, a = pair_frames(label)
    inp = pair_inputs(b, a)
    base = base_arrays(b)
    sc = resolve(base, poll=inp["poll"], fixed=personal_votes(base))
    st = standing(base, sc, inp["standing"])
    moved = sc.cells >= 0
    w = np.where(moved, base.votes, 0.0)
    free = np.where(st["fixed"] > 0, 0.0, st["start"])
    area = cell_shares(free, w, sc.cells, len(sc.cell_names))
    goal = np.clip(sc.targets - cell_shares(st["fixed"], w, sc.cells, len(sc.cell_names)), 0, None)
    rows = np.flatnonzero(moved)
    d = (goal - area)[sc.cells[rows]]
    A = area[sc.cells[rows]]
    s = free[rows]
    act = inp["act_shares"][base.parties].to_numpy()[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where((A > 0) & st["stands"][rows], d * (s / A - 1.0), 0.0)
    r = np.where(st["stands"][rows], act - s - d, 0.0)
    fam = np.array([FAMILIES.get(p, "other") for p in base.parties])
    return x, r, fam, (d > 0).astype(int)


def choose(labels: list[str], fits: dict[str, dict]) -> tuple[str, dict]:
    """The variant that called the most winners on ``labels`` (each scored forward-chained).

    ``fits[label]`` holds the parameters fitted on the pairs before ``label``. Ties go to the
    simpler variant (uniform, then proportional, then mixed).
    """
    score = {}
    for v in VARIANTS:
        total = 0
        for label in labels:
            b, a = pair_frames(label)
            inp = pair_inputs(b, a)
            won, _, _ = _project(b, inp, v, fits[label])
            total += int((won == inp["actual"]).fillna(False).sum())
        score[v] = total
    best = max(VARIANTS, key=lambda v: (score[v], -VARIANTS.index(v)))
    return best, score


def _training(labels: list[str], t: int, design: str) -> list[str]:
    if design == "forward":
        return labels[:t]
    pairs = {p[0]: p for p in all_pairs()}
    _, b, a = pairs[labels[t]]
    return [lab for lab in labels if lab != labels[t]
            and not {pairs[lab][1], pairs[lab][2]} & {b, a}]


def _score(name, won, shares, actual, act_shares, parties, sim=None) -> tuple[dict, list, list]:
    correct = int((won == actual).fillna(False).sum())
    t = seat_totals(actual, won)
    row = {"model": name, "correct": correct, "seats": len(actual),
           "accuracy_pct": 100.0 * correct / len(actual),
           "seat_error": int(t["change"].abs().sum() // 2), "share_mae": np.nan,
           "brier": np.nan, "p_actual": np.nan}
    totals = [{"model": name, "party": p, "projected": int(r.after), "actual": int(r.before),
               "error": int(r.after - r.before)} for p, r in t.iterrows()]
    maes = []
    if shares is not None:
        main = [p for p in MAIN if p in parties]
        err = (shares[main] - act_shares[main]).abs()
        row["share_mae"] = float(err.to_numpy().mean())
        maes = [{"model": name, "party": p, "mae": float(err[p].mean())} for p in main]
    if sim is not None:
        prob = sim.win_prob.reindex(columns=sorted(set(sim.win_prob.columns)
                                                   | set(actual.dropna())), fill_value=0.0)
        onehot = (prob.columns.to_numpy()[None, :]
                  == actual.astype(object).to_numpy()[:, None]).astype(float)
        row["brier"] = float(((prob.to_numpy() - onehot) ** 2).sum(axis=1).mean())
        row["p_actual"] = float((prob.to_numpy() * onehot).sum(axis=1).mean())
    return row, totals, maes


def backtest(before=None, after=None, by: str | None = None, *,
             simulations: int = 0, seed: int = 0, models=SCORED, design: str = "forward",
             pairs=None) -> pd.DataFrame:
    """Score every model on every election pair (or one pair).

    Parameters
    ----------
    before, after : int or str, optional
        One pair (e.g. ``2017, 2019``, ``"1974F", "1974O"``); default every pair of
        :func:`all_pairs` (the table docs/forecasting.md publishes).
    by : {None, "nation", "region"}
        Give the actual shares per nation / region instead of GB-wide.
    simulations : int, default 0
        Also score ``simulate`` (the default variant) with this many runs per pair.
    seed : int, default 0
    models : sequence of str
        The models to score besides ``no change`` and ``default``.
    design : {"forward", "loeo"}
        Forward-chained (parameters and the default variant from earlier pairs only) or leave
        one election out. Pairs with fewer than two earlier pairs are not scored forward-chained.
    pairs : list of str, optional
        Pair labels to score (default all).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pair`` and ``model``: ``correct``, ``seats``, ``accuracy_pct``,
        ``seat_error``, ``share_mae``, ``brier``, ``p_actual``, and ``chosen`` (the variant the
        default used). ``attrs``: ``totals``, ``mae``, ``calibration``, ``fits``.

    Examples
    --------
    >>> bt = backtest(2017, 2019, models=("uniform",))
    >>> bt.loc[("2017-2019", "uniform"), "seats"]
    632
    """
    models = tuple(choice(m, SCORED, "projection model") for m in models)
    design = choice(design, DESIGNS, "backtest design")
    if by is not None:
        by = choice(by, ("nation", "region"), "backtest area")
    labels = [p[0] for p in all_pairs()]
    if before is not None or after is not None:
        if before is None or after is None:
            raise SeatmapError("Give both elections of the pair (before and after), or neither.")
        from .elections import election as _election

        def norm(e):
            text = str(e)
            return text if _historic(text) and text in {x for p in all_pairs() for x in p[1:]} \
                else _election(e).id
        want = pair_label(norm(before), norm(after))
        if want not in labels:
            raise SeatmapError(f"{before}-{after} is not a pair of consecutive elections on one "
                               f"boundary set; pairs: {', '.join(labels)}.")
        pairs = [want]
    scored = pairs or labels
    rows, totals, maes, calib, fits, chosen = [], [], [], {}, {}, {}
    min_before = 2 if design == "forward" else 1
    for label in scored:
        t = labels.index(label)
        train = _training(labels, t, design)
        if design == "forward" and len(train) < min_before:
            continue
        params = {"mix": fit_mix(train)}
        inner = {lab: {"mix": fit_mix(_training(labels, labels.index(lab), design))}
                 for lab in train[1:]} if design == "forward" else {
                     lab: {"mix": fit_mix([x for x in train if x != lab])} for lab in train}
        variant, _ = choose(list(inner), inner)
        fits[label] = params
        chosen[label] = variant
        b, a = pair_frames(label)
        inp = pair_inputs(b, a, by)
        parties, actual, act = inp["parties"], inp["actual"], inp["act_shares"]
        base_sh = b[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0)
        base_sh.columns = parties
        r = _score("no change", b["winner"].astype("string"), base_sh, actual, act, parties)
        rows.append(dict(r[0], pair=label)), totals.extend(r[1]), maes.extend(r[2])
        for model in (*models, "default"):
            m = variant if model == "default" else model
            if m == "demographic" and not _has_demographics(b):
                continue
            won, sh, _ = _project(b, inp, m, params)
            r = _score(model, won, sh, actual, act, parties)
            rows.append(dict(r[0], pair=label, chosen=m)), totals.extend(
                dict(x, pair=label) for x in r[1]), maes.extend(dict(x, pair=label) for x in r[2])
        if simulations:
            sim = _project(b, inp, variant, params, simulations, seed)
            name = "simulated default"
            r = _score(name, sim.seats["likely"], None, actual, act, parties, sim)
            rows.append(dict(r[0], pair=label, chosen=variant))
            calib.setdefault(name, []).append(calibration(sim.win_prob, actual))
    if not rows:
        raise SeatmapError("No pair could be scored: forward-chained scoring needs two "
                           "earlier pairs (use design='loeo' for the first pairs).")
    result = pd.DataFrame(rows).set_index(["pair", "model"])
    pooled = {}
    for name, tables in calib.items():
        tab = pd.concat(tables)
        n = tab.groupby(level=0, sort=False)["n"].sum()
        pooled[name] = pd.DataFrame({
            "n": n,
            "mean_prob": (tab["mean_prob"].fillna(0) * tab["n"]).groupby(level=0, sort=False)
            .sum() / n.where(n > 0),
            "won": (tab["won"].fillna(0) * tab["n"]).groupby(level=0, sort=False).sum()
            / n.where(n > 0)})
    result.attrs = {"by": by, "design": design, "totals": pd.DataFrame(totals),
                    "mae": pd.DataFrame(maes), "calibration": pooled, "fits": fits,
                    "chosen": chosen}
    return result


def _has_demographics(b: pd.DataFrame) -> bool:
    return b.attrs.get("boundary_set") in ("2010", "2024")
