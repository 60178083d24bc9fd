"""One map specification: what a seat map shows, worked out once for every renderer.

:class:`MapOptions` holds what the caller asks for (the column, classes, colours, titles, layers,
tooltip columns...); :func:`map_spec` resolves it against the seat table and the bundled data
into a :class:`MapSpec`: geometry, colour classes, tooltip and seat-card rows, vote-share bars,
outline layers, legend, title and credits. The HTML renderer (:func:`seatmap.mapping.seats_to_map`)
and the static one (:func:`seatmap.static.seats_to_png`) both draw a ``MapSpec``, so a seat has
the same colour, layers, legend, title and credits in both, and a new map option is added once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._cache import memoized
from ._mapcells import (
    CellTable,
    cells,
    column_payload,
    first_column,
    format_column,
    int_cells,
    join_cells,
    party_name_cells,
    pct_cells,
    plain_cells,
    points_up_cells,
)
from ._mapoverlays import (
    COMMUNITY_SOURCES,
    DEFENCE_DASH,
    LABEL_CHAR,
    LABEL_HEIGHT,
    PILOT_COLOUR,
    PILOT_DASH,
    Overlay,
    codes_of,
    community_points,
    defence_colour,
    overlay_notes,
    place_region_names,
    region_outlines,
)
from ._validate import SeatmapError, choice
from .colours import (
    NO_DATA,
    NOT_IN_TABLE,
    Classes,
    classify,
    metric_column,
)
from .colours import label as column_label
from .elections import Election
from .parties import PARTIES, party_code, party_name

if TYPE_CHECKING:
    from .geometry import WebGeometry

__all__ = ["DEFENCE_DASH", "LABEL_CHAR", "LABEL_HEIGHT", "PILOT_COLOUR", "PILOT_DASH",
           "MapOptions", "MapSpec", "column_payload", "map_spec", "place_region_names"]

# --------------------------------------------------------------------------------------------
# the seat table: what to draw, and the context for tooltips


def _as_frame(seats) -> pd.DataFrame:
    if isinstance(seats, pd.Series):
        seats = seats.to_frame()
    if not isinstance(seats, pd.DataFrame):
        raise SeatmapError("seats must be a DataFrame or GeoDataFrame indexed by GSS code, an "
                           f"election such as 2019, or a Series; got {type(seats).__name__}.")
    if seats.index.name != "code" and "code" in seats.columns:
        seats = seats.set_index("code")
    idx = seats.index.astype(str)
    if not idx.str.fullmatch(r"[EWSN]\d{8}").any():
        raise SeatmapError("seats must be indexed by GSS constituency code (e.g. 'E14000611') or "
                           "have a 'code' column.")
    if idx.duplicated().any():
        dup = idx[idx.duplicated()].unique()[:5].tolist()
        raise SeatmapError(f"seats has duplicate codes: {dup}. Give one row per seat.")
    return seats


def _boundary_set_of(frame: pd.DataFrame) -> str | None:
    bs = frame.attrs.get("boundary_set")
    if bs:
        return str(bs)
    from .datasets import load_constituencies

    codes = set(frame.index.astype(str))
    best, hits = None, 0
    for set_id in ("2010", "2024"):
        try:
            n = len(codes & set(load_constituencies(set_id).index))
        except FileNotFoundError:
            return None
        if n > hits:
            best, hits = set_id, n
    return best


def _default_election(bs: str) -> str:
    return {"2010": "2019", "2024": "2024"}[bs]


@memoized(maxsize=8)
def _context_cached(eid: str):
    from .datasets import load_seats

    return load_seats(eid, geometry=False)


def _context(election_id: str | None, bs: str | None) -> pd.DataFrame | None:
    try:
        if election_id:
            return _context_cached(election_id).copy()
        if bs:
            from .datasets import load_constituencies

            return load_constituencies(bs)
    except FileNotFoundError:
        return None
    return None


# --------------------------------------------------------------------------------------------
# sources


_RESULT_COLUMNS = {"winner", "runner_up", "majority", "majority_pct", "turnout_pct", "mp",
                   "result", "swing_needed", "swing_to_lose", "holder", "challenger",
                   "electorate", "score", "valid_votes"}


def _sources_for(columns: Iterable[str], election_id: str | None, bs: str | None,
                 hexmap: bool) -> list[str]:
    try:
        from ._store import datapackage, source_ids

        resources = datapackage()["resources"]
    except (FileNotFoundError, KeyError):
        return []
    ids: list[str] = []

    def add(path: str) -> None:
        for r in resources:
            if r["path"] == path:
                ids.extend(s for s in source_ids(r) if s not in ids)

    if bs:
        add(f"hexmaps/pcon{bs}.csv" if hexmap else f"boundaries/pcon{bs}.npz")
    wanted = set(columns)
    party_cols = {c for c in wanted if re.fullmatch(r"[a-z]+_(pct|votes)", c)
                  and c.rsplit("_", 1)[0] in PARTIES}
    if election_id and (wanted & _RESULT_COLUMNS or party_cols):
        add(f"results/ge{election_id}.csv")
    for r in resources:
        path = r["path"]
        if not path.startswith("attributes/") and path != "results/history.csv":
            continue
        if bs and "pcon" in path and f"pcon{bs}" not in path:
            continue
        fields = {f["name"] for f in r.get("schema", {}).get("fields", [])}
        if fields & (wanted - {"code", "name"}):
            ids.extend(s for s in source_ids(r) if s not in ids)
    return ids


@dataclass(frozen=True)
class MapOptions:
    """What a map shows: the options shared by :func:`seats_to_map` and
    :func:`seatmap.static.seats_to_png` (see :func:`seats_to_map` for each one).

    A new map option is a new field here, used in :func:`map_spec`; both renderers get it.

    Examples
    --------
    >>> MapOptions(column="leave", hexmap=True).hexmap
    True
    """

    column: str | None = None
    election: int | str | Election | None = None
    scheme: str | None = None
    k: int | None = None
    cmap: str | Sequence[str] | None = None
    midpoint: float | None = None
    reverse: bool = False
    party: str | None = None
    title: str | None = None
    subtitle: str | None = None
    legend_title: str | None = None
    hexmap: bool = False
    targets: object = None
    defences: object = None
    pilots: object = None
    overlays: Mapping[str, object] | None = None
    tooltip: Sequence[str] | None = None
    sources: Sequence[str] | None = None
    attribution: str | None = None
    tolerance: float | None = None
    gains: bool | str = False
    communities: object = None

    @classmethod
    def from_keywords(cls, column: str | None = None, **kwargs) -> MapOptions:
        """Options from keyword arguments, rejecting unknown ones with the valid names."""
        from dataclasses import fields

        names = [f.name for f in fields(cls)]
        unknown = [k for k in kwargs if k not in names]
        if unknown:
            raise SeatmapError(f"Unknown map option{'s' if len(unknown) > 1 else ''} "
                               f"{', '.join(map(repr, unknown))}. Options: {', '.join(names)}.")
        return cls(column=column, **kwargs)


@dataclass
class MapSpec:
    """Everything a map renderer needs, worked out once from the seats and :class:`MapOptions`.

    The HTML renderer (:func:`seats_to_map`) and the static one
    (:func:`seatmap.static.seats_to_png`) both draw a ``MapSpec`` from :func:`map_spec`, so a seat
    has the same colour, layers, legend, title and credits in both.

    The short names of earlier versions (``col``, ``tip``, ``eid``, ``bs``, ``src_ids``,
    ``src_lines``, ``drawn_src_ids``) still read the same fields.
    """

    web: WebGeometry
    codes: list[str]
    data: pd.DataFrame
    in_table: np.ndarray
    column: str
    classes: Classes
    fill_idx: np.ndarray
    layers: list[Overlay]
    tooltip: CellTable
    card: CellTable
    sub_parts: list[str]
    bars: dict | None
    legend_items: list
    title: str
    subtitle: str
    source_ids: list[str]
    source_lines: list[str]
    credits: list[str]
    election: str | None
    boundary_set: str | None
    hexmap: bool
    metric_label: str
    attribution: str | None = None
    regions: dict | None = None
    points: dict | None = None  # held-back communities (see community_points)
    #: the sources of what the picture itself shows (boundaries or hex layout, the mapped
    #: column, the results behind the layers): the static map's footer lists only these
    drawn_source_ids: list[str] = field(default_factory=list)

    # the short names of earlier versions, read-only
    col = property(lambda self: self.column)
    tip = property(lambda self: self.tooltip)
    eid = property(lambda self: self.election)
    bs = property(lambda self: self.boundary_set)
    src_ids = property(lambda self: self.source_ids)
    src_lines = property(lambda self: self.source_lines)
    drawn_src_ids = property(lambda self: self.drawn_source_ids)


def map_spec(seats, options: MapOptions | None = None) -> MapSpec:
    """Work out a map once: geometry, classes, tooltips, cards, layers, legend, title, credits.

    Parameters
    ----------
    seats : DataFrame, GeoDataFrame, Series or election id
        As for :func:`seats_to_map`.
    options : MapOptions, optional
        What to show (default: the winning party).

    Returns
    -------
    MapSpec

    Examples
    --------
    >>> spec = map_spec(2019, MapOptions(column="leave", hexmap=True))
    >>> spec.column, len(spec.codes), spec.classes.title
    ('leave_pct', 650, 'EU referendum leave share (%)')
    """
    o = options or MapOptions()
    frame, eid, bs, party = _resolve(seats, o)
    web = _geometry(frame, bs, o.hexmap, o.tolerance)
    codes = list(web.codes)
    ctx = _context(eid, bs)
    data, in_table = _table_on_map(frame, codes, ctx)

    col = "winner" if o.column is None else metric_column(o.column, frame.columns.union(
        data.columns if ctx is not None else frame.columns))
    values = data[col].where(in_table | ~pd.Series(col in frame.columns, index=codes))
    share_party = col[:-4] if col.endswith("_pct") and col[:-4] in PARTIES else None
    classes = classify(values.rename(col), scheme=o.scheme, k=o.k, cmap=o.cmap,
                       midpoint=o.midpoint, party=share_party, reverse=o.reverse,
                       title=o.legend_title)
    fill_idx = np.where(in_table | (col not in frame.columns), classes.index, -2)
    layers = _layers(o, party, codes)
    if o.gains:
        classes, fill_idx, changing = _gains(o.gains, classes, fill_idx, data, col, codes)
        layers.append(changing)

    year = eid.split("-")[0] if eid else ""
    metric_label = o.legend_title or column_label(col)
    if share_party == "reform" and year and o.legend_title is None:  # Brexit Party or Reform UK
        metric_label = metric_label.replace(PARTIES["reform"].name, party_name("reform", year))
        classes.title = metric_label
    if year and PARTIES["reform"].name in list(classes.labels):  # a winner map's legend
        classes.labels = [party_name("reform", year) if lab == PARTIES["reform"].name else lab
                          for lab in classes.labels]
    tip = _tooltip(data, frame, codes, col, values, in_table, layers, metric_label, year,
                   o.tooltip)
    card = _card(tip, data, codes, col, year)
    share_cols = [c for c in data.columns if re.fullmatch(r"[a-z]+_pct", c)
                  and c[:-4] in PARTIES]
    title = o.title if o.title is not None else _title(metric_label, o.hexmap, layers)
    subtitle = (o.subtitle if o.subtitle is not None
                else _subtitle(eid, bs, col, share_party, layers, len(codes)))
    used = {col, *(o.tooltip or []), "winner", "majority", "leave_pct", "imd_uk_decile",
            "primary_class", "town_class", "cfc_class", "settlement"} & set(data.columns)
    src_ids = _sources_for(used | set(share_cols), eid, bs, o.hexmap)
    points = community_points(o.communities, eid, codes, o.hexmap)
    if points:  # the small areas' sources (issue 22)
        src_ids += [x for x in COMMUNITY_SOURCES if x not in src_ids]
    drawn = {col} | ({"winner", "majority"} if layers else set())
    if isinstance(o.gains, str):
        drawn.add(o.gains)
    drawn_src = _sources_for(drawn & set(data.columns) | {col}, eid, bs, o.hexmap)
    if points:
        drawn_src += [x for x in COMMUNITY_SOURCES if x not in drawn_src]
    drawn_src += [x for x in (o.sources or []) if x not in drawn_src]
    src_lines, credits = _credits(src_ids, o.sources, o.attribution)
    from dataclasses import replace

    from .sources import caveats

    shown = [c for c, t in zip(codes, in_table, strict=True) if t]  # e.g. NI on the UK IMD
    src_lines = caveats([col], shown) + src_lines
    if caveats([col], shown):  # the legend's note says it in one line too (HTML and PNG)
        classes = replace(classes, note="; ".join(
            [n for n in (classes.note, *caveats([col], shown, short=True)) if n]))
    return MapSpec(web=web, codes=codes, data=data, in_table=in_table, column=col,
                   classes=classes, fill_idx=fill_idx, layers=layers, tooltip=tip, card=card,
                   sub_parts=_areas(data, len(codes)),
                   bars=_bars(data, share_cols, len(codes), year),
                   legend_items=_legend_items(classes, in_table, fill_idx, col in frame.columns),
                   title=title, subtitle=subtitle, source_ids=src_ids, source_lines=src_lines,
                   credits=credits, election=eid, boundary_set=bs, hexmap=o.hexmap,
                   metric_label=metric_label,
                   attribution=o.attribution,
                   regions=region_outlines(web, data) if o.hexmap else None,
                   points=points, drawn_source_ids=drawn_src)


def _gains(gains: bool | str, classes: Classes, fill_idx: np.ndarray, data: pd.DataFrame,
           col: str, codes: list[str]) -> tuple[Classes, np.ndarray, Overlay]:
    """The "gains" view: seats changing hands in the new party's colour (outlined, as a layer),
    seats keeping their party in a pale tint of its colour; the legend counts both."""
    from dataclasses import replace

    from .colours import mix

    before_col = gains if isinstance(gains, str) else "winner_before"
    if classes.kind != "categorical" or before_col not in data.columns:
        raise SeatmapError(
            f"gains= compares a party column with the party before it: the map's column "
            f"{col!r} must hold parties and the table a {before_col!r} column (Projection.seats "
            "has winner_before; on an election's seats use gains='winner_2019' or another "
            "winner_<year> column).")
    after = data[col].astype("string").to_numpy(dtype=object, na_value=None)
    before = data[before_col].astype("string").to_numpy(dtype=object, na_value=None)
    known = fill_idx >= 0
    changed = known & np.array([a is not None and b is not None and a != b
                                for a, b in zip(after, before, strict=True)])
    n = len(classes.colours)
    gain_n = np.bincount(fill_idx[changed], minlength=n)
    hold_n = np.bincount(fill_idx[known & ~changed], minlength=n)
    order_g = [int(i) for i in np.argsort(-gain_n, kind="stable") if gain_n[i]]
    order_h = [int(i) for i in np.argsort(-hold_n, kind="stable") if hold_n[i]]
    idx = fill_idx.copy()
    for k, i in enumerate(order_g):
        idx[changed & (fill_idx == i)] = k
    for k, i in enumerate(order_h):
        idx[known & ~changed & (fill_idx == i)] = len(order_g) + k
    new = replace(
        classes, index=np.where(idx >= 0, idx, classes.index),
        colours=[classes.colours[i] for i in order_g] + [mix(classes.colours[i], "#ffffff", 0.72)
                                                          for i in order_h],
        labels=[f"{classes.labels[i]} gain" for i in order_g] + [f"{classes.labels[i]} hold"
                                                                  for i in order_h],
        counts=[int(gain_n[i]) for i in order_g] + [int(hold_n[i]) for i in order_h],
        note="; ".join(x for x in (classes.note, "gains in full colour and outlined, holds pale")
                       if x))

    def plabel(p):
        return PARTIES[p].label if p in PARTIES else str(p)

    where = np.flatnonzero(changed)
    notes = {codes[i]: f"{plabel(after[i])} gain from {plabel(before[i])}" for i in where}
    layer = Overlay(f"Seats changing hands ({len(where)})", [codes[i] for i in where], notes,
                     "#111111", 3.0, None, "Changes hands")
    return new, idx, layer


def _resolve(seats, o: MapOptions) -> tuple[pd.DataFrame, str | None, str | None, str | None]:
    """The table indexed by code, its election, boundary set and the layers' party."""
    from .elections import boundary_set as _bs
    from .elections import election as _election

    if isinstance(seats, (int, str)) and not isinstance(seats, bool):
        e = _election(seats)
        frame = _context_cached(e.id).copy()
        frame.attrs = {"election": e.id, "boundary_set": e.boundary_set}
    else:
        frame = _as_frame(seats)
    frame.index = frame.index.astype(str)
    frame.index.name = "code"
    if o.election is not None:
        eid = _election(o.election).id
    elif frame.attrs.get("election"):
        eid = _election(frame.attrs["election"]).id
    else:
        eid = None
    bs = _bs(_election(eid).boundary_set).id if eid else _boundary_set_of(frame)
    if eid is None and bs is not None:
        eid = _default_election(bs)
    party = o.party
    if party is None and frame.attrs.get("party") in PARTIES:
        party = frame.attrs["party"]
    return frame, eid, bs, (party_code(party) if party else None)


