"""Election results per seat and per party (2010-2024) and the seat-history table.

Writes, for every election id in :data:`seatmap.elections.ELECTIONS`,

- ``results/ge{id}.csv``: one row per seat (650): electorate, valid and invalid votes,
  turnout, winner, runner-up, majority, the published result text and the MP;
- ``results/ge{id}_votes.csv``: one row per seat and party as published, with the number of
  candidates behind the row and their votes (summing to the seat's valid votes);

and ``results/history.csv``, the winner of every 2010-set seat from the 2005 notional result
to 2019.

The sources and their limits:

- 2015, 2017, 2019: Commons Library candidate files (every candidate); 2017 and 2019 also have
  constituency files (electorate, invalid votes, official majority, result text), which are
  checked against the candidate-level figures. 2015 takes the electorate from the Commons
  Library 1918-2017 file and (Great Britain only) rejected ballots from the BES file.
- 2010: party detail for Great Britain from the British Election Study (BES) file (Con, Lab,
  LD, SNP, PC, UKIP, Green, BNP; everything else is one residual row); electorate and valid
  votes from the Commons Library 1918-2017 file, which lumps every Northern Ireland candidate
  together: NI seats have no party detail, winner, runner-up or majority.
- 2019-notional: Rallings & Thrasher's notional 2019 result on the 2024 boundaries, with ~60
  minor-party columns (each mapped to the party name the Commons Library 2019 file uses).
- 2024: Commons Library constituency file; candidates outside the twelve named parties are one
  lumped column, from which the winner's votes (``Of which other winner``) and a runner-up's
  votes (winner's votes minus the majority) are split out.

Every build checks the output against the published record (seats won, national votes,
individual majorities, 2019 gains) and raises :class:`BuildCheckError` if anything differs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._validate import SeatmapError
from ..parties import PARTIES, party_code
from ._io import require_columns, source_path, write_table
from ._schema import BuildCheckError, Field, Table

__all__ = ["ELECTION_IDS", "RESOURCES", "TABLES", "build"]

ELECTION_IDS = ("2010", "2015", "2017", "2019", "2019-notional", "2024")
SET_2010 = ("2010", "2015", "2017", "2019")

BES = "results-bes-ge2019"
HOC_1918 = "results-hoc-1918-2017"
HOC_2015 = "results-hoc-ge2015"
HOC_2017 = "results-hoc-ge2017"
HOC_2019 = "results-hoc-ge2019"
HOC_2024 = "results-hoc-ge2024"
RT_2019 = "results-notional2019-2024bnd"
ALL_SOURCES = (BES, HOC_1918, HOC_2015, HOC_2017, HOC_2019, HOC_2024, RT_2019)

# (folder, file, pandas.read_csv keyword arguments)
_FILES = {
    "hoc2019": (HOC_2019, "HoC-GE2019-results-by-constituency-csv.csv", {}),
    "hoc2019_cand": (HOC_2019, "HoC-GE2019-results-by-candidate.csv", {}),
    "hoc2017": (HOC_2017, "HoC-GE2017-constituency-results.csv", {}),
    "hoc2017_cand": (HOC_2017, "HoC-GE2017-results-by-candidate.csv", {}),
    "hoc2015_cand": (HOC_2015, "hoc-ge2015-results-full.csv", {}),
    "hoc1918": (HOC_1918, "1918-2017election_results.csv", {"encoding": "cp1252", "dtype": str}),
    "hoc2024": (HOC_2024, "HoC-GE2024-results-by-constituency.csv", {}),
    "rt2019": (RT_2019, "results_spreadsheet_for_distribution.csv", {"thousands": ","}),
}
_BES_FILE = "BES-2019-General-Election-results-file-v1.1.xlsx"

PARTY_CODES = tuple(PARTIES)

# --------------------------------------------------------------------------------------------
# The published record the build is checked against
# --------------------------------------------------------------------------------------------

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

# --------------------------------------------------------------------------------------------
# Source vocabularies
# --------------------------------------------------------------------------------------------

# BES 2010 vote columns: prefix -> (party, party name). BES "Lab" includes Labour Co-operative.
_BES_2010 = {
    "Con": ("con", "Conservative"), "Lab": ("lab", "Labour"), "LD": ("ld", "Liberal Democrat"),
    "SNP": ("snp", "Scottish National Party"), "PC": ("pc", "Plaid Cymru"),
    "UKIP": ("ukip", "UK Independence Party"), "Green": ("green", "Green"),
    "BNP": ("other", "British National Party"),
}
# 2010 Con/Lab/LD votes differ between BES and the Commons Library in these seats (by 1-90
# votes); BES is used. The build fails if the set of differences changes.
_BES_HOC_2010_DIFFS = {
    ("E14000591", "con"),  # Brent Central: BES 5,068, HoC 5,067
    ("E14000654", "con"),  # Croydon Central: BES 19,657, HoC 19,567
    ("S14000057", "con"),  # Stirling: BES 11,204, HoC 11,254
    ("E14000573", "lab"),  # Blackpool South: BES 14,448, HoC 14,449
    ("W07000080", "lab"),  # Cardiff South and Penarth: BES 17,263, HoC 17,262
    ("W07000079", "lab"),  # Cardiff West: BES 16,893, HoC 16,894
    ("E14000655", "lab"),  # Croydon North: BES 28,949, HoC 28,947
    ("E14000701", "ld"),   # Feltham and Heston: BES 6,669, HoC 6,679
    ("E14001035", "ld"),   # West Worcestershire: BES 20,409, HoC 20,459
}

# Rallings & Thrasher 2019-notional vote columns (without the trailing "v").
_RT_MAIN = {
    "Con": ("con", "Conservative"), "Lab": ("lab", "Labour"), "LD": ("ld", "Liberal Democrat"),
    "Grn": ("green", "Green"), "Brx": ("reform", "Brexit Party"),
    "SNP": ("snp", "Scottish National Party"), "PC": ("pc", "Plaid Cymru"),
    "APNI": ("alliance", "Alliance"), "DUP": ("dup", "Democratic Unionist Party"),
    "SDLP": ("sdlp", "Social Democratic and Labour Party"), "SF": ("sf", "Sinn Fein"),
    "UUP": ("uup", "Ulster Unionist Party"),
}
# Minor-party columns -> the party name the Commons Library 2019 candidate file uses (its
# spellings, including "Linconshire" and "Shropshire Prty"). Verified at build time against
# national vote totals by party in that file.
_RT_MINOR = {
    "ADV": "Advance Together", "AGS": "Alliance for Green Socialism",
    "ANWP": "Animal Welfare Party", "AONT": "Aontú", "ASH": "Ashfield Independents",
    "BNP": "British National Party", "BPI": "Burnley and Padiham independent Party",
    "BSJP": "Birkenhead Social Justice Party", "CF": "Cumbria First",
    "CHP": "Christian Party, Proclaiming Christ's Lordship",
    "CMEP": "Church of the Militant Elvis Party", "CMU": "Communities United Party",
    "CMUK": "The Citizens Movement Party UK", "COML": "Communist League Election Campaign",
    "CP": "The Common People", "CPA": "Christian Peoples Alliance Party",
    "CVP": "The Cynon Valley Party", "ED": "English Democrats", "GWLD": "Gwlad Gwlad",
    "HWDI": "Heavy Woollen District Independents", "INET": "Independent Network",
    "JAC": "Justice and Anti-Corruption Party", "LBT": "Libertarian Party", "LIB": "Liberal",
    "LNIN": "Linconshire Independents", "LUTN": "The Best for Luton Party",
    "MK": "Mebyon Kernow", "MRLP": "Monster Raving Loony Party", "MTHR": "Motherworld Party",
    "NEP": "The North East Party", "PATR": "Patria", "PBP": "People Before Profit Alliance",
    "PFP": "Psychedelic Future Party", "POS": "Proud of Oldham & Saddleworth",
    "PPNV": "The Peace Party", "RBD": "Rebooting Democracy", "REN": "Renew",
    "SDP": "Social Democratic Party", "SEP": "Socialist Equality Party",
    "SFP": "Scottish Family Party", "SHRP": "Shropshire Prty", "SLP": "Socialist Labour Party",
    "SNAV": "Space Navies Party", "SOC": "The Socialist Party of Great Britain",
    "TCRP": "The Constitution and Reform Party", "TIG": "The Independent Group for Change",
    "TLW": "Touch Love Worldwide (UK)", "UGP": "Universal Good Party",
    "UKIP": "UK Independence Party", "VPP": "Veterans and People's Party",
    "WEP": "Women's Equality Party", "WRP": "Workers Revolutionary Party",
    "WY": "Wycombe Independents", "YESH": "Yeshua", "YPP": "Young People's Party",
    "YRKS": "The Yorkshire Party",
    **{f"IND{i}": "Independent" for i in range(1, 7)},
}
# Source errors corrected in code: (code, column it is in, column it belongs to, votes).
# Bathgate and Linlithgow: the 588 votes are the Veterans and People's Party candidate's in
# Linlithgow and East Falkirk (2019); the Young People's Party stood only in three English seats.
_RT_CORRECTIONS = [("S14000068", "YPP", "VPP", 588)]
# The notional file's five provisional Scottish codes -> final 2024 codes (see PROVENANCE.md).
_RT_CODE_REMAP = {
    "S14000058": ("S14000111", "West Aberdeenshire and Kincardine"),
    "S14000006": ("S14000107", "Ayr, Carrick and Cumnock"),
    "S14000010": ("S14000109", "Central Ayrshire"),
    "S14000008": ("S14000108", "Berwickshire, Roxburgh and Selkirk"),
    "S14000040": ("S14000110", "Kilmarnock and Loudoun"),
}

# 2024 party columns -> (party, party name); "All other candidates" is lumped.
_HOC_2024 = {
    "Con": ("con", "Conservative"), "Lab": ("lab", "Labour"), "LD": ("ld", "Liberal Democrat"),
    "RUK": ("reform", "Reform UK"), "Green": ("green", "Green"),
    "SNP": ("snp", "Scottish National Party"), "PC": ("pc", "Plaid Cymru"),
    "DUP": ("dup", "Democratic Unionist Party"), "SF": ("sf", "Sinn Fein"),
    "SDLP": ("sdlp", "Social Democratic and Labour Party"),
    "UUP": ("uup", "Ulster Unionist Party"), "APNI": ("alliance", "Alliance"),
}
# Party names for winners whose votes are inside "All other candidates" (by "First party").
_HOC_2024_OTHER_WINNERS = {"Ind": "Independent", "Spk": "Speaker",
                           "TUV": "Traditional Unionist Voice"}
# Party names for runners-up whose votes are inside "All other candidates" (by "Second party");
# their votes are the winner's minus the majority.
_HOC_2024_OTHER_SECONDS = {"Ind": "Independent", "WPB": "Workers Party of Britain",
                           "PBPA": "People Before Profit Alliance", "INet": "Independent Network",
                           "NIP": "NIP"}
_HOC_NAMED_2017 = {"con": "con", "lab": "lab", "ld": "ld", "ukip": "ukip", "green": "green",
                   "snp": "snp", "pc": "pc", "dup": "dup", "sf": "sf", "sdlp": "sdlp",
                   "uup": "uup", "alliance": "alliance"}
_HOC_NAMED_2019 = {**{k: v for k, v in _HOC_NAMED_2017.items() if k != "ukip"},
                   "brexit": "reform"}

OTHERS = "Other candidates"
ALL_NI_2010 = "All candidates"

# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------

_LAB = " Labour and Co-operative candidates are `lab`; the Brexit Party (2019) is `reform`."
_META = {
    "2010": {
        "title": "General election 2010: results by seat",
        "sources": (BES, HOC_1918),
        "about": (
            "General election of 6 May 2010, 650 seats of the 2010 boundary set. Electorate, "
            "valid votes and names from the Commons Library 1918-2017 file; winner, runner-up "
            "and majority from the British Election Study (BES) party detail for Great Britain. "
            "The Commons Library file lumps every Northern Ireland candidate into one group and "
            "BES covers Great Britain only, so the 18 NI seats have no winner, runner-up or "
            "majority here."
        ),
        "name": "Name as in the Commons Library 1918-2017 file (upper case).",
        "invalid_votes": "Not published in the 2010 sources: always empty.",
        "winner": ("Great Britain: the party with most BES votes (equal to BES's `Winner10` in "
                   "every seat; the residual other candidates polled less than the winner "
                   "everywhere). Empty for the 18 Northern Ireland seats (no party detail in "
                   "the sources)."),
        "runner_up": (
            "Best of BES's named parties (Con, Lab, LD, SNP, PC, UKIP, Green, BNP as `other`) "
            "when the residual 'Other candidates' polled less than it. Empty in Northern Ireland "
            "and in 5 GB seats (Birmingham Hall Green, Blaenau Gwent, Buckingham, Castle Point, "
            "Wyre Forest) where the other candidates together out-polled the best named "
            "runner-up, so the runner-up cannot be identified from the sources."
        ),
        "majority": "Winner's votes minus runner-up's (BES); empty where `runner_up` is.",
        "result": "Not published in the 2010 sources: always empty.",
        "mp": "Not in the 2010 sources: always empty.",
        "votes_about": (
            "Votes by party in the 2010 general election. Great Britain: BES votes for Con, Lab, "
            "LD, SNP, PC, UKIP, Green and BNP, plus one 'Other candidates' row (valid votes "
            "minus those parties). BES counts the Speaker (Buckingham) as Conservative; his "
            "votes are a `speaker` row here. In 9 GB seats BES and the Commons Library differ "
            "by 1-90 votes for one of Con, Lab, LD; BES figures are used (the residual row "
            "absorbs the difference). Northern Ireland: one row per seat, 'All candidates', "
            "party `other` (the sources give no NI party detail)."
        ),
        "party_name": (
            "Party name for BES's columns (Labour includes Labour and Co-operative); "
            "'Other candidates' for the residual; 'All candidates' for Northern Ireland seats."
        ),
        "candidates": (
            "1 for each named party; empty for the lumped 'Other candidates' and "
            "'All candidates' rows (the sources do not count them)."
        ),
        "required": {"winner": False, "runner_up": False, "majority": False,
                     "invalid_votes": False, "result": False, "mp": False},
    },
    "2015": {
        "title": "General election 2015: results by seat",
        "sources": (HOC_2015, HOC_1918, BES),
        "about": (
            "General election of 7 May 2015, 650 seats of the 2010 boundary set, computed from "
            "the Commons Library's candidate-level results. Electorate from the Commons Library "
            "1918-2017 file (whose vote totals are checked against the candidate file); "
            "rejected ballots for Great Britain from the BES file."
        ),
        "name": "Name as in the Commons Library candidate file.",
        "invalid_votes": ("Rejected ballots from the BES file (Great Britain); empty for the "
                          "18 Northern Ireland seats, which BES does not cover."),
        "winner": "Party of the candidate with most votes.",
        "runner_up": "Party of the candidate with the second most votes.",
        "majority": "Winner's votes minus runner-up's (from the candidate file).",
        "result": "The 2015 sources publish no result text: always empty.",
        "mp": "Winning candidate's first name and surname (candidate file).",
        "votes_about": ("Votes by party in the 2015 general election, one row per seat and "
                        "party name as published in the Commons Library candidate file (every "
                        "candidate; several independents in a seat are one row)."),
        "party_name": "Party name as published in the candidate file.",
        "candidates": "Number of candidates of that party name in the seat.",
        "required": {"invalid_votes": False, "result": False},
    },
    "2017": {
        "title": "General election 2017: results by seat",
        "sources": (HOC_2017,),
        "about": (
            "General election of 8 June 2017, 650 seats of the 2010 boundary set (Commons "
            "Library constituency file; winner, runner-up and majority agree with the "
            "candidate file in every seat)."
        ),
        "name": "Name as in the Commons Library constituency file.",
        "invalid_votes": "Rejected ballots (Commons Library).",
        "winner": "Winning party (`first_party`).",
        "runner_up": "Runner-up party (`second_party`).",
        "majority": "Official majority (Commons Library `majority`).",
        "result": "Commons Library result text, e.g. 'Lab gain from Con'.",
        "mp": "Winning candidate's first name and surname (candidate file).",
        "votes_about": ("Votes by party in the 2017 general election, one row per seat and "
                        "party name as published in the Commons Library candidate file (every "
                        "candidate; several independents in a seat are one row)."),
        "party_name": "Party name as published in the candidate file.",
        "candidates": "Number of candidates of that party name in the seat.",
        "required": {},
    },
    "2019": {
        "title": "General election 2019: results by seat",
        "sources": (HOC_2019,),
        "about": (
            "General election of 12 December 2019, 650 seats of the 2010 boundary set (Commons "
            "Library constituency file; winner, runner-up and majority agree with the "
            "candidate file in every seat)."
        ),
        "name": "Name as in the Commons Library constituency file.",
        "invalid_votes": "Rejected ballots (Commons Library).",
        "winner": "Winning party (`first_party`).",
        "runner_up": "Runner-up party (`second_party`).",
        "majority": "Official majority (Commons Library `majority`).",
        "result": ("Commons Library result text, e.g. 'Con gain from Lab Coop' (which keeps "
                   "'Lab Coop' while `winner`/`runner_up` say `lab`)."),
        "mp": "Elected MP's first name and surname (constituency file).",
        "votes_about": ("Votes by party in the 2019 general election, one row per seat and "
                        "party name as published in the Commons Library candidate file (every "
                        "candidate; several independents in a seat are one row)."),
        "party_name": "Party name as published in the candidate file.",
        "candidates": "Number of candidates of that party name in the seat.",
        "required": {},
    },
    "2019-notional": {
        "title": "Notional 2019 results on the 2024 boundaries (Rallings & Thrasher)",
        "sources": (RT_2019, HOC_2019),
        "about": (
            "Rallings & Thrasher's notional result of the December 2019 election on the 650 "
            "seats of the 2024 boundary set: estimates, not a count. The file's five "
            "provisional Scottish codes are replaced by the final 2024 codes (S14000107-111)."
        ),
        "name": "Official (Boundary Commission) name as in the notional file.",
        "invalid_votes": "Not estimated for notional results: always empty.",
        "winner": "Notional winning party (`Win19`).",
        "runner_up": ("Notional runner-up; where the file says only 'Other' it is the party "
                      "of the largest minor-party or independent column."),
        "majority": "Notional majority in votes (the file's `majority`).",
        "result": "Not applicable to notional results: always empty.",
        "mp": "Not applicable to notional results: always empty.",
        "votes_about": (
            "Notional 2019 votes by party on the 2024 boundaries (Rallings & Thrasher), from "
            "the twelve main-party columns and ~60 minor-party and independent columns (party "
            "names as spelt in the Commons Library 2019 candidate file). The Speaker's notional "
            "votes (Chorley) are the file's other-candidates total minus its minor columns. "
            "One source error is corrected: 588 votes in Bathgate and Linlithgow filed under "
            "the Young People's Party belong to the Veterans and People's Party."
        ),
        "party_name": ("Party the source column stands for (independent columns IND1-IND6 "
                       "are one 'Independent' row)."),
        "candidates": ("Number of source columns behind the row (1 per party; independents: "
                       "one per IND column with votes). A notional total may combine several "
                       "2019 candidates of that party."),
        "required": {"invalid_votes": False, "result": False, "mp": False},
    },
    "2024": {
        "title": "General election 2024: results by seat",
        "sources": (HOC_2024,),
        "about": "General election of 4 July 2024, 650 seats of the 2024 boundary set.",
        "name": "Name as in the Commons Library file (with diacritics, e.g. 'Ynys Môn').",
        "invalid_votes": "Rejected ballots (Commons Library).",
        "winner": "Winning party (`First party`).",
        "runner_up": ("Runner-up party (`Second party`); minor parties such as the Workers "
                      "Party of Britain are `other`."),
        "majority": "Official majority (Commons Library `Majority`).",
        "result": "Commons Library result text, e.g. 'RUK gain from Con'.",
        "mp": "Elected MP's first name and surname.",
        "votes_about": (
            "Votes by party in the 2024 general election: the twelve party columns of the "
            "Commons Library file; where the winner stood outside them (independents, the "
            "Speaker, TUV), the winner's votes (`Of which other winner`) as their own row; "
            "where the runner-up did (independents, Workers Party, People Before Profit...), "
            "the runner-up's votes (the winner's votes minus the majority) as their own row; "
            "and the rest of `All other candidates` as one 'Other candidates' row."
        ),
        "party_name": ("Party the Commons Library column stands for (RUK: 'Reform UK'); the "
                       "winner's party for a split-out winner; 'Other candidates' for the "
                       "lumped remainder."),
        "candidates": ("1 for each party column and split-out winner; empty for 'Other "
                       "candidates' (the source does not count them)."),
        "required": {"candidates": False},
    },
}

_PARTY_DOC = ("Party code (seatmap vocabulary: " + ", ".join(PARTY_CODES) + ")." + _LAB)


def _file_stub(eid: str) -> str:
    return f"results/ge{eid}"


def _seat_table(eid: str) -> Table:
    m, req = _META[eid], _META[eid]["required"]

    def r(name: str) -> bool:
        return req.get(name, True)

    return Table(
        path=f"{_file_stub(eid)}.csv",
        title=m["title"],
        description=m["about"] + " Percentages are 0-100." + _LAB,
        sources=m["sources"],
        rows=650,
        primary_key=("code",),
        fields=(
            Field("code", "string", "GSS constituency code (boundary set of this election).",
                  unique=True),
            Field("name", "string", m["name"]),
            Field("electorate", "integer", "Registered electors.", unit="electors", minimum=1),
            Field("valid_votes", "integer", "Valid votes cast (sum of all candidates' votes).",
                  unit="votes", minimum=1),
            Field("invalid_votes", "integer", m["invalid_votes"], unit="votes", minimum=0,
                  required=r("invalid_votes")),
            Field("turnout_pct", "number", "Valid votes as a percentage of the electorate.",
                  unit="percent (0-100)", minimum=0, maximum=100),
            Field("winner", "string", m["winner"] + " " + _PARTY_DOC, enum=PARTY_CODES,
                  required=r("winner")),
            Field("runner_up", "string", m["runner_up"] + " Party code as for `winner`.",
                  enum=PARTY_CODES, required=r("runner_up")),
            Field("majority", "integer", m["majority"], unit="votes", minimum=1,
                  required=r("majority")),
            Field("majority_pct", "number", "Majority as a percentage of valid votes "
                  "(percentage points).", unit="percent (0-100)", minimum=0, maximum=100,
                  required=r("majority")),
            Field("result", "string", m["result"], required=r("result")),
            Field("mp", "string", m["mp"], required=r("mp")),
        ),
    )


def _votes_table(eid: str) -> Table:
    m = _META[eid]
    return Table(
        path=f"{_file_stub(eid)}_votes.csv",
        title=m["title"].replace("results by seat", "votes by seat and party")
        if "results by seat" in m["title"] else m["title"] + ": votes by seat and party",
        description=m["votes_about"] + " Votes of a seat sum to its `valid_votes` in "
        f"`{_file_stub(eid)}.csv`.",
        sources=m["sources"],
        primary_key=("code", "party_name"),
        fields=(
            Field("code", "string", "GSS constituency code (as in the seat table)."),
            Field("party", "string", _PARTY_DOC + " Minor parties are `other`.",
                  enum=PARTY_CODES),
            Field("party_name", "string", m["party_name"]),
            Field("candidates", "integer", m["candidates"], unit="candidates", minimum=1,
                  required=m["required"].get("candidates", eid != "2010")),
            Field("votes", "integer", "Votes.", unit="votes", minimum=0),
        ),
    )


HISTORY = Table(
    path="results/history.csv",
    title="Winning party of every 2010-set seat, 2005 (notional) to 2019",
    description=(
        "Winner of each of the 650 seats of the 2010 boundary set at every election fought on "
        "it, plus Rallings & Thrasher's notional 2005 result (from the BES file). Party codes "
        "as in seatmap.parties; Labour and Labour/Co-operative winners are both `lab`. Empty "
        "where the sources do not identify the winner."
    ),
    sources=(BES, HOC_1918, HOC_2015, HOC_2017, HOC_2019),
    rows=650,
    primary_key=("code",),
    fields=(
        Field("code", "string", "GSS constituency code (2010 boundary set).", unique=True),
        Field("winner_2005", "string", "Notional 2005 winner on these boundaries (Rallings & "
              "Thrasher, via BES). Great Britain only (empty in Northern Ireland); BES's "
              "'Other' (any candidate outside the main GB parties, including the Speaker) is "
              "`other`.", enum=PARTY_CODES, required=False),
        Field("winner_2010", "string", "2010 winner (as in results/ge2010.csv); empty in "
              "Northern Ireland.", enum=PARTY_CODES, required=False),
        Field("winner_2015", "string", "2015 winner (results/ge2015.csv).", enum=PARTY_CODES),
        Field("winner_2017", "string", "2017 winner (results/ge2017.csv).", enum=PARTY_CODES),
        Field("winner_2019", "string", "2019 winner (results/ge2019.csv).", enum=PARTY_CODES),
    ),
)

TABLES = [t for eid in ELECTION_IDS for t in (_seat_table(eid), _votes_table(eid))] + [HISTORY]
RESOURCES: list[dict] = []
_TABLE = {t.path: t for t in TABLES}

# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _read(sources: Path, key: str, columns) -> pd.DataFrame:
    """Read one CSV source, strip header and text whitespace, and require ``columns``."""
    folder, filename, kwargs = _FILES[key]
    df = pd.read_csv(source_path(sources, folder, filename), **kwargs)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{folder}/{filename}")
    df = df[list(columns)].copy()
    for col in df.columns:
        if pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].str.strip()
    return df


def _read_bes(sources: Path, columns) -> pd.DataFrame:
    path = source_path(sources, BES, _BES_FILE)
    wanted = set(columns)
    df = pd.read_excel(path, sheet_name="Data", usecols=lambda c: str(c).strip() in wanted)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{BES}/{_BES_FILE} (sheet Data)")
    return df[list(columns)]


def _ints(df: pd.DataFrame, columns, what: str) -> pd.DataFrame:
    """Convert vote columns to numbers (blank -> NaN), failing clearly on anything else."""
    out = df.copy()
    for col in columns:
        raw = out[col]
        if pd.api.types.is_string_dtype(raw):
            raw = raw.str.replace(",", "", regex=False).str.strip().replace("", np.nan)
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() & raw.notna()
        if bad.any() or (num.dropna() % 1 != 0).any():
            raise BuildCheckError(f"{what}: column {col!r} has non-integer values "
                                  f"{raw[bad].unique()[:5].tolist()}.")
        out[col] = num
    return out


def _codes(values: pd.Series, what: str, *, strict: bool) -> pd.Series:
    """Map source party spellings to seatmap codes.

    With ``strict`` an unknown spelling fails the build; without it, it becomes ``other``
    (used for candidate files and runner-up labels, where minor parties are expected).
    """
    table = {}
    for v in values.dropna().unique():
        try:
            table[v] = party_code(str(v), strict=strict)
        except SeatmapError:
            raise BuildCheckError(f"{what}: unknown party label {v!r}; add an alias to "
                                  "seatmap.parties or map it in this module.") from None
    return values.map(table)


def _check_sources(sources: Path) -> None:
    """Fail fast with SourceMissingError before any reading if a folder or file is absent."""
    for folder, filename, _ in _FILES.values():
        source_path(sources, folder, filename)
    source_path(sources, BES, _BES_FILE)


# --------------------------------------------------------------------------------------------
# Seat-level derivations shared by every election
# --------------------------------------------------------------------------------------------


def _rank(cont: pd.DataFrame, what: str) -> pd.DataFrame:
    """Winner, runner-up and majority per seat from one row per contestant.

    ``cont`` has ``code, party, votes`` (and optionally ``person``); a contestant is a candidate
    or a source column standing for one party. Ties for first place are an error.
    """
    c = cont.sort_values(["code", "votes"], ascending=[True, False], kind="stable")
    pos = c.groupby("code").cumcount()
    first = c[pos.eq(0)].set_index("code")
    second = c[pos.eq(1)].set_index("code").reindex(first.index)
    out = pd.DataFrame({
        "winner": first["party"], "winner_votes": first["votes"],
        "runner_up": second["party"], "runner_up_votes": second["votes"],
    })
    if "person" in c:
        out["mp"] = first["person"]
    out["majority"] = out["winner_votes"] - out["runner_up_votes"].fillna(0)
    ties = out.index[out["majority"].eq(0)]
    if len(ties):
        raise BuildCheckError(f"{what}: tie for first place in {list(ties)}.")
    return out


def _party_rows(cont: pd.DataFrame, what: str) -> pd.DataFrame:
    """One row per seat and party name: party code, candidates and votes summed."""
    g = cont.groupby(["code", "party_name"], sort=True)
    out = pd.DataFrame({
        "party": g["party"].first(),
        "n_codes": g["party"].nunique(),
        "candidates": g["candidates"].sum(min_count=1),
        "votes": g["votes"].sum(),
    }).reset_index()
    mixed = out[out["n_codes"].gt(1)]
    if len(mixed):
        raise BuildCheckError(f"{what}: one party name maps to several party codes: "
                              f"{mixed[['code', 'party_name']].head().to_dict('records')}.")
    return out[["code", "party", "party_name", "candidates", "votes"]]


def _finish_seats(seats: pd.DataFrame) -> pd.DataFrame:
    seats = seats.copy()
    seats["turnout_pct"] = seats["valid_votes"] / seats["electorate"] * 100
    seats["majority_pct"] = seats["majority"] / seats["valid_votes"] * 100
    for col in ("invalid_votes", "runner_up", "winner", "majority", "result", "mp"):
        if col not in seats:
            seats[col] = np.nan
    return seats


def _candidates(cand: pd.DataFrame) -> pd.DataFrame:
    """Contestants from a Commons Library candidate file (one row per candidate)."""
    return pd.DataFrame({
        "code": cand["ons_id"],
        "party": _codes(cand["party_abbreviation"], "candidate file", strict=False),
        "party_name": cand["party_name"],
        "candidates": 1,
        "votes": cand["votes"],
        "person": cand["firstname"] + " " + cand["surname"],
    })


def _melt(wide: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Contestants from party columns (index: code); ``names`` maps column -> (party, name).

    Each column with votes is one contestant (``candidates`` 1); blank or zero cells mean the
    party did not stand.
    """
    long = wide[list(names)].rename_axis("code").reset_index().melt(
        id_vars="code", var_name="col", value_name="votes")
    long = long[long["votes"].gt(0)]
    return pd.DataFrame({
        "code": long["code"],
        "party": long["col"].map({c: v[0] for c, v in names.items()}),
        "party_name": long["col"].map({c: v[1] for c, v in names.items()}),
        "candidates": 1,
        "votes": long["votes"],
    })


