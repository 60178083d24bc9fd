"""seatmap: UK electoral geography and seat targeting.

The whole user-facing API is importable from here. Importing seatmap is cheap: each function's
module (and geopandas, folium...) loads on first use.

>>> import seatmap
>>> seats = seatmap.load_seats(2019)          # doctest: +SKIP
>>> seatmap.targets("lab", election=2019)     # doctest: +SKIP
"""

from __future__ import annotations

import importlib

from ._validate import SeatmapError
from .elections import BOUNDARY_SETS, ELECTIONS, NATIONS, REGIONS, boundary_set, election
from .parties import PARTIES, party_code, party_colour, party_label

__version__ = "0.1.0"

# public name -> module that defines it (imported lazily on first access)
_LAZY = {
    "load_seats": "datasets",
    "load_results": "datasets",
    "load_votes": "datasets",
    "load_boundaries": "datasets",
    "load_constituencies": "datasets",
    "load_leave": "datasets",
    "load_classification": "datasets",
    "load_deprivation": "datasets",
    "load_census": "datasets",
    "load_history": "datasets",
    "load_hexmap": "datasets",
    "targets": "targeting",
    "defences": "targeting",
    "butler_swing": "swing",
    "swing_needed": "swing",
    "swing_to_lose": "swing",
    "redwall": "definitions",
    "project": "projection",
    "simulate": "projection",
    "backtest": "projection",
    "pilots": "organising",
    "seat_profile": "profile",
    "assign_points": "points",
    "assign_postcodes": "postcodes",
    "crosswalk": "boundary_change",
    "join_user_data": "join",
    "seats_to_map": "mapping",
    "save_map": "mapping",
    "seats_to_png": "static",
    "explorer": "explorer",
}

__all__ = [
    "BOUNDARY_SETS",
    "ELECTIONS",
    "NATIONS",
    "PARTIES",
    "REGIONS",
    "SeatmapError",
    "__version__",
    "boundary_set",
    "election",
    "party_code",
    "party_colour",
    "party_label",
    *_LAZY,
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'seatmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
