"""The HTML map (seatmap.mapping): every map option reaches map_spec (no option is dropped);
size, offline, escaping, stable bytes, layers, the gains view. The browser itself is exercised
in tests/test_browser.py."""

import dataclasses
import inspect
import json
import os
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError, mapping
from seatmap.colours import NOT_IN_TABLE
from seatmap.heldback import communities
from seatmap.mapping import save_map, seats_to_map
from seatmap.mapspec import MapOptions

pytest.importorskip("folium")
pytest.importorskip("mapclassify")

BURY_NORTH, KENSINGTON = "E14000611", "E14000768"
XSS = "<img src=x onerror=alert(1)>"


class _Stop(Exception):
    pass


def test_every_map_option_is_a_parameter_passed_to_map_spec(monkeypatch):
    """A MapOptions field is added once in mapspec and once as a parameter of seats_to_map,
    which passes it on by name: a field it forgot would keep its default here."""
    fields = [f.name for f in dataclasses.fields(MapOptions)]
    params = inspect.signature(mapping.seats_to_map).parameters
    assert set(fields) <= set(params), set(fields) - set(params)
    given = {name: object() for name in fields}  # a distinct value per option
    seen = {}

    def fake_map_spec(seats, options):
        seen.update(vars(options))
        raise _Stop

    monkeypatch.setattr(mapping, "map_spec", fake_map_spec)
    with pytest.raises(_Stop):
        mapping.seats_to_map(2024, **given)
    assert [name for name in fields if seen[name] is not given[name]] == []


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


def test_communities_map_layer_html_and_png(tmp_path):
    from seatmap.mapspec import MapOptions, map_spec

    wales = communities(2024, region="Wales")
    m = seatmap.seats_to_map(2024, "deprivation", communities=wales)
    html = m.to_html()
    assert f"Held-back communities ({len(wales)})" in html and "L.circleMarker" in html
    assert "lookup-drkane-small-area-centroids" in m.seatmap_info["sources"]
    spec = map_spec(2024, MapOptions(column="deprivation", communities=True))
    assert len(spec.points["lat"]) == 1476 and max(spec.points["r"]) == 14.5
    assert map_spec(2024, MapOptions(hexmap=True, communities=True)).points is None
    seatmap.seats_to_png(2024, "deprivation", tmp_path / "m.png", communities=wales)
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(SeatmapError, match="communities="):
        map_spec(2024, MapOptions(communities="yes"))
    from seatmap.cli import main

    assert main(["map", "--metric", "deprivation", "--communities",
                 "--out", str(tmp_path / "m.html")]) == 0
    assert "Held-back communities (1,476)" in (tmp_path / "m.html").read_text()


@pytest.mark.browser
def test_communities_layer_in_a_real_browser_offline(tmp_path):
    """The layer draws every community in headless Chromium with the network cut; a name is
    text, never HTML."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None and not os.environ.get("SEATMAP_REQUIRE_BROWSER"):
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    c = communities(2024, region="North East").copy()
    c["name"] = "<img src=x onerror=alert(1)>"  # every name, so any tooltip shows one
    path = tmp_path / "m.html"
    seatmap.save_map(seatmap.seats_to_map(2024, "deprivation", communities=c), path)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = b.new_page(viewport={"width": 900, "height": 900})
        errors, dialogs, blocked = [], [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                   else (blocked.append(r.request.url), r.abort()))
        page.goto(path.as_uri())
        page.wait_for_timeout(1500)
        n = page.evaluate("document.querySelectorAll('path.sm-community').length")
        labels = page.evaluate("Array.from(document.querySelectorAll("
                               "'.leaflet-control-layers label')).map(l => l.textContent.trim())")
        page.hover("path.sm-community >> nth=0", force=True)
        page.wait_for_timeout(300)
        imgs = page.evaluate("document.querySelectorAll('.leaflet-tooltip img').length")
        tip = page.evaluate("document.querySelector('.leaflet-tooltip').textContent")
        b.close()
    assert n == len(c) and f"Held-back communities ({len(c)})" in labels
    assert not errors and not dialogs and not blocked and imgs == 0
    assert tip.startswith("<img src=x onerror=alert(1)>: ") and " people, deprivation score " in tip
