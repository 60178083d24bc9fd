"""Held-back communities: clusters of neighbouring deprived small areas, named as people name them.

A seat's average hides where deprivation is: 4,222 of the UK's 42,619 census small areas are in
the most deprived tenth of the UK composite index, spread over 420 of the 650 seats.
:func:`communities` finds them below the seat:

1. **Select** small areas (:func:`seatmap.load_small_areas`): those in the UK's most deprived
   population decile (``level="decile"``, the default) or quintile, or any rule of your own on
   any column (``rule=``), including columns of your own joined by small-area code (``data=``).
2. **Cluster** them: two selected small areas are neighbours when their population-weighted
   centres are at most ``distance`` metres apart (default :data:`DISTANCE_M` = 1,000 m, about
   the spacing of small-area centres in a town: neighbouring estates join, separate estates
   across a town stay apart); a community is a group linked by neighbours (single linkage).
   Communities never cross a seat boundary of the election's boundary set: a community is
   organised in one seat.
3. **Name** each community after its neighbourhoods (the nearest named place of each small area,
   largest first, at most two) and its local authority: "Grangetown and Hendon, Sunderland".
   Neighbourhood names are labels for finding the place, not official boundaries; names local
   people may not recognise as a place ("North East", "City Centre") are marked in
   ``name_note``, and the local authority is always shown beside them.

Each community carries its population, deprivation, its seat on both boundary sets and the
seat's politics at the chosen election (holder, majority, leave share, town/city class).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import DEFAULT_ELECTION, Election
from .elections import REGIONS as _REGIONS
from .elections import election as _election
from .elections import region as _region

__all__ = ["DEFAULT_REGIONS", "DISTANCE_M", "LEVELS", "communities", "community_pilots",
           "seat_summary", "select_small_areas"]

DISTANCE_M = 1000.0
"""Default distance (metres) between two small areas' centres for them to join one community."""
LEVELS = {"decile": "imd_uk_decile", "quintile": "imd_uk_quintile"}
"""The built-in selections: small areas in the UK's most deprived decile or quintile."""
_LEVEL_TEXT = {"decile": "the UK's most deprived tenth", "quintile": "the UK's most deprived fifth"}

Rule: TypeAlias = str | Callable[[pd.DataFrame], pd.Series] | pd.Series


def _join_data(areas: pd.DataFrame, data: pd.DataFrame | None, on: str | None) -> pd.DataFrame:
    """Add the columns of a user's frame, matched by small-area code."""
    if data is None:
        return areas
    if not isinstance(data, pd.DataFrame):
        raise SeatmapError("data= must be a DataFrame with one row per small area (its code in "
                           "the index or in the column named by on=).")
    frame = data
    if on is not None:
        if on not in frame.columns:
            raise SeatmapError(f"data= has no column {on!r} (columns: {list(frame.columns)[:10]}).")
        frame = frame.set_index(on)
    codes = frame.index.astype("string").str.strip().str.upper()
    if codes.duplicated().any():
        dup = codes[codes.duplicated()].unique()[:3].tolist()
        raise SeatmapError(f"data= lists some small areas more than once ({dup}); give one row "
                           "per small area (sum or average them first).")
    known = codes.isin(areas.index)
    if not known.any():
        raise SeatmapError("None of data='s codes is a small-area code (LSOA 2011 E01/W01, Data "
                           "Zone 2011 S01, NI SOA 95...); pass on='column' naming the codes.")
    clash = [c for c in frame.columns if c in areas.columns]
    if clash:
        raise SeatmapError(f"data= columns {clash} clash with small-area columns; rename them.")
    frame = frame.set_axis(codes)[known]
    out = areas.join(frame, how="left")
    out.attrs["data_unmatched"] = int((~known).sum())
    return out


