"""Benchmark: projections and simulations under every model (issue 17 item 8).

Targets: a projection of 650 seats, any model, <= 10 ms on the array path
(:func:`seatmap.projection.run_model` on the cached base: scenario, standing, model, delivery;
no pandas per call); :func:`seatmap.project` (the same plus its DataFrames) is reported beside
it; 10,000 simulations <= 1 s; loading the fitted model <= 5 s.

Run: ``python benchmarks/bench_projection.py [--n 10000] [--repeat 5] [--fit]``. Loads the
results once (not timed), then times every model, the simulations, the model file load (and
with ``--fit`` the data build's fit, written to a temporary file) and a target list for scale.
Prints each run and the best and median times; exits 1 if a best time misses its target (so CI
can report it). It is a measurement script, never a test assertion. On a shared machine the
times vary with the load: compare best times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"run_model": 0.010, "simulate": 1.0, "coefficients": 5.0}
CHANGE = {"lab": 5.0, "con": -5.0}
POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
MODELS = ("uniform", "proportional", "mixed", "demographic")


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def report(label: str, t: list[float], target: float | None = None) -> bool:
    best, med = min(t), statistics.median(t)
    unit, k = ("ms", 1000) if best < 1 else ("s", 1)
    extra = f" (target <= {target * k:g} {unit})" if target else ""
    print(f"{label:42s} best {best * k:.3f} {unit}, median {med * k:.3f} {unit}{extra}")
    return target is None or best <= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="simulations (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--fit", action="store_true", help="also time the full fit")
    args = parser.parse_args()

    import seatmap.seatmodel as seatmodel
    from seatmap._cache import clear_memory
    from seatmap.datasets import load_seats
    from seatmap.projection import _bundled_base, project, run_model
    from seatmap.simulation import simulate
    from seatmap.targeting import targets

    ok = True
    t0 = time.perf_counter()
    clear_memory()
    seatmodel.coefficients()
    ok &= report("load the fitted model file", [time.perf_counter() - t0],
                 TARGETS["coefficients"])
    if args.fit:
        from seatmap.build import seatmodel as build

        with tempfile.TemporaryDirectory() as tmp:
            t = timed(lambda: build.fit_and_write(Path(tmp) / "seatmodel.json"), 1)
        report("fit the model (data build step)", t)
    base = _bundled_base("2024")
    project(poll=POLL)  # warm-up: imports, the base's cached entry shares
    print(f"{len(base.codes)} seats; {args.n:,} simulations; poll {POLL}")
    for model in MODELS:
        run_model(base, model, poll=POLL)
        t = timed(lambda m=model: run_model(base, m, poll=POLL), args.repeat * 4)
        ok &= report(f"run_model 2024 poll ({model})", t, TARGETS["run_model"])
        t = timed(lambda m=model: run_model(base, m, change=CHANGE), args.repeat * 4)
        ok &= report(f"run_model 2024 change ({model})", t, TARGETS["run_model"])
        report(f"project 2024 poll ({model}, with DataFrames)",
               timed(lambda m=model: project(poll=POLL, model=m), args.repeat))
    for model in ("mixed", "proportional"):
        t = timed(lambda m=model: simulate(poll=POLL, model=m, n=args.n, seed=1), args.repeat)
        ok &= report(f"simulate {args.n:,} ({model})", t, TARGETS["simulate"])
    frame = load_seats(2019, geometry=False)
    report("targets('lab') on load_seats(2019)", timed(lambda: targets("lab", seats=frame),
                                                        args.repeat))
    print("OK" if ok else "SLOWER THAN TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
