"""The explorer's model (seatmap/_assets/seatmap-model.js) under Node, against Python.

The page's JavaScript model is fed the payload :func:`seatmap.explorer.model_payload` writes and
random scenarios (GB polls with Scottish and Welsh polls, every model, tactical voting on and
off); every seat's shares must equal :func:`seatmap.project`'s within 1e-9, with the same
winners, and a poll Python refuses is refused by the page too. No browser is needed: Debian's
``nodejs`` runs the same file the page inlines.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.explorer import model_payload
from seatmap.projection import MODELS, project

ASSET = Path(seatmap.__file__).resolve().parent / "_assets" / "seatmap-model.js"
NODE = shutil.which("node") or shutil.which("nodejs")
if NODE is None and os.environ.get("SEATMAP_REQUIRE_BROWSER"):  # CI must not skip these
    raise RuntimeError("SEATMAP_REQUIRE_BROWSER is set but Node (Debian: apt-get install nodejs) "
                       "is not installed.")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node is not installed (Debian: apt-get "
                                                     "install nodejs)")

RUNNER = """
const fs = require('fs');
const M = require(process.argv[2]);
const payload = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const scenarios = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
const m = M.create(payload);
const out = scenarios.map(function (sc) {
  try {
    const r = m.run(sc.poll, sc.model, sc.tactical);
    return { shares: Array.from(r.shares), winner: Array.from(r.winner, j => payload.parties[j]) };
  } catch (e) { return { error: e.message }; }
});
fs.writeFileSync(process.argv[5], JSON.stringify(out));
"""


def first_words(message: str) -> str:
    """A message up to its first colon, semicolon or bracket: the page says what Python says,
    without Python's hints about arguments the page has no control for."""
    return re.split(r"[:;(]", message)[0].strip()