def select_small_areas(areas: pd.DataFrame, level: str = "decile",
                       rule: Rule | None = None) -> tuple[pd.Series, str]:
    """The small areas a community may be made of, and a description of the rule.

    Parameters
    ----------
    areas : pandas.DataFrame
        :func:`seatmap.load_small_areas`, with any columns of your own.
    level : {"decile", "quintile"}, default "decile"
        The UK's most deprived tenth or fifth (UK composite index, population groups).
    rule : str, callable or boolean Series, optional
        Instead of ``level``: a :meth:`pandas.DataFrame.query` expression on the columns
        (``"imd_uk_decile <= 2 and members >= 5"``), a function of the frame returning booleans,
        or booleans indexed by small-area code.

    Returns
    -------
    (pandas.Series, str)
        Booleans indexed like ``areas``, and the rule in words.

    Examples
    --------
    >>> from seatmap import load_small_areas
    >>> keep, text = select_small_areas(load_small_areas(), "quintile")
    >>> int(keep.sum()), text
    (8385, "the UK's most deprived fifth")
    """
    if rule is None:
        lvl = choice(level, tuple(LEVELS), "deprivation level",
                     aliases={"tenth": "decile", "fifth": "quintile"})
        return areas[LEVELS[lvl]].eq(1).fillna(False).astype(bool), _LEVEL_TEXT[lvl]
    if isinstance(rule, str):
        try:
            keep = areas.eval(rule)
        except Exception as err:  # pandas raises many kinds for a bad expression
            raise SeatmapError(f"rule {rule!r} could not be evaluated ({err}); write it as a "
                               "pandas query on the small-area columns, e.g. "
                               "\"imd_uk_decile <= 2 and members >= 5\". Columns: "
                               f"{', '.join(map(str, areas.columns))}.") from None
        text = f"rule: {rule}"
    elif callable(rule):
        keep = rule(areas)
        text = f"rule: {getattr(rule, '__name__', 'a function')}"
    elif isinstance(rule, pd.Series):
        keep = rule.reindex(areas.index)
        text = f"rule: {rule.name or 'a list of small areas'}"
    else:
        raise SeatmapError("rule= must be a query string, a function of the small-area frame or "
                           "a boolean Series indexed by small-area code.")
    keep = pd.Series(keep, index=areas.index) if not isinstance(keep, pd.Series) else keep
    if keep.dtype != bool and str(keep.dtype) != "boolean":
        raise SeatmapError(f"rule= gave {keep.dtype} values, not True/False for each small area.")
    return keep.astype("boolean").fillna(False).astype(bool), text


