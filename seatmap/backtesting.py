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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError, choice
from .elections import election_pairs
from .parties import PARTIES
from .swing import national_shares, parties_of
from .swingmodels import frame, gb_mask
from .swingmodels import totals as seat_totals

if TYPE_CHECKING:
    from .engine import Base
    from .simulation import Simulation

__all__ = ["MIX_GRID", "PAIRS", "actual_shares", "all_pairs", "backtest", "calibration", "choose",
           "fit_demographic", "fit_mix", "residual_noise", "share_change"]

PAIRS = election_pairs()  # from the election registry: every pair of consecutive elections
SCORED = ("uniform", "proportional", "mixed", "demographic")
VARIANTS = ("uniform", "proportional", "mixed")
MAIN = ("con", "lab", "ld", "snp", "pc", "green", "reform", "ukip")
DESIGNS = ("forward", "loeo")


def pair_label(before: object, after: object) -> str:
    """``"2017-2019"``, ``"2019-2024"`` (the notional base is written as 2019)."""
    return f"{str(before).replace('-notional', '')}-{after}"


def share_change(before: pd.DataFrame, after: pd.DataFrame, by: str | None = None) -> dict[str, Any]:
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
    from .elections import HISTORIC_PAIRS
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


def pair_inputs(b: pd.DataFrame, a: pd.DataFrame, by: str | None = None) -> dict[str, Any]:
    """What a model is told about the second election: its shares and who stood where.

    ``poll`` holds the actual shares (GB, or per nation/region with ``by``) in the first
    election's party columns (a party new in the second counts as ``other``); ``standing``
    lists, for every named party, the seats it contested in the second election.
    """
    parties = parties_of(b)
    act = actual_shares(b, a)
    votes = b["valid_votes"].astype("float64")
    if by is None:
        poll = {"Great Britain": _shares(act, votes, parties)}
    else:
        poll = {area: _shares(act[b[by] == area], votes[b[by] == area], parties)
                for area in b[by].astype("string").dropna().unique()}
    stood_after = act.reindex(b.index).fillna(0.0) > 0
    # every party's nominations, minor candidates ('other') included; independents' votes are
    # not split out in every source, so they keep the default rule (personal votes)
    standing = {p: {"only": list(b.index[stood_after[p].to_numpy()])} for p in parties
                if p not in ("ind", "speaker") and stood_after[p].any()}
    return {"poll": poll, "standing": standing, "actual": a["winner"].astype("string")
            .reindex(b.index), "act_shares": act, "parties": parties}


def _shares(act: pd.DataFrame, votes: pd.Series, parties: list[str]) -> dict[str, pd.DataFrame]:
    w = votes.to_numpy()
    s = w @ act[parties].to_numpy() / w.sum()
    return {p: float(v) for p, v in zip(parties, s, strict=True) if p != "speaker"}


@memoized(maxsize=64)
def _prepared(label: str, by: str | None = None) -> tuple[pd.DataFrame, dict[str, Any], Base]:
    """A pair's frames, inputs and base arrays (cached: the base keeps its entry shares)."""
    from .engine import base_arrays

    b, a = pair_frames(label)
    return b, pair_inputs(b, a, by), base_arrays(b)


def _project(b: pd.DataFrame, inp: dict[str, Any], model: str, params: dict[str, Any] | None = None,
             simulations: int = 0, seed: int = 0, base: Base | None = None) -> Any:
    # a Simulation with simulations, else (winners, shares, base)
    from .engine import base_arrays
    from .projection import run_model
    from .seatmodel import fitted_with

    params = params or {}
    with fitted_with(params.get("coefs"), params.get("mix")):
        if simulations:
            from .simulation import simulate

            return simulate(poll=inp["poll"], model=model, n=simulations, seed=seed, seats=b,
                            standing=inp["standing"], national_sd=0.0,
                            **params.get("noise", {}))
        base = base_arrays(b) if base is None else base
        out = run_model(base, model, poll=inp["poll"], standing=inp["standing"], seats=b)
    from .swingmodels import winners

    w, _, _ = winners(base.parties, out["shares"] * base.lumped)
    return pd.Series(w, index=b.index, dtype="string"), pd.DataFrame(
        out["shares"], index=b.index, columns=base.parties), base


