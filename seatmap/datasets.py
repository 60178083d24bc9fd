"""Loaders for the processed data: one function per dataset, and :func:`load_seats` joining them.

CRS convention: geometry is stored and returned in British National Grid (EPSG:27700, metres) for
measurement; pass ``crs=4326`` for WGS84 longitude/latitude (the web's CRS). Every table is indexed
by GSS code (index name ``code``) and uses percentages on a 0-100 scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._cache import memoized
from ._crs import as_crs
from ._store import read_table
from ._validate import DataError, SeatmapError, choice, renamed_parameters
from .elections import (
    DEFAULT_BOUNDARY_SET,
    DEFAULT_ELECTION,
    BoundarySet,
    Election,
)
from .elections import boundary_set as _boundary_set
from .elections import election as _election
from .historic import HISTORIC_FILE, HISTORIC_PARTIES, history_pair, load_historic
from .parties import PARTIES

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import numpy as np
    import pandas as pd

__all__ = [
    "HISTORIC_FILE",
    "HISTORIC_PARTIES",
    "history_pair",
    "load_boundaries",
    "load_census",
    "load_classification",
    "load_constituencies",
    "load_deprivation",
    "load_hexmap",
    "load_historic",
    "load_history",
    "load_leave",
    "load_overlaps",
    "load_results",
    "load_seats",
    "load_small_areas",
    "load_votes",
]

#: mySociety's overlaps of every pair of 2010 and 2024 seats (see :func:`load_overlaps`).
OVERLAPS = "lookups/pcon2010_pcon2024.csv"
OVERLAP_WEIGHTS = ("population", "area")
SetLike = "int | str | BoundarySet"


def _file_id(e: Election) -> str:
    return f"ge{e.id}"


def _indexed(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("code")


def _per_set(template: str, boundary_set: int | str | BoundarySet) -> pd.DataFrame:
    """Read the processed table of one boundary set (``template`` has a ``{set}`` field)."""
    return _indexed(read_table(template.format(set=_boundary_set(boundary_set).id)))


@renamed_parameters(election_id="election")
def load_votes(election: int | str | Election = DEFAULT_ELECTION) -> pd.DataFrame:
    """Votes per seat per party as published, one row per (seat, party name).

    Parameters
    ----------
    election : int or str
        ``2010``, ``2015``, ``2017``, ``2019``, ``"2019-notional"`` or ``2024``.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``party`` (seatmap party code), ``party_name`` (as published),
        ``candidates`` and ``votes``.

    Examples
    --------
    >>> v = load_votes(2019)
    >>> int(v.loc[v.party == "con", "votes"].sum())
    13966454
    """
    e = _election(election)
    return read_table(f"results/{_file_id(e)}_votes.csv")


@memoized(maxsize=8)
def _results_cached(eid: str) -> pd.DataFrame:
    import pandas as pd

    e = _election(eid)
    seats = _indexed(read_table(f"results/{_file_id(e)}.csv"))
    # one spelling of each seat's name everywhere: the register's official (ONS) name
    seats = seats.rename(columns={"name": "name_published"})
    seats.insert(0, "name", load_constituencies(e.boundary_set)["name"].reindex(seats.index))
    votes = read_table(f"results/{_file_id(e)}_votes.csv")
    # votes per (seat, party): a vectorised scatter-add, much cheaper than pivot_table
    import numpy as np

    present = set(votes["party"].unique())
    order = [p for p in PARTIES if p in present]
    row = pd.Index(seats.index).get_indexer(votes["code"])
    col = pd.Index(order).get_indexer(votes["party"])
    if (row < 0).any():
        raise DataError(f"seatmap data error: votes for seats missing from ge{e.id}.csv")
    grid = np.zeros((len(seats), len(order)), dtype="int64")
    np.add.at(grid, (row, col), votes["votes"].to_numpy(dtype="int64"))
    wide = pd.DataFrame(grid, index=seats.index, columns=order)
    valid = seats["valid_votes"].astype("float64")
    shares = wide.div(valid, axis=0).mul(100.0)
    out = pd.concat(
        [seats,
         wide.add_suffix("_votes"),
         shares.add_suffix("_pct")],
        axis=1,
    )
    out.index.name = "code"
    out.attrs["election"] = e.id
    out.attrs["boundary_set"] = e.boundary_set
    out.attrs["parties"] = order
    return out


@renamed_parameters(election_id="election")
def load_results(election: int | str | Election = DEFAULT_ELECTION) -> pd.DataFrame:
    """Results per seat: turnout, winner, runner-up, majority, and votes and shares per party.

    ``name`` is the official (ONS) name; ``name_published`` the spelling in the results source.
    Parties that did not stand in a seat have 0 votes there. ``{party}_votes`` are counts and
    ``{party}_pct`` are shares of valid votes (0-100); ``other`` gathers the minor parties (see
    :func:`load_votes` for every party by name).

    Parameters
    ----------
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")
        ``2010``, ``2015``, ``2017``, ``2019``, ``"2019-notional"`` or ``2024``.

    Returns
    -------
    pandas.DataFrame
        650 rows indexed by GSS code; ``attrs["parties"]`` lists the party columns.

    Examples
    --------
    >>> r = load_results(2019)
    >>> int(r.loc["E14000611", "majority"])  # Bury North
    105
    """
    e = _election(election)
    out = _results_cached(e.id).copy()
    out.attrs = dict(_results_cached(e.id).attrs)
    return out


@renamed_parameters(boundaries="boundary_set")
def load_constituencies(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """The seat register of a boundary set: name, nation, region, county, main local authority.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` (elections 2010-2019) or ``"2024"`` (2024 and the notional 2019).

    Returns
    -------
    pandas.DataFrame
        One row per seat, indexed by GSS code; columns as in ``data/README.md``.

    Examples
    --------
    >>> load_constituencies("2010").loc["E14000611", "region"]
    'North West'
    """
    return _per_set("seats/pcon{set}.csv", boundary_set)


@renamed_parameters(boundaries="boundary_set")
def load_leave(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """EU referendum (2016) leave share per seat, with a flag for counts versus estimates.

    Great Britain: Hanretty's estimates (known counts where wards or councils reported them);
    Northern Ireland: declared counts (Belfast East corrected to 51.40%).

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` (elections 2010-2019) or ``"2024"`` (2024 and the notional 2019).

    Returns
    -------
    pandas.DataFrame
        One row per seat, indexed by GSS code; columns as in ``data/README.md``.

    Examples
    --------
    >>> round(float(load_leave("2010").loc["E14000582", "leave_pct"]), 2)  # Boston and Skegness
    75.65
    """
    return _per_set("attributes/euref_pcon{set}.csv", boundary_set)


@renamed_parameters(boundaries="boundary_set")
def load_classification(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """Town/city classification (Commons Library) and urban/rural profile (mySociety).

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` (elections 2010-2019) or ``"2024"`` (2024 and the notional 2019).

    Returns
    -------
    pandas.DataFrame
        One row per seat, indexed by GSS code; columns as in ``data/README.md``.

    Examples
    --------
    >>> load_classification("2010").loc["E14000733", "primary_class"]  # Hartlepool
    'Large Town'
    """
    return _per_set("attributes/classification_pcon{set}.csv", boundary_set)


@renamed_parameters(boundaries="boundary_set")
def load_deprivation(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """Deprivation per seat: UK composite IMD and, on the 2010 set, each nation's own index.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` (elections 2010-2019) or ``"2024"`` (2024 and the notional 2019).

    Returns
    -------
    pandas.DataFrame
        One row per seat, indexed by GSS code; columns as in ``data/README.md``.

    Examples
    --------
    >>> int(load_deprivation("2010").loc["E14000794", "eng_imd_rank"])  # Liverpool, Walton
    1
    """
    return _per_set("attributes/deprivation_pcon{set}.csv", boundary_set)


CENSUS_FILES = {"2010": "attributes/census2011_pcon2010.csv",
                "2024": "attributes/census2021_pcon2024.csv"}
"""The census of each boundary set: Census 2011 on the 2010 set, Census 2021 on the 2024 set."""
CENSUS_NAMES = {"2010": "Census 2011", "2024": "Census 2021"}
"""The census each boundary set's census columns come from, by name (Scotland's on the 2024 set:
Scotland's Census 2022, which has no class or qualification columns in the source)."""


