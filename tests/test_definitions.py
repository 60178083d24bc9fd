"""Red-wall definitions (seatmap.definitions): counts on the 2019 and 2024 results, composition,
registration, the grammar (the demographic model: tests/test_sharefit.py)."""

import pytest

import seatmap
from seatmap import SeatmapError
from seatmap import definitions as rw

BURY_NORTH, BOLSOVER = "E14000611", "E14000577"


def test_gains_2019_are_the_54_seats_in_both_result_strings(seats19):
    gains = rw.redwall("gains_2019", seats19)
    assert len(gains) == 54
    assert gains["result"].value_counts().to_dict() == {"Con gain from Lab": 48,
                                                        "Con gain from Lab Coop": 6}
    assert {BURY_NORTH, BOLSOVER} <= set(gains.index)
    assert (gains["winner_2017"] == "lab").all() and (gains["winner"] == "con").all()
    assert gains["region"].iloc[0] == "North East"  # sorted by region, North first


def test_builtin_definition_counts(seats19):
    counts = rw.definitions(seats19)["seats"].to_dict()
    assert counts["gains_2019"] == 54
    assert counts["leave_heartlands"] == 143   # Lab 2017, North/Midlands/Wales, leave > 50%
    assert counts["labour_since_2005"] == 201  # Lab at 2005 (notional), 2010, 2015, 2017
    assert counts["demographic"] == 73
    blocks = rw.definitions(seats19, blocks=True)
    assert blocks.loc["north_midlands_wales", "seats"] == 303
    assert blocks.loc["labour_2017", "seats"] == 262 and blocks.loc["con_2019", "seats"] == 365


def test_composition_with_operators_and_text(seats19):
    gains, since = rw.DEFINITIONS["gains_2019"].predicate, rw.DEFINITIONS["labour_since_2005"].predicate
    assert int((gains & since)(seats19).sum()) == 36    # strongholds since 2005 that fell
    assert int((gains & ~since)(seats19).sum()) == 18
    assert int((gains | since)(seats19).sum()) == 54 + 201 - 36
    assert len(rw.redwall("gains_2019 & ~labour_since_2005", seats19)) == 18
    assert len(rw.redwall("leave_heartlands & gains_2019", seats19)) == 50
    assert len(rw.redwall("(gains_2019 | demographic) & leave", seats19)) == 101
    assert len(rw.redwall("~~gains_2019", seats19)) == 54


def test_bad_expressions_and_names(seats19):
    with pytest.raises(SeatmapError, match="Did you mean 'gains_2019'"):
        rw.redwall("gainz_2019", seats19)
    with pytest.raises(SeatmapError, match="Did you mean 'leave'"):
        rw.redwall("gains_2019 & lave", seats19)
    for bad in ("gains_2019 &", "gains_2019 leave", "__import__('os')", "a.b", ""):
        with pytest.raises(SeatmapError):
            rw.redwall(bad, seats19)


def test_the_expression_grammar():
    """``&`` binds tighter than ``|``, both group from the left, ``~`` binds tightest; a name is
    checked before the grammar."""
    assert rw.parse("leave | labour_2017 & con_2019").name == "(leave | (labour_2017 & con_2019))"
    assert rw.parse("leave & labour_2017 & con_2019").name == "((leave & labour_2017) & con_2019)"
    assert rw.parse("leave | labour_2017 | con_2019").name == "((leave | labour_2017) | con_2019)"
    assert rw.parse("~leave & con_2019").name == "(~leave & con_2019)"
    assert rw.parse(" ~ ( leave|con_2019 ) ").name == "~(leave | con_2019)"
    assert rw.parse("((leave))").name == "leave"
    leave = rw.BLOCKS["leave"].description
    assert rw.parse("~leave").description == f"not ({leave})"
    assert rw.parse("gains_2019").description == rw.DEFINITIONS["gains_2019"].predicate.description
    for bad in ("(leave", "leave)", "leave & & leave", "()", "~", "leave ~ leave", "leave |",
                "| leave", "leave ()", "((leave)", "  "):
        with pytest.raises(SeatmapError, match="Cannot read the red-wall expression") as err:
            rw.parse(bad)
        assert type(err.value) is SeatmapError, bad
    with pytest.raises(seatmap.UnknownNameError, match="Did you mean 'leave'"):
        rw.parse("(lave")

