"""join_user_data (seatmap.join): published spellings, reports, and property-based tests (the
name normaliser's: tests/test_names.py)."""

import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seatmap
from seatmap import SeatmapError
from seatmap.join import JoinWarning, join_user_data, match_seats
from seatmap.names import SeatIndex, normalise_name

REGISTER_2010 = seatmap.load_constituencies("2010")
REGISTER_2024 = seatmap.load_constituencies("2024")

# spellings used by other publishers (House of Commons Library, Rallings & Thrasher / PA, BES)
PUBLISHED_2010 = {  # other spelling -> the name in seatmap's register
    "Ynys Mon": "Ynys Môn",
    "City Of Durham": "City of Durham",
    "Durham, City of": "City of Durham",
    "Fermanagh & South Tyrone": "Fermanagh and South Tyrone",
    "Liverpool Walton": "Liverpool, Walton",
    "Antrim East": "East Antrim",
    "St. Albans": "St Albans",
    "weston super mare": "Weston-Super-Mare",
    "Durham North West": "North West Durham",
    "BURY NORTH": "Bury North",
    "Richmond Yorks": "Richmond (Yorks)",
    "Birmingham Hall Green": "Birmingham, Hall Green",
}


def test_published_spellings_match_the_right_2010_seats():
    m = match_seats(list(PUBLISHED_2010), "2010")
    assert m["matched_name"].tolist() == list(PUBLISHED_2010.values())
    assert m["code"].tolist()[:3] == ["W07000041", "E14000641", "E14000641"]
    assert (m["status"] == "matched").all()
    assert m.loc[m["value"] == "Durham North West", "how"].item() == "reordered name"


def test_join_attaches_columns_by_name_and_reports_everything():
    mine = pd.DataFrame({
        "constituency": ["Bury North", "ynys mon", "Bury Nrth", "BURY NORTH", "E14001063", None,
                         "Queens Park and Maida Vale"],
        "members": [412, 230, 5, 7, 9, 1, 3],
    }, index=list("abcdefg"))
    with pytest.warns(JoinWarning, match="2 of 7 rows matched"):
        joined, report = join_user_data(mine, on="constituency", boundary_set="2010")
    assert len(joined) == 650 and joined.index.name == "code"
    assert joined.loc["E14000611", "members"] == 412 and joined.loc["W07000041", "members"] == 230
    assert str(joined["members"].dtype) == "Int64" and joined["members"].isna().sum() == 648
    assert report.counts == {"matched": 2, "duplicate": 1, "ambiguous": 0, "unmatched": 3,
                             "not_in_seats": 0, "missing": 1}
    assert sum(report.counts.values()) == len(mine)  # nothing dropped
    rows = report.rows
    assert rows.loc["c", "suggestions"].startswith("Bury North")
    assert rows.loc["d", "status"] == "duplicate" and rows.loc["d", "code"] == "E14000611"
    assert "2024-set code (Aldershot)" in rows.loc["e", "note"]
    assert "2024-set seat name (Queen's Park and Maida Vale)" in rows.loc["g", "note"]
    assert rows.loc["f", "status"] == "missing"
    text = report.summary()
    assert "did you mean Bury North" in text and "row f: <missing>" in text
    assert report.codes.loc["a"] == "E14000611"


def test_boundary_set_is_detected_and_codes_work():
    mine = pd.DataFrame({"seat": ["E14001063", "e14001064 ", "Bury North"], "n": [1, 2, 3]})
    joined, report = join_user_data(mine, on="seat", warn=False)
    assert report.boundary_set == "2024" and report.ok
    assert joined.loc[["E14001063", "E14001064", "E14001144"], "n"].tolist() == [1, 2, 3]
    mine = pd.DataFrame({"n": [5]}, index=["E14000611"])
    joined, report = join_user_data(mine)  # the index holds the codes
    assert report.boundary_set == "2010" and joined.loc["E14000611", "n"] == 5


