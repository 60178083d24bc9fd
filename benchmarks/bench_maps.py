"""Benchmark: map size and speed (issue 4's targets).

Reports, for the bundled data:

- the naive baseline: bytes of a plain ``folium.GeoJson`` of the detailed boundaries;
- web geometry per boundary set: simplification time (cold), vertices, payload bytes, and the
  gap/overlap check (``--hausdorff`` adds each seat's largest displacement; about a minute);
- bytes of the HTML: the UK geographic map with target, defence and pilot layers (target
  <= 1.5 MB at about 100 m detail) and the hex map (target <= 0.5 MB);
- render time in Python (warm; the bundled boundaries' web geometry ships in the package);
- load-to-drawn time in headless Chromium (navigation start to every seat drawn, median of
  ``--runs``; target <= 1.5 s), with the basemap tiles blocked, as offline.

Run: ``python benchmarks/bench_maps.py [--runs 5] [--hausdorff]``. Exits 1 if a target is
missed (so CI can report it); never used as a test assertion.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HTML_GEO_TARGET = 1_500_000
HTML_HEX_TARGET = 500_000
DRAWN_TARGET_MS = 1500.0


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def browser_times(paths: dict[str, Path], runs: int) -> dict[str, list[float]] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser: skipped (playwright is not installed)")
        return None
    if chromium is None:
        print("browser: skipped (Debian chromium is not installed)")
        return None
    out: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, path in paths.items():
            times = []
            for _ in range(runs + 1):  # the first run warms the browser's caches
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                    ("file:", "data:")) else r.abort())
                page.goto(path.as_uri())
                page.wait_for_selector("html[data-seatmap-drawn]", timeout=60_000)
                times.append(page.evaluate("() => window.seatmapMaps[0].drawnAt"))
                page.close()
            out[name] = times[1:]
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hausdorff", action="store_true")
    args = parser.parse_args()

    import os

    tmp = Path(tempfile.mkdtemp(prefix="seatmap-bench-"))
    os.environ["SEATMAP_CACHE_DIR"] = str(tmp / "cache")  # measure the simplification cold

    import folium

    import seatmap
    from seatmap import webgeom
    from seatmap._cache import clear_memory
    from seatmap.mapping import save_map, seats_to_map

    ok = True

    b = seatmap.load_boundaries("2010", crs=4326)
    naive = folium.Map(tiles=None)
    folium.GeoJson(b[["name", "geometry"]].to_json()).add_to(naive)
    naive_bytes = len(naive.get_root().render().encode())
    print(f"naive folium.GeoJson of the detailed 2010 boundaries: {naive_bytes / 1e6:.1f} MB")

    for set_id in ("2010", "2024"):
        src = seatmap.load_boundaries(set_id)
        # simplifying from scratch (what the data build does once, and what custom tolerances
        # or your own polygons cost on first use) ...
        _, secs = _timed(lambda s=src: webgeom.web_geometry(s.geometry, list(s.index)))
        # ... versus reading the packaged result, as every map of the bundled boundaries does
        clear_memory()
        web, disk = _timed(lambda s=set_id: webgeom.boundary_web_geometry(s))
        report = webgeom.check_web_geometry(web, src.geometry, raise_on_error=False,
                                            displacement=args.hausdorff)
        payload = len(json.dumps(web.payload(), separators=(",", ":")))
        print(f"web geometry {set_id}: {secs:.1f} s to simplify from scratch, {disk:.2f} s to read "
              "the packaged copy; "
              f"{web.stats['vertices_source']:,} -> "
              f"{web.n_vertices:,} vertices in {len(web.arcs):,} shared arcs; payload "
              f"{payload / 1e3:.0f} kB; overlap {report['overlap_km2']['web']} km² (source "
              f"{report['overlap_km2']['source']}); gaps {report['gaps']['count']}; area ratio "
              f"{report['area_ratio']['min']}-{report['area_ratio']['max']}; "
              f"{len(report['invalid'])} rings pinched by the grid"
              + (f"; displacement median {report['hausdorff_m']['median']} m, p95 "
                 f"{report['hausdorff_m']['p95']} m, max {report['hausdorff_m']['max']} m"
                 if args.hausdorff else ""))
        ok &= report["ok"]

    ranked = seatmap.targets("lab", election=2019)
    layers = {"party": "lab", "targets": ranked.head(50),
              "defences": seatmap.defences("lab", election=2019).head(50),
              "pilots": seatmap.pilots(ranked)}
    warm = []
    for _ in range(3):
        _, secs = _timed(lambda: save_map(seats_to_map(2019, "leave", **layers),
                                          tmp / "geo.html"))
        warm.append(secs)
    geo_bytes = (tmp / "geo.html").stat().st_size
    _, hex_secs = _timed(lambda: save_map(seats_to_map(2019, "winner", hexmap=True, **layers),
                                          tmp / "hex.html"))
    hex_bytes = (tmp / "hex.html").stat().st_size
    print(f"HTML, UK geographic map with 3 layers: {geo_bytes / 1e6:.2f} MB "
          f"(target <= {HTML_GEO_TARGET / 1e6:.1f} MB), render {statistics.median(warm):.2f} s "
          "warm")
    print(f"HTML, hex map with 3 layers: {hex_bytes / 1e6:.2f} MB "
          f"(target <= {HTML_HEX_TARGET / 1e6:.1f} MB), render {hex_secs:.2f} s")
    ok &= geo_bytes <= HTML_GEO_TARGET and hex_bytes <= HTML_HEX_TARGET

    times = browser_times({"geographic": tmp / "geo.html", "hex": tmp / "hex.html"}, args.runs)
    if times:
        for name, t in times.items():
            med = statistics.median(t)
            print(f"Chromium load-to-drawn, {name}: median {med:.0f} ms over {len(t)} runs "
                  f"(min {min(t):.0f}, max {max(t):.0f}; target <= {DRAWN_TARGET_MS:.0f} ms)")
            ok &= med <= DRAWN_TARGET_MS
    shutil.rmtree(tmp, ignore_errors=True)
    print("all targets met" if ok else "a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
