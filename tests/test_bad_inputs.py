"""Issue 9's smaller wrong answers outside the user-data modules: each gets a clear answer now."""

import numpy as np
import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.cli import main


@pytest.mark.parametrize("kwargs", [{"limit": -5}, {"limit": 2.5}, {"limit": "10"},
                                    {"max_swing": float("nan")}, {"max_swing": "abc"},
                                    {"max_swing": float("inf")}])
def test_targets_refuses_meaningless_limits(kwargs):
    # limit=-5 gave 424 rows and max_swing=nan none, silently
    with pytest.raises(SeatmapError, match="must be a"):
        seatmap.targets("lab", **kwargs)
    with pytest.raises(SeatmapError, match="must be a"):
        seatmap.defences("con", **kwargs)


def test_targets_limits_that_make_sense_still_work():
    assert len(seatmap.targets("lab", limit=3)) == 3
    assert len(seatmap.targets("lab", limit=np.int64(2))) == 2
    assert seatmap.targets("lab", max_swing=2)["swing_needed"].le(2).all()


def test_a_code_of_the_other_boundary_set_says_so(capsys):
    assert main(["seat", "E14000611", "-e", "2024"]) == 2
    err = capsys.readouterr().err
    assert "E14000611 (Bury North) is a seat code of the 2010 boundary set" in err


def test_legends_print_huge_values_compactly():
    from seatmap.colours import classify

    labels = classify(pd.Series(np.linspace(1e300, 9e300, 50))).labels
    assert max(len(label) for label in labels) < 30 and "e+300" in labels[0]
    assert classify(pd.Series([1.0, 2.0, 3.0, 4.0] * 5)).labels[0] == "1"