def _geometry(frame: pd.DataFrame, bs: str | None, hexmap: bool, tolerance: float | None):
    """The web geometry: the bundled set (all its seats, or its hexagons), else the table's own."""
    from . import webgeom
    from .geometry import DEFAULT_TOLERANCE_M, encode_planar

    tol = DEFAULT_TOLERANCE_M if tolerance is None else float(tolerance)
    if bs is not None and (hexmap or not _has_own_only_geometry(frame, bs)):
        if hexmap:
            from .datasets import load_hexmap

            hexes = load_hexmap(bs)
            web = encode_planar(hexes.geometry.values, list(hexes.index), quantum=0.01)
        else:
            web = webgeom.boundary_web_geometry(bs, tolerance=tol)
    else:
        if hexmap:
            raise SeatmapError("Hex maps need constituency codes of the 2010 or 2024 boundary set.")
        if "geometry" not in frame.columns:
            raise SeatmapError("These codes are not constituencies of a bundled boundary set and "
                               "the table has no geometry to draw.")
        web = webgeom.web_geometry(frame.geometry, list(frame.index), tolerance=tol)
    stray = frame.index[~frame.index.isin(list(web.codes))]
    if len(stray):
        where = f"the {bs} boundary set" if bs else "the map's geometry"
        raise SeatmapError(
            f"{len(stray)} of the table's {len(frame)} codes are not seats of {where}: "
            f"{', '.join(stray[:5])}{' and others' if len(stray) > 5 else ''}. Elections 2010-2019 use "
            "the 2010 boundaries, 2024 and '2019-notional' the 2024 boundaries: pass the "
            "matching election= or fix the codes.")
    return web


