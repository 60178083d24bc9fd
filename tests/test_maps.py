"""Maps: web geometry (simplified, quantised, shared arcs, no gaps or overlaps), classes and
colours, the HTML map (size, offline, escaping, stable bytes, layers), the PNG and the CLI.

The browser itself is exercised in tests/test_browser.py.
"""

import json
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import seatmap
from seatmap import SeatmapError, webgeom
from seatmap._cache import clear_memory
from seatmap.colours import NOT_IN_TABLE, classify, metric_column
from seatmap.mapping import save_map, seats_to_map
from seatmap.parties import PARTIES

pytest.importorskip("folium")
pytest.importorskip("mapclassify")

BURY_NORTH, KENSINGTON = "E14000611", "E14000768"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


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


@pytest.fixture(scope="module")
def lab_targets():
    return seatmap.targets("lab", election=2019)


@pytest.fixture(scope="module")
def leave_html(lab_targets):
    m = seats_to_map(2019, "leave", party="lab", targets=lab_targets.head(50),
                     defences=seatmap.defences("lab", election=2019).head(50),
                     pilots=seatmap.pilots(lab_targets))
    return m, m.to_html()


def _payload(html: str) -> dict:
    """The seat data embedded in a map page."""
    text = re.search(r"seatmap\.init\(\w+, (\{.*?\})\);\n", html).group(1)
    return json.loads(text)


# ------------------------------------------------------------------------- encoding


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


# ------------------------------------------------------------------------- classes and colours


def test_leave_share_diverges_around_50_in_5_point_classes(seats19):
    c = classify(seats19["leave_pct"])
    assert c.kind == "diverging" and c.bins == [35, 40, 45, 50, 55, 60, 65]
    assert c.labels[0] == "under 35" and c.labels[-1] == "65 or more"
    # Boston and Skegness (75.6 %) is in the top class, Hackney North (20.5 %) in the bottom
    assert c.counts == [63, 43, 55, 79, 118, 130, 91, 71] and sum(c.counts) == 650
    leave = seats19["leave_pct"].to_numpy()
    assert c.index[np.argmax(leave)] == 7 and c.index[np.argmin(leave)] == 0
    assert int((leave > 50).sum()) == sum(c.counts[4:])


def test_winner_uses_the_party_palette_and_real_seat_counts(seats19):
    c = classify(seats19["winner"])
    assert c.kind == "categorical"
    assert c.labels[:3] == ["Conservative", "Labour", "Scottish National Party"]
    assert c.counts[:4] == [365, 202, 48, 11]
    assert c.colours[:2] == [PARTIES["con"].colour, PARTIES["lab"].colour]


def test_numeric_schemes(seats19):
    q = classify(seats19["turnout_pct"], scheme="quantiles", k=5)
    assert q.counts == [130] * 5
    e = classify(seats19["turnout_pct"], scheme="equal_interval", k=4)
    widths = np.diff([seats19["turnout_pct"].min(), *e.bins])
    assert np.allclose(widths, widths[0])
    n1 = classify(seats19["majority_pct"], scheme="natural breaks", k=5)
    n2 = classify(seats19["majority_pct"], scheme="jenks", k=5)
    assert n1.bins == n2.bins and sum(n1.counts) == 650  # Fisher-Jenks: deterministic
    d = classify(seats19["imd_uk_decile"])
    assert d.kind == "ordinal" and d.labels == [str(i) for i in range(1, 11)]
    assert d.note == "1 = most deprived" and d.colours[0] != d.colours[-1]
    share = classify(seats19["lab_pct"], party="lab")
    assert share.colours[2] == PARTIES["lab"].colour.lower()


def test_signed_values_get_a_diverging_scale_centred_on_zero():
    swing = pd.Series(np.linspace(-9, 7, 650), name="lab_change")
    c = classify(swing)
    assert c.kind == "diverging" and 0 in c.bins
    with pytest.raises(SeatmapError, match="Valid values: quantiles"):
        classify(swing, scheme="quartiles")


