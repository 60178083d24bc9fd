"""The held-back communities layer of the HTML map (:func:`seatmap.seats_to_map`, ``communities=``).

One Leaflet layer of circle markers, sized by population and coloured by deprivation, built in
the page from compact arrays (no per-marker HTML), toggled in the layer control. Offline: it
uses the Leaflet the page already embeds.
"""

from __future__ import annotations

import json

__all__ = ["add_community_layer"]


def add_community_layer(m, points: dict) -> None:
    """Add the communities of :attr:`seatmap.mapspec.MapSpec.points` to a folium map ``m``."""
    import folium
    from branca.element import MacroElement
    from folium.template import Template

    class CommunityPoints(MacroElement):
        _template = Template("""
            {% macro script(this, kwargs) %}
            (function (g, p) {
              for (var i = 0; i < p.lat.length; i++) {
                var tip = document.createElement("span");
                tip.textContent = p.tip[i];  // names are text, never HTML
                L.circleMarker([p.lat[i], p.lon[i]], {radius: p.r[i], weight: 0.6,
                  color: "#ffffff", fillColor: p.colours[p.c[i]], fillOpacity: 0.9,
                  className: "sm-community"}).bindTooltip(tip).addTo(g);
              }
            })({{ this._parent.get_name() }}, {{ this.payload }});
            {% endmacro %}""")

        def __init__(self, payload: str):
            super().__init__()
            self._name = "CommunityPoints"
            self.payload = payload

    keep = ("lat", "lon", "r", "c", "tip", "colours")
    group = folium.FeatureGroup(name=points["name"], overlay=True, control=True, show=True)
    group.add_child(CommunityPoints(json.dumps({k: points[k] for k in keep},
                                               ensure_ascii=False, separators=(",", ":"))
                                    .replace("</", "<\\/")))
    m.add_child(group)
