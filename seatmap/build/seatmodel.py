"""Fit the seat model and write ``data/models/seatmodel.json``.

Run ``python -m seatmap.build.seatmodel`` (or the whole build) after the results are built. It
writes:

* ``mix``: the mixed model's lambdas per party family (for a party that falls and one that
  rises), fitted by :func:`seatmap.backtesting.fit_mix` on every pair of
  :func:`seatmap.backtesting.all_pairs`;
* ``default_model``: the variant (uniform, proportional, mixed) the nested forward-chained
  procedure chooses on every pair (:func:`seatmap.backtesting.choose`, each pair scored with
  parameters fitted on the pairs before it) - the model :func:`seatmap.project` uses unless
  told otherwise;
* ``forward``: per pair, the parameters fitted on the pairs before it (what the backtest uses);
* ``coefficients``: the demographic model's leave and graduate coefficients, carried from the
  last release's fit (kept for ``model="demographic"``, which is not the default and not in the
  published forward-chained table: see docs/forecasting.md).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "data" / "models" / "seatmodel.json"
# the demographic coefficients of the last release (fitted on the four modern pairs, ridge 50)
DEMOGRAPHIC = {"reform": 0.0117, "green": -0.3927, "ld": 0.6881, "lab": -0.2237, "con": 0.4853,
               "snp": 0.0532, "pc": -0.7211, "reform_graduates": -0.1279,
               "green_graduates": -0.264, "ld_graduates": 1.0075, "lab_graduates": -0.5568,
               "con_graduates": -1.2376}


def fit_and_write(path: Path = OUT) -> dict:
    """Fit the mixed model, choose the default and write the JSON file; returns it."""
    from ..backtesting import all_pairs, choose, fit_mix

    t0 = time.perf_counter()
    labels = [p[0] for p in all_pairs()]
    forward = {lab: {"mix": fit_mix(labels[:i])} for i, lab in enumerate(labels) if i >= 1}
    variant, score = choose(list(forward), forward)
    model = {
        "model": "seatmap seat model",
        "description": "Mixed model lambdas (fitted on every backtest pair), the default model "
                       "chosen by the nested forward-chained procedure, and the demographic "
                       "coefficients; written by python -m seatmap.build.seatmodel.",
        "pairs": labels,
        "mix": fit_mix(labels),
        "default_model": variant,
        "choice_scores": score,
        "forward": forward,
        "coefficients": DEMOGRAPHIC,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return model


TABLES: list = []
RESOURCES = [{
    "path": "models/seatmodel.json",
    "title": "Seat model: fitted parameters",
    "description": (
        "The mixed model's lambdas per party family (fitted on every backtest pair), the default "
        "model chosen by the nested forward-chained backtest, the per-pair forward fits and the "
        "demographic model's coefficients (seatmap.seatmodel). JSON."
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