def _key(params: dict[str, Any]) -> str:
    import json

    return json.dumps(params, sort_keys=True)


@memoized(maxsize=4096)
def _correct(label: str, variant: str, key: str, by: str | None = None) -> int:
    """Winners right on a pair by a variant with the parameters ``key`` (JSON), cached."""
    import json

    b, inp, base = _prepared(label, by)
    won, _, _ = _project(b, inp, variant, json.loads(key), base=base)
    return int((won == inp["actual"]).fillna(False).sum())


MIX_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)


def fit_mix(labels: list[str]) -> float:
    """The mixed model's ``k``, chosen on the pairs ``labels``: the value of :data:`MIX_GRID`
    that calls the most winners over them (ties: the smallest, the nearest to uniform swing).

    Examples
    --------
    >>> fit_mix(["2017-2019", "2019-2024"]) > 0
    True
    >>> fit_mix([])
    0.0
    """
    labels = list(labels)
    if not labels:
        return 0.0
    score = {k: sum(_correct(lab, "mixed", _key({"mix": k})) for lab in labels)
             for k in MIX_GRID}
    return max(MIX_GRID, key=lambda k: (score[k], -k))


def residual_noise(labels: list[str], variant: str,
                   fits: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Regional and seat error (points, for a party on 40%) of a variant's projections.

    Each pair is projected with its own parameters (``fits[label]``, fitted on earlier pairs);
    the residuals ``actual - projected`` of every main party projected at 2% or more in a GB
    seat, divided by ``sqrt(projected / 40)``, are split into a mean per region and party (``regional_sd`` is
    their vote-weighted spread) and what is left per seat (``seat_sd``).

    Examples
    --------
    >>> n = residual_noise(["2015-2017"], "uniform", {"2015-2017": {}})
    >>> 1.0 < n["seat_sd"] < 10.0
    True
    """
    reg_sq = reg_w = seat_sq = seat_w = 0.0
    for label in labels:
        b, inp, base = _prepared(label)
        _, sh, _ = _project(b, inp, variant, fits[label], base=base)
        act = inp["act_shares"][base.parties].to_numpy()
        proj = sh.to_numpy()
        main = np.isin(base.parties, MAIN)[None, :]
        live = main & (proj >= 2.0)  # the parties that contest seats: 2% and up
        z = np.where(live, (act - proj) / np.sqrt(np.maximum(proj, 2.0) / 40.0), 0.0)
        region = b["region"].astype("string").fillna("").to_numpy()
        w = b["valid_votes"].astype("float64").to_numpy()
        for r in np.unique(region):
            m = region == r
            cnt = live[m].sum(axis=0)
            mean = np.where(cnt > 0, z[m].sum(axis=0) / np.maximum(cnt, 1), 0.0)
            reg_sq += float((mean ** 2 * cnt).sum())
            reg_w += float(cnt.sum())
            dev = np.where(live[m], z[m] - mean, 0.0)
            seat_sq += float((dev ** 2 * w[m, None]).sum())
            seat_w += float((live[m] * w[m, None]).sum())
    return {"regional_sd": round(float(np.sqrt(reg_sq / max(reg_w, 1))), 4),
            "seat_sd": round(float(np.sqrt(seat_sq / max(seat_w, 1))), 4)}


DEMOGRAPHIC_RIDGE = 50.0
MODERN = tuple(pair_label(b, a) for b, a in PAIRS)  # the pairs with leave and census data


def fit_demographic(labels: list[str], iterations: int = 10) -> dict[str, float]:
    """The demographic model's coefficients, fitted on the modern pairs among ``labels``.

    Least squares on the GB seat shares of every party (the mixed model with the lambdas
    fitted on the same pairs as the base), with the ridge penalty ``DEMOGRAPHIC_RIDGE * sum
    beta^2``; Levenberg-Marquardt with a numerical Jacobian, from 0.
    """
    from .projection import run_model
    from .seatmodel import TERMS, fitted_with

    labels = [lab for lab in labels if lab in MODERN]
    mix = fit_mix(labels)
    data = [_prepared(lab) for lab in labels]

    def residuals(x: np.ndarray) -> np.ndarray:
        coefs = dict(zip(TERMS, x.tolist(), strict=True))
        out = []
        with fitted_with(coefs, mix):
            for b, inp, base in data:
                got = run_model(base, "demographic", poll=inp["poll"], standing=inp["standing"],
                                seats=b)["shares"]
                act = inp["act_shares"][base.parties].to_numpy()
                out.append(((got - act) / np.sqrt(len(data))).ravel())
        out.append(np.sqrt(DEMOGRAPHIC_RIDGE) * x)
        return np.concatenate(out)

    x = np.zeros(len(TERMS))
    if not labels:
        return dict(zip(TERMS, x.tolist(), strict=True))
    lam, r = 1.0, residuals(x)
    cost = r @ r
    for _ in range(iterations):
        jac = np.empty((len(r), len(x)))
        for k in range(len(x)):
            step = np.zeros_like(x)
            step[k] = 1e-4
            jac[:, k] = (residuals(x + step) - r) / 1e-4
        jtj, jtr = jac.T @ jac, jac.T @ r
        while True:
            trial = x - np.linalg.solve(jtj + lam * np.diag(np.diag(jtj) + 1e-9), jtr)
            rt = residuals(trial)
            if rt @ rt < cost:
                x, r, cost, lam = trial, rt, rt @ rt, lam / 3
                break
            lam *= 4
            if lam > 1e8:
                break
        if lam > 1e8 or np.abs(jtr).max() < 1e-6:
            break
    return {t: round(float(v), 4) for t, v in zip(TERMS, x, strict=True)}


def choose(labels: list[str],
           fits: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The variant that called the most winners on ``labels`` (each scored forward-chained).

    ``fits[label]`` holds the parameters fitted on the pairs before ``label``. Ties go to the
    simpler variant (uniform, then proportional, then mixed).
    """
    score = {v: sum(_correct(label, v, _key(fits[label])) for label in labels)
             for v in VARIANTS}
    best = max(VARIANTS, key=lambda v: (score[v], -VARIANTS.index(v)))
    return best, score


def _training(labels: list[str], t: int, design: str) -> list[str]:
    if design == "forward":
        return labels[:t]
    pairs = {p[0]: p for p in all_pairs()}
    _, b, a = pairs[labels[t]]
    return [lab for lab in labels if lab != labels[t]
            and not {pairs[lab][1], pairs[lab][2]} & {b, a}]


def _score(name: str, won: pd.Series, shares: pd.DataFrame | None, actual: pd.Series,
           act_shares: pd.DataFrame, parties: list[str], sim: Simulation | None = None
           ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
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


def backtest(before: int | str | None = None, after: int | str | None = None,
             by: str | None = None, *, simulations: int = 0, seed: int = 0,
             models: tuple[str, ...] | list[str] = SCORED, design: str = "forward",
             pairs: list[str] | None = None) -> pd.DataFrame:
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
    >>> int(bt.loc[("2017-2019", "uniform"), "seats"])
    632
    """
    models = tuple(choice(m, SCORED, "projection model") for m in models)
    design = choice(design, DESIGNS, "backtest design")
    if by is not None:
        by = choice(by, ("nation", "region"), "backtest area")
    labels = [p[0] for p in all_pairs()]
    if before is not None or after is not None:
        pairs = [_one_pair(before, after, labels)]
    unknown = [x for x in pairs or () if x not in labels]
    if unknown:
        raise SeatmapError(f"No backtest pair {', '.join(map(repr, unknown))}; pairs (consecutive "
                           f"elections on one boundary set): {', '.join(labels)}.")
    rows: list[dict[str, Any]] = []
    totals: list[dict[str, Any]] = []
    maes: list[dict[str, Any]] = []
    calib: dict[str, list[pd.DataFrame]] = {}  # calibration tables by scored name
    fits, chosen = {}, {}
    for label in pairs or labels:
        fitted = _fitted_before(label, labels, design)
        if fitted is None:
            continue
        params, variant, forward_demo = fitted
        fits[label] = dict(params, demographic=forward_demo)
        chosen[label] = variant
        _score_pair(label, by, models, params, variant, forward_demo, simulations, seed,
                    rows, totals, maes, calib)
    if not rows:
        raise SeatmapError("No pair could be scored: forward-chained scoring needs two "
                           "earlier pairs (use design='loeo' for the first pairs).")
    result = pd.DataFrame(rows).set_index(["pair", "model"])
    result.attrs = {"by": by, "design": design, "totals": pd.DataFrame(totals),
                    "mae": pd.DataFrame(maes), "calibration": _pooled(calib), "fits": fits,
                    "chosen": chosen}
    return result


def _one_pair(before: int | str | None, after: int | str | None, labels: list[str]) -> str:
    """The label of the pair asked for (``"2017-2019"``), or an error listing the pairs."""
    if before is None or after is None:
        raise SeatmapError("Give both elections of the pair (before and after), or neither.")
    from .elections import election as _election

    def norm(e: int | str) -> str:
        text = str(e)
        return text if _historic(text) and text in {x for p in all_pairs() for x in p[1:]} \
            else _election(e).id
    want = pair_label(norm(before), norm(after))
    if want not in labels:
        raise SeatmapError(f"{before}-{after} is not a pair of consecutive elections on one "
                           f"boundary set; pairs: {', '.join(labels)}.")
    return want


def _fitted_before(label: str, labels: list[str], design: str
                   ) -> tuple[dict[str, Any], str, dict[str, float] | None] | None:
    """What the design allows the pair to be scored with: ``(params, variant, demographic)``.

    ``k``, the simulation noise and the default's variant come from the training pairs only
    (forward-chained: each of them scored forward-chained in turn); ``None`` when forward
    chaining has fewer than two earlier pairs.
    """
    train = _training(labels, labels.index(label), design)
    if design == "forward" and len(train) < 2:
        return None
    params: dict[str, Any] = {"mix": fit_mix(train)}
    inner = {lab: {"mix": fit_mix(_training(labels, labels.index(lab), design))}
             for lab in train[1:]} if design == "forward" else {
                 lab: {"mix": fit_mix([x for x in train if x != lab])} for lab in train}
    variant, _ = choose(list(inner), inner)
    params["noise"] = residual_noise(list(inner), variant, inner)
    forward_demo = _shipped_forward().get(label) if design == "forward" else None
    return params, variant, forward_demo


def _score_pair(label: str, by: str | None, models: Sequence[str], params: dict[str, Any],
                variant: str, forward_demo: dict[str, float] | None, simulations: int, seed: int,
                rows: list[dict[str, Any]], totals: list[dict[str, Any]], maes: list[dict[str, Any]],
                calib: dict[str, list[pd.DataFrame]]) -> None:
    """Score no change, every model, the default and (optionally) its simulation on one pair."""
    b, inp, base = _prepared(label, by)
    parties, actual, act = inp["parties"], inp["actual"], inp["act_shares"]
    base_sh = b[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0)
    base_sh.columns = parties
    r = _score("no change", b["winner"].astype("string"), base_sh, actual, act, parties)
    rows.append(dict(r[0], pair=label))
    totals.extend(r[1])
    maes.extend(r[2])
    for model in (*models, "default"):
        m = variant if model == "default" else model
        use = params
        if m == "demographic":
            if forward_demo is None:  # fitted on earlier modern pairs only, or not scored
                continue
            use = dict(params, coefs=forward_demo)
        won, sh, _ = _project(b, inp, m, use, base=base)
        r = _score(model, won, sh, actual, act, parties)
        rows.append(dict(r[0], pair=label, chosen=m))
        totals.extend(dict(x, pair=label) for x in r[1])
        maes.extend(dict(x, pair=label) for x in r[2])
    if simulations:
        sim = _project(b, inp, variant, params, simulations, seed)
        name = "simulated default"
        r = _score(name, sim.seats["likely"], None, actual, act, parties, sim)
        rows.append(dict(r[0], pair=label, chosen=variant))
        calib.setdefault(name, []).append(calibration(sim.win_prob, actual))


def _pooled(calib: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The calibration tables of every pair, pooled (weighted by the seats in each bin)."""
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
    return pooled


def _shipped_forward() -> dict[str, dict[str, float]]:
    """The demographic coefficients fitted (by the data build) on earlier modern pairs only."""
    from .seatmodel import shipped

    forward: dict[str, dict[str, float]] = shipped().get("demographic_forward", {})
    return forward
