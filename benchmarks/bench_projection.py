"""Benchmark: the probabilistic projection, 10,000 simulations of 650 seats (target: <= 2 s).

Run: ``python benchmarks/bench_projection.py [--n 10000] [--repeat 5]``. Loads the 2019 results
once (not timed), then times :func:`seatmap.projection.simulate` under both models, plus the
deterministic projections and a full target list for scale. Prints each run and the best and
median times; exits 1 if the best simulation time exceeds the target (so CI can report it). It
is a measurement script, never a test assertion.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

TARGET_S = 2.0
CHANGE = {"lab": 5.0, "con": -5.0}


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="simulations (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    args = parser.parse_args()

    from seatmap.datasets import load_results
    from seatmap.projection import project, simulate
    from seatmap.targeting import targets

    seats = load_results(2019)
    print(f"{len(seats)} seats, {len(seats.attrs['parties'])} party columns; "
          f"{args.n:,} simulations; change {CHANGE}")
    simulate(CHANGE, seats=seats, n=200)  # warm-up (imports, caches)
    worst_best = 0.0
    for model in ("uniform", "proportional"):
        t = timed(lambda m=model: simulate(CHANGE, model=m, seats=seats, n=args.n, seed=1),
                  args.repeat)
        best, med = min(t), statistics.median(t)
        worst_best = max(worst_best, best)
        print(f"simulate ({model:12s}): " + " ".join(f"{x:.3f}" for x in t)
              + f"  best {best:.3f} s, median {med:.3f} s (target <= {TARGET_S:g} s)")
    for model in ("uniform", "proportional"):
        t = timed(lambda m=model: project(CHANGE, model=m, seats=seats), args.repeat)
        print(f"project  ({model:12s}): best {min(t) * 1000:.1f} ms")
    try:
        from seatmap.datasets import load_seats

        frame = load_seats(2019, geometry=False)
        t = timed(lambda: targets("lab", seats=frame), args.repeat)
        print(f"targets('lab') on load_seats(2019): best {min(t) * 1000:.1f} ms")
    except FileNotFoundError as err:
        print(f"targets: skipped ({err})")
    ok = worst_best <= TARGET_S
    print(f"{'OK' if ok else 'SLOWER THAN TARGET'}: best simulation time {worst_best:.3f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
