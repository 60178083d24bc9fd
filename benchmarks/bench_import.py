"""Benchmark: a fresh process running ``import seatmap; seatmap.load_seats(2019)`` versus
``import geopandas`` (issue 2's target: at most 1.3x), measured alternately in one run; and the
time to read each bundled boundary file.

Run: ``python benchmarks/bench_import.py [--pairs 9]``. Prints each pair, the medians and the ratio;
exits 1 if the ratio exceeds the target (so CI can report it), never used as a test assertion.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TARGET = 1.3
SEATMAP = "import seatmap; seatmap.load_seats(2019)"
GEOPANDAS = "import geopandas"


def run(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t0


def _timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    run(GEOPANDAS), run(SEATMAP)  # warm the OS file cache
    gp, sm = [], []
    for i in range(args.pairs):
        first, second = (GEOPANDAS, SEATMAP) if i % 2 == 0 else (SEATMAP, GEOPANDAS)
        a, b = run(first), run(second)
        g, s = (a, b) if first == GEOPANDAS else (b, a)
        gp.append(g)
        sm.append(s)
        print(f"pair {i + 1}: import geopandas {g * 1000:6.0f} ms   "
              f"import seatmap + load_seats(2019) {s * 1000:6.0f} ms")
    from seatmap._geostore import read_geometries
    from seatmap._paths import data_dir

    for set_id in ("2010", "2024"):
        path = data_dir() / "boundaries" / f"pcon{set_id}.npz"
        best = min(_timed(read_geometries, path) for _ in range(5))
        print(f"read boundaries pcon{set_id}.npz ({path.stat().st_size / 1e6:.2f} MB): "
              f"best of 5 {best * 1000:.0f} ms")
    mg, ms = statistics.median(gp), statistics.median(sm)
    ratio = ms / mg
    print(f"median: geopandas {mg * 1000:.0f} ms, seatmap {ms * 1000:.0f} ms, "
          f"ratio {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
