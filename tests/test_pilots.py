"""Pilot selection from Labour's 2019 target list and the Conservatives' defences."""

import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.organising import DEFAULT_REGIONS, pilots
from seatmap.targeting import defences, targets

BURY_NORTH, BURY_SOUTH, BOLTON_NE = "E14000611", "E14000612", "E14000578"


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


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
