"""The processed election results under data/results agree with the published record.

The figures asserted here are the official (Commons Library) and Rallings & Thrasher numbers,
restated independently of the build code. Tests at the end run the results build on altered
sources and skip when ../shared/sources is absent; the one full rebuild check (data/ equals a
fresh build) is in tests/test_build_framework.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from seatmap._store import read_table
from seatmap.elections import BOUNDARY_SETS
from seatmap.elections import ELECTIONS as REGISTRY
from seatmap.parties import PARTIES

ELECTIONS = list(REGISTRY)  # the registry: a new election is tested here without editing this file
SET_2010 = list(BOUNDARY_SETS["2010"].elections)
SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"raw sources not found at {SOURCES} (clone shared/sources)"
)

SEATS_WON = {
    "2010": {"con": 306, "lab": 258, "ld": 57, "snp": 6, "pc": 3, "green": 1, "speaker": 1},
    "2015": {"con": 330, "lab": 232, "snp": 56, "ld": 8, "dup": 8, "sf": 4, "sdlp": 3, "pc": 3,
             "uup": 2, "green": 1, "ukip": 1, "speaker": 1, "ind": 1},
    "2017": {"con": 317, "lab": 262, "snp": 35, "ld": 12, "dup": 10, "sf": 7, "pc": 4,
             "green": 1, "speaker": 1, "ind": 1},
    "2019": {"con": 365, "lab": 202, "snp": 48, "ld": 11, "dup": 8, "sf": 7, "pc": 4, "sdlp": 2,
             "green": 1, "alliance": 1, "speaker": 1},
    "2019-notional": {"con": 372, "lab": 200, "snp": 48, "dup": 8, "ld": 8, "sf": 7, "sdlp": 2,
                      "pc": 2, "green": 1, "alliance": 1, "speaker": 1},
    "2024": {"lab": 411, "con": 121, "ld": 72, "snp": 9, "sf": 7, "ind": 6, "reform": 5,
             "dup": 5, "green": 4, "pc": 4, "sdlp": 2, "alliance": 1, "tuv": 1, "uup": 1,
             "speaker": 1},
}


def seats(eid: str) -> pd.DataFrame:
    return read_table(f"results/ge{eid}.csv").set_index("code")


def votes(eid: str) -> pd.DataFrame:
    return read_table(f"results/ge{eid}_votes.csv")


def party_total(eid: str, party: str) -> int:
    v = votes(eid)
    return int(v.loc[v["party"] == party, "votes"].sum())


# ---------------------------------------------------------------------------------- structure


@pytest.mark.parametrize("eid", ELECTIONS)
def test_650_unique_codes_on_the_right_boundary_set(eid):
    s = seats(eid)
    assert len(s) == 650 and s.index.is_unique
    prefixes = s.index.str[:3].value_counts().to_dict()
    if eid in SET_2010:
        assert prefixes == {"E14": 533, "S14": 59, "W07": 40, "N06": 18}
    else:
        assert prefixes == {"E14": 543, "S14": 57, "W07": 32, "N05": 18}


def test_code_sets_agree_within_each_boundary_set():
    base = set(seats("2019").index)
    for eid in SET_2010:
        assert set(seats(eid).index) == base
    assert set(seats("2019-notional").index) == set(seats("2024").index)
    # the notional file's provisional Scottish codes were replaced by the final ones
    assert {f"S14000{n}" for n in range(107, 112)} <= set(seats("2019-notional").index)
    assert not {"S14000058", "S14000006", "S14000010", "S14000008", "S14000040"} & set(
        seats("2019-notional").index
    )


@pytest.mark.parametrize("eid", ELECTIONS)
def test_votes_sum_to_valid_votes_in_every_seat(eid):
    s, v = seats(eid), votes(eid)
    summed = v.groupby("code")["votes"].sum()
    assert set(summed.index) == set(s.index)
    assert (summed.reindex(s.index) == s["valid_votes"]).all()
    assert not v.duplicated(["code", "party_name"]).any()


@pytest.mark.parametrize("eid", ELECTIONS)
def test_party_codes_and_ranges(eid):
    s, v = seats(eid), votes(eid)
    assert set(v["party"]) <= set(PARTIES)
    assert set(s["winner"].dropna()) <= set(PARTIES)
    assert set(s["runner_up"].dropna()) <= set(PARTIES)
    assert s["turnout_pct"].between(30, 90).all()
    assert s["majority_pct"].dropna().between(0, 100).all()
    turnout = s["valid_votes"] / s["electorate"] * 100
    assert (s["turnout_pct"] - turnout).abs().max() < 1e-3
    share = s["majority"] / s["valid_votes"] * 100
    assert (s["majority_pct"] - share).abs().max() < 1e-3
    assert (v["votes"] > 0).all()


# ------------------------------------------------------------------------- published record


@pytest.mark.parametrize("eid", ELECTIONS)
def test_seats_won(eid):
    assert eid in SEATS_WON, f"restate the published seat totals of {eid} in SEATS_WON above"
    assert seats(eid)["winner"].value_counts().to_dict() == SEATS_WON[eid]


def test_2010_northern_ireland_has_no_party_detail():
    s, v = seats("2010"), votes("2010")
    ni = s.index.str.startswith("N")
    assert s.loc[ni, "winner"].isna().all() and s.loc[~ni, "winner"].notna().all()
    ni_rows = v[v["code"].str.startswith("N")]
    assert len(ni_rows) == 18 and set(ni_rows["party"]) == {"other"}
    # five GB seats where candidates outside BES's parties could have been second
    assert s.loc[~ni, "runner_up"].isna().sum() == 5
    assert s.loc["E14000608", ["winner", "valid_votes"]].tolist() == ["speaker", 48335]


def test_2010_bury_north():
    v = votes("2010")
    bury = v[v["code"] == "E14000611"].set_index("party")["votes"]
    assert (bury["con"], bury["lab"], bury["ld"]) == (18070, 15827, 7645)
    assert seats("2010").loc["E14000611", "electorate"] == 66759
    assert seats("2010").loc["E14000611", "majority"] == 18070 - 15827


def test_national_votes():
    assert party_total("2019", "con") == 13_966_454
    assert party_total("2019", "lab") == 10_269_051
    assert party_total("2019", "ld") == 3_696_419
    assert seats("2019")["valid_votes"].sum() == 32_014_110
    assert seats("2019")["electorate"].sum() == 47_562_702
    assert party_total("2017", "con") == 13_636_684
    assert party_total("2017", "lab") == 12_877_918
    assert seats("2017")["valid_votes"].sum() == 32_204_184
    assert party_total("2019-notional", "con") == 13_966_454
    assert party_total("2019-notional", "lab") == 10_269_051
    assert party_total("2024", "lab") == 9_708_716


@pytest.mark.parametrize(
    ("eid", "code", "winner", "majority"),
    [
        ("2019", "E14000611", "con", 105),      # Bury North
        ("2019", "E14000575", "con", 712),      # Blyth Valley
        ("2019", "E14000666", "con", 1561),     # Dewsbury
        ("2019", "E14000768", "con", 150),      # Kensington
        ("2019", "N06000007", "sf", 57),        # Fermanagh and South Tyrone
        ("2017", "E14000768", "lab", 20),       # Kensington
        ("2017", "E14000619", "lab", 187),      # Canterbury
        ("2024", "E14001114", "reform", 2010),  # Boston and Skegness
        ("2019-notional", "E14001144", "con", 1282),  # Bury North (new boundaries)
    ],
)
def test_majorities(eid, code, winner, majority):
    row = seats(eid).loc[code]
    assert (row["winner"], row["majority"]) == (winner, majority)


def test_2019_conservative_gains_from_labour():
    result = seats("2019")["result"]
    assert (result == "Con gain from Lab").sum() == 48
    assert (result == "Con gain from Lab Coop").sum() == 6
    switched = (seats("2017")["winner"] == "lab") & (seats("2019")["winner"] == "con")
    assert switched.sum() == 54
    assert result[switched].str.startswith("Con gain from Lab").all()


def test_boston_and_skegness_2024():
    row = seats("2024").loc["E14001114"]
    assert (row["winner"], row["runner_up"], row["result"]) == ("reform", "con",
                                                                "RUK gain from Con")
    assert row["mp"] == "Richard Tice"


def test_speakers_seats():
    for eid, code in [("2010", "E14000608"), ("2015", "E14000608"), ("2017", "E14000608"),
                      ("2019", "E14000637"), ("2019-notional", "E14001170"),
                      ("2024", "E14001170")]:
        assert seats(eid).loc[code, "winner"] == "speaker"
        v = votes(eid)
        assert "speaker" in set(v.loc[v["code"] == code, "party"])
    v = votes("2019")
    chorley = v[v["code"] == "E14000637"].set_index("party")["votes"]
    assert chorley["speaker"] == 26831 and "lab" not in chorley


def test_mps_and_candidates():
    assert seats("2019").loc["E14000611", "mp"] == "James Daly"
    assert seats("2017").loc["N06000013", "mp"] == "Sylvia Hermon"
    assert seats("2015").loc["E14000733", "winner"] == "lab"  # Hartlepool
    # every candidate of the Commons Library files is counted
    assert votes("2015")["candidates"].sum() == 3971
    assert votes("2017")["candidates"].sum() == 3304
    assert votes("2019")["candidates"].sum() == 3320


def test_northern_ireland_parties_in_full():
    v = votes("2019")
    ni = v[v["code"].str.startswith("N")]
    assert {"dup", "sf", "sdlp", "uup", "alliance", "pbp"} <= set(ni["party"])
    fst = ni[ni["code"] == "N06000007"].set_index("party")["votes"]
    assert fst["sf"] - fst["uup"] == 57
    v24 = votes("2024")
    north_antrim = v24[v24["code"] == "N05000012"].set_index("party")["votes"]
    assert north_antrim["tuv"] == 11642 and north_antrim["dup"] == 11192


def test_2024_other_winners_are_split_out():
    s, v = seats("2024"), votes("2024")
    outside = s.index[s["winner"].isin(["ind", "speaker", "tuv"])]
    assert len(outside) == 8
    top = v.sort_values("votes", ascending=False).drop_duplicates("code").set_index("code")
    assert (top.loc[outside, "party"] == s.loc[outside, "winner"]).all()
    islington = v[v["code"] == "E14001305"].set_index("party_name")["votes"]
    assert islington["Independent"] == 24120 and islington["Other candidates"] == 32


def test_notional_minor_parties_and_names():
    v = votes("2019-notional")
    by_name = v.groupby("party_name")["votes"].sum()
    assert by_name["The Yorkshire Party"] == 29201
    assert by_name["Independent"] == 206486
    assert by_name["Veterans and People's Party"] == 1219
    assert by_name["Young People's Party"] == 311
    assert seats("2019-notional").loc["E14001144", "name"] == "Bury North"


def test_history_matches_the_election_tables():
    h = read_table("results/history.csv").set_index("code")
    assert len(h) == 650
    for eid in SET_2010:
        pd.testing.assert_series_equal(h[f"winner_{eid}"], seats(eid)["winner"].reindex(h.index),
                                       check_names=False)
    # Rallings & Thrasher notional 2005 on the 2010 boundaries (GB)
    counts = h["winner_2005"].value_counts().to_dict()
    assert {k: counts[k] for k in ("lab", "con", "ld", "snp")} == {
        "lab": 349, "con": 210, "ld": 62, "snp": 6}
    assert h.loc[h.index.str.startswith("N"), "winner_2005"].isna().all()


# ------------------------------------------------------------------- rebuilds from the sources


def _sources_copy(tmp_path: Path, skip: str | None = None) -> Path:
    """A sources directory of symlinks to the real folders, optionally leaving one out."""
    root = tmp_path / "sources"
    root.mkdir()
    for folder in SOURCES.iterdir():
        if folder.is_dir() and folder.name != skip:
            (root / folder.name).symlink_to(folder)
    return root


@needs_sources
def test_missing_source_folder_is_a_clear_error(tmp_path):
    from seatmap.build import results
    from seatmap.build._io import SourceMissingError

    src = _sources_copy(tmp_path, skip="results-hoc-ge2024")
    with pytest.raises(SourceMissingError, match="results-hoc-ge2024"):
        results.build(src, tmp_path / "out")


@needs_sources
def test_renamed_source_column_is_a_clear_error(tmp_path):
    from seatmap.build import results
    from seatmap.build._schema import BuildCheckError

    src = _sources_copy(tmp_path, skip="results-hoc-ge2019")
    folder = src / "results-hoc-ge2019"
    shutil.copytree(SOURCES / "results-hoc-ge2019", folder)
    csv = folder / "HoC-GE2019-results-by-constituency-csv.csv"
    csv.chmod(0o644)
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text.replace("first_party", "winning_party", 1), encoding="utf-8")
    with pytest.raises(BuildCheckError, match=r"first_party.*layout has changed"):
        results.build(src, tmp_path / "out")


@needs_sources
def test_changed_figure_fails_the_published_record_check(tmp_path):
    from seatmap.build import results
    from seatmap.build._schema import BuildCheckError

    src = _sources_copy(tmp_path, skip="results-hoc-ge2024")
    folder = src / "results-hoc-ge2024"
    shutil.copytree(SOURCES / "results-hoc-ge2024", folder)
    csv = folder / "HoC-GE2024-results-by-constituency.csv"
    csv.chmod(0o644)
    text = csv.read_bytes().decode("utf-8")
    row = next(line for line in text.splitlines() if line.startswith("E14001114,"))
    assert ",2010," in row  # Boston and Skegness, majority 2,010
    csv.write_bytes(text.replace(row, row.replace(",2010,", ",2011,", 1)).encode("utf-8"))
    with pytest.raises(BuildCheckError, match="E14001114"):
        results.build(src, tmp_path / "out")


def test_2024_runners_up_outside_the_party_columns_have_their_votes():
    """Twelve 2024 runners-up were independents: their votes (winner minus majority) are split
    out of the lumped column, e.g. Islington North: Corbyn (Ind) won, Labour second."""
    from seatmap._store import read_table

    seats = read_table("results/ge2024.csv").set_index("code")
    votes = read_table("results/ge2024_votes.csv")
    single = votes[votes["candidates"].eq(1)]  # not the lumped 'Other candidates' row
    top2 = (single.sort_values("votes", ascending=False).groupby("code")["votes"]
            .apply(lambda v: int(v.iloc[0] - v.iloc[1])))
    assert (top2.reindex(seats.index) == seats["majority"]).all()
    ind_second = seats.index[seats["runner_up"].eq("ind")]
    assert len(ind_second) == 12
    ind = votes[votes["party"].eq("ind")].groupby("code")["votes"].sum()
    assert (ind.reindex(ind_second) > 0).all()


def test_an_election_added_to_the_registry_alone_is_refused_clearly(monkeypatch):
    """The README's two steps: an election in seatmap.elections without its parser, metadata
    and published seat totals in seatmap/build/results/ stops the build with a message."""
    from seatmap import elections
    from seatmap.build import results
    from seatmap.build._schema import BuildCheckError

    results._registry_is_complete()  # today's registry is complete
    extra = elections.Election("2029", "2029-05-03", "2024", "A future general election")
    monkeypatch.setitem(elections.ELECTIONS, "2029", extra)
    with pytest.raises(BuildCheckError, match=r"\['2029'\].*no parser.*Add an election"):
        results._registry_is_complete()


def test_northern_ireland_2010_estimates_are_empty():
    """Issue 18: the sources have no NI party detail for 2010 (one lumped 'other' row), so the
    notional 2010 winner, runner-up, majority and shares of the 18 NI seats are empty (they were
    'other', Con second on 0 %, majority 100); turnout, from counts, stays."""
    import seatmap
    from seatmap._cli_targeting import seat_card

    est = read_table("results/notional_pcon2024.csv").set_index("code")
    ni = est[est.index.str.startswith("N")]
    party_cols = [c for c in est.columns if c.endswith("_2010_est") and not c.startswith("turnout")]
    assert len(ni) == 18 and ni[party_cols].isna().all().all()
    assert est["winner_2010_est"].notna().sum() == 632
    assert ni.loc["N05000004", "turnout_pct_2010_est"] == pytest.approx(54.26, abs=0.005)
    assert est.loc["E14001272", "winner_2010_est"] == "lab"  # Hartlepool: Labour held it in 2010
    assert pd.isna(seatmap.load_history(2024).loc["N05000004", "winner_2010"])
    card = seat_card("Belfast West", 2024)
    assert "2010 Other" not in card and "2010 not known (no party detail in the sources)" in card


def test_notional_validation_gb_with_uk_beside():
    from seatmap.build.notional import PUBLISHED, validate

    v = validate()
    assert v["GB"].figures() == PUBLISHED["GB"] == (622, 632, 1.35, 1.32, 0.69)
    assert v["UK"].figures() == PUBLISHED["UK"] == (640, 650, 1.31, 1.28, 0.67)
