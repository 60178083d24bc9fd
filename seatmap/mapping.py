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
layer or when tiles cannot load. There is no basemap unless one is asked for (``tiles="light"``,
CARTO Positron): it is the only thing that would use the network, and it is added after the page
has loaded. Every user-supplied string goes into the page as text (DOM ``textContent``), never as
HTML. The same inputs give the same bytes (element ids are derived from the content).

Colours, metric names and classification schemes live in :mod:`seatmap.colours` (shared with
the static maps of :mod:`seatmap.static`). folium and mapclassify are imported when a map is
made, never at ``import seatmap``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError
from .colours import NO_DATA, NOT_IN_TABLE
from .mapspec import LABEL_CHAR, LABEL_HEIGHT, MapOptions, MapSpec, column_payload, map_spec

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping, Sequence

    import folium

    from .elections import Election

__all__ = ["MapOptions", "MapSpec", "map_spec", "save_map", "seats_to_map"]

_ASSETS = Path(__file__).resolve().parent / "_assets"

# --------------------------------------------------------------------------------------------
# folium elements


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _html_text(value: object) -> str:
    """Text for places that Leaflet or folium treat as HTML (layer names, attributions)."""
    return html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")


def _js(obj: object) -> str:
    """JSON for inline <script>: no '<', '>', '&' or U+2028/9 left raw; NaN becomes null."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # folium re-reads rendered scripts as Jinja templates: "{{", "{%" and "{#" can only occur
    # inside JSON strings, where "\u007b" means the same "{"
    return _JINJA_OPEN.sub(r"\\u007b", text)


@memoized(maxsize=1)
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


def _elements() -> dict[str, Any]:
    """folium element classes (built on first use so that folium loads lazily)."""
    import folium
    from branca.element import Element, MacroElement
    from folium.template import Template

    class SeatMap(folium.Map):
        """A :class:`folium.Map` whose HTML is self-contained and byte-for-byte reproducible."""

        # no CDN links; folium declares these as instance variables (so no ClassVar here)
        default_js: list[tuple[str, str]] = []  # noqa: RUF012
        default_css: list[tuple[str, str]] = []  # noqa: RUF012

        def render(self, **kwargs: Any) -> Any:  # folium: None; branca declares str
            _stable_ids(self)
            return super().render(**kwargs)  # type: ignore[no-untyped-call]  # folium: unannotated

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
            super().__init__()  # type: ignore[no-untyped-call]  # branca: unannotated
            self._name = "SeatData"
            self.payload = payload

    class SeatLayer(folium.map.Layer):
        _template = Template("""
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = seatmap.seats({{ this.data.get_name() }}, {{ this.options }});
            {% endmacro %}""")

        def __init__(self, data: Any, name: str, options: dict[str, Any]):
            super().__init__(name=name, overlay=True, control=True, show=True)
            self._name = "SeatLayer"
            self.data = data
            self.options = _js(options)

    class SeatOverlay(folium.map.Layer):
        _template = Template("""
            {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = seatmap.overlay({{ this.data.get_name() }}, {{ this.spec }});
            {% endmacro %}""")

        def __init__(self, data: Any, name: str, spec: dict[str, Any], show: bool = True):
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

        def __init__(self, data: Any, calls: list[tuple[str, str]]):
            super().__init__()  # type: ignore[no-untyped-call]  # branca: unannotated
            self._name = "SeatmapControls"
            self.data = data
            self.calls = calls

    class Zoom(MacroElement):
        _template = Template("""
            {% macro script(this, kwargs) %}
            L.control.zoom({position: "topleft"}).addTo({{ this._parent.get_name() }});
            {% endmacro %}""")

    class Later(MacroElement):
        """Online layers switched on after the page's load event (never delaying it)."""

        _template = Template("""
            {% macro script(this, kwargs) %}
            seatmap.later({{ this._parent.get_name() }}, {{ this.off.get_name() }},
                          [{% for l in this.layers %}{{ l.get_name() }}, {% endfor %}]);
            {% endmacro %}""")

        def __init__(self, off: Any, layers: list[Any]):
            super().__init__()  # type: ignore[no-untyped-call]  # branca: unannotated
            self._name = "SeatmapLater"
            self.off = off
            self.layers = layers

    return {"SeatMap": SeatMap, "Assets": Assets, "SeatData": SeatData,
            "SeatLayer": SeatLayer, "SeatOverlay": SeatOverlay, "Call": Call, "Zoom": Zoom,
            "Later": Later, "folium": folium}


def _stable_ids(m: Any) -> None:
    """Replace folium's random element ids with ids derived from the map's content."""
    seed = getattr(m, "_seatmap_seed", None) or "seatmap"
    n = 0

    def walk(el: Any) -> None:
        nonlocal n
        el._id = f"{seed}{n:03x}"
        n += 1
        for child in list(el._children.values()):
            walk(child)

    walk(m.get_root())


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


def seats_to_map(
    seats: pd.DataFrame | pd.Series | int | str,
    column: str | None = None,
    *,
    election: int | str | Election | None = None,
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
    tiles: str | None = None,
    targets: pd.DataFrame | None = None,
    defences: pd.DataFrame | None = None,
    pilots: pd.DataFrame | None = None,
    overlays: Mapping[str, object] | None = None,
    tooltip: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    attribution: str | None = None,
    opacity: float = 0.85,
    tolerance: float | None = None,
    height: str | int = "100%",
    gains: bool | str = False,
    communities: pd.DataFrame | bool | None = None,
) -> folium.Map:
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
        Colouring: see :func:`seatmap.colours.classify`. ``party`` also names the target/defence layers and
        colours their outlines.
    title, subtitle : str, optional
        Shown at the top left and as the page title (escaped). Default: from the metric and
        election.
    hexmap : bool, default False
        Draw the hex cartogram (one equal hexagon per seat) instead of geographic boundaries.
    tiles : {None, "light", "osm"} or URL template, default None
        Basemap under the seats. By default there is none and the page makes no request at all
        (it works offline, and opens at once). ``"light"`` (CARTO, with place names as a
        separate overlay), ``"osm"`` or an http(s) template ask for online tiles; they are
        added after the page has loaded, so an unreachable tile server never delays the map,
        and the layer control offers "No basemap". Ignored for hex maps.
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
    gains : bool or str, default False
        Change at a glance: seats changing hands in the new party's colour with a heavy
        outline (a layer, "Seats changing hands (n)"), seats keeping their party in a pale tint
        of its colour. The column is compared with ``winner_before`` (as in
        ``seatmap.project(...).seats``) or the column named, e.g. ``gains="winner_2019"``.
    communities : DataFrame or True, optional
        Held-back communities as a layer of points sized by population and coloured by
        deprivation score (:func:`seatmap.communities`; ``True``: every community of the map's
        election). Not drawn on hex maps.

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
    >>> proj = seatmap.project({"Great Britain": {"reform": 5, "con": -5}}, 2024)  # doctest: +SKIP
    >>> seats_to_map(proj.seats, "winner", gains=True, hexmap=True)              # doctest: +SKIP
    """
    options = MapOptions(
        column=column, election=election, scheme=scheme, k=k, cmap=cmap, midpoint=midpoint,
        reverse=reverse, party=party, title=title, subtitle=subtitle, legend_title=legend_title,
        hexmap=hexmap, targets=targets, defences=defences, pilots=pilots, overlays=overlays,
        tooltip=tooltip, sources=sources, attribution=attribution, tolerance=tolerance,
        gains=gains, communities=communities)
    spec = map_spec(seats, options)
    payload, bounds = _page_data(spec)
    seed = hashlib.sha256(payload.encode()).hexdigest()[:8]
    el = _elements()
    m = _new_map(el, spec, bounds, seed, height)
    data_el = el["SeatData"](payload)
    m.add_child(data_el, name="seatmap_data")
    _add_basemap(m, el, None if hexmap else tiles)
    _add_layers(m, el, data_el, spec, opacity)
    _add_controls(m, el, data_el, spec, seed)
    _stable_ids(m)
    m.seatmap_info = {"column": spec.column, "classes": spec.classes, "codes": spec.codes,
                      "election": spec.election, "boundary_set": spec.boundary_set,
                      "sources": spec.source_ids,
                      "web_stats": dict(spec.web.stats),
                      "overlays": {lay.name: lay.codes for lay in spec.layers}}
    return cast("folium.Map", m)  # _elements()'s SeatMap: a folium.Map built at run time


def _page_data(spec: MapSpec) -> tuple[str, list[list[float]]]:
    """The map's data as the page reads it (JSON text), and the bounds to fit."""
    web, regions = spec.web, spec.regions
    bounds = web.bounds()
    if regions:  # a hex map fits its region names too (they sit off the hexagons)
        for name, y, x in regions["labels"]:
            half = LABEL_CHAR * len(name) / 2 + 0.15
            bounds = [[min(bounds[0][0], y - LABEL_HEIGHT / 2), min(bounds[0][1], x - half)],
                      [max(bounds[1][0], y + LABEL_HEIGHT / 2), max(bounds[1][1], x + half)]]
    data = {
        "geo": web.payload(),
        "bounds": bounds,
        "names": column_payload(spec.data["name"].astype(str).tolist()),
        "sub": column_payload(spec.sub_parts) if spec.sub_parts else None,
        "fill": {"idx": [int(v) for v in spec.fill_idx], "palette": spec.classes.colours,
                 "none": NO_DATA, "absent": NOT_IN_TABLE},
        "tip": spec.tooltip.payload(),
        "card": spec.card.payload(),
        "bars": spec.bars,
        "planar": bool(web.planar),
        "regions": regions,
    }
    return _js(data), bounds


def _new_map(el: dict[str, Any], spec: MapSpec, bounds: list[list[float]], seed: str,
             height: str | int) -> Any:  # an instance of _elements()'s SeatMap
    """The empty page: the map fitted to ``bounds``, its title, and the inlined assets."""
    hexmap = spec.hexmap
    centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    m = el["SeatMap"](location=centre, zoom_start=2 if hexmap else 6, tiles=None,
                      crs="Simple" if hexmap else "EPSG3857", zoom_control=False,
                      control_scale=not hexmap, height=height,
                      min_zoom=-1 if hexmap else 4, max_zoom=7 if hexmap else 14,
                      zoom_snap=0.25, zoom_delta=0.5, prefer_canvas=False)
    m._seatmap_seed = f"sm{seed}"
    root = m.get_root()
    root.title = html.escape(spec.title)
    assets = _assets()
    root.header.add_child(el["Assets"](
        "<!-- Leaflet 1.9.4 (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade; "
        "BSD 2-Clause licence -->\n"
        f"<style>{assets['leaflet_css']}</style>\n<style>{assets['seatmap_css']}</style>\n"
        f"<script>{_script_safe(assets['leaflet_js'])}</script>\n"
        f"<script>{_script_safe(assets['seatmap_js'])}</script>"), name="seatmap_assets")
    return m


def _add_basemap(m: Any, el: dict[str, Any], tiles: str | None) -> None:
    """Online tiles the user asked for, off until the page has loaded (never on a hex map)."""
    if not tiles:
        return
    folium = el["folium"]
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
    # online tiles are added once the page has loaded (el["Later"]), so that the load
    # event and the first drawing never wait on the network
    base = folium.TileLayer(url, attr=attr, name=tname + " (online)", overlay=False,
                            control=True, max_zoom=19, subdomains="abcd", show=False)
    base.add_to(m)
    none = folium.FeatureGroup(name="No basemap", overlay=False, control=True, show=True)
    none.add_to(m)
    later = [base]
    if labels_url:
        names = folium.TileLayer(labels_url, attr=attr, name="Place names (online)",
                                 overlay=True, control=True, max_zoom=19, subdomains="abcd",
                                 pane="smLabels", show=False)
        names.add_to(m)
        later.append(names)
    m.add_child(el["Later"](none, later))


def _add_layers(m: Any, el: dict[str, Any], data_el: Any, spec: MapSpec, opacity: float) -> None:
    """The seats, then each outline layer, then the communities' points."""
    seats_layer = el["SeatLayer"](data_el, _html_text(
                                  f"Seats: {re.sub(r' [(].*$', '', spec.metric_label)}"),
                                  {"weight": 1.2 if spec.hexmap else 0.5, "line": "#ffffff",
                                   "opacity": float(opacity), "smooth": 1.0})
    m.add_child(seats_layer)
    for lay in spec.layers:
        idx = [spec.codes.index(c) for c in lay.codes]
        m.add_child(el["SeatOverlay"](data_el, _html_text(lay.name), {
            "idx": idx, "colour": lay.colour, "weight": lay.weight, "dash": lay.dash,
            "fill": False}))
    if spec.points:
        from ._mapcommunities import add_community_layer

        add_community_layer(m, spec.points)


def _add_controls(m: Any, el: dict[str, Any], data_el: Any, spec: MapSpec, seed: str) -> None:
    """Title, zoom, full screen, search, the layer control, legend, sources and credits."""
    m.add_child(el["Call"](data_el, [
        ("title", _js({"title": spec.title, "subtitle": spec.subtitle})),
    ]))
    m.add_child(el["Zoom"]())
    m.add_child(el["Call"](data_el, [
        ("fullscreen", "null"),
        ("search", _js({"placeholder": "Find a seat…", "id": seed,
                        "maxZoom": 6 if spec.hexmap else 11})),
    ]))
    el["folium"].LayerControl(position="topright", collapsed=False).add_to(m)
    classes = spec.classes
    m.add_child(el["Call"](data_el, [
        ("legend", _js({"title": classes.title, "note": classes.note, "items": spec.legend_items,
                        "overlays": [[lay.colour, lay.name, lay.dash or "", lay.weight]
                                     for lay in spec.layers],
                        "sources": spec.source_lines, "sourcesTitle": "Sources and licences"})),
        ("attribution", _js(spec.credits)),
        ("drawn", "null"),
    ]))


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
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
