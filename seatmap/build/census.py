"""Census measures by constituency: Census 2011 on the 2010 set, Census 2021 on the 2024 set.

Writes ``attributes/census2011_pcon2010.csv`` (Great Britain, from the British Election Study's
constituency file) and ``attributes/census2021_pcon2024.csv`` (Census 2021 in England and Wales,
Scotland's Census 2022 for the measures it offers, from Ralph Scott's constituency summaries,
CC BY-SA 4.0). Concepts both censuses measure share one column name (``routine_pct``,
``nssec_5_7_pct``, ``level4_pct``, ``no_quals_pct``, the nine ``nssec_`` classes), so a model can
use either census.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ._attr import (
    BUILD_DOC,
    SEATS_PER_NATION_2010,
    check_seat_codes,
    code_field,
    ensure,
    expect_figure,
    pct_field,
    read_sheet,
    require_columns,
    source_path,
)
from ._io import write_table
from ._schema import Field, Table

__all__ = ["RESOURCES", "TABLES", "build"]

BES = "census-bes-2019-results-census2011"
BES_FILE = "BES-2019-General-Election-results-file-v1.1.xlsx"

# Census 2011 columns in the BES file (KS611 NS-SeC of residents 16-74; KS501 qualifications)
NSSEC = {
    "nssec_higher_pct": ("c11NSSECHigherManager", "c11NSSECHigherProfessional"),
    "nssec_lower_managerial_pct": ("c11NSSECLowerManager",),
    "nssec_intermediate_pct": ("c11NSSECIntermediate",),
    "nssec_small_employer_pct": ("c11NSSECSmallEmployer",),
    "nssec_lower_supervisory_pct": ("c11NSSECLowerSupervisor",),
    "nssec_semi_routine_pct": ("c11NSSECSemiRoutine",),
    "nssec_routine_pct": ("c11NSSECRoutine",),
    "nssec_never_worked_pct": ("c11NSSECNeverWorked", "c11NSSECLongtermUnemployed"),
    "nssec_student_pct": ("c11FulltimeStudent",),
}



_NSSEC_TEXT = "Share of usual residents aged 16-74 in NS-SeC "
CENSUS_2010 = Table(
    path="attributes/census2011_pcon2010.csv",
    title="Census 2011: social class and qualifications by constituency (Great Britain)",
    description=(
        "Census 2011 measures for the 632 seats of Great Britain (2010 boundary set) from the "
        "British Election Study 2019 constituency file (ONS and NRS census tables KS611 NS-SeC, "
        "KS501 highest qualification). The nine NS-SeC columns sum to 100% of residents aged "
        "16-74. `routine_pct` (NS-SeC 6 + 7) is the usual 'blue-collar' proxy (the file has no "
        "social grade or occupation table). Scotland's census uses Scottish qualification "
        "levels, so level4_pct and no_quals_pct are close but not identical in definition "
        "there, and degree_pct is empty. Northern Ireland is not in the file."),
    sources=(BES,),
    fields=(
        code_field("2010"),
        Field("population", "integer", "Usual resident population, Census 2011 (KS101).",
              unit="persons", minimum=0),
        pct_field("nssec_higher_pct", _NSSEC_TEXT + "1: large employers, higher managerial, "
             "administrative and professional occupations."),
        pct_field("nssec_lower_managerial_pct", _NSSEC_TEXT + "2: lower managerial, administrative "
             "and professional occupations."),
        pct_field("nssec_intermediate_pct", _NSSEC_TEXT + "3: intermediate occupations."),
        pct_field("nssec_small_employer_pct", _NSSEC_TEXT + "4: small employers and own account "
             "workers."),
        pct_field("nssec_lower_supervisory_pct", _NSSEC_TEXT + "5: lower supervisory and technical "
             "occupations."),
        pct_field("nssec_semi_routine_pct", _NSSEC_TEXT + "6: semi-routine occupations."),
        pct_field("nssec_routine_pct", _NSSEC_TEXT + "7: routine occupations."),
        pct_field("nssec_never_worked_pct", _NSSEC_TEXT + "8: never worked and long-term "
             "unemployed."),
        pct_field("nssec_student_pct", "Share of usual residents aged 16-74 who are full-time "
             "students (not classified by NS-SeC)."),
        pct_field("routine_pct", "NS-SeC 6 + 7 (semi-routine and routine occupations): share of "
             "residents aged 16-74."),
        pct_field("nssec_5_7_pct", "NS-SeC 5 + 6 + 7 (lower supervisory and technical, semi-routine "
             "and routine occupations): share of residents aged 16-74."),
        pct_field("level4_pct", "Share of usual residents aged 16+ whose highest qualification is "
             "level 4 or above (degree, HND, professional qualifications)."),
        pct_field("no_quals_pct", "Share of usual residents aged 16+ with no qualifications."),
        pct_field("degree_pct", "Share of usual residents aged 16+ with a university degree (BES "
             "c11Degree; England and Wales only, empty in Scotland).", required=False),
    ),
    rows=632,
    primary_key=("code",),
)

SCOTT = "census-scott-2021-pcon2024"
SCOTT_FILE = "2024-UK-General-Election-Census-Constituency-Summaries-File-v1.1.csv"
SHARE_ALIKE = (
    "Licence: CC BY-SA 4.0 (Ralph Scott's file). Attribution: 'Census 2021 constituency "
    "summaries: Ralph Scott, 2024 UK General Election Census Constituency Summaries File v1.1 "
    "(CC BY-SA 4.0), from ONS Census 2021 and Scotland's Census 2022 (Crown copyright, OGL v3).' "
    "ShareAlike: this table is derived from a CC BY-SA 4.0 file, so if you share it or data "
    "derived from it, share that under CC BY-SA 4.0 too, with the attribution above.")

# Census 2021 column -> the file's c21 columns it sums, and who has it: "GB" (England, Wales and
# Scotland) or "EW" (England and Wales only: Scotland's census tool did not offer the measure).
_C21 = "c21"
CENSUS21: dict[str, tuple[tuple[str, ...], str]] = {
    # NS-SeC (usual residents aged 16+), the nine columns of the 2011 table
    **{col: (tuple(p.replace("c11", _C21).replace("FulltimeStudent", "NSSECFulltimeStudent")
                   for p in parts), "EW") for col, parts in NSSEC.items()},
    # highest qualification (usual residents aged 16+)
    "no_quals_pct": (("c21QualNone",), "EW"),
    "qual_level1_pct": (("c21QualLevel1",), "EW"),
    "qual_level2_pct": (("c21QualLevel2",), "EW"),
    "qual_apprentice_pct": (("c21QualApprentice",), "EW"),
    "qual_level3_pct": (("c21QualLevel3",), "EW"),
    "level4_pct": (("c21QualLevel4",), "EW"),
    "qual_other_pct": (("c21QualOther",), "EW"),
    # age (usual residents)
    "age_0_15_pct": (("c21Age0to4", "c21Age5to9", "c21Age10to15"), "GB"),
    "age_16_24_pct": (("c21Age16to19", "c21Age20to24"), "GB"),
    "age_25_34_pct": (("c21Age25to29", "c21Age30to34"), "GB"),
    "age_35_49_pct": (("c21Age35to39", "c21Age40to44", "c21Age45to49"), "GB"),
    "age_50_64_pct": (("c21Age50to54", "c21Age55to59", "c21Age60to64"), "GB"),
    "age_65_74_pct": (("c21Age65to69", "c21Age70to74"), "GB"),
    "age_75_plus_pct": (("c21Age75to79", "c21Age80to84", "c21Age85plus"), "GB"),
    # tenure (households)
    "owned_outright_pct": (("c21HouseOutright",), "EW"),
    "owned_mortgage_pct": (("c21HouseMortgage",), "EW"),
    "social_rent_council_pct": (("c21HouseSocialLA",), "EW"),
    "social_rent_other_pct": (("c21HouseSocialOther",), "EW"),
    "private_rent_pct": (("c21HousePrivateLandlord",), "EW"),
    "private_rent_other_pct": (("c21HousePrivateOther",), "EW"),
    # cars or vans (households)
    "cars_none_pct": (("c21CarsNone",), "EW"),
    "cars_one_pct": (("c21CarsOne",), "EW"),
    "cars_two_plus_pct": (("c21CarsTwo", "c21CarsThree", "c21CarsFour"), "EW"),
    # general health (usual residents)
    "health_good_pct": (("c21HealthVeryGood", "c21HealthGood"), "EW"),
    "health_fair_pct": (("c21HealthFair",), "EW"),
    "health_bad_pct": (("c21HealthBad", "c21HealthVeryBad"), "EW"),
    # industry (usual residents aged 16+ in employment)
    **{f"industry_{k}_pct": ((f"c21Industry{v}",), "EW") for k, v in {
        "agriculture": "Agriculture", "mining": "Mining", "manufacturing": "Manufacturing",
        "energy": "ElectricitySupply", "water": "WaterSupply", "construction": "Construction",
        "wholesale_retail": "Wholesale", "transport": "Transport",
        "accommodation": "Accommodation", "communication": "Communication",
        "finance": "Finance", "real_estate": "RealEstate", "professional": "Professional",
        "administrative": "Administrative", "public_administration": "PublicAdministration",
        "education": "Education", "health_social_work": "SocialWork", "other": "Other"}.items()},
    # ethnic group (usual residents)
    "ethnicity_white_pct": (("c21EthnicityWhite",), "GB"),
    "ethnicity_white_british_pct": (("c21EthnicityWhiteBritish",), "GB"),
    "ethnicity_mixed_pct": (("c21EthnicityMixed",), "GB"),
    "ethnicity_asian_pct": (("c21EthnicityAsian",), "GB"),
    "ethnicity_black_pct": (("c21EthnicityBlack",), "GB"),
    "ethnicity_other_pct": (("c21EthnicityOther",), "GB"),
    # country of birth (usual residents)
    "born_uk_pct": (("c21BornEngland", "c21BornNI", "c21BornScotland", "c21BornWales",
                     "c21BornGBNotSpecified", "c21BornUKNotSpecified"), "GB"),
    "born_ireland_pct": (("c21BornIreland",), "GB"),
    "born_other_europe_pct": (("c21BornOtherEurope",), "GB"),
    "born_africa_pct": (("c21BornAfrica",), "GB"),
    "born_middle_east_asia_pct": (("c21BornMiddleEastAndAsia",), "GB"),
    "born_americas_pct": (("c21BornAmericasAndCaribbean",), "GB"),
    "born_oceania_pct": (("c21BornOceania",), "GB"),
}
# groups that sum to 100 (to one-decimal rounding) in every seat that has them
CENSUS21_TOTALS = {
    "NS-SeC": list(NSSEC),
    "qualifications": ["no_quals_pct", "qual_level1_pct", "qual_level2_pct",
                       "qual_apprentice_pct", "qual_level3_pct", "level4_pct", "qual_other_pct"],
    "age": [c for c in CENSUS21 if c.startswith("age_")],
    "tenure": ["owned_outright_pct", "owned_mortgage_pct", "social_rent_council_pct",
               "social_rent_other_pct", "private_rent_pct", "private_rent_other_pct"],
    "cars": ["cars_none_pct", "cars_one_pct", "cars_two_plus_pct"],
    "health": ["health_good_pct", "health_fair_pct", "health_bad_pct"],
    "industry": [c for c in CENSUS21 if c.startswith("industry_")],
    "ethnicity": ["ethnicity_white_pct", "ethnicity_mixed_pct", "ethnicity_asian_pct",
                  "ethnicity_black_pct", "ethnicity_other_pct"],
    "country of birth": [c for c in CENSUS21 if c.startswith("born_")],
}

_21 = "Census 2021 (England and Wales only: empty in Scotland, whose census tool did not offer it)"
_NSSEC21 = "Share of usual residents aged 16+ in NS-SeC "
_DESCRIPTIONS_21 = {
    "nssec_higher_pct": _NSSEC21 + "1: large employers, higher managerial, administrative and "
                        "professional occupations.",
    "nssec_lower_managerial_pct": _NSSEC21 + "2: lower managerial, administrative and "
                                  "professional occupations.",
    "nssec_intermediate_pct": _NSSEC21 + "3: intermediate occupations.",
    "nssec_small_employer_pct": _NSSEC21 + "4: small employers and own account workers.",
    "nssec_lower_supervisory_pct": _NSSEC21 + "5: lower supervisory and technical occupations.",
    "nssec_semi_routine_pct": _NSSEC21 + "6: semi-routine occupations.",
    "nssec_routine_pct": _NSSEC21 + "7: routine occupations.",
    "nssec_never_worked_pct": _NSSEC21 + "8: never worked and long-term unemployed.",
    "nssec_student_pct": "Share of usual residents aged 16+ who are full-time students (not "
                         "classified by NS-SeC).",
    "no_quals_pct": "Share of usual residents aged 16+ with no qualifications.",
    "qual_level1_pct": "Highest qualification level 1 (and entry level): share of residents 16+.",
    "qual_level2_pct": "Highest qualification level 2: share of residents 16+.",
    "qual_apprentice_pct": "Highest qualification an apprenticeship: share of residents 16+.",
    "qual_level3_pct": "Highest qualification level 3: share of residents 16+.",
    "level4_pct": "Share of usual residents aged 16+ whose highest qualification is level 4 or "
                  "above (degree, HND, professional qualifications).",
    "qual_other_pct": "Highest qualification 'other' (including foreign qualifications): share "
                      "of residents 16+.",
    "owned_outright_pct": "Households owning their home outright.",
    "owned_mortgage_pct": "Households owning with a mortgage or loan, or shared ownership.",
    "social_rent_council_pct": "Households renting from the council or local authority.",
    "social_rent_other_pct": "Households in other social rented housing (housing associations).",
    "private_rent_pct": "Households renting from a private landlord or letting agency.",
    "private_rent_other_pct": "Households in other private rented housing or living rent free.",
    "cars_none_pct": "Households with no car or van.",
    "cars_one_pct": "Households with one car or van.",
    "cars_two_plus_pct": "Households with two or more cars or vans.",
    "health_good_pct": "Usual residents in very good or good general health.",
    "health_fair_pct": "Usual residents in fair general health.",
    "health_bad_pct": "Usual residents in bad or very bad general health.",
    "ethnicity_white_pct": "Usual residents of White ethnic group (all White groups).",
    "ethnicity_white_british_pct": "Usual residents White: English, Welsh, Scottish, Northern "
                                   "Irish or British.",
    "ethnicity_mixed_pct": "Usual residents of Mixed or multiple ethnic groups.",
    "ethnicity_asian_pct": "Usual residents of Asian, Asian British or Asian Welsh ethnic group.",
    "ethnicity_black_pct": "Usual residents of Black, Black British, Black Welsh, Caribbean or "
                           "African ethnic group.",
    "ethnicity_other_pct": "Usual residents of another ethnic group.",
    "born_uk_pct": "Usual residents born in the UK.",
    "born_ireland_pct": "Usual residents born in Ireland.",
    "born_other_europe_pct": "Usual residents born elsewhere in Europe.",
    "born_africa_pct": "Usual residents born in Africa.",
    "born_middle_east_asia_pct": "Usual residents born in the Middle East or Asia.",
    "born_americas_pct": "Usual residents born in the Americas or the Caribbean.",
    "born_oceania_pct": "Usual residents born in Oceania or Antarctica.",
}


def _describe_21(col: str) -> str:
    if col in _DESCRIPTIONS_21:
        return _DESCRIPTIONS_21[col]
    if col.startswith("age_"):
        lo, hi = col[4:-4].split("_", 1)
        span = f"aged {lo}+" if hi == "plus" else f"aged {lo}-{hi}"
        return f"Usual residents {span}."
    return ("Usual residents aged 16+ in employment working in industry (SIC 2007 section): "
            f"{col[9:-4].replace('_', ' ')}.")


def _census21_fields() -> tuple[Field, ...]:
    fields = []
    for col, (_, where) in CENSUS21.items():
        text = _describe_21(col)
        if where == "EW":
            text += " England and Wales only (empty in Scotland)."
        fields.append(pct_field(col, text, required=where == "GB"))
        if col == "nssec_student_pct":
            fields.append(pct_field("routine_pct", "NS-SeC 6 + 7 (semi-routine and routine "
                               "occupations): share of residents aged 16+. England and Wales "
                               "only (empty in Scotland).", required=False))
            fields.append(pct_field("nssec_5_7_pct", "NS-SeC 5 + 6 + 7 (lower supervisory and "
                               "technical, semi-routine and routine occupations): share of "
                               "residents aged 16+. England and Wales only (empty in "
                               "Scotland).", required=False))
    return tuple(fields)


CENSUS_2024 = Table(
    path="attributes/census2021_pcon2024.csv",
    title="Census 2021: class, qualifications, age, tenure, cars, health, industry, ethnicity and "
          "birthplace by constituency (2024 boundary set, Great Britain)",
    description=(
        "Census 2021 (England and Wales, March 2021) and Scotland's Census 2022 for the 632 seats "
        "of Great Britain on the 2024 boundaries, from Ralph Scott's 2024 UK General Election "
        "Census Constituency Summaries File v1.1, as shares 0-100 (one decimal in the source; "
        "groupings are sums of the published shares, so a group sums to 100 only to within "
        "rounding, 99.6-100.4; Scotland's country-of-birth shares sum to 100.0-101.2, as "
        "published). England and Wales have every column. **Scotland has population, "
        "age, ethnicity and country of birth only**: its class, qualification, tenure, car, "
        "health and industry columns are empty (the Scottish census tool did not offer them), "
        "never guessed. Northern Ireland is not in the file (no rows). Columns shared with "
        "`census2011_pcon2010.csv` mean the same measure, with two differences of base: NS-SeC "
        "in 2021 covers usual residents aged 16 and over (2011: 16-74), so retired people "
        "classified by their last job are in it; and the 2021 census was taken during the "
        "pandemic, classing people by their main job then. Hartlepool's NS-SeC 6-7 share is "
        "34.4% in 2011 (old seat) and 30.5% in 2021. " + SHARE_ALIKE),
    sources=(SCOTT,),
    fields=(
        code_field("2024"),
        Field("population", "integer", "Usual resident population, Census 2021 (Scotland: "
              "Census 2022).", unit="persons", minimum=0),
        *_census21_fields(),
    ),
    rows=632,
    primary_key=("code",),
)

TABLES = [CENSUS_2010, CENSUS_2024]
RESOURCES: list[dict] = []


@lru_cache(maxsize=2)
def _read_bes_cached(sources: str) -> pd.DataFrame:
    path = source_path(Path(sources), BES, BES_FILE)
    bes = read_sheet(path, "Data")
    cols = ["ONSConstID", "ConstituencyName", "c11Population", "c11QualLevel4", "c11QualNone",
            "c11Degree", *{c for cs in NSSEC.values() for c in cs}]
    require_columns(bes, sorted(cols), f"{BES}/{BES_FILE}")
    check_seat_codes(bes["ONSConstID"], {k: v for k, v in SEATS_PER_NATION_2010.items() if k != "N"},
                 f"{BES}/{BES_FILE}")
    return bes


def read_bes(sources: Path) -> pd.DataFrame:
    """The British Election Study 2019 constituency file's data sheet (read once per build)."""
    return _read_bes_cached(str(sources)).copy()


