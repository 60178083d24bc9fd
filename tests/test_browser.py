"""The saved maps in a real browser: headless Debian Chromium driven by Playwright.

Chromium comes from Debian (``apt-get install chromium``); Playwright is only the driver and never
downloads a browser (``executable_path`` points at the system one). Every request that is not a
``file:`` or ``data:`` URL is aborted, so these tests also prove that the map works offline with
its basemap tiles unreachable. Skipped, with the reason, when Chromium or Playwright is absent,
unless ``SEATMAP_REQUIRE_BROWSER`` is set (as ``.ci/run`` does): then a missing browser fails.
"""

import os
import shutil

import numpy as np
import pytest

import seatmap
from seatmap.mapping import save_map, seats_to_map

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("SEATMAP_REQUIRE_BROWSER"):  # CI must not skip these
    raise RuntimeError("SEATMAP_REQUIRE_BROWSER is set but chromium is not installed "
                       "(Debian: apt-get install chromium chromium-driver).")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                       "(Debian: apt-get install chromium chromium-driver)"),
]
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")

BURY_NORTH = "E14000611"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    d = tmp_path_factory.mktemp("maps")
    ranked = seatmap.targets("lab", election=2019)
    leave = save_map(seats_to_map(2019, "leave", party="lab", targets=ranked.head(50),
                                  defences=seatmap.defences("lab", election=2019).head(50),
                                  tiles="light"),  # online tiles asked for (default: none)
                     d / "leave.html")
    hexmap = save_map(seats_to_map(2019, "winner", hexmap=True, targets=ranked.head(50)),
                      d / "hex.html")
    frame = seatmap.load_seats(2019, geometry=False)[["name", "leave_pct"]].copy()
    frame.loc[BURY_NORTH, "name"] = XSS
    evil = save_map(seats_to_map(frame, "leave_pct", title=XSS, legend_title=XSS,
                                 overlays={XSS: [BURY_NORTH]}, attribution=XSS),
                    d / "evil.html")
    return {"leave": leave, "hex": hexmap, "evil": evil}


class Page:
    """A page with the map loaded offline, collecting errors and dialogs."""

    def __init__(self, browser, path, size=(1200, 900)):
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.errors, self.dialogs, self.blocked = [], [], []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        # how fast a map draws is measured by benchmarks/bench_maps.py (a report, not a test)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-seatmap-drawn]", timeout=30_000)

    def js(self, code, arg=None):
        return self.page.evaluate(code, arg)

    def centre_of(self, code, zoom=None):
        """Screen point of a seat's centre (optionally zooming to it first)."""
        return self.js("""([code, zoom]) => {
            const c = window.seatmapMaps[0], i = c.spec.geo.codes.indexOf(code), p = c.polys[i];
            if (zoom !== null) c.map.setView(p.getCenter(), zoom, {animate: false});
            const q = c.map.latLngToContainerPoint(p.getCenter()); return [q.x, q.y]; }""",
                       [code, zoom])

    def close(self):
        self.page.close()


def test_geographic_map_loads_offline_and_draws_every_seat(browser, maps):
    pg = Page(browser, maps["leave"])
    try:
        assert pg.errors == []
        assert pg.js("() => document.querySelectorAll('path.sm-seat').length") == 650
        assert pg.js("() => document.querySelectorAll('path.sm-overlay').length") == 100
        # the basemap tiles, asked for, are requested after the load event and refused; every
        # seat is drawn all the same
        pg.page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile').length")
        assert any("cartocdn" in u for u in pg.blocked)
        assert not any(u.endswith((".js", ".css")) for u in pg.blocked)
    finally:
        pg.close()


def test_hover_shows_the_seat_tooltip(browser, maps):
    pg = Page(browser, maps["leave"])
    try:
        x, y = pg.centre_of(BURY_NORTH, zoom=11)
        pg.page.mouse.move(x, y)
        tip = pg.page.wait_for_selector(".sm-tip", timeout=5000).inner_text()
        assert "Bury North" in tip and "53.7%" in tip and "105 (0.2%)" in tip
        assert "#1 · swing needed 0.2 pts" in tip
        pg.page.mouse.click(x, y)
        card = pg.page.wait_for_selector(".sm-card", timeout=5000).inner_text()
        assert "Con gain from Lab" in card and "E14000611" in card and "Vote share 2019" in card
        assert pg.errors == []
    finally:
        pg.close()


