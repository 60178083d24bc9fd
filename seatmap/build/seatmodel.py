"""Fit the seat model and write ``data/models/seatmodel.json``.

Run ``python -m seatmap.build.seatmodel`` (or the whole build) after the results are built.
Everything is fitted in code on the backtest's election pairs (:mod:`seatmap.backtesting`):

* ``mix_k``: the mixed model's ``k`` (how soon a party's fall becomes proportional to its
  strength), :func:`~seatmap.backtesting.fit_mix` on every pair;
* ``default_model``: the variant (uniform, proportional, mixed) the nested forward-chained
  procedure chooses with every pair as history (:func:`~seatmap.backtesting.choose`, each
  pair scored with the lambdas fitted on the pairs before it): the model
  :func:`seatmap.project` uses unless told otherwise;
* ``noise``: the regional and seat error of that model's forward-chained projections
  (:func:`~seatmap.backtesting.residual_noise`), the simulation's defaults;
* ``coefficients``: the demographic model's leave and graduate terms fitted on the four modern
  pairs (:func:`~seatmap.backtesting.fit_demographic`), and ``demographic_forward``: per modern
  pair with two modern pairs before it, the coefficients fitted on those only (the backtest's).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "data" / "models" / "seatmodel.json"


def fit_and_write(path: Path = OUT) -> dict:
    """Fit every part of the model and write the JSON file; returns what was written."""
    from ..backtesting import (
        MODERN,
        all_pairs,
        choose,
        fit_demographic,
        fit_mix,
        residual_noise,
    )

    t0 = time.perf_counter()
    labels = [p[0] for p in all_pairs()]
    forward = {lab: {"mix": fit_mix(labels[:i])} for i, lab in enumerate(labels) if i >= 1}
    variant, score = choose(list(forward), forward)
    modern = [lab for lab in labels if lab in MODERN]
    model = {
        "model": "seatmap seat model",
        "description": "Fitted by python -m seatmap.build.seatmodel on the backtest's election "
                       "pairs: the mixed model's k, the default model chosen by the "
                       "nested forward-chained procedure, the simulation's noise and the "
                       "demographic coefficients (all pairs, and forward-chained).",
        "pairs": labels,
        "mix_k": fit_mix(labels),
        "default_model": variant,
        "choice_scores": score,
        "noise": residual_noise(list(forward), variant, forward),
        "coefficients": fit_demographic(modern),
        "demographic_forward": {lab: fit_demographic(modern[:i])
                                for i, lab in enumerate(modern) if i >= 2},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return model


TABLES: list = []
RESOURCES: list[dict[str, Any]] = [{
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