def _table_on_map(frame: pd.DataFrame, codes: list[str], ctx: pd.DataFrame | None):
    """The table on the map's seats, with the context columns it lacks, and which seats it has."""
    data = pd.DataFrame(frame.drop(columns=["geometry"], errors="ignore")).reindex(codes)
    in_table = pd.Series(codes, index=codes).isin(frame.index).to_numpy()
    if ctx is not None:
        ctx = ctx.reindex(codes)
        extra = [c for c in ctx.columns if c not in data.columns]
        data = pd.concat([data, ctx[extra]], axis=1)
        for a, b in (("name", "seat"),):
            if a not in frame.columns and b in frame.columns:
                data[a] = data[b].where(data[b].notna(), ctx.get(a))
    if "name" not in data.columns:
        data["name"] = data["seat"] if "seat" in data.columns else pd.Series(codes, index=codes)
    data["name"] = data["name"].astype("string").fillna(pd.Series(codes, index=codes))
    return data, in_table


def _layers(o: MapOptions, party: str | None, codes: list[str]) -> list[Overlay]:
    """The outline layers: targets, defences, pilots, then the user's overlays."""
    layers: list[Overlay] = []
    plabel = PARTIES[party].label if party else ""
    pcol = PARTIES[party].colour if party else "#111111"
    specs = [("targets", o.targets, f"{plabel} targets".strip(), pcol, 3.0, None),
             ("defences", o.defences, f"{plabel} defences".strip(), defence_colour(pcol), 2.5,
              DEFENCE_DASH),
             ("pilots", o.pilots, "Pilot seats", PILOT_COLOUR, 4.0, PILOT_DASH)]
    extra_colours = ["#6a3d9a", "#ff7f00", "#1b9e77", "#e7298a", "#666666"]
    for i, (name, obj) in enumerate((o.overlays or {}).items()):
        specs.append(("custom", obj, str(name), extra_colours[i % len(extra_colours)], 2.5, None))
    on_map = set(codes)
    for kind, obj, name, colour, weight, dash in specs:
        if obj is None:
            continue
        if kind in ("targets", "defences") and isinstance(obj, pd.DataFrame):
            p = obj.attrs.get("party")
            if p in PARTIES and not party:
                name = f"{PARTIES[p].label} {kind}"
                colour = (PARTIES[p].colour if kind == "targets"
                          else defence_colour(PARTIES[p].colour))
        ocodes, oframe = codes_of(obj)
        known = [c for c in ocodes if c in on_map]
        if not known and ocodes:
            raise SeatmapError(f"None of the {len(ocodes)} seats of layer {name!r} is on this "
                               "map (codes from another boundary set?).")
        layers.append(Overlay(f"{name} ({len(known)})", known, overlay_notes(oframe, kind),
                               colour, weight, dash, name))
    return layers