def test_metric_names(seats19):
    cols = seats19.columns
    assert metric_column("leave", cols) == "leave_pct"
    assert metric_column("deprivation", cols) == "imd_uk_decile"
    assert metric_column("Reform UK", cols) == "reform_pct"
    with pytest.raises(SeatmapError, match="Did you mean 'leave'"):
        metric_column("leeve", cols)


# ------------------------------------------------------------------------- the HTML map


def test_uk_map_is_small_self_contained_and_offline(leave_html):
    _, html = leave_html
    assert len(html.encode()) <= 1_500_000
    # Leaflet and seatmap's script are inline: no script or stylesheet is fetched
    assert not re.search(r"<script[^>]+src=", html)
    assert "<link" not in html
    assert "Leaflet 1.9.4" in html
    # offline by default (issue 19): no tiles unless asked for; asked for, they are the only
    # network use, added after the load event
    assert "cartocdn" not in html and "tile.openstreetmap" not in html
    online = seats_to_map(2019, "leave", tiles="light").to_html()
    assert "basemaps.cartocdn.com" in online and "seatmap.later(" in online


def test_map_payload_has_every_seat_with_real_figures(leave_html):
    m, html = leave_html
    p = _payload(html)
    codes = p["geo"]["codes"]
    assert len(codes) == 650 and len(p["fill"]["idx"]) == 650
    i = codes.index(BURY_NORTH)
    names = p["names"]
    name = names["d"][names["i"][i]] if "d" in names else names["v"][i]
    assert name == "Bury North"
    tip = {lab: (col["d"][col["i"][i]] if "d" in col else col["v"][i])
           for lab, col in zip(p["tip"]["labels"], p["tip"]["cols"], strict=True)}
    assert tip["EU referendum leave share"] == "53.7%"
    assert tip["Holder (2019)"] == "Conservative — James Daly"
    assert tip["Majority"] == "105 (0.2%)"
    # swing needed is shown rounded up: 0.112 points needs 0.2 at one decimal
    assert tip["Lab targets"] == "#1 · swing needed 0.2 pts, rounded up"
    assert tip["Deprivation"] == "decile 4 of 10 (1 = most deprived)"
    assert tip["Town class"] == "Large Town"
    assert m.seatmap_info["overlays"]["Lab targets (50)"][:2] == [BURY_NORTH, KENSINGTON]
    assert len(m.seatmap_info["overlays"]["Lab defences (50)"]) == 50
    assert "Lab targets (50)" in html and "Pilot seats (33)" in html


def test_sources_are_credited(leave_html):
    m, html = leave_html
    for sid in ("results-hoc-ge2019", "euref-hanretty-2016", "boundaries-pcon2010-uk-buc-ons"):
        assert sid in m.seatmap_info["sources"]
    assert "Open Parliament Licence v3.0" in html


