"""Every upstream source seatmap's processed data comes from, with its licence and attribution.

One place for these facts: the data build records which sources feed each table, the data
README is generated from this registry, and maps and spreadsheets credit sources from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["NI_DEPRIVATION_CAVEAT", "NI_DEPRIVATION_NOTE", "SOURCES", "Source", "attribution", "caveats"]

OPL = "Open Parliament Licence v3.0"
OGL = "Open Government Licence v3.0"
OPL_TEXT = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
ONS_TEXT = "Source: Office for National Statistics licensed under the Open Government Licence v3.0."


@dataclass(frozen=True)
class Source:
    """An upstream dataset (a folder under ``shared/sources``)."""

    id: str
    title: str
    publisher: str
    licence: str
    attribution: str
    url: str = ""


SOURCES: dict[str, Source] = {
    s.id: s
    for s in [
        Source("boundaries-pcon2010-martinjc-topojson",
               "Westminster constituencies TopoJSON (GB and NI), 2010 set",
               "Martin Chorley (Cardiff University), from ONS/OS/OSNI boundaries", "CC BY 4.0",
               "GeoJSON and TopoJSON UK Boundary Data by Martin Chorley, CC BY 4.0 "
               "(https://github.com/martinjc/UK-GeoJson). Contains Ordnance Survey, Office for "
               "National Statistics, National Records Scotland and LPS Intellectual Property data "
               "© Crown copyright and database right 2016. Data licensed under the Open "
               "Government Licence v3.0.",
               "https://github.com/martinjc/UK-GeoJSON"),
        Source("boundaries-pcon2010-uk-buc-ons",
               "Westminster Parliamentary Constituencies (Dec 2022) Boundaries UK BUC",
               "Office for National Statistics", OGL,
               f"{ONS_TEXT} Contains OS data © Crown copyright and database right 2022. Contains "
               "LPS Intellectual Property © Crown copyright and database right 2022.",
               "https://geoportal.statistics.gov.uk/"),
        Source("boundaries-pcon2024-uk-buc-ons",
               "Westminster Parliamentary Constituencies (July 2024) Boundaries UK BUC",
               "Office for National Statistics", OGL,
               f"{ONS_TEXT} Contains OS data © Crown copyright and database right 2024. Contains "
               "LPS Intellectual Property © Crown copyright and database right 2024.",
               "https://geoportal.statistics.gov.uk/"),
        Source("boundaries-pcon2024-oi-bgc-simplified",
               "Constituencies 2024 (from ONS BGC), simplified", "Open Innovations / ONS", OGL,
               f"{ONS_TEXT} Contains OS data © Crown copyright and database right 2024. "
               "Prepared by Open Innovations.",
               "https://github.com/open-innovations/constituencies"),
        Source("results-hoc-ge2024", "General election 2024 results (CBP-10009)",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-10009/"),
        Source("results-hoc-ge2019", "General Election 2019: results and analysis (CBP-8749)",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-8749/"),
        Source("results-hoc-ge2017", "General Election 2017: results and analysis (CBP-7979)",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-7979/"),
        Source("results-hoc-ge2015", "General Election 2015 (CBP-7186), results by candidate",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-7186/"),
        Source("results-hoc-1918-2017", "General election results from 1918 to 2017 (CBP-8647)",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-8647/"),
        Source("results-bes-ge2019", "British Election Study 2019 constituency results file v1.1",
               "British Election Study (Fieldhouse, Green, Evans, Mellon, Prosser et al.)",
               "Free for research with citation (licence not stated in the file)",
               "Fieldhouse, E., J. Green, G. Evans, J. Mellon, C. Prosser, J. Bailey, R. de Geus, "
               "H. Schmitt and C. van der Eijk, British Election Study 2019 Constituency Results "
               "file, version 1.1. doi:10.48420/20278599",
               "https://www.britishelectionstudy.com/data-objects/linked-data/"),
        Source("census-bes-2019-results-census2011",
               "Census 2011 by constituency (in the BES 2019 results file v1.1)",
               "British Election Study; ONS and NRS census data", "Census data: " + OGL,
               "Census 2011 constituency measures from the British Election Study 2019 "
               "Constituency Results file v1.1 (Fieldhouse et al.). Census data ONS / NRS, Crown "
               "copyright, Open Government Licence v3.0.",
               "https://www.britishelectionstudy.com/data-objects/linked-data/"),
        Source("census-scott-2021-pcon2024",
               "2024 UK General Election Census Constituency Summaries File v1.1 (Census 2021 "
               "block)",
               "Ralph Scott (University of Manchester, British Election Study team), from ONS "
               "Census 2021 and Scotland's Census 2022",
               "CC BY-SA 4.0 (ShareAlike: data derived from it must be shared under CC BY-SA "
               "4.0); census data Crown copyright, OGL v3",
               "Census 2021 constituency summaries: Ralph Scott, 2024 UK General Election Census "
               "Constituency Summaries File v1.1 (CC BY-SA 4.0), from ONS Census 2021 and "
               "Scotland's Census 2022 (Crown copyright, OGL v3). ShareAlike: tables derived "
               "from it (attributes/census2021_pcon2024.csv) are shared under CC BY-SA 4.0.",
               "https://github.com/ralphascott/UKGE24_wpc_census_summaries"),
        Source("results-notional2019-2024bnd",
               "Notional 2019 general election results on the 2024 boundaries",
               "Colin Rallings and Michael Thrasher (for BBC, ITN, Sky News and PA)",
               "No licence stated (published for media and public use)",
               "Rallings & Thrasher notional 2019 results (BBC/ITN/Sky/PA).",
               "https://downloads.bbc.co.uk/news/nol/shared/spl/xls_spreadsheets/results_spreadsheet.ods"),
        Source("results-uob-ge2024-summaries",
               "2024 UK General Election Census Constituency Summaries File v1.1",
               "Ralph Scott (University of Bristol)", "CC BY-SA 4.0",
               "Ralph Scott, 2024 UK General Election Census Constituency Summaries File v1.1, "
               "CC BY-SA 4.0.", "https://github.com/ralphascott/UKGE24_wpc_census_summaries"),
        Source("euref-hanretty-2016",
               "Final estimates of the Leave vote share in the EU referendum (GB); NI counts",
               "Chris Hanretty; Chief Electoral Officer for Northern Ireland",
               "No licence stated (published for reuse with citation); NI counts are official",
               "Hanretty, C. (2017) 'Areal interpolation and the UK's referendum on EU "
               "membership', Journal of Elections, Public Opinion and Parties, "
               "doi:10.1080/17457289.2017.1287081. Northern Ireland: declared counts by "
               "constituency, Chief Electoral Officer for Northern Ireland (24 June 2016).",
               "https://medium.com/@chrishanretty/final-estimates-of-the-leave-vote-or-areal-interpolation-and-the-uks-referendum-on-eu-membership-5490b6cab878"),
        Source("euref-hanretty-2024bnd",
               "EU referendum Leave estimates on the 2024 constituency boundaries (GB)",
               "Chris Hanretty", "No licence stated (published for reuse with citation)",
               "Chris Hanretty, notional 2016 EU referendum results on the 2024 Westminster "
               "boundaries.", ""),
        Source("classification-hoc-city-town",
               "City & Town Classification of Constituencies (CBP-8322)",
               "House of Commons Library", OPL, OPL_TEXT,
               "https://commonslibrary.parliament.uk/research-briefings/cbp-8322/"),
        Source("classification-mysociety-uk-ruc",
               "UK Composite Urban Rural Classification of constituencies", "mySociety",
               "CC BY 4.0", "mySociety, UK composite rural urban classification, CC BY 4.0.",
               "https://pages.mysociety.org/uk_ruc/"),
        Source("classification-centreforcities-ge2024",
               "General election 2024 constituency data tool", "Centre for Cities",
               "No licence stated", "Centre for Cities, GE 2024 constituency data tool.",
               "https://github.com/CentreforCities/general-election-2024-data-tool"),
        Source("deprivation-mysociety-composite-uk-imd",
               "Composite UK Index of Multiple Deprivation", "mySociety", "CC BY 4.0",
               "mySociety, Composite UK IMD v3.4.0, CC BY 4.0 (method of Abel, Barclay & Payne, "
               "BMJ Open 2016). Underlying indices: MHCLG IoD2019, Welsh Government WIMD 2019, "
               "Scottish Government SIMD 2020v2, NISRA NIMDM 2017 (Open Government Licence v3.0).",
               "https://pages.mysociety.org/composite_uk_imd/"),
        Source("deprivation-hoc-english-imd2019",
               "Deprivation in English constituencies (CBP-7327), IoD 2019",
               "House of Commons Library; MHCLG English Indices of Deprivation 2019", OPL,
               OPL_TEXT + " Underlying data: MHCLG English Indices of Deprivation 2019 (OGL v3.0).",
               "https://commonslibrary.parliament.uk/research-briefings/cbp-7327/"),
        Source("deprivation-small-area-national-indices",
               "WIMD 2019, SIMD 2020v2 and NIMDM 2017 small-area indices with a UK small-area "
               "to constituency lookup",
               "Welsh Government, Scottish Government, NISRA, ONS/NRS (copies by mySociety)",
               OGL + " (mySociety additions CC BY 4.0)",
               "Contains Welsh Government WIMD 2019, Scottish Government SIMD 2020v2 and NISRA "
               "NIMDM 2017 data and ONS/NRS/NISRA population estimates, Open Government Licence "
               "v3.0; small-area lookup by mySociety, CC BY 4.0.",
               "https://github.com/mysociety/composite_uk_imd"),
        Source("lookup-drkane-small-area-centroids",
               "Small-area and MSOA population-weighted centroids, MSOA names, wards",
               "ONS, NRS and NISRA (centroids, codes; Open Government Licence v3.0); House of "
               "Commons Library (MSOA names; Open Parliament Licence v3.0); compiled by David "
               "Kane", OGL + "; MSOA names " + OPL,
               f"{ONS_TEXT} Contains OS data © Crown copyright and database right. Contains "
               "National Records of Scotland and NISRA data (OGL v3.0). MSOA names: House of "
               f"Commons Library. {OPL_TEXT} Compiled by David Kane (drkane/geo-lookups).",
               "https://github.com/drkane/geo-lookups"),
        Source("hexmap-odileeds-hexmaps", "UK constituency hex maps (HexJSON)",
               "Open Innovations (ODI Leeds)", "MIT",
               "Hex map layout © Open Innovations (ODI Leeds), MIT licence.",
               "https://github.com/odileeds/hexmaps"),
        Source("hexmap-openinnovations-constituencies",
               "Constituency hex maps (HexJSON), 2024 set with final codes", "Open Innovations",
               "MIT (the odileeds layouts)", "Hex map layout © Open Innovations, MIT licence.",
               "https://github.com/open-innovations/constituencies"),
        Source("lookup-openinnovations-pcon", "Constituency lookups", "Open Innovations",
               "No licence stated; inputs ONS (OGL v3.0) and mySociety (CC BY 4.0)",
               "Lookups by Open Innovations (constituencies.open-innovations.org), from ONS "
               "(OGL v3.0) and mySociety (CC BY 4.0) data.",
               "https://github.com/open-innovations/constituencies"),
        Source("lookup-mysociety-geographic-overlaps",
               "2025 constituencies: geographic overlaps", "mySociety", "CC BY 4.0",
               "mySociety, 2025 constituencies / geographic overlaps, CC BY 4.0, "
               "https://pages.mysociety.org/2025-constituencies/. Contains ONS/OS/OSNI data "
               "(OGL v3.0).", "https://pages.mysociety.org/2025-constituencies/"),
        Source("lookup-mysociety-local-authorities", "UK local authority names and codes",
               "mySociety", "CC BY 4.0", "mySociety, UK local authority names and codes, CC BY 4.0.",
               "https://pages.mysociety.org/uk_local_authority_names_and_codes/"),
        Source("lookup-pcon2010-rae-flatfile", "Constituency Cards flat file (v9)",
               "Alasdair Rae (University of Sheffield)", "No licence stated",
               "Alasdair Rae, Constituency Cards, https://github.com/alasdairrae/wpc.",
               "https://github.com/alasdairrae/wpc"),
    ]
}


def attribution(source_ids: list[str] | None = None) -> list[str]:
    """Return the attribution lines for the given sources (all sources if None).

    Examples
    --------
    >>> attribution(["results-hoc-ge2019"])[0].startswith("House of Commons Library")
    True
    """
    ids = list(SOURCES) if source_ids is None else source_ids
    lines = []
    for sid in ids:
        s = SOURCES[sid]
        lines.append(f"{s.publisher}: {s.title} ({s.licence}). {s.attribution}")
    return lines


NI_DEPRIVATION_CAVEAT = (
    "Northern Ireland on the UK deprivation scale: all 18 Northern Ireland seats fall in UK "
    "deciles 1-2 of mySociety's composite UK IMD (14 in decile 1, 4 in decile 2). That is a "
    "property of the source (it puts Northern Ireland's NIMDM 2017 on the English scale), not a "
    "finding that every Northern Ireland seat is among the UK's most deprived: compare Northern "
    "Ireland seats with each other rather than with Great Britain.")
"""The caveat shown wherever the UK composite deprivation columns (``imd_uk_*``) describe
Northern Ireland seats: seat cards, map sources, the data dictionary."""
NI_DEPRIVATION_NOTE = ("Northern Ireland's 18 seats all fall in deciles 1-2 because of how the "
                       "source puts NI on the UK scale, not because all are among the most "
                       "deprived")
"""The one-line form of :data:`NI_DEPRIVATION_CAVEAT` (a map legend's note)."""


def caveats(columns: Iterable[str], codes: Iterable[str], short: bool = False) -> list[str]:
    """Caveats a source carries for these columns on these seats (for cards, maps and lists).

    Parameters
    ----------
    columns : iterable of str
        The columns shown (e.g. a map's metric).
    codes : iterable of str
        GSS codes of the seats shown (Northern Ireland's start with ``N``).
    short : bool, default False
        The one-line forms (for a legend note).

    Returns
    -------
    list of str
        Empty when nothing needs saying.

    Examples
    --------
    >>> caveats(["imd_uk_decile"], ["N05000001"])[0][:40]
    'Northern Ireland on the UK deprivation s'
    >>> caveats(["imd_uk_decile"], ["E14001272"]), caveats(["leave_pct"], ["N05000001"])
    ([], [])
    """
    uk_imd = any(str(c).startswith("imd_uk_") for c in columns)
    ni = any(str(c).startswith("N") for c in codes)
    return [NI_DEPRIVATION_NOTE if short else NI_DEPRIVATION_CAVEAT] if uk_imd and ni else []
