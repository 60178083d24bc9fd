"""Maps that read at a glance (issue 14), checked in headless Chromium screenshots.

Each test loads a saved map offline in Debian's Chromium (Playwright only drives it) and checks
what a reader sees: a non-blank picture, the legend, target and defence outlines that differ in
colour *and* pattern, the map fitted to the window, region borders and names on hex maps, a
"not in this table" grey that is not the background, the layers named in the title, a tooltip
that never covers the open seat card, and static PNGs without an empty half.
"""

import io
import os
import shutil

import numpy as np
import pytest

import seatmap
from seatmap.colours import NO_DATA, NOT_IN_TABLE
from seatmap.mapping import save_map, seats_to_map

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("SEATMAP_REQUIRE_BROWSER"):
    raise RuntimeError("SEATMAP_REQUIRE_BROWSER is set but chromium is not installed.")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
BURY_NORTH = "E14000611"


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    d = tmp_path_factory.mktemp("glance")
    t = seatmap.targets("lab", 2019).head(50)
    layers = seats_to_map(2019, "leave", party="lab", targets=t,
                          defences=seatmap.defences("lab", 2019).head(50), tiles=None)
    subset = seats_to_map(seatmap.load_seats(2019, geometry=False).loc[t.index], "leave",
                          tiles=None)
    return {"layers": save_map(layers, d / "layers.html"),
            "hex": save_map(seats_to_map(2019, "winner", hexmap=True), d / "hex.html"),
            "subset": save_map(subset, d / "subset.html")}


def _open(browser, path, size=(1100, 800)):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-seatmap-drawn]", timeout=30_000)
    page.wait_for_timeout(300)
    return page


def _shot(page) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))


def test_layers_read_apart_and_are_named(browser, maps):
    page = _open(browser, maps["layers"])
    try:
        img = _shot(page)
        assert len(np.unique(img.reshape(-1, 3), axis=0)) > 200  # not blank
        assert page.locator(".sm-legend").is_visible()
        layers = page.locator(".sm-legend-layer")
        assert layers.count() == 2 and "Lab targets (50)" in layers.nth(0).inner_text()
        style = page.evaluate("""() => [...document.querySelectorAll('path.sm-overlay')]
            .map(p => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')])""")
        kinds = sorted({tuple(s) for s in style}, key=str)
        assert len(kinds) == 2, kinds  # two layers, two looks
        (c1, d1), (c2, d2) = kinds
        assert c1 != c2 and d1 != d2  # colour AND pattern differ
        assert np.abs(_rgb(c1) - _rgb(c2)).sum() > 150
        # the title says what the outlines are
        title = page.locator(".sm-title h1").inner_text()
        assert "Lab targets (50)" in title and "Lab defences (50)" in title
        # both outline colours are on screen at national zoom
        for colour in (c1, c2):
            near = np.abs(img.astype(float) - _rgb(colour)).sum(axis=2) < 40
            assert near.sum() > 100, colour
    finally:
        page.close()


@pytest.mark.parametrize("size", [(1100, 800), (700, 1000)])
def test_map_fits_the_window_on_load(browser, maps, size):
    page = _open(browser, maps["layers"], size)
    try:
        w, h, bw, bh, inside = page.evaluate("""() => {
            const c = window.seatmapMaps[0], m = c.map, b = c.seatLayer.getBounds();
            const p = m.latLngToContainerPoint(b.getNorthWest()),
                  q = m.latLngToContainerPoint(b.getSouthEast()), s = m.getSize();
            return [s.x, s.y, q.x - p.x, q.y - p.y,
                    p.x >= -1 && p.y >= -1 && q.x <= s.x + 1 && q.y <= s.y + 1]; }""")
        assert inside  # every seat on screen
        assert bw / w > 0.8 or bh / h > 0.8  # and the seats fill the window one way
    finally:
        page.close()