def _tooltip(data: pd.DataFrame, frame: pd.DataFrame, codes: list[str], col: str,
             values: pd.Series, in_table: np.ndarray, layers: list[Overlay], metric_label: str,
             year: str, tooltip: Sequence[str] | None) -> CellTable:
    """The hover tooltip's rows: the metric, holder, majority, swings, layers, context."""
    tip = CellTable()
    metric_vals = format_column(data.assign(**{col: values}), col)
    absent_note = ["" if t else "not in this table" for t in in_table]
    tip.add(re.sub(r" \((%|votes|points)\)$", "", metric_label),
            [a or m or "no data" for a, m in zip(absent_note, metric_vals, strict=True)], True)
    holder_col = first_column(data, ["winner", "holder"])
    if holder_col and holder_col != col:
        hv = party_name_cells(data[holder_col].astype("string"))
        mp = plain_cells(data["mp"]) if "mp" in data.columns else [""] * len(codes)
        tip.add(f"Holder ({year})" if year else "Holder", join_cells(hv, mp, sep=" — "))
    if "majority" in data.columns and col not in ("majority", "majority_pct"):
        mj = int_cells(data["majority"])
        mjp = pct_cells(data["majority_pct"]) if "majority_pct" in data.columns else [""] * len(codes)
        tip.add("Majority", [f"{a} ({b})" if a and b else a for a, b in zip(mj, mjp, strict=True)])
    for c, lab in (("swing_needed", "Swing needed"), ("swing_to_lose", "Swing to lose")):
        if c in data.columns and c != col:
            tip.add(lab, points_up_cells(data[c]))
    for lay in layers:
        tip.add(lay.row_label, [lay.notes.get(c, "yes" if c in lay.codes else "")
                                if c in set(lay.codes) else "" for c in codes])
    if "leave_pct" in data.columns and col != "leave_pct":
        tip.add("Leave (2016)", pct_cells(data["leave_pct"]))
    if "imd_uk_decile" in data.columns and col != "imd_uk_decile":
        dec = data["imd_uk_decile"].astype("Float64")
        tip.add("Deprivation", cells(dec.to_numpy(dtype=object, na_value=None),
                                    lambda v: f"decile {int(v)} of 10 (1 = most deprived)"))
    town = first_column(data, ["primary_class", "town_class", "cfc_class", "settlement"])
    if town and town != col:
        tip.add("Town class", plain_cells(data[town]))
    for c in tooltip or []:
        if c not in data.columns:
            raise SeatmapError(f"tooltip column {c!r} is not in the table. Columns: "
                               f"{', '.join(map(str, frame.columns))}.")
        if c != col:
            tip.add(column_label(c), format_column(data, c))
    return tip


