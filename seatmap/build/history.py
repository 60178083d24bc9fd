"""Historic general elections 1950-2005 in Great Britain, for backtesting seat models.

Writes ``results/history_1950_2005.csv``: one row per Great Britain seat and election for the
sixteen elections 1950 ... 2005 of the Commons Library file "General election results from 1918
to 2017" (CBP-8647), in that file's five vote groups mapped to seatmap's party codes (``con``,
``lab``, ``ld`` from ``lib``, ``snp``/``pc`` from ``natSW`` in Scotland/Wales, ``other`` from
``oth``). Northern Ireland is left out.

Seats carry a key (``code``) stable across the elections of one boundary set, so consecutive
elections on unchanged boundaries can be paired (:data:`seatmap.elections.HISTORIC_PAIRS`):

- within a boundary set, rows are matched by the file's own constituency number and the match is
  checked by name: after the spelling fixes of :data:`SPELLING` every number must carry one
  normalised name (letters only, ``&`` = ``AND``, word order ignored) in every election, or a
  name pair reviewed in :data:`RENAMED` (the 1974-79 set names many seats two ways); Milton
  Keynes, split in two for 1992, is :data:`SPLIT` (three seats, none paired);
- 2005 (boundary set "2005" in the file): Scotland had new seats; English and Welsh seats were
  unchanged from 1997, so they are matched to 2001 by normalised name (two names by
  :data:`RENAMED_2005`), checked: all 569 match (the file's numbers differ for five London seats,
  which is why the name decides).

The file needs these corrections, each checked against the published record (every
election's seats per party must equal :data:`SEATS_WON`):

- 1950 and 1951 file the Conservatives' allies (National Liberal and Conservative, Liberal and
  Conservative candidates) under ``oth``; from 1955 the file counts them as Conservative. Where a
  1950-51 seat has no ``con`` votes and ``oth`` polled at least :data:`ALLY_MIN_PCT` per cent,
  ``oth`` is moved to ``con`` (seats below: a minor candidate, left alone).
- 1951 files eight Labour candidates (Bevan in Ebbw Vale among them) under ``oth``: where a
  1951 seat has no ``lab`` votes, ``oth`` is Labour's.
- St Marylebone and Hereford 1951 have the Conservative and Labour votes swapped (both were
  Conservative holds); Gateshead East 1950's ``oth`` lumps the National Liberal (13,530) and an
  Independent Labour candidate (5,001), split from the published result.
- Where the Speaker stood as Speaker and the file put his votes under a party, they are moved to
  ``other`` (as the file does itself for the Speakers of 1955, 1966, 1970, Feb 1974 and 1997-2005).
- Bradford South 1951 lumps Labour and the Conservatives' ally in ``oth``: the two cannot be
  separated, so the seat is left out of 1951 (its published winner, Labour, is counted in the
  seat check).

``winner`` is the largest group; where that is ``other`` (which lumps every minor candidate) the
seat must be one of :data:`OTHER_WINNERS` (Speakers and independents of the published record).
Seats returned unopposed (no votes; the file's negative codes) cannot be scored: they are left out
and counted (1950: 2, 1951: 4, all in Northern Ireland, as published).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..elections import HISTORIC_ELECTIONS, NATIONS
from ._io import write_table
from ._schema import Field, Table, ensure
from .results.sources import FILES, HOC_1918, read_source, to_ints

__all__ = ["HISTORY", "RESOURCES", "TABLES", "build", "seat_name", "seat_slug"]

SOURCE_FILE = FILES["hoc1918"][1]
WHAT = f"{HOC_1918}/{SOURCE_FILE}"
GROUPS = ("con", "lib", "lab", "natSW", "oth")
PARTIES = ("con", "lab", "ld", "snp", "pc", "other")
COLUMNS = ["constituency_id", "constituency", "country/region", "electorate",
           *[f"{g}_votes" for g in GROUPS], "total_votes", "election", "boundary_set"]

REGIONS = {"North East": "North East", "North West": "North West",
           "Yorkshire and the Humber": "Yorkshire and The Humber",
           "Yorkshire & The Humber": "Yorkshire and The Humber",
           "East Midlands": "East Midlands", "West Midlands": "West Midlands",
           "Eastern": "East of England", "London": "London", "South East": "South East",
           "South West": "South West", "Wales": "Wales", "Scotland": "Scotland"}
NI = "Northern Ireland"

# Boundary set of each election as the file gives it.
BOUNDARY_SET = {"1950": "1950-1951", "1951": "1950-1951", "1955": "1955-1970",
                "1959": "1955-1970", "1964": "1955-1970", "1966": "1955-1970",
                "1970": "1955-1970", "1974F": "1974-1979", "1974O": "1974-1979",
                "1979": "1974-1979", "1983": "1983-1992", "1987": "1983-1992",
                "1992": "1983-1992", "1997": "1997-2001", "2001": "1997-2001", "2005": "2005"}

# Great Britain seats per election (UK seats less Northern Ireland's 12, 17 from 1983, 18 from
# 1997), as published; one more row is excluded below (Bradford South 1951).
GB_SEATS = {"1950": 613, "1951": 613, "1955": 618, "1959": 618, "1964": 618, "1966": 618,
            "1970": 618, "1974F": 623, "1974O": 623, "1979": 623, "1983": 633, "1987": 633,
            "1992": 634, "1997": 641, "2001": 641, "2005": 628}

# Seats won in Great Britain, as published, with the Speaker standing as Speaker in `other`.
# Sources (UK seats by party): 1950-1970, table "Appendix 1: British General Election Results,
# 1945-2001" (docslib.org/download/6325268; Conservatives with their allies and the Ulster
# Unionists, the Speaker in Others); Wikipedia's results table of each general election
# (1951: Con 321 with 19 National Liberals and 9 UUP, Lab 295; 1970; Feb and Oct 1974; 1997,
# "figure does not include the Speaker"); statjam.uk's results summary 1974-2019 (seats per
# party); the Commons Library's "UK Election Statistics" (CBP-7529) for its headline figures
# (Con 397 in 1983, 165 in 1997; Lab 209 in 1983, 418 in 1997; LD 62 in 2005). Great Britain =
# UK less Northern Ireland's seats (12; 17 from 1983; 18 from 1997): Ulster Unionists counted
# with the Conservatives until 1970 (10 in 1950, 9 in 1951, 10 in 1955, 12 in 1959 and 1964,
# 11 in 1966, 8 in 1970), NI's other MPs in `other` of the UK tables. Where a UK table counts
# the Speaker with his party (Feb 1974 Con 297, Oct 1974 Con 277, 1979 Lab 269, 1987 Con 376,
# 2001 Lab 413, 2005 Lab 356) the seat is in `other` here.
SEATS_WON = {
    "1950": {"con": 288, "lab": 315, "ld": 9, "other": 1},   # UK Con 298, Lab 315, Lib 9, Oth 3
    "1951": {"con": 312, "lab": 295, "ld": 6},               # UK Con 321, Lab 295, Lib 6, Oth 3
    "1955": {"con": 334, "lab": 277, "ld": 6, "other": 1},   # UK Con 344, Lab 277, Lib 6, Oth 3
    "1959": {"con": 353, "lab": 258, "ld": 6, "other": 1},   # UK Con 365, Lab 258, Lib 6, Oth 1
    "1964": {"con": 291, "lab": 317, "ld": 9, "other": 1},   # UK Con 303, Lab 317, Lib 9, Oth 1
    "1966": {"con": 242, "lab": 363, "ld": 12, "other": 1},  # UK Con 253, Lab 363, Lib 12, Oth 2
    "1970": {"con": 322, "lab": 287, "ld": 6, "snp": 1, "other": 2},  # UK Con 330, Lab 287
    "1974F": {"con": 296, "lab": 301, "ld": 14, "snp": 7, "pc": 2, "other": 3},
    "1974O": {"con": 276, "lab": 319, "ld": 13, "snp": 11, "pc": 3, "other": 1},
    "1979": {"con": 339, "lab": 268, "ld": 11, "snp": 2, "pc": 2, "other": 1},
    "1983": {"con": 397, "lab": 209, "ld": 23, "snp": 2, "pc": 2},  # ld: Liberal 17 + SDP 6
    "1987": {"con": 375, "lab": 229, "ld": 22, "snp": 3, "pc": 3, "other": 1},
    "1992": {"con": 336, "lab": 271, "ld": 20, "snp": 3, "pc": 4},
    "1997": {"con": 165, "lab": 418, "ld": 46, "snp": 6, "pc": 4, "other": 2},
    "2001": {"con": 166, "lab": 412, "ld": 52, "snp": 5, "pc": 4, "other": 2},
    "2005": {"con": 198, "lab": 355, "ld": 62, "snp": 6, "pc": 3, "other": 4},
}
# Votes in Great Britain, as published (Wikipedia's results table of each election; no
# Conservative, Labour or Liberal candidate stood in Northern Ireland in 1974 or, for Labour
# and the Liberal Democrats, 1997, so these UK figures are Great Britain's).
VOTES = {
    "1974F": {"con": 11_834_346, "lab": 11_641_143, "ld": 6_059_550},
    "1974O": {"lab": 11_457_079},
    "1997": {"lab": 13_518_167, "ld": 5_242_947},
}
# UK votes, as published, for the elections the corrections change most (table "Appendix 1:
# British General Election Results, 1945-2001", docslib.org/download/6325268; Conservative with
# allies and Ulster Unionists, as in CBP-7529); the table's Great Britain votes plus the file's Northern
# Ireland votes must come within VOTES_UK_TOL of them (the lumped `oth` moved to `con` also
# holds the odd minor candidate; Bradford South 1951 is left out). Before the corrections the
# file's 1951 Labour vote was 1.35% short (13,759,625).
VOTES_UK = {"1950": {"con": 12_502_567, "lab": 13_266_592},
            "1951": {"con": 13_717_538, "lab": 13_948_605}}
VOTES_UK_TOL = 0.0025
# Seats returned unopposed (UK), as published (the same Appendix 1 table, "unopposed returns";
# all in Northern Ireland in these elections); none after 1951.
UNOPPOSED = {"1950": 2, "1951": 4}

# Misspellings in the file's names (whole words), fixed before names are compared or shown.
SPELLING = {"DENBICHSHIRE": "DENBIGHSHIRE", "BRIDGEWATER": "BRIDGWATER",
            "SHEFFILED": "SHEFFIELD", "BETHNALL": "BETHNAL", "KIRKALDY": "KIRKCALDY",
            "MORCAMBE": "MORECAMBE", "CAMBOURNE": "CAMBORNE", "AUKLAND": "AUCKLAND",
            "DERBYSHIE": "DERBYSHIRE", "HYTH": "HYTHE", "CENTRSL": "CENTRAL",
            "WALDON": "WALDEN", "WOODFOD": "WOODFORD", "NORTHFIED": "NORTHFIELD",
            "PRESTWICK": "PRESTWICH", "MIDDLESBOROUGH": "MIDDLESBROUGH"}

# Names the file gives one seat (same number) in different elections of one boundary set,
# reviewed: the same seat named two ways (renamings, abbreviations, missing spaces).
RENAMED = {
    "1974-1979": (
        ("ALDRIDGE-BROWNHILLS", "ALDRIDGE BROWNHILL"), ("CHESTER", "CITY OF CHESTER"),
        ("CHRISTCHURCH & LYMINGTON", "CHRISTCHURCH"),
        ("CITY OF LONDON & WESTMINSTER SOUTH", "CITIES OF LONDON AND WESTMINSTER"),
        ("CLEVELAND & WHITBY", "CLEVELAND"), ("DOVER & DEAL", "DOVER"),
        ("DULWICH", "CAMBERWELLDULWICH"), ("EPPING FOREST", "EPPING"),
        ("EPSOM & EWELL", "EPSOM"), ("FLINT EAST", "EAST FLINTSHIRE"),
        ("HARTLEPOOL", "THE HARTLEPOOLS"), ("BANFFSHIRE", "BANFF"),
        ("HOLBORN & ST PANCRAS SOUTH", "HOLBORN AND ST.PANCRAS"),
        ("HORSHAM & CRAWLEY", "HORSHAM"), ("HULL CENTRAL", "KINGSTON-UPON-HULL CENTRAL"),
        ("HULL EAST", "KINGSTON-UPON-HULL EAST"), ("HULL WEST", "KINGSTON-UPON-HULL WEST"),
        ("LIVERPOOL SCOTLAND EXCHANGE", "LIVERPOOLSCOTLAND"),
        ("MONTGOMERYSHIRE", "MONTGOMERY"), ("NORWOOD", "LAMBETHNORWOOD"),
        ("PECKHAM", "CAMBERWELLPECKHAM"), ("PENRITH & THE BORDER", "PENRITH AND THE BORDERS"),
        ("PONTEFRACT & CASTLEFORD", "PONTEFRACT"), ("PUTNEY", "WANDSWORTHPUTNEY"),
        ("RICHMOND UPON THAMES", "RICHMOND (SURREY)"),
        ("RICHMOND (YORKS", "RICHMOND (YORKSHIRE)"), ("BETHNALL GREEN & BOW", "BETHNAL GREEN"),
        ("BIRMINGHAM NORTHFIELD", "BIRMINGHAMNORTHFIED"),
        ("SCARBOROUGH", "SCARBOROUGH AND WHITBY"), ("STRATFORD-ON-AVON", "STRATFORD"),
        ("STREATHAM", "WANDSWORTHSTREATHAM"), ("VAUXHALL", "LAMBETHVAUXHALL"),
        ("WOLVERHAMPTON NORTH EAST", "WOLVERHAMPTON N.E."),
        ("WOLVERHAMPTON SOUTH EAST", "WOLVERHAMPTON SE"),
        ("WOLVERHAMPTON SOUTH WEST", "WOLVERHAMPTON S.W."),
    ),
}
# 2005 English and Welsh seats whose name differs from 2001's (same seat).
RENAMED_2005 = (("RICHMOND (YORKS)", "RICHMOND"), ("YNYS MÔN", "YNYS-MON"))
# (boundary set, seat number, first election of a new seat on that number): Milton Keynes was
# split into Milton Keynes North East and Milton Keynes South West for 1992 (651 seats).
SPLIT = (("1983-1992", "17", "1992"),)
# Seats of a boundary set that are not in every one of its elections (checked).
PARTIAL_SEATS = {"1950-1951": {"bradford-south": ("1950",)},  # 1951 left out (INSEPARABLE)
                 "1983-1992": {"milton-keynes": ("1983", "1987"),
                               "milton-keynes-north-east": ("1992",),
                               "milton-keynes-south-west": ("1992",)}}

ALLY_ELECTIONS = ("1950", "1951")
ALLY_MIN_PCT = 10.0
# Seats where 1950-51 `oth` was moved to `con` (allies), and 1951 seats where it was Labour's.
ALLY_SEATS = {"1950": 57, "1951": 57}
LABOUR_IN_OTH = {"1951": ("BIRMINGHAM LADYWOOD", "NELSON AND COLNE", "DURHAM JARROW",
                          "MERTHYR TYDFIL", "MONMOUTHSHIRE EBBW VALE", "GLASGOW SHETTLESTON",
                          "AYRSHIRE AND BUTE SOUTH AYRSHIRE")}
# (election, name): (first group, second group) whose votes the file swapped.
SWAPPED = {("1951", "ST MARYLEBONE"): ("con", "lab"),
           ("1951", "HEREFORDSHIRE HEREFORD"): ("con", "lab")}
# (election, name): {group: votes} replacing the file's lumped `oth` (published result:
# Gateshead East 1950, Douglas Clift (National Liberal) 13,530, Konni Zilliacus (Independent
# Labour) 5,001; Arthur Moody (Labour) 15,249 won).
SPLIT_OTH = {("1950", "GATESHEAD EAST"): {"con": 13_530, "oth": 5_001}}
# (election, name): winner; rows left out because the file lumps two parties in one group.
INSEPARABLE = {("1951", "BRADFORD SOUTH"): "lab"}
# The Speaker's seat where the file counts the Speaker's votes under a party: (name, group).
SPEAKER_IN_PARTY = {"1950": ("NORTHUMBERLAND HEXHAM", "con"),
                    "1964": ("CITIES OF LONDON AND WESTMINSTER", "con"),
                    "1974O": ("WIRRAL", "con"), "1979": ("CARDIFFWEST", "lab"),
                    "1987": ("CROYDON NORTH EAST", "con")}
# Seats won by a candidate of none of the five groups (published record), by election.
OTHER_WINNERS = {
    "1950": ("NORTHUMBERLAND HEXHAM",),  # the Speaker (Clifton Brown)
    "1955": ("CIRENCESTER AND TEWKESBURY",),  # the Speaker (Morrison)
    "1959": ("CAITHNESS AND SUTHERLAND",),  # Sir David Robertson (Independent Conservative)
    "1964": ("CITIES OF LONDON AND WESTMINSTER",),  # the Speaker (Hylton-Foster)
    "1966": ("SOUTHAMPTONITCHEN",),  # the Speaker (King)
    "1970": ("SOUTHAMPTONITCHEN", "MERTHYR TYDFIL"),  # the Speaker; S. O. Davies (Ind Labour)
    "1974F": ("WIRRAL", "BLYTH", "LINCOLN"),  # the Speaker (Lloyd); Milne; Taverne
    "1974O": ("WIRRAL",),  # the Speaker (Lloyd)
    "1979": ("CARDIFFWEST",),  # the Speaker (Thomas)
    "1987": ("CROYDON NORTH EAST",),  # the Speaker (Weatherill)
    "1997": ("TATTON", "WEST BROMWICH WEST"),  # Martin Bell; the Speaker (Boothroyd)
    "2001": ("WYRE FOREST", "GLASGOW SPRINGBURN"),  # Richard Taylor; the Speaker (Martin)
    "2005": ("BETHNAL GREEN & BOW", "BLAENAU GWENT", "GLASGOW NORTH EAST", "WYRE FOREST"),
}
# Rows whose `total_votes` disagrees with the sum of the five groups (the file's total and
# turnout are shifted between the two Oct 1974 rows); valid_votes is the groups' sum everywhere.
TOTAL_MISMATCH = {("1974O", "MID OXFORDSHIRE"), ("1974O", "MID-BEDFORDSHIRE")}

# Seats per boundary-set pair that match (published 1992: 651 seats, Milton Keynes split).
MATCHED_2005 = 569

VOTES_UNIT = "votes"


def _votes_field(party: str, source: str) -> Field:
    return Field(party, "integer", f"Votes for {source}.", unit=VOTES_UNIT, minimum=0)


HISTORY = Table(
    path="results/history_1950_2005.csv",
    title="General elections 1950-2005 in Great Britain: votes by seat in five groups",
    description=(
        "Votes per seat at the sixteen general elections 1950 ... 2005 in Great Britain (Northern "
        "Ireland left out), from the Commons Library file of results 1918-2017 (CBP-8647), in "
        "its five vote groups: Conservative, Labour, Liberal (Liberal/SDP Alliance 1983-87, "
        "Liberal Democrat from 1992), SNP and Plaid Cymru, everything else. For backtesting seat "
        "models on the pairs of consecutive elections fought on unchanged boundaries "
        "(seatmap.elections.HISTORIC_PAIRS; 2001-2005 in England and Wales only). Corrections "
        "to the file, each checked against the published seat totals: 1950-51 Conservative "
        "allies (National Liberals) moved from `other` to `con` as the file does from 1955; "
        "seven 1951 Labour candidates filed under `other` moved to `lab`; St Marylebone and "
        "Hereford 1951 Con/Lab votes swapped back; Gateshead East 1950's lumped `other` split; "
        "the Speaker's votes moved to `other` where the file counted them for his party "
        "(1950, 1964, Oct 1974, 1979, 1987). Bradford South 1951 (Labour and the National "
        "Liberal lumped together) and the six unopposed seats of 1950-51 (all in Northern "
        "Ireland) are not included. See `note` per row."),
    sources=(HOC_1918,),
    fields=(
        Field("election", "string", "Election: 1950 ... 1970, 1974F (28 February 1974), 1974O "
              "(10 October 1974), 1979 ... 2005.", enum=HISTORIC_ELECTIONS),
        Field("boundary_set", "string", "Boundary set of the election, as named in the file.",
              enum=tuple(dict.fromkeys(BOUNDARY_SET.values()))),
        Field("code", "string", "Seat key, stable across the elections of a boundary set: "
              "'<boundary set>/<name slug>'. 2005's English and Welsh seats (unchanged from "
              "1997) carry their 1997-2001 key."),
        Field("name", "string", "Seat name (the file's name in the boundary set's first "
              "election, misspellings fixed, title case)."),
        Field("nation", "string", "England, Scotland or Wales.", enum=NATIONS[:3]),
        Field("region", "string", "Region (England) or nation, as the file assigns it."),
        Field("electorate", "integer", "Registered electors.", unit="electors", minimum=0),
        _votes_field("con", "the Conservatives (with their allies in 1950-51)"),
        _votes_field("lab", "Labour"),
        _votes_field("ld", "the Liberals, the SDP-Liberal Alliance (1983-87) or the Liberal "
                     "Democrats (the file's `lib`)"),
        _votes_field("snp", "the SNP (the file's `natSW` in Scotland)"),
        _votes_field("pc", "Plaid Cymru (the file's `natSW` in Wales)"),
        _votes_field("other", "everyone else (the file's `oth`: several candidates lumped "
                     "together, and the Speaker)"),
        Field("valid_votes", "integer", "Valid votes: the sum of the six groups.",
              unit=VOTES_UNIT, minimum=1),
        Field("winner", "string", "Winning group: the largest; `other` only for the Speaker's "
              "seat and independents of the published record.", enum=PARTIES),
        Field("note", "string", "Correction applied to the file's figures for this row.",
              required=False),
    ),
    primary_key=("election", "code"),
)

TABLES = [HISTORY]
RESOURCES: list[dict] = []


def seat_name(raw: str) -> str:
    """The file's upper-case name with misspellings fixed, in title case.

    Examples
    --------
    >>> seat_name("SHEFFILED NEEPSEND")
    'Sheffield Neepsend'
    >>> seat_name("STOKE ON TRENT NORTH")
    'Stoke on Trent North'
    """
    words = [SPELLING.get(w, w) for w in raw.strip().split()]
    out = " ".join(words).title()
    for small in ("And", "Of", "The", "On", "Upon", "In", "With", "By"):
        out = re.sub(rf"(?<=\S) {small}(?= |$)", f" {small.lower()}", out)
    return out.replace("'S ", "'s ").replace("'S", "'s")


def seat_slug(raw: str) -> str:
    """A seat name as a key: lower case, ``&`` as ``and``, words joined by hyphens.

    Examples
    --------
    >>> seat_slug("BETHNAL GREEN & BOW")
    'bethnal-green-and-bow'
    """
    text = seat_name(raw).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _letters(raw: str) -> str:
    words = [SPELLING.get(w, w) for w in raw.upper().replace("&", " AND ").split()]
    return re.sub(r"[^A-Z]", "", " ".join(words).replace("Ô", "O"))


def _tokens(raw: str) -> str:
    words = [SPELLING.get(w, w) for w in re.sub(r"[^A-Z ]", " ",
                                                   raw.upper().replace("&", " AND ")).split()]
    return " ".join(sorted(w for w in words if w not in ("AND", "THE", "OF")))


def _same_name(a: str, b: str, renamed: set) -> bool:
    return (_letters(a) == _letters(b) or _tokens(a) == _tokens(b)
            or (a, b) in renamed or (b, a) in renamed)


def _read(sources: Path) -> pd.DataFrame:
    raw = read_source(sources, "hoc1918", COLUMNS)
    raw = raw[raw["election"].isin(HISTORIC_ELECTIONS)].copy()
    got = raw.groupby("election").size()
    ensure(set(got.index) == set(HISTORIC_ELECTIONS),
           f"{WHAT}: elections missing: {sorted(set(HISTORIC_ELECTIONS) - set(got.index))}.")
    bad_set = raw["boundary_set"] != raw["election"].map(BOUNDARY_SET)
    ensure(not bad_set.any(), f"{WHAT}: unexpected boundary_set values "
                              f"{raw.loc[bad_set, ['election', 'boundary_set']].drop_duplicates()}.")
    unknown = set(raw["country/region"]) - set(REGIONS) - {NI}
    ensure(not unknown, f"{WHAT}: unknown country/region values {sorted(unknown)}.")
    return to_ints(raw, ["electorate", *[f"{g}_votes" for g in GROUPS], "total_votes"], WHAT)


def _drop_unopposed(raw: pd.DataFrame) -> pd.DataFrame:
    """Leave out seats with no votes (the file's negative codes), checking the published count."""
    votes = raw[[f"{g}_votes" for g in GROUPS]]
    special = (votes < 0).any(axis=1) | (raw["total_votes"] <= 0)
    per = raw[special].groupby("election").size().to_dict()
    ensure(per == UNOPPOSED, f"{WHAT}: seats with no votes (unopposed) per election {per}; the "
                             f"published unopposed returns are {UNOPPOSED}.")
    gb = special & (raw["country/region"] != NI)
    ensure(not gb.any(), f"{WHAT}: unopposed seats in Great Britain "
                         f"{raw.loc[gb, ['election', 'constituency']].values.tolist()}; they "
                         "would need a published winner here.")
    return raw[~special]


def _row(df: pd.DataFrame, election: str, name: str) -> pd.Index:
    hit = df.index[(df["election"] == election) & (df["constituency"] == name)]
    ensure(len(hit) == 1, f"{WHAT}: {election} {name!r} found {len(hit)} times, expected once; "
                          "the correction tables in seatmap/build/history.py need updating.")
    return hit


def _correct(gb: pd.DataFrame) -> pd.DataFrame:
    """Apply the checked corrections (module docstring) to the five vote groups."""
    df = gb.copy()
    df[[f"{grp}_votes" for grp in GROUPS]] = df[[f"{grp}_votes" for grp in GROUPS]].fillna(0)
    df["note"] = pd.Series(pd.NA, index=df.index, dtype="string")
    g = {grp: f"{grp}_votes" for grp in GROUPS}
    for eid, name in INSEPARABLE:
        df = df.drop(_row(df, eid, name))
    for (eid, name), (a, b) in SWAPPED.items():
        i = _row(df, eid, name)
        df.loc[i, [g[a], g[b]]] = df.loc[i, [g[b], g[a]]].to_numpy()
        df.loc[i, "note"] = f"{a} and {b} votes swapped back (the file has them the wrong way)"
    for (eid, name), parts in SPLIT_OTH.items():
        i = _row(df, eid, name)
        ensure(int(df.loc[i, g["oth"]].iloc[0]) == sum(parts.values()),
               f"{WHAT}: {eid} {name}: oth is not the published candidates' sum {parts}.")
        df.loc[i, g["oth"]] = 0
        for grp, v in parts.items():
            df.loc[i, g[grp]] += v
        df.loc[i, "note"] = "oth split into the National Liberal (con) and Independent Labour"
    for eid, names in LABOUR_IN_OTH.items():
        rows = df.index[(df["election"] == eid) & (df[g["lab"]] == 0) & (df[g["oth"]] > 0)]
        got = sorted(df.loc[rows, "constituency"])
        ensure(got == sorted(names), f"{WHAT}: {eid} seats with no Labour votes but 'oth' votes "
                                     f"are {got}; expected the Labour candidates {sorted(names)}.")
        df.loc[rows, g["lab"]] = df.loc[rows, g["oth"]]
        df.loc[rows, g["oth"]] = 0
        df.loc[rows, "note"] = "Labour candidate filed under oth in the file: moved to lab"
    for eid in ALLY_ELECTIONS:
        e = df["election"] == eid
        share = 100 * df[g["oth"]] / df[list(g.values())].sum(axis=1)
        rows = df.index[e & (df[g["con"]] == 0) & (share >= ALLY_MIN_PCT) & df["note"].isna()]
        ensure(len(rows) == ALLY_SEATS[eid],
               f"{WHAT}: {eid}: {len(rows)} seats with Conservative allies in oth, expected "
               f"{ALLY_SEATS[eid]}.")
        df.loc[rows, g["con"]] = df.loc[rows, g["oth"]]
        df.loc[rows, g["oth"]] = 0
        df.loc[rows, "note"] = "Conservative ally (National Liberal etc.) moved from oth to con"
    for eid, (name, grp) in SPEAKER_IN_PARTY.items():
        i = _row(df, eid, name)
        df.loc[i, g["oth"]] += df.loc[i, g[grp]]
        df.loc[i, g[grp]] = 0
        df.loc[i, "note"] = f"the Speaker's votes moved from {grp} to other"
    return df


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    """The file's columns as the table's: parties, nation, region, valid votes, winner."""
    region = df["country/region"].map(REGIONS)
    nation = np.where(region.isin(["Scotland", "Wales"]), region, "England")
    nat = df["natSW_votes"].fillna(0).astype("int64")
    out = pd.DataFrame({
        "election": df["election"], "boundary_set": df["boundary_set"],
        "raw_name": df["constituency"], "raw_id": df["constituency_id"],
        "nation": nation, "region": region, "electorate": df["electorate"],
        "con": df["con_votes"], "lab": df["lab_votes"], "ld": df["lib_votes"],
        "snp": np.where(nation == "Scotland", nat, 0), "pc": np.where(nation == "Wales", nat, 0),
        "other": df["oth_votes"], "note": df["note"]}, index=df.index)
    for p in PARTIES:
        out[p] = out[p].fillna(0).astype("int64")
    ensure(not ((nation == "England") & (nat > 0)).any(),
           f"{WHAT}: natSW votes in English seats.")
    out["valid_votes"] = out[list(PARTIES)].sum(axis=1)
    diff = out["valid_votes"] != df["total_votes"]
    got = set(zip(out.loc[diff, "election"], out.loc[diff, "raw_name"], strict=True))
    ensure(got == TOTAL_MISMATCH, f"{WHAT}: rows whose total_votes differs from the sum of the "
                                  f"groups: {sorted(got)}, expected {sorted(TOTAL_MISMATCH)}.")
    votes = out[list(PARTIES)].to_numpy()
    top = np.sort(votes, axis=1)
    ensure((top[:, -1] > top[:, -2]).all(), f"{WHAT}: a tie for first place.")
    out["winner"] = np.array(PARTIES)[votes.argmax(axis=1)]
    return out


def _check_other_winners(out: pd.DataFrame) -> None:
    got = out[out["winner"] == "other"].groupby("election")["raw_name"].apply(sorted).to_dict()
    want = {e: sorted(v) for e, v in OTHER_WINNERS.items()}
    ensure(got == want, f"{WHAT}: seats where 'other' polled most {got}; the published record's "
                        f"Speakers and independents are {want}. A lumped 'other' cannot be "
                        "counted as a win: check the seat's published result.")


def _keys(out: pd.DataFrame) -> pd.Series:
    """The seat key of every row (module docstring), with the checks on names and numbers."""
    code = pd.Series("", index=out.index, dtype="object")
    names = pd.Series("", index=out.index, dtype="object")
    split = {(s, i): e for s, i, e in SPLIT}
    for bset, rows in out.groupby("boundary_set").groups.items():
        if bset == "2005":
            continue
        part = out.loc[rows]
        renamed = set(RENAMED.get(bset, ()))
        order = {e: k for k, e in enumerate(HISTORIC_ELECTIONS)}
        part = part.assign(_o=part["election"].map(order)).sort_values("_o")
        first_name: dict = {}
        for i, r in part.iterrows():
            sid = r["raw_id"]
            if (bset, sid) in split and order[r["election"]] >= order[split[(bset, sid)]]:
                sid = f"{sid}/{split[(bset, sid)]}"
            if sid not in first_name:
                first_name[sid] = r["raw_name"]
            base = first_name[sid]
            ensure(_same_name(base, r["raw_name"], renamed),
                   f"{WHAT}: seat number {r['raw_id']} of {bset} is {base!r} and, in "
                   f"{r['election']}, {r['raw_name']!r}; if the same seat, add the pair to "
                   "RENAMED in seatmap/build/history.py, else to SPLIT.")
            code[i] = f"{bset}/{seat_slug(base)}"
            names[i] = seat_name(base)
        used = [(b, a) for a, b in renamed if not ((part["raw_name"] == b).any()
                                                     and (part["raw_name"] == a).any())]
        ensure(not used, f"{WHAT}: RENAMED pairs of {bset} not in the file: {used}.")
    # 2005: Scotland's new seats; England and Wales matched to 2001 by name.
    e05 = out["election"] == "2005"
    y01 = out[out["election"] == "2001"]
    by_letters = dict(zip(y01["raw_name"].map(_letters), y01.index, strict=True))
    alias = {_letters(a): _letters(b) for a, b in RENAMED_2005}
    matched = 0
    for i in out.index[e05]:
        r = out.loc[i]
        if r["nation"] == "Scotland":
            code[i] = f"2005/{seat_slug(r['raw_name'])}"
            names[i] = seat_name(r["raw_name"])
            continue
        key = _letters(r["raw_name"])
        j = by_letters.get(alias.get(key, key))
        ensure(j is not None, f"{WHAT}: 2005 seat {r['raw_name']!r} ({r['nation']}) has no "
                              "2001 seat of the same name; English and Welsh seats were "
                              "unchanged. Add the pair to RENAMED_2005.")
        code[i], names[i] = code[j], names[j]
        matched += 1
    ensure(matched == MATCHED_2005, f"{WHAT}: {matched} English and Welsh 2005 seats matched "
                                    f"to 2001, expected {MATCHED_2005}.")
    out = out.assign(code=code, name=names)
    dup = out.duplicated(["election", "code"], keep=False)
    ensure(not dup.any(), f"{WHAT}: two seats share a key: "
                          f"{out.loc[dup, ['election', 'raw_name', 'code']].values.tolist()}.")
    _check_partial(out)
    return out


def _check_partial(out: pd.DataFrame) -> None:
    """Every seat of a boundary set is in each of its elections, except :data:`PARTIAL_SEATS`."""
    for bset, part in out[out["boundary_set"] != "2005"].groupby("boundary_set"):
        elections = sorted(part["election"].unique())
        seen = part.groupby("code")["election"].apply(lambda s: tuple(sorted(s)))
        partial = {c.split("/", 1)[1]: e for c, e in seen.items() if len(e) != len(elections)}
        ensure(partial == PARTIAL_SEATS.get(bset, {}),
               f"{WHAT}: {bset}: seats not in every election {partial}; expected "
               f"{PARTIAL_SEATS.get(bset, {})}.")


def _check_record(out: pd.DataFrame) -> None:
    per = out.groupby("election").size()
    for eid in HISTORIC_ELECTIONS:
        extra = sum(1 for (e, _n) in INSEPARABLE if e == eid)
        ensure(int(per[eid]) + extra == GB_SEATS[eid],
               f"{WHAT}: {eid} has {per[eid]} + {extra} Great Britain seats, published "
               f"{GB_SEATS[eid]}.")
        won = out.loc[out["election"] == eid, "winner"].value_counts().to_dict()
        for (e, _n), w in INSEPARABLE.items():
            if e == eid:
                won[w] = won.get(w, 0) + 1
        ensure(won == SEATS_WON[eid], f"{WHAT}: {eid} seats won in Great Britain {won}; the "
                                      f"published record says {SEATS_WON[eid]}.")
    for eid, parties in VOTES.items():
        got = out[out["election"] == eid][list(parties)].sum().to_dict()
        ensure(got == parties, f"{WHAT}: {eid} votes in Great Britain {got}; published {parties}.")


def _check_uk_votes(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    ni = raw[raw["country/region"] == NI]
    for eid, parties in VOTES_UK.items():
        for party, published in parties.items():
            gb = int(out.loc[out["election"] == eid, party].sum())
            ni_votes = int(ni.loc[ni["election"] == eid, f"{party}_votes"].fillna(0).sum())
            off = (gb + ni_votes) / published - 1
            ensure(abs(off) <= VOTES_UK_TOL,
                   f"{WHAT}: {eid} {party} votes {gb:,} in Great Britain + {ni_votes:,} in "
                   f"Northern Ireland are {100 * off:+.2f}% off the published {published:,}.")


def history_table(sources: Path) -> pd.DataFrame:
    """The checked table (for :func:`build` and for tests that inspect the build's steps)."""
    raw = _drop_unopposed(_read(sources))
    gb = raw[raw["country/region"] != NI]
    out = _frame(_correct(gb))
    _check_other_winners(out)
    out = _keys(out)
    _check_record(out)
    _check_uk_votes(out, raw)
    return out[[f.name for f in HISTORY.fields]]


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build ``results/history_1950_2005.csv`` from the Commons Library 1918-2017 file.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Where to write; the file goes under ``out_dir/results/``.

    Returns
    -------
    list of Path
        The file written.

    Raises
    ------
    SourceMissingError
        If the source folder or file is absent.
    BuildCheckError
        If the file's layout changed, a correction no longer applies, or any election's Great
        Britain seats per party (or the checked vote totals) differ from the published record.
    """
    return [write_table(history_table(Path(sources)), HISTORY, Path(out_dir))]