def test_duplicates_rules_strict_and_inner():
    mine = pd.DataFrame({"seat": ["Bury North", "Bury North", "Bury South"], "members": [1, 2, 4],
                         "branch": ["x", "y", "z"]})
    first, _ = join_user_data(mine, on="seat", boundary_set="2024", warn=False)
    last, _ = join_user_data(mine, on="seat", boundary_set="2024", duplicates="last", warn=False)
    total, rep = join_user_data(mine, on="seat", boundary_set="2024", duplicates="sum",
                                how="inner", warn=False)
    assert first.loc["E14001144", "members"] == 1 and last.loc["E14001144", "members"] == 2
    assert total.loc["E14001144", ["members", "branch"]].tolist() == [3, "x"]
    assert len(total) == 2 and rep.counts["duplicate"] == 1
    with pytest.raises(SeatmapError, match="Several rows match the same seat"):
        join_user_data(mine, on="seat", boundary_set="2024", duplicates="error")
    with pytest.raises(SeatmapError, match="did not join cleanly"):
        join_user_data(mine, on="seat", boundary_set="2024", strict=True)
    clean, rep = join_user_data(mine.iloc[1:], on="seat", boundary_set="2024", strict=True)
    assert rep.ok and clean.loc["E14001145", "members"] == 4


def test_join_onto_an_election_frame_renames_clashing_columns():
    seats = seatmap.load_seats(2019, geometry=False)
    mine = pd.DataFrame({"code": ["E14000611"], "majority": [999]})
    joined, report = join_user_data(mine, on="code", seats=seats)
    assert report.renamed == {"majority": "majority_user"}
    assert joined.loc["E14000611", ["majority", "majority_user"]].tolist() == [105, 999]
    assert joined.attrs["election"] == "2019"


def test_ambiguous_names_list_their_candidates(monkeypatch):
    idx = SeatIndex(["E14000001", "E14000002", "E14000003"],
                    ["Newport East", "East Newport", "Bury North"])
    monkeypatch.setattr("seatmap.join.seat_index", lambda s: idx)
    m = match_seats(["The East Newport", "newport, the east", "Bury North"], "2010")
    assert m["status"].tolist() == ["ambiguous", "ambiguous", "matched"]
    assert m.loc[0, "suggestions"] == "Newport East (E14000001); East Newport (E14000002)"


def test_errors():
    with pytest.raises(SeatmapError, match="Did you mean 'constituency'"):
        join_user_data(pd.DataFrame({"constituency": ["x"]}), on="constituncy")
    with pytest.raises(SeatmapError, match="repeated labels"):
        join_user_data(pd.DataFrame({"seat": ["Bury North", "Bury South"]}, index=[1, 1]), on="seat")


# -- property-based tests ---------------------------------------------------------------------


def _mess(name: str, how: int) -> str:
    """A publisher-style variant of a seat name."""
    if how == 0:
        return name.upper()
    if how == 1:
        return name.replace(" and ", " & ")
    if how == 2:
        return name.replace(",", "")
    if how == 3:
        return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if how == 4:
        return f"  {name.lower()}  "
    if how == 5:  # "North West Durham" -> "Durham North West"
        first, *rest = name.split(" ")
        return " ".join([*rest, first]) if first in ("North", "South", "East", "West", "Mid") \
            else name
    return name.replace("St ", "St. ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["2010", "2024"]), st.data())
def test_join_matches_every_messed_up_name_to_its_seat(set_id, data):
    register = REGISTER_2010 if set_id == "2010" else REGISTER_2024
    codes = data.draw(st.lists(st.sampled_from(list(register.index)), min_size=1, max_size=30,
                               unique=True))
    variants = [_mess(register.loc[c, "name"], data.draw(st.integers(0, 6))) for c in codes]
    mine = pd.DataFrame({"seat": variants, "value": range(len(codes))})
    joined, report = join_user_data(mine, on="seat", boundary_set=set_id, warn=False)
    assert report.ok, report.summary()
    assert report.codes.tolist() == codes
    assert len(joined) == 650
    assert joined.loc[codes, "value"].tolist() == list(range(len(codes)))
    assert joined["value"].notna().sum() == len(codes)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=25)), min_size=1, max_size=20))
