"""Static maps (PNG, SVG, PDF) for reports and slides, with the interactive map's colours.

:func:`seats_to_png` takes the same arguments as :func:`seatmap.mapping.seats_to_map` and draws
the same classes, colours, overlays, legend, title and credits with matplotlib. Geographic maps
are drawn in British National Grid (the familiar shape of the UK) from the same simplified
boundaries as the web map; hex maps from the same layout. matplotlib is imported only here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .colours import NO_DATA, NOT_IN_TABLE
from .mapspec import MapOptions, map_spec

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._mapoverlays import Overlay
    from .mapspec import MapSpec

__all__ = ["METRO_AREAS", "seats_to_png"]

#: Metropolitan areas an inset can show, as British National Grid boxes (xmin, ymin, xmax, ymax),
#: about the metropolitan county or city region. Any region name works too (the box of its seats).
METRO_AREAS: dict[str, tuple[float, float, float, float]] = {
    "Manchester": (351_000.0, 382_000.0, 405_000.0, 421_000.0),
    "Birmingham": (395_000.0, 268_000.0, 437_000.0, 302_000.0),
    "Liverpool": (330_000.0, 377_000.0, 356_000.0, 404_000.0),
    "Leeds": (405_000.0, 418_000.0, 448_000.0, 448_000.0),
    "Glasgow": (243_000.0, 650_000.0, 280_000.0, 677_000.0),
    "Newcastle": (413_000.0, 548_000.0, 440_000.0, 576_000.0),
}


def seats_to_png(seats: pd.DataFrame | pd.Series | int | str, column: str | None = None,
                 path: str | os.PathLike[str] | None = None, *, dpi: int = 150,
                 figsize: tuple[float, float] | None = None,
                 insets: tuple[str, ...] | list[str] | None = None, **kwargs: Any) -> Figure:
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
        Figure size in inches (default 8 x 10, portrait, for the UK's shape). The legend sits
        east of the land (over no seat), and the image is cropped to its content.
    insets : list of str, optional
        Enlarged insets of dense places, in the sea south-west of the map: ``"London"`` (the
        default on geographic maps of the UK), any region name, or a metropolitan area of
        :data:`METRO_AREAS` (``"Manchester"``, ``"Birmingham"``...); up to three. ``[]`` for none.
        Hex maps have no insets (every seat is the same size).
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
    import matplotlib

    if path is not None:
        matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    for ignored in ("tiles", "opacity", "height"):
        kwargs.pop(ignored, None)
    spec = map_spec(seats, MapOptions.from_keywords(column, **kwargs))
    geoms, colours = _geometry_and_fills(spec)
    fig = plt.figure(figsize=figsize or (8, 10), dpi=dpi)
    ax = fig.add_axes((0.01, 0.05, 0.98, 0.86))
    ax.set_axis_off()
    ax.set_aspect("equal")
    bounds = _draw_seats(ax, spec, geoms, colours)
    _legend(ax, spec, bounds)
    if not spec.web.planar:
        areas = ("London",) if insets is None else tuple(insets)
        _insets(ax, geoms, colours, spec, spec.data, areas[:3], bounds)
    _titles_and_credits(fig, spec)
    if path is not None:
        _save(fig, Path(path), dpi)
    return fig


def _geometry_and_fills(spec: MapSpec) -> tuple[gpd.GeoSeries, np.ndarray]:
    """The seats' shapes (British National Grid, or the hex layout's plane) and fill colours."""
    import geopandas as gpd

    web = spec.web
    geoms = gpd.GeoSeries(web.to_shapely(), index=spec.codes,
                          crs=None if web.planar else 4326)
    if not web.planar:
        geoms = geoms.to_crs(27700)
    pal = np.array([*spec.classes.colours, NO_DATA, NOT_IN_TABLE], dtype=object)
    idx = spec.fill_idx
    colours = pal[np.where(idx >= 0, idx, np.where(idx == -1, len(pal) - 2, len(pal) - 1))]
    return geoms, colours


def _draw_seats(ax: Axes, spec: MapSpec, geoms: gpd.GeoSeries,
                colours: np.ndarray) -> tuple[float, float, float, float]:
    """The filled seats, hex region borders and names, layers and points; the land's bounds."""
    geoms.plot(ax=ax, color=list(colours), edgecolor="white",
               linewidth=0.6 if spec.web.planar else 0.15)
    minx, miny, maxx, maxy = (float(v) for v in geoms.total_bounds)
    if spec.regions:  # hex maps: region borders and names
        for line in spec.regions["lines"]:
            ys, xs = zip(*line, strict=True)
            ax.plot(xs, ys, color="#333333", linewidth=1.1, solid_capstyle="round")
        # names sit off the hexagons (mapspec places them), joined by a leader when far
        for (ya, xa), (yb, xb) in spec.regions.get("leaders", []):
            ax.plot([xa, xb], [ya, yb], color="#777777", linewidth=0.6)
        for name, y, x in spec.regions["labels"]:
            ax.text(x, y, _plain(name), ha="center", va="center", fontsize=6.5,
                    fontweight="bold", color="#111111")
    _outlines(ax, geoms, spec.layers, 0.45)
    if spec.points:  # held-back communities (issue 22): sized by people, coloured by score
        pt = spec.points
        ax.scatter(pt["x"], pt["y"], s=[r * r * 0.6 for r in pt["r"]], linewidths=0.3,
                   c=[pt["colours"][i] for i in pt["c"]], edgecolors="white", zorder=3)
    return minx, miny, maxx, maxy