def test_tooltip_never_covers_the_open_card(browser, maps):
    page = _open(browser, maps["layers"])
    try:
        page.fill(".sm-search input", "Bury North")
        page.press(".sm-search input", "Enter")
        card = page.wait_for_selector(".sm-card-popup", timeout=5000)
        page.wait_for_timeout(400)
        box = card.bounding_box()
        seen = 0
        for x in np.linspace(box["x"] - 60, box["x"] + box["width"] + 60, 9):
            for y in (box["y"] + box["height"] + 25, box["y"] + box["height"] + 60):
                page.mouse.move(float(x), float(y))
                page.wait_for_timeout(60)
                tip = page.query_selector(".sm-tip")
                if tip is None or not tip.is_visible():
                    continue
                t = tip.bounding_box()
                if t is None or page.evaluate("e => getComputedStyle(e).visibility", tip) \
                        == "hidden":
                    continue
                seen += 1
                overlap = (t["x"] < box["x"] + box["width"] and t["x"] + t["width"] > box["x"]
                           and t["y"] < box["y"] + box["height"]
                           and t["y"] + t["height"] > box["y"])
                assert not overlap, (x, y)
        assert seen > 0  # tooltips still show beside the card
        assert "pts, rounded up" in page.locator(".sm-card").inner_text()
    finally:
        page.close()


def test_hex_map_has_region_borders_and_names(browser, maps):
    page = _open(browser, maps["hex"])
    try:
        assert page.locator("path.sm-region-line").count() >= 12
        names = page.locator(".sm-region-name").all_inner_texts()
        assert {"Scotland", "Wales", "London", "North West", "Northern Ireland"} <= set(names)
        assert len(names) == 12
        img = _shot(page)
        assert len(np.unique(img.reshape(-1, 3), axis=0)) > 50
    finally:
        page.close()


def test_not_in_table_grey_is_not_the_background(browser, maps):
    page = _open(browser, maps["subset"])
    try:
        bg = page.evaluate("() => getComputedStyle(document.querySelector('.folium-map'))"
                           ".backgroundColor")
        rgb = np.array([float(v) for v in bg[bg.index("(") + 1:-1].split(",")[:3]])
        seen = _rgb(NOT_IN_TABLE) * 0.85 + rgb * 0.15  # as drawn, at the fill opacity
        assert np.abs(seen - rgb).sum() >= 40
        assert np.abs(_rgb(NOT_IN_TABLE) - _rgb(NO_DATA)).sum() >= 60
        assert np.abs(_rgb(NOT_IN_TABLE) - np.array([255.0, 255, 255])).sum() >= 40
        fills = page.evaluate("() => [...document.querySelectorAll('path.sm-seat')]"
                              ".map(p => p.getAttribute('fill'))")
        assert fills.count(NOT_IN_TABLE) == 600
        legend = page.locator(".sm-legend").inner_text()
        assert "Not in this table" in legend
        img = _shot(page)
        near = np.abs(img.astype(float) - seen).sum(axis=2) < 12
        assert near.sum() > 20_000  # the absent seats are visible as their own grey
    finally:
        page.close()


@pytest.mark.parametrize("hexmap", [False, True])
def test_static_png_has_no_empty_half(tmp_path, hexmap):
    from PIL import Image

    t = seatmap.targets("lab", 2019).head(50)
    out = tmp_path / "m.png"
    seatmap.seats_to_png(2019, "leave", out, party="lab", targets=t,
                         defences=seatmap.defences("lab", 2019).head(50), hexmap=hexmap, dpi=60)
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    ink = (np.abs(img - 255).sum(axis=2) > 30)
    h, w = ink.shape
    # the old layout (map in the left two thirds, legend top right) left the lower right
    # quadrant blank (0.0% ink) and 89% of the page empty
    assert ink[int(h * 0.45):int(h * 0.9), int(w * 0.62):].mean() > 0.02
    assert ink.mean() > 0.12