def test_layer_control_toggles_overlays(browser, maps):
    pg = Page(browser, maps["leave"])
    try:
        count = "() => document.querySelectorAll('path.sm-overlay').length"
        assert pg.js(count) == 100
        toggle = pg.page.locator(".leaflet-control-layers label", has_text="Lab targets (50)")
        toggle.click()
        assert pg.js(count) == 50
        toggle.click()
        assert pg.js(count) == 100
        pg.page.wait_for_function("() => document.querySelectorAll("
                                  "'img.leaflet-tile[src*=light_nolabels]').length > 0")
        pg.page.locator(".leaflet-control-layers label", has_text="No basemap").click()
        base = "() => document.querySelectorAll('img.leaflet-tile[src*=light_nolabels]').length"
        assert pg.js(base) == 0
        assert pg.errors == []
    finally:
        pg.close()


def test_search_finds_a_seat_forgivingly(browser, maps):
    pg = Page(browser, maps["leave"])
    try:
        box = pg.page.locator(".sm-search input")
        box.fill("bury  NORTH")
        box.press("Enter")
        card = pg.page.wait_for_selector(".sm-card", timeout=5000).inner_text()
        assert card.startswith("Bury North")
        box.fill("ynys mon")  # accents folded
        box.press("Enter")
        pg.page.wait_for_function(
            "() => document.querySelector('.sm-card').innerText.startsWith('Ynys M')")
        box.fill("Atlantis")
        box.press("Enter")
        assert "sm-notfound" in box.get_attribute("class")
    finally:
        pg.close()


def test_screenshots_are_not_blank(browser, maps, tmp_path):
    mpl_image = pytest.importorskip("matplotlib.image")
    for name in ("leave", "hex"):
        pg = Page(browser, maps[name])
        try:
            shot = tmp_path / f"{name}.png"
            pg.page.screenshot(path=str(shot))
            img = (mpl_image.imread(shot)[:, :, :3] * 255).round().astype(np.uint8)
            colours = np.unique(img.reshape(-1, 3), axis=0)
            background = (np.abs(img.astype(int) - [244, 246, 248]).max(axis=2) <= 3).mean()
            assert len(colours) > 50, name
            assert background < 0.85, name  # the seats cover a good part of the screen
        finally:
            pg.close()


def test_hex_map_draws_650_equal_hexagons(browser, maps):
    pg = Page(browser, maps["hex"])
    try:
        assert pg.errors == []
        assert pg.js("() => document.querySelectorAll('path.sm-seat').length") == 650
        sizes = pg.js("""() => window.seatmapMaps[0].polys.map(p => {
            const b = p.getBounds(); return [b.getEast() - b.getWest(), b.getNorth() - b.getSouth()];
        })""")
        w = np.array(sizes)  # in layout units: neighbouring centres are 1 apart
        assert np.allclose(w[:, 0], 1.0, atol=0.02) and np.allclose(w[:, 1], 2 / 3**0.5, atol=0.02)
        x, y = pg.centre_of(BURY_NORTH)
        pg.page.mouse.move(x, y)
        assert "Bury North" in pg.page.wait_for_selector(".sm-tip", timeout=5000).inner_text()
        assert pg.blocked == []  # no basemap on a cartogram: nothing to fetch
    finally:
        pg.close()


def test_hostile_labels_show_as_text_and_run_nothing(browser, maps):
    pg = Page(browser, maps["evil"])
    try:
        x, y = pg.centre_of(BURY_NORTH, zoom=11)
        pg.page.mouse.move(x, y)
        tip = pg.page.wait_for_selector(".sm-tip", timeout=5000)
        assert XSS in tip.inner_text()
        pg.page.mouse.click(x, y)
        assert XSS in pg.page.wait_for_selector(".sm-card", timeout=5000).inner_text()
        assert XSS in pg.page.locator(".sm-title h1").inner_text()
        assert XSS in pg.page.locator(".sm-legend-title").inner_text()
        assert XSS in pg.page.locator(".leaflet-control-layers").inner_text()
        assert XSS in pg.page.locator(".leaflet-control-attribution").inner_text()
        assert XSS in pg.page.title()
        pg.page.wait_for_timeout(300)
        assert pg.js("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert pg.dialogs == [] and pg.errors == []
    finally:
        pg.close()
