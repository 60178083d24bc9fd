"""Benchmark: projections and simulations, including the demographic model.

Targets (issue 12): a demographic projection of 650 seats <= 50 ms after the data are loaded;
10,000 simulations with it <= 2 s; loading the shipped coefficients (or fitting them) <= 5 s.

Run: ``python benchmarks/bench_projection.py [--n 10000] [--repeat 5] [--fit]``. Loads the
results once (not timed), then times :func:`seatmap.project` and :func:`seatmap.simulate` under
every model, the coefficient load (and with ``--fit`` the full fit of
``python -m seatmap.build.seatmodel``, five coefficient sets, written to a temporary file), and
a target list for scale. Prints each run and the best and median times; exits 1 if a best time
misses its target (so CI can report it). It is a measurement script, never a test assertion.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"project": 0.050, "simulate": 2.0, "coefficients": 5.0}
CHANGE = {"lab": 5.0, "con": -5.0}
POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}
MODELS = ("uniform", "proportional", "demographic")


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
    from seatmap.datasets import load_results, load_seats
    from seatmap.projection import project
    from seatmap.simulation import simulate
    from seatmap.swingmodels import frame
    from seatmap.targeting import targets

    ok = True
    t0 = time.perf_counter()
    clear_memory()
    seatmodel.coefficients()
    ok &= report("load shipped coefficients", [time.perf_counter() - t0],
                 TARGETS["coefficients"])
    if args.fit:
        from seatmap.build import seatmodel as build

        with tempfile.TemporaryDirectory() as tmp:
            t = timed(lambda: build.fit_and_write(Path(tmp) / "seatmodel.json"), 1)
        report("fit every coefficient set (build step)", t)
    seats = {2019: frame(2019, None), 2024: frame(2024, None)}
    load_results(2024)
    print(f"{len(seats[2024])} seats; {args.n:,} simulations; change {CHANGE}; poll {POLL}")
    project(CHANGE, seats=seats[2024], model="demographic")  # warm-up (imports, caches)
    for model in MODELS:
        t = timed(lambda m=model: project(CHANGE, model=m, seats=seats[2024]), args.repeat)
        target = TARGETS["project"] if model == "demographic" else None
        ok &= report(f"project 2024 change ({model})", t, target)
    t = timed(lambda: project(poll=POLL, model="demographic", seats=seats[2024]), args.repeat)
    ok &= report("project 2024 poll (demographic)", t, TARGETS["project"])
    for model in MODELS:
        t = timed(lambda m=model: simulate(poll=POLL, model=m, seats=seats[2024], n=args.n,
                                           seed=1), args.repeat)
        ok &= report(f"simulate {args.n:,} ({model})", t, TARGETS["simulate"])
    frame = load_seats(2019, geometry=False)
    report("targets('lab') on load_seats(2019)", timed(lambda: targets("lab", seats=frame),
                                                        args.repeat))
    print("OK" if ok else "SLOWER THAN TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
