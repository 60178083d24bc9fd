"""Static maps (PNG, SVG, PDF) for reports and slides, with the interactive map's colours.

:func:`seats_to_png` takes the same arguments as :func:`seatmap.mapping.seats_to_map` and draws
the same classes, colours, overlays, legend, title and credits with matplotlib. Geographic maps
are drawn in British National Grid (the familiar shape of the UK) from the same simplified
boundaries as the web map; hex maps from the same layout. matplotlib is imported only here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .colours import NO_DATA, NOT_IN_TABLE
from .mapspec import MapOptions, map_spec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["seats_to_png"]


def seats_to_png(seats: pd.DataFrame | pd.Series | int | str, column: str | None = None,
                 path: str | os.PathLike | None = None, *, dpi: int = 150,
                 figsize: tuple[float, float] | None = None, **kwargs: Any) -> Figure:
    """Draw a static map of a seat metric; optionally save it (format from the extension).

    Parameters
    ----------
    seats, column
        As for :func:`seatmap.mapping.seats_to_map`.
    path : str or Path, optional
        Where to save (``.png``, ``.svg`` or ``.pdf``). Nothing is written if omitted.
    dpi : int, default 150
        Resolution of raster output.
    figsize : tuple of float, optional
        Figure size in inches (default 8 x 10, portrait, for the UK's shape; the legend sits in
        the map's own empty corner, so the image has no empty half).
    **kwargs
        Any :class:`~seatmap.mapping.MapOptions` field, as for
        :func:`~seatmap.mapping.seats_to_map` (``scheme``, ``k``, ``cmap``, ``party``,
        ``title``, ``hexmap``, ``targets``, ``defences``, ``pilots``, ``overlays``...).
        Interactive-only arguments (``tiles``, ``opacity``, ``height``) are ignored; an unknown
        name is an error listing the valid ones.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = seats_to_png(2019, "winner", "winner.png")  # doctest: +SKIP
    """
    import geopandas as gpd
    import matplotlib

    if path is not None:
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    for ignored in ("tiles", "opacity", "height"):
        kwargs.pop(ignored, None)
    spec = map_spec(seats, MapOptions.from_keywords(column, **kwargs))
    web = spec.web
    geoms = gpd.GeoSeries(web.to_shapely(), index=spec.codes,
                          crs=None if web.planar else 4326)
    if not web.planar:
        geoms = geoms.to_crs(27700)
    pal = np.array([*spec.classes.colours, NO_DATA, NOT_IN_TABLE], dtype=object)
    idx = spec.fill_idx
    colours = pal[np.where(idx >= 0, idx, np.where(idx == -1, len(pal) - 2, len(pal) - 1))]

    fig = plt.figure(figsize=figsize or (8, 10), dpi=dpi)
    ax = fig.add_axes((0.01, 0.05, 0.98, 0.86))
    ax.set_axis_off()
    ax.set_aspect("equal")
    geoms.plot(ax=ax, color=list(colours), edgecolor="white",
               linewidth=0.6 if web.planar else 0.15)
    if spec.regions:  # hex maps: region borders and names
        for line in spec.regions["lines"]:
            ys, xs = zip(*line, strict=True)
            ax.plot(xs, ys, color="#333333", linewidth=1.1, solid_capstyle="round")
        for name, y, x in spec.regions["labels"]:
            ax.text(x, y, _plain(name), ha="center", va="center", fontsize=6.5,
                    fontweight="bold", color="#111111",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.75})
    for lay in spec.layers:
        if not lay.codes:
            continue
        outline = geoms.loc[lay.codes].boundary
        outline.plot(ax=ax, color="white", linewidth=lay.weight * 0.45 + 1.0)
        outline.plot(ax=ax, color=lay.colour, linewidth=lay.weight * 0.45,
                     linestyle=_dash(lay.dash))
    if spec.points:  # held-back communities (issue 22): sized by people, coloured by score
        pt = spec.points
        ax.scatter(pt["x"], pt["y"], s=[r * r * 0.6 for r in pt["r"]], linewidths=0.3,
                   c=[pt["colours"][i] for i in pt["c"]], edgecolors="white", zorder=3)
    handles = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.3,
                     label=_plain(f"{lab}  ({n})")) for c, lab, n in spec.legend_items]
    handles += [Line2D([0], [0], color=lay.colour, linewidth=lay.weight * 0.6,
                       linestyle=_dash(lay.dash), label=_plain(lay.name))
                for lay in spec.layers]
    # the legend goes in the map's emptiest top corner (the North Sea for the UK)
    ax.legend(handles=handles, loc="upper right", title=_plain(spec.classes.title), fontsize=8,
              title_fontsize=9, frameon=True, framealpha=0.9, edgecolor="none",
              alignment="left", handlelength=2.6)
    fig.suptitle(_plain(spec.title), x=0.04, y=0.985, ha="left", fontsize=14, fontweight="bold")
    if spec.subtitle:
        fig.text(0.04, 0.952, _plain(spec.subtitle), ha="left", fontsize=9, color="#444444")
    if spec.classes.note:
        fig.text(0.04, 0.935, _plain(spec.classes.note), ha="left", fontsize=7.5, color="#666666")
    from .sources import SOURCES

    credit = "Sources: " + "; ".join(
        dict.fromkeys(f"{SOURCES[s].publisher} ({SOURCES[s].licence})" for s in spec.src_ids))
    if spec.attribution:
        credit = f"Data: {spec.attribution}. " + credit
    fig.text(0.04, 0.012, _plain(_wrap(credit, 150)), ha="left", va="bottom", fontsize=5.5,
             color="#555555")
    if path is not None:
        from ._atomic import atomic_path

        path = Path(path)
        meta = {"Software": None} if path.suffix.lower() == ".png" else {}
        with atomic_path(path) as tmp:  # complete or not at all, like every file seatmap writes
            fig.savefig(tmp, format=path.suffix.lstrip(".").lower() or "png", dpi=dpi,
                        metadata=meta or None, bbox_inches="tight", pad_inches=0.2)
    return fig


def _dash(dash: str | None):
    """A matplotlib line style from an SVG dash pattern ("7 5")."""
    return (0, tuple(float(v) for v in dash.split())) if dash else "solid"


def _plain(text: str) -> str:
    """Text shown as written: matplotlib would read "$...$" as mathematics."""
    return str(text).replace("$", r"\$")


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
