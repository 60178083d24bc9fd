"""Screenshots for issue 19 (phone and laptop): ``python docs/img/issue-19/shoot.py before|after``.

Needs Debian chromium (never downloads a browser). Writes explorer-*.png, map-*.png and hex-*.png
at 390x844 and 1280x800 into this folder, every non-file request blocked.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import seatmap

HERE = Path(__file__).resolve().parent
TAG = sys.argv[1] if len(sys.argv) > 1 else "after"
SIZES = {"phone": (390, 844), "laptop": (1280, 800)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def block(route):
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    ex = seatmap.explorer("lab", 2024, polls={"Nov poll": {"reform": 29, "lab": 22, "con": 18,
                                                           "ld": 13, "green": 10}})
    ex_path = ex.save(tmp / "explorer.html")
    ranked = seatmap.targets("lab", election=2019)
    m = seatmap.seats_to_map(2019, "leave", party="lab", targets=ranked.head(50),
                             defences=seatmap.defences("lab", election=2019).head(50))
    map_path = seatmap.save_map(m, tmp / "map.html")
    hex_path = seatmap.save_map(seatmap.seats_to_map(2024, "winner", hexmap=True), tmp / "hex.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for size_name, (w, h) in SIZES.items():
            for name, path, ready in (("explorer", ex_path, "data-seatmap-ready"),
                                      ("map", map_path, "data-seatmap-drawn"),
                                      ("hex", hex_path, "data-seatmap-drawn")):
                page = browser.new_page(viewport={"width": w, "height": h},
                                        has_touch=size_name == "phone",
                                        is_mobile=size_name == "phone")
                page.route("**/*", block)
                page.goto(path.as_uri())
                page.wait_for_selector(f"html[{ready}]", timeout=60_000)
                page.wait_for_timeout(400)
                page.screenshot(path=str(HERE / f"{TAG}-{name}-{size_name}.png"))
                tabs = page.locator("#sx-show-controls").count() and page.is_visible(
                    "#sx-show-controls")
                if name == "explorer":
                    # move Reform +5 with the keyboard, then tap a seat in the list
                    if tabs:
                        page.click("#sx-show-controls")
                    page.focus("#sx-gb-reform")
                    for _ in range(50):
                        page.keyboard.press("ArrowRight")
                    page.wait_for_timeout(200)
                    page.screenshot(path=str(HERE / f"{TAG}-explorer-{size_name}-reform.png"))
                    if tabs:
                        page.click("#sx-show-lists")
                    page.locator("#sx-list button[data-i]").first.click()
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(HERE / f"{TAG}-explorer-{size_name}-card.png"))
                    if page.locator("#sx-mode-gains").count():
                        page.evaluate("() => { seatmapExplorer.select(-1); seatmapExplorer.preset("
                                      "0); seatmapExplorer.setGB({reform: 19.7}); "
                                      "seatmapExplorer.setMode('gains'); "
                                      "seatmapExplorer.setView('hex'); }")
                        if tabs:
                            page.click("#sx-show-mapcol")
                        page.wait_for_timeout(200)
                        page.screenshot(path=str(HERE / f"{TAG}-explorer-{size_name}-gains.png"))
                if name == "map":
                    box = page.locator(".sm-search input")
                    box.fill("bury north")
                    box.press("Enter")
                    page.wait_for_timeout(400)
                    page.screenshot(path=str(HERE / f"{TAG}-map-{size_name}-search.png"))
                page.close()
        browser.close()
print("wrote", sorted(q.name for q in HERE.glob(f"{TAG}-*.png")))
