"""Fit the demographic seat model and write ``data/models/seatmodel.json``.

Run ``python -m seatmap.build.seatmodel`` after the results and attributes are built. For each
election pair (:data:`seatmap.backtesting.PAIRS`) the actual change in GB shares is applied to the
first election with the transition base, and the leave coefficients of
:mod:`seatmap.seatmodel` are chosen to minimise the squared error of every party's share in
every GB seat (summed over seats and parties, averaged over pairs) plus a ridge penalty
``RIDGE * sum beta^2`` that keeps coefficients no data support near 0. Levenberg-Marquardt
with a numerical Jacobian, numpy only; a few seconds. One set is fitted on all pairs (shipped
as ``coefficients``) and one per pair without it (``leave_one_out``), for the backtest.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

RIDGE = 50.0
OUT = Path(__file__).resolve().parents[2] / "data" / "models" / "seatmodel.json"


def pair_data() -> list[dict]:
    """Per pair: the base frame, the change and the actual shares (GB seats)."""
    from ..backtesting import PAIRS, actual_shares, pair_label, share_change
    from ..datasets import load_seats
    from ..swing import parties_of
    from ..swingmodels import delta_matrix, gb_mask, normalise_change

    out = []
    for before, after in PAIRS:
        b = load_seats(before, geometry=False)
        a = load_seats(after, geometry=False)
        b, a = b[gb_mask(b)], a[gb_mask(a)]
        parties = parties_of(b)
        spec = normalise_change({"Great Britain": share_change(b, a)})
        delta, base, _ = delta_matrix(b, spec, parties, balance=True)
        shares = b[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
        out.append({"label": pair_label(before, after), "seats": b, "parties": parties,
                    "spec": spec, "delta": delta, "base": base, "shares": shares,
                    "actual": actual_shares(b, a).to_numpy()})
    return out


def _residuals(x: np.ndarray, data: list[dict]) -> np.ndarray:
    from ..seatmodel import TERMS, apply_demographic

    coefs = dict(zip(TERMS, x, strict=True))
    res = []
    for d in data:
        pred = apply_demographic(d["seats"], d["parties"], d["shares"], d["delta"], d["base"],
                                 d["spec"], coefs=coefs)
        res.append(((pred - d["actual"]) / np.sqrt(len(data))).ravel())
    res.append(np.sqrt(RIDGE) * x)
    return np.concatenate(res)


def fit(data: list[dict], iterations: int = 12) -> np.ndarray:
    """Levenberg-Marquardt on the leave coefficients, starting from 0."""
    from ..seatmodel import TERMS

    x = np.zeros(len(TERMS))
    lam = 1.0
    r = _residuals(x, data)
    cost = r @ r
    for _ in range(iterations):
        jac = np.empty((len(r), len(x)))
        for k in range(len(x)):
            step = np.zeros_like(x)
            step[k] = 1e-4
            jac[:, k] = (_residuals(x + step, data) - r) / 1e-4
        jtj, jtr = jac.T @ jac, jac.T @ r
        while True:
            trial = x - np.linalg.solve(jtj + lam * np.diag(np.diag(jtj) + 1e-9), jtr)
            rt = _residuals(trial, data)
            if rt @ rt < cost:
                x, r, cost, lam = trial, rt, rt @ rt, lam / 3
                break
            lam *= 4
            if lam > 1e8:
                return x
        if np.abs(jtr).max() < 1e-6:
            break
    return x


def fit_and_write(path: Path = OUT) -> dict:
    """Fit every coefficient set and write the JSON file; returns what was written."""
    from ..seatmodel import TERMS

    t0 = time.perf_counter()
    data = pair_data()
    model = {
        "model": "demographic",
        "description": "Leave coefficient per party family of seatmap.seatmodel, fitted by "
                       "python -m seatmap.build.seatmodel (least squares on GB seat shares, "
                       f"ridge {RIDGE:g}).",
        "pairs": [d["label"] for d in data],
        "ridge": RIDGE,
        "coefficients": {f: round(float(v), 4) for f, v in zip(TERMS, fit(data), strict=True)},
        "leave_one_out": {},
    }
    for d in data:
        rest = [o for o in data if o is not d]
        model["leave_one_out"][d["label"]] = {
            f: round(float(v), 4) for f, v in zip(TERMS, fit(rest), strict=True)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return model


TABLES: list = []
RESOURCES = [{
    "path": "models/seatmodel.json",
    "title": "Demographic seat model: fitted coefficients",
    "description": (
        "Coefficients of seatmap.seatmodel (leave and census-education terms per party family), "
        "fitted by least squares on GB seat shares over every election pair of "
        "seatmap.backtesting.PAIRS with a ridge penalty; `coefficients` from all pairs, "
        "`leave_one_out` without each pair (for the backtest). JSON."
    ),
    # the inputs: the results of every pair and the seat attributes the terms use
    "sources": ["results-bes-ge2019", "results-hoc-1918-2017", "results-hoc-ge2015",
                "results-hoc-ge2017", "results-hoc-ge2019", "results-notional2019-2024bnd",
                "results-hoc-ge2024", "euref-hanretty-2016", "euref-hanretty-2024bnd",
                "census-bes-2019-results-census2011", "census-scott-2021-pcon2024"],
    "format": "json",
    "mediatype": "application/json",
}]


def build(sources: Path, out_dir: Path) -> list[Path]:
    """The data build's step (``python -m seatmap.build``): fit on the processed data and write
    ``out_dir/models/seatmodel.json``. ``sources`` is unused (the fit reads processed tables)."""
    path = Path(out_dir) / RESOURCES[0]["path"]
    fit_and_write(path)
    return [path]


if __name__ == "__main__":
    print(json.dumps(fit_and_write(), indent=1))
