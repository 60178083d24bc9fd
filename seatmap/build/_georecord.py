"""The geography build's numbers: the published record it checks against and the parameters of
its geometry repair (:mod:`seatmap.build.geography`; the parameters are documented in its
RESOURCES descriptions)."""

from __future__ import annotations

__all__ = ["AREA_TOLERANCE_PCT", "GAP_WIDTH_M", "GRID_M", "METROPOLITAN_COUNTIES", "NATION_COUNTS",
           "NI_SIMPLIFY_M", "ONS_AREA_KM2", "OVERLAP_TOLERANCE_KM2", "PROVISIONAL_SCOTTISH_CODES",
           "REGION_CODES", "REGION_COUNTS_2010", "REPAIR_AREA_RATIO", "REPAIR_MAX_SYMDIFF",
           "SPOT_CHECKS"]

# ---------------------------------------------------------------------------------------------
# Parameters of the geometry repair (documented in the RESOURCES descriptions)

GRID_M = 1.0
"""Coordinates are snapped to a whole-metre grid (the precision stored by ``_geostore``)."""
GAP_WIDTH_M = 20.0
"""Holes in a coverage narrower than this (maximum inscribed circle diameter) are repair or
quantisation slivers, not estuaries: a fifth of the ~100 m vertex spacing of the sources."""
NI_SIMPLIFY_M = 30.0
"""Coverage simplification tolerance for the 2010 Northern Ireland boundaries: brings them from
about 15 m to GB's detail (median segment ~100 m, ~1.8 vertices per km²)."""
OVERLAP_TOLERANCE_KM2 = 0.01
"""Largest total area allowed where two seats of a set overlap."""
AREA_TOLERANCE_PCT = 1.0
"""Each nation's total seat area must be within this of the ONS BUC figure."""
REPAIR_AREA_RATIO = (0.8, 1.25)
REPAIR_MAX_SYMDIFF = 0.5
"""A repaired seat fails (and the BUC polygon is used) if its area is outside REPAIR_AREA_RATIO
times the BUC area or its symmetric difference with the BUC exceeds this share of the BUC area
(measured on the 2010 set: ratio 0.865-1.204, symmetric difference at most 0.353)."""

# ---------------------------------------------------------------------------------------------
# The published record the build checks against

NATION_COUNTS = {
    "2010": {"England": 533, "Wales": 40, "Scotland": 59, "Northern Ireland": 18},
    "2024": {"England": 543, "Wales": 32, "Scotland": 57, "Northern Ireland": 18},
}
REGION_COUNTS_2010 = {
    "South East": 84, "North West": 75, "London": 73, "West Midlands": 59, "Scotland": 59,
    "East of England": 58, "South West": 55, "Yorkshire and The Humber": 54, "East Midlands": 46,
    "Wales": 40, "North East": 29, "Northern Ireland": 18,
}
# ONS BUC areas by nation in km² (EPSG:27700), see the sources' PROVENANCE.md
ONS_AREA_KM2 = {
    "2010": {"England": 130_465, "Wales": 20_768, "Scotland": 78_374, "Northern Ireland": 14_286},
    "2024": {"England": 130_598, "Wales": 20_785, "Scotland": 78_553, "Northern Ireland": 14_317},
}
# ONS region and nation codes (E12 regions; W92/S92/N92 nations) used by the 2024 hexjson
REGION_CODES = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
    "W92000004": "Wales", "S92000003": "Scotland", "N92000002": "Northern Ireland",
}
# pre-July-2024 codes in the OI BGC file -> final ONS codes
PROVISIONAL_SCOTTISH_CODES = {
    "S14000006": "S14000107", "S14000008": "S14000108", "S14000010": "S14000109",
    "S14000040": "S14000110", "S14000058": "S14000111",
}
# metropolitan counties, from the combined authority of their metropolitan districts
METROPOLITAN_COUNTIES = {
    "GMCA": "Greater Manchester", "LCR": "Merseyside", "NECA": "Tyne and Wear",
    "NTCA": "Tyne and Wear", "SCR": "South Yorkshire", "WMCA": "West Midlands",
    "WYCA": "West Yorkshire",
}
SPOT_CHECKS = {  # (set, code): expected register values
    ("2010", "E14000582"): {"name": "Boston and Skegness", "region": "East Midlands",
                            "county": "Lincolnshire"},
    ("2010", "E14000611"): {"name": "Bury North", "region": "North West",
                            "county": "Greater Manchester", "la_name": "Bury"},
    ("2010", "W07000041"): {"name": "Ynys Môn", "region": "Wales", "la_name": "Isle of Anglesey"},
    ("2010", "N06000009"): {"name": "Lagan Valley", "region": "Northern Ireland"},
    ("2024", "E14001114"): {"name": "Boston and Skegness", "region": "East Midlands",
                            "county": "Lincolnshire"},
    ("2024", "E14001144"): {"name": "Bury North", "region": "North West",
                            "county": "Greater Manchester"},
    ("2024", "W07000102"): {"name": "Montgomeryshire and Glyndŵr", "region": "Wales"},
    ("2024", "W07000112"): {"name": "Ynys Môn", "region": "Wales"},
    ("2024", "N05000009"): {"name": "Lagan Valley", "region": "Northern Ireland"},
    ("2024", "S14000111"): {"name": "West Aberdeenshire and Kincardine", "region": "Scotland"},
}