def _census_2010(bes: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"code": bes["ONSConstID"], "population": bes["c11Population"]})
    for col, parts in NSSEC.items():
        out[col] = bes[list(parts)].sum(axis=1, min_count=len(parts))
    out["routine_pct"] = out["nssec_semi_routine_pct"] + out["nssec_routine_pct"]
    out["nssec_5_7_pct"] = out["routine_pct"] + out["nssec_lower_supervisory_pct"]
    out["level4_pct"] = bes["c11QualLevel4"]
    out["no_quals_pct"] = bes["c11QualNone"]
    out["degree_pct"] = bes["c11Degree"]
    total = out[list(NSSEC)].sum(axis=1)
    what = "Census 2011"
    ensure(total.sub(100).abs().max() < 0.01, f"{what}: NS-SeC shares do not sum to 100%.")
    scottish = out["code"].str.startswith("S")
    ensure(out.loc[~scottish, "degree_pct"].notna().all() and
           out.loc[scottish, "degree_pct"].isna().all(),
           f"{what}: degree share expected for England and Wales only.")
    expect_figure(out, "E14000733", "routine_pct", 34.4, 0.05, what)  # Hartlepool
    expect_figure(out, "E14000775", "routine_pct", 34.3, 0.05, what)  # Knowsley
    expect_figure(out, "E14000819", "routine_pct", 33.7, 0.05, what)  # Middlesbrough
    expect_figure(out, "E14000807", "level4_pct", 29.7, 0.05, what)  # Manchester Central
    expect_figure(out, "E14000573", "level4_pct", 14.6, 0.05, what)  # Blackpool South
    return out