_CAND_COLS = ["ons_id", "constituency_name", "party_name", "party_abbreviation", "firstname",
              "surname", "votes"]


def _expect(ok, message: str) -> None:
    if not bool(ok):
        raise BuildCheckError(message)


def _mismatch(a: pd.Series, b: pd.Series) -> list:
    """Index labels where two aligned series differ (NaN equals NaN)."""
    a, b = a.align(b)
    diff = ~((a == b) | (a.isna() & b.isna()))
    return list(a.index[diff.to_numpy()])[:10]


# --------------------------------------------------------------------------------------------
# One function per election: (seats, votes)
# --------------------------------------------------------------------------------------------


def _ge_hoc(sources: Path, eid: str, cand: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """2017 or 2019: constituency file, checked against the candidate file ``cand``."""
    named = _HOC_NAMED_2019 if eid == "2019" else _HOC_NAMED_2017
    mp_cols = ["mp_firstname", "mp_surname"] if eid == "2019" else []
    cols = ["ons_id", "constituency_name", "result", "first_party", "second_party",
            "electorate", "valid_votes", "invalid_votes", "majority", *named, "other",
            *mp_cols]
    what = f"{_FILES['hoc' + eid][0]}/{_FILES['hoc' + eid][1]}"
    const = _read(sources, f"hoc{eid}", cols).set_index("ons_id")
    const = _ints(const, ["electorate", "valid_votes", "invalid_votes", "majority", *named,
                          "other"], what)
    bad = _mismatch(const[[*named, "other"]].sum(axis=1), const["valid_votes"])
    _expect(not bad, f"{what}: party columns do not sum to valid_votes in {bad}.")
    cont = _candidates(cand)
    ranked = _rank(cont, f"ge{eid} candidates")
    votes = _party_rows(cont, f"ge{eid} candidates")

    seats = pd.DataFrame({
        "name": const["constituency_name"],
        "electorate": const["electorate"],
        "valid_votes": const["valid_votes"],
        "invalid_votes": const["invalid_votes"],
        "winner": _codes(const["first_party"], f"{what} first_party", strict=False),
        "runner_up": _codes(const["second_party"], f"{what} second_party", strict=False),
        "majority": const["majority"],
        "result": const["result"],
    })
    if mp_cols:
        seats["mp"] = const["mp_firstname"] + " " + const["mp_surname"]
        bad = _mismatch(seats["mp"], ranked["mp"])
        _expect(not bad, f"ge{eid}: MP names differ from the candidate file's winners in {bad}.")
    else:
        seats["mp"] = ranked["mp"]
    seats.index.name = "code"

    # Constituency file against candidate file
    _expect(set(const.index) == set(cont["code"]),
            f"ge{eid}: constituency and candidate files cover different seats.")
    for col in ("winner", "runner_up", "majority"):
        bad = _mismatch(seats[col], ranked[col])
        _expect(not bad, f"ge{eid}: {col} from the candidate file disagrees with the "
                f"constituency file in {bad}.")
    by_party = votes.pivot_table(index="code", columns="party", values="votes", aggfunc="sum",
                                 fill_value=0)
    for col, code in named.items():
        got = by_party[code] if code in by_party else pd.Series(0, index=by_party.index)
        bad = _mismatch(const[col], got.reindex(const.index).fillna(0))
        _expect(not bad, f"ge{eid}: column {col!r} differs from the candidate votes of "
                f"{code!r} in {bad}.")
    return seats.reset_index(), votes


def _ge2015(cand: pd.DataFrame, hoc1918: pd.DataFrame, bes: pd.DataFrame):
    cont = _candidates(cand)
    ranked = _rank(cont, "ge2015 candidates")
    votes = _party_rows(cont, "ge2015 candidates")
    names = cand.groupby("ons_id")["constituency_name"].first()
    h = hoc1918[hoc1918["election"].eq("2015")].set_index("constituency_id")
    total = votes.groupby("code")["votes"].sum()
    _expect(set(h.index) == set(total.index),
            "ge2015: the 1918-2017 file's 2015 seats differ from the candidate file's.")
    bad = _mismatch(h["total_votes"], total)
    _expect(not bad, f"ge2015: 1918-2017 total_votes differ from the candidate file in {bad}.")
    by_party = votes.pivot_table(index="code", columns="party", values="votes", aggfunc="sum",
                                 fill_value=0)
    for col, code in (("con_votes", "con"), ("lab_votes", "lab"), ("lib_votes", "ld")):
        bad = _mismatch(h[col].fillna(0), by_party[code].reindex(h.index).fillna(0))
        _expect(not bad, f"ge2015: 1918-2017 {col} differ from the candidate file in {bad}.")
    b = bes.set_index("ONSConstID")
    bad = _mismatch(b["TotalVote15"], total.reindex(b.index))
    _expect(not bad, f"ge2015: BES TotalVote15 differs from the candidate file in {bad}.")
    seats = pd.DataFrame({
        "name": names,
        "electorate": h["electorate"],
        "valid_votes": total,
        "invalid_votes": b["RejectedVote15"].reindex(names.index),
        "winner": ranked["winner"],
        "runner_up": ranked["runner_up"],
        "majority": ranked["majority"],
        "mp": ranked["mp"],
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


def _ge2010(hoc1918: pd.DataFrame, bes: pd.DataFrame):
    h = hoc1918[hoc1918["election"].eq("2010")].set_index("constituency_id")
    b = bes.set_index("ONSConstID")
    _expect(b.index.isin(h.index).all(), "ge2010: BES seats missing from the 1918-2017 file.")
    gb = h.loc[b.index]
    bad = _mismatch(b["TotalVote10"], gb["total_votes"])
    _expect(not bad, f"ge2010: BES TotalVote10 differs from the Commons Library in {bad}.")

    cols = {p: b[f"{p}Vote10"] for p in _BES_2010}
    wide = pd.DataFrame(cols)
    speaker = _codes(b["Winner10"], "BES Winner10", strict=True).eq("speaker")
    # BES files the Speaker's votes as Conservative; the Commons Library has no Con candidate.
    _expect(gb.loc[speaker, "con_votes"].fillna(0).eq(0).all(),
            "ge2010: the Commons Library shows a Conservative candidate in the Speaker's seat.")
    wide["Speaker"] = wide["Con"].where(speaker)
    wide.loc[speaker, "Con"] = np.nan
    # BES against the Commons Library for Con, Lab, LD
    diffs = set()
    for col, p in (("con_votes", "Con"), ("lab_votes", "Lab"), ("lib_votes", "LD")):
        full = wide[p].fillna(0).ne(gb[col].fillna(0))
        diffs |= {(c, _BES_2010[p][0]) for c in wide.index[full.to_numpy()]}
    _expect(diffs == _BES_HOC_2010_DIFFS, "ge2010: BES and Commons Library Con/Lab/LD votes "
            f"differ in an unexpected set of seats: {sorted(diffs ^ _BES_HOC_2010_DIFFS)}.")

    long = _melt(wide, {**_BES_2010, "Speaker": ("speaker", "Speaker")})
    residual = b["TotalVote10"] - wide.sum(axis=1)
    _expect(residual.ge(0).all(), "ge2010: BES party votes exceed total votes in "
            f"{list(residual.index[residual.lt(0)])}.")
    ranked = _rank(long, "ge2010 BES")
    winner_votes = ranked["winner_votes"].reindex(b.index)
    _expect(residual.lt(winner_votes).all(), "ge2010: other candidates out-polled the BES "
            "winner; the winner cannot be identified.")
    bes_winner = _codes(b["Winner10"], "BES Winner10", strict=True)
    bad = _mismatch(ranked["winner"].reindex(b.index), bes_winner)
    _expect(not bad, f"ge2010: largest BES party differs from Winner10 in {bad}.")
    # The runner-up is known only if no group of other candidates could have beaten it.
    known = residual.lt(ranked["runner_up_votes"].reindex(b.index).fillna(0))
    _expect(int((~known).sum()) == 5, "ge2010: expected 5 GB seats with an unidentifiable "
            f"runner-up (as documented), found {int((~known).sum())}.")
    other = pd.DataFrame({"code": residual.index, "party": "other", "party_name": OTHERS,
                          "candidates": np.nan, "votes": residual.to_numpy()})
    other = other[other["votes"].gt(0)]
    ni = h.index[~h.index.isin(b.index)]
    ni_rows = pd.DataFrame({"code": ni, "party": "other", "party_name": ALL_NI_2010,
                            "candidates": np.nan, "votes": h.loc[ni, "total_votes"].to_numpy()})
    cont = pd.concat([long, other, ni_rows], ignore_index=True)
    votes = _party_rows(cont, "ge2010")

    seats = pd.DataFrame({
        "name": h["constituency"],
        "electorate": h["electorate"],
        "valid_votes": h["total_votes"],
        "winner": ranked["winner"],
        "runner_up": ranked["runner_up"].where(known),
        "majority": ranked["majority"].where(known),
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


def _ge2019_notional(sources: Path, cand2019: pd.DataFrame):
    main = {f"{k}v": v for k, v in _RT_MAIN.items()}
    minor = {f"{k}v": v for k, v in _RT_MINOR.items()}
    cols = ["ONS code", "Boundary Comm name", '"turnout"', "electorate", *main, "TotOthv",
            *minor, "total_votes", "majority", "Win19", "Second19"]
    what = f"{RT_2019}/{_FILES['rt2019'][1]}"
    raw = pd.read_csv(source_path(sources, RT_2019, _FILES["rt2019"][1]), nrows=0)
    known = {*cols, "PA name", "PANO", "region_name", "country_name", "constituency_type",
             "Index_of_change", "MaxOthv", "blank2", "maj%"}
    extra = [c for c in raw.columns if c.strip().endswith("v") and c.strip() not in known]
    _expect(not extra, f"{what}: unknown vote columns {extra}; map them in _RT_MINOR.")
    rt = _read(sources, "rt2019", cols)
    rt = _ints(rt, [*main, "TotOthv", *minor, "total_votes", "majority", "electorate"], what)

    # Provisional Scottish codes -> final 2024 codes
    for old, (_, name) in _RT_CODE_REMAP.items():
        row = rt["ONS code"].eq(old)
        _expect(row.sum() == 1 and rt.loc[row, "Boundary Comm name"].iloc[0] == name,
                f"{what}: expected provisional code {old} for {name!r}; the file changed.")
    rt["ONS code"] = rt["ONS code"].replace({k: v[0] for k, v in _RT_CODE_REMAP.items()})
    rt = rt.set_index("ONS code")
    for code, wrong, right, n in _RT_CORRECTIONS:
        _expect(rt.loc[code, f"{wrong}v"] == n and not rt.loc[code, f"{right}v"] > 0,
                f"{what}: the known {wrong}->{right} error in {code} has changed; review "
                "_RT_CORRECTIONS.")
        rt.loc[code, f"{right}v"], rt.loc[code, f"{wrong}v"] = n, 0

    v = rt[[*main, "TotOthv", *minor]].fillna(0)
    bad = _mismatch(v[list(main)].sum(axis=1) + v["TotOthv"], rt["total_votes"])
    _expect(not bad, f"{what}: main parties plus TotOthv differ from total_votes in {bad}.")
    win = _codes(rt["Win19"], f"{what} Win19", strict=True)
    residual = v["TotOthv"] - v[list(minor)].sum(axis=1)
    odd = residual.index[residual.ne(0) & win.ne("speaker")]
    _expect(len(odd) == 0, f"{what}: minor columns do not add up to TotOthv in {list(odd)}.")
    v["Speaker"] = residual.where(win.eq("speaker"), 0)

    names = {**main, **{c: (party_code(n, strict=False), n) for c, n in minor.items()},
             "Speaker": ("speaker", "Speaker")}
    long = _melt(v, names)
    ranked = _rank(long, "ge2019-notional")
    votes = _party_rows(long, "ge2019-notional")

    # Checks against the file's own winner, runner-up and majority
    bad = _mismatch(ranked["winner"], win)
    _expect(not bad, f"{what}: computed winners differ from Win19 in {bad}.")
    second = _codes(rt["Second19"], f"{what} Second19", strict=False)
    main_codes = {p for p, _ in _RT_MAIN.values()}
    named_second = rt["Second19"].ne("Other")
    bad = _mismatch(ranked["runner_up"][named_second], second[named_second])
    _expect(not bad, f"{what}: computed runners-up differ from Second19 in {bad}.")
    _expect(not ranked["runner_up"][~named_second].isin(main_codes).any(),
            f"{what}: Second19 'Other' but a main party is second.")
    bad = _mismatch(ranked["majority"], rt["majority"])
    _expect(not bad, f"{what}: computed majorities differ from the file's in {bad}.")
    # The minor-party mapping: notional national totals against the 2019 count
    actual = cand2019.groupby("party_name")["votes"].sum()
    notional = votes.groupby("party_name")["votes"].sum()
    for col in minor:
        name = minor[col]
        gap = abs(notional.get(name, 0) - actual.get(name, 0))
        _expect(gap <= 2, f"{what}: column {col} mapped to {name!r} totals "
                f"{notional.get(name, 0)} votes nationally but that party polled "
                f"{actual.get(name, 0)} in 2019; check _RT_MINOR.")
    turnout = rt['"turnout"'] - rt["total_votes"] / rt["electorate"] * 100
    _expect(turnout.abs().le(0.051).all(), f"{what}: turnout column inconsistent with votes.")

    seats = pd.DataFrame({
        "name": rt["Boundary Comm name"],
        "electorate": rt["electorate"],
        "valid_votes": rt["total_votes"],
        "winner": win,
        "runner_up": ranked["runner_up"],
        "majority": rt["majority"],
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


def _ge2024(sources: Path):
    cols = ["ONS ID", "Constituency name", "Member first name", "Member surname", "Result",
            "First party", "Second party", "Electorate", "Valid votes", "Invalid votes",
            "Majority", *_HOC_2024, "All other candidates", "Of which other winner"]
    what = f"{HOC_2024}/{_FILES['hoc2024'][1]}"
    t = _read(sources, "hoc2024", cols).set_index("ONS ID")
    t = _ints(t, ["Electorate", "Valid votes", "Invalid votes", "Majority", *_HOC_2024,
                  "All other candidates", "Of which other winner"], what)
    first = _codes(t["First party"], f"{what} First party", strict=False)
    v = t[list(_HOC_2024)]
    bad = _mismatch(v.sum(axis=1) + t["All other candidates"], t["Valid votes"])
    _expect(not bad, f"{what}: party columns do not sum to Valid votes in {bad}.")
    in_other = ~t["First party"].isin(list(_HOC_2024))
    ow = t["Of which other winner"]
    _expect((ow.gt(0) == in_other).all(), f"{what}: 'Of which other winner' is set exactly "
            "when the winner is outside the party columns; that no longer holds.")
    unknown = sorted(set(t.loc[in_other, "First party"]) - set(_HOC_2024_OTHER_WINNERS))
    _expect(not unknown, f"{what}: winners from parties {unknown} have no party name; add "
            "them to _HOC_2024_OTHER_WINNERS.")
    _expect((ow[in_other] > v[in_other].max(axis=1)).all(),
            f"{what}: an 'other' winner has fewer votes than a party column.")
    top = v.idxmax(axis=1)
    bad = list(t.index[(~in_other & top.ne(t["First party"])).to_numpy()])
    _expect(not bad, f"{what}: First party is not the largest party column in {bad}.")
    second_named = t["Second party"].isin(list(_HOC_2024)) & ~in_other
    col = v.columns.get_indexer(t["Second party"].where(second_named, v.columns[0]))
    sec_votes = pd.Series(v.to_numpy()[np.arange(len(v)), col], index=v.index)
    bad = list(t.index[(second_named & (v.max(axis=1) - sec_votes).ne(t["Majority"]))
                       .to_numpy()])
    _expect(not bad, f"{what}: Majority differs from the party columns in {bad}.")

    long = _melt(v, _HOC_2024)
    winners = pd.DataFrame({"code": t.index[in_other.to_numpy()],
                            "party": first[in_other].to_numpy(),
                            "party_name": t.loc[in_other, "First party"]
                            .map(_HOC_2024_OTHER_WINNERS).to_numpy(),
                            "candidates": 1, "votes": ow[in_other].to_numpy()})
    second_other = ~t["Second party"].isin(list(_HOC_2024))
    unknown = sorted(set(t.loc[second_other, "Second party"]) - set(_HOC_2024_OTHER_SECONDS))
    _expect(not unknown, f"{what}: runners-up from parties {unknown} have no party name; add "
            "them to _HOC_2024_OTHER_SECONDS.")
    _expect(not (second_other & in_other).any(), f"{what}: a seat where both winner and "
            "runner-up are outside the party columns; split their votes by hand.")
    winner_votes = ow.where(in_other, v.max(axis=1))
    second_votes = (winner_votes - t["Majority"]).where(second_other, 0)
    seconds = pd.DataFrame({"code": t.index[second_other.to_numpy()],
                            "party": _codes(t.loc[second_other, "Second party"],
                                            f"{what} Second party", strict=False).to_numpy(),
                            "party_name": t.loc[second_other, "Second party"]
                            .map(_HOC_2024_OTHER_SECONDS).to_numpy(),
                            "candidates": 1, "votes": second_votes[second_other].to_numpy()})
    rest = t["All other candidates"] - ow - second_votes
    _expect(rest.ge(0).all(), f"{what}: a runner-up's votes (winner minus majority) exceed the "
            "lumped other candidates' votes.")
    others = pd.DataFrame({"code": t.index, "party": "other", "party_name": OTHERS,
                           "candidates": np.nan, "votes": rest.to_numpy()})
    others = others[others["votes"].gt(0)]
    cont = pd.concat([long, winners, seconds, others], ignore_index=True)
    votes = _party_rows(cont, "ge2024")
    seats = pd.DataFrame({
        "name": t["Constituency name"],
        "electorate": t["Electorate"],
        "valid_votes": t["Valid votes"],
        "invalid_votes": t["Invalid votes"],
        "winner": first,
        "runner_up": _codes(t["Second party"], f"{what} Second party", strict=False),
        "majority": t["Majority"],
        "result": t["Result"],
        "mp": t["Member first name"] + " " + t["Member surname"],
    })
    seats.index.name = "code"
    return seats.reset_index(), votes


# --------------------------------------------------------------------------------------------
# Checks against the published record
# --------------------------------------------------------------------------------------------


def _check_election(eid: str, seats: pd.DataFrame, votes: pd.DataFrame) -> None:
    """Raise BuildCheckError unless one election's tables match the published record."""
    tag = f"ge{eid}"
    s = seats.set_index("code")
    _expect(len(s) == 650 and s.index.is_unique, f"{tag}: {len(s)} seats / duplicate codes.")
    bset = "2010" if eid in SET_2010 else "2024"
    prefixes = s.index.str[:3].value_counts().to_dict()
    _expect(prefixes == CODE_PREFIXES[bset], f"{tag}: codes by prefix {prefixes}, expected "
            f"{CODE_PREFIXES[bset]} for the {bset} boundary set.")
    summed = votes.groupby("code")["votes"].sum()
    _expect(set(summed.index) == set(s.index), f"{tag}: votes table covers other seats.")
    bad = _mismatch(summed, s["valid_votes"])
    _expect(not bad, f"{tag}: party votes do not sum to valid_votes in {bad}.")
    won = s["winner"].value_counts().to_dict()
    _expect(won == SEATS_WON[eid], f"{tag}: seats won {won} differ from the published result "
            f"{SEATS_WON[eid]}.")
    if eid == "2010":
        ni = s.index.str.startswith("N")
        _expect(s.loc[ni, "winner"].isna().all() and s.loc[~ni, "winner"].notna().all(),
                f"{tag}: winners should be known exactly for the 632 GB seats.")
    _expect(s.loc[SPEAKER_SEATS[eid], "winner"] == "speaker",
            f"{tag}: the Speaker's seat {SPEAKER_SEATS[eid]} is not won by the Speaker.")
    for party, want in NATIONAL_VOTES.get(eid, {}).items():
        got = int(votes.loc[votes["party"].eq(party), "votes"].sum())
        _expect(got == want, f"{tag}: {party} polled {got:,} votes, published {want:,}.")
    for col, want in NATIONAL_TOTALS.get(eid, {}).items():
        got = int(s[col].sum())
        _expect(got == want, f"{tag}: total {col} {got:,}, published {want:,}.")
    for (e, code), (party, maj) in MAJORITIES.items():
        if e == eid:
            got = (s.loc[code, "winner"], s.loc[code, "majority"])
            _expect(got == (party, maj), f"{tag}: {code} winner/majority {got}, published "
                    f"{(party, maj)}.")
    # The winner's party polled the most votes wherever the party detail identifies it.
    top = votes.sort_values("votes", ascending=False).drop_duplicates("code")
    top = top[~top["party_name"].isin([OTHERS, ALL_NI_2010])].set_index("code")["party"]
    bad = _mismatch(top, s["winner"].reindex(top.index))
    _expect(not bad, f"{tag}: largest party row is not the winner's party in {bad}.")


def _check_across(seats: dict[str, pd.DataFrame]) -> None:
    """Checks that join elections: code sets, 2019 gains, spot figures."""
    s = {eid: df.set_index("code") for eid, df in seats.items()}
    for eid in SET_2010[:-1]:
        _expect(set(s[eid].index) == set(s["2019"].index),
                f"ge{eid}: codes differ from the 2019 file's (same boundary set).")
    _expect(set(s["2019-notional"].index) == set(s["2024"].index),
            "ge2019-notional: codes differ from the 2024 file's after remapping the "
            "provisional Scottish codes.")
    gains = s["2019"]["result"].value_counts()
    got = (int(gains.get("Con gain from Lab", 0)), int(gains.get("Con gain from Lab Coop", 0)))
    _expect(got == (48, 6), f"ge2019: 'Con gain from Lab' / 'Lab Coop' counts {got}, published "
            "(48, 6).")
    switched = s["2017"]["winner"].eq("lab") & s["2019"]["winner"].eq("con")
    by_text = s["2019"]["result"].str.startswith("Con gain from Lab")
    _expect(int(switched.sum()) == 54 and (switched == by_text).all(),
            "ge2019: Labour-to-Conservative seats from winners disagree with the result text.")
    boston = s["2024"].loc["E14001114"]
    _expect(boston["result"] == "RUK gain from Con" and boston["majority"] == 2010,
            "ge2024: Boston and Skegness is not 'RUK gain from Con' by 2,010.")
    _expect(s["2015"].loc["E14000733", "winner"] == "lab", "ge2015: Hartlepool not Labour.")


def _check_2010_spot(seats: pd.DataFrame, votes: pd.DataFrame) -> None:
    bury = votes[votes["code"].eq("E14000611")].set_index("party")["votes"]
    got = (int(bury.get("con", 0)), int(bury.get("lab", 0)), int(bury.get("ld", 0)),
           int(seats.set_index("code").loc["E14000611", "electorate"]))
    _expect(got == (18070, 15827, 7645, 66759), f"ge2010: Bury North Con/Lab/LD/electorate "
            f"{got}, published (18070, 15827, 7645, 66759).")


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------

_BES_COLS = ["ONSConstID", "Winner05", "Winner10", *[f"{p}Vote10" for p in _BES_2010],
             "TotalVote10", "TotalVote15", "RejectedVote15"]
_HOC_1918_COLS = ["constituency_id", "constituency", "electorate", "con_votes", "lib_votes",
                  "lab_votes", "total_votes", "election"]


def _history(seats: dict[str, pd.DataFrame], bes: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=seats["2019"]["code"].sort_values().to_numpy())
    b = bes.set_index("ONSConstID")
    out["winner_2005"] = _codes(b["Winner05"], "BES Winner05", strict=True)
    for eid in SET_2010:
        out[f"winner_{eid}"] = seats[eid].set_index("code")["winner"]
    return out.rename_axis("code").reset_index()


def _write(df: pd.DataFrame, path: str, out_dir: Path) -> Path:
    table = _TABLE[path]
    return write_table(df[[f.name for f in table.fields]], table, out_dir)


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build every results table from the raw sources and check it against the record.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Output root; files go to ``out_dir/results/``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    SourceMissingError
        If a source folder or file is absent (checked before anything is read).
    BuildCheckError
        If a source's layout changed or a result differs from the published record.
    """
    sources, out_dir = Path(sources), Path(out_dir)
    _check_sources(sources)
    bes = _read_bes(sources, _BES_COLS)
    hoc1918 = _read(sources, "hoc1918", _HOC_1918_COLS)
    hoc1918 = hoc1918[hoc1918["election"].isin(["2010", "2015"])]
    hoc1918 = _ints(hoc1918, ["electorate", "con_votes", "lib_votes", "lab_votes",
                              "total_votes"], f"{HOC_1918}/{_FILES['hoc1918'][1]}")
    cand = {eid: _ints(_read(sources, f"hoc{eid}_cand", _CAND_COLS), ["votes"],
                       "/".join(_FILES[f"hoc{eid}_cand"][:2]))
            for eid in ("2015", "2017", "2019")}

    results = {
        "2010": _ge2010(hoc1918, bes),
        "2015": _ge2015(cand["2015"], hoc1918, bes),
        "2017": _ge_hoc(sources, "2017", cand["2017"]),
        "2019": _ge_hoc(sources, "2019", cand["2019"]),
        "2019-notional": _ge2019_notional(sources, cand["2019"]),
        "2024": _ge2024(sources),
    }
    seats = {}
    for eid, (s, v) in results.items():
        seats[eid] = _finish_seats(s)
        _check_election(eid, seats[eid], v)
    _check_across(seats)
    _check_2010_spot(seats["2010"], results["2010"][1])

    paths = []
    for eid, (_, v) in results.items():
        paths.append(_write(seats[eid], f"{_file_stub(eid)}.csv", out_dir))
        paths.append(_write(v, f"{_file_stub(eid)}_votes.csv", out_dir))
    paths.append(_write(_history(seats, bes), HISTORY.path, out_dir))
    return paths
