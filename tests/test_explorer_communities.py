"""The explorer's held-back communities layer (issue 22, item 4: "and the explorer"): the
communities of the page's boundary set, offline, hidden until asked for, names as text."""

import pytest
from test_explorer import Page, needs_chromium
from test_explorer import browser as browser  # the shared Chromium fixture

import seatmap
from seatmap.explorer import explorer


@pytest.fixture(scope="module")
def page():
    return explorer("lab", 2024)


def test_payload_carries_every_community(page):
    c = page.payload["communities"]
    every = seatmap.communities(2024)
    assert len(c["name"]) == len(every) == 1476
    assert sum(c["people"]) == int(every["population"].sum())
    i = c["name"].index("Headland & West View and Jesmond, Hartlepool")
    assert c["people"][i] == 10_857
    assert page.payload["seats"]["name"][c["seat"][i]] == "Hartlepool"
    assert len(page.html.encode("utf-8")) < 2_000_000  # still within the page's budget


@pytest.mark.browser
@needs_chromium
def test_layer_is_offline_hidden_then_shown(browser, page, tmp_path):
    path = page.save(tmp_path / "explorer.html")
    pg = Page(browser, path)
    try:
        assert pg.js("() => document.querySelectorAll('.sx-comm circle').length") == 1476
        assert pg.js("() => getComputedStyle(document.querySelector('.sx-comm')).display") == "none"
        pg.page.click("#sx-comm")
        assert pg.js("() => getComputedStyle(document.querySelector('.sx-comm')).display") != "none"
        assert pg.js("() => document.getElementById('sx-comm').getAttribute('aria-pressed')") == "true"
        titles = pg.js("() => Array.from(document.querySelectorAll('.sx-comm title'))"
                       ".map(t => t.textContent)")
        assert any(t.startswith("Headland & West View and Jesmond, Hartlepool: 10,857 people")
                   for t in titles)
        assert not pg.errors and not pg.requests
    finally:
        pg.close()


def test_the_function_is_not_shadowed_by_a_module(page):
    # importing the held-back communities module (as the explorer does) must not replace the
    # public function seatmap.communities with a module of the same name
    assert callable(seatmap.communities)
    assert len(seatmap.communities(2024, region="North East")) > 0