def _card(tip: CellTable, data: pd.DataFrame, codes: list[str], col: str, year: str) -> CellTable:
    """The seat card: everything in the tooltip plus the seat's profile."""
    card = CellTable()
    card.labels, card.cols, card.strong = list(tip.labels), list(tip.cols), list(tip.strong)
    if "result" in data.columns:
        card.add(f"Result ({year})" if year else "Result", plain_cells(data["result"]))
    if "runner_up" in data.columns and col != "runner_up":
        card.add("Runner-up", party_name_cells(data["runner_up"].astype("string")))
    if "turnout_pct" in data.columns and col != "turnout_pct":
        card.add("Turnout", pct_cells(data["turnout_pct"]))
    if "electorate" in data.columns and col != "electorate":
        card.add("Electorate", int_cells(data["electorate"]))
    if "leave_basis" in data.columns:
        card.add("Leave figure", plain_cells(data["leave_basis"]))
    if "imd_uk_score" in data.columns and col != "imd_uk_score":
        card.add("IMD score (UK)", cells(data["imd_uk_score"].astype("Float64").to_numpy(
            dtype=object, na_value=None), lambda v: f"{v:.1f}"))
    if "ruc_label" in data.columns and col != "ruc_label":
        card.add("Urban-rural", plain_cells(data["ruc_label"]))
    hist = sorted(c for c in data.columns if re.fullmatch(r"winner_\d{4}", c))
    if hist:
        labels = [[f"{c[-4:]} {PARTIES[v].label}" if v in PARTIES else "" for v in
                   data[c].astype(object).where(data[c].notna(), None)] for c in hist]
        card.add("History", join_cells(*labels, sep=", "))
    card.add("Code", codes)
    return card


