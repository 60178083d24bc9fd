"""The party palette reads for every reader (issue 19): neighbours differ under colour blindness.

Two parties "can neighbour on a map" when both won seats in the same nation, or one in England
and the other in Scotland or Wales (the land borders), in any bundled election. Every such pair
must differ by CIEDE2000 >= 15 for normal vision and under simulated deuteranopia and
protanopia (Machado et al. 2009, full severity). "Other parties" (a residual group that won no
seat) must differ from independents by as much.

And a metric's classes and colours (classify, metric_column): diverging around 50, the party
palette, numeric and signed schemes.
"""

import itertools

import numpy as np
import pandas as pd
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.colours import VISIONS, ciede2000, classify, delta_e, metric_column
from seatmap.elections import ELECTIONS
from seatmap.parties import PARTIES

pytest.importorskip("mapclassify")  # classify's natural breaks (the test extra installs it)

BOUND = 15.0


@pytest.fixture(scope="module")
def neighbours():
    won: dict[str, set] = {}
    for eid in ELECTIONS:
        seats = seatmap.load_seats(eid, geometry=False)
        for nation, winner in zip(seats["nation"].astype(str), seats["winner"], strict=True):
            if isinstance(winner, str):
                won.setdefault(nation, set()).add(winner)
    pairs = set()
    for parties in won.values():
        pairs |= {tuple(sorted(p)) for p in itertools.combinations(parties, 2)}
    for nation in ("Scotland", "Wales"):
        pairs |= {tuple(sorted((a, b))) for a in won["England"] for b in won[nation] if a != b}
    return won, sorted(pairs)


@pytest.mark.parametrize("lab1, lab2, expected", [  # Sharma, Wu and Dalal (2005), table 1
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_test_pairs(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_delta_e_in_srgb_and_for_dichromats():
    assert delta_e("#000000", "#ffffff") == pytest.approx(100.0, abs=0.01)
    assert delta_e("#e4003b", "#e4003b") == 0
    assert delta_e("#0087dc", "#e4003b") == pytest.approx(delta_e("#e4003b", "#0087dc"))
    # a simulated dichromat cannot tell a red from a green of the same lightness
    assert delta_e("#ff0000", "#8b8b00", "deuteranopia") < 8 < delta_e("#ff0000", "#8b8b00")


def test_neighbouring_parties_differ_for_every_reader(neighbours):
    won, pairs = neighbours
    assert {"lab", "green"} <= won["England"] and {"snp", "ld"} <= won["Scotland"]
    assert {"dup", "sdlp", "sf", "alliance"} <= won["Northern Ireland"]
    assert len(pairs) >= 60
    worst = min((delta_e(PARTIES[a].colour, PARTIES[b].colour, v), a, b, v)
                for a, b in pairs for v in VISIONS)
    assert worst[0] >= BOUND, worst
    for v in VISIONS:
        assert delta_e(PARTIES["ind"].colour, PARTIES["other"].colour, v) >= BOUND, v


def test_leave_share_diverges_around_50_in_5_point_classes(seats19):
    c = classify(seats19["leave_pct"])
    assert c.kind == "diverging" and c.bins == [35, 40, 45, 50, 55, 60, 65]
    assert c.labels[0] == "under 35" and c.labels[-1] == "65 or more"
    # Boston and Skegness (75.6 %) is in the top class, Hackney North (20.5 %) in the bottom
    assert c.counts == [63, 43, 55, 79, 118, 130, 91, 71] and sum(c.counts) == 650
    leave = seats19["leave_pct"].to_numpy()
    assert c.index[np.argmax(leave)] == 7 and c.index[np.argmin(leave)] == 0
    assert int((leave > 50).sum()) == sum(c.counts[4:])


def test_winner_uses_the_party_palette_and_real_seat_counts(seats19):
    c = classify(seats19["winner"])
    assert c.kind == "categorical"
    assert c.labels[:3] == ["Conservative", "Labour", "Scottish National Party"]
    assert c.counts[:4] == [365, 202, 48, 11]
    assert c.colours[:2] == [PARTIES["con"].colour, PARTIES["lab"].colour]


def test_numeric_schemes(seats19):
    q = classify(seats19["turnout_pct"], scheme="quantiles", k=5)
    assert q.counts == [130] * 5
    e = classify(seats19["turnout_pct"], scheme="equal_interval", k=4)
    widths = np.diff([seats19["turnout_pct"].min(), *e.bins])
    assert np.allclose(widths, widths[0])
    n1 = classify(seats19["majority_pct"], scheme="natural breaks", k=5)
    n2 = classify(seats19["majority_pct"], scheme="jenks", k=5)
    assert n1.bins == n2.bins and sum(n1.counts) == 650  # Fisher-Jenks: deterministic
    d = classify(seats19["imd_uk_decile"])
    assert d.kind == "ordinal" and d.labels == [str(i) for i in range(1, 11)]
    assert d.note == "1 = most deprived" and d.colours[0] != d.colours[-1]
    share = classify(seats19["lab_pct"], party="lab")
    assert share.colours[2] == PARTIES["lab"].colour.lower()


def test_signed_values_get_a_diverging_scale_centred_on_zero():
    swing = pd.Series(np.linspace(-9, 7, 650), name="lab_change")
    c = classify(swing)
    assert c.kind == "diverging" and 0 in c.bins
    with pytest.raises(SeatmapError, match="Valid values: quantiles"):
        classify(swing, scheme="quartiles")


def test_metric_names(seats19):
    cols = seats19.columns
    assert metric_column("leave", cols) == "leave_pct"
    assert metric_column("deprivation", cols) == "imd_uk_decile"
    assert metric_column("Reform UK", cols) == "reform_pct"
    with pytest.raises(SeatmapError, match="Did you mean 'leave'"):
        metric_column("leeve", cols)
