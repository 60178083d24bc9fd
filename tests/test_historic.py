"""The historic general elections 1950-2005 (seatmap.historic: Great Britain, five vote groups):
the processed table and its loaders against the published record, and the pairs used for
backtesting (the build's checks: tests/test_data_history.py)."""

import pytest

from seatmap import SeatmapError, history_pair, load_historic
from seatmap.elections import HISTORIC_ELECTIONS, HISTORIC_PAIRS


# Seats won in Great Britain (UK totals of the Commons Library's UK Election Statistics,
# CBP-7529, less Northern Ireland; the Speaker standing as Speaker counted as `other`).
@pytest.mark.parametrize(("election", "won"), [
    ("1951", {"con": 312, "lab": 295, "ld": 6}),  # Bradford South (Labour) is not in the table
    ("1964", {"con": 291, "lab": 317, "ld": 9, "other": 1}),
    ("1974F", {"con": 296, "lab": 301, "ld": 14, "snp": 7, "pc": 2, "other": 3}),
    ("1983", {"con": 397, "lab": 209, "ld": 23, "snp": 2, "pc": 2}),
    ("1997", {"con": 165, "lab": 418, "ld": 46, "snp": 6, "pc": 4, "other": 2}),
    ("2005", {"con": 198, "lab": 355, "ld": 62, "snp": 6, "pc": 3, "other": 4}),
])
def test_seats_won_in_great_britain(election, won):
    got = load_historic(election)["winner"].value_counts().to_dict()
    if election == "1951":
        got["lab"] += 1  # Bradford South 1951, left out: the file lumps Lab and NatLib together
    assert got == won


def test_gb_votes_match_the_published_totals():
    feb74 = load_historic("1974F")
    assert int(feb74["con_votes"].sum()) == 11_834_346
    assert int(feb74["lab_votes"].sum()) == 11_641_143
    assert int(feb74["ld_votes"].sum()) == 6_059_550
    may97 = load_historic(1997)
    assert int(may97["lab_votes"].sum()) == 13_518_167
    assert int(may97["ld_votes"].sum()) == 5_242_947


def test_every_election_has_its_great_britain_seats():
    seats = {e: len(load_historic(e)) for e in HISTORIC_ELECTIONS}
    assert seats == {"1950": 613, "1951": 612, "1955": 618, "1959": 618, "1964": 618,
                     "1966": 618, "1970": 618, "1974F": 623, "1974O": 623, "1979": 623,
                     "1983": 633, "1987": 633, "1992": 634, "1997": 641, "2001": 641,
                     "2005": 628}
    assert not any((load_historic(e)["nation"] == "Northern Ireland").any()
                   for e in HISTORIC_ELECTIONS)


def test_matched_seats_per_pair():
    matched = {pair: len(history_pair(*pair)[0]) for pair in HISTORIC_PAIRS}
    assert matched == {
        ("1950", "1951"): 612, ("1955", "1959"): 618, ("1959", "1964"): 618,
        ("1964", "1966"): 618, ("1966", "1970"): 618, ("1974F", "1974O"): 623,
        ("1974O", "1979"): 623, ("1983", "1987"): 633, ("1987", "1992"): 632,
        ("1997", "2001"): 641, ("2001", "2005"): 569,  # England and Wales only
    }
    b, a = history_pair("1987", "1992")
    assert b.attrs["dropped"] == ["1983-1992/milton-keynes"]
    assert a.attrs["dropped"] == ["1983-1992/milton-keynes-north-east",
                                  "1983-1992/milton-keynes-south-west"]
    b, a = history_pair("2001", "2005")
    assert set(b["nation"]) == set(a["nation"]) == {"England", "Wales"}
    assert b.attrs["dropped"] == a.attrs["dropped"] == []
    assert (b["name"] == a["name"]).all()


def test_known_seats():
    tatton = load_historic(1997).loc["1997-2001/tatton"]  # Martin Bell, independent
    assert tatton["winner"] == "other" and tatton["runner_up"] == "con"
    assert int(tatton["con_votes"]) == 18_277  # Neil Hamilton
    # Bell's 29,354 and the minor candidates' votes are one lumped group in the file
    assert int(tatton["other_votes"]) == 30_515 > 29_354
    ebbw = load_historic(1951).loc["1950-1951/monmouthshire-ebbw-vale"]  # Aneurin Bevan
    assert ebbw["winner"] == "lab" and int(ebbw["lab_votes"]) == 28_283
    gateshead = load_historic(1950).loc["1950-1951/gateshead-east"]  # Moody 15,249; Clift 13,530
    assert (int(gateshead["lab_votes"]), int(gateshead["con_votes"])) == (15_249, 13_530)
    assert load_historic(1951).loc["1950-1951/herefordshire-hereford", "winner"] == "con"
    blaenau = load_historic(2005).loc["1997-2001/blaenau-gwent"]  # Peter Law, independent
    assert blaenau["winner"] == "other" and blaenau["nation"] == "Wales"
    assert load_historic(2001).loc["1997-2001/wyre-forest", "winner"] == "other"


def test_frames_are_shaped_like_load_results():
    r = load_historic("1974O")
    assert r.index.name == "code" and r.index.is_unique
    assert r.attrs["election"] == "1974O" and r.attrs["boundary_set"] == "1974-1979"
    assert r.attrs["parties"] == ["con", "lab", "ld", "snp", "pc", "other"]
    shares = r[[f"{p}_pct" for p in r.attrs["parties"]]].sum(axis=1)
    assert shares.sub(100).abs().max() < 1e-9
    assert (r["winner"] != r["runner_up"]).all()
    assert (r["majority_pct"] > 0).all()
    assert r.loc[r["nation"] == "England", ["snp_votes", "pc_votes"]].eq(0).all().all()
    assert load_historic("oct1974").attrs["election"] == "1974O"


def test_bad_requests_say_what_to_do():
    with pytest.raises(SeatmapError, match="1974F"):
        load_historic(1974)
    with pytest.raises(SeatmapError, match="Valid values"):
        load_historic(1945)
    with pytest.raises(SeatmapError, match="not consecutive elections on the same seats"):
        history_pair(1979, 1983)
