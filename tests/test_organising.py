"""Pilot selection (seatmap.organising) from Labour's 2019 target list and the Conservatives'
defences."""

import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.organising import DEFAULT_REGIONS, pilots
from seatmap.targeting import defences, targets

BURY_NORTH, BURY_SOUTH, BOLTON_NE = "E14000611", "E14000612", "E14000578"


@pytest.fixture(scope="module")
def lab(seats19):
    return targets("lab", seats=seats19)


def test_three_per_region_in_eleven_regions(lab):
    p = pilots(lab)
    assert len(DEFAULT_REGIONS) == 11 and "Northern Ireland" not in DEFAULT_REGIONS
    assert len(p) == 33 and p.attrs["shortfalls"] == []
    assert p.groupby("region").size().eq(3).all()
    assert list(dict.fromkeys(p["region"])) == list(DEFAULT_REGIONS)
    # distinct local authorities within each region
    assert not p.duplicated(["region", "la_code"]).any()
    nw = p[p["region"] == "North West"]
    # Bury North (rank 1), then Bolton North East (rank 4): Bury South (rank 3) shares Bury
    assert nw["seat"].tolist() == ["Bury North", "Bolton North East", "Heywood and Middleton"]
    assert BURY_SOUTH not in p.index
    assert "passed over Bury South, same local authority as Bury North" in nw.loc[BOLTON_NE, "reason"]
    # issue 14: the reason says what ranks the seat and, for the region's last pick, who is next
    assert nw.loc[BURY_NORTH, "reason"].startswith(
        "rank 1 of 429 in the list; swing needed 0.2 points; best remaining seat in the region")
    assert "next in line: " in nw["reason"].iloc[-1]
    assert p["reason"].str.len().gt(0).all()
    assert p.loc[p["region"] == "London", "seat"].iloc[0] == "Kensington"


def test_deterministic_and_source_order_independent(lab):
    a = pilots(lab)
    b = pilots(lab.sample(frac=1.0, random_state=3))  # shuffled rows, same ranks
    assert a.equals(b)


def test_same_la_allowed_when_asked(lab):
    p = pilots(lab, distinct_la=False, regions="North West")
    assert p["seat"].tolist() == ["Bury North", "Bury South", "Bolton North East"]


def test_town_mix(lab):
    p = pilots(lab, town_mix=True)
    assert len(p) == 33
    for region, group in p.groupby("region"):
        classes = sorted(group["town_class"])
        if region != "London":  # London has no towns
            assert classes == ["Large Town", "Medium Town", "Small Town"], region
    london = p[p["region"] == "London"]
    assert london["reason"].str.contains("no eligible").all()
    mix = pilots(lab, per_region=2, town_mix={"small": 2}, regions=["North West"])
    assert (mix["town_class"] == "Small Town").all()
    with pytest.raises(SeatmapError, match="per_region is 3"):
        pilots(lab, town_mix={"Large Town": 4})
    with pytest.raises(SeatmapError, match="Valid values: Core City"):
        pilots(lab, town_mix=["hamlet"])


def test_exclusions_and_regions(lab):
    p = pilots(lab, regions=["North West"], exclude=["bury north", "E14000578"])
    assert BURY_NORTH not in p.index and BOLTON_NE not in p.index
    assert p.iloc[0]["seat"] == "Bury South"
    with pytest.raises(SeatmapError, match="Closest matches"):
        pilots(lab, exclude=["Bury Northe"])
    with pytest.raises(SeatmapError, match="Valid values: North East"):
        pilots(lab, regions=["Wessex"])
    with pytest.raises(SeatmapError, match="at least 1"):
        pilots(lab, per_region=0)


def test_northern_ireland_is_optional_and_shortfalls_reported(lab, seats19):
    p = pilots(lab, include_ni=True)
    assert p.attrs["shortfalls"] == ["Northern Ireland: 0 of 3 (0 seats in the list there)"]
    dup = pilots(defences("dup", seats=seats19), per_region=2, regions=["NI"])
    assert dup["seat"].tolist() == ["Belfast East", "South Antrim"]
    assert set(dup["region"]) == {"Northern Ireland"}


def test_any_ranked_list_and_empty_result(seats19, lab):
    con = defences("con", sort="score", seats=seats19)
    p = pilots(con, per_region=1)
    assert len(p) == 11
    assert (p["rank"] == p.index.map(con["rank"])).all()
    # a plain frame of codes (best first) works too: context comes from the seat frame
    plain = lab[["swing_needed"]].head(40)
    q = pilots(plain, per_region=1, regions="North West", seats=seats19)
    assert q.iloc[0]["seat"] == "Bury North" and q.iloc[0]["rank"] == 1
    empty = pilots(lab.head(2), regions="Scotland")
    assert empty.empty and "No pilot seats" in empty.attrs["message"]