def test_join_accounts_for_every_row_and_never_matches_wrongly(values):
    mine = pd.DataFrame({"seat": values, "n": range(len(values))})
    joined, report = join_user_data(mine, on="seat", boundary_set="2010", warn=False)
    assert sum(report.counts.values()) == len(values)  # every row is accounted for
    assert report.rows.index.equals(mine.index)
    matched = report.rows[report.rows["status"].isin(["matched", "duplicate"])]
    for value, code in zip(matched["value"], matched["code"], strict=True):
        name = REGISTER_2010.loc[code, "name"]
        same_words = (set(normalise_name(value).split()) - {"and", "the", "of"}
                      == set(normalise_name(name).split()) - {"and", "the", "of"})
        assert (value.strip().upper() == code or same_words
                or normalise_name(value).replace(" ", "") == normalise_name(name).replace(" ", ""))
    assert joined["n"].notna().sum() == report.counts["matched"]


# -- issue 9: "matched" means "in the joined table" ---------------------------------------------

def test_rows_for_seats_missing_from_a_subset_seat_table_are_not_matched():
    targets = seatmap.targets("lab", 2019)  # a subset of the 2010-set seats
    mine = pd.DataFrame({"seat": ["Bury North", "Hendon", "Islington North"], "n": [1, 2, 3]})
    joined, report = join_user_data(mine, on="seat", seats=targets, warn=False)
    assert report.counts["matched"] == 2 and report.counts["not_in_seats"] == 1
    assert report.rows.loc[2, "status"] == "not_in_seats"
    matched_codes = report.codes[report.rows["status"] == "matched"]
    assert matched_codes.isin(joined.index[joined["n"].notna()]).all()  # matched = in the output
    assert "2 of 3 rows matched" in report.summary()
    assert "Seats not in the seat table given: 1 row" in report.summary()


def test_a_seat_table_of_the_other_boundary_set_is_an_error():
    mine = pd.DataFrame({"code": ["E14000611", "E14000612", "E14000613"], "n": [1, 2, 3]})
    seats24 = seatmap.load_seats(2024, geometry=False)
    with pytest.raises(SeatmapError, match="seats of the 2010 set"):
        join_user_data(mine, on="code", seats=seats24)
    with pytest.raises(SeatmapError, match="holds seats of the 2024 boundary set"):
        join_user_data(mine, on="code", seats=seats24, boundary_set="2010")


def test_an_empty_inner_join_is_an_error():
    mine = pd.DataFrame({"seat": ["Nowhere at all"], "n": [1]})
    with pytest.raises(SeatmapError, match="inner join is empty"):
        join_user_data(mine, on="seat", how="inner", warn=False)


def test_multiindex_tables_get_a_clear_message():
    mine = pd.DataFrame({"n": [1]}, index=pd.MultiIndex.from_tuples([("E14000611", "x")]))
    with pytest.raises(SeatmapError, match="reset_index"):
        join_user_data(mine)
    wide = pd.DataFrame([[1]], columns=pd.MultiIndex.from_tuples([("a", "b")]))
    with pytest.raises(SeatmapError, match="flatten"):
        join_user_data(wide)


def test_name_and_name_user_do_not_collide():
    mine = pd.DataFrame({"code": ["E14000611"], "name": ["mine"], "name_user": ["also mine"]})
    joined, report = join_user_data(mine, on="code", warn=False)
    assert joined.columns.is_unique
    assert report.renamed == {"name": "name_user2"}
    assert joined.loc["E14000611", ["name", "name_user", "name_user2"]].tolist() == [
        "Bury North", "also mine", "mine"]


def test_names_that_fit_several_seats_are_ambiguous_not_unmatched():
    m = match_seats(["Bury", "Newport"], "2010")
    assert m["status"].tolist() == ["ambiguous", "ambiguous"]
    assert "Bury North (E14000611)" in m.loc[0, "suggestions"]
    assert m.loc[1, "suggestions"] == "Newport East (W07000055); Newport West (W07000056)"
    assert match_seats(["Newport"], "2024")["status"].tolist() == ["ambiguous"]