def run_node(tmp_path, payload, scenarios):
    (tmp_path / "run.js").write_text(RUNNER, encoding="utf-8")
    (tmp_path / "payload.json").write_text(json.dumps(payload), encoding="utf-8")
    (tmp_path / "scenarios.json").write_text(json.dumps(scenarios), encoding="utf-8")
    proc = subprocess.run([NODE, str(tmp_path / "run.js"), str(ASSET), str(tmp_path / "payload.json"),
                           str(tmp_path / "scenarios.json"), str(tmp_path / "out.json")],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def random_scenarios(rng, n, parties):
    """Random GB polls (the seven parties polls report, some left out), with Scottish and Welsh
    polls now and then, a region, England or Northern Ireland in a quarter of them, every model,
    tactical voting against the Conservatives or Reform."""
    out = []
    for k in range(n):
        gb = {"reform": rng.uniform(8, 35), "lab": rng.uniform(14, 40), "con": rng.uniform(10, 32),
              "ld": rng.uniform(6, 20), "green": rng.uniform(3, 14), "snp": rng.uniform(1.5, 4),
              "pc": rng.uniform(0.4, 1.2)}
        for p in ("green", "pc"):  # a poll that does not name a party: completed from the base
            if rng.random() < 0.25:
                del gb[p]
        scale = rng.uniform(90, 101) / sum(gb.values())  # as published: about 100 in all
        poll = {"Great Britain": {p: float(v * scale) for p, v in gb.items() if p in parties}}
        if rng.random() < 0.4:
            poll["Scotland"] = {"snp": float(rng.uniform(20, 40)), "lab": float(rng.uniform(15, 35))}
        if rng.random() < 0.3:
            poll["Wales"] = {"pc": float(rng.uniform(8, 20)), "reform": float(rng.uniform(10, 25))}
        tactical = None
        if k % 2:
            tactical = ({"against": "con", "parties": ["lab", "ld", "green"],
                         "rate": float(rng.uniform(0.1, 0.5))} if rng.random() < 0.5 else
                        [{"against": "reform", "parties": ["lab", "ld", "green", "con"],
                          "rate": float(rng.uniform(0.1, 0.5))}])
        if k % 4 == 3:  # a region, England or Northern Ireland too; tactical voting in England only
            poll.update([{"London": {"lab": float(rng.uniform(30, 45)),
                                     "green": float(rng.uniform(5, 15))}},
                         {"England": {"reform": float(rng.uniform(20, 35)),
                                      "con": float(rng.uniform(15, 25))}},
                         {"Northern Ireland": {"sf": 28.0, "dup": 22.0, "alliance": 15.0}}][k % 3])
            if isinstance(tactical, dict):
                tactical["area"] = "England"
        out.append({"poll": poll, "model": MODELS[k % len(MODELS)], "tactical": tactical})
    return out


@pytest.mark.parametrize("election, n", [(2024, 24), ("2019", 8)])
def test_node_model_is_python_seat_by_seat(tmp_path, election, n):
    seats = seatmap.load_seats(election, geometry=False)
    payload = model_payload(seats)
    parties = payload["parties"]
    assert payload["models"] == list(MODELS)  # every model, the demographic one included
    scenarios = random_scenarios(np.random.default_rng(17), n, parties)
    got = run_node(tmp_path, payload, scenarios)
    worst, compared = 0.0, 0
    for sc, js in zip(scenarios, got, strict=True):
        try:
            proj = project(poll=sc["poll"], model=sc["model"], tactical=sc["tactical"], seats=seats)
        except SeatmapError as err:  # refused by Python: refused by the page, with the same words
            assert first_words(js.get("error", "")) == first_words(str(err)), sc
            continue
        assert "error" not in js, (sc, js.get("error"))
        compared += 1
        py = proj.seats[[f"{p}_pct" for p in parties]].to_numpy()
        diff = np.abs(np.array(js["shares"]).reshape(py.shape) - py).max()
        worst = max(worst, diff)
        assert diff <= 1e-9, (sc, diff)
        assert js["winner"] == proj.seats["winner"].tolist(), sc
    assert compared >= 0.75 * len(scenarios)
    print(f"{election}: {compared} scenarios, largest difference {worst:.2e} points")


def test_node_model_refuses_what_python_refuses(tmp_path):
    seats = seatmap.load_seats(2024, geometry=False)
    bad = [
        {"Great Britain": {"lab": 60, "con": 50}},                 # adds up to 110
        {"Great Britain": {"lab": 30}, "Wales": {"snp": 5}},       # the SNP stands in Scotland only
        {"Great Britain": {"con": 2, "lab": 30}, "Scotland": {"con": 60}},  # GB below Scotland's
        {"Great Britain": {"dup": 5}},                             # a Northern Ireland party
    ]
    got = run_node(tmp_path, model_payload(seats),
                   [{"poll": p, "model": "uniform", "tactical": None} for p in bad])
    for poll, js in zip(bad, got, strict=True):
        with pytest.raises(SeatmapError) as err:
            project(poll=poll, model="uniform", seats=seats)
        assert "error" in js, poll
        assert first_words(js["error"]) == first_words(str(err.value))


def test_demographic_terms_are_linear_in_growth():
    """The payload sends the demographic terms for a growth of 1; the page multiplies by the
    growth, which is exact only while seatmodel.demographic_terms stays linear in it."""
    from seatmap.seatmodel import demographic_terms

    seats = seatmap.load_seats(2024, geometry=False)
    payload = model_payload(seats)
    parties = payload["parties"]
    growth = np.random.default_rng(3).uniform(0, 3, (len(seats), len(parties)))
    want = demographic_terms(seats, parties, growth, np.arange(len(seats)))
    unit = np.zeros_like(growth)
    for j, col in payload["demo"].items():
        unit[:, int(j)] = col
    assert np.abs(want - growth * unit).max() <= 1e-12
    assert np.abs(unit).max() > 0.5  # the terms are there