def _census_2024(sources: Path) -> pd.DataFrame:
    what = f"{SCOTT}/{SCOTT_FILE}"
    needed = sorted({c for parts, _ in CENSUS21.values() for c in parts})
    raw = pd.read_csv(source_path(sources, SCOTT, SCOTT_FILE), dtype={"ONSConstID": str})
    require_columns(raw, ["ONSConstID", "Country", "c21Population", *needed], what)
    check_seat_codes(raw["ONSConstID"], {"E": 543, "W": 32, "S": 57}, what)
    scottish = raw["ONSConstID"].str.startswith("S").to_numpy()
    out = pd.DataFrame({"code": raw["ONSConstID"], "population": raw["c21Population"]})
    for col, (parts, where) in CENSUS21.items():
        block = raw[list(parts)]
        has = block.notna()
        if where == "EW":
            # every part present in England and Wales, every part empty in Scotland
            ensure(has[~scottish].all().all() and not has[scottish].any().any(),
                   f"{what}: {list(parts)} should be complete in England and Wales and empty "
                   "in Scotland.")
            out[col] = block.sum(axis=1, min_count=len(parts))
        else:
            # Scotland's census has no 'born in GB, country not specified' category
            ensure(has.any(axis=1).all(), f"{what}: {list(parts)} empty for some seats.")
            out[col] = block.sum(axis=1, min_count=1)
    out["routine_pct"] = out["nssec_semi_routine_pct"] + out["nssec_routine_pct"]
    out["nssec_5_7_pct"] = out["routine_pct"] + out["nssec_lower_supervisory_pct"]

    what = "Census 2021 (2024 set)"
    for group, cols in CENSUS21_TOTALS.items():
        total = out[cols].sum(axis=1, min_count=len(cols))
        # one-decimal rounding; Scotland's birthplace shares run high (100.0-101.2)
        slack = pd.Series(0.5, index=out.index).where(
            ~scottish | (group != "country of birth"), 1.5)
        off = total.sub(100).abs() > slack
        ensure(total[~scottish].notna().all() and not off.any(),
               f"{what}: {group} shares sum to {total.min():.1f}-{total.max():.1f}, not 100.")
    expect_figure(out, "E14001272", "routine_pct", 30.5, 0.05, what)  # Hartlepool
    expect_figure(out, "E14001317", "routine_pct", 30.7, 0.05, what)  # Knowsley
    expect_figure(out, "E14001367", "routine_pct", 30.7, 0.05, what)  # Middlesbrough and Thornaby E
    expect_figure(out, "E14001105", "routine_pct", 30.8, 0.05, what)  # Blackpool South
    expect_figure(out, "E14001352", "routine_pct", 21.7, 0.05, what)  # Manchester Central
    expect_figure(out, "E14001352", "level4_pct", 40.7, 0.05, what)
    expect_figure(out, "E14001272", "level4_pct", 24.8, 0.05, what)
    expect_figure(out, "E14001272", "population", 92338, 0, what)
    expect_figure(out, "E14001272", "nssec_5_7_pct", 37.3, 0.05, what)
    return out


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build this module's tables from ``sources`` into ``out_dir``; return the paths written."""
    sources = Path(sources)
    frames = {CENSUS_2010.path: _census_2010(read_bes(sources)),
              CENSUS_2024.path: _census_2024(sources)}
    return [write_table(frames[t.path], t, out_dir) for t in TABLES]


build.__doc__ = BUILD_DOC.format(what="census")
