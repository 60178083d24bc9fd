"""The red wall's regression (seatmap.sharefit, through its definitions): a party's share on seat
demographics, the 2019 model and its 2024 refit with the 2021 census."""

import pytest

import seatmap
from seatmap import definitions as rw


def test_demographic_model(seats19):
    # by default the Conservatives' 2017 shares, as Kanagasooriam modelled before the 2019 election
    m = rw.demographic_model(seats19)
    assert m.n == 631  # Great Britain's 632 seats less Buckingham (the Speaker's seat in 2017)
    assert m.r2 == pytest.approx(0.7956, abs=0.001)
    assert m.resid_sd == pytest.approx(7.01, abs=0.01)
    assert m.coef["level4_pct"] < 0 and m.coef["nssec_higher_pct"] > 0
    assert m.coef["scotland"] < 0
    con17 = seatmap.load_results(2017)["con_pct"]
    assert (m.predicted + m.residual).round(9).equals(
        con17.loc[m.residual.index].astype(float).round(9).rename(None))
    m19 = rw.demographic_model(seats19, election=None)  # the 2019 shares themselves
    assert m19.n == 631 and m19.r2 == pytest.approx(0.7745, abs=0.001)
    demo = rw.redwall("demographic", seats19)
    assert (demo["con_residual"] <= -5).all()
    assert (demo["winner_2017"] == "lab").all()
    assert set(demo["region"]) <= set(rw.NORTH_MIDLANDS_WALES)


def test_demographic_2024_refit_with_census_2021(seats24):
    m = rw.demographic_model(seats24, election=None)
    assert m.n == 573  # England and Wales's 575 seats less Chorley (Speaker) and Rotherham (no Con)
    assert m.r2 == pytest.approx(0.692, abs=0.001)
    demo = rw.redwall("demographic_2024")
    assert len(demo) == 48
    assert (demo["con_residual"] <= -5).all() and (demo["winner"] == "lab").all()
    assert set(demo["region"]) <= set(rw.NORTH_MIDLANDS_WALES)
