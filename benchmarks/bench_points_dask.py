"""Benchmark: assign 20 million points to seats out of core with dask (the ``seatmap[scale]`` extra).

Run by hand (CI skips it): ``python benchmarks/bench_points_dask.py [--n 20000000]
[--partitions 40] [--workers 2] [--memory-limit 1.5GiB] [--set 2010] [--keep DIR]``.

1. Writes a membership-like file set to Parquet, one partition at a time (never all in memory):
   ``member_id``, ``lon``, ``lat``; points sampled inside the seats (``load_boundaries(crs=4326)``)
   in proportion to electorate, plus 0.1% with missing coordinates and 0.1% at sea.
2. Starts a local dask cluster (``--workers`` processes, one thread each, ``--memory-limit``
   each), reads the Parquet lazily, runs ``seatmap.assign_points(ddf, lon="lon", lat="lat",
   status=True)`` partition by partition, and writes the result (id, code, status) back to
   Parquet. Points are never all in memory at once; the workers' peak memory is reported.
3. Checks one partition against ``geopandas.sjoin(predicate="within")`` and the status counts
   against what was generated.

Reports points per second end to end (read, assign, write) and exits 1 if anything disagrees.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def make_partition(geoms, probs, n, rng):
    """Points sampled inside the (lon/lat) seat polygons, ``probs`` of them in each seat."""
    from bench_points import sample_points  # the same sampler as the in-memory benchmark

    x, y = sample_points(geoms, rng.multinomial(n, probs), rng)
    perm = rng.permutation(n)
    return x[perm], y[perm]


def rss_sampler(client, stop, peak):
    """Poll the workers' memory until ``stop`` is set; keep the peak of their sum."""
    while not stop.is_set():
        try:
            info = client.run(lambda: __import__("psutil").Process().memory_info().rss)
            peak[0] = max(peak[0], sum(info.values()))
        except Exception:  # sampling is best effort
            pass
        stop.wait(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000_000)
    parser.add_argument("--partitions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="1.5GiB")
    parser.add_argument("--set", default="2010")
    parser.add_argument("--keep", default=None, help="directory for the Parquet files (kept)")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()

    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        print("dask is not installed: pip install 'seatmap[scale]'")
        return 1
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="seatmap-dask-"))
    try:
        return run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    """Write the points, assign them on the cluster, check; returns the exit status."""
    import dask.dataframe as dd
    import geopandas as gpd
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely
    from distributed import Client, LocalCluster

    import seatmap

    src, dst = work / "members", work / "assigned"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(dst, ignore_errors=True)
    src.mkdir(parents=True)

    seats = seatmap.load_boundaries(args.set, crs=4326)
    election = "2019" if args.set == "2010" else "2024"
    electorate = seatmap.load_results(election)["electorate"].reindex(seats.index).astype(float)
    probs = (electorate / electorate.sum()).to_numpy()
    geoms = np.asarray(seats.geometry.array, dtype=object)
    shapely.prepare(geoms)
    rng = np.random.default_rng(args.seed)
    per = -(-args.n // args.partitions)
    t0 = time.perf_counter()
    made_missing = made_sea = 0
    first_id = 0
    for p in range(args.partitions):
        n = min(per, args.n - first_id)
        lon, lat = make_partition(geoms, probs, n, rng)
        k = max(n // 1000, 1)
        lon[:k], lat[:k] = np.nan, np.nan  # no coordinates
        lon[k:2 * k] = rng.uniform(-4.5, -3.8, k)  # the Irish Sea, between Anglesey and
        lat[k:2 * k] = rng.uniform(53.6, 53.9, k)  # the Isle of Man
        made_missing, made_sea = made_missing + k, made_sea + k
        ids = np.arange(first_id, first_id + n, dtype=np.int64)
        table = pa.table({"member_id": ids, "lon": lon, "lat": lat})
        pq.write_table(table, src / f"part-{p:04d}.parquet")
        first_id += n
    size = sum(f.stat().st_size for f in src.glob("*.parquet"))
    print(f"wrote {args.n:,} points in {args.partitions} Parquet files ({size / 1e6:,.0f} MB) in "
          f"{time.perf_counter() - t0:.0f} s: {work}")

    ok = True
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      memory_limit=args.memory_limit, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=rss_sampler, args=(client, stop, peak), daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        ddf = dd.read_parquet(str(src))
        out = seatmap.assign_points(ddf, args.set, lon="lon", lat="lat", status=True)
        result = ddf[["member_id"]].assign(code=out["code"], status=out["status"])
        result.to_parquet(str(dst), write_index=False)
        elapsed = time.perf_counter() - t0
        stop.set()
        sampler.join()
        print(f"\nassign_points on a {args.workers}-worker local cluster ({args.memory_limit} each): "
              f"{args.n:,} points read, assigned and written in {elapsed:.1f} s = "
              f"{args.n / elapsed:,.0f} points/s end to end")
        print(f"peak memory of the workers together: {peak[0] / 2**30:.2f} GiB "
              f"(the points alone would take {args.n * 3 * 8 / 2**30:.2f} GiB in memory)")

        status = (dd.read_parquet(str(dst), columns=["status"])["status"].astype("string")
                  .value_counts().compute())
        print("status counts: " + ", ".join(f"{k} {v:,}" for k, v in status.items()))
        print(f"generated: {made_missing:,} without coordinates, {made_sea:,} at sea")
        ok &= int(status.get("missing", 0)) == made_missing
        ok &= int(status.get("outside", 0)) == made_sea
        ok &= int(status.sum()) == args.n

    # exactness: one partition against sjoin on the same (lon/lat) polygons
    part = pd.read_parquet(src / "part-0000.parquet")
    got = pd.read_parquet(dst).set_index("member_id").loc[part["member_id"], "code"]
    pts = gpd.GeoDataFrame(part, geometry=gpd.points_from_xy(part.lon, part.lat), crs=4326)
    joined = gpd.sjoin(pts, seatmap.load_boundaries(args.set, crs=4326)[["geometry"]],
                       predicate="within", how="left")
    right = "index_right" if "index_right" in joined else "code"  # sjoin names it after the index
    theirs = joined[right].groupby(level=0).min().reindex(pts.index)
    a = got.astype("string").fillna("").to_numpy(dtype=object)
    b = theirs.astype("string").fillna("").to_numpy(dtype=object)
    same = int((a == b).sum())
    print(f"partition 0 against geopandas.sjoin(within): {same:,} of {len(part):,} identical")
    ok &= same == len(part)
    print("RESULT: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
