"""Who stands where (seatmap.standing): the standing rule, pacts and tables of candidates,
personal votes, and a party given a share where it does not stand."""

import numpy as np
import pytest

from seatmap import SeatmapError
from seatmap.engine import base_arrays
from seatmap.projection import project
from seatmap.swingmodels import frame

POLL = {"reform": 29, "lab": 22, "con": 18, "ld": 13, "green": 10, "snp": 3, "pc": 1}


def test_a_party_with_no_votes_in_an_area_is_an_error_or_stands():
    with pytest.raises(SeatmapError, match=r"snp is given 17\.00% in Great Britain, but the seats it "
                       r"stands in hold only 8\.\d\d% of the area's votes \(it stands in Scotland"):
        project(poll={"snp": 17, "lab": 30}, election=2024)
    with pytest.raises(SeatmapError, match=r"snp is given 10\.00% in Wales.*Scotland only"):
        project(poll={"GB": POLL, "Wales": {"snp": 10, "lab": 30}}, election=2024)
    # Labour named in a Northern Ireland poll stands there and gets its 30%
    p = project(poll={"GB": POLL, "Northern Ireland": {"lab": 30, "sf": 30}}, election=2024)
    ni = p.delivered.loc["Northern Ireland"]
    assert ni["lab"] == pytest.approx(30, abs=1e-6) and ni["sf"] == pytest.approx(30, abs=1e-6)
    assert p.totals.loc["sf", "after"] < 14  # was doubled (7 -> 14) with Labour's share dropped


def test_a_complete_poll_keeps_the_speaker_and_personal_votes():
    complete = {"reform": 30, "lab": 23, "con": 19, "ld": 13, "green": 10, "snp": 4, "pc": 1}
    p = project(poll=complete, election=2024, model="proportional")
    assert p.totals.loc["speaker", "after"] == 1
    corbyn = p.seats.loc[p.seats["seat"] == "Islington North"].iloc[0]
    assert corbyn["ind_pct"] == pytest.approx(49.2, abs=0.05) and corbyn["winner"] == "ind"
    assert any("personal votes" in n for n in p.notes)
    dropped = project(poll=complete, election=2024, model="proportional",
                      standing={"ind": "drop"})
    assert dropped.delivered.loc["Great Britain", "ind"] == pytest.approx(0, abs=1e-9)


def test_standing_rule_and_pacts():
    b = base_arrays(frame(2019, None))
    p = project(poll=POLL, election=2019, model="uniform")
    entered = p.seats["entered"].str.contains("reform")
    assert int(entered.sum()) == 356  # the GB seats the Brexit Party did not contest in 2019
    pact = list(p.seats.index[(p.seats["winner_before"] == "con")][:20])
    q = project(poll=POLL, election=2019, model="uniform", standing={"reform": {"not": pact}})
    assert (q.seats.loc[pact, "reform_pct"] == 0).all()
    assert q.delivered.loc["Great Britain", "reform"] == pytest.approx(29, abs=1e-6)
    gb_seats = p.seats[p.seats["nation"] != "Northern Ireland"]
    best = list(gb_seats.sort_values("green_pct").index[-300:])
    only = project(poll=POLL, election=2019, model="uniform", standing={"green": {"only": best}})
    gb = only.seats["nation"] != "Northern Ireland"
    kept = only.seats["winner_before"] == "speaker"  # the Speaker's seat keeps its result
    assert set(only.seats.index[gb & ~kept & (only.seats["green_pct"] > 0)]) == set(best)
    assert only.delivered.loc["Great Britain", "green"] == pytest.approx(10, abs=1e-6)
    with pytest.raises(SeatmapError, match=r"green is given 10\.00% in Great Britain, but the "
                       r"seats it stands in hold only 0\.19% of the area's votes"):
        project(poll=POLL, election=2019, standing={"green": {"only": ["Brighton Pavilion"]}})
    import pandas as pd

    table = pd.DataFrame({"party": ["reform"] * 20, "seat": pact})
    t = project(poll=POLL, election=2019, model="uniform", standing=table)
    assert np.array_equal(t.seats["reform_pct"].to_numpy(), q.seats["reform_pct"].to_numpy())
    with pytest.raises(SeatmapError, match="both seats it stands in"):
        project(poll=POLL, election=2019, standing=pd.DataFrame(
            {"party": ["green", "green"], "seat": pact[:2], "stands": [True, False]}))
    with pytest.raises(SeatmapError, match="give 'all', 'base'"):
        project(poll=POLL, election=2019, standing={"green": "sometimes"})
    assert b.parties.index("reform") >= 0
