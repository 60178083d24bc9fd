"""Interactive maps of any seat metric: one self-contained, offline, safe HTML file.

:func:`seats_to_map` turns a seat table (the bundled data, a target list, the user's own column)
into a :class:`folium.Map`:

- **choropleths** of numbers (classes by quantiles, equal intervals or natural breaks, from
  mapclassify), **diverging** scales around a midpoint (swing, or leave share around 50 %),
  **categories** (party colours from :mod:`seatmap.parties`, the one palette), and ordinal codes
  such as deprivation deciles;
- a **tooltip** (seat, holder, majority, swing needed, leave share, deprivation, town class) and a
  **seat card** on click, with vote-share bars;
- **legend**, **title**, **source attribution** (from :mod:`seatmap.sources`), a **layer control**
  with target, defence and pilot overlays, a **seat search** box and a **fullscreen** button;
- a **hex cartogram** mode (one equal hexagon per seat, Open Innovations layouts).

The map works offline: Leaflet is inlined and the geometry (simplified once per boundary set, see
:mod:`seatmap.webgeom`) is embedded as compact quantised arcs, so every seat draws with no tile
layer or when tiles cannot load; the light basemap (CARTO Positron) is the only thing that uses
the network. Every user-supplied string goes into the page as text (DOM ``textContent``), never as
HTML. The same inputs give the same bytes (element ids are derived from the content).

folium and mapclassify are imported when a map is made, never at ``import seatmap``.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .parties import PARTIES, party_code

__all__ = [
    "METRICS",
    "SCHEMES",
    "Classes",
    "classify",
    "metric_column",
    "save_map",
    "seats_to_map",
]

_ASSETS = Path(__file__).resolve().parent / "_assets"

#: Short metric names accepted by :func:`seats_to_map` and ``seatmap map --metric``.
METRICS: dict[str, str] = {
    "leave": "leave_pct",
    "turnout": "turnout_pct",
    "majority": "majority_pct",
    "majority_votes": "majority",
    "winner": "winner",
    "holder": "winner",
    "runner_up": "runner_up",
    "second": "runner_up",
    "deprivation": "imd_uk_decile",
    "imd": "imd_uk_score",
    "class": "primary_class",
    "town": "primary_class",
    "settlement": "settlement",
    "urban_rural": "ruc_label",
    "rural": "ruc_label",
    "routine": "routine_pct",
    "degree": "degree_pct",
    "level4": "level4_pct",
    "no_quals": "no_quals_pct",
    "electorate": "electorate",
    "region": "region",
    "nation": "nation",
    "swing_needed": "swing_needed",
    "swing_to_lose": "swing_to_lose",
    "score": "score",
}

#: Display labels of well-known columns (legend titles, tooltip rows).
LABELS: dict[str, str] = {
    "leave_pct": "EU referendum leave share (%)",
    "turnout_pct": "Turnout (%)",
    "majority_pct": "Majority (% of valid votes)",
    "majority": "Majority (votes)",
    "winner": "Winning party",
    "runner_up": "Runner-up",
    "holder": "Holding party",
    "challenger": "Challenger",
    "imd_uk_decile": "Deprivation decile, UK (1 = most deprived)",
    "imd_uk_quintile": "Deprivation quintile, UK (1 = most deprived)",
    "imd_uk_score": "Deprivation score, UK composite IMD",
    "primary_class": "Town and city classification",
    "town_class": "Town and city classification",
    "cfc_class": "Town and city classification (Centre for Cities)",
    "settlement": "Settlement type",
    "ruc_label": "Urban-rural classification",
    "routine_pct": "Routine and semi-routine occupations (%)",
    "degree_pct": "Degree-level qualifications (%)",
    "level4_pct": "Level 4+ qualifications (%)",
    "no_quals_pct": "No qualifications (%)",
    "electorate": "Electorate",
    "region": "Region",
    "nation": "Nation",
    "swing_needed": "Swing needed (points)",
    "swing_to_lose": "Swing to lose (points)",
    "score": "Priority score",
    "rank": "Rank",
    "population": "Population (2011)",
    "area_km2": "Area (km²)",
}

#: Classification schemes for numeric columns.
SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "diverging", "ordinal",
           "categorical")
_SCHEME_ALIASES = {"quantile": "quantiles", "equalinterval": "equal_interval",
                   "equal": "equal_interval", "naturalbreaks": "natural_breaks",
                   "jenks": "natural_breaks", "fisherjenks": "natural_breaks",
                   "fisher_jenks": "natural_breaks", "natural": "natural_breaks",
                   "category": "categorical", "party": "categorical", "div": "diverging"}

# ColorBrewer ramps (Cynthia Brewer, Apache 2.0): 9-class sequential, 11-class diverging.
_RAMPS: dict[str, list[str]] = {
    "Blues": ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
              "#08519c", "#08306b"],
    "Greens": ["#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45",
               "#006d2c", "#00441b"],
    "Greys": ["#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252",
              "#252525", "#000000"],
    "Oranges": ["#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801",
                "#a63603", "#7f2704"],
    "Purples": ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3",
                "#54278f", "#3f007d"],
    "Reds": ["#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d",
             "#a50f15", "#67000d"],
    "YlGnBu": ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8",
               "#253494", "#081d58"],
    "YlOrRd": ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
               "#bd0026", "#800026"],
    "RdBu": ["#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0",
             "#92c5de", "#4393c3", "#2166ac", "#053061"],
    "PuOr": ["#7f3b08", "#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7", "#d8daeb",
             "#b2abd2", "#8073ac", "#542788", "#2d004b"],
    "BrBG": ["#543005", "#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#f5f5f5", "#c7eae5",
             "#80cdc1", "#35978f", "#01665e", "#003c30"],
    "PiYG": ["#8e0152", "#c51b7d", "#de77ae", "#f1b6da", "#fde0ef", "#f7f7f7", "#e6f5d0",
             "#b8e186", "#7fbc41", "#4d9221", "#276419"],
    # Remain (gold) to Leave (blue), the broadcasters' referendum colours
    "RemainLeave": ["#6b5200", "#9c7a00", "#c9a400", "#e3c75a", "#f3e4ad", "#f7f7f7",
                    "#c9d8ee", "#8fb0de", "#4f7fc4", "#22529c", "#0b2c66"],
}
_DIVERGING = {"RdBu", "PuOr", "BrBG", "PiYG", "RemainLeave"}
# Tableau 10, for categories that are not parties
_QUALITATIVE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                "#ff9da7", "#9c755f", "#bab0ac"]
NO_DATA = "#d4d4d4"
NOT_IN_TABLE = "#eeeeee"

# categories with a natural order: (order, ramp, values shown in grey)
_ORDERED: dict[str, tuple[list[str], str, set[str]]] = {
    "primary_class": (["Core City (London)", "Core City (outside London)", "Other City",
                       "Large Town", "Medium Town", "Small Town", "Village or smaller",
                       "Unclassified"], "YlGnBu", {"Unclassified"}),
    "settlement": (["city", "town", "village", "mixed", "unclassified"], "YlGnBu",
                   {"mixed", "unclassified"}),
    "ruc_label": (["Urban", "Urban with rural areas", "Rural", "Sparse and rural"], "Greens",
                  set()),
}


def metric_column(metric: str, columns: Iterable[str]) -> str:
    """Resolve a metric name (``"leave"``, ``"lab"``, ``"lab_pct"``...) to a column.

    A party name or code means that party's vote share (``{party}_pct``).

    Raises
    ------
    SeatmapError
        Listing the metrics and columns available.

    Examples
    --------
    >>> metric_column("leave", ["leave_pct", "winner"])
    'leave_pct'
    >>> metric_column("Labour", ["lab_pct"])
    'lab_pct'
    """
    cols = list(columns)
    if metric in cols:
        return metric
    key = str(metric).strip().lower().replace(" ", "_").replace("-", "_")
    if key in cols:
        return key
    if key in METRICS and METRICS[key] in cols:
        return METRICS[key]
    try:
        p = party_code(metric)
    except SeatmapError:
        p = None
    if p and f"{p}_pct" in cols:
        return f"{p}_pct"
    from ._validate import close_matches

    shown = sorted({k for k, v in METRICS.items() if v in cols})
    parties = sorted(c[:-4] for c in cols if c.endswith("_pct") and c[:-4] in PARTIES)
    near = close_matches(metric, [*shown, *cols])
    hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise SeatmapError(
        f"Unknown metric {metric!r}.{hint} Metrics: {', '.join(shown)}; a party for its vote "
        f"share ({', '.join(parties)}); or any of the table's {len(cols)} columns "
        "(see the data README or seats.columns).")


def _label(column: str) -> str:
    if column in LABELS:
        return LABELS[column]
    m = re.fullmatch(r"([a-z]+)_(pct|votes)", column)
    if m and m.group(1) in PARTIES:
        name = PARTIES[m.group(1)].name
        return f"{name} share of the vote (%)" if m.group(2) == "pct" else f"{name} votes"
    m = re.fullmatch(r"winner_(\d{4})", column)
    if m:
        return f"Winning party, {m.group(1)}"
    text = column.replace("_pct", " (%)").replace("_", " ")
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# colours and classes


def _hex_to_rgb(c: str) -> np.ndarray:
    c = c.lstrip("#")
    return np.array([int(c[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def _rgb_to_hex(rgb: np.ndarray) -> str:
    r, g, b = (round(float(v)) for v in np.clip(rgb, 0, 255))
    return f"#{r:02x}{g:02x}{b:02x}"


def _mix(c: str, other: str, t: float) -> str:
    return _rgb_to_hex(_hex_to_rgb(c) * (1 - t) + _hex_to_rgb(other) * t)


def _sample(stops: Sequence[str], positions: np.ndarray) -> list[str]:
    """Colours at fractional positions (0..len-1) of a list of stops, linear in RGB."""
    rgb = np.array([_hex_to_rgb(s) for s in stops])
    out = []
    for p in positions:
        i = int(min(max(math.floor(p), 0), len(stops) - 2))
        t = float(p - i)
        out.append(_rgb_to_hex(rgb[i] * (1 - t) + rgb[i + 1] * t))
    return out


def ramp(name: str | Sequence[str], k: int, *, diverging: bool = False,
         reverse: bool = False) -> list[str]:
    """``k`` colours from a named ramp (ColorBrewer names, or any matplotlib colormap name).

    A list of colours is used as the ramp's stops. Sequential ramps skip their near-white end so
    that the lightest class stays visible against the map background.

    Examples
    --------
    >>> ramp("Blues", 3)
    ['#deebf7', '#56a0ce', '#08306b']
    """
    if isinstance(name, str):
        stops = _RAMPS.get(name)
        if stops is None:
            stops = _matplotlib_stops(name)
        diverging = diverging or name in _DIVERGING
    else:
        stops = list(name)
    if diverging or not isinstance(name, str):
        pos = np.linspace(0, len(stops) - 1, k) if k > 1 else np.array([(len(stops) - 1) / 2])
    else:
        pos = np.linspace(1, len(stops) - 1, k) if k > 1 else np.array([len(stops) - 2])
    colours = _sample(stops, pos)
    return colours[::-1] if reverse else colours


def _matplotlib_stops(name: str) -> list[str]:
    try:
        import matplotlib

        cmap = matplotlib.colormaps[name]
    except (ImportError, KeyError):
        raise SeatmapError(
            f"Unknown colour ramp {name!r}. Built-in ramps: {', '.join(_RAMPS)}; any matplotlib "
            "colormap name also works when matplotlib is installed, or pass a list of colours."
        ) from None
    return [_rgb_to_hex(np.array(cmap(x)[:3]) * 255) for x in np.linspace(0, 1, 9)]


def party_ramp(party: str, k: int) -> list[str]:
    """``k`` colours from a pale tint of a party's colour to a dark shade of it.

    Examples
    --------
    >>> len(party_ramp("lab", 5))
    5
    """
    c = PARTIES[party_code(party)].colour
    return _sample([_mix(c, "#ffffff", 0.85), c, _mix(c, "#000000", 0.45)],
                   np.linspace(0, 2, k))


@dataclass
class Classes:
    """How each seat is coloured, and the legend that explains it.

    Attributes
    ----------
    index : numpy.ndarray
        Class of each seat: 0..n-1, or -1 for no data.
    colours, labels : list of str
        One per class.
    counts : list of int
        Seats in each class.
    title, note : str
        Legend title and a one-line note on the scheme.
    kind : str
        ``"numeric"``, ``"diverging"``, ``"ordinal"`` or ``"categorical"``.
    bins : list of float, optional
        Upper class bounds for numeric schemes.
    """

    index: np.ndarray
    colours: list[str]
    labels: list[str]
    counts: list[int]
    title: str
    note: str = ""
    kind: str = "numeric"
    bins: list[float] | None = None
    no_data: int = 0

    def colour_of(self) -> np.ndarray:
        """Colour per seat (no data in light grey)."""
        pal = np.array([*self.colours, NO_DATA], dtype=object)
        return pal[np.where(self.index < 0, len(self.colours), self.index)]


def _decimals(values: np.ndarray) -> int:
    span = float(np.nanmax(values) - np.nanmin(values)) if len(values) else 0.0
    if np.all(np.mod(values, 1) == 0):
        return 0
    return 0 if span >= 200 else 1 if span >= 2 else 2


def _num(v: float, d: int) -> str:
    return f"{v:,.{d}f}"


def _nice_step(x: float) -> float:
    """The 1-2-2.5-5 x 10^n number nearest to ``x`` (on a log scale)."""
    if not np.isfinite(x) or x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    cands = np.array([m * 10.0 ** e for e in (exp - 1, exp, exp + 1) for m in (1, 2, 2.5, 5)])
    return float(cands[np.argmin(np.abs(np.log(cands) - math.log(x)))])


def _is_party_column(values: pd.Series) -> bool:
    v = values.dropna().astype(str)
    return len(v) > 0 and bool(v.isin(list(PARTIES)).all())


def classify(values: pd.Series, *, scheme: str | None = None, k: int | None = None,
             cmap: str | Sequence[str] | None = None, midpoint: float | None = None,
             party: str | None = None, reverse: bool = False,
             title: str | None = None) -> Classes:
    """Put seats into coloured classes for a choropleth (used by the HTML and PNG maps alike).

    Parameters
    ----------
    values : pandas.Series
        One value per seat (NaN/NA = no data). Its name picks defaults and the legend title.
    scheme : str, optional
        ``"quantiles"``, ``"equal_interval"``, ``"natural_breaks"`` (Fisher-Jenks, which is
        deterministic), ``"diverging"`` (classes of equal width either side of ``midpoint``),
        ``"ordinal"`` (one class per value, for codes such as deciles) or ``"categorical"``.
        Default: categorical for text (party colours when every value is a party code);
        diverging for leave share (around 50) and for columns with negative and positive values
        (around 0); ordinal for integers with at most 12 distinct values; else quantiles.
    k : int, optional
        Number of classes: default 5, or 8 for diverging scales.
    cmap : str or list of str, optional
        Ramp name (see :func:`ramp`) or colours. Default: a ramp from a pale tint to the
        party's colour for a party's share, ``RemainLeave`` for leave share, ``RdBu`` for other
        diverging scales, ``YlGnBu`` otherwise.
    midpoint : float, optional
        Centre of a diverging scale.
    party : str, optional
        Colour a numeric scale with this party's colour.
    reverse : bool, default False
        Reverse the ramp (deciles are reversed by default so the most deprived is darkest).
    title : str, optional
        Legend title (default from the column name).

    Returns
    -------
    Classes
    """
    name = str(values.name) if values.name is not None else "value"
    title = title or _label(name)
    s = values
    numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    if scheme is not None:
        scheme = choice(scheme, SCHEMES, "classification scheme", aliases=_SCHEME_ALIASES)
    if scheme is None:
        if not numeric:
            scheme = "categorical"
        elif name == "leave_pct" or midpoint is not None:
            scheme = "diverging"
        else:
            y = pd.to_numeric(s, errors="coerce").dropna().to_numpy(dtype=float)
            if len(y) and y.min() < 0 < y.max() and min(-y.min(), y.max()) > 0.05 * np.ptp(y):
                scheme = "diverging"
            elif len(y) and np.all(np.mod(y, 1) == 0) and len(np.unique(y)) <= 12:
                scheme = "ordinal"
            else:
                scheme = "quantiles"
    if scheme == "categorical" or not numeric:
        return _categorical(s.astype("string"), name, title, cmap)
    y_all = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    known = ~np.isnan(y_all)
    y = y_all[known]
    if len(y) == 0:
        raise SeatmapError(f"Column {name!r} has no values to map.")
    index = np.full(len(y_all), -1)
    if scheme == "ordinal":
        vals = np.unique(y)
        if len(vals) > 24:
            raise SeatmapError(f"Column {name!r} has {len(vals)} distinct values: too many for "
                               "an ordinal scale; use scheme='quantiles' or 'natural_breaks'.")
        rev = reverse != (name.endswith(("_decile", "_quintile", "_rank")))
        colours = (party_ramp(party, len(vals)) if party and cmap is None
                   else ramp(cmap or "YlOrRd", len(vals), reverse=rev))
        index[known] = np.searchsorted(vals, y)
        d = _decimals(vals)
        labels = [_num(v, d) for v in vals]
        counts = np.bincount(index[known], minlength=len(vals)).tolist()
        note = "1 = most deprived" if "decile" in name or "quintile" in name else ""
        return Classes(index, colours, labels, counts, title, note, "ordinal", None,
                       int((~known).sum()))
    if scheme == "diverging":
        mid = (50.0 if name == "leave_pct" else 0.0) if midpoint is None else float(midpoint)
        k = k or 8
        half = max(1, k // 2)
        dev = np.abs(y - mid)
        inner = max(half - (0.5 if k % 2 else 1), 0.5)  # steps from the midpoint to the last edge
        step = _nice_step(float(np.quantile(dev, 0.9)) / inner)
        while step * inner > dev.max() and step > _nice_step(step * 0.6) * 0.99:
            step = _nice_step(step * 0.6)  # keep the outermost classes from being empty
        if k % 2:  # odd: a neutral middle class straddling the midpoint
            edges = mid + step * (np.arange(-half, half) + 0.5)
        else:
            edges = mid + step * np.arange(-(half - 1), half)
        index[known] = np.searchsorted(edges, y, side="right")
        d = _decimals(edges)
        labels = ([f"under {_num(edges[0], d)}"]
                  + [f"{_num(a, d)} to {_num(b, d)}" for a, b in itertools.pairwise(edges)]
                  + [f"{_num(edges[-1], d)} or more"])
        default = "RemainLeave" if name == "leave_pct" else "RdBu"
        colours = ramp(cmap or default, k, diverging=True,
                       reverse=reverse != (cmap is None and default == "RdBu"))
        counts = np.bincount(index[known], minlength=k).tolist()
        note = (f"centred on {_num(mid, d)}" + (": gold remain, blue leave"
                                               if name == "leave_pct" and cmap is None else ""))
        return Classes(index, colours, labels, counts, title, note, "diverging",
                       edges.tolist(), int((~known).sum()))
    import warnings

    import mapclassify

    k = int(k or 5)
    k = max(1, min(k, len(np.unique(y))))
    if scheme == "quantiles":
        mc = mapclassify.Quantiles(y, k=k)
    elif scheme == "equal_interval":
        mc = mapclassify.EqualInterval(y, k=k)
    else:
        with warnings.catch_warnings():  # "Numba not installed": the pure-Python path is exact
            warnings.simplefilter("ignore", UserWarning)
            mc = mapclassify.FisherJenks(y, k=k)
    bins = np.asarray(mc.bins, dtype=float)
    k = len(bins)
    index[known] = np.asarray(mc.yb, dtype=int)
    d = _decimals(y)
    lows = np.concatenate([[y.min()], bins[:-1]])
    labels = [f"{_num(a, d)} to {_num(b, d)}" for a, b in zip(lows, bins, strict=True)]
    colours = (party_ramp(party, k) if party and cmap is None
               else ramp(cmap or "YlGnBu", k, reverse=reverse))
    counts = np.bincount(index[known], minlength=k).tolist()
    note = {"quantiles": f"{k} classes with equal numbers of seats",
            "equal_interval": f"{k} classes of equal width",
            "natural_breaks": f"{k} classes by natural breaks (Fisher-Jenks)"}[scheme]
    return Classes(index, colours, labels, counts, title, note, "numeric", bins.tolist(),
                   int((~known).sum()))


def _categorical(s: pd.Series, name: str, title: str, cmap) -> Classes:
    known = s.notna().to_numpy()
    vals = s.to_numpy(dtype=object)
    counts_all = s.value_counts()
    if _is_party_column(s):
        order = sorted(counts_all.index, key=lambda p: (-counts_all[p], list(PARTIES).index(p)))
        colours = [PARTIES[p].colour for p in order]
        labels = [PARTIES[p].name for p in order]
        note = ""
    else:
        ordered = _ORDERED.get(name)
        if ordered and set(counts_all.index) <= set(ordered[0]):
            order = [v for v in ordered[0] if v in counts_all.index]
            grey = ordered[2]
            main = [v for v in order if v not in grey]
            pal = ramp(cmap or ordered[1], len(main), reverse=cmap is None)
            lookup = dict(zip(main, pal, strict=True))
            colours = [lookup.get(v, "#bdbdbd") for v in order]
        else:
            order = sorted(counts_all.index, key=lambda v: (-counts_all[v], str(v)))
            if len(order) > len(_QUALITATIVE):
                keep = order[:len(_QUALITATIVE) - 1]
                vals = np.where(np.isin(vals, keep) | ~known, vals, "Other")
                order = [*keep, "Other"]
                counts_all = pd.Series(vals[known]).value_counts()
            pal = list(cmap) if isinstance(cmap, (list, tuple)) else (
                ramp(cmap, len(order), diverging=True) if cmap else _QUALITATIVE)
            colours = [pal[i % len(pal)] for i in range(len(order))]
        labels = [str(v) for v in order]
        note = ""
    pos = {v: i for i, v in enumerate(order)}
    index = np.array([pos.get(v, -1) if k else -1 for v, k in zip(vals, known, strict=True)])
    counts = [int(counts_all.get(v, 0)) for v in order]
    return Classes(index, colours, labels, counts, title, note, "categorical", None,
                   int((~known).sum()))


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


@lru_cache(maxsize=8)
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
# formatting columns for tooltips and cards (vectorised where it matters; 650 rows)


def _txt(values, fmt) -> list[str]:
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
            else fmt(v) for v in values]


def _pct(s: pd.Series, d: int = 1) -> list[str]:
    return _txt(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: f"{v:.{d}f}%")


def _int(s: pd.Series) -> list[str]:
    return _txt(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: f"{round(v):,}")


def _points_up(s: pd.Series) -> list[str]:
    from ._format import fmt_up

    return _txt(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: fmt_up(v) + " pts")


def _party_name(s: pd.Series) -> list[str]:
    return _txt(s.astype(object).where(s.notna(), None).to_numpy(),
                lambda v: PARTIES[v].name if v in PARTIES else str(v))


def _plain(s: pd.Series) -> list[str]:
    def f(v):
        if isinstance(v, (float, np.floating)):
            return f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) < 1e6 else f"{v:,.0f}"
        if isinstance(v, (bool, np.bool_)):
            return "yes" if v else "no"
        return str(v)

    return _txt(s.astype(object).where(s.notna(), None).to_numpy(), f)


def _format_column(frame: pd.DataFrame, col: str) -> list[str]:
    s = frame[col]
    if col.endswith("_pct") and pd.api.types.is_numeric_dtype(s):
        return _pct(s)
    if col in ("swing_needed", "swing_to_lose"):
        return _points_up(s)
    if col in ("majority", "electorate", "valid_votes", "population") or col.endswith("_votes"):
        return _int(s)
    if _is_party_column(s.astype("string")):
        return _party_name(s)
    return _plain(s)


def _first(frame: pd.DataFrame, names: Sequence[str]) -> str | None:
    for n in names:
        if n in frame.columns and frame[n].notna().any():
            return n
    return None


def _join(*parts: list[str], sep: str = " · ") -> list[str]:
    return [sep.join(p for p in row if p) for row in zip(*parts, strict=True)]


def _column_payload(values: list[str]) -> dict:
    """Dictionary-code a column of strings when that is smaller."""
    distinct = sorted(set(values))
    if len(distinct) * 2 < len(values):
        pos = {v: i for i, v in enumerate(distinct)}
        return {"d": distinct, "i": [pos[v] for v in values]}
    return {"v": values}


@dataclass
class _Table:
    labels: list[str] = field(default_factory=list)
    cols: list[list[str]] = field(default_factory=list)
    strong: list[bool] = field(default_factory=list)

    def add(self, label: str, values: list[str], strong: bool = False) -> None:
        if any(values):
            self.labels.append(label)
            self.cols.append(values)
            self.strong.append(strong)

    def payload(self) -> dict:
        return {"labels": self.labels, "cols": [_column_payload(c) for c in self.cols],
                "strong": self.strong}


# --------------------------------------------------------------------------------------------
# overlays (targets, defences, pilots, anything indexed by code)


@dataclass
class _Overlay:
    name: str
    codes: list[str]
    notes: dict[str, str]
    colour: str
    weight: float
    dash: str | None = None
    row_label: str = ""


def _codes_of(obj) -> tuple[list[str], pd.DataFrame | None]:
    if isinstance(obj, pd.DataFrame):
        f = obj.set_index("code") if obj.index.name != "code" and "code" in obj.columns else obj
        return [str(c) for c in f.index], f
    if isinstance(obj, pd.Series):
        if pd.api.types.is_bool_dtype(obj.dtype):
            keep = obj.fillna(False).to_numpy(dtype=bool)
            return [str(c) for c in obj.index[keep]], None
        return [str(c) for c in obj.index], obj.to_frame()
    if isinstance(obj, str):
        return [obj], None
    return [str(c) for c in obj], None


def _overlay_notes(f: pd.DataFrame | None, kind: str) -> dict[str, str]:
    if f is None or len(f) == 0:
        return {}
    n = len(f)
    rank = (f["rank"].astype("Int64").astype(str).tolist() if "rank" in f.columns
            else [str(i) for i in range(1, n + 1)])
    parts = [["#" + r for r in rank]]
    if "swing_needed" in f.columns:
        parts.append(["swing needed " + v if v else "" for v in _points_up(f["swing_needed"])])
    if "swing_to_lose" in f.columns:
        parts.append(["swing to lose " + v if v else "" for v in _points_up(f["swing_to_lose"])])
    if kind == "pilots" and "pick" in f.columns:
        reg = f["region"].astype(str).tolist() if "region" in f.columns else [""] * n
        parts = [[f"{r} pick {p}".strip() for r, p in zip(reg, f["pick"].astype(str),
                                                         strict=True)],
                 ["list rank " + r for r in rank]]
    return dict(zip([str(c) for c in f.index], _join(*parts), strict=True))


# --------------------------------------------------------------------------------------------
# folium elements


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _html_text(value) -> str:
    """Text for places that Leaflet or folium treat as HTML (layer names, attributions)."""
    return html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")


def _js(obj) -> str:
    """JSON for inline <script>: no '<', '>', '&' or U+2028/9 left raw; NaN becomes null."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # folium re-reads rendered scripts as Jinja templates: "{{", "{%" and "{#" can only occur
    # inside JSON strings, where "\u007b" means the same "{"
    return _JINJA_OPEN.sub(r"\\u007b", text)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    def read(name: str) -> str:
        return (_ASSETS / name).read_text(encoding="utf-8")

    leaflet = read("leaflet.js").replace("//# sourceMappingURL=leaflet.js.map", "").rstrip()
    from .webgeom import DECODER_JS

    return {"leaflet_js": leaflet, "leaflet_css": read("leaflet.css"),
            "seatmap_js": DECODER_JS.strip() + "\n" + read("seatmap-map.js").strip(),
            "seatmap_css": read("seatmap-map.css").strip()}


def _script_safe(code: str) -> str:
    if re.search(r"</script", code, re.IGNORECASE):  # pragma: no cover - guards the assets
        raise SeatmapError("inline asset contains '</script'")
    return code


def _elements():
    """folium element classes (built on first use so that folium loads lazily)."""
    import folium
    from branca.element import Element, MacroElement
    from folium.template import Template

    class SeatMap(folium.Map):
        """A :class:`folium.Map` whose HTML is self-contained and byte-for-byte reproducible."""

        default_js: ClassVar[list] = []
        default_css: ClassVar[list] = []

        def render(self, **kwargs):
            _stable_ids(self)
            return super().render(**kwargs)

        def to_html(self) -> str:
            """The whole page as a string (what :meth:`save` writes)."""
            return self.get_root().render()

    class Assets(Element):
        _template = Template("{{ this.text }}")

        def __init__(self, text: str):
            super().__init__()
            self._name = "SeatmapAssets"
            self.text = text

    class SeatData(MacroElement):
        _template = Template("""
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = seatmap.init({{ this._parent.get_name() }}, {{ this.payload }});
            {% endmacro %}""")

        def __init__(self, payload: str):
            super().__init__()
            self._name = "SeatData"
            self.payload = payload

    class SeatLayer(folium.map.Layer):
        _template = Template("""
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = seatmap.seats({{ this.data.get_name() }}, {{ this.options }});
            {% endmacro %}""")

        def __init__(self, data, name: str, options: dict):
            super().__init__(name=name, overlay=True, control=True, show=True)
            self._name = "SeatLayer"
            self.data = data
            self.options = _js(options)

    class SeatOverlay(folium.map.Layer):
        _template = Template("""
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = seatmap.overlay({{ this.data.get_name() }}, {{ this.spec }});
            {% endmacro %}""")

        def __init__(self, data, name: str, spec: dict, show: bool = True):
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "SeatOverlay"
            self.data = data
            self.spec = _js(spec)

    class Call(MacroElement):
        """``seatmap.<fn>(data, args)`` for the controls (title, legend, search...)."""

        _template = Template("""
            {% macro script(this, kwargs) %}
            {% for fn, args in this.calls %}seatmap.{{ fn }}({{ this.data.get_name() }}, {{ args }});
            {% endfor %}{% endmacro %}""")

        def __init__(self, data, calls: list[tuple[str, str]]):
            super().__init__()
            self._name = "SeatmapControls"
            self.data = data
            self.calls = calls

    class Zoom(MacroElement):
        _template = Template("""
            {% macro script(this, kwargs) %}
            L.control.zoom({position: "topleft"}).addTo({{ this._parent.get_name() }});
            {% endmacro %}""")

    return {"SeatMap": SeatMap, "Assets": Assets, "SeatData": SeatData,
            "SeatLayer": SeatLayer, "SeatOverlay": SeatOverlay, "Call": Call, "Zoom": Zoom,
            "folium": folium}


def _stable_ids(m) -> None:
    """Replace folium's random element ids with ids derived from the map's content."""
    seed = getattr(m, "_seatmap_seed", None) or "seatmap"
    n = 0

    def walk(el):
        nonlocal n
        el._id = f"{seed}{n:03x}"
        n += 1
        for child in list(el._children.values()):
            walk(child)

    walk(m.get_root())


# --------------------------------------------------------------------------------------------
# sources


_RESULT_COLUMNS = {"winner", "runner_up", "majority", "majority_pct", "turnout_pct", "mp",
                   "result", "swing_needed", "swing_to_lose", "holder", "challenger",
                   "electorate", "score", "valid_votes"}


def _sources_for(columns: Iterable[str], election_id: str | None, bs: str | None,
                 hexmap: bool) -> list[str]:
    try:
        from ._store import datapackage

        resources = datapackage()["resources"]
    except (FileNotFoundError, KeyError):
        return []
    ids: list[str] = []

    def add(path: str) -> None:
        for r in resources:
            if r["path"] == path:
                ids.extend(s for s in r.get("sources", []) if s not in ids)

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
            ids.extend(s for s in r.get("sources", []) if s not in ids)
    return ids


# --------------------------------------------------------------------------------------------
# the map


_TILES = {
    "light": ("https://{s}.basemaps.cartocdn.com/light_nolabels/{z}/{x}/{y}{r}.png",
              "https://{s}.basemaps.cartocdn.com/light_only_labels/{z}/{x}/{y}{r}.png",
              "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> "
              "contributors © <a href=\"https://carto.com/attributions\">CARTO</a>",
              "Light basemap"),
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", None,
            "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> "
            "contributors", "OpenStreetMap"),
}


@dataclass
class _Spec:
    web: object
    codes: list[str]
    data: pd.DataFrame
    in_table: np.ndarray
    col: str
    classes: Classes
    fill_idx: np.ndarray
    layers: list[_Overlay]
    tip: _Table
    card: _Table
    sub_parts: list[str]
    bars: dict | None
    legend_items: list
    title: str
    subtitle: str
    src_ids: list[str]
    src_lines: list[str]
    credits: list[str]
    eid: str | None
    bs: str | None
    hexmap: bool
    metric_label: str


def _prepare(
    seats,
    column: str | None = None,
    *,
    election=None,
    scheme: str | None = None,
    k: int | None = None,
    cmap: str | Sequence[str] | None = None,
    midpoint: float | None = None,
    reverse: bool = False,
    party: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    legend_title: str | None = None,
    hexmap: bool = False,
    targets=None,
    defences=None,
    pilots=None,
    overlays: Mapping[str, object] | None = None,
    tooltip: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    attribution: str | None = None,
    tolerance: float | None = None,
) -> _Spec:
    """Everything both map kinds need: geometry, classes, tooltips, layers, credits."""
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
    if election is not None:
        eid = _election(election).id
    elif frame.attrs.get("election"):
        eid = _election(frame.attrs["election"]).id
    else:
        eid = None
    bs = _bs(_election(eid).boundary_set).id if eid else _boundary_set_of(frame)
    if eid is None and bs is not None:
        eid = _default_election(bs)
    if party is None and frame.attrs.get("party") in PARTIES:
        party = frame.attrs["party"]
    party = party_code(party) if party else None

    # geometry: the bundled set (all its seats), else the table's own
    from . import webgeom

    tol = webgeom.DEFAULT_TOLERANCE_M if tolerance is None else float(tolerance)
    if bs is not None and (hexmap or not _has_own_only_geometry(frame, bs)):
        if hexmap:
            from .datasets import load_hexmap

            hexes = load_hexmap(bs)
            web = webgeom.encode_planar(hexes.geometry.values, list(hexes.index), quantum=0.01)
        else:
            web = webgeom.boundary_web_geometry(bs, tolerance=tol)
    else:
        if hexmap:
            raise SeatmapError("Hex maps need constituency codes of the 2010 or 2024 boundary set.")
        if "geometry" not in frame.columns:
            raise SeatmapError("These codes are not constituencies of a bundled boundary set and "
                               "the table has no geometry to draw.")
        web = webgeom.web_geometry(frame.geometry, list(frame.index), tolerance=tol)
    codes = list(web.codes)
    stray = frame.index[~frame.index.isin(codes)]
    if len(stray):
        where = f"the {bs} boundary set" if bs else "the map's geometry"
        raise SeatmapError(
            f"{len(stray)} of the table's {len(frame)} codes are not seats of {where}: "
            f"{', '.join(stray[:5])}{' and others' if len(stray) > 5 else ''}. Elections 2010-2019 use "
            "the 2010 boundaries, 2024 and '2019-notional' the 2024 boundaries: pass the "
            "matching election= or fix the codes.")
    ctx = _context(eid, bs)

    # the table on the map's seats, with context columns it lacks
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

    col = "winner" if column is None else metric_column(column, frame.columns.union(
        data.columns if ctx is not None else frame.columns))
    values = data[col].where(in_table | ~pd.Series(col in frame.columns, index=codes))
    share_party = col[:-4] if col.endswith("_pct") and col[:-4] in PARTIES else None
    classes = classify(values.rename(col), scheme=scheme, k=k, cmap=cmap, midpoint=midpoint,
                       party=share_party, reverse=reverse, title=legend_title)
    fill_idx = np.where(in_table | (col not in frame.columns), classes.index, -2)

    # overlays
    layers: list[_Overlay] = []
    plabel = PARTIES[party].label if party else ""
    pcol = PARTIES[party].colour if party else "#111111"
    specs = [("targets", targets, f"{plabel} targets".strip(), pcol, 2.5, None),
             ("defences", defences, f"{plabel} defences".strip(), _mix(pcol, "#000000", 0.35),
              2.5, "6 4"),
             ("pilots", pilots, "Pilot seats", "#111111", 3.5, "2 5")]
    extra_colours = ["#6a3d9a", "#ff7f00", "#1b9e77", "#e7298a", "#666666"]
    for i, (name, obj) in enumerate((overlays or {}).items()):
        specs.append(("custom", obj, str(name), extra_colours[i % len(extra_colours)], 2.5, None))
    for kind, obj, name, colour, weight, dash in specs:
        if obj is None:
            continue
        if kind in ("targets", "defences") and isinstance(obj, pd.DataFrame):
            p = obj.attrs.get("party")
            if p in PARTIES and not party:
                name = f"{PARTIES[p].label} {kind}"
                colour = PARTIES[p].colour if kind == "targets" else _mix(
                    PARTIES[p].colour, "#000000", 0.35)
        ocodes, oframe = _codes_of(obj)
        known = [c for c in ocodes if c in set(codes)]
        if not known and ocodes:
            raise SeatmapError(f"None of the {len(ocodes)} seats of layer {name!r} is on this "
                               "map (codes from another boundary set?).")
        label = f"{name} ({len(known)})"
        layers.append(_Overlay(label, known, _overlay_notes(oframe, kind), colour, weight, dash,
                               name))

    # tooltip and card
    year = eid.split("-")[0] if eid else ""
    tip, card = _Table(), _Table()
    metric_vals = _format_column(data.assign(**{col: values}), col)
    metric_label = legend_title or _label(col)
    absent_note = ["" if t else "not in this table" for t in in_table]
    tip.add(re.sub(r" \((%|votes|points)\)$", "", metric_label),
            [a or m or "no data" for a, m in zip(absent_note, metric_vals, strict=True)], True)
    holder_col = _first(data, ["winner", "holder"])
    if holder_col and holder_col != col:
        hv = _party_name(data[holder_col].astype("string"))
        mp = _plain(data["mp"]) if "mp" in data.columns else [""] * len(codes)
        tip.add(f"Holder ({year})" if year else "Holder", _join(hv, mp, sep=" — "))
    if "majority" in data.columns and col not in ("majority", "majority_pct"):
        mj = _int(data["majority"])
        mjp = _pct(data["majority_pct"]) if "majority_pct" in data.columns else [""] * len(codes)
        tip.add("Majority", [f"{a} ({b})" if a and b else a for a, b in zip(mj, mjp, strict=True)])
    for c, lab in (("swing_needed", "Swing needed"), ("swing_to_lose", "Swing to lose")):
        if c in data.columns and c != col:
            tip.add(lab, _points_up(data[c]))
    for lay in layers:
        tip.add(lay.row_label, [lay.notes.get(c, "yes" if c in lay.codes else "")
                                if c in set(lay.codes) else "" for c in codes])
    if "leave_pct" in data.columns and col != "leave_pct":
        tip.add("Leave (2016)", _pct(data["leave_pct"]))
    if "imd_uk_decile" in data.columns and col != "imd_uk_decile":
        dec = data["imd_uk_decile"].astype("Float64")
        tip.add("Deprivation", _txt(dec.to_numpy(dtype=object, na_value=None),
                                    lambda v: f"decile {int(v)} of 10 (1 = most deprived)"))
    town = _first(data, ["primary_class", "town_class", "cfc_class", "settlement"])
    if town and town != col:
        tip.add("Town class", _plain(data[town]))
    for c in tooltip or []:
        if c not in data.columns:
            raise SeatmapError(f"tooltip column {c!r} is not in the table. Columns: "
                               f"{', '.join(map(str, frame.columns))}.")
        if c != col:
            tip.add(_label(c), _format_column(data, c))
    # the card: everything in the tooltip plus the seat's profile
    card.labels, card.cols, card.strong = list(tip.labels), list(tip.cols), list(tip.strong)
    if "result" in data.columns:
        card.add(f"Result ({year})" if year else "Result", _plain(data["result"]))
    if "runner_up" in data.columns and col != "runner_up":
        card.add("Runner-up", _party_name(data["runner_up"].astype("string")))
    if "turnout_pct" in data.columns and col != "turnout_pct":
        card.add("Turnout", _pct(data["turnout_pct"]))
    if "electorate" in data.columns and col != "electorate":
        card.add("Electorate", _int(data["electorate"]))
    if "leave_basis" in data.columns:
        card.add("Leave figure", _plain(data["leave_basis"]))
    if "imd_uk_score" in data.columns and col != "imd_uk_score":
        card.add("IMD score (UK)", _txt(data["imd_uk_score"].astype("Float64").to_numpy(
            dtype=object, na_value=None), lambda v: f"{v:.1f}"))
    if "ruc_label" in data.columns and col != "ruc_label":
        card.add("Urban-rural", _plain(data["ruc_label"]))
    hist = sorted(c for c in data.columns if re.fullmatch(r"winner_\d{4}", c))
    if hist:
        labels = [[f"{c[-4:]} {PARTIES[v].label}" if v in PARTIES else "" for v in
                   data[c].astype(object).where(data[c].notna(), None)] for c in hist]
        card.add("History", _join(*labels, sep=", "))
    card.add("Code", codes)

    sub_parts = []
    if "region" in data.columns:
        reg = _plain(data["region"])
        nat = _plain(data["nation"]) if "nation" in data.columns else [""] * len(codes)
        sub_parts = [r if r == n or not n else f"{r}, {n}" for r, n in zip(reg, nat, strict=True)]

    # vote share bars (the card's top five parties)
    share_cols = [c for c in data.columns if re.fullmatch(r"[a-z]+_pct", c)
                  and c[:-4] in PARTIES]
    bars = None
    if share_cols:
        shares = data[share_cols].astype("Float64").fillna(0).to_numpy(dtype=float)
        order = np.argsort(-shares, axis=1, kind="stable")[:, :5]
        top = [[[int(j), round(float(shares[i, j]), 1)] for j in order[i] if shares[i, j] > 0]
               for i in range(len(codes))]
        parties = [c[:-4] for c in share_cols]
        bars = {"title": f"Vote share {year}".strip(),
                "labels": [PARTIES[p].label for p in parties],
                "colours": [PARTIES[p].colour for p in parties], "v": top}

    # legend, title, sources
    legend_items = [[c, lab, f"{n:,}"] for c, lab, n in zip(classes.colours, classes.labels,
                                                            classes.counts, strict=True)]
    if classes.no_data - int((~in_table).sum() if col in frame.columns else 0) > 0:
        legend_items.append([NO_DATA, "No data", f"{int((fill_idx == -1).sum()):,}"])
    if (fill_idx == -2).any():
        legend_items.append([NOT_IN_TABLE, "Not in this table", f"{int((fill_idx == -2).sum()):,}"])
    if title is None:
        title = re.sub(r" \((%|votes|points)\)$", "", metric_label)
        if hexmap:
            title += " (hex map)"
    if subtitle is None:
        from .elections import ELECTIONS

        bits = []
        if eid and (col in _RESULT_COLUMNS or share_party or layers
                    or re.fullmatch(r"[a-z]+_votes", col)):
            bits.append(ELECTIONS[eid].description)
        if bs:
            bits.append(f"{len(codes)} constituencies ({bs} boundaries)")
        subtitle = " · ".join(bits)
    used = {col, *(tooltip or []), "winner", "majority", "leave_pct", "imd_uk_decile",
            "primary_class", "town_class", "cfc_class", "settlement"}
    used &= set(data.columns)
    src_ids = _sources_for(used | set(share_cols), eid, bs, hexmap)
    for s in sources or []:
        from .sources import SOURCES

        if s not in SOURCES:
            choice(s, SOURCES, "source id")
        if s not in src_ids:
            src_ids.append(s)
    from .sources import SOURCES
    from .sources import attribution as _attr

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

    return _Spec(web=web, codes=codes, data=data, in_table=in_table, col=col, classes=classes,
                 fill_idx=fill_idx, layers=layers, tip=tip, card=card, sub_parts=sub_parts,
                 bars=bars, legend_items=legend_items, title=title, subtitle=subtitle,
                 src_ids=src_ids, src_lines=src_lines, credits=credits, eid=eid, bs=bs,
                 hexmap=hexmap, metric_label=metric_label)


def seats_to_map(
    seats,
    column: str | None = None,
    *,
    election=None,
    scheme: str | None = None,
    k: int | None = None,
    cmap: str | Sequence[str] | None = None,
    midpoint: float | None = None,
    reverse: bool = False,
    party: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    legend_title: str | None = None,
    hexmap: bool = False,
    tiles: str | None = "light",
    targets=None,
    defences=None,
    pilots=None,
    overlays: Mapping[str, object] | None = None,
    tooltip: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    attribution: str | None = None,
    opacity: float = 0.85,
    tolerance: float | None = None,
    height: str | int = "100%",
):
    """Make an interactive map of a seat metric: one self-contained HTML page (folium).

    Parameters
    ----------
    seats : DataFrame, GeoDataFrame, Series or election id
        Rows indexed by GSS code (or with a ``code`` column): the bundled data
        (``seatmap.load_seats(2019)``), a target list, or the user's own table. An election id
        (``2019``) loads that election's seats. Every seat of the boundary set is drawn; seats
        missing from the table are light grey. Tables whose codes are not constituencies of a
        bundled set are drawn from their own ``geometry``.
    column : str, optional
        What to colour by: a column, or a metric name (``"leave"``, ``"turnout"``,
        ``"majority"``, ``"winner"``, ``"deprivation"``, ``"class"``, a party for its vote
        share...; see :data:`METRICS`). Default: the winning party.
    election : int or str, optional
        Election whose results fill the tooltips and seat cards (holder, majority...), for
        tables that lack them. Default: ``seats.attrs["election"]``, else the latest election on
        the boundary set.
    scheme, k, cmap, midpoint, reverse, party, legend_title
        Colouring: see :func:`classify`. ``party`` also names the target/defence layers and
        colours their outlines.
    title, subtitle : str, optional
        Shown at the top left and as the page title (escaped). Default: from the metric and
        election.
    hexmap : bool, default False
        Draw the hex cartogram (one equal hexagon per seat) instead of geographic boundaries.
    tiles : {"light", "osm", None} or URL template, default "light"
        Basemap under the seats (needs the internet; every seat draws without it). ``None``
        for no basemap. Ignored for hex maps.
    targets, defences, pilots : DataFrame, optional
        Ranked tables indexed by code (e.g. ``seatmap.targets("lab")``, ``seatmap.defences``,
        ``seatmap.pilots``) drawn as outline layers that the layer control toggles; their rank
        and swing appear in the tooltips. Long lists: pass ``.head(50)``.
    overlays : mapping of name to codes, Series or DataFrame, optional
        More outline layers: anything indexed by code (a boolean Series selects its True rows).
    tooltip : list of str, optional
        More columns of ``seats`` to show in the tooltip and card.
    sources : list of str, optional
        Source ids (keys of :data:`seatmap.sources.SOURCES`) to credit beyond those the bundled
        columns come from.
    attribution : str, optional
        Free text credit for the user's own data (shown as text).
    opacity : float, default 0.85
        Fill opacity of the seats.
    tolerance : float, optional
        Simplification tolerance in metres (default 100; see :func:`seatmap.webgeom.web_geometry`).
    height : str or int, default "100%"
        Height of the map element.

    Returns
    -------
    folium.Map
        Save it with ``m.save("map.html")`` (or :func:`save_map`); ``m.to_html()`` returns the
        page as a string.

    Raises
    ------
    SeatmapError
        Unknown metric, scheme or party (listing the valid values); a table without GSS codes.

    Examples
    --------
    >>> m = seats_to_map(2019, "leave", targets=seatmap.targets("lab").head(50))  # doctest: +SKIP
    >>> m.save("leave.html")                                                      # doctest: +SKIP
    """
    spec = _prepare(
        seats, column, election=election, scheme=scheme, k=k, cmap=cmap, midpoint=midpoint,
        reverse=reverse, party=party, title=title, subtitle=subtitle,
        legend_title=legend_title, hexmap=hexmap, targets=targets,
        defences=defences, pilots=pilots, overlays=overlays, tooltip=tooltip, sources=sources,
        attribution=attribution, tolerance=tolerance)
    web, codes, data, classes, layers = spec.web, spec.codes, spec.data, spec.classes, spec.layers
    title, subtitle, eid, bs = spec.title, spec.subtitle, spec.eid, spec.bs
    col, tip, card, bars, fill_idx = spec.col, spec.tip, spec.card, spec.bars, spec.fill_idx
    src_ids, src_lines, credits = spec.src_ids, spec.src_lines, spec.credits
    sub_parts, legend_items, metric_label = spec.sub_parts, spec.legend_items, spec.metric_label
    # payload
    geo = web.payload()
    bounds = web.bounds()
    spec = {
        "geo": geo,
        "bounds": bounds,
        "names": _column_payload(data["name"].astype(str).tolist()),
        "sub": _column_payload(sub_parts) if sub_parts else None,
        "fill": {"idx": [int(v) for v in fill_idx], "palette": classes.colours,
                 "none": NO_DATA, "absent": NOT_IN_TABLE},
        "tip": tip.payload(),
        "card": card.payload(),
        "bars": bars,
        "planar": bool(web.planar),
    }
    payload = _js(spec)
    seed = hashlib.sha256(payload.encode()).hexdigest()[:8]
    el = _elements()
    folium = el["folium"]
    centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    m = el["SeatMap"](location=centre, zoom_start=2 if hexmap else 6, tiles=None,
                      crs="Simple" if hexmap else "EPSG3857", zoom_control=False,
                      control_scale=not hexmap, height=height,
                      min_zoom=-1 if hexmap else 4, max_zoom=7 if hexmap else 14,
                      zoom_snap=0.25, zoom_delta=0.5, prefer_canvas=False)
    m._seatmap_seed = f"sm{seed}"
    root = m.get_root()
    root.title = html.escape(title)
    assets = _assets()
    root.header.add_child(el["Assets"](
        "<!-- Leaflet 1.9.4 (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade; "
        "BSD 2-Clause licence -->\n"
        f"<style>{assets['leaflet_css']}</style>\n<style>{assets['seatmap_css']}</style>\n"
        f"<script>{_script_safe(assets['leaflet_js'])}</script>\n"
        f"<script>{_script_safe(assets['seatmap_js'])}</script>"), name="seatmap_assets")
    data_el = el["SeatData"](payload)
    m.add_child(data_el, name="seatmap_data")
    if hexmap:
        tiles = None
    if tiles:
        if tiles in _TILES:
            url, labels_url, attr, tname = _TILES[tiles]
        else:
            url = str(tiles)
            if _JINJA_OPEN.search(url) or not re.match(r"https?://", url):
                raise SeatmapError(f"tiles must be 'light', 'osm', None or an http(s) URL "
                                   f"template such as https://tile.example.org/{{z}}/{{x}}/{{y}}.png;"
                                   f" got {url!r}.")
            host = url.split("/")[2]
            labels_url, attr, tname = None, "Basemap: " + _html_text(host), "Basemap"
        folium.TileLayer(url, attr=attr, name=tname + " (online)", overlay=False, control=True,
                         max_zoom=19, subdomains="abcd").add_to(m)
        folium.FeatureGroup(name="No basemap", overlay=False, control=True, show=False).add_to(m)
        if labels_url:
            folium.TileLayer(labels_url, attr=attr, name="Place names (online)", overlay=True,
                             control=True, max_zoom=19, subdomains="abcd",
                             pane="smLabels").add_to(m)
    seats_layer = el["SeatLayer"](data_el, _html_text(
                                  f"Seats: {re.sub(r' [(].*$', '', metric_label)}"),
                                  {"weight": 1.2 if hexmap else 0.5, "line": "#ffffff",
                                   "opacity": float(opacity), "smooth": 1.0})
    m.add_child(seats_layer)
    for lay in layers:
        idx = [codes.index(c) for c in lay.codes]
        m.add_child(el["SeatOverlay"](data_el, _html_text(lay.name), {
            "idx": idx, "colour": lay.colour, "weight": lay.weight, "dash": lay.dash,
            "fill": False}))
    m.add_child(el["Call"](data_el, [
        ("title", _js({"title": title, "subtitle": subtitle})),
    ]))
    m.add_child(el["Zoom"]())
    m.add_child(el["Call"](data_el, [
        ("fullscreen", "null"),
        ("search", _js({"placeholder": "Find a seat…", "id": seed, "maxZoom": 6 if hexmap else 11})),
    ]))
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
    m.add_child(el["Call"](data_el, [
        ("legend", _js({"title": classes.title, "note": classes.note, "items": legend_items,
                        "overlays": [[lay.colour, lay.name, bool(lay.dash)] for lay in layers],
                        "sources": src_lines, "sourcesTitle": "Sources and licences"})),
        ("attribution", _js(credits)),
        ("drawn", "null"),
    ]))
    _stable_ids(m)
    m.seatmap_info = {"column": col, "classes": classes, "codes": codes, "election": eid,
                      "boundary_set": bs, "sources": src_ids, "web_stats": dict(web.stats),
                      "overlays": {lay.name: lay.codes for lay in layers}}
    return m


def _has_own_only_geometry(frame: pd.DataFrame, bs: str) -> bool:
    """True if the table's codes are not (mostly) constituencies of the set."""
    from .datasets import load_constituencies

    try:
        reg = load_constituencies(bs)
    except FileNotFoundError:
        return "geometry" in frame.columns
    return frame.index.isin(reg.index).mean() < 0.5 and "geometry" in frame.columns


def save_map(m, path) -> Path:
    """Write a map to ``path`` atomically (UTF-8). Returns the path.

    The bytes depend only on the map's inputs, so a map can be diffed and cached.

    Parameters
    ----------
    m : folium.Map
        A map from :func:`seats_to_map`.
    path : str or path-like
        The HTML file to write.

    Examples
    --------
    >>> import os, tempfile
    >>> m = seats_to_map(2019, "leave", hexmap=True)
    >>> out = save_map(m, os.path.join(tempfile.mkdtemp(), "leave.html"))
    >>> out.read_text().startswith("<!DOCTYPE html>")
    True
    """
    from ._atomic import atomic_write

    path = Path(path)
    atomic_write(path, m.get_root().render().encode("utf-8"))
    return path
