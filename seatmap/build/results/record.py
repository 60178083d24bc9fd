"""The published record every results build is checked against (one place for these figures).

Seats won per party, national votes and totals, individual majorities, the Speaker's seat and
the number of codes per prefix on each boundary set. Adding an election adds its seat totals to
:data:`SEATS_WON` (the build fails for an election of the registry without them).
"""

SEATS_WON = {
    # Great Britain only: the 2010 sources do not identify Northern Ireland's winners.
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
# UK-wide votes by party (and valid votes, electorate) in the Commons Library files.
NATIONAL_VOTES = {
    "2019": {"con": 13_966_454, "lab": 10_269_051, "ld": 3_696_419},
    "2017": {"con": 13_636_684, "lab": 12_877_918},
    # R&T redistribute the 2019 votes: the Con and Lab totals are preserved exactly.
    "2019-notional": {"con": 13_966_454, "lab": 10_269_051},
    "2024": {"lab": 9_708_716},
}
NATIONAL_TOTALS = {
    "2019": {"valid_votes": 32_014_110, "electorate": 47_562_702},
    "2017": {"valid_votes": 32_204_184},
}
# (election, code): (winner, majority in votes)
MAJORITIES = {
    ("2019", "E14000611"): ("con", 105),     # Bury North
    ("2019", "E14000575"): ("con", 712),     # Blyth Valley
    ("2019", "E14000666"): ("con", 1561),    # Dewsbury
    ("2019", "E14000768"): ("con", 150),     # Kensington
    ("2019", "E14000619"): ("lab", 1836),    # Canterbury
    ("2019", "N06000007"): ("sf", 57),       # Fermanagh and South Tyrone
    ("2017", "E14000768"): ("lab", 20),      # Kensington
    ("2017", "E14000611"): ("lab", 4375),    # Bury North
    ("2017", "E14000575"): ("lab", 7915),    # Blyth Valley
    ("2017", "E14000666"): ("lab", 3321),    # Dewsbury
    ("2017", "E14000619"): ("lab", 187),     # Canterbury
    ("2024", "E14001114"): ("reform", 2010),  # Boston and Skegness
    ("2019-notional", "E14001144"): ("con", 1282),  # Bury North (2024 boundaries)
}
SPEAKER_SEATS = {"2010": "E14000608", "2015": "E14000608", "2017": "E14000608",
                 "2019": "E14000637", "2019-notional": "E14001170", "2024": "E14001170"}
CODE_PREFIXES = {"2010": {"E14": 533, "S14": 59, "W07": 40, "N06": 18},
                 "2024": {"E14": 543, "S14": 57, "W07": 32, "N05": 18}}

