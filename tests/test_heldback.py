"""Held-back communities and pilots in them (seatmap.heldback, issue 22), against real figures.

Their command: tests/test_cli_communities.py; their map layer: tests/test_mapping.py."""

import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.heldback import communities, community_pilots


@pytest.fixture(scope="module")
def uk():
    return communities(2024)


@pytest.fixture(scope="module")
def areas():
    return seatmap.load_small_areas("2024")


def _community_of(c: pd.DataFrame, code: str) -> pd.Series:
    hit = c[c["area_codes"].str.split().apply(lambda codes: code in codes)]
    assert len(hit) == 1, f"{code} is in {len(hit)} communities"
    return hit.iloc[0]


def test_every_most_deprived_small_area_is_in_one_community(uk, areas):
    assert int(uk["small_areas"].sum()) == 4222
    assert uk["seat"].nunique() == 420
    codes = " ".join(uk["area_codes"]).split()
    assert len(codes) == len(set(codes)) == 4222
    per_nation = areas.loc[codes, "nation"].value_counts().to_dict()
    assert per_nation == {"E": 3037, "S": 654, "N": 371, "W": 160}
    assert int(uk["population"].sum()) == int(areas.loc[codes, "population"].sum())
    assert uk.attrs["rule"] == "the UK's most deprived tenth" and uk.attrs["distance_m"] == 1000
    # a community never crosses a seat of the 2024 set
    for _, row in uk.head(50).iterrows():
        assert set(areas.loc[row["area_codes"].split(), "seat"]) == {row["seat"]}


@pytest.mark.parametrize(("where", "value", "seat"), [
    ("la_name", "Blackpool", "Blackpool South"),
    ("la_name", "Middlesbrough", "Middlesbrough and Thornaby East"),
    ("seat_name", "Glasgow North East", "Glasgow North East"),
    ("seat_name", "Belfast West", "Belfast West"),
])
def test_known_most_deprived_small_areas_are_in_their_seats_communities(uk, areas, where, value,
                                                                        seat):
    worst = areas[areas[where] == value].sort_values("imd_uk_rank").index[0]
    row = _community_of(uk, worst)
    assert row["seat_name"] == seat
    assert row["most_deprived_rank"] == areas.loc[worst, "imd_uk_rank"]


def test_names_politics_and_both_seats(uk):
    hart = uk[uk["seat_name"] == "Hartlepool"]
    assert any(n.startswith("Headland & West View") for n in hart["name"])
    assert all(n.endswith(", Hartlepool") for n in hart["name"])
    first = hart.iloc[0]
    assert (first["holder"], first["result"], int(first["majority"])) == ("lab", "Lab hold", 7698)
    assert first["seat_2010"] == "E14000733"  # Hartlepool on the 2010 set
    glasgow = uk[uk["seat_name"] == "Glasgow North East"]
    flagged = glasgow[glasgow["name_note"] != ""]
    assert len(flagged) and flagged["name"].str.endswith(", Glasgow City").all()


def test_filters_by_region_seat_and_party(uk):
    ne = communities(2024, region="North East")
    assert set(ne["region"]) == {"North East"} and len(ne) == (uk["region"] == "North East").sum()
    hart = communities(2024, seats=["Hartlepool"])
    assert set(hart["seat_name"]) == {"Hartlepool"}
    tg = communities(2024, targets="lab")
    assert len(tg) and (tg["holder"] != "lab").all()
    df = communities(2024, defences="lab")
    assert len(df) and (df["holder"] == "lab").all()
    # the rest: Northern Ireland (Labour does not stand) and the Speaker's seat
    rest = uk[~uk.index.isin(tg.index) & ~uk.index.isin(df.index)]
    assert ((rest["nation"] == "N") | (rest["holder"] == "speaker")).all()
    assert len(rest) == (uk["nation"] == "N").sum() + 2


def test_quintile_and_distance(uk):
    q = communities(2024, level="quintile")
    assert int(q["small_areas"].sum()) == 8385
    near = communities(2024, distance=500)
    assert len(near) > len(uk) and int(near["small_areas"].sum()) == 4222


def test_a_user_rule_on_a_users_own_column(areas):
    # members per small area, joined by code: 12 in each of Hartlepool's small areas
    hart = areas.index[areas["seat_name"] == "Hartlepool"]
    members = pd.DataFrame({"lsoa": [*hart, "E01000001", "not-a-code"], "members": 12})
    c = communities(2024, data=members, on="lsoa", rule="members >= 10 and imd_uk_quintile == 1")
    expected = areas.loc[hart][areas.loc[hart, "imd_uk_quintile"] == 1]
    assert set(c["seat_name"]) == {"Hartlepool"}
    assert int(c["small_areas"].sum()) == len(expected)
    assert int(c["population"].sum()) == int(expected["population"].sum())
    fn = communities(2024, data=members.set_index("lsoa"), rule=lambda f: f["members"] > 0)
    assert int(fn["small_areas"].sum()) == len(hart) + 1  # and the City of London's E01000001
    assert fn.attrs["data_unmatched"] == 1


def test_bad_rules_and_data_say_what_to_do():
    with pytest.raises(SeatmapError, match="pandas query"):
        communities(2024, rule="members >>> 3")
    with pytest.raises(SeatmapError, match="small-area code"):
        communities(2024, data=pd.DataFrame({"x": [1]}, index=["nope"]))
    with pytest.raises(SeatmapError, match="positive"):
        communities(2024, distance=0)
    with pytest.raises(SeatmapError, match="only with level='community'"):
        seatmap.pilots(seatmap.targets("lab", 2024), rule="x")


def test_pilots_in_communities_one_per_local_authority():
    ranked = seatmap.targets("lab", 2024)
    p = seatmap.pilots(ranked, level="community")
    assert p.attrs["level"] == "community" and p["la_code"].is_unique
    assert p["seat_code"].is_unique and p.groupby("region").size().max() == 3
    assert set(p["seat_code"]) <= set(ranked.index)
    # Labour holds every North East seat but one it does not target with deprived areas
    assert p.attrs["shortfalls"][0].startswith("North East: 0 of 3")
    reason = p["reason"].iloc[0]
    assert "people in the UK's most deprived tenth; seat " in reason and " 2024, majority " in reason
    same = community_pilots(ranked)
    pd.testing.assert_frame_equal(p, same)


def test_pilot_reason_is_shaped_like_the_issue():
    p = seatmap.pilots(seatmap.defences("lab", 2024), level="community",
                       regions="North East", per_region=10)
    hart = p[p["seat"] == "Hartlepool"]
    assert len(hart) == 1
    assert hart["reason"].iloc[0].startswith(f"{hart['name'].iloc[0]}: ")
    assert "seat Hartlepool, Lab hold 2024, majority 7,698; leave 70%" in hart["reason"].iloc[0]