def test_user_registration(seats19):
    d = rw.register("test_big_gains", lambda s: s["majority"] > 5000, "Big majorities",
                    "majority above 5,000", replace=True)
    assert d.name == "test_big_gains"
    big = rw.redwall("test_big_gains & gains_2019", seats19)
    assert len(big) == int(((seats19["majority"] > 5000) & seats19["result"].isin(
        ["Con gain from Lab", "Con gain from Lab Coop"])).sum())
    with pytest.raises(SeatmapError, match="exists"):
        rw.register("test_big_gains", "gains_2019")
    with pytest.raises(SeatmapError, match="identifiers"):
        rw.register("Big Gains!", "gains_2019")
    rw.register("test_expr", "gains_2019 & labour_since_2005", replace=True)
    assert len(rw.redwall("test_expr", seats19)) == 36
    del rw.DEFINITIONS["test_big_gains"], rw.DEFINITIONS["test_expr"]


def test_definitions_need_2019_history():
    r24 = seatmap.load_results(2024)
    r24.attrs = {}  # a frame that does not say its election cannot be carried
    with pytest.raises(SeatmapError, match="winner_2017"):
        rw.redwall_mask("leave_heartlands", r24)


# --------------------------------------------------------------------------- 2024 Parliament


def test_2024_definition_counts(seats24):
    counts = rw.definitions()["seats"].to_dict()
    assert counts["regained_2024"] == 41
    assert counts["reform_second_2024"] == 89
    assert counts["labour_since_2010"] == 159
    assert counts["demographic_2024"] == 48
    # the published record: Labour gained 182 seats from the Conservatives in 2024 (against
    # the notional 2019), Reform UK came second in 98 seats, 89 of them Labour's
    assert int(rw.redwall_mask("lab_gain_from_con", seats24).sum()) == 182
    assert int(rw.redwall_mask("reform_second", seats24).sum()) == 98
    assert int(rw.redwall_mask("labour_2024", seats24).sum()) == 411


def test_2019_definitions_carried_onto_2024_seats(seats24):
    carried = rw.definitions(election=2024)["seats"].to_dict()
    assert carried["gains_2019"] == 50
    assert carried["leave_heartlands"] == 133
    assert carried["labour_since_2005"] == 195
    assert carried["demographic"] == 66
    wall = rw.redwall("gains_2019", election=2024)
    assert len(wall) == 50 and "Carried onto the 2024 seats" in wall.attrs["description"]
    assert "E14001272" not in wall.index  # Hartlepool: Labour held it in 2019
    regained = rw.redwall("regained_2024")
    assert set(regained.index) <= set(wall.index)
    assert (regained["result"] == "Lab gain from Con").all()
    assert (regained["winner_2019"] == "con").all() and (regained["winner"] == "lab").all()
    assert "E14001101" in regained.index  # Bishop Auckland


def test_2024_definition_on_2019_says_why():
    with pytest.raises(SeatmapError, match="defined on the 2024 election"):
        rw.redwall("reform_second_2024", election=2019)
    d = rw.definitions(election=2019)["seats"]
    assert d["gains_2019"] == 54 and d.isna()["regained_2024"]


def test_history_on_2024_seats(seats24):
    h = seatmap.load_history(2024)
    assert list(h.columns) == ["winner_2010", "winner_2015", "winner_2017", "winner_2019",
                               "winner_2024"]
    assert h.attrs["estimated"] == ["winner_2010", "winner_2015", "winner_2017", "winner_2019"]
    assert h.loc["E14001272"].tolist() == ["lab"] * 5  # Hartlepool (the 2021 by-election aside)
    from seatmap.targeting import _history

    hist = _history(seats24, "lab")
    assert int(hist.loc["E14001272", "held_since"]) == 2010
    assert int(hist.loc["E14001272", "last_won"]) == 2024
    since = rw.redwall("labour_since_2010")
    assert (hist.loc[since.index, "held_since"] == 2010).all()


def test_public_function_survives_importing_its_module(seats19):
    import seatmap.definitions as module

    assert len(module.redwall("gains_2019", seats19)) == 54
    assert len(seatmap.redwall("gains_2019", seats19)) == 54
