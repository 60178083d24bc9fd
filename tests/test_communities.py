"""Held-back communities and pilots in them (issue 22), against real figures."""

import os

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


def test_cli_pilots_communities_writes_a_printable_xlsx(tmp_path, capsys):
    from openpyxl import load_workbook

    from seatmap.cli import main

    out = tmp_path / "pilots.xlsx"
    assert main(["pilots", "lab", "-e", "2024", "--communities", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "North East: 0 of 3" in err
    wb = load_workbook(out)
    assert wb.sheetnames == ["Pilots", "Data", "Columns", "Sources"]
    ws = wb["Pilots"]
    header = [c.value for c in ws[2]]  # issue 18: row 1 is the title row
    assert header[:6] == ["Region", "Pick in region", "Rank in list", "Held-back community",
                          "People", "Seat"]
    assert header[-1] == "Why this community" and ws.page_setup.orientation == "landscape"
    assert ws.max_row == 2 + len(seatmap.pilots(seatmap.targets("lab", 2024), level="community"))


def test_cli_communities_with_a_users_file(tmp_path, capsys):
    from seatmap.cli import main

    data = tmp_path / "members.csv"
    data.write_text("lsoa,members\nE01011949,20\nE01011950,3\n")
    assert main(["communities", "--data", str(data), "--rule", "members >= 10"]) == 0
    out = capsys.readouterr().out
    assert "1 community, 1,954 people" in out and "Hartlepool" in out


def test_seat_profile_and_card_name_the_largest_community(capsys):
    from seatmap.cli import main

    p = seatmap.seat_profile("Hartlepool", 2024)
    s = p.communities
    assert (s["communities"], s["people"], s["seat_people"]) == (5, 32850, 93663)
    assert s["largest"] == "Headland & West View and Jesmond, Hartlepool"
    assert main(["seat", "Glasgow North East"]) == 0
    out = capsys.readouterr().out
    assert ("Held-back communities: 50,813 people (46% of the seat) live in 4 communities in "
            "the UK's most deprived tenth; largest East Centre and Dennistoun, Glasgow City") in out
    assert "'East Centre' may not be recognised as a place name" in out


def test_communities_map_layer_html_and_png(tmp_path):
    from seatmap.mapspec import MapOptions, map_spec

    wales = communities(2024, region="Wales")
    m = seatmap.seats_to_map(2024, "deprivation", communities=wales)
    html = m.to_html()
    assert f"Held-back communities ({len(wales)})" in html and "L.circleMarker" in html
    assert "lookup-drkane-small-area-centroids" in m.seatmap_info["sources"]
    spec = map_spec(2024, MapOptions(column="deprivation", communities=True))
    assert len(spec.points["lat"]) == 1476 and max(spec.points["r"]) == 14.5
    assert map_spec(2024, MapOptions(hexmap=True, communities=True)).points is None
    seatmap.seats_to_png(2024, "deprivation", tmp_path / "m.png", communities=wales)
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(SeatmapError, match="communities="):
        map_spec(2024, MapOptions(communities="yes"))
    from seatmap.cli import main

    assert main(["map", "--metric", "deprivation", "--communities",
                 "--out", str(tmp_path / "m.html")]) == 0
    assert "Held-back communities (1,476)" in (tmp_path / "m.html").read_text()


@pytest.mark.browser
def test_communities_layer_in_a_real_browser_offline(tmp_path):
    """The layer draws every community in headless Chromium with the network cut; a name is
    text, never HTML."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None and not os.environ.get("SEATMAP_REQUIRE_BROWSER"):
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    c = communities(2024, region="North East").copy()
    c["name"] = "<img src=x onerror=alert(1)>"  # every name, so any tooltip shows one
    path = tmp_path / "m.html"
    seatmap.save_map(seatmap.seats_to_map(2024, "deprivation", communities=c), path)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = b.new_page(viewport={"width": 900, "height": 900})
        errors, dialogs, blocked = [], [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                   else (blocked.append(r.request.url), r.abort()))
        page.goto(path.as_uri())
        page.wait_for_timeout(1500)
        n = page.evaluate("document.querySelectorAll('path.sm-community').length")
        labels = page.evaluate("Array.from(document.querySelectorAll("
                               "'.leaflet-control-layers label')).map(l => l.textContent.trim())")
        page.hover("path.sm-community >> nth=0", force=True)
        page.wait_for_timeout(300)
        imgs = page.evaluate("document.querySelectorAll('.leaflet-tooltip img').length")
        tip = page.evaluate("document.querySelector('.leaflet-tooltip').textContent")
        b.close()
    assert n == len(c) and f"Held-back communities ({len(c)})" in labels
    assert not errors and not dialogs and not blocked and imgs == 0
    assert tip.startswith("<img src=x onerror=alert(1)>: ") and " people, deprivation score " in tip


def test_cli_communities_xlsx_for_people(tmp_path, capsys):
    from openpyxl import load_workbook

    from seatmap.cli import main

    out = tmp_path / "c.xlsx"
    assert main(["communities", "--seat", "Hartlepool", "-o", str(out)]) == 0
    wb = load_workbook(out)
    people = [c.value for c in wb["Communities"][2]]  # issue 18: row 1 is the title row
    assert people[:4] == ["Community", "Note on the name", "Neighbourhoods (labels)", "People"]
    assert "area_codes" not in people and "Local authority" in people
    assert "area_codes" in [c.value for c in wb["Data"][1]]  # the exact table keeps them
    assert wb["Communities"].max_row == 2 + 5
