"""seatmap: UK electoral geography and seat targeting.

The whole user-facing API is importable from here. Importing seatmap is cheap: each function's
module (and geopandas, folium...) loads on first use.

The lazy names are listed twice on purpose: ``_LAZY`` (public name -> defining module, read at
run time by ``__getattr__``) and the imports under ``TYPE_CHECKING``, which type checkers and
editors follow (go to definition, signatures, completion) but which never run.
``tests/test_packaging.py`` keeps the two lists identical: add a public name to both.

>>> import seatmap
>>> seats = seatmap.load_seats(2019)          # doctest: +SKIP
>>> seatmap.targets("lab", election=2019)     # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._validate import DataError, ScenarioError, SeatmapError, UnknownNameError
from .elections import (
    BOUNDARY_SETS,
    DEFAULT_ELECTION,
    ELECTIONS,
    NATIONS,
    REGIONS,
    boundary_set,
    election,
)
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
    "load_small_areas": "datasets",
    "load_census": "datasets",
    "load_history": "datasets",
    "load_historic": "historic",
    "history_pair": "historic",
    "load_hexmap": "datasets",
    "targets": "targeting",
    "defences": "targeting",
    "butler_swing": "swing",
    "swing_needed": "swing",
    "swing_to_lose": "swing",
    "redwall": "definitions",
    "project": "projection",
    "simulate": "simulation",
    "backtest": "backtesting",
    "battleground": "battlegrounds",
    "pilots": "organising",
    "communities": "heldback",
    "community_pilots": "heldback",
    "seat_profile": "profile",
    "assign_points": "points",
    "assign_postcodes": "postcodes",
    "assign_file": "assignfile",
    "crosswalk": "boundary_change",
    "join_user_data": "join",
    "seats_to_map": "mapping",
    "save_map": "mapping",
    "seats_to_png": "static",
    "explorer": "explorer",
    "write_table": "export",
    "write_list": "export",
    # warnings seatmap issues (filter them with warnings.filterwarnings(..., category=...))
    "JoinWarning": "join",
    "UnassignedPointsWarning": "points",
    "UnassignedPostcodesWarning": "postcodes",
}

if TYPE_CHECKING:  # the same names for type checkers and editors; never executed
    from .assignfile import assign_file as assign_file
    from .backtesting import backtest as backtest
    from .battlegrounds import battleground as battleground
    from .boundary_change import crosswalk as crosswalk
    from .datasets import load_boundaries as load_boundaries
    from .datasets import load_census as load_census
    from .datasets import load_classification as load_classification
    from .datasets import load_constituencies as load_constituencies
    from .datasets import load_deprivation as load_deprivation
    from .datasets import load_hexmap as load_hexmap
    from .datasets import load_history as load_history
    from .datasets import load_leave as load_leave
    from .datasets import load_results as load_results
    from .datasets import load_seats as load_seats
    from .datasets import load_small_areas as load_small_areas
    from .datasets import load_votes as load_votes
    from .definitions import redwall as redwall
    from .explorer import explorer as explorer
    from .export import write_list as write_list
    from .export import write_table as write_table
    from .heldback import communities as communities
    from .heldback import community_pilots as community_pilots
    from .historic import history_pair as history_pair
    from .historic import load_historic as load_historic
    from .join import JoinWarning as JoinWarning
    from .join import join_user_data as join_user_data
    from .mapping import save_map as save_map
    from .mapping import seats_to_map as seats_to_map
    from .organising import pilots as pilots
    from .points import UnassignedPointsWarning as UnassignedPointsWarning
    from .points import assign_points as assign_points
    from .postcodes import UnassignedPostcodesWarning as UnassignedPostcodesWarning
    from .postcodes import assign_postcodes as assign_postcodes
    from .profile import seat_profile as seat_profile
    from .projection import project as project
    from .simulation import simulate as simulate
    from .static import seats_to_png as seats_to_png
    from .swing import butler_swing as butler_swing
    from .swing import swing_needed as swing_needed
    from .swing import swing_to_lose as swing_to_lose
    from .targeting import defences as defences
    from .targeting import targets as targets

# Spelled out (not built from _LAZY) so that linters and type checkers can read it.
__all__ = [
    "BOUNDARY_SETS",
    "DEFAULT_ELECTION",
    "ELECTIONS",
    "NATIONS",
    "PARTIES",
    "REGIONS",
    "DataError",
    "JoinWarning",
    "ScenarioError",
    "SeatmapError",
    "UnassignedPointsWarning",
    "UnassignedPostcodesWarning",
    "UnknownNameError",
    "__version__",
    "assign_file",
    "assign_points",
    "assign_postcodes",
    "backtest",
    "battleground",
    "boundary_set",
    "butler_swing",
    "communities",
    "community_pilots",
    "crosswalk",
    "defences",
    "election",
    "explorer",
    "history_pair",
    "join_user_data",
    "load_boundaries",
    "load_census",
    "load_classification",
    "load_constituencies",
    "load_deprivation",
    "load_hexmap",
    "load_historic",
    "load_history",
    "load_leave",
    "load_results",
    "load_seats",
    "load_small_areas",
    "load_votes",
    "party_code",
    "party_colour",
    "party_label",
    "pilots",
    "project",
    "redwall",
    "save_map",
    "seat_profile",
    "seats_to_map",
    "seats_to_png",
    "simulate",
    "swing_needed",
    "swing_to_lose",
    "targets",
    "write_list",
    "write_table",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'seatmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
