"""Regenerate the README's map screenshot: ``python docs/screenshot.py`` (needs Debian chromium)."""

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import seatmap

OUT = Path(__file__).resolve().parent / "img" / "leave-map.png"

with tempfile.TemporaryDirectory() as tmp:
    page_path = Path(tmp) / "map.html"
    targets = seatmap.targets("lab").head(50)
    m = seatmap.seats_to_map(seatmap.load_seats(2019), "leave", party="lab", targets=targets,
                             tiles=None, title="EU referendum leave share, with Labour's top 50 targets")
    seatmap.save_map(m, page_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_selector("html[data-seatmap-drawn]", timeout=30_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT))
        browser.close()
print(f"wrote {OUT}")
