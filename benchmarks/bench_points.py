"""Benchmark: assign 1,000,000 points to seats, seatmap.assign_points against geopandas.sjoin.

Run: ``python benchmarks/bench_points.py [--n 1000000] [--set 2010] [--repeat 3]``.

Points are sampled uniformly inside each seat of the detailed boundaries
(:func:`seatmap.load_boundaries`), the number per seat in proportion to its electorate (2019 on the
2010 set, 2024 on the 2024 set). Both methods get the same GeoDataFrame of points in British
National Grid and the same polygons, in the same run:

- ``geopandas.sjoin(points, seats, predicate="within", how="left")`` (its spatial index is built
  inside the call, so it is included);
- ``seatmap.assign_points(points, set)``: warm (its grid index already in memory, as after the
  first call in a process), first call in a process with the index read from the cache folder
  (as after the first run on a machine), and first call with the index built (no cache).

Every point's seat must be identical. Border treatment: a point exactly on a boundary is within no
seat for both methods (``<NA>`` in seatmap, no match in sjoin); a second, adversarial set of points
(polygon vertices, so exactly on borders and coastlines, points jittered by 1 nm to 100 m around
them, edge midpoints, and points anywhere in the bounding box, many at sea) checks that too. Where
polygons overlap, sjoin returns several rows and seatmap the alphabetically first code, so the
comparison takes sjoin's first code. The same is repeated for longitude/latitude input against the
boundaries in EPSG:4326.

Prints points per second for each method and the speed-up; exits 1 if the warm speed-up is below
5x or any assignment differs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np

TARGET_SPEEDUP = 5.0


def sample_points(geoms, counts, rng):
    """Uniform random points inside each polygon (rejection sampling in its bounding box)."""
    import shapely

    xs, ys = [], []
    for g, n in zip(geoms, counts, strict=True):
        if not n:
            continue
        x0, y0, x1, y1 = g.bounds
        got, bx, by = 0, [], []
        while got < n:
            m = max(2 * (n - got), 64)
            px, py = rng.uniform(x0, x1, m), rng.uniform(y0, y1, m)
            ok = shapely.contains_xy(g, px, py)
            bx.append(px[ok])
            by.append(py[ok])
            got += int(ok.sum())
        xs.append(np.concatenate(bx)[:n])
        ys.append(np.concatenate(by)[:n])
    return np.concatenate(xs), np.concatenate(ys)


def adversarial_points(geoms, n, rng, unit):
    """Vertices (exactly on borders), jittered vertices, edge midpoints and random points."""
    import shapely

    coords = shapely.get_coordinates(geoms)
    pick = coords[rng.integers(0, len(coords), n)]
    xs, ys = [pick[:, 0]], [pick[:, 1]]
    for r in (1e-9, 1e-6, 1e-3, 1.0, 100.0):
        ang = rng.uniform(0, 2 * np.pi, n)
        xs.append(pick[:, 0] + r * unit * np.cos(ang))
        ys.append(pick[:, 1] + r * unit * np.sin(ang))
    a = rng.integers(0, len(coords) - 1, n)
    xs.append((coords[a, 0] + coords[a + 1, 0]) / 2)
    ys.append((coords[a, 1] + coords[a + 1, 1]) / 2)
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    xs.append(rng.uniform(x0, x1, n))
    ys.append(rng.uniform(y0, y1, n))
    return np.concatenate(xs), np.concatenate(ys)


def sjoin_codes(points, seats):
    """sjoin(within) and the first (alphabetical) code per point; also overlap count."""
    import geopandas as gpd

    joined = gpd.sjoin(points, seats[["geometry"]], predicate="within", how="left")
    return joined


def first_codes(joined, n):
    import pandas as pd

    right = joined["index_right"] if "index_right" in joined else joined[joined.columns[-1]]
    first = right.groupby(level=0).min()
    return pd.Series(first.reindex(range(n)).to_numpy(dtype=object)), int(joined.index.duplicated().sum())


def compare(ours, theirs) -> int:
    """Number of points whose seat differs (missing counts as a value of its own)."""
    a = ours.astype("string").fillna("").to_numpy(dtype=object)
    b = theirs.astype("string").fillna("").to_numpy(dtype=object)
    return int((a != b).sum())


def timed(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="points (default 1,000,000)")
    parser.add_argument("--set", default="2010", help="boundary set: 2010 or 2024")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per method (best kept)")
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()

    import geopandas as gpd
    import pandas as pd
    import shapely

    import seatmap
    from seatmap import _locate as sp

    rng = np.random.default_rng(args.seed)
    seats = seatmap.load_boundaries(args.set)
    election = "2019" if args.set == "2010" else "2024"
    electorate = seatmap.load_results(election)["electorate"].reindex(seats.index).astype(float)
    geoms = np.asarray(seats.geometry.array, dtype=object)
    shapely.prepare(geoms)
    counts = rng.multinomial(args.n, (electorate / electorate.sum()).to_numpy())
    t0 = time.perf_counter()
    x, y = sample_points(geoms, counts, rng)
    perm = rng.permutation(args.n)
    x, y = x[perm], y[perm]
    print(f"{args.set} boundary set: {len(seats)} seats, "
          f"{int(shapely.get_num_coordinates(geoms).sum()):,} vertices; {args.n:,} points sampled "
          f"inside seats in proportion to the {election} electorate in {time.perf_counter() - t0:.1f} s")
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=27700)
    ok = True

    # -- British National Grid -----------------------------------------------------------------
    # first call in a process, index built (no cache between processes)
    os.environ["SEATMAP_CACHE_DIR"] = "0"
    sp.seat_locator.cache_clear()
    t0 = time.perf_counter()
    cold = seatmap.assign_points(pts, args.set, warn=False)
    t_cold = time.perf_counter() - t0
    # first call in a process, index read from the cache folder (written by an earlier run)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["SEATMAP_CACHE_DIR"] = cache
        sp.seat_locator.cache_clear()
        seatmap.assign_points(pts.iloc[:1], args.set, warn=False)  # builds and keeps the index
        sp.seat_locator.cache_clear()
        t0 = time.perf_counter()
        seatmap.assign_points(pts, args.set, warn=False)
        t_disk = time.perf_counter() - t0
    loc = sp.seat_locator(args.set, "27700")
    t_warm, ours = timed(lambda: seatmap.assign_points(pts, args.set, warn=False), args.repeat)
    t_sjoin, joined = timed(lambda: sjoin_codes(pts, seats), args.repeat)
    theirs, dup = first_codes(joined, args.n)
    bad = compare(ours.reset_index(drop=True), theirs)
    bad_cold = compare(cold.reset_index(drop=True), theirs)
    speed = t_sjoin / t_warm
    print(f"\nBritish National Grid, {args.n:,} points inside seats (best of {args.repeat}):")
    for label, t in (("geopandas.sjoin(within)", t_sjoin),
                     ("assign_points, warm (index in memory)", t_warm),
                     ("assign_points, 1st call, index from cache", t_disk),
                     ("assign_points, 1st call, index built", t_cold)):
        ratio = "" if t is t_sjoin else f"  ({t_sjoin / t:.1f}x sjoin)"
        print(f"  {label:43s} {t:7.3f} s {args.n / t:12,.0f} points/s{ratio}")
    print(f"  index: {loc.index.nbytes / 1e6:.1f} MB of lookup arrays, "
          f"{loc.index.n_exact_cells:,} boundary cells of "
          f"{loc.index.size0 / 2 ** loc.index.depth:g} m")
    _, exact = loc.index.lookup(x, y, return_exact=True)
    print(f"  points needing the exact test: {len(exact):,} ({100 * len(exact) / args.n:.1f}%)")
    print(f"  identical assignments: {args.n - bad:,} of {args.n:,} (cold run: {args.n - bad_cold:,}); "
          f"unassigned {int(ours.isna().sum())}; points in two overlapping polygons {dup}")
    ok &= bad == 0 and bad_cold == 0 and speed >= TARGET_SPEEDUP

    # adversarial points: borders, coastlines, sea
    ax, ay = adversarial_points(geoms, max(args.n // 20, 1000), rng, 1.0)
    apts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(ax, ay), crs=27700)
    adv = seatmap.assign_points(apts, args.set, status=True, warn=False)
    atheirs, _ = first_codes(sjoin_codes(apts, seats), len(ax))
    abad = compare(adv["code"].reset_index(drop=True), atheirs)
    st = adv["status"].value_counts()
    print(f"  adversarial set ({len(ax):,} points: vertices, 1 nm-100 m jitter, edge midpoints, "
          f"random in the bounding box): {len(ax) - abad:,} identical; "
          f"on a border {st.get('border', 0):,}, outside {st.get('outside', 0):,}")
    ok &= abad == 0

    # -- longitude/latitude --------------------------------------------------------------------
    seats_ll = seatmap.load_boundaries(args.set, crs=4326)
    pts_ll = pts.to_crs(4326)
    seatmap.assign_points(pts_ll.iloc[:10], args.set, warn=False)  # build the lon/lat index
    t_warm_ll, ours_ll = timed(lambda: seatmap.assign_points(pts_ll, args.set, warn=False),
                               args.repeat)
    t_sjoin_ll, joined_ll = timed(lambda: sjoin_codes(pts_ll, seats_ll), args.repeat)
    theirs_ll, _ = first_codes(joined_ll, args.n)
    bad_ll = compare(ours_ll.reset_index(drop=True), theirs_ll)
    print("\nLongitude/latitude (EPSG:4326, against load_boundaries(crs=4326)):")
    print(f"  {'geopandas.sjoin(within)':43s} {t_sjoin_ll:7.3f} s {args.n / t_sjoin_ll:12,.0f} points/s")
    print(f"  {'assign_points, warm (index in memory)':43s} {t_warm_ll:7.3f} s "
          f"{args.n / t_warm_ll:12,.0f} points/s  ({t_sjoin_ll / t_warm_ll:.1f}x sjoin)")
    print(f"  identical assignments: {args.n - bad_ll:,} of {args.n:,}")
    ok &= bad_ll == 0

    # -- a plain DataFrame of coordinates, the organiser's case (no geometry objects at all) --
    frame = pd.DataFrame({"x": x, "y": y})
    t_frame, _ = timed(lambda: seatmap.assign_points(frame, args.set, x="x", y="y", warn=False),
                       args.repeat)
    t_make = timed(lambda: gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=27700), 1)[0]
    print(f"\nDataFrame of eastings/northings: assign_points {t_frame:.3f} s "
          f"({args.n / t_frame:,.0f} points/s); sjoin would first need points_from_xy "
          f"({t_make:.3f} s) on top of its {t_sjoin:.3f} s.")
    print("\nBorder treatment: a point exactly on a boundary is within no seat in both methods "
          "(seatmap status 'border', code <NA>; on_border='first' gives it the first code it touches).")
    print("RESULT: " + ("PASS" if ok else "FAIL") + f" (target >= {TARGET_SPEEDUP:g}x sjoin, "
          "identical assignments)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
