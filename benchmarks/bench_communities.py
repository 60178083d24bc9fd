"""Benchmark: held-back communities for the whole UK, and pilots in them (issue 22).

Run: ``python benchmarks/bench_communities.py [--repeat 5]``.

Targets (reported, never asserted in tests): every community of the UK (the 4,222 small areas of
the most deprived decile, clustered and named, with their seats' politics) in <= 2 s, and
``pilots(targets("lab", 2024), level="community")`` in <= 1 s. Each is timed cold (first call in
the process: the small areas, seats and results read from ``data/``) and warm (the median of
``--repeat`` further calls, the processed tables in memory as after any first call). The
quintile (8,385 small areas) and a 42,619-area rule (every small area) are timed too, to show
how the clustering scales. Exits 1 if a warm time misses its target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

TARGETS = {"communities (UK, decile)": 2.0, "pilots(level='community')": 1.0}


def _time(fn, repeat: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    fn()
    cold = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return cold, statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from seatmap import communities, pilots, targets

    ranked = targets("lab", 2024)  # the list is the caller's: not part of the pilots timing
    cases = {
        "communities (UK, decile)": lambda: communities(2024),
        "pilots(level='community')": lambda: pilots(ranked, level="community"),
        "communities (UK, quintile)": lambda: communities(2024, level="quintile"),
        "communities (every small area)": lambda: communities(2024, rule="population >= 0"),
    }
    failed = False
    for name, fn in cases.items():
        cold, warm = _time(fn, args.repeat)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = warm <= target
            failed |= not ok
            verdict = f"  target <= {target:.1f} s: {'met' if ok else 'MISSED'}"
        print(f"{name:<34} cold {cold:6.3f} s   warm {warm:6.3f} s{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
