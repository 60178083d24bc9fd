"""Web geometry (seatmap.webgeom): simplified, quantised, shared arcs, no gaps or overlaps,
cached per boundary set, and the packaged geometry what the simplifier makes today."""

import json

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import seatmap
from seatmap import SeatmapError, webgeom
from seatmap._cache import clear_memory

pytest.importorskip("folium")
pytest.importorskip("mapclassify")


@pytest.fixture(scope="module")
def web2010(tmp_path_factory):
    """Simplified from scratch (a fresh cache folder), then kept for the module's maps."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SEATMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        clear_memory()
        web = webgeom.boundary_web_geometry("2010")
        clear_memory()
        again = webgeom.boundary_web_geometry("2010")  # read back from the disk cache
        assert again is not web and again.payload() == web.payload()
    return web


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-(2**28), max_value=2**28), max_size=40))
def test_polyline_round_trip(values):
    text = webgeom.encode_polyline(np.array(values, dtype=np.int64))
    assert set(text) <= {chr(c) for c in range(63, 127)}
    assert webgeom.decode_polyline(text).tolist() == values


def _voronoi_coverage(n=40, seed=3):
    rng = np.random.default_rng(seed)
    pts = shapely.multipoints(rng.uniform(0, 100, (n, 2)))
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=shapely.box(0, 0, 100, 100)))
    return shapely.intersection(cells, shapely.box(0, 0, 100, 100))


def test_shared_borders_are_stored_once_and_decode_exactly():
    cells = _voronoi_coverage()
    web = webgeom.encode_planar(cells, [f"c{i}" for i in range(len(cells))], quantum=0.001)
    uses = np.zeros(len(web.arcs), dtype=int)
    for shape in web.shapes:
        for poly in shape:
            for ring in poly:
                for ref in ring:
                    uses[~ref if ref < 0 else ref] += 1
    # every arc is used by one seat (the outer edge) or two (a shared border), never copied
    assert set(uses) == {1, 2}
    # every ring edge is a segment of one arc; shared segments are stored once
    edges = shapely.get_num_coordinates(shapely.boundary(cells)).sum() - len(cells)
    segments = np.array([len(a) - 1 for a in web.arcs])
    assert (segments * uses).sum() == edges
    assert segments.sum() == edges - segments[uses == 2].sum() < 0.6 * edges
    dec = web.to_shapely()
    assert shapely.hausdorff_distance(dec, cells).max() < 0.001
    report = webgeom.check_web_geometry(web, None)
    assert report["ok"] and report["gaps"]["count"] == 0 and report["overlap_km2"]["web"] == 0


def test_check_catches_a_gap_between_neighbours():
    cells = _voronoi_coverage()
    web = webgeom.encode_planar(cells, [f"c{i}" for i in range(len(cells))], quantum=0.001)
    # give one seat its own copy of a shared border, pulled inwards: a sliver opens
    for s, shape in enumerate(web.shapes):
        ring = shape[0][0]
        for j, ref in enumerate(ring):
            arc = web.arcs[~ref if ref < 0 else ref]
            used = sum(r in (ref, ~ref) for sh in web.shapes for p in sh for rr in p for r in rr)
            if used == 2 and len(arc) == 2:
                centre = np.array(shapely.get_coordinates(shapely.centroid(cells[s]))[0] / 0.001)
                mid = ((arc[0] + arc[1]) / 2 * 0.6 + centre * 0.4).round().astype(np.int64)
                new = np.array([arc[0], mid, arc[1]])
                web.arcs.append(new[::-1] if ref < 0 else new)
                ring[j] = len(web.arcs) - 1
                break
        else:
            continue
        break
    with pytest.raises(SeatmapError, match="gap"):
        webgeom.check_web_geometry(web, None)


def test_uk_web_geometry_2010_is_about_100m_with_no_gaps_or_overlaps(web2010):
    b = seatmap.load_boundaries("2010")
    assert web2010.codes == list(b.index) and len(web2010.codes) == 650
    stats = web2010.stats
    assert stats["tolerance_m"] == 100 and stats["quantum_m"] == 20
    # 428,219 source vertices -> about 149,000 stored once in shared arcs
    assert stats["vertices_source"] == 428_219
    assert 120_000 < web2010.n_vertices < 180_000
    report = webgeom.check_web_geometry(web2010, b.geometry)
    assert report["ok"]
    assert report["gaps"]["count"] == 0
    assert report["overlap_km2"]["web"] <= 0.01
    # seat areas are kept: every seat within 1 % of its source area
    assert report["area_ratio"]["min"] > 0.99 and report["area_ratio"]["max"] < 1.01
    assert len(json.dumps(web2010.payload(), separators=(",", ":"))) < 600_000


def test_uk_web_geometry_2024_has_no_gaps_or_overlaps():
    b = seatmap.load_boundaries("2024")
    web = webgeom.boundary_web_geometry("2024")
    report = webgeom.check_web_geometry(web, b.geometry)
    assert report["ok"] and report["gaps"]["count"] == 0
    assert report["overlap_km2"]["web"] <= 0.01
    assert len(web.codes) == 650


def test_web_geometry_is_cached_per_boundary_set(web2010, monkeypatch):
    monkeypatch.setenv("SEATMAP_CACHE_DIR", "off")
    first = webgeom.boundary_web_geometry("2010")
    assert webgeom.boundary_web_geometry("2010") is first
    assert first.payload() == web2010.payload()


def test_packaged_web_geometry_is_what_the_simplifier_makes_today():
    """The web geometry shipped in data/ (made by the build) equals a fresh simplification of the
    bundled boundaries, so maps never wait for it and never use stale shapes."""
    from seatmap.webgeom import boundary_web_geometry, simplify_and_encode

    packaged = boundary_web_geometry("2024")
    b = seatmap.load_boundaries("2024")
    fresh = simplify_and_encode(b.geometry.values, list(b.index))
    assert packaged.codes == fresh.codes and packaged.shapes == fresh.shapes
    assert len(packaged.arcs) == len(fresh.arcs)
    assert all((a == b_).all() for a, b_ in zip(packaged.arcs, fresh.arcs, strict=True))
    assert packaged.transform == pytest.approx(fresh.transform)