def _pairs(x: np.ndarray, y: np.ndarray, group: np.ndarray,
           d: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points in the same group at most ``d`` apart (grid hashing)."""
    cx = np.floor(x / d).astype(np.int64)
    cy = np.floor(y / d).astype(np.int64)
    base = pd.DataFrame({"g": group, "cx": cx, "cy": cy, "i": np.arange(len(x))})
    out_i, out_j = [], []
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1), (1, -1)):
        other = base.assign(cx=base["cx"] - dx, cy=base["cy"] - dy)
        m = base.merge(other, on=["g", "cx", "cy"], suffixes=("", "_b"))
        i, j = m["i"].to_numpy(), m["i_b"].to_numpy()
        keep = (i != j) if (dx, dy) != (0, 0) else (i < j)
        i, j = i[keep], j[keep]
        close = (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 <= d * d
        out_i.append(i[close])
        out_j.append(j[close])
    return np.concatenate(out_i), np.concatenate(out_j)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected-component labels (0..k-1, in order of first member) of a graph's edges."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[i], label[j])
        new = label.copy()
        np.minimum.at(new, i, low)
        np.minimum.at(new, j, low)
        new = new[new]  # pointer jumping
        while True:
            nxt = new[new]
            if (nxt == new).all():
                break
            new = nxt
        if (new == label).all():
            break
        label = new
    _, out = np.unique(label, return_inverse=True)
    return out


def _seat_list(seats: str | Sequence[str] | pd.DataFrame | pd.Series, set_id: str) -> set[str]:
    """GSS codes of the seats named (names forgivingly, or codes, or a frame indexed by code)."""
    if isinstance(seats, pd.DataFrame | pd.Series):
        return set(seats.index.astype(str))
    from .names import find_seat

    items = [seats] if isinstance(seats, str) else list(seats)
    return {find_seat(str(s), set_id) for s in items}


def _names(work: pd.DataFrame, la_name: pd.Series) -> pd.DataFrame:
    """Per community: people's name, all neighbourhoods, and a note on unrecognisable names."""
    hoods = (work.groupby(["_c", "neighbourhood"], sort=False)
             .agg(people=("_w", "sum"), generic=("neighbourhood_generic", "any")).reset_index()
             .sort_values(["_c", "people", "neighbourhood"], ascending=[True, False, True],
                          kind="stable"))
    hoods["pos"] = hoods.groupby("_c").cumcount()
    labels = hoods["_c"].to_numpy()
    cuts = np.flatnonzero(np.diff(labels)) + 1
    parts = np.split(hoods["neighbourhood"].astype(str).to_numpy(), cuts)
    gen = np.split(hoods["generic"].fillna(False).astype(bool).to_numpy(), cuts)
    keys = labels[np.r_[0, cuts]] if len(labels) else labels
    names, alls, notes = [], [], []
    for key, part, flags in zip(keys, parts, gen, strict=True):
        la = la_name.loc[key]
        names.append(f"{' and '.join(part[:2])}, {la}")
        alls.append("; ".join(part))
        generic = [repr(str(n)) for n, f in zip(part[:2], flags[:2], strict=True) if f]
        notes.append(f"{' and '.join(generic)} may not be recognised as a place name: "
                     f"{'they are' if len(generic) > 1 else 'it is'} an official area's name "
                     f"in {la}" if generic else "")
    return pd.DataFrame({"name": names, "neighbourhoods": alls, "name_note": notes},
                        index=keys)


def communities(election: int | str | Election = DEFAULT_ELECTION, *, level: str = "decile",
                rule: Rule | None = None, data: pd.DataFrame | None = None,
                on: str | None = None, distance: float = DISTANCE_M,
                region: str | Sequence[str] | None = None,
                seats: str | Sequence[str] | pd.DataFrame | None = None,
                targets: str | None = None, defences: str | None = None,
                min_population: int = 0) -> pd.DataFrame:
    """Held-back communities: clusters of neighbouring deprived small areas, with their seats.

    Parameters
    ----------
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")
        The election whose results describe each community's seat (holder, majority); its
        boundary set is the one communities do not cross (2024 and the notional 2019: the 2024
        set; 2010-2019: the 2010 set).
    level : {"decile", "quintile"}, default "decile"
        Small areas in the UK's most deprived tenth, or fifth (UK composite index; population
        groups of small areas).
    rule : str, callable or boolean Series, optional
        Your own selection instead of ``level``, on any column of
        :func:`seatmap.load_small_areas` or of ``data``: a query such as
        ``"imd_uk_decile <= 3 and members >= 10"``, a function of the frame, or booleans indexed
        by small-area code.
    data : pandas.DataFrame, optional
        Columns of your own, one row per small area (e.g. members per LSOA), indexed by the
        small-area code or with the code in column ``on``; joined before ``rule`` is applied.
    on : str, optional
        The column of ``data`` holding small-area codes.
    distance : float, default 1000
        Metres between two selected small areas' population-weighted centres for them to join
        the same community (single linkage).
    region : str or list of str, optional
        Keep communities in these regions (ONS regions, Wales, Scotland, Northern Ireland).
    seats : str, list of str or DataFrame, optional
        Keep communities in these seats (names or GSS codes on the election's boundary set, or
        any frame indexed by GSS code, such as a target list).
    targets, defences : str, optional
        Keep communities in the seats a party targets (does not hold) or defends (holds) at the
        election, e.g. ``targets="lab"``.
    min_population : int, default 0
        Drop communities with fewer people.

    Returns
    -------
    pandas.DataFrame
        One row per community, largest population first, indexed by ``community`` (the seat's
        code and the community's number within it): ``name`` (its neighbourhoods, at most two,
        and local authority), ``name_note`` (a warning where a name may not be recognised),
        ``neighbourhoods`` (all of them), ``population``, ``small_areas`` (how many),
        ``area_codes`` (their codes), ``imd_uk_score`` (population-weighted), ``most_deprived_rank``
        (best UK rank of its small areas), ``deciles`` (1 = most deprived: its small areas'
        deciles, e.g. "1" or "1-2"), ``la_code``, ``la_name``, ``region``, ``nation``, ``seat``
        (GSS code on the election's set), ``seat_name``, ``seat_2010``, ``seat_2024`` (the
        seat holding most of its people), ``holder``, ``result``, ``majority``,
        ``majority_pct``, ``leave_pct``, ``town_class``, ``seat_imd_uk_score``,
        ``seat_imd_uk_decile``, ``x``, ``y`` (British National Grid) and ``lon``, ``lat``
        (population-weighted centre). ``attrs`` records the rule, the distance, the counts and
        ``caveats`` (Northern Ireland's place on the UK deprivation scale, when it is shown).

    Examples
    --------
    >>> c = communities(2024)
    >>> int(c["small_areas"].sum()), c["seat"].nunique()
    (4222, 420)
    >>> bool((c["seat_name"] == "Hartlepool").any())
    True
    """
    from .datasets import load_seats, load_small_areas
    from .sources import caveats

    e = _election(election)
    set_id = str(e.boundary_set)
    if not np.isfinite(distance) or distance <= 0:
        raise SeatmapError(f"distance must be a positive number of metres, not {distance!r}.")
    areas = _join_data(load_small_areas(set_id), data, on)
    keep, rule_text = select_small_areas(areas, level, rule)
    chosen_seats: set[str] | None = None
    steps = []
    if seats is not None:
        chosen_seats = _seat_list(seats, set_id)
        steps.append(f"{len(chosen_seats)} seats given")
    for party, kind in ((targets, "targets"), (defences, "defences")):
        if party is None:
            continue
        from . import targeting

        ranked = getattr(targeting, kind)(party, e.id)
        codes = set(ranked.index.astype(str))
        chosen_seats = codes if chosen_seats is None else chosen_seats & codes
        steps.append(f"{party}'s {kind} at {e.id} ({len(codes)} seats)")
    if region is not None:
        wanted = {_region(r) for r in ([region] if isinstance(region, str) else region)}
        keep &= areas["region"].isin(wanted)
        steps.append(f"region {', '.join(sorted(wanted))}")
    if chosen_seats is not None:
        keep &= areas["seat"].isin(chosen_seats)
    sel = areas[keep.to_numpy()]
    out = _cluster(sel, float(distance))
    if len(out):
        out = _with_politics(out, load_seats(e.id, geometry=False))
    if min_population:
        out = out[out["population"] >= min_population]
        steps.append(f"at least {min_population} people")
    out.attrs = {"kind": "communities", "election": e.id, "boundary_set": set_id,
                 "rule": rule_text, "distance_m": float(distance), "filters": steps,
                 "small_areas": len(sel), "people": int(sel["population"].sum()),
                 "data_unmatched": areas.attrs.get("data_unmatched", 0),
                 "caveats": caveats(["imd_uk_score"], out["seat"].astype(str).tolist())}
    if out.empty:
        out.attrs["message"] = (f"No held-back communities: no small area meets {rule_text}"
                                + (f" after {'; '.join(steps)}" if steps else "") + ".")
    return out


_COLUMNS = ["name", "name_note", "neighbourhoods", "population", "small_areas", "area_codes",
            "imd_uk_score", "most_deprived_rank", "deciles", "la_code", "la_name", "region",
            "nation", "seat", "seat_name", "seat_2010", "seat_2024", "x", "y", "lon", "lat"]


def _cluster(sel: pd.DataFrame, distance: float) -> pd.DataFrame:
    """One row per community of the selected small areas (single linkage within seats)."""
    if sel.empty:
        return pd.DataFrame(columns=_COLUMNS).rename_axis("community")
    x, y = sel["x"].to_numpy(float), sel["y"].to_numpy(float)
    group = pd.factorize(sel["seat"])[0]
    i, j = _pairs(x, y, group, distance)
    label = _components(len(sel), i, j)
    pop = sel["population"].to_numpy(float)
    work = sel.assign(_c=label, _w=pop, _wx=x * pop, _wy=y * pop,
                      _ws=sel["imd_uk_score"].to_numpy(float) * pop,
                      _wlon=sel["lon"].to_numpy(float) * pop, _wlat=sel["lat"].to_numpy(float) * pop)
    g = work.groupby("_c", sort=True)
    sums = g[["_w", "_wx", "_wy", "_ws", "_wlon", "_wlat"]].sum()
    w = sums["_w"].where(sums["_w"] > 0, 1.0)
    rows = pd.DataFrame({
        "population": sums["_w"].astype("int64"),
        "small_areas": g.size(),
        "imd_uk_score": (sums["_ws"] / w).round(2),
        "most_deprived_rank": g["imd_uk_rank"].min(),
        "dmin": g["imd_uk_decile"].min(), "dmax": g["imd_uk_decile"].max(),
        "region": g["region"].first(), "nation": g["nation"].first(),
        "seat": g["seat"].first(), "seat_name": g["seat_name"].first(),
        "x": (sums["_wx"] / w).round(0), "y": (sums["_wy"] / w).round(0),
        "lon": (sums["_wlon"] / w).round(5), "lat": (sums["_wlat"] / w).round(5),
    })
    rows["deciles"] = [str(a) if a == b else f"{a}-{b}" for a, b in zip(rows["dmin"], rows["dmax"],
                                                                         strict=True)]
    most = {}
    for col in ("seat_2010", "seat_2024", "la_code", "la_name"):
        most[col] = (work.groupby(["_c", col], sort=False)["_w"].sum().reset_index()
                     .sort_values(["_c", "_w", col], ascending=[True, False, True], kind="stable")
                     .drop_duplicates("_c").set_index("_c")[col])
    for col, values in most.items():
        rows[col] = values
    rows = rows.join(_names(work, rows["la_name"]))
    order = np.lexsort((sel.index.to_numpy(str), label))
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    rows["area_codes"] = [" ".join(p) for p in np.split(sel.index.to_numpy(str)[order], cuts)]
    rows = rows.sort_values(["seat", "population"], ascending=[True, False], kind="stable")
    rows["community"] = rows["seat"] + "-" + (rows.groupby("seat").cumcount() + 1).astype(str)
    rows = rows.set_index("community").sort_values(["population", "imd_uk_score"],
                                                   ascending=[False, False], kind="stable")
    return rows[_COLUMNS]


def _with_politics(rows: pd.DataFrame, seats: pd.DataFrame) -> pd.DataFrame:
    """The seat's holder, result, majority, leave share, town/city class and deprivation."""
    town = pd.Series(pd.NA, index=seats.index, dtype="string")
    for town_col in ("primary_class", "settlement", "cfc_class"):
        if town_col in seats.columns and town.isna().all():
            town = seats[town_col].astype("string")

    def col(name: str) -> pd.Series:
        return seats[name] if name in seats.columns else pd.Series(pd.NA, index=seats.index)

    pol = pd.DataFrame({
        "holder": col("winner"), "result": col("result"), "majority": col("majority"),
        "majority_pct": col("majority_pct"), "leave_pct": col("leave_pct"), "town_class": town,
        "seat_imd_uk_score": col("imd_uk_score"), "seat_imd_uk_decile": col("imd_uk_decile"),
    }, index=seats.index)
    out = rows.join(pol, on="seat")
    cols = [c for c in out.columns if c not in ("x", "y", "lon", "lat")] + ["x", "y", "lon", "lat"]
    return out[cols]


#: Regions pilots cover by default: England's nine regions, Wales and Scotland (as pilots()).
DEFAULT_REGIONS = tuple(r for r in _REGIONS if r != "Northern Ireland")


def _reason(r: pd.Series, total: int, rule_text: str, election_id: str, first: bool) -> str:
    """'Name: N people in <rule>; seat S, Lab hold 2024, majority 7,698; leave 70%; ...'."""
    from ._text import fmt_int

    parts = [f"{r['name']}: {fmt_int(r['population'])} people in {rule_text}"]
    seat = f"seat {r['seat_name']}"
    if pd.notna(r.get("result")):
        seat += f", {r['result']} {election_id}"
    if pd.notna(r.get("majority")):
        seat += f", majority {fmt_int(r['majority'])}"
    parts.append(seat)
    if pd.notna(r.get("leave_pct")):
        parts.append(f"leave {float(r['leave_pct']):.0f}%")
    parts.append(f"seat ranked {int(r['rank'])} of {total} in the list")
    if first:
        parts.append(f"first pilot in {r['la_name']}")
    if r.get("name_note"):
        parts.append(str(r["name_note"]))
    return "; ".join(parts)


def community_pilots(ranked: pd.DataFrame, per_region: int = 3, *,
                     regions: str | Sequence[str] | None = None, include_ni: bool = False,
                     distinct_la: bool = True, exclude: str | Sequence[str] | None = None,
                     election: int | str | Election | None = None, level: str = "decile",
                     rule: Rule | None = None, data: pd.DataFrame | None = None,
                     on: str | None = None, distance: float = DISTANCE_M) -> pd.DataFrame:
    """Pilots in held-back communities inside a ranked list's seats: ``pilots(level="community")``.

    Communities (:func:`communities`) in the list's seats are taken region by region in the
    order of their seat in the list (best first; the largest community first within a seat),
    at most one per local authority (the council holding most of the community's people) and
    one per seat, until each region has ``per_region``.

    Parameters
    ----------
    ranked : pandas.DataFrame
        Indexed by GSS code, best first (``targets("lab")``, ``defences("con")``, any list).
    per_region : int, default 3
    regions, include_ni, distinct_la, exclude
        As in :func:`seatmap.pilots` (``exclude`` names seats).
    election : int or str, optional
        Default: the list's election (``ranked.attrs["election"]``), else the default election.
    level, rule, data, on, distance
        As in :func:`communities`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``community``: ``region``, ``pick``, ``rank`` (of the seat in the list),
        ``name``, ``population``, the community's other columns and ``reason``.
        ``attrs["shortfalls"]`` has a line for every region with fewer than ``per_region``.

    Examples
    --------
    >>> from seatmap import targets
    >>> p = community_pilots(targets("lab", 2024))
    >>> bool(p["la_code"].is_unique), p.attrs["shortfalls"][0]
    (True, 'North East: 0 of 3 (0 communities in 0 seats of the list there)')
    """
    if int(per_region) < 1:
        raise SeatmapError(f"per_region must be at least 1, not {per_region!r}.")
    per_region = int(per_region)
    eid = election if election is not None else ranked.attrs.get("election") or DEFAULT_ELECTION
    e = _election(eid)
    frame = ranked.sort_values("rank", kind="stable") if "rank" in ranked.columns else ranked
    rank = pd.Series(np.arange(1, len(frame) + 1), index=frame.index.astype(str))
    if regions is None:
        wanted = list(DEFAULT_REGIONS) + (["Northern Ireland"] if include_ni else [])
    else:
        wanted = [_region(r) for r in ([regions] if isinstance(regions, str) else regions)]
        if include_ni and "Northern Ireland" not in wanted:
            wanted.append("Northern Ireland")
    skip = _seat_list(exclude, str(e.boundary_set)) if exclude else set()
    comm = communities(e, level=level, rule=rule, data=data, on=on, distance=distance,
                       seats=frame, region=wanted)
    comm = comm[~comm["seat"].isin(skip)]
    comm = comm.assign(rank=comm["seat"].map(rank).astype(int))
    comm = comm.sort_values(["rank", "population"], ascending=[True, False], kind="stable")
    rule_text = comm.attrs.get("rule", "")
    rows, shortfalls = [], []
    for reg in wanted:
        cand = comm[comm["region"] == reg]
        used_la: set[str] = set()
        used_seat: set[str] = set()
        picks: list[str] = []  # community ids ("<seat code>-<n>")
        for cid, r in cand.iterrows():
            if len(picks) >= per_region:
                break
            if r["seat"] in used_seat or (distinct_la and r["la_code"] in used_la):
                continue
            used_seat.add(r["seat"])
            used_la.add(r["la_code"])
            picks.append(cid)
        if len(picks) < per_region:
            seats_there = cand["seat"].nunique()
            shortfalls.append(f"{reg}: {len(picks)} of {per_region} ({len(cand)} "
                              f"communit{'ies' if len(cand) != 1 else 'y'} in {seats_there} "
                              f"seat{'s' if seats_there != 1 else ''} of the list there)")
        for i, cid in enumerate(picks, start=1):
            r = cand.loc[cid]
            rows.append({"community": cid, "region": reg, "pick": i, **r.to_dict(),
                         "reason": _reason(r, len(frame), rule_text, e.id, distinct_la)})
    cols = ["community", "region", "pick", "rank", "name", "population", "seat_name",
            *[c for c in comm.columns if c not in ("region", "rank", "name", "population",
                                                    "seat_name")], "reason"]
    out = pd.DataFrame(rows, columns=cols).set_index("community")
    out = out.rename(columns={"seat": "seat_code", "seat_name": "seat"})
    out.attrs = {**{k: v for k, v in ranked.attrs.items() if k != "message"},
                 "kind": "pilots", "level": "community", "source_kind": ranked.attrs.get("kind"),
                 "list_length": len(frame), "per_region": per_region,
                 "distinct_la": distinct_la, "excluded": sorted(skip),
                 "shortfalls": shortfalls, "rule": rule_text, "distance_m": float(distance),
                 "regions": wanted}
    if out.empty:
        out.attrs["message"] = (f"No pilot communities: the list's seats in {', '.join(wanted)} "
                                f"have no small areas in {rule_text}.")
    return out


def seat_summary(code: str, election: int | str | Election = DEFAULT_ELECTION) -> dict[str, Any]:
    """How many people in one seat live in held-back communities, and the largest of them.

    Parameters
    ----------
    code : str
        GSS code of a seat on the election's boundary set.
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")

    Returns
    -------
    dict
        ``rule`` (in words), ``communities`` (how many), ``people`` (living in them),
        ``seat_people`` (the seat's small areas' population, mid-2019), ``share_pct``,
        ``largest`` (name), ``largest_people``, ``largest_note`` (where its name may not be
        recognised) and ``names`` (up to three, largest first).

    Examples
    --------
    >>> s = seat_summary("E14001272", 2024)  # Hartlepool
    >>> s["communities"], s["largest"]
    (5, 'Headland & West View and Jesmond, Hartlepool')
    """
    from .datasets import load_small_areas

    e = _election(election)
    c = communities(e, seats=pd.DataFrame(index=[code]))
    areas = load_small_areas(str(e.boundary_set))
    seat_people = int(areas.loc[areas["seat"] == code, "population"].sum())
    out = {"rule": c.attrs["rule"], "communities": len(c), "people": int(c["population"].sum()),
           "seat_people": seat_people, "share_pct": None, "largest": None,
           "largest_people": None, "largest_note": "", "names": list(c["name"].head(3))}
    if seat_people:
        out["share_pct"] = 100.0 * out["people"] / seat_people
    if len(c):
        top = c.iloc[0]
        out.update(largest=str(top["name"]), largest_people=int(top["population"]),
                   largest_note=str(top["name_note"]))
    return out
