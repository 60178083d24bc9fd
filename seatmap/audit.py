"""An open audit of the quantitative claims in the 2020 report on Labour's 2019 defeat.

Each claim is tested on the bundled data under every reasonable definition the data allow, and
gets a verdict with its evidence: *supported*, *supported under some definitions* (the range is
shown), *not supported*, or a precise partial verdict where the data support one part of a claim
and not another (the blue-collar claim's Labour figures; the city claim's direction but not its
size). :func:`audit_claims` returns the results (analysis only: no files); the Markdown report
and its maps are written by :func:`seatmap.reports.audit_report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .datasets import load_results, load_seats

__all__ = ["CLAIMS", "HELD_BACK_PLACES", "Claim", "Evidence", "audit_claims", "change_2019",
           "frames"]

SUPPORTED = "Supported"
PARTLY = "Supported under some definitions"
NOT_SUPPORTED = "Not supported"

CITY_CLASSES = ("Core City (London)", "Core City (outside London)", "Other City")
TOWN_CLASSES = ("Large Town", "Medium Town", "Small Town")


@dataclass
class Evidence:
    """One definition of a claim and what the data say under it."""

    definition: str
    finding: str
    supports: bool


@dataclass
class Claim:
    """A claim from the report, the evidence for and against it, and a verdict."""

    key: str
    quote: str
    evidence: list[Evidence] = field(default_factory=list)
    table: pd.DataFrame | None = None
    notes: str = ""
    #: A more precise verdict than the evidence count gives (set from the figures, never fixed).
    precise: str | None = None

    @property
    def verdict(self) -> str:
        """``Supported`` if every definition supports it, ``Not supported`` if none does.

        A claim with a ``precise`` verdict (one part supported, another not) returns that.
        """
        if self.precise:
            return self.precise
        hits = [e.supports for e in self.evidence]
        if hits and all(hits):
            return SUPPORTED
        return PARTLY if any(hits) else NOT_SUPPORTED


def frames(seats19: pd.DataFrame | None = None, seats17: pd.DataFrame | None = None):
    """The 2019 seat frame and the 2017 results on the same seats (loaded when not given)."""
    s19 = load_seats(2019, geometry=False) if seats19 is None else seats19
    s17 = load_results(2017) if seats17 is None else seats17
    return s19, s17.reindex(s19.index)


def _lost_heartlands(s19, s17) -> Claim:
    c = Claim("heartlands", "Labour lost 48 seats it had previously held for many generations "
              "and which had voted to leave.")
    lab17 = s17["winner"].eq("lab")
    # Chorley (Labour in 2017) went to the Speaker, Lindsay Hoyle: not a seat Labour lost to a party
    lost = lab17 & s19["winner"].ne("lab") & s19["winner"].ne("speaker")
    con_gain = lab17 & s19["winner"].eq("con")
    leave = s19["leave_pct"].gt(50)
    since05 = s19[["winner_2005", "winner_2010", "winner_2015", "winner_2017"]].eq("lab").all(axis=1)
    plain_lab = s19["result"].eq("Con gain from Lab")
    cases = [
        ("Conservative gains whose result reads 'Con gain from Lab' (48; the other 6 read "
         "'Con gain from Lab Coop'), that voted leave", plain_lab & leave),
        ("All seats Labour lost to another party in 2019 (not Chorley, the Speaker's seat) that "
         "voted leave", lost & leave),
        ("Conservative gains from Labour (54) that voted leave", con_gain & leave),
        ("...and Labour-held at every election 2005 (notional) to 2017", con_gain & leave & since05),
    ]
    for text, mask in cases:
        n = int(mask.sum())
        c.evidence.append(Evidence(text, f"{n} seats", abs(n - 48) <= 3))
    c.notes = ("A definition supports the claim when it counts 48 seats give or take 3. 'Many "
               "generations' cannot be tested before 2005 on these boundaries: the sources hold "
               "results on the 2010 set from 2005 (notional) only. Leave is Hanretty's estimate or "
               "a count where one exists; 'voted leave' means over 50%.")
    cols = ["name", "region", "majority", "leave_pct", "winner_2005"]
    table = s19.loc[con_gain, cols].copy()
    table["held_since_2005"] = since05[con_gain]
    c.table = table.sort_values("leave_pct", ascending=False)
    return c


def _marginals(s19, _s17) -> Claim:
    from .targeting import defences, targets

    c = Claim("marginals", "In almost every single marginal seat, the leave vote was dominant.")
    gb = s19["nation"].ne("Northern Ireland")
    lab_con = s19["winner"].isin(["lab", "con"]) & s19["runner_up"].isin(["lab", "con"])
    battleground = s19.index.isin(targets("lab", seats=s19, max_swing=5).index.union(
        defences("lab", seats=s19, max_swing=5).index))
    defs = [
        ("Labour's battleground: its targets and defences within a 5-point swing",
         pd.Series(battleground, index=s19.index)),
        ("majority under 5% of valid votes (GB)", s19["majority_pct"].lt(5) & gb),
        ("majority under 10% (GB)", s19["majority_pct"].lt(10) & gb),
        ("majority under 2,000 votes (GB)", s19["majority"].lt(2000) & gb),
        ("Labour-Conservative contests with majority under 10%", s19["majority_pct"].lt(10) & lab_con),
    ]
    for text, mask in defs:
        n = int(mask.sum())
        leave = int((mask & s19["leave_pct"].gt(50)).sum())
        share = 100 * leave / n if n else float("nan")
        c.evidence.append(Evidence(f"Marginal = {text}",
                                   f"{leave} of {n} marginals voted leave ({share:.0f}%)",
                                   share >= 90))
    c.notes = ("'Almost every' is read as at least 90% of marginals. Leave share is the 2016 "
               "estimate or count on 2019 boundaries.")
    return c


def _city_mps(s19, s17) -> Claim:
    c = Claim("city_mps", "65% of Labour MPs represent city constituencies, nearly double the "
              "number who represent town constituencies.")
    lab = s19[s19["winner"].eq("lab")]
    n = len(lab)
    lab17 = s19[s17["winner"].eq("lab")]
    defs = [
        ("settlement: city classes hold at least half the population (Commons Library classes)",
         lab["settlement"].eq("city"), lab["settlement"].eq("town")),
        ("largest single class is a city class",
         lab["primary_class"].isin(CITY_CLASSES), lab["primary_class"].isin(TOWN_CLASSES)),
        ("largest class is a core city (London or outside)",
         lab["primary_class"].str.startswith("Core City"),
         lab["primary_class"].isin(TOWN_CLASSES)),
    ]
    defs.append(("as the first, for the 262 Labour MPs elected in 2017",
                 lab17["settlement"].eq("city"), lab17["settlement"].eq("town")))
    pcts, ratios = [], []
    for i, (text, city, town) in enumerate(defs):
        nc, nt, n = int(city.sum()), int(town.sum()), len(city)
        pct, ratio = 100 * nc / n, nc / nt if nt else float("inf")
        if i < 3:  # the claim is about the MPs elected in 2019
            pcts.append(pct)
            ratios.append(ratio)
        c.evidence.append(Evidence(
            text, f"{nc} of {n} Labour MPs ({pct:.0f}%) city, {nt} town: ratio {ratio:.2f}",
            abs(pct - 65) <= 3 and 1.7 <= ratio <= 2.3))
    if not any(e.supports for e in c.evidence) and min(ratios) > 1:
        c.precise = (f"Direction holds, size does not: {min(pcts):.0f}-{max(pcts):.0f}% of "
                     f"Labour MPs sit for city seats (claim 65%), {min(ratios):.2f}-"
                     f"{max(ratios):.2f} times as many as for town seats (claim nearly double)")
    c.notes = ("Labour MPs elected in 2019 (202) unless stated. 'Nearly double' is read as a "
               "city:town ratio between 1.7 and 2.3; '65%' as within 3 points. Northern Ireland "
               "is unclassified (no Labour MPs there). On the 2024 boundaries the Centre for "
               "Cities puts 66.8% of 2024's England and Wales Labour MPs in its 'City' class, a "
               "different concept (inside a Primary Urban Area) on different seats.")
    return c


def _blue_collar(s19, s17) -> Claim:
    c = Claim("blue_collar", "In 2017 Labour won 72 of the 100 seats with the largest numbers of "
              "blue-collar workers; by 2019, 51. The Conservatives won 17 and 31.")
    gb = s19["routine_pct"].notna()
    ew = gb & s19["nation"].isin(["England", "Wales"])
    nssec57 = s19["nssec_lower_supervisory_pct"] + s19["routine_pct"]
    defs = [
        ("NS-SeC 6-7 (semi-routine and routine) share, Great Britain", s19["routine_pct"], gb),
        ("NS-SeC 5-7 share, Great Britain", nssec57, gb),
        ("NS-SeC 5-7 share, England and Wales", nssec57, ew),
        ("NS-SeC 6-7 head count (share x population), England and Wales",
         s19["routine_pct"] * s19["population"], ew),
    ]
    rows = []
    for text, measure, universe in defs:
        top = measure[universe].nlargest(100).index
        got = {f"{p}_{y}": int(frame.loc[top, "winner"].eq(p).sum())
               for y, frame in (("2017", s17), ("2019", s19)) for p in ("lab", "con")}
        rows.append({"definition": text, **got})
        lab_ok = abs(got["lab_2017"] - 72) <= 3 and abs(got["lab_2019"] - 51) <= 3
        con_ok = abs(got["con_2017"] - 17) <= 3 and abs(got["con_2019"] - 31) <= 3
        c.evidence.append(Evidence(f"{text}: Labour (claim 72 -> 51)",
                                   f"Labour {got['lab_2017']} -> {got['lab_2019']}", lab_ok))
        c.evidence.append(Evidence(f"{text}: Conservatives (claim 17 -> 31)",
                                   f"Conservatives {got['con_2017']} -> {got['con_2019']}", con_ok))
    c.table = pd.DataFrame(rows).set_index("definition")
    lab_hits = [e.supports for e in c.evidence[0::2]]
    con_hits = [e.supports for e in c.evidence[1::2]]
    if any(lab_hits) and not any(con_hits):
        c.precise = "Partly supported (Labour's figures only)"
    c.notes = ("Census 2011 NS-SeC (residents 16-74). The report's exact definition of "
               "'blue-collar' is not stated; a row supports the claim when both figures are within "
               "3 seats. The Labour figures are reproducible; no definition here gets the "
               "Conservatives as low as 17 in 2017.")
    return c


def _named_seats(s19, _s17) -> Claim:
    from .targeting import defences, targets

    c = Claim("named_seats", "Bury North, Blyth Valley and Dewsbury have slim Tory majorities; "
              "Weaver Vale, Normanton, Pontefract and Castleford and Stockton North are seats "
              "to defend.")
    t = targets("lab", election=2019, seats=s19)
    d = defences("lab", election=2019, against="con", seats=s19)
    rows = []
    for name, ranked, role in [("Bury North", t, "target"), ("Blyth Valley", t, "target"),
                               ("Dewsbury", t, "target"), ("Weaver Vale", d, "defence"),
                               ("Normanton, Pontefract and Castleford", d, "defence"),
                               ("Stockton North", d, "defence")]:
        code = s19.index[s19["name"].eq(name)][0]
        row = s19.loc[code]
        rank = int(ranked.loc[code, "rank"]) if code in ranked.index else None
        rows.append({"seat": name, "role": role, "winner": row["winner"],
                     "majority": int(row["majority"]), "majority_pct": row["majority_pct"],
                     "rank_in_list": rank, "list_length": len(ranked)})
        ok = row["majority_pct"] < 5 and (rank is not None and rank <= 50)
        holder = "Conservative" if role == "target" else "Labour"
        c.evidence.append(Evidence(
            f"{name}: {holder} majority under 5% and in Labour's top 50 {role}s",
            f"{row['winner']} majority {int(row['majority']):,} ({row['majority_pct']:.1f}%), "
            f"rank {rank} of {len(ranked)} {role}s", ok))
    c.table = pd.DataFrame(rows).set_index("seat")
    c.notes = ("Targets ranked by the swing Labour needs; defences by the swing to the "
               "Conservatives that would lose the seat (seatmap.targets / seatmap.defences).")
    return c


#: The report's held-back places, as the small areas locate them (2024 seats, 2021 wards).
HELD_BACK_PLACES = {
    "Bournemouth": ("the seats Bournemouth East and Bournemouth West",
                    lambda a: a["seat_name"].isin(["Bournemouth East", "Bournemouth West"])),
    "Bangor": ("Gwynedd neighbourhoods named Bangor (Bangor City, Bangor South)",
               lambda a: a["la_name"].eq("Gwynedd") & a["neighbourhood"].str.startswith("Bangor")),
    "Bradford": ("the City of Bradford district (Bradford, Keighley, Shipley, Ilkley)",
                 lambda a: a["la_name"].eq("Bradford")),
    "Bonnyrigg": ("Midlothian's Bonnyrigg ward", lambda a: a["neighbourhood"].eq("Bonnyrigg")),
}
_HELD_BACK = {"decile": ("imd_uk_decile", "the UK's most deprived tenth"),
              "quintile": ("imd_uk_quintile", "the UK's most deprived fifth")}


def _held_back_places(_s19, _s17) -> Claim:
    from .datasets import load_small_areas

    c = Claim("held_back_places", "There are held-back areas \"from Bournemouth to Bangor to "
              "Bradford to Bonnyrigg\".")
    areas = load_small_areas("2024")
    rows = []
    for place, (where, pick) in HELD_BACK_PLACES.items():
        mine = areas[pick(areas)]
        row: dict[str, Any] = {"place": place, "small_areas": len(mine),
                               "people": int(mine["population"].sum())}
        for key, (col, words) in _HELD_BACK.items():
            held = mine[mine[col].eq(1)]
            people = int(held["population"].sum())
            row[f"{key}_small_areas"], row[f"{key}_people"] = len(held), people
            c.evidence.append(Evidence(
                f"{place} ({where}): small areas in {words}",
                f"{len(held)} of {len(mine)} small areas, {people:,} of "
                f"{row['people']:,} people ({100 * people / row['people']:.0f}%)", len(held) > 0))
        rows.append(row)
    c.table = pd.DataFrame(rows).set_index("place")
    c.notes = ("Held back is read as living in a small area (LSOA, data zone) in the UK's most "
               "deprived tenth, or fifth, of mySociety's composite UK index (population "
               "groups; 2019 populations). Bangor is read as the Welsh city (Northern Ireland's "
               "Bangor, in North Down, has one such area under the fifth). A place's small "
               "areas are found through the labels of seatmap.load_small_areas.")
    return c


def _pilots_below_the_seat(s19, _s17) -> Claim:
    from .heldback import DEFAULT_REGIONS, communities

    c = Claim("pilots_below_the_seat", "Three pilots in each region in held-back communities.")
    seats24 = load_seats("2024", geometry=False)
    for key, (_col, words) in _HELD_BACK.items():
        comm = communities("2024", level=key)
        ok = []
        for reg in DEFAULT_REGIONS:
            mine = comm[comm["region"].eq(reg)]
            ok.append(mine["la_code"].nunique() >= 3)
        c.evidence.append(Evidence(
            f"Communities of {words} in three different councils, in each of England's nine "
            "regions, Wales and Scotland",
            f"{sum(ok)} of {len(ok)} regions ({len(comm):,} communities, "
            f"{int(comm['population'].sum()):,} people, in {comm['seat'].nunique()} seats)",
            all(ok)))
    # what seat averages hide (2024 seats, most deprived tenth)
    comm = communities("2024")
    median = seats24["imd_uk_score"].median()
    calm = comm[comm["seat_imd_uk_score"] < median]
    not_top = comm[comm["seat_imd_uk_decile"] > 1]
    old = communities("2019")  # 2010 seats: the Commons Library's town and city classes
    cls = s19["primary_class"].reindex(old["seat"]).to_numpy()
    people = old["population"].to_numpy()
    town = people[pd.Series(cls).isin(TOWN_CLASSES).to_numpy()].sum()
    city = people[pd.Series(cls).isin(CITY_CLASSES).to_numpy()].sum()
    total = people.sum()
    everyone = int(comm["population"].sum())

    def row(finding, count, people, of=everyone):
        return {"finding": finding, "count": "" if count is None else f"{count:,}",
                "people": f"{int(people):,}",
                "share_of_people_pct": round(100 * people / of, 1)}

    rows = [
        row("held-back communities (most deprived tenth; 2024 seats)", len(comm), everyone),
        row("... in seats less deprived than the median seat", len(calm),
            calm["population"].sum()),
        row("... in seats outside the most deprived tenth of seats", len(not_top),
            not_top["population"].sum()),
        row(f"seats holding one (the most deprived tenth of seats: "
            f"{int(seats24['imd_uk_decile'].eq(1).sum())} seats)", comm["seat"].nunique(),
            everyone),
        row("people of the most deprived tenth in town seats (2010 seats, Commons Library "
            "classes)", None, town, total),
        row("... in city seats", None, city, total),
    ]
    c.table = pd.DataFrame(rows).set_index("finding")
    c.notes = ("A region qualifies when its held-back communities (clusters of neighbouring "
               "small areas, centres within 1 km, in one seat: seatmap.communities) lie in at "
               "least three councils, so three pilots can each have their own. The table shows "
               "what seat averages hide: held-back communities in seats whose average is "
               "unremarkable, and where the people of the most deprived tenth live by the "
               "class of their seat. Computed, not typed: `seatmap communities` lists them.")
    return c


CLAIMS = (_lost_heartlands, _marginals, _city_mps, _blue_collar, _named_seats,
          _held_back_places, _pilots_below_the_seat)


def audit_claims(seats19: pd.DataFrame | None = None,
                 seats17: pd.DataFrame | None = None) -> list[Claim]:
    """Test each of the report's quantitative claims on the bundled data.

    Returns
    -------
    list of Claim
        Each with its evidence under several definitions, a verdict and a supporting table.

    Examples
    --------
    >>> claims = audit_claims()
    >>> [c.key for c in claims][:2]
    ['heartlands', 'marginals']
    >>> claims[-1].verdict
    'Supported'
    """
    s19, s17 = frames(seats19, seats17)
    return [fn(s19, s17) for fn in CLAIMS]


def change_2019(s19: pd.DataFrame, s17: pd.DataFrame) -> pd.Series:
    """What happened in 2019 to the seats Labour won in 2017: a category per seat.

    ``"Labour hold"``, ``"Conservative gain from Labour"`` or ``"Other seats"``.
    """
    lab17 = s17["winner"].eq("lab")
    out = pd.Series("Other seats", index=s19.index, name="2019 change")
    out[lab17 & s19["winner"].eq("con")] = "Conservative gain from Labour"
    out[lab17 & s19["winner"].eq("lab")] = "Labour hold"
    return out
