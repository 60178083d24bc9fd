"""2019-notional: Rallings & Thrasher's notional 2019 results on the 2024 boundaries."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...parties import party_code
from .._io import source_path
from .._schema import ensure
from .derive import melt, mismatch, party_rows, rank
from .sources import FILES, RT_2019, party_codes, read_source, to_ints

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



def ge2019_notional(sources: Path, cand2019: pd.DataFrame):
    """The notional 2019 results on the 2024 boundaries (Rallings & Thrasher) as seat and vote tables."""
    main = {f"{k}v": v for k, v in _RT_MAIN.items()}
    minor = {f"{k}v": v for k, v in _RT_MINOR.items()}
    cols = ["ONS code", "Boundary Comm name", '"turnout"', "electorate", *main, "TotOthv",
            *minor, "total_votes", "majority", "Win19", "Second19"]
    what = f"{RT_2019}/{FILES['rt2019'][1]}"
    raw = pd.read_csv(source_path(sources, RT_2019, FILES["rt2019"][1]), nrows=0)
    known = {*cols, "PA name", "PANO", "region_name", "country_name", "constituency_type",
             "Index_of_change", "MaxOthv", "blank2", "maj%"}
    extra = [c for c in raw.columns if c.strip().endswith("v") and c.strip() not in known]
    ensure(not extra, f"{what}: unknown vote columns {extra}; map them in _RT_MINOR.")
    rt = read_source(sources, "rt2019", cols)
    rt = to_ints(rt, [*main, "TotOthv", *minor, "total_votes", "majority", "electorate"], what)

    # Provisional Scottish codes -> final 2024 codes
    for old, (_, name) in _RT_CODE_REMAP.items():
        row = rt["ONS code"].eq(old)
        ensure(row.sum() == 1 and rt.loc[row, "Boundary Comm name"].iloc[0] == name,
                f"{what}: expected provisional code {old} for {name!r}; the file changed.")
    rt["ONS code"] = rt["ONS code"].replace({k: v[0] for k, v in _RT_CODE_REMAP.items()})
    rt = rt.set_index("ONS code")
    for code, wrong, right, n in _RT_CORRECTIONS:
        ensure(rt.loc[code, f"{wrong}v"] == n and not rt.loc[code, f"{right}v"] > 0,
                f"{what}: the known {wrong}->{right} error in {code} has changed; review "
                "_RT_CORRECTIONS.")
        rt.loc[code, f"{right}v"], rt.loc[code, f"{wrong}v"] = n, 0

    v = rt[[*main, "TotOthv", *minor]].fillna(0)
    bad = mismatch(v[list(main)].sum(axis=1) + v["TotOthv"], rt["total_votes"])
    ensure(not bad, f"{what}: main parties plus TotOthv differ from total_votes in {bad}.")
    win = party_codes(rt["Win19"], f"{what} Win19", strict=True)
    residual = v["TotOthv"] - v[list(minor)].sum(axis=1)
    odd = residual.index[residual.ne(0) & win.ne("speaker")]
    ensure(len(odd) == 0, f"{what}: minor columns do not add up to TotOthv in {list(odd)}.")
    v["Speaker"] = residual.where(win.eq("speaker"), 0)

    names = {**main, **{c: (party_code(n, strict=False), n) for c, n in minor.items()},
             "Speaker": ("speaker", "Speaker")}
    long = melt(v, names)
    ranked = rank(long, "ge2019-notional")
    votes = party_rows(long, "ge2019-notional")

    # Checks against the file's own winner, runner-up and majority
    bad = mismatch(ranked["winner"], win)
    ensure(not bad, f"{what}: computed winners differ from Win19 in {bad}.")
    second = party_codes(rt["Second19"], f"{what} Second19", strict=False)
    main_codes = {p for p, _ in _RT_MAIN.values()}
    named_second = rt["Second19"].ne("Other")
    bad = mismatch(ranked["runner_up"][named_second], second[named_second])
    ensure(not bad, f"{what}: computed runners-up differ from Second19 in {bad}.")
    ensure(not ranked["runner_up"][~named_second].isin(main_codes).any(),
            f"{what}: Second19 'Other' but a main party is second.")
    bad = mismatch(ranked["majority"], rt["majority"])
    ensure(not bad, f"{what}: computed majorities differ from the file's in {bad}.")
    # The minor-party mapping: notional national totals against the 2019 count
    actual = cand2019.groupby("party_name")["votes"].sum()
    notional = votes.groupby("party_name")["votes"].sum()
    for col in minor:
        name = minor[col]
        gap = abs(notional.get(name, 0) - actual.get(name, 0))
        ensure(gap <= 2, f"{what}: column {col} mapped to {name!r} totals "
                f"{notional.get(name, 0)} votes nationally but that party polled "
                f"{actual.get(name, 0)} in 2019; check _RT_MINOR.")
    turnout = rt['"turnout"'] - rt["total_votes"] / rt["electorate"] * 100
    ensure(turnout.abs().le(0.051).all(), f"{what}: turnout column inconsistent with votes.")

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


