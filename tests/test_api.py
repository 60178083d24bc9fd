"""The public loaders, checked against the published record."""

import pytest

import seatmap
from seatmap import SeatmapError

BURY_NORTH, BLYTH, DEWSBURY = "E14000611", "E14000575", "E14000666"


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019)


def test_load_seats_2019_is_650_seats_indexed_by_code(seats19):
    assert len(seats19) == 650 and seats19.index.is_unique
    assert seats19.index.name == "code"
    assert seats19.crs.to_epsg() == 27700
    assert seats19.attrs["election"] == "2019" and seats19.attrs["boundary_set"] == "2010"
    assert seats19.geometry.notna().all() and seats19.geometry.is_valid.all()


def test_2019_seat_totals_and_national_votes(seats19):
    wins = seats19["winner"].value_counts().to_dict()
    assert wins == {"con": 365, "lab": 202, "snp": 48, "ld": 11, "dup": 8, "sf": 7, "pc": 4,
                    "sdlp": 2, "green": 1, "alliance": 1, "speaker": 1}
    assert int(seats19["con_votes"].sum()) == 13_966_454
    assert int(seats19["lab_votes"].sum()) == 10_269_051


def test_named_majorities_and_leave_shares(seats19):
    assert seats19.loc[[BURY_NORTH, BLYTH, DEWSBURY], "majority"].tolist() == [105, 712, 1561]
    assert seats19.loc[BURY_NORTH, "name"] == "Bury North"
    boston = seats19.index[seats19["name"] == "Boston and Skegness"][0]
    hackney = seats19.index[seats19["name"] == "Hackney North and Stoke Newington"][0]
    assert seats19.loc[boston, "leave_pct"] == pytest.approx(75.65, abs=0.005)
    assert seats19.loc[hackney, "leave_pct"] == pytest.approx(20.48, abs=0.005)


def test_joined_columns_present_and_in_range(seats19):
    for col in ["region", "nation", "turnout_pct", "majority_pct", "leave_pct", "imd_uk_score",
                "primary_class", "settlement", "routine_pct", "winner_2005", "winner_2017"]:
        assert col in seats19.columns, col
    pct = [c for c in seats19.columns if c.endswith("_pct")]
    values = seats19[pct].apply(lambda s: s.astype("float64"))
    assert ((values >= 0) & (values <= 100) | values.isna()).all().all()
    shares = seats19[[f"{p}_pct" for p in seats19.attrs["parties"]]].sum(axis=1)
    assert shares.round(6).eq(100).all()


def test_history_lets_you_ask_labour_at_every_election_since_2005(seats19):
    cols = ["winner_2005", "winner_2010", "winner_2015", "winner_2017"]
    always_lab = seats19[cols].eq("lab").all(axis=1)
    # BES 2019 results file: 201 seats Labour at every election 2005 (notional)-2017; 36 of them
    # went Conservative in 2019.
    assert int(always_lab.sum()) == 201
    assert int((always_lab & seats19["winner"].eq("con")).sum()) == 36
    assert seats19.loc[BURY_NORTH, [*cols, "winner_2019"]].tolist() == \
        ["lab", "con", "con", "lab", "con"]


def test_every_election_loads_with_its_boundary_set():
    totals = {"2010": ("con", 306), "2015": ("con", 330), "2017": ("lab", 262),
              "2024": ("lab", 411), "2019-notional": ("con", 372)}
    for eid, (party, seats) in totals.items():
        frame = seatmap.load_seats(eid, geometry=False)
        assert len(frame) == 650, eid
        assert int((frame["winner"] == party).sum()) == seats, eid
    s24 = seatmap.load_seats(2024, crs=4326)
    assert s24.index.str.startswith("N05").sum() == 18
    assert s24.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = s24.total_bounds
    assert -9 < minx < -8 and 49.8 < miny < 50.1 and 1.7 < maxx < 1.8 and 60.8 < maxy < 61


def test_unknown_election_is_a_clear_error():
    with pytest.raises(SeatmapError) as err:
        seatmap.load_seats(2018)
    assert "2019-notional" in str(err.value) and "2017" in str(err.value)


def test_lower_level_loaders():
    assert len(seatmap.load_boundaries("2024")) == 650
    assert len(seatmap.load_hexmap("2010")) == 650
    assert len(seatmap.load_census()) == 632
    votes = seatmap.load_votes(2019)
    assert set(votes.columns) >= {"code", "party", "party_name", "candidates", "votes"}
    by_seat = votes.groupby("code")["votes"].sum()
    results = seatmap.load_results(2019)
    assert (by_seat.reindex(results.index) == results["valid_votes"]).all()
