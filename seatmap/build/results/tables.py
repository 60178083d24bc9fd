"""The results tables' schemas: per-election metadata (titles, sources, column meanings) and the
seat, votes and history tables built from it."""

from __future__ import annotations

from typing import Any

from ...elections import ELECTIONS
from ...parties import PARTIES
from .._schema import Field, Table
from .sources import BES, HOC_1918, HOC_2015, HOC_2017, HOC_2019, HOC_2024, RT_2019

PARTY_CODES = tuple(PARTIES)

_LAB = " Labour and Co-operative candidates are `lab`; the Brexit Party (2019) is `reform`."
META: dict[str, dict[str, Any]] = {
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


def file_stub(eid: str) -> str:
    """The path of an election's tables without its ending (``results/ge2019``)."""
    return f"results/ge{eid}"


def seat_table(eid: str) -> Table:
    """The schema of an election's seat table (one row per seat)."""
    m, req = META[eid], META[eid]["required"]

    def r(name: str) -> bool:
        return req.get(name, True)

    return Table(
        path=f"{file_stub(eid)}.csv",
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


def votes_table(eid: str) -> Table:
    """The schema of an election's votes table (one row per seat and party)."""
    m = META[eid]
    return Table(
        path=f"{file_stub(eid)}_votes.csv",
        title=m["title"].replace("results by seat", "votes by seat and party")
        if "results by seat" in m["title"] else m["title"] + ": votes by seat and party",
        description=m["votes_about"] + " Votes of a seat sum to its `valid_votes` in "
        f"`{file_stub(eid)}.csv`.",
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

TABLES = [t for eid in ELECTIONS if eid in META for t in (seat_table(eid), votes_table(eid))] + [HISTORY]
RESOURCES: list[dict] = []
TABLE_BY_PATH = {t.path: t for t in TABLES}
