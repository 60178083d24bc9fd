"""Seat attributes: EU referendum leave share, town/city classification, deprivation, Census 2011.

Reads eleven raw source folders and writes seven tables under ``attributes/``:

- ``euref_pcon2010.csv`` / ``euref_pcon2024.csv``: leave share of the 2016 EU referendum, with
  whether the figure is a count or a model estimate;
- ``classification_pcon2010.csv`` / ``classification_pcon2024.csv``: Commons Library city/town
  classes (Great Britain, 2010 set), mySociety urban/rural profile (UK, both sets), Centre for
  Cities city/hinterland class (England and Wales, 2024 set);
- ``deprivation_pcon2010.csv`` / ``deprivation_pcon2024.csv``: mySociety's UK-wide composite
  index (both sets) and, on the 2010 set, each nation's own index;
- ``census2011_pcon2010.csv``: Census 2011 social class (NS-SeC) and qualifications (Great
  Britain, from the British Election Study's constituency file).

Every table is keyed by GSS code (``code``), one row per seat of its boundary set. Cells are
empty where a measure does not exist for a seat (for example Commons Library classes in
Northern Ireland); they are never filled with zero.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._io import require_columns, source_path, write_table
from ._schema import BuildCheckError, Field, Table

__all__ = ["RESOURCES", "TABLES", "build"]

# ---------------------------------------------------------------------------------------------
# Source folders and files
# ---------------------------------------------------------------------------------------------
EUREF = "euref-hanretty-2016"
EUREF_GB_FILE = "Final estimates of the Leave vote share in the EU referendum.xlsx"
EUREF_NI_FILE = "brexit-ni-constituencies.xlsx"
EUREF24 = "euref-hanretty-2024bnd"
EUREF24_FILE = "Hanretty_Brexit_estimates_2024_boundaries.csv"
HOC_CLASS = "classification-hoc-city-town"
RUC = "classification-mysociety-uk-ruc"
CFC = "classification-centreforcities-ge2024"
CFC_FILE = "2024-06-27_GE_2024_Master_Sheet_CFC.csv"
UKIMD = "deprivation-mysociety-composite-uk-imd"
HOC_IMD = "deprivation-hoc-english-imd2019"
SMALL_AREAS = "deprivation-small-area-national-indices"
BES = "census-bes-2019-results-census2011"
BES_FILE = "BES-2019-General-Election-results-file-v1.1.xlsx"
OVERLAPS = "lookup-mysociety-geographic-overlaps"
OVERLAP_FILE = "PARL10_PARL25_combo_overlap.from_parquet.csv"
OI_LOOKUP = "lookup-openinnovations-pcon"
PARL25_FILE = "ukparl.2025.csv"

PCT = "percent (0-100)"
SEATS_2010 = {"E": 533, "W": 40, "S": 59, "N": 18}
SEATS_2024 = {"E": 543, "W": 32, "S": 57, "N": 18}

# Hanretty's 2024-boundary file uses the provisional codes of five Scottish seats (as do the
# Rallings & Thrasher notionals); ONS issued S14000107-111 for them in the final 2024 set.
PROVISIONAL_SCOTTISH_2024 = {
    "S14000006": "S14000107",  # Ayr, Carrick and Cumnock
    "S14000008": "S14000108",  # Berwickshire, Roxburgh and Selkirk
    "S14000010": "S14000109",  # Central Ayrshire
    "S14000040": "S14000110",  # Kilmarnock and Loudoun
    "S14000058": "S14000111",  # West Aberdeenshire and Kincardine
}

# Belfast East: the compiled NI file has 51.943312, i.e. 21,918 / (21,918 + 20,278) with the
# Remain count's digits transposed; the declared count was Leave 21,918, Remain 20,728.
BELFAST_EAST = "N06000001"
BELFAST_EAST_COUNTS = (21_918, 20_728)
BELFAST_EAST_FILE_VALUE = 51.943312

# ---------------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------------
B_ESTIMATE = "estimate (Hanretty 2017)"
B_ADJUSTED = "estimate (Hanretty 2017, adjusted)"
B_NI_COUNT = "count (Chief Electoral Officer NI)"
B_ESTIMATE_2024 = "estimate (Hanretty, 2024 boundaries)"
B_NI_OVERLAP = "estimate (NI counts by population overlap)"
# "How do we know?" text in Hanretty's sheet -> basis of a known (counted) figure
KNOWN_BASIS = {
    "Rosenbaum / Greenwood data": "count (Rosenbaum/Greenwood, BBC)",
    "Council data": "count (council data)",
    "Council ward data; personal communication from Charlie Mansell": "count (council ward data, Mansell)",
}
LEAVE_BASES = (B_ESTIMATE, B_ADJUSTED, *KNOWN_BASIS.values(), B_NI_COUNT)

# Commons Library classes (as the Library names them) -> column
CLASS_COLUMNS = {
    "Core City (London)": "core_city_london_pct",
    "Core City (outside London)": "core_city_pct",
    "Other City": "other_city_pct",
    "Large Town": "large_town_pct",
    "Medium Town": "medium_town_pct",
    "Small Town": "small_town_pct",
    "Village or smaller": "village_pct",
}
CITY_CLASSES = ("Core City (London)", "Core City (outside London)", "Other City")
TOWN_CLASSES = ("Large Town", "Medium Town", "Small Town")
UNCLASSIFIED = "Unclassified"
SETTLEMENTS = ("city", "town", "village", "mixed", "unclassified")
RUC_LABELS = ("Urban", "Urban with rural areas", "Rural", "Sparse and rural")
CFC_CLASSES = ("City", "Hinterland", "Deep rural")

NATIONAL_INDEX = {"E": "IMD 2019", "W": "WIMD 2019", "S": "SIMD 2020v2", "N": "NIMDM 2017"}
RANK_BASIS = {
    "E": "Commons Library average score",
    "W": "population-weighted average score",
    "S": "population-weighted average rank",
    "N": "population-weighted average rank",
}

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


# ---------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------
def _code(boundary_set: str) -> Field:
    return Field("code", "string", f"GSS code of the constituency ({boundary_set} boundary set).",
                 unique=True)


def _pct(name: str, description: str, required: bool = True, decimals: int = 4) -> Field:
    return Field(name, "number", description, unit=PCT, required=required, minimum=0,
                 maximum=100, decimals=decimals)


def _ruc_fields() -> tuple[Field, ...]:
    what = ("Share of the seat's population living in small areas (LSOAs, Scottish data zones, NI "
            "super output areas) that mySociety's UK composite urban/rural classification calls")
    return (
        _pct("ruc_urban_pct", f"{what} urban."),
        _pct("ruc_rural_pct", f"{what} rural."),
        _pct("ruc_highly_rural_pct", f"{what} highly rural."),
        Field("ruc_label", "string", "mySociety's cluster label for the seat's urban/rural profile.",
              enum=RUC_LABELS),
    )


def _uk_imd_fields(boundary_set: str) -> tuple[Field, ...]:
    return (
        Field("imd_uk_score", "number",
              "mySociety composite UK Index of Multiple Deprivation: population-weighted mean of "
              "small-area scores on the English IMD scale (Wales, Scotland and Northern Ireland "
              "modelled onto it), comparable across the UK; higher = more deprived.",
              unit="score"),
        Field("imd_uk_decile", "integer",
              "Seat's UK population decile of the composite score: seats ordered from most to "
              "least deprived and cut into ten groups holding a tenth of the UK population each "
              f"({boundary_set} set); 1 = most deprived tenth.", unit="decile", minimum=1,
              maximum=10),
        Field("imd_uk_quintile", "integer",
              "As imd_uk_decile, in five groups holding a fifth of the UK population each; "
              "1 = most deprived.", unit="quintile", minimum=1, maximum=5),
        _pct("imd_uk_high_pct",
             "Share of the seat's population living in small areas in the UK's most deprived "
             "population quintile (composite index)."),
    )


EUREF_2010 = Table(
    path="attributes/euref_pcon2010.csv",
    title="EU referendum 2016: leave share by constituency (2010 boundary set)",
    description=(
        "Leave share of the valid vote in the 23 June 2016 referendum for every seat of the 2010 "
        "boundary set. The referendum was counted by local authority, not constituency, so in "
        "Great Britain most figures are Chris Hanretty's final estimates (areal interpolation "
        "with a demographic model, 2017); where ward or council counts exist (BBC's Rosenbaum / "
        "Greenwood collection, council data) his 'Figure to use' is the count and `leave_known` "
        "is true. Two seats (Carshalton and Wallington, Sutton and Cheam) have ward counts in "
        "the sheet that Hanretty did not use: their figure is his estimate and they are flagged "
        "as estimates. Banff and Buchan and Gordon carry final figures that differ from the "
        "model column (adjusted; basis says so). Northern Ireland's 18 seats were counted by "
        "constituency (Chief Electoral Officer, 24 June 2016); Belfast East is corrected from "
        "51.94 in the compiled file to 51.40 (Leave 21,918, Remain 20,728)."),
    sources=(EUREF,),
    fields=(
        _code("2010"),
        _pct("leave_pct", "Leave share of valid votes in the 2016 EU referendum."),
        Field("leave_known", "boolean",
              "True if leave_pct is a count (declared or compiled from ward/council counts), "
              "false if it is a model estimate."),
        Field("leave_basis", "string", "Where the figure comes from.", enum=LEAVE_BASES),
    ),
    rows=650,
    primary_key=("code",),
)

EUREF_2024 = Table(
    path="attributes/euref_pcon2024.csv",
    title="EU referendum 2016: leave share by constituency (2024 boundary set, estimated)",
    description=(
        "Notional leave share in the 2016 EU referendum for every seat of the 2024 boundary set. "
        "Great Britain: Chris Hanretty's estimates for the new boundaries (his five provisional "
        "Scottish codes replaced by the final S14000107-111). Northern Ireland: the 2016 "
        "constituency counts (Belfast East corrected to 51.40) carried onto the 2024 seats by "
        "population overlap (mySociety): each new seat gets the mean of the old seats' leave "
        "shares weighted by the population it takes from each, which assumes leave support was "
        "even within each old seat. All figures are estimates."),
    sources=(EUREF24, EUREF, OVERLAPS, OI_LOOKUP),
    fields=(
        _code("2024"),
        _pct("leave_pct", "Estimated leave share of valid votes in the 2016 EU referendum."),
        Field("leave_known", "boolean",
              "Always false on the 2024 set: every figure is an estimate."),
        Field("leave_basis", "string", "How the estimate was made.",
              enum=(B_ESTIMATE_2024, B_NI_OVERLAP)),
    ),
    rows=650,
    primary_key=("code",),
)

_CLASS_SHARE = ("Share of the seat's 2011 Census population living in Commons Library "
                "'{}' settlements (Great Britain only; empty in Northern Ireland).")
CLASSIFICATION_2010 = Table(
    path="attributes/classification_pcon2010.csv",
    title="Town/city classification and urban/rural profile (2010 boundary set)",
    description=(
        "Commons Library city & town classification (CBP-8322, Great Britain): the share of each "
        "seat's 2011 population living in each settlement class, the largest class, and a "
        "summary `settlement` group. `settlement` is 'city' when the three city classes "
        "together hold at least 50% of the population, 'town' when the three town classes do, "
        "'village' when 'Village or smaller' does, otherwise 'mixed' (182 city, 353 town, 87 "
        "village, 10 mixed); it can differ from `primary_class` (a seat whose largest single "
        "class is villages but whose towns together pass 50% is a town seat). Northern Ireland "
        "is not covered by the Library: 'Unclassified', never guessed. The mySociety urban/rural "
        "profile covers all 650 seats."),
    sources=(HOC_CLASS, RUC),
    fields=(
        _code("2010"),
        *(_pct(col, _CLASS_SHARE.format(cls), required=False)
          for cls, col in CLASS_COLUMNS.items()),
        Field("primary_class", "string",
              "Library class holding the largest share of the seat's population, as the "
              "Library names it; 'Unclassified' in Northern Ireland.",
              enum=(*CLASS_COLUMNS, UNCLASSIFIED)),
        Field("settlement", "string",
              "Summary group: city / town / village when that group of classes holds at least "
              "50% of the population, else mixed; 'unclassified' in Northern Ireland.",
              enum=SETTLEMENTS),
        *_ruc_fields(),
    ),
    rows=650,
    primary_key=("code",),
)

CLASSIFICATION_2024 = Table(
    path="attributes/classification_pcon2024.csv",
    title="Urban/rural profile and Centre for Cities class (2024 boundary set)",
    description=(
        "mySociety's UK composite urban/rural profile of the 2024 seats (mySociety ids mapped to "
        "GSS codes with Open Innovations' lookup), and, for England and Wales only, the Centre "
        "for Cities class: 'City' when the seat lies in one of its 63 Primary Urban Areas, else "
        "'Hinterland' or 'Deep rural' (a different concept from the Commons Library's "
        "settlement sizes: Hartlepool is a Library 'Large Town' but a CfC 'Hinterland'). "
        "Centre for Cities states no licence for its data tool. The Commons Library classes are "
        "not carried onto the 2024 seats: settlement classes are clustered within seats, and "
        "spreading a 2010 seat's mix evenly over its parts misplaces them (the same method "
        "applied to mySociety's urban share misses the published 2024 figure by over 10 points "
        "in 70 of 650 seats)."),
    sources=(RUC, CFC, OI_LOOKUP),
    fields=(
        _code("2024"),
        *_ruc_fields(),
        Field("cfc_class", "string",
              "Centre for Cities class (England and Wales only; empty in Scotland and Northern "
              "Ireland).", required=False, enum=CFC_CLASSES),
        Field("cfc_pua", "string",
              "Centre for Cities Primary Urban Area the seat belongs to (only for 'City' seats).",
              required=False),
    ),
    rows=650,
    primary_key=("code",),
)

DEPRIVATION_2010 = Table(
    path="attributes/deprivation_pcon2010.csv",
    title="Deprivation by constituency (2010 boundary set)",
    description=(
        "UK-wide: mySociety's composite Index of Multiple Deprivation (comparable across "
        "nations). England: the official IMD 2019 constituency ranks, scores and highly deprived "
        "LSOA shares published by the Commons Library (CBP-7327; the workbook has names only, "
        "joined to codes by exact name, surrounding spaces trimmed, through the BES file). "
        "National: each nation's own "
        "index (IMD 2019, WIMD 2019, SIMD 2020v2, NIMDM 2017) summarised per seat. For Wales, "
        "Scotland and Northern Ireland the small areas are assigned to seats by mySociety's "
        "best-fit lookup and weighted by mid-2019 population. SIMD and NIMDM publish ranks, not "
        "scores, so `national_score` is empty there (mySociety's reconstructed scores are not "
        "used) and those seats are ranked by population-weighted average small-area rank. "
        "`national_top10_pct` is the share of the seat's small areas in its nation's most "
        "deprived 10%: for England the Library's published share (LSOAs in England's most "
        "deprived decile); elsewhere areas ranked within the first tenth of the nation's small "
        "areas (697 of 6,976 Scottish data zones, 89 of 890 NI SOAs, 190 of 1,909 Welsh LSOAs, "
        "where WIMD is published as one-decimal scores and three LSOAs tie at the boundary, in "
        "Clwyd West, Vale of Clwyd and Rhondda: all three are counted, so 192)."),
    sources=(UKIMD, HOC_IMD, SMALL_AREAS, BES),
    fields=(
        _code("2010"),
        *_uk_imd_fields("2010"),
        Field("eng_imd_rank", "integer",
              "England only: Commons Library rank of the seat's IMD 2019 score among the 533 "
              "English seats (1 = most deprived).", unit="rank", required=False, minimum=1,
              maximum=533),
        Field("eng_imd_score", "number",
              "England only: population-weighted mean IMD 2019 score of the seat's LSOAs "
              "(Commons Library); higher = more deprived.", unit="score", required=False,
              decimals=3),
        _pct("eng_top10_pct",
             "England only: share of the seat's LSOAs in England's most deprived 10% on IMD "
             "2019 (Commons Library).", required=False),
        Field("national_index", "string", "The nation's own deprivation index.",
              enum=tuple(NATIONAL_INDEX.values())),
        Field("national_score", "number",
              "Population-weighted mean small-area score on the nation's own index (England: "
              "the Library's eng_imd_score; Wales: WIMD 2019); empty for Scotland and Northern "
              "Ireland, whose indices publish ranks only.", unit="score", required=False,
              decimals=3),
        Field("national_rank", "integer",
              "Rank of the seat within its nation (1 = most deprived). England: the Library's "
              "rank (by average IMD score); Wales: by population-weighted average WIMD score; "
              "Scotland and Northern Ireland: by population-weighted average small-area rank "
              "(their indices publish ranks only). See national_rank_basis.", unit="rank",
              minimum=1, maximum=533),
        Field("national_rank_basis", "string", "What national_rank orders seats by.",
              enum=tuple(dict.fromkeys(RANK_BASIS.values()))),
        _pct("national_top10_pct",
             "Share of the seat's small areas (LSOAs, data zones, SOAs) in its own nation's "
             "most deprived 10%."),
    ),
    rows=650,
    primary_key=("code",),
)

DEPRIVATION_2024 = Table(
    path="attributes/deprivation_pcon2024.csv",
    title="Deprivation by constituency (2024 boundary set)",
    description=(
        "mySociety's composite UK Index of Multiple Deprivation for the 2024 seats (mySociety ids "
        "mapped to GSS codes with Open Innovations' lookup). The nations' own indices are not "
        "summarised on this set (the small-area lookup is for the 2010 seats)."),
    sources=(UKIMD, OI_LOOKUP),
    fields=(_code("2024"), *_uk_imd_fields("2024")),
    rows=650,
    primary_key=("code",),
)

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
        _code("2010"),
        Field("population", "integer", "Usual resident population, Census 2011 (KS101).",
              unit="persons", minimum=0),
        _pct("nssec_higher_pct", _NSSEC_TEXT + "1: large employers, higher managerial, "
             "administrative and professional occupations."),
        _pct("nssec_lower_managerial_pct", _NSSEC_TEXT + "2: lower managerial, administrative "
             "and professional occupations."),
        _pct("nssec_intermediate_pct", _NSSEC_TEXT + "3: intermediate occupations."),
        _pct("nssec_small_employer_pct", _NSSEC_TEXT + "4: small employers and own account "
             "workers."),
        _pct("nssec_lower_supervisory_pct", _NSSEC_TEXT + "5: lower supervisory and technical "
             "occupations."),
        _pct("nssec_semi_routine_pct", _NSSEC_TEXT + "6: semi-routine occupations."),
        _pct("nssec_routine_pct", _NSSEC_TEXT + "7: routine occupations."),
        _pct("nssec_never_worked_pct", _NSSEC_TEXT + "8: never worked and long-term "
             "unemployed."),
        _pct("nssec_student_pct", "Share of usual residents aged 16-74 who are full-time "
             "students (not classified by NS-SeC)."),
        _pct("routine_pct", "NS-SeC 6 + 7 (semi-routine and routine occupations): share of "
             "residents aged 16-74."),
        _pct("level4_pct", "Share of usual residents aged 16+ whose highest qualification is "
             "level 4 or above (degree, HND, professional qualifications)."),
        _pct("no_quals_pct", "Share of usual residents aged 16+ with no qualifications."),
        _pct("degree_pct", "Share of usual residents aged 16+ with a university degree (BES "
             "c11Degree; England and Wales only, empty in Scotland).", required=False),
    ),
    rows=632,
    primary_key=("code",),
)

TABLES = [EUREF_2010, EUREF_2024, CLASSIFICATION_2010, CLASSIFICATION_2024, DEPRIVATION_2010,
          DEPRIVATION_2024, CENSUS_2010]
RESOURCES: list[dict] = []


# ---------------------------------------------------------------------------------------------
# Reading helpers
# ---------------------------------------------------------------------------------------------
def _excel(path: Path, sheet, header=0) -> pd.DataFrame:
    """Read one or more sheets of a workbook, failing clearly if a sheet has gone."""
    try:
        return pd.read_excel(path, sheet_name=sheet, header=header, engine="openpyxl")
    except ValueError as err:  # pandas raises ValueError for a missing worksheet
        raise BuildCheckError(f"{path.name}: {err}; the workbook's layout has changed.") from None


def _csv(sources: Path, folder: str, filename: str, columns, **kwargs) -> pd.DataFrame:
    path = source_path(sources, folder, filename)
    df = pd.read_csv(path, **kwargs)
    df.columns = [str(c).strip() for c in df.columns]
    require_columns(df, columns, f"{folder}/{filename}")
    return df


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise BuildCheckError(message)


def _expect(df: pd.DataFrame, code: str, column: str, expected, tol: float, what: str) -> None:
    """Check one published figure (``expected`` +/- ``tol``; exact for strings)."""
    got = df.loc[df["code"] == code, column]
    _check(len(got) == 1, f"{what}: seat {code} not found (or duplicated).")
    value = got.iloc[0]
    ok = value == expected if isinstance(expected, str) else abs(float(value) - expected) <= tol
    _check(ok, f"{what}: {column} for {code} is {value}, the published record says {expected}.")


def _check_codes(codes: pd.Series, expected: dict[str, int], what: str) -> None:
    """Check a set of seat codes: unique, and the expected number per nation."""
    _check(codes.notna().all() and codes.is_unique, f"{what}: missing or duplicated seat codes.")
    got = codes.str[0].value_counts().to_dict()
    _check(got == expected, f"{what}: seats per nation {got}, expected {expected}.")


def _parl25_codes(sources: Path) -> pd.Series:
    """mySociety ``UKPARL.2025.XXX`` ids -> final 2024 GSS codes (650, one to one)."""
    lk = _csv(sources, OI_LOOKUP, PARL25_FILE, ["UKPARL.2025", "PCON24CD"], dtype=str)
    _check(lk["UKPARL.2025"].is_unique, f"{OI_LOOKUP}/{PARL25_FILE}: duplicated UKPARL ids.")
    _check_codes(lk["PCON24CD"], SEATS_2024, f"{OI_LOOKUP}/{PARL25_FILE}")
    return lk.set_index("UKPARL.2025")["PCON24CD"]


def _to_gss_2024(df: pd.DataFrame, column: str, parl25: pd.Series, what: str) -> pd.Series:
    codes = df[column].map(parl25)
    _check(codes.notna().all(), f"{what}: ids without a 2024 GSS code: "
                                f"{df.loc[codes.isna(), column].head().tolist()}.")
    return codes


def _carry_to_2024(values: pd.DataFrame, sources: Path, parl25: pd.Series) -> pd.DataFrame:
    """Carry 2010-seat measures onto the 2024 seats by population overlap.

    Each 2024 seat receives the mean of the 2010 seats' values weighted by the population it
    takes from each (mySociety's overlap table). Only 2024 seats that draw all their population
    from seats in ``values`` (indexed by 2010 code) are returned.
    """
    ov = _csv(sources, OVERLAPS, OVERLAP_FILE, ["PARL10", "PARL25", "overlap_pop"])
    ov = ov[ov["overlap_pop"] > 0]
    ov = ov.assign(code=_to_gss_2024(ov, "PARL25", parl25, f"{OVERLAPS}/{OVERLAP_FILE}"))
    covered = ov["PARL10"].isin(values.index).groupby(ov["code"]).all()
    ov = ov[ov["code"].isin(covered[covered].index)]
    w = ov["overlap_pop"].to_numpy()[:, None]
    weighted = pd.DataFrame(values.loc[ov["PARL10"]].to_numpy() * w, columns=values.columns)
    weighted["code"] = ov["code"].to_numpy()
    weighted["_w"] = w[:, 0]
    sums = weighted.groupby("code").sum()
    return sums[values.columns].div(sums["_w"], axis=0)


# ---------------------------------------------------------------------------------------------
# EU referendum
# ---------------------------------------------------------------------------------------------
def _euref_2010(sources: Path) -> pd.DataFrame:
    gb = _excel(source_path(sources, EUREF, EUREF_GB_FILE), "google_sheets")
    cols = ["PCON11CD", "Estimated Leave vote share", "Known Leave vote share", "How do we know?",
            "Figure to use"]
    require_columns(gb, cols, f"{EUREF}/{EUREF_GB_FILE}")
    gb = gb[cols].set_axis(["code", "est", "known", "how", "figure"], axis=1)
    _check_codes(gb["code"], {k: v for k, v in SEATS_2010.items() if k != "N"},
                 f"{EUREF}/{EUREF_GB_FILE}")
    _check(gb["figure"].between(0, 1).all(), f"{EUREF_GB_FILE}: 'Figure to use' is not a "
                                             "fraction (0-1) everywhere.")
    # leave_known describes the published figure: a count only where 'Figure to use' is the
    # known figure (two seats have ward counts that Hanretty did not use).
    is_known = (gb["figure"] - gb["known"]).abs() < 1e-9
    is_est = (gb["figure"] - gb["est"]).abs() < 1e-9
    basis = gb["how"].where(is_known).map(KNOWN_BASIS)
    unknown = gb.loc[is_known & basis.isna(), "how"].unique()
    _check(len(unknown) == 0, f"{EUREF_GB_FILE}: unrecognised 'How do we know?' text {unknown}; "
                              "add it to KNOWN_BASIS.")
    basis = basis.fillna(pd.Series(np.where(is_est, B_ESTIMATE, B_ADJUSTED), index=gb.index))
    gb_out = pd.DataFrame({"code": gb["code"], "leave_pct": 100 * gb["figure"],
                           "leave_known": is_known, "leave_basis": basis})

    ni = _excel(source_path(sources, EUREF, EUREF_NI_FILE), "Sheet1")
    require_columns(ni, ["gss_code", "figure_to_use", "known_leave_vote"],
                    f"{EUREF}/{EUREF_NI_FILE}")
    _check_codes(ni["gss_code"], {"N": 18}, f"{EUREF}/{EUREF_NI_FILE}")
    _check(ni["known_leave_vote"].eq("Yes").all(), f"{EUREF_NI_FILE}: a seat is not a count.")
    leave = ni["figure_to_use"].astype(float).copy()
    east = ni["gss_code"].eq(BELFAST_EAST)
    leave_, remain_ = BELFAST_EAST_COUNTS
    corrected = 100 * leave_ / (leave_ + remain_)
    file_value = float(leave[east].iloc[0])
    _check(abs(file_value - BELFAST_EAST_FILE_VALUE) < 1e-4 or abs(file_value - corrected) < 1e-4,
           f"{EUREF_NI_FILE}: Belfast East is {file_value}, neither the known transposition "
           f"({BELFAST_EAST_FILE_VALUE}) nor the declared count ({corrected:.4f}); re-check the "
           "source against the Chief Electoral Officer's figures.")
    leave[east] = corrected
    ni_out = pd.DataFrame({"code": ni["gss_code"], "leave_pct": leave, "leave_known": True,
                           "leave_basis": B_NI_COUNT})
    out = pd.concat([gb_out, ni_out], ignore_index=True)

    what = "EU referendum (2010 set)"
    _expect(out, "E14000582", "leave_pct", 75.65, 0.005, what)  # Boston and Skegness
    _expect(out, "E14000720", "leave_pct", 20.48, 0.005, what)  # Hackney N and Stoke Newington
    _expect(out, "N06000001", "leave_pct", 51.40, 0.005, what)  # Belfast East (corrected)
    _expect(out, "N06000008", "leave_pct", 21.74, 0.005, what)  # Foyle
    _expect(out, "N06000004", "leave_pct", 25.94, 0.005, what)  # Belfast West
    n_leave = int((out.loc[out["code"].str[0] != "N", "leave_pct"] > 50).sum())
    _check(n_leave == 403, f"{what}: {n_leave} GB seats above 50% leave, published 403.")
    counts = out["leave_basis"].value_counts().to_dict()
    expected = {B_ESTIMATE: 504, KNOWN_BASIS["Rosenbaum / Greenwood data"]: 113,
                KNOWN_BASIS["Council data"]: 13, B_ADJUSTED: 2, B_NI_COUNT: 18}
    _check(counts == expected, f"{what}: figures by basis {counts}, expected {expected}.")
    return out


def _euref_2024(sources: Path, leave_2010: pd.DataFrame, parl25: pd.Series) -> pd.DataFrame:
    gb = _csv(sources, EUREF24, EUREF24_FILE, ["Constituen", "gss_code", "LeavePct"])
    code = gb["gss_code"].replace(PROVISIONAL_SCOTTISH_2024)
    # guard the hand-written remapping: the five seats' names must match the final codes' names
    names = _csv(sources, OI_LOOKUP, PARL25_FILE, ["PCON24CD", "PCON24NM"]).set_index(
        "PCON24CD")["PCON24NM"]
    remapped = gb["gss_code"].isin(list(PROVISIONAL_SCOTTISH_2024))
    _check(gb.loc[remapped, "Constituen"].eq(code[remapped].map(names)).all() and
           remapped.sum() == len(PROVISIONAL_SCOTTISH_2024),
           f"{EUREF24}/{EUREF24_FILE}: the provisional Scottish codes no longer name the seats "
           "PROVISIONAL_SCOTTISH_2024 maps them to.")
    gb_codes = parl25[~parl25.str.startswith("N")]
    _check(set(code) == set(gb_codes), f"{EUREF24}/{EUREF24_FILE}: codes (after remapping the "
           "provisional Scottish codes) differ from the 2024 GB seats: "
           f"{sorted(set(code) ^ set(gb_codes))[:5]}.")
    gb_out = pd.DataFrame({"code": code, "leave_pct": 100 * gb["LeavePct"],
                           "leave_basis": B_ESTIMATE_2024})
    ni_2010 = leave_2010[leave_2010["code"].str.startswith("N")].set_index("code")[["leave_pct"]]
    ni = _carry_to_2024(ni_2010, sources, parl25).reset_index()
    _check(len(ni) == 18 and ni["code"].str.startswith("N05").all(),
           f"EU referendum (2024 set): {len(ni)} NI seats estimated from the overlap, expected 18.")
    ni["leave_basis"] = B_NI_OVERLAP
    out = pd.concat([gb_out, ni], ignore_index=True).assign(leave_known=False)
    _check_codes(out["code"], SEATS_2024, "EU referendum (2024 set)")
    _expect(out, "E14001114", "leave_pct", 76.19, 0.005, "EU referendum (2024 set)")  # Boston
    _expect(out, "E14001259", "leave_pct", 20.90, 0.005, "EU referendum (2024 set)")  # Hackney N
    return out


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------
def _ruc(df: pd.DataFrame, cols: list[str], what: str) -> pd.DataFrame:
    """mySociety RUC fractions (urban, rural, highly rural, label) -> percent columns."""
    out = pd.DataFrame({"ruc_urban_pct": 100 * df[cols[0]], "ruc_rural_pct": 100 * df[cols[1]],
                        "ruc_highly_rural_pct": 100 * df[cols[2]], "ruc_label": df[cols[3]]})
    total = out.iloc[:, :3].sum(axis=1)
    _check(total.sub(100).abs().max() < 0.01, f"{what}: urban/rural shares do not sum to 100.")
    bad = set(out["ruc_label"]) - set(RUC_LABELS)
    _check(not bad, f"{what}: unknown urban/rural labels {sorted(bad)}.")
    return out


def _classification_2010(sources: Path) -> pd.DataFrame:
    what = f"{HOC_CLASS}/pcon-classification.csv"
    long = _csv(sources, HOC_CLASS, "pcon-classification.csv",
                ["constituency_code", "classification", "percent_of_constituency"])
    # One row spells 'Village or Smaller': match class names case-insensitively.
    canon = {c.lower(): c for c in CLASS_COLUMNS}
    long["cls"] = long["classification"].str.strip().str.lower().map(canon)
    bad = long.loc[long["cls"].isna(), "classification"].unique()
    _check(len(bad) == 0, f"{what}: unknown classes {list(bad)}.")
    shares = 100 * long.pivot_table(index="constituency_code", columns="cls",
                                    values="percent_of_constituency", aggfunc="sum",
                                    fill_value=0.0).reindex(columns=list(CLASS_COLUMNS),
                                                            fill_value=0.0)
    _check((shares.sum(axis=1) - 100).abs().max() < 0.01, f"{what}: shares do not sum to 100%.")
    primary = shares.idxmax(axis=1)
    top2 = np.sort(shares.to_numpy(), axis=1)[:, -2:]
    _check((top2[:, 1] - top2[:, 0] > 1e-6).all(), f"{what}: a seat has two largest classes.")
    city = shares[list(CITY_CLASSES)].sum(axis=1)
    town = shares[list(TOWN_CLASSES)].sum(axis=1)
    village = shares["Village or smaller"]
    settlement = np.select([city >= 50, town >= 50, village >= 50], ["city", "town", "village"],
                           "mixed")
    gb = shares.rename(columns=CLASS_COLUMNS).assign(primary_class=primary, settlement=settlement)
    gb.index.name = "code"
    _check_codes(gb.index.to_series(), {k: v for k, v in SEATS_2010.items() if k != "N"}, what)

    # Cross-check the largest class against the Library statistician's own derivation.
    chart = _csv(sources, HOC_CLASS, "constituencies.csv", ["code", "classification"],
                 encoding="cp1252").set_index("code")["classification"]
    differ = chart.reindex(gb.index).ne(gb["primary_class"])
    _check(not differ.any(), f"{HOC_CLASS}: largest class differs from constituencies.csv for "
                             f"{list(gb.index[differ][:5])}.")

    ruc = _csv(sources, RUC, "pcon_ruc.csv",
               ["gss-code", "urban", "rural", "highly-rural", "ruc-cluster-label"])
    _check_codes(ruc["gss-code"], SEATS_2010, f"{RUC}/pcon_ruc.csv")
    ruc_out = _ruc(ruc, ["urban", "rural", "highly-rural", "ruc-cluster-label"],
                   f"{RUC}/pcon_ruc.csv").set_index(ruc["gss-code"].rename("code"))
    out = ruc_out.join(gb, how="left")
    ni = out.index.str.startswith("N")
    _check(out.loc[~ni, "primary_class"].notna().all(),
           f"{what}: GB seats missing from the Library's classification.")
    out.loc[ni, "primary_class"] = UNCLASSIFIED
    out.loc[ni, "settlement"] = "unclassified"
    out = out.reset_index()

    what = "Classification (2010 set)"
    _expect(out, "E14000733", "large_town_pct", 96.5, 0.05, what)  # Hartlepool
    _expect(out, "E14000733", "primary_class", "Large Town", 0, what)
    _expect(out, "E14000807", "core_city_pct", 100.0, 0.05, what)  # Manchester Central
    _expect(out, "E14000775", "core_city_pct", 57.6, 0.05, what)  # Knowsley
    _expect(out, "E14000775", "medium_town_pct", 42.1, 0.05, what)
    _expect(out, "E14000573", "large_town_pct", 100.0, 0.05, what)  # Blackpool South
    _expect(out, "E14000819", "other_city_pct", 100.0, 0.05, what)  # Middlesbrough
    _expect(out, "W07000041", "village_pct", 83.0, 0.5, what)  # Ynys Mon
    _expect(out, "E14000530", "ruc_label", "Urban", 0, what)  # Aldershot
    _expect(out, "E14000533", "ruc_label", "Urban with rural areas", 0, what)  # Amber Valley
    _expect(out, "E14000533", "ruc_urban_pct", 83.2, 0.05, what)
    return out


def _classification_2024(sources: Path, parl25: pd.Series) -> pd.DataFrame:
    what = f"{RUC}/pcon_2025_ruc.csv"
    ruc = _csv(sources, RUC, "pcon_2025_ruc.csv", ["parl25", "urban", "rural", "highly_rural",
                                                   "label"])
    out = _ruc(ruc, ["urban", "rural", "highly_rural", "label"], what)
    out.insert(0, "code", _to_gss_2024(ruc, "parl25", parl25, what))
    _check_codes(out["code"], SEATS_2024, what)

    what = f"{CFC}/{CFC_FILE}"
    cfc = _csv(sources, CFC, CFC_FILE, ["PCON25CD", "City (PUA)", "City/Hinterland/deep rural"],
               skiprows=1, encoding="cp1252", dtype=str)
    cfc = cfc[cfc["PCON25CD"].notna()]  # drop the class summary rows at the foot
    cfc = pd.DataFrame({"code": cfc["PCON25CD"].str.strip(),
                        "cfc_class": cfc["City/Hinterland/deep rural"].str.strip(),
                        "cfc_pua": cfc["City (PUA)"].str.strip().replace(":", np.nan)})
    _check_codes(cfc["code"], {"E": 543, "W": 32}, what)
    _check(cfc["code"].isin(out["code"]).all(), f"{what}: codes outside the 2024 set.")
    bad = set(cfc["cfc_class"]) - set(CFC_CLASSES)
    _check(not bad, f"{what}: unknown classes {sorted(bad)}.")
    _check(cfc["cfc_pua"].notna().eq(cfc["cfc_class"].eq("City")).all(),
           f"{what}: a seat has a Primary Urban Area without being a 'City' seat, or vice versa.")
    counts = cfc["cfc_class"].value_counts().to_dict()
    _check(counts == {"City": 310, "Hinterland": 200, "Deep rural": 65},
           f"{what}: classes {counts}, published City 310, Hinterland 200, Deep rural 65.")
    out = out.merge(cfc, on="code", how="left")

    what = "Classification (2024 set)"
    _expect(out, "E14001272", "cfc_class", "Hinterland", 0, what)  # Hartlepool
    _expect(out, "E14001063", "ruc_label", "Urban", 0, what)  # Aldershot
    return out


# ---------------------------------------------------------------------------------------------
# Deprivation
# ---------------------------------------------------------------------------------------------
def _uk_imd(df: pd.DataFrame, prefix: str) -> pd.DataFrame:
    return pd.DataFrame({
        "imd_uk_score": df[f"{prefix}-deprivation-score"],
        "imd_uk_decile": df[f"{prefix}-imd-pop-decile"],
        "imd_uk_quintile": df[f"{prefix}-imd-pop-quintile"],
        "imd_uk_high_pct": 100 * df["high-deprivation"],
    })


def _uk_imd_cols(prefix: str) -> list[str]:
    return [f"{prefix}-deprivation-score", f"{prefix}-imd-pop-decile",
            f"{prefix}-imd-pop-quintile", "high-deprivation"]


def _library_sheet(raw: pd.DataFrame, sheet: str, columns: list[str]) -> pd.DataFrame:
    """A CBP-7327 sheet: find the header row ('Constituency'), keep rows with numeric data."""
    first = raw.iloc[:, 0].astype("string").str.strip()
    hits = np.flatnonzero(first.eq("Constituency").fillna(False).to_numpy())
    what = f"{HOC_IMD}/CBP7327.xlsx sheet {sheet!r}"
    _check(len(hits) > 0, f"{what}: no header row starting 'Constituency'; layout changed.")
    header = [str(v).strip() if pd.notna(v) else f"blank_{i}"
              for i, v in enumerate(raw.iloc[hits[0]])]
    df = raw.iloc[hits[0] + 1:].set_axis(header, axis=1)
    require_columns(df, columns, what)
    df = df[pd.to_numeric(df[columns[1]], errors="coerce").notna()][columns]
    df["Constituency"] = df["Constituency"].astype(str).str.strip()  # "Portsmouth North "
    _check(len(df) == 533 and df["Constituency"].is_unique,
           f"{what}: {len(df)} seats (or duplicated names), expected 533.")
    return df.set_index("Constituency").apply(pd.to_numeric)


def _english_imd(sources: Path, bes: pd.DataFrame) -> pd.DataFrame:
    """Commons Library IMD 2019 rank, score and highly deprived share, keyed by code."""
    path = source_path(sources, HOC_IMD, "CBP7327.xlsx")
    imd = "Index of Multiple Deprivation"
    sheets = _excel(path, ["2019 Ranks", "2019 Scores", "2019 highly deprived LSOAs"],
                    header=None)
    ranks = _library_sheet(sheets["2019 Ranks"], "2019 Ranks", ["Constituency", imd])
    scores = _library_sheet(sheets["2019 Scores"], "2019 Scores", ["Constituency", imd])
    share = "% of LSOAs that are highly deprived"
    high = _library_sheet(sheets["2019 highly deprived LSOAs"], "2019 highly deprived LSOAs",
                          ["Constituency", share])
    eng = pd.DataFrame({"eng_imd_rank": ranks[imd], "eng_imd_score": scores[imd],
                        "eng_top10_pct": 100 * high[share]})
    _check(eng.notna().all().all(), f"{HOC_IMD}: the workbook's sheets list different seats.")
    _check(sorted(eng["eng_imd_rank"]) == list(range(1, 534)),
           f"{HOC_IMD}: IMD ranks are not 1..533.")
    # Scores are published to 3 dp, so a few ranks break ties between equal published scores.
    lo = eng["eng_imd_score"].rank(ascending=False, method="min")
    hi = eng["eng_imd_score"].rank(ascending=False, method="max")
    _check(eng["eng_imd_rank"].between(lo, hi).all(),
           f"{HOC_IMD}: the Library's ranks do not follow its scores.")
    # The workbook has names only: join on the exact name via the BES file (all must match).
    names = bes.set_index("ConstituencyName")["ONSConstID"]
    code = eng.index.to_series().map(names)
    _check(code.notna().all(), f"{HOC_IMD}: names not found in the BES file: "
                               f"{list(eng.index[code.isna()][:5])}.")
    eng.index = pd.Index(code.to_numpy(), name="code")
    _check_codes(eng.index.to_series(), {"E": 533}, f"{HOC_IMD} joined to codes")
    return eng


def _small_area_indices(sources: Path) -> pd.DataFrame:
    """Wales, Scotland and NI small areas: seat, nation, population, score, rank, top-10% flag."""
    lookup = _csv(sources, SMALL_AREAS, "pcon_lsoa.csv", ["pcon", "lsoa11"], dtype=str)
    pop = _csv(sources, SMALL_AREAS, "2019_population.csv", ["lsoa", "pop"],
               encoding="utf-8-sig", thousands=",", dtype={"lsoa": str})
    pop = pop[pop["lsoa"] != "Grand Total"]
    wimd = _csv(sources, SMALL_AREAS, "wimd-2019-index-and-domain-scores-overall.csv",
                ["lsoa", "WIMD 2019"])
    simd = _csv(sources, SMALL_AREAS, "simd2020-with-overall.csv",
                ["Data_Zone", "SIMD2020v2_Rank"])
    nimdm = _csv(sources, SMALL_AREAS, "nimdm2017-soa-withoverall.csv", ["SOA2001", "MDM_rank"])
    areas = pd.concat([
        pd.DataFrame({"area": wimd["lsoa"], "nation": "W", "score": wimd["WIMD 2019"],
                      # WIMD is published as scores (1 dp): rank 1 = highest; ties share a rank
                      "rank": wimd["WIMD 2019"].rank(ascending=False, method="min")}),
        pd.DataFrame({"area": simd["Data_Zone"], "nation": "S", "score": np.nan,
                      "rank": simd["SIMD2020v2_Rank"]}),
        pd.DataFrame({"area": nimdm["SOA2001"], "nation": "N", "score": np.nan,
                      "rank": nimdm["MDM_rank"]}),
    ], ignore_index=True)
    n_areas = areas.groupby("nation")["area"].transform("size")
    _check(areas.groupby("nation")["rank"].min().eq(1).all() and
           (areas["rank"] <= n_areas).all(), f"{SMALL_AREAS}: national ranks out of range.")
    areas["top10"] = areas["rank"] <= n_areas // 10
    areas["pcon"] = areas["area"].map(lookup.set_index("lsoa11")["pcon"])
    areas["pop"] = areas["area"].map(pop.set_index("lsoa")["pop"])
    missing = areas.loc[areas["pcon"].isna() | areas["pop"].isna(), "area"]
    _check(missing.empty, f"{SMALL_AREAS}: small areas without a seat or population: "
                          f"{missing.head().tolist()}.")
    wrong = areas["pcon"].str[0] != areas["nation"]
    _check(not wrong.any(), f"{SMALL_AREAS}: small areas assigned to another nation's seat.")
    return areas


def _national_summaries(areas: pd.DataFrame) -> pd.DataFrame:
    """Per seat: population-weighted mean score and rank, share of areas in the top 10%."""
    work = areas.assign(w_score=areas["score"] * areas["pop"], w_rank=areas["rank"] * areas["pop"])
    g = work.groupby("pcon")
    pop = g["pop"].sum()
    seats = pd.DataFrame({
        "nation": g["nation"].first(),
        "national_score": g["w_score"].sum(min_count=1) / pop,
        "avg_rank": g["w_rank"].sum() / pop,
        "national_top10_pct": 100 * g["top10"].mean(),
    })
    by_score = seats.groupby("nation")["national_score"].rank(ascending=False, method="min")
    by_rank = seats.groupby("nation")["avg_rank"].rank(ascending=True, method="min")
    seats["national_rank"] = by_score.where(seats["nation"] == "W", by_rank)
    seats.index.name = "code"
    return seats.drop(columns="avg_rank")


def _deprivation_2010(sources: Path, bes: pd.DataFrame) -> pd.DataFrame:
    what = f"{UKIMD}/constituency_imd.csv"
    uk = _csv(sources, UKIMD, "constituency_imd.csv", ["gss-code", *_uk_imd_cols("pcon")])
    _check_codes(uk["gss-code"], SEATS_2010, what)
    out = _uk_imd(uk, "pcon").set_index(uk["gss-code"].rename("code"))

    eng = _english_imd(sources, bes)
    r = np.corrcoef(eng["eng_imd_score"], out.loc[eng.index, "imd_uk_score"])[0, 1]
    _check(r > 0.995, f"{HOC_IMD}: Library scores correlate only {r:.4f} with mySociety's "
                      "composite for English seats (0.9996 expected): is the name join wrong?")
    national = _national_summaries(_small_area_indices(sources))
    england = pd.DataFrame({"nation": "E", "national_score": eng["eng_imd_score"],
                            "national_top10_pct": eng["eng_top10_pct"],
                            "national_rank": eng["eng_imd_rank"]})
    national = pd.concat([england, national])
    national["national_index"] = national["nation"].map(NATIONAL_INDEX)
    national["national_rank_basis"] = national["nation"].map(RANK_BASIS)
    _check_codes(national.index.to_series(), SEATS_2010, "national deprivation indices")
    out = out.join(eng).join(national.drop(columns="nation")).reset_index()

    what = "Deprivation (2010 set)"
    _expect(out, "E14000794", "eng_imd_rank", 1, 0, what)  # Liverpool, Walton
    _expect(out, "E14000794", "eng_imd_score", 55.676, 0.0005, what)
    _expect(out, "E14000573", "eng_imd_rank", 3, 0, what)  # Blackpool South
    _expect(out, "E14000573", "eng_imd_score", 48.355, 0.0005, what)
    _expect(out, "E14000775", "eng_imd_rank", 6, 0, what)  # Knowsley
    _expect(out, "E14000819", "eng_top10_pct", 59.6, 0.05, what)  # Middlesbrough
    _expect(out, "E14000775", "eng_top10_pct", 52.2, 0.05, what)  # Knowsley
    _expect(out, "E14000807", "eng_top10_pct", 48.6, 0.05, what)  # Manchester Central
    top = out.loc[out["imd_uk_score"].idxmax()]
    _check(top["code"] == "N06000004" and abs(top["imd_uk_score"] - 71.9) < 0.05,
           f"{what}: most deprived UK seat is {top['code']} ({top['imd_uk_score']:.1f}); "
           "published Belfast West 71.9.")
    _expect(out, "W07000052", "national_score", 33.8, 0.05, what)  # Rhondda, WIMD
    _expect(out, "W07000052", "national_rank", 1, 0, what)
    _expect(out, "S14000032", "national_top10_pct", 49.0, 0.5, what)  # Glasgow North East
    _expect(out, "S14000032", "national_rank", 1, 0, what)
    _expect(out, "N06000004", "national_top10_pct", 46.0, 0.5, what)  # Belfast West
    return out


def _deprivation_2024(sources: Path, parl25: pd.Series) -> pd.DataFrame:
    what = f"{UKIMD}/parl25_imd.csv"
    uk = _csv(sources, UKIMD, "parl25_imd.csv", ["parl25", *_uk_imd_cols("parl25")])
    out = _uk_imd(uk, "parl25")
    out.insert(0, "code", _to_gss_2024(uk, "parl25", parl25, what))
    _check_codes(out["code"], SEATS_2024, what)
    top = out.loc[out["imd_uk_score"].idxmax()]
    _check(top["code"] == "N05000004" and abs(top["imd_uk_score"] - 72.5) < 0.05,
           f"Deprivation (2024 set): most deprived seat is {top['code']}, expected Belfast West "
           "(72.5).")
    return out


# ---------------------------------------------------------------------------------------------
# Census 2011
# ---------------------------------------------------------------------------------------------
def _read_bes(sources: Path) -> pd.DataFrame:
    path = source_path(sources, BES, BES_FILE)
    bes = _excel(path, "Data")
    cols = ["ONSConstID", "ConstituencyName", "c11Population", "c11QualLevel4", "c11QualNone",
            "c11Degree", *{c for cs in NSSEC.values() for c in cs}]
    require_columns(bes, sorted(cols), f"{BES}/{BES_FILE}")
    _check_codes(bes["ONSConstID"], {k: v for k, v in SEATS_2010.items() if k != "N"},
                 f"{BES}/{BES_FILE}")
    return bes


def _census_2010(bes: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"code": bes["ONSConstID"], "population": bes["c11Population"]})
    for col, parts in NSSEC.items():
        out[col] = bes[list(parts)].sum(axis=1, min_count=len(parts))
    out["routine_pct"] = out["nssec_semi_routine_pct"] + out["nssec_routine_pct"]
    out["level4_pct"] = bes["c11QualLevel4"]
    out["no_quals_pct"] = bes["c11QualNone"]
    out["degree_pct"] = bes["c11Degree"]
    total = out[list(NSSEC)].sum(axis=1)
    what = "Census 2011"
    _check(total.sub(100).abs().max() < 0.01, f"{what}: NS-SeC shares do not sum to 100%.")
    scottish = out["code"].str.startswith("S")
    _check(out.loc[~scottish, "degree_pct"].notna().all() and
           out.loc[scottish, "degree_pct"].isna().all(),
           f"{what}: degree share expected for England and Wales only.")
    _expect(out, "E14000733", "routine_pct", 34.4, 0.05, what)  # Hartlepool
    _expect(out, "E14000775", "routine_pct", 34.3, 0.05, what)  # Knowsley
    _expect(out, "E14000819", "routine_pct", 33.7, 0.05, what)  # Middlesbrough
    _expect(out, "E14000807", "level4_pct", 29.7, 0.05, what)  # Manchester Central
    _expect(out, "E14000573", "level4_pct", 14.6, 0.05, what)  # Blackpool South
    return out


# ---------------------------------------------------------------------------------------------
def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build the seat attribute tables from the raw sources and check them.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Where to write; files go under ``out_dir/attributes/``.

    Returns
    -------
    list of Path
        The files written, in :data:`TABLES` order.

    Raises
    ------
    SourceMissingError
        If a source folder or file is absent.
    BuildCheckError
        If a source's layout changed or a figure disagrees with the published record.
    """
    sources = Path(sources)
    parl25 = _parl25_codes(sources)
    leave_2010 = _euref_2010(sources)
    frames = {
        EUREF_2010.path: leave_2010,
        EUREF_2024.path: _euref_2024(sources, leave_2010, parl25),
        CLASSIFICATION_2010.path: _classification_2010(sources),
        CLASSIFICATION_2024.path: _classification_2024(sources, parl25),
        DEPRIVATION_2024.path: _deprivation_2024(sources, parl25),
    }
    bes = _read_bes(sources)  # the slowest read last, so layout errors above surface fast
    frames[DEPRIVATION_2010.path] = _deprivation_2010(sources, bes)
    frames[CENSUS_2010.path] = _census_2010(bes)
    codes_2010 = set(leave_2010["code"])
    for table in TABLES:
        codes = set(frames[table.path]["code"])
        if table.path.endswith("pcon2010.csv") and table is not CENSUS_2010:
            _check(codes == codes_2010, f"{table.path}: seats differ from the 2010 set.")
        elif table.path.endswith("pcon2024.csv"):
            _check(codes == set(parl25), f"{table.path}: seats differ from the 2024 set.")
    return [write_table(frames[t.path], t, out_dir) for t in TABLES]
