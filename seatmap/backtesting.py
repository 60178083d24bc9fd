"""One backtest for every model: the actual change between two elections, applied to the first.

:func:`backtest` scores each model (``no change``, ``uniform``, ``proportional``,
``demographic``, and with ``simulations`` their probabilistic versions) on the election pairs
2010-2015, 2015-2017, 2017-2019 (2010 boundaries) and notional 2019-2024 (2024 boundaries),
given the actual vote shares of the second election (Great Britain-wide by default, or per
nation / region with ``by=``):

* ``correct``: seats whose actual winner the model names (the Speaker's seat counts; a winner
  from a party absent from the first election, or an independent, is a miss for every model);
* ``seat_error``: seats allocated to the wrong party in the totals (``sum |projected -
  actual| / 2``), and per party in ``result.attrs["totals"]``;
* ``share_mae``: mean absolute error (points) of the main parties' shares per seat, and per
  party in ``result.attrs["mae"]``;
* with simulations, ``brier`` (multi-class Brier score per seat: ``sum_p (prob_p - won_p)^2``,
  0 is perfect, 2 the worst), ``p_actual`` (mean probability given to the actual winner) and
  ``result.attrs["calibration"]``: seats x parties grouped by the probability given (tenths),
  with the share of them actually won.

The demographic model's coefficients are fitted on election pairs, so each pair is scored with
the coefficients fitted **without** it (leave one pair out): no published figure is in sample.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import election_pairs
from .parties import PARTIES
from .projection import project
from .swing import national_shares, parties_of
from .swingmodels import frame, gb_mask
from .swingmodels import totals as seat_totals

__all__ = ["PAIRS", "actual_shares", "backtest", "calibration", "share_change"]

PAIRS = election_pairs()  # from the election registry: every pair of consecutive elections
SCORED = ("uniform", "proportional", "demographic")
MAIN = ("con", "lab", "ld", "snp", "pc", "green", "reform", "ukip")


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


def _one_pair(b, a, by, scope, models, simulations, seed):
    from .seatmodel import fitted_without

    if b.attrs.get("boundary_set") and b.attrs.get("boundary_set") != a.attrs.get("boundary_set"):
        raise SeatmapError("A backtest compares seat winners, so both elections must be on one "
                           "boundary set (e.g. 2017 and 2019, or 2019-notional and 2024).")
    if scope == "GB":
        b, a = b[gb_mask(b)], a[gb_mask(a)]
        b.attrs, a.attrs = dict(b.attrs), dict(a.attrs)
    change = share_change(b, a, by=by)
    if scope == "GB" and by is None:
        change = {"Great Britain": change}
    actual = a["winner"].astype("string").reindex(b.index)
    parties = parties_of(b)
    act_shares = actual_shares(b, a)
    label = pair_label(b.attrs.get("election"), a.attrs.get("election"))
    rows, totals, maes, calib = [], [], [], {}
    base_shares = b[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0)
    base_shares.columns = parties
    r = _score("no change", b["winner"].astype("string"), base_shares, actual, act_shares,
               parties)
    rows.append(r[0]), totals.extend(r[1]), maes.extend(r[2])
    with fitted_without(label):
        for model in models:
            proj = project(change, model=model, seats=b)
            sh = proj.seats[[f"{p}_pct" for p in parties]]
            sh.columns = parties
            r = _score(model, proj.seats["winner"], sh, actual, act_shares, parties)
            rows.append(r[0]), totals.extend(r[1]), maes.extend(r[2])
        for model in models if simulations else ():
            from .simulation import simulate

            sim = simulate(change, model=model, n=simulations, seed=seed, seats=b)
            name = f"simulated {model}"
            r = _score(name, sim.seats["likely"], None, actual, act_shares, parties, sim)
            rows.append(r[0]), totals.extend(r[1])
            calib[name] = calibration(sim.win_prob, actual)
    out = pd.DataFrame(rows).set_index("model")
    return out, pd.DataFrame(totals), pd.DataFrame(maes), calib, change, label


def backtest(before=None, after=None, by: str | None = None,
             seats_before: pd.DataFrame | None = None,
             seats_after: pd.DataFrame | None = None, simulations: int = 0,
             seed: int = 0, models=SCORED, scope: str | None = None) -> pd.DataFrame:
    """Score every model on one election pair, or on every pair (the default).

    Parameters
    ----------
    before, after : int or str, optional
        One pair of elections on one boundary set. Without them (and without frames) every
        pair of :data:`PAIRS` is scored.
    by : {None, "nation", "region"}
        Apply the actual change as one figure (default), per nation or per region.
    seats_before, seats_after : pandas.DataFrame, optional
        Results frames to use instead of the bundled ones (one pair).
    simulations : int, default 0
        Also score ``simulate`` with this many runs per model.
    seed : int, default 0
        Random seed of the simulations.
    models : sequence of str
        The models to score (default all three).
    scope : {"GB", "UK"}, optional
        The seats scored and the area of the change: ``"GB"`` (the default for all pairs: actual
        GB shares, 632 seats) or ``"UK"`` (the default for one pair, kept from earlier releases:
        UK shares, Northern Ireland included).

    Returns
    -------
    pandas.DataFrame
        One row per model (indexed by ``pair`` and ``model`` when several pairs are scored):
        ``correct``, ``seats``, ``accuracy_pct``, ``seat_error``, ``share_mae`` (NaN for
        simulations), ``brier`` and ``p_actual`` (NaN for deterministic models). ``attrs``
        holds ``totals`` (seat totals per party), ``mae`` (share error per party),
        ``calibration`` (per simulated model) and the ``change`` applied.

    Examples
    --------
    >>> backtest(2017, 2019)["correct"].tolist()  # no change, uniform, proportional, ...
    [569, 593, 601, 601]
    """
    models = tuple(choice(m, SCORED, "projection model") for m in models)
    if by is not None:
        by = choice(by, ("nation", "region"), "backtest area")
    pairs = None
    if before is None and after is None and seats_before is None and seats_after is None:
        pairs = PAIRS
        scope = scope or "GB"
    else:
        before = 2017 if before is None else before
        after = 2019 if after is None else after
        scope = scope or "UK"
    scope = choice(scope, ("GB", "UK"), "backtest scope")
    if pairs is None:
        b = frame(before, seats_before)
        a = frame(after, seats_after)
        out, totals, maes, calib, change, label = _one_pair(b, a, by, scope, models,
                                                            simulations, seed)
        out.attrs = {"pair": label, "before": b.attrs.get("election"),
                     "after": a.attrs.get("election"), "by": by, "scope": scope,
                     "change": change, "totals": totals, "mae": maes, "calibration": calib}
        return out
    frames, all_totals, all_mae, all_calib = [], [], [], {}
    for pb, pa in pairs:
        out, totals, maes, calib, _, label = _one_pair(frame(pb, None), frame(pa, None), by,
                                                       scope, models, simulations, seed)
        frames.append(out.assign(pair=label).reset_index())
        all_totals.append(totals.assign(pair=label))
        all_mae.append(maes.assign(pair=label))
        for name, table in calib.items():
            all_calib.setdefault(name, []).append(table)
    result = pd.concat(frames).set_index(["pair", "model"])
    pooled = {}
    for name, tables in all_calib.items():
        t = pd.concat(tables)
        n = t.groupby(level=0, sort=False)["n"].sum()
        pooled[name] = pd.DataFrame({
            "n": n,
            "mean_prob": (t["mean_prob"] * t["n"]).groupby(level=0, sort=False).sum() / n,
            "won": (t["won"] * t["n"]).groupby(level=0, sort=False).sum() / n})
    result.attrs = {"by": by, "scope": scope, "totals": pd.concat(all_totals),
                    "mae": pd.concat(all_mae), "calibration": pooled}
    return result