def test_public_function_survives_importing_its_module(lab):
    import seatmap.organising as module

    assert len(module.pilots(lab, per_region=1)) == 11
    assert len(seatmap.pilots(lab, per_region=1)) == 11


def test_ranks_and_shortfalls_refer_to_the_list_passed(seats19):
    # issue 14: a 54-seat red-wall list ranks 1..54; issue 18: one list of shortfalls, always
    # filled, the default regions included (East of England 2, London 1, South East 0,
    # South West 1, Scotland 0 of 3)
    ranked = targets("lab", sort="score", seats=seats19)
    red_wall = ranked[ranked.index.isin(seatmap.redwall("gains_2019").index)]
    p = pilots(red_wall)
    assert len(red_wall) == 54 and p["rank"].max() <= 54
    assert p["reason"].str.contains(r"^rank \d+ of 54 in the list; score ", regex=True).all()
    assert p["reason"].str.contains("deprivation").all()  # score components named
    assert "Scotland" in p.attrs["regions_not_in_list"]
    assert p.attrs["shortfalls"] == [
        "East of England: 2 of 3 (2 seats in the list there)",
        "London: 1 of 3 (1 seat in the list there)",
        "South East: 0 of 3 (0 seats in the list there)",
        "South West: 1 of 3 (1 seat in the list there)",
        "Scotland: 0 of 3 (0 seats in the list there)"]
    assert len(p) == 22 and "thin_regions" not in p.attrs
    asked = pilots(red_wall, regions=["Scotland", "North West"])
    assert asked.attrs["shortfalls"] == ["Scotland: 0 of 3 (0 seats in the list there)"]


def _toy_list():
    """Seven London seats (A-G, all in council 1 but F and G in council 2) and one in Wales."""
    import pandas as pd

    rows = [("A", "London", "L1", "Large Town"), ("B", "London", "L1", "Small Town"),
            ("C", "London", "L1", "Small Town"), ("D", "London", "L1", "Large Town"),
            ("E", "London", "L1", "Medium Town"), ("F", "London", "L2", "Small Town"),
            ("G", "London", "L2", "Large Town"), ("H", "Wales", "L3", "Small Town")]
    return pd.DataFrame(
        {"seat": [r[0] for r in rows], "region": [r[1] for r in rows],
         "la_code": [r[2] for r in rows], "la_name": [f"Council {r[2][1]}" for r in rows],
         "town_class": [r[3] for r in rows], "swing_needed": [1.0, 2, 3, 4, 5, 6, 7, 8]},
        index=[f"X{r[0]}" for r in rows])


def test_reasons_on_a_list_worked_by_hand():
    """Each rule of the picking, and its words, on a list small enough to follow by hand."""
    toy = _toy_list()
    # the town-mix slot first (B, the best Small Town), then the best seat in another council
    # (F), passing over four seats in B's council; G is next but shares F's council
    p = pilots(toy, per_region=2, regions="London", town_mix={"Small Town": 1})
    assert list(p.index) == ["XB", "XF"] and list(p["pick"]) == [1, 2]
    assert p.loc["XB", "reason"] == (
        "rank 2 of 8 in the list; swing needed 2.0 points; best-ranked eligible Small Town in "
        "the region (town-mix slot); Council 1 (first pilot there)")
    assert p.loc["XF", "reason"] == (
        "rank 6 of 8 in the list; swing needed 6.0 points; best remaining seat in the region; "
        "Council 2 (first pilot there); passed over A, same local authority as B; C, same local "
        "authority as B; D, same local authority as B and 1 more; next in line: G (rank 7, "
        "swing needed 7.0 points), not picked: same local authority as F")
    # a town class the region lacks: the slot goes to the best remaining seat, and says so
    p = pilots(toy, per_region=1, regions="London", town_mix={"Village or smaller": 1},
               distinct_la=False)
    assert p["reason"].tolist() == [
        "rank 1 of 8 in the list; swing needed 1.0 points; best remaining seat in the region (no "
        "eligible Village or smaller left for the town mix); Council 1; next in line: B (rank 2, "
        "swing needed 2.0 points), not picked: the region's 1 places were filled"]
    # the region's only seat
    p = pilots(toy, per_region=2, regions="Wales")
    assert p["reason"].tolist() == [
        "rank 8 of 8 in the list; swing needed 8.0 points; best remaining seat in the region; "
        "Council 3 (first pilot there); no other seat of the list in the region"]
    assert p.attrs["shortfalls"] == ["Wales: 1 of 2 (1 seat in the list there)"]