@renamed_parameters(boundaries="boundary_set")
def load_census(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """Census measures per seat (Great Britain): Census 2011 on the 2010 set, 2021 on the 2024 set.

    Columns measuring the same thing share a name in both censuses (``routine_pct`` = NS-SeC 6-7,
    ``nssec_5_7_pct``, ``level4_pct``, ``no_quals_pct``, the nine ``nssec_*_pct`` classes,
    ``population``), so a model can use either. Census 2021 (from Ralph Scott's constituency
    summaries, CC BY-SA 4.0: share derived data alike) adds age, tenure, cars, health, industry,
    ethnicity and country of birth; Scotland has only population, age, ethnicity and country of
    birth there (other cells empty). Northern Ireland has no rows in either.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` (Census 2011) or ``"2024"`` (Census 2021; Scotland's Census 2022).

    Returns
    -------
    pandas.DataFrame
        632 rows (England, Wales and Scotland) indexed by GSS code; shares in percent (0-100).

    Examples
    --------
    >>> round(float(load_census(2010).loc["E14000733", "routine_pct"]), 1)  # Hartlepool, 2011
    34.4
    >>> round(float(load_census(2024).loc["E14001272", "routine_pct"]), 1)  # Hartlepool, 2021
    30.5
    """
    return _indexed(read_table(CENSUS_FILES[_boundary_set(boundary_set).id]))


@renamed_parameters(boundaries="boundary_set")
def load_history(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """The winning party of each seat at every election available on a boundary set.

    On the 2010 set: ``winner_2005`` (notional, Great Britain), ``winner_2010`` ... ``winner_2019``.
    On the 2024 set: ``winner_2010``, ``winner_2015`` and ``winner_2017`` are **seatmap's
    estimates** (votes carried by population overlap, ``results/notional_pcon2024.csv``; the
    method gets 622 of 632 GB winners right when checked against Rallings & Thrasher's 2019
    notionals), ``winner_2019`` is Rallings & Thrasher's notional result and ``winner_2024`` the
    declared one. ``attrs["estimated"]`` lists the columns that are not declared results on these
    boundaries, and ``attrs["basis"]`` says what each column is.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` or ``"2024"``.

    Returns
    -------
    pandas.DataFrame
        One ``winner_<year>`` column of party codes per election, indexed by GSS code.

    Examples
    --------
    >>> h = load_history("2010")
    >>> h.loc["E14000611"].tolist()  # Bury North
    ['lab', 'con', 'con', 'lab', 'con']
    >>> h24 = load_history("2024")
    >>> h24.loc["E14001272"].tolist()  # Hartlepool (unchanged in 2024)
    ['lab', 'lab', 'lab', 'lab', 'lab']
    >>> h24.attrs["estimated"]
    ['winner_2010', 'winner_2015', 'winner_2017', 'winner_2019']
    """
    import pandas as pd

    bs = _boundary_set(boundary_set)
    if bs.id == "2010":
        return _indexed(read_table("results/history.csv"))
    notional = _indexed(read_table("results/notional_pcon2024.csv"))
    cols, basis = {}, {}
    for c in notional.columns:
        if c.startswith("winner_") and c.endswith("_est"):
            cols[c[:-4]] = notional[c]
            basis[c[:-4]] = "seatmap estimate (votes carried by population overlap)"
    for eid in bs.elections:
        e = _election(eid)
        cols[f"winner_{e.year}"] = load_results(eid)["winner"]
        basis[f"winner_{e.year}"] = ("notional (Rallings & Thrasher)" if e.notional
                                     else "declared result")
    out = pd.DataFrame(cols)
    out.index.name = "code"
    out.attrs["estimated"] = [c for c, b in basis.items() if b != "declared result"]
    out.attrs["basis"] = basis
    return out


@renamed_parameters(boundaries="boundary_set")
def history_basis(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> dict[str, str]:
    """The years of :func:`load_history` that are not declared results on these boundaries.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` or ``"2024"``.

    Returns
    -------
    dict
        Year -> ``"notional estimate"`` (seatmap's estimates, ``results/notional_pcon2024.csv``)
        or ``"notional"`` (Rallings & Thrasher's). Empty where ``load_history`` records no basis.

    Examples
    --------
    >>> history_basis(2024)
    {'2010': 'notional estimate', '2015': 'notional estimate', '2017': 'notional estimate', \
'2019': 'notional'}
    """
    basis = load_history(boundary_set).attrs.get("basis", {})
    return {c[7:]: "notional estimate" if b.startswith("seatmap estimate") else "notional"
            for c, b in basis.items() if b != "declared result"}


@renamed_parameters(boundaries="boundary_set")
def load_hexmap(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET,
                crs: int | str | None = None) -> gpd.GeoDataFrame:
    """One equal hexagon per seat (Open Innovations HexJSON layout) as a GeoDataFrame.

    Hexagons are drawn in an abstract plane (unit spacing) unless ``crs`` is given, in which case
    they are placed in a box over the UK in that CRS so they can sit on a web map.

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        ``"2010"`` or ``"2024"``.
    crs : int or str, optional
        Place the hexagons over the UK in this CRS (e.g. 4326) instead of layout units.

    Returns
    -------
    geopandas.GeoDataFrame
        ``q``, ``r`` (HexJSON ``odd-r`` position) and a hexagon per seat, indexed by GSS code.

    Examples
    --------
    >>> hexes = load_hexmap("2010")
    >>> len(hexes)
    650
    """
    from ._hex import hexagons

    bs = _boundary_set(boundary_set)
    return hexagons(_indexed(read_table(f"hexmaps/pcon{bs.id}.csv")), crs=crs)


@memoized(maxsize=4)
def _geometry_cached(set_id: str) -> tuple[np.ndarray, np.ndarray]:
    from ._geostore import read_geometries
    from ._paths import data_dir

    return read_geometries(data_dir() / "boundaries" / f"pcon{set_id}.npz")


@renamed_parameters(boundaries="boundary_set")
def load_boundaries(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET,
                    crs: int | str = 27700) -> gpd.GeoDataFrame:
    """Constituency polygons (about 100 m detail) with the seat register's columns.

    Parameters
    ----------
    boundary_set : str
        ``"2010"`` (elections 2010-2019) or ``"2024"``.
    crs : int or str, default 27700
        British National Grid (metres) by default; ``4326`` for WGS84 longitude/latitude.

    Examples
    --------
    >>> b = load_boundaries("2024")
    >>> len(b), b.crs.to_epsg()
    (650, 27700)
    """
    import geopandas as gpd

    bs = _boundary_set(boundary_set)
    reg = load_constituencies(bs)
    codes, geoms = _geometry_cached(bs.id)
    geo = gpd.GeoSeries(geoms, index=codes, crs=27700).reindex(reg.index)
    gdf = gpd.GeoDataFrame(reg, geometry=geo.values, crs=27700)
    return gdf if _is_bng(crs) else gdf.to_crs(as_crs(crs))


def _is_bng(crs: object) -> bool:
    return str(crs).upper().replace("EPSG:", "") == "27700"


@renamed_parameters(election_id="election")
def load_seats(election: int | str | Election = DEFAULT_ELECTION, geometry: bool = True,
               crs: int | str = 27700) -> gpd.GeoDataFrame | pd.DataFrame:
    """Everything seatmap knows about every seat at one election, in one frame.

    Joins (on GSS code) the seat register (name, nation, region, county, main local authority),
    results (turnout, winner, runner-up, majority, votes and shares per party), EU referendum
    leave share, town/city classification, deprivation, the census (Great Britain: Census 2011
    on the 2010 set, Census 2021 on the 2024 set; see :func:`load_census`) and the seat's
    history, with polygons unless ``geometry=False``.

    Parameters
    ----------
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")
        ``2010``, ``2015``, ``2017``, ``2019`` (2010 boundary set), ``2024`` or
        ``"2019-notional"`` (Rallings & Thrasher's notional 2019 results on the 2024 boundaries).
    geometry : bool, default True
        Return a GeoDataFrame with constituency polygons; ``False`` returns a plain DataFrame.
    crs : int or str, default 27700
        CRS of the geometry: British National Grid (27700) for measurement, 4326 for the web.

    Returns
    -------
    geopandas.GeoDataFrame or pandas.DataFrame
        650 rows indexed by GSS code. ``attrs`` records the election and boundary set.

    Raises
    ------
    SeatmapError
        For an unknown election, listing the valid ones.

    Examples
    --------
    >>> seats = load_seats(2019)
    >>> seats.loc["E14000611", "name"], seats.loc["E14000611", "winner"]
    ('Bury North', 'con')
    >>> int(seats.loc["E14000611", "majority"])
    105
    >>> int((seats["winner"] == "con").sum())
    365
    """
    import pandas as pd

    e = _election(election)
    bs = _boundary_set(e.boundary_set)
    reg = load_constituencies(bs)
    res = load_results(e).drop(columns=["name", "name_published"])
    parts = [reg, res, load_leave(bs), load_classification(bs), load_deprivation(bs),
             load_census(bs)]
    parts.append(load_history(bs))
    frame = pd.concat(parts, axis=1, join="outer")
    clash = frame.columns[frame.columns.duplicated()].tolist()
    if clash:  # two datasets must never describe different things under one name
        raise DataError(f"seatmap data error: column(s) {clash} appear in two datasets.")
    frame = frame.reindex(reg.index)
    frame.index.name = "code"
    attrs = {"election": e.id, "boundary_set": bs.id, "parties": res.attrs["parties"]}
    if not geometry:
        frame.attrs = attrs
        return frame
    import geopandas as gpd

    codes, geoms = _geometry_cached(bs.id)
    geo = gpd.GeoSeries(geoms, index=codes, crs=27700).reindex(frame.index)
    gdf = gpd.GeoDataFrame(frame, geometry=geo.values, crs=27700)
    if not _is_bng(crs):
        gdf = gdf.to_crs(as_crs(crs))
    gdf.attrs = attrs
    return gdf


@memoized(maxsize=1)
def _overlaps_table() -> pd.DataFrame:
    return read_table(OVERLAPS)


def load_overlaps(from_set: int | str | BoundarySet = "2010", to_set: int | str | BoundarySet = "2024",
                  weight: str = "population") -> pd.DataFrame:
    """The overlap weights between the seats of two boundary sets.

    Also importable as :func:`seatmap.boundary_change.overlaps` (it carries figures across with
    these weights; :func:`seatmap.names.successors` names a seat's successors from them).

    Parameters
    ----------
    from_set, to_set : {"2010", "2024"}
        Boundary sets to carry figures from and to.
    weight : {"population", "area"}, default "population"
        Overlap measure.

    Returns
    -------
    pandas.DataFrame
        One row per overlapping pair: ``source``, ``target`` (GSS codes), ``count_share_pct``
        (share of the source seat in the target seat: the factor applied to counts) and
        ``rate_share_pct`` (share of the target seat that comes from the source seat: the weight
        of the source's rates). Each source's ``count_share_pct`` and each target's
        ``rate_share_pct`` sum to 100.

    Examples
    --------
    >>> o = load_overlaps("2010", "2024")
    >>> bool(o.groupby("source")["count_share_pct"].sum().round(9).eq(100).all())
    True
    """
    import pandas as pd

    src, dst = _boundary_set(from_set).id, _boundary_set(to_set).id
    if src == dst:
        raise SeatmapError(f"Both boundary sets are {src!r}; there is nothing to carry across.")
    weight = choice(weight, OVERLAP_WEIGHTS, "crosswalk weight", aliases={"pop": "population"})
    lk = _overlaps_table()
    kind = "pop" if weight == "population" else "area"
    out = pd.DataFrame({
        "source": lk[f"code_{src}"].to_numpy(),
        "target": lk[f"code_{dst}"].to_numpy(),
        "count_share_pct": lk[f"{kind}_share_of_{src}_pct"].to_numpy(dtype=float),
        "rate_share_pct": lk[f"{kind}_share_of_{dst}_pct"].to_numpy(dtype=float),
    })
    # the published shares are rounded to 0.001: rescale so each seat's shares sum to exactly
    # 100 and apportioning conserves totals
    for col, key in (("count_share_pct", "source"), ("rate_share_pct", "target")):
        out[col] = 100.0 * out[col] / out.groupby(key)[col].transform("sum")
    return out


SMALL_AREAS = "smallareas/small_areas.csv"
NEIGHBOURHOODS = "smallareas/neighbourhoods.csv"
LOCAL_AUTHORITIES = "smallareas/local_authorities.csv"


@memoized(maxsize=2)
def _small_areas_cached(set_id: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from ._crs import transform

    areas = read_table(SMALL_AREAS)
    places = read_table(NEIGHBOURHOODS).set_index("code")
    las = read_table(LOCAL_AUTHORITIES).set_index("la_code")["la_name"]
    seats = read_table(f"seats/pcon{set_id}.csv").set_index("code")
    seat = areas[f"seat_{set_id}"]
    hood = areas[f"neighbourhood_{set_id}"]
    lon, lat = transform(areas["x"].to_numpy(float), areas["y"].to_numpy(float), "27700", "4326")
    out = pd.DataFrame({
        "nation": areas["nation"],
        "population": areas["population"],
        "imd_uk_score": areas["imd_uk_score"],
        "imd_uk_rank": areas["imd_uk_rank"],
        "imd_uk_decile": areas["imd_uk_decile"],
        "imd_uk_quintile": areas["imd_uk_quintile"],
        "seat": seat,
        "seat_name": seat.map(seats["name"]),
        "region": seat.map(seats["region"]),
        "la_code": areas["la_code"],
        "la_name": areas["la_code"].map(las),
        "neighbourhood": hood.map(places["name"]),
        "neighbourhood_code": hood,
        "neighbourhood_kind": hood.map(places["kind"]),
        "neighbourhood_generic": hood.map(places["generic"]).astype("boolean"),
        "seat_2010": areas["seat_2010"],
        "seat_2024": areas["seat_2024"],
        "x": areas["x"],
        "y": areas["y"],
        "lon": np.round(lon, 5),
        "lat": np.round(lat, 5),
    })
    out.index = pd.Index(areas["code"], name="code")
    return out


def load_small_areas(boundary_set: int | str | BoundarySet = DEFAULT_BOUNDARY_SET) -> pd.DataFrame:
    """Every census small area of the UK with its deprivation, population, seat and neighbourhood.

    The 42,619 small areas of mySociety's composite UK deprivation index (England and Wales
    LSOAs 2011, Scottish Data Zones 2011, Northern Ireland SOAs 2001). Each is placed in the seat
    holding its population-weighted centre (the ONS best-fit rule), with seatmap's own point
    index; on the 2010 set this agrees with mySociety's published best-fit lookup for 42,470
    small areas (99.65%).

    ``neighbourhood`` is a **label** for finding the place, never an official membership: the
    nearest named place in the same seat (England and Wales: the Commons Library's MSOA names;
    Scotland: council wards; Northern Ireland: the SOA's ward name). Where
    ``neighbourhood_generic`` is true (names such as "North East" or "City Centre") local people
    may not recognise it as a place: show ``la_name`` beside it. The local authority is that of
    the 2024 neighbourhood (99.2% agree with the Welsh Government's published authorities).

    Parameters
    ----------
    boundary_set : int or str, default :data:`~seatmap.elections.DEFAULT_BOUNDARY_SET` ("2024")
        The boundary set of ``seat``, ``seat_name``, ``region`` and ``neighbourhood``:
        ``"2024"`` (2024 onwards) or ``"2010"`` (elections 2010-2019). ``seat_2010`` and
        ``seat_2024`` give both sets' seats whichever is chosen.

    Returns
    -------
    pandas.DataFrame
        One row per small area, indexed by its code: ``nation`` (E, W, S, N), ``population``
        (mid-2019), ``imd_uk_score``, ``imd_uk_rank`` (1 = most deprived), ``imd_uk_decile`` and
        ``imd_uk_quintile`` (UK population groups, 1 = most deprived), ``seat``, ``seat_name``,
        ``region``, ``la_code``, ``la_name``, ``neighbourhood``, ``neighbourhood_code``,
        ``neighbourhood_kind``, ``neighbourhood_generic``, ``seat_2010``, ``seat_2024``, ``x``,
        ``y`` (British National Grid metres) and ``lon``, ``lat`` (WGS84).

    Examples
    --------
    >>> sa = load_small_areas("2024")
    >>> len(sa), int((sa["imd_uk_decile"] == 1).sum())
    (42619, 4222)
    >>> sa.groupby("nation").size().to_dict()
    {'E': 32844, 'N': 890, 'S': 6976, 'W': 1909}
    """
    return _small_areas_cached(_boundary_set(boundary_set).id).copy()
