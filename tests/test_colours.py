"""The party palette reads for every reader (issue 19): neighbours differ under colour blindness.

Two parties "can neighbour on a map" when both won seats in the same nation, or one in England
and the other in Scotland or Wales (the land borders), in any bundled election. Every such pair
must differ by CIEDE2000 >= 15 for normal vision and under simulated deuteranopia and
protanopia (Machado et al. 2009, full severity). "Other parties" (a residual group that won no
seat) must differ from independents by as much.
"""

import itertools

import pytest

import seatmap
from seatmap.colours import VISIONS, ciede2000, delta_e
from seatmap.elections import ELECTIONS
from seatmap.parties import PARTIES

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