def _areas(data: pd.DataFrame, n: int) -> list[str]:
    """Each seat's "region, nation" line (empty without a region column)."""
    if "region" not in data.columns:
        return []
    reg = plain_cells(data["region"])
    nat = plain_cells(data["nation"]) if "nation" in data.columns else [""] * n
    return [r if r == n_ or not n_ else f"{r}, {n_}" for r, n_ in zip(reg, nat, strict=True)]


def _bars(data: pd.DataFrame, share_cols: list[str], n: int, year: str) -> dict | None:
    """Vote-share bars of each seat's top five parties, for the card."""
    if not share_cols:
        return None
    shares = data[share_cols].astype("Float64").fillna(0).to_numpy(dtype=float)
    order = np.argsort(-shares, axis=1, kind="stable")[:, :5]
    top = [[[int(j), round(float(shares[i, j]), 1)] for j in order[i] if shares[i, j] > 0]
           for i in range(n)]
    parties = [c[:-4] for c in share_cols]
    return {"title": f"Vote share {year}".strip(), "labels": [PARTIES[p].label for p in parties],
            "colours": [PARTIES[p].colour for p in parties], "v": top}


def _legend_items(classes: Classes, in_table: np.ndarray, fill_idx: np.ndarray,
                  from_table: bool) -> list:
    """Legend rows: each class with its seat count, then "No data" and "Not in this table"."""
    items = [[c, lab, f"{n:,}"] for c, lab, n in zip(classes.colours, classes.labels,
                                                     classes.counts, strict=True)]
    if classes.no_data - int((~in_table).sum() if from_table else 0) > 0:
        items.append([NO_DATA, "No data", f"{int((fill_idx == -1).sum()):,}"])
    if (fill_idx == -2).any():
        items.append([NOT_IN_TABLE, "Not in this table", f"{int((fill_idx == -2).sum()):,}"])
    return items


