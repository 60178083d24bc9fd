"""Colours and classes for seat maps: one place for metric names, palettes and schemes.

:func:`classify` turns a seat column into colour classes: numbers by quantiles, equal intervals
or natural breaks (mapclassify, Fisher-Jenks so results are deterministic), diverging scales
around a midpoint (swing; leave share around 50 %), ordinal codes such as deprivation deciles,
and categories, with party columns in the party colours of :mod:`seatmap.parties`. The
interactive maps (:mod:`seatmap.mapping`) and the static ones (:mod:`seatmap.static`) share it,
so a seat has the same colour in both.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import SeatmapError, UnknownNameError, choice
from .parties import PARTIES, party_code

__all__ = ["METRICS", "NOT_IN_TABLE", "NO_DATA", "SCHEMES", "VISIONS", "Classes", "ciede2000",
           "classify", "delta_e", "is_party_column", "label", "metric_column", "mix",
           "party_ramp", "ramp"]

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
    "seat": "Seat",
    "winner_before": "Winner at the election",
    "changed": "Changes hands",
    "con_residual": "Con share above the demographic model (points)",
    "population": "Population (census)",
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
#: Seats with no value, and seats the table does not have: two greys, distinct from each other and
#: from the map's background (#f4f6f8, white for hex maps) and the light basemap.
NO_DATA = "#a8a8a8"
NOT_IN_TABLE = "#d9dce0"

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
    raise UnknownNameError(
        f"Unknown metric {metric!r}.{hint} Metrics: {', '.join(shown)}; a party for its vote "
        f"share ({', '.join(parties)}); or any of the table's {len(cols)} columns "
        "(see the data README or seats.columns).")


def label(column: str) -> str:
    """The display label of a column (legend titles, tooltip rows).

    Examples
    --------
    >>> label("leave_pct"), label("lab_pct"), label("winner_2017")
    ('EU referendum leave share (%)', 'Labour share of the vote (%)', 'Winning party, 2017')
    >>> label("winner_2017_est")
    'Winning party, 2017 (notional estimate)'
    >>> label("con_pct_2015_est")
    'Conservative share of the vote (%), 2015 (notional estimate)'
    """
    if column in LABELS:
        return LABELS[column]
    if column.endswith("_est"):  # seatmap's notional results on the 2024 set
        return f"{label(column[:-4])} (notional estimate)"
    m = re.fullmatch(r"([a-z_]+)_(\d{4})", column)  # a known column of one election
    if m and (m.group(1) in LABELS or (re.fullmatch(r"[a-z]+_pct", m.group(1)) is not None
                                       and m.group(1)[:-4] in PARTIES)):
        return f"{label(m.group(1))}, {m.group(2)}"
    m = re.fullmatch(r"([a-z]+)_(pct|votes)", column)
    if m and m.group(1) in PARTIES:
        name = PARTIES[m.group(1)].name
        return f"{name} share of the vote (%)" if m.group(2) == "pct" else f"{name} votes"
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


def mix(c: str, other: str, t: float) -> str:
    """Blend colour ``c`` towards ``other`` by ``t`` (0 = ``c``, 1 = ``other``), in RGB.

    Examples
    --------
    >>> mix("#000000", "#ffffff", 0.5)
    '#808080'
    """
    return _rgb_to_hex(_hex_to_rgb(c) * (1 - t) + _hex_to_rgb(other) * t)


# --------------------------------------------------------------------------------------------
# colour difference, for every reader

#: Colour-vision simulation matrices in linear RGB (Machado, Oliveira and Fernandes 2009,
#: severity 1.0: dichromats, the strongest case).
CVD_MATRICES: dict[str, np.ndarray] = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
VISIONS = ("normal", "deuteranopia", "protanopia")


def _lab(c: str, vision: str = "normal") -> np.ndarray:
    """CIE L*a*b* (D65) of a colour as seen with ``vision``."""
    rgb = _hex_to_rgb(c) / 255.0
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    if choice(vision, VISIONS, "vision") != "normal":
        lin = np.clip(CVD_MATRICES[vision] @ lin, 0, 1)
    xyz = np.array([[0.4124564, 0.3575761, 0.1804375],
                    [0.2126729, 0.7151522, 0.0721750],
                    [0.0193339, 0.1191920, 0.9503041]]) @ lin
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > (6 / 29) ** 3, np.cbrt(f), f / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    """CIEDE2000 colour difference of two colours, for normal vision or a colour-vision deficiency.

    Parameters
    ----------
    a, b : str
        Hex colours.
    vision : {"normal", "deuteranopia", "protanopia"}, default "normal"
        Compare the colours as simulated for that vision (Machado et al. 2009, full severity).

    Returns
    -------
    float
        About 1 is the smallest visible difference; maps need well over 10 between neighbours.

    Examples
    --------
    >>> round(delta_e("#000000", "#ffffff"), 1)
    100.0
    >>> delta_e("#e4003b", "#e4003b", "deuteranopia")
    0.0
    """
    return ciede2000(_lab(a, vision), _lab(b, vision))


def ciede2000(lab1: Sequence[float] | np.ndarray, lab2: Sequence[float] | np.ndarray) -> float:
    """CIEDE2000 difference of two CIE L*a*b* colours (Sharma, Wu and Dalal 2005).

    Examples
    --------
    >>> round(ciede2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)), 4)
    2.0425
    """
    l1, a1, b1 = (float(x) for x in lab1)
    l2, a2, b2 = (float(x) for x in lab2)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm, cmp_ = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hm - 30)) + 0.24 * math.cos(math.radians(2 * hm))
         + 0.32 * math.cos(math.radians(3 * hm + 6)) - 0.20 * math.cos(math.radians(4 * hm - 63)))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc, sh = 1 + 0.045 * cmp_, 1 + 0.015 * cmp_ * t
    rt = (-2 * math.sqrt(cmp_ ** 7 / (cmp_ ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((hm - 275) / 25) ** 2)))))
    return float(math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2
                           + rt * (dc / sc) * (dhh / sh)))


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
        raise UnknownNameError(
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
    return _sample([mix(c, "#ffffff", 0.85), c, mix(c, "#000000", 0.45)],
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
    if not np.isfinite(v):
        return "–" if np.isnan(v) else ("∞" if v > 0 else "-∞")
    if abs(v) >= 1e12:  # huge values: 1.23e+300, not a 300-digit number
        return f"{v:.3g}"
    return f"{v:,.{d}f}"


def _nice_step(x: float) -> float:
    """The 1-2-2.5-5 x 10^n number nearest to ``x`` (on a log scale)."""
    if not np.isfinite(x) or x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    cands = np.array([m * 10.0 ** e for e in (exp - 1, exp, exp + 1) for m in (1, 2, 2.5, 5)])
    return float(cands[np.argmin(np.abs(np.log(cands) - math.log(x)))])


def is_party_column(values: pd.Series) -> bool:
    """Whether every value of a column is a party code (so it is coloured by party)."""
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
    title = title or label(name)
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if scheme is not None:
        scheme = choice(scheme, SCHEMES, "classification scheme", aliases=_SCHEME_ALIASES)
    if scheme is None:
        scheme = _default_scheme(values, name, numeric, midpoint)
    if scheme == "categorical" or not numeric:
        return _categorical(values.astype("string"), name, title, cmap)
    y_all = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    known = ~np.isnan(y_all)
    if not known.any():
        raise SeatmapError(f"Column {name!r} has no values to map.")
    if scheme == "ordinal":
        return _ordinal(y_all, known, name, title, cmap, party, reverse)
    if scheme == "diverging":
        return _diverging(y_all, known, name, title, cmap, k, midpoint, reverse)
    return _binned(y_all, known, scheme, title, cmap, k, party, reverse)


def _default_scheme(s: pd.Series, name: str, numeric: bool, midpoint: float | None) -> str:
    """Categorical for text; diverging around 50 (leave) or 0; ordinal for small integer codes."""
    if not numeric:
        return "categorical"
    if name == "leave_pct" or midpoint is not None:
        return "diverging"
    y = pd.to_numeric(s, errors="coerce").dropna().to_numpy(dtype=float)
    if len(y) and y.min() < 0 < y.max() and min(-y.min(), y.max()) > 0.05 * np.ptp(y):
        return "diverging"
    if len(y) and np.all(np.mod(y, 1) == 0) and len(np.unique(y)) <= 12:
        return "ordinal"
    return "quantiles"


def _ordinal(y_all: np.ndarray, known: np.ndarray, name: str, title: str, cmap, party,
             reverse: bool) -> Classes:
    """One class per value (deciles: the most deprived darkest)."""
    y = y_all[known]
    index = np.full(len(y_all), -1)
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


def _diverging_edges(y: np.ndarray, mid: float, k: int) -> np.ndarray:
    """Class edges of equal, round width either side of ``mid``."""
    half = max(1, k // 2)
    dev = np.abs(y - mid)
    inner = max(half - (0.5 if k % 2 else 1), 0.5)  # steps from the midpoint to the last edge
    step = _nice_step(float(np.quantile(dev, 0.9)) / inner)
    while step * inner > dev.max() and step > _nice_step(step * 0.6) * 0.99:
        step = _nice_step(step * 0.6)  # keep the outermost classes from being empty
    if k % 2:  # odd: a neutral middle class straddling the midpoint
        return mid + step * (np.arange(-half, half) + 0.5)
    return mid + step * np.arange(-(half - 1), half)


def _diverging(y_all: np.ndarray, known: np.ndarray, name: str, title: str, cmap, k,
               midpoint, reverse: bool) -> Classes:
    """Classes either side of a midpoint (50 for leave share, else 0)."""
    y = y_all[known]
    index = np.full(len(y_all), -1)
    mid = (50.0 if name == "leave_pct" else 0.0) if midpoint is None else float(midpoint)
    k = k or 8
    edges = _diverging_edges(y, mid, k)
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


def _binned(y_all: np.ndarray, known: np.ndarray, scheme: str, title: str, cmap, k, party,
            reverse: bool) -> Classes:
    """Quantiles, equal intervals or natural breaks (mapclassify)."""
    import warnings

    import mapclassify

    y = y_all[known]
    index = np.full(len(y_all), -1)
    k = int(k or 5)
    k = max(1, min(k, len(np.unique(y))))
    # mapclassify squares the values (sums of squares): above ~1e154 they overflow, so huge
    # values are classified in units of the largest and the bins scaled back
    top = float(np.abs(y).max()) if len(y) else 0.0
    scale = top if np.isfinite(top) and top > 1e100 else 1.0
    if scheme == "quantiles":
        mc = mapclassify.Quantiles(y / scale, k=k)
    elif scheme == "equal_interval":
        mc = mapclassify.EqualInterval(y / scale, k=k)
    else:
        with warnings.catch_warnings():  # "Numba not installed": the pure-Python path is exact
            warnings.simplefilter("ignore", UserWarning)
            mc = mapclassify.FisherJenks(y / scale, k=k)
    bins = np.asarray(mc.bins, dtype=float) * scale
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
    if is_party_column(s):
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