def _legend(ax: Axes, spec: MapSpec, bounds: tuple[float, float, float, float]) -> None:
    """The legend east of the land, level with its top: it covers no seat (Shetland, Orkney
    and north-east Scotland stay clear); the saved image is cropped to its content."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    minx, _, maxx, maxy = bounds
    handles: list[Artist] = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.3,
                                   label=_plain(f"{lab}  ({n})")) for c, lab, n in spec.legend_items]
    handles += [Line2D([0], [0], color=lay.colour, linewidth=lay.weight * 0.6,
                       linestyle=_dash(lay.dash), label=_plain(lay.name))
                for lay in spec.layers]
    ax.legend(handles=handles, loc="upper left", title=_plain(spec.classes.title), fontsize=8,
              bbox_to_anchor=(maxx + 0.03 * (maxx - minx), maxy), bbox_transform=ax.transData,
              title_fontsize=9, frameon=True, framealpha=0.9, edgecolor="none",
              alignment="left", handlelength=2.6, borderaxespad=0)


def _titles_and_credits(fig: Figure, spec: MapSpec) -> None:
    """Title, subtitle, classification note and a footer crediting what the picture shows."""
    from .sources import SOURCES

    fig.suptitle(_plain(spec.title), x=0.04, y=0.985, ha="left", fontsize=14, fontweight="bold")
    if spec.subtitle:
        fig.text(0.04, 0.952, _plain(spec.subtitle), ha="left", fontsize=9, color="#444444")
    if spec.classes.note:
        fig.text(0.04, 0.935, _plain(spec.classes.note), ha="left", fontsize=7.5, color="#666666")
    # only the sources of what the picture shows (the boundaries or hex layout, the mapped
    # column, the results behind any layer), not every column of the table
    credit = "Sources: " + "; ".join(dict.fromkeys(
        f"{SOURCES[s].publisher} ({SOURCES[s].licence})"
        for s in (spec.drawn_source_ids or spec.source_ids) if s in SOURCES))
    if spec.attribution:
        credit = f"Data: {spec.attribution}. " + credit
    fig.text(0.04, 0.012, _plain(_wrap(credit, 150)), ha="left", va="bottom", fontsize=5.5,
             color="#555555")


def _save(fig: Figure, path: Path, dpi: int) -> None:
    """Write the figure, complete or not at all, like every file seatmap writes."""
    from ._atomic import atomic_path

    meta = {"Software": None} if path.suffix.lower() == ".png" else {}
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix.lstrip(".").lower() or "png", dpi=dpi,
                    metadata=meta or None, bbox_inches="tight", pad_inches=0.2)


def _outlines(ax: Axes, geoms: gpd.GeoSeries, layers: list[Overlay], scale: float) -> None:
    """The layers' outlines, each on a white casing so it shows on any fill."""
    for lay in layers:
        if not lay.codes:
            continue
        outline = geoms.loc[lay.codes].boundary
        outline.plot(ax=ax, color="white", linewidth=lay.weight * scale + 1.2)
        outline.plot(ax=ax, color=lay.colour, linewidth=lay.weight * scale,
                     linestyle=_dash(lay.dash))