def _title(metric_label: str, hexmap: bool, layers: list[Overlay]) -> str:
    """The metric, "(hex map)", and the layers drawn on it."""
    title = re.sub(r" \((%|votes|points)\)$", "", metric_label)
    if hexmap:
        title += " (hex map)"
    if layers:
        names = [lay.name for lay in layers]
        title += " with " + (", ".join(names[:-1]) + " and " + names[-1]
                             if len(names) > 1 else names[0])
    return title


def _subtitle(eid: str | None, bs: str | None, col: str, share_party: str | None,
              layers: list[Overlay], n: int) -> str:
    """The election (when results are shown) and the boundary set."""
    from .elections import ELECTIONS

    bits = []
    if eid and (col in _RESULT_COLUMNS or share_party or layers
                or re.fullmatch(r"[a-z]+_votes", col)):  # "2024 result, 2024 boundaries"
        e = ELECTIONS[eid]
        bits.append(e.description if e.notional else
                    f"{e.basis[:1].upper()}{e.basis[1:]} ({e.description[:1].lower()}"
                    f"{e.description[1:]})")
        if bs:
            bits.append(f"{n} constituencies")
    elif bs:
        bits.append(f"{n} constituencies ({bs} boundaries)")
    return " · ".join(bits)


def _credits(src_ids: list[str], sources: Sequence[str] | None,
             attribution: str | None) -> tuple[list[str], list[str]]:
    """The full attribution lines (legend) and the short credit (map corner)."""
    from .sources import SOURCES
    from .sources import attribution as _attr

    for s in sources or []:
        if s not in SOURCES:
            choice(s, SOURCES, "source id")
        if s not in src_ids:
            src_ids.append(s)
    src_lines = _attr(src_ids)
    if attribution:
        src_lines.insert(0, str(attribution))
    short: list[str] = []
    for s in src_ids:
        pub = re.split(r"[;,(]", SOURCES[s].publisher)[0].strip()
        if pub not in short:
            short.append(pub)
    text = ", ".join(short)
    if len(short) > 3:
        text = ", ".join(short[:2]) + " and others"
    credits = (["Data: " + str(attribution)] if attribution else []) + (
        [f"Data: {text} (details under Sources)"] if short else [])
    return src_lines, credits


def _has_own_only_geometry(frame: pd.DataFrame, bs: str) -> bool:
    """True if the table's codes are not (mostly) constituencies of the set."""
    from .datasets import load_constituencies

    try:
        reg = load_constituencies(bs)
    except FileNotFoundError:
        return "geometry" in frame.columns
    return frame.index.isin(reg.index).mean() < 0.5 and "geometry" in frame.columns
