"""The seat model's fitted parameters and the demographic model (seatmap.seatmodel)."""

import numpy as np
import pytest

from seatmap.projection import project

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}


def test_demographic_shares_and_totals(seats24):
    from seatmap.seatmodel import TERMS, fitted_with

    demo = project(poll=POLL, seats=seats24, model="demographic")
    cols = [c for c in demo.seats.columns if c.endswith("_pct")
            and c not in ("majority_pct", "tactical_pct")]
    sh = demo.seats[cols].to_numpy()
    assert (sh >= 0).all() and (sh <= 100).all()
    assert np.allclose(sh.sum(axis=1), 100)
    # votes move between seats, never the totals: the poll is delivered
    for party, share in POLL.items():
        assert demo.delivered.loc["Great Britain", party] == pytest.approx(share, abs=1e-6)
    # with every coefficient 0 it is the mixed model (the one it adjusts), exactly
    with fitted_with(coefs=dict.fromkeys(TERMS, 0.0)):
        zero = project(poll=POLL, seats=seats24, model="demographic")
    mixed = project(poll=POLL, seats=seats24, model="mixed")
    assert np.allclose(zero.seats[cols], mixed.seats[cols], atol=1e-9)
    # Reform's surge is larger where leave was high (its leave coefficient is positive)
    gb = seats24["nation"] != "Northern Ireland"
    gain = demo.seats["reform_pct"] - mixed.seats["reform_pct"]
    leave = seats24["leave_pct"].astype(float)
    assert gain[gb][leave[gb] > 60].mean() > 0 > gain[gb][leave[gb] < 40].mean()


def test_model_file_comes_from_the_data_directory():
    from seatmap import _paths, seatmodel

    assert seatmodel.model_file().parent.parent == _paths.data_dir()
    assert {"mix_k", "default_model", "noise", "coefficients"} <= set(seatmodel.shipped())