def test_same_inputs_same_bytes(tmp_path, lab_targets):
    a = save_map(seats_to_map(2019, "winner", targets=lab_targets.head(10)), tmp_path / "a.html")
    b = save_map(seats_to_map(2019, "winner", targets=lab_targets.head(10)), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()
    c = save_map(seats_to_map(2019, "winner", targets=lab_targets.head(11)), tmp_path / "c.html")
    assert c.read_bytes() != a.read_bytes()
    assert not re.search(r"[0-9a-f]{32}", a.read_text())  # no random folium ids left


def test_hex_map_is_small():
    html = seats_to_map(2019, "winner", hexmap=True).to_html()
    assert len(html.encode()) <= 500_000
    p = _payload(html)
    assert p["planar"] is True and len(p["geo"]["codes"]) == 650
    assert "L.CRS.Simple" in html and "cartocdn" not in html
    html24 = seats_to_map(2024, "reform", hexmap=True).to_html()
    assert len(_payload(html24)["geo"]["codes"]) == 650


def test_user_strings_are_escaped_everywhere(seats19):
    frame = seats19[["name", "leave_pct"]].copy()
    frame.loc[BURY_NORTH, "name"] = XSS
    frame["note"] = "{{ 7*7 }} </script><script>alert(2)</script>"
    m = seats_to_map(frame, "leave_pct", title=XSS, subtitle="{% if 1 %}x{% endif %}",
                     legend_title=XSS, tooltip=["note"], overlays={XSS: [BURY_NORTH]},
                     attribution=XSS, tiles=None)
    html = m.to_html()
    assert XSS not in html and "<img src=x" not in html and "</script><script>" not in html
    assert "{{ 7*7 }}" not in html and "{%" not in html.split("<script>", 1)[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # page title and layer control, as text
    p = _payload(html)  # ...and in the data, as JSON text
    assert XSS in p["names"].get("v", p["names"].get("d"))
    note = p["tip"]["cols"][p["tip"]["labels"].index("Note")]
    assert "{{ 7*7 }} </script><script>alert(2)</script>" in note.get("d", note.get("v"))


def test_subset_table_draws_every_seat_and_greys_the_rest(lab_targets):
    m = seats_to_map(lab_targets.head(100), "swing_needed")
    p = _payload(m.to_html())
    fill = np.array(p["fill"]["idx"])
    assert len(fill) == 650 and (fill == -2).sum() == 550
    assert p["fill"]["absent"] == NOT_IN_TABLE
    assert m.seatmap_info["election"] == "2019" and m.seatmap_info["column"] == "swing_needed"


def test_any_frame_indexed_by_code_is_a_layer(seats19):
    red = seats19["winner_2017"].eq("lab") & seats19["winner"].eq("con")
    m = seats_to_map(seats19, "winner", overlays={"Con gains from Lab": red,
                                                   "Two seats": [BURY_NORTH, KENSINGTON]})
    layers = m.seatmap_info["overlays"]
    assert len(layers["Con gains from Lab (54)"]) == 54  # the 2019 gains from Lab and Lab Coop
    assert layers["Two seats (2)"] == [BURY_NORTH, KENSINGTON]
    with pytest.raises(SeatmapError, match="None of the 1 seats"):
        seats_to_map(seats19, "winner", overlays={"New seat": ["E14001063"]})


def test_bad_input_errors(seats19):
    with pytest.raises(SeatmapError, match="indexed by GSS"):
        seats_to_map(pd.DataFrame({"x": [1, 2]}, index=["a", "b"]), "x")
    with pytest.raises(SeatmapError, match="Unknown metric"):
        seats_to_map(2019, "leav")
    with pytest.raises(SeatmapError, match="Unknown election"):
        seats_to_map(2020, "leave")
    with pytest.raises(SeatmapError, match="645 of the table's 650 codes are not seats of the "
                                           "2010 boundary set"):
        seats_to_map(seatmap.load_seats(2024, geometry=False), "winner", election=2019)
    with pytest.raises(SeatmapError, match="tiles must be"):
        seats_to_map(2019, "leave", tiles="javascript:alert(1)")


def test_import_seatmap_stays_light():
    code = ("import sys, seatmap; seatmap.seats_to_map; "
            "print(sorted(m for m in ('folium', 'matplotlib', 'mapclassify', 'geopandas') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------- PNG and CLI


def test_png_uses_the_same_colours(tmp_path):
    mpl_image = pytest.importorskip("matplotlib.image")
    from seatmap.static import seats_to_png

    path = tmp_path / "winner.png"
    fig = seats_to_png(2019, "winner", path, dpi=100)
    assert fig is not None and path.stat().st_size > 20_000
    img = (mpl_image.imread(path)[:, :, :3] * 255).round().astype(int)
    counts = {}
    for p in ("con", "lab", "snp"):
        rgb = np.array([int(PARTIES[p].colour[i:i + 2], 16) for i in (1, 3, 5)])
        counts[p] = int((np.abs(img - rgb).max(axis=2) <= 2).sum())
    # Conservative blue dominates (365 mostly rural seats), then the SNP's yellow, then Labour
    assert counts["con"] > counts["snp"] > counts["lab"] > 500, counts


def test_png_takes_any_title(tmp_path):
    from seatmap.static import seats_to_png

    # "$" would start matplotlib mathematics (and an odd number of them fails): shown as written
    fig = seats_to_png(2019, "leave", tmp_path / "t.svg", title="Cost $5 and $x_1 {{ 7*7 }}",
                       dpi=40)
    assert fig._suptitle.get_text() == r"Cost \$5 and \$x_1 {{ 7*7 }}"
    assert (tmp_path / "t.svg").stat().st_size > 10_000


def test_cli_map(tmp_path, capsys):
    from seatmap.cli import main

    out = tmp_path / "map.html"
    rc = main(["map", "--election", "2019", "--metric", "leave", "--layers", "targets,defences",
               "--party", "lab", "--top", "20", "--out", str(out)])
    assert rc == 0 and out.exists()
    text = capsys.readouterr().out
    assert "650 seats" in text and "Lab targets (20): 20 seats" in text
    assert main(["map", "--layers", "targets", "--out", str(out)]) == 2
    assert "needs --party" in capsys.readouterr().err
    assert main(["map", "--layers", "targts", "--party", "lab", "--out", str(out)]) == 2
    assert "Valid values: targets, defences, pilots" in capsys.readouterr().err


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


def test_deprivation_maps_state_northern_irelands_place_on_the_uk_scale(seats19):
    from seatmap.mapspec import MapOptions, map_spec
    from seatmap.sources import NI_DEPRIVATION_CAVEAT, NI_DEPRIVATION_NOTE

    spec = map_spec(2024, MapOptions(column="deprivation"))
    assert spec.col == "imd_uk_decile" and spec.src_lines[0] == NI_DEPRIVATION_CAVEAT
    assert spec.classes.note == "1 = most deprived; " + NI_DEPRIVATION_NOTE
    ni = [i for i, c in enumerate(spec.codes) if c.startswith("N")]
    assert len(ni) == 18
    assert sorted(spec.classes.labels[spec.classes.index[i]] for i in ni) == ["1"] * 14 + ["2"] * 4
    html = seats_to_map(2024, "deprivation", tiles=None).to_html()
    assert "all 18 Northern Ireland seats fall in UK deciles 1-2" in html
    # no Northern Ireland seat in the table, or another metric: nothing to say
    gb = seats19[~seats19.index.str.startswith("N")]
    assert NI_DEPRIVATION_CAVEAT not in map_spec(gb, MapOptions(column="imd_uk_decile")).src_lines
    leave = map_spec(2024, MapOptions(column="leave"))
    assert NI_DEPRIVATION_CAVEAT not in leave.src_lines and "Northern" not in leave.classes.note


def test_gains_view_colours_changes_and_mutes_holds():
    """Issue 19: seats changing hands in the new party's colour and outlined, holds pale."""
    from seatmap.colours import mix
    from seatmap.parties import PARTIES

    m = seats_to_map(2024, "winner", gains="winner_2019", hexmap=True)
    classes = m.seatmap_info["classes"]
    counts = dict(zip(classes.labels, classes.counts, strict=True))
    # 2024 against the notional 2019 result: Labour won 411 seats, 218 of them gains
    assert counts["Labour gain"] == 218 and counts["Labour hold"] == 411 - 218
    assert counts["Liberal Democrats gain"] == 64 and sum(classes.counts) == 650
    changing = m.seatmap_info["overlays"]
    (name, codes), = changing.items()
    assert name == f"Seats changing hands ({len(codes)})"
    assert len(codes) == sum(n for lab, n in counts.items() if lab.endswith(" gain"))
    colour = dict(zip(classes.labels, classes.colours, strict=True))
    assert colour["Labour gain"] == PARTIES["lab"].colour
    assert colour["Labour hold"] == mix(PARTIES["lab"].colour, "#ffffff", 0.72)
    # a projection's own before/after columns, on the geographic map and the PNG alike
    proj = seatmap.project({"Great Britain": {"reform": 5.0, "lab": -2.5, "con": -2.5}}, 2024)
    geo = seats_to_map(proj.seats, "winner", gains=True)
    assert next(iter(geo.seatmap_info["overlays"].values())) == \
        list(proj.seats.index[proj.seats["changed"]])
    with pytest.raises(SeatmapError, match="winner_before"):
        seats_to_map(2024, "winner", gains=True)
    with pytest.raises(SeatmapError, match="must hold parties"):
        seats_to_map(2024, "leave", gains="winner_2019")


def _data_box(ax, artist):
    """An artist's drawn extent in the axes' data coordinates, as a shapely box."""
    import shapely

    fig = ax.figure
    fig.canvas.draw()
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(
        artist.get_window_extent(fig.canvas.get_renderer()).get_points())
    return shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def test_png_london_inset_legend_off_the_land_and_only_its_sources(tmp_path):
    """Issue 19: an inset of London (and metro areas on request), a legend over no seat and
    a sources footer naming only what the picture shows."""
    import shapely

    from seatmap.static import seats_to_png

    fig = seats_to_png(2024, "winner", tmp_path / "w.png", dpi=50)
    ax = fig.axes[0]
    insets = [a for a in ax.child_axes]
    assert [a.get_title(loc="left") for a in insets] == ["London"]
    land = shapely.union_all(seatmap.load_seats(2024).to_crs(27700).geometry.values)
    assert not _data_box(ax, ax.get_legend()).intersects(land)
    # the inset shows London's 75 seats large: their box is most of the inset's view
    x0, x1 = insets[0].get_xlim()
    assert 40_000 < x1 - x0 < 70_000  # about 55 km across, versus 800 km for the UK
    footer = fig.texts[-1].get_text().replace("\n", " ")
    # the boundaries' and the results' publishers only, not those of every column of the table
    assert footer.count("(") == 3 and "House of Commons Library" in footer
    assert "Hanretty" not in footer and "Centre for Cities" not in footer
    spec = seatmap.mapspec.map_spec(2024)
    assert len(spec.drawn_src_ids) == 3 < len(spec.src_ids)
    fig = seats_to_png(2019, "leave", None, insets=["London", "Manchester", "Birmingham"])
    assert [a.get_title(loc="left") for a in fig.axes[0].child_axes] == [
        "London", "Manchester", "Birmingham"]
    assert "Hanretty" in fig.texts[-1].get_text()  # the leave estimates' own source
    assert seats_to_png(2019, "leave", None, insets=[]).axes[0].child_axes == []
    with pytest.raises(SeatmapError, match="Unknown inset 'Atlantis'"):
        seats_to_png(2019, "leave", None, insets=["Atlantis"])


def test_hex_region_names_hide_no_seat(tmp_path):
    import shapely

    from seatmap.static import seats_to_png

    fig = seats_to_png(2024, "winner", tmp_path / "h.png", hexmap=True, dpi=80)
    ax = fig.axes[0]
    hexes = shapely.union_all(seatmap.datasets.load_hexmap("pcon2024").geometry.values)
    names = [t for t in ax.texts]
    assert len(names) == 12
    for t in names:  # each drawn name, as the PNG renders it, is clear of every hexagon
        assert not _data_box(ax, t).intersects(hexes), t.get_text()
    boxes = [_data_box(ax, t) for t in names]
    for i, a in enumerate(boxes):  # and of each other
        assert not any(a.intersects(b) for b in boxes[i + 1:]), names[i].get_text()


def test_cli_map_gains_and_insets(tmp_path, capsys):
    from seatmap.cli import main

    out, png = tmp_path / "g.html", tmp_path / "g.png"
    assert main(["map", "--election", "2024", "--gains", "--hex", "--out", str(out),
                 "--png", str(png), "--inset", "none"]) == 0
    text = capsys.readouterr().out
    # against the notional 2019 result, the previous election on the 2024 boundaries
    assert "layer Seats changing hands (" in text and png.stat().st_size > 20_000
    assert main(["map", "--election", "2019", "--out", str(tmp_path / "i.html"),
                 "--png", str(tmp_path / "i.png"), "--inset", "london, MANCHESTER"]) == 0
    assert main(["map", "--election", "2019", "--metric", "leave", "--gains",
                 "--out", str(tmp_path / "x.html")]) == 2
    assert "must hold parties" in capsys.readouterr().err
