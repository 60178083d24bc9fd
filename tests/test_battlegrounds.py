"""Battlegrounds (seatmap.battlegrounds): the gains and losses a poll puts in play."""

import numpy as np
import pandas as pd

import seatmap

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}


def test_battleground(seats24, tmp_path):
    bg = seatmap.battleground("lab", poll=POLL, simulations=500, seed=3)
    assert set(bg["kind"]) == {"gain", "loss"}
    assert (bg.loc[bg["kind"] == "loss", "holder"] == "lab").all()
    assert (bg.loc[bg["kind"] == "gain", "holder"] != "lab").all()
    assert np.allclose(bg["swing"], bg["margin"].abs() / 2)
    assert bg["p_win"].between(0, 1).all()
    lost = bg[(bg["kind"] == "loss") & (bg["projected_winner"] != "lab")]
    assert (lost["margin"] < 0).all() and lost["p_win"].mean() < 0.2
    assert bg.index.name == "code" and bg.index.str.fullmatch(r"[ESWN]\d{8}").all()
    from seatmap.cli import main

    out = tmp_path / "bg.csv"
    assert main(["battleground", "lab", "--poll", "reform=29,lab=22,con=18,ld=13,green=10",
                 "--simulate", "0", "--out", str(out)]) == 0
    written = pd.read_csv(out)
    assert {"code", "kind", "margin", "swing", "lab_pct"} <= set(written.columns)