def _insets(ax: Axes, geoms: gpd.GeoSeries, colours: np.ndarray, spec: MapSpec,
            data: pd.DataFrame, areas: tuple[str, ...],
            bounds: tuple[float, float, float, float]) -> None:
    """Enlarged insets of dense places, each with its box drawn on the main map: the first in
    the sea south-west of the map (west of Cornwall, south of Ireland), the others east of the
    land, stacked up from the bottom (below the legend)."""
    from matplotlib.patches import Rectangle

    from ._validate import SeatmapError

    minx, miny, maxx, maxy = bounds
    width = 0.34 * (maxx - minx)
    y_right = miny
    regions = data["region"].astype(str) if "region" in data.columns else pd.Series(dtype=str)
    names = {n.casefold(): n for n in [*METRO_AREAS, *sorted(set(regions))]}
    for area in areas:
        area = names.get(str(area).strip().casefold(), area)
        box: tuple[float, ...]
        if area in METRO_AREAS:
            box = METRO_AREAS[area]
        elif area in set(regions):
            pad = geoms.loc[regions.index[regions == area]].total_bounds
            box = tuple(float(v) for v in pad)
        else:
            valid = sorted(set(regions)) + list(METRO_AREAS)
            raise SeatmapError(f"Unknown inset {area!r}: use a region or one of "
                               f"{', '.join(valid)}.")
        bx0, by0, bx1, by1 = box
        px, py = 0.04 * (bx1 - bx0), 0.04 * (by1 - by0)
        bx0, by0, bx1, by1 = bx0 - px, by0 - py, bx1 + px, by1 + py
        height = width * (by1 - by0) / (bx1 - bx0)
        if area == areas[0]:
            x0, y0 = minx - 0.02 * (maxx - minx), miny
        else:
            x0, y0 = maxx + 0.03 * (maxx - minx), y_right
            y_right += height + 0.05 * (maxy - miny)
        inset = ax.inset_axes((x0, y0, width, height), transform=ax.transData)
        inset.set_xlim(bx0, bx1)
        inset.set_ylim(by0, by1)
        inset.set_aspect("equal")
        inset.set_xticks([])
        inset.set_yticks([])
        inset.set_xlabel("")
        inset.set_ylabel("")
        for side in inset.spines.values():
            side.set_edgecolor("#333333")
            side.set_linewidth(0.8)
        inside = geoms.cx[bx0:bx1, by0:by1]
        keep = geoms.index.get_indexer(inside.index)
        inside.plot(ax=inset, color=[colours[k] for k in keep], edgecolor="white",
                    linewidth=0.3)
        _outlines(inset, geoms.loc[inside.index], [
            type(lay)(lay.name, [c for c in lay.codes if c in set(inside.index)], lay.notes,
                      lay.colour, lay.weight, lay.dash, lay.row_label)
            for lay in spec.layers], 0.35)
        inset.set_xlabel("")
        inset.set_ylabel("")
        inset.set_title(_plain(area), fontsize=8, fontweight="bold", loc="left", pad=2)
        ax.add_patch(Rectangle((bx0, by0), bx1 - bx0, by1 - by0, fill=False,
                               edgecolor="#333333", linewidth=0.8))


def _dash(dash: str | None) -> Literal["solid"] | tuple[float, tuple[float, ...]]:
    """A matplotlib line style from an SVG dash pattern ("7 5")."""
    return (0, tuple(float(v) for v in dash.split())) if dash else "solid"


def _plain(text: str) -> str:
    """Text shown as written: matplotlib would read "$...$" as mathematics."""
    return str(text).replace("$", r"\$")


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
