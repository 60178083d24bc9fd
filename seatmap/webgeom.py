"""Web geometry: constituency polygons made small enough to ship inside one HTML file.

A naive GeoJSON of the detailed UK boundaries is about 18 MB. This module makes it about 1 MB
without opening gaps or overlaps between neighbouring seats:

1. **Coverage simplification, once per boundary set.** Every shared border is simplified once
   (GEOS coverage simplification, Visvalingam-Whyatt with a tolerance in metres, in British
   National Grid), so the two seats on either side of a border keep exactly the same line.
2. **Quantisation.** Coordinates are snapped to an integer grid (TopoJSON's "transform"): about
   20 m in longitude and latitude by default, well below the 100 m detail.
3. **Topology.** Rings are cut where the set of seats sharing a border changes, and each border
   ("arc") is stored once; seats refer to arcs by index (``~i`` when reversed), exactly as in
   TopoJSON. Arcs are delta-encoded and packed with the encoded-polyline algorithm (printable
   ASCII, about two characters a coordinate). A 40-line inline script (:data:`DECODER_JS`)
   rebuilds Leaflet polygons in the browser.
4. **Checks.** :func:`check_web_geometry` decodes the result and compares it with the input: it
   counts overlaps between neighbours, new gaps in the union, invalid polygons and the largest
   displacement (Hausdorff distance) per seat.

Islands and estuary holes smaller than ``min_area`` that touch no other seat are dropped (they
are below the map's detail); nothing that a neighbour shares is ever dropped, so no gap can open.

Steps 1-4 are pure geometry in :mod:`seatmap.geometry` (shared with the data build, which ships
the bundled boundaries already encoded); this module adds the caches (memory and disk, see
:mod:`seatmap._cache`), the bundled-boundary lookup and the browser decoder, and re-exports the
geometry functions under their old names.

Examples
--------
>>> web = boundary_web_geometry("2024")  # the packaged encoding of the 2024 set
>>> len(web.codes), web.planar
(650, False)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from . import geometry
from ._cache import cache_path, memory_cache, save_npz
from ._crs import series_to_bng
from ._validate import renamed_parameters
from .geometry import (  # noqa: F401 (re-exported: the public names of seatmap.geometry)
    DEFAULT_QUANTUM_M,
    DEFAULT_TOLERANCE_M,
    WebGeometry,
    check_web_geometry,
    decode_polyline,
    encode_planar,
    encode_polyline,
    from_npz,
    simplify_and_encode,
    to_arrays,
)

__all__ = ["DECODER_JS", "boundary_web_geometry", "web_geometry", *geometry.__all__]

# Each boundary set is simplified once per machine rather than once per process (the CLI and
# notebooks start new processes): results go to seatmap's cache (see seatmap._cache), keyed by
# the geometry's content, the parameters and the encoding version; within a process they are
# kept in the memory cache "webgeom" (``seatmap._cache.clear_memory()`` empties it).
_FORMAT = 1
_MEMORY = memory_cache("webgeom")


def _digest(geoms: np.ndarray, codes: Sequence[str], *params) -> str:
    import shapely

    h = hashlib.sha256()
    for c in codes:
        h.update(str(c).encode())
    for g in shapely.to_wkb(geoms, output_dimension=2):
        h.update(g)
    h.update(repr(params).encode())
    return h.hexdigest()


def web_geometry(geometry, codes: Sequence[str] | None = None, *,
                 tolerance: float = DEFAULT_TOLERANCE_M, quantum: float = DEFAULT_QUANTUM_M,
                 min_area: float | None = None) -> WebGeometry:
    """Simplify a polygon coverage for the web and encode it as shared quantised arcs.

    Results are cached by the geometry's content, in memory and on disk (``~/.cache/seatmap``;
    ``SEATMAP_CACHE_DIR`` moves it, ``SEATMAP_CACHE_DIR=off`` disables it; see
    seatmap._cache), so a boundary set is simplified once however many maps are drawn from it.

    Parameters
    ----------
    geometry : geopandas.GeoSeries
        Seat polygons in any CRS (no CRS means British National Grid). They should form a
        coverage (no overlaps, shared borders with the same vertices); if they do not, they are
        cleaned first (``shapely.coverage_clean``) and ``stats["cleaned"]`` says so.
    codes : sequence of str, optional
        Seat codes (default: the series' index).
    tolerance : float, default 100
        Simplification tolerance in metres (Visvalingam-Whyatt: about the square root of the
        area of the triangles removed). 0 keeps every vertex.
    quantum : float, default 20
        Grid step in metres at the map's southern edge (finer further north).
    min_area : float, optional
        Islands and holes touching no other seat below this area (m²) are dropped; default
        ``tolerance ** 2`` (a feature smaller than a tolerance-sized square).

    Returns
    -------
    WebGeometry
        Arcs in longitude/latitude (WGS84) grid units.
    """
    gs = series_to_bng(geometry)
    codes = list(gs.index if codes is None else codes)
    geoms = np.asarray(gs.values, dtype=object)
    min_area = tolerance ** 2 if min_area is None else min_area
    key = _digest(geoms, codes, tolerance, quantum, min_area, _FORMAT)
    hit = _MEMORY.get(key) or _disk_read(key)
    if hit is not None:
        _MEMORY[key] = hit
        return hit
    web = simplify_and_encode(geoms, codes, tolerance=tolerance, quantum=quantum,
                              min_area=min_area)
    _MEMORY[key] = web
    _disk_write(key, web)
    return web


def _disk_read(key: str) -> WebGeometry | None:
    path = cache_path(f"webgeom-{key[:32]}.npz")
    return None if path is None else from_npz(path, key)


def _disk_write(key: str, web: WebGeometry) -> None:
    save_npz(f"webgeom-{key[:32]}.npz", to_arrays(web, key))


@renamed_parameters(boundaries="boundary_set")
def boundary_web_geometry(boundary_set="2010", *, tolerance: float = DEFAULT_TOLERANCE_M,
                          quantum: float = DEFAULT_QUANTUM_M) -> WebGeometry:
    """The bundled boundaries of a set (``"2010"`` or ``"2024"``) as web geometry.

    At the default tolerance and grid this is read from the package (``data/boundaries/
    web_pcon<set>.npz``, made by the data build), so no map ever waits for simplification;
    other settings are computed once and cached (see :func:`web_geometry`).

    Parameters
    ----------
    boundary_set : str or int, default "2010"
        The boundary set, or an election on it (``boundaries=`` is the deprecated old name).
    tolerance, quantum : float
        As for :func:`web_geometry`.

    Returns
    -------
    WebGeometry
    """
    from . import elections
    from .datasets import load_boundaries

    set_id = elections.boundary_set(boundary_set).id
    if tolerance == DEFAULT_TOLERANCE_M and quantum == DEFAULT_QUANTUM_M:
        key = f"packaged-{set_id}"
        if key not in _MEMORY:
            from ._paths import data_dir

            packaged = from_npz(data_dir() / "boundaries" / f"web_pcon{set_id}.npz")
            if packaged is not None:
                _MEMORY[key] = packaged
        if key in _MEMORY:
            return _MEMORY[key]
    b = load_boundaries(set_id)
    return web_geometry(b.geometry, list(b.index), tolerance=tolerance, quantum=quantum)



# --------------------------------------------------------------------------------------------
# the browser side

#: Inline JavaScript that turns :meth:`WebGeometry.payload` into Leaflet lat/lng rings:
#: ``smDecode(payload)`` returns one array per seat of polygons of rings of ``[lat, lng]``.
DECODER_JS = r"""
function smDecode(g) {
  var x0 = g.t[0], y0 = g.t[1], kx = g.t[2], ky = g.t[3];
  var arcs = g.arcs.map(function (s) {
    var pts = [], i = 0, n = s.length, x = 0, y = 0;
    while (i < n) {
      var v = [0, 0];
      for (var k = 0; k < 2; k++) {
        var shift = 0, res = 0, b;
        do { b = s.charCodeAt(i++) - 63; res |= (b & 31) << shift; shift += 5; } while (b >= 32);
        v[k] = (res & 1) ? ~(res >> 1) : (res >> 1);
      }
      x += v[0]; y += v[1];
      pts.push([y0 + y * ky, x0 + x * kx]);
    }
    return pts;
  });
  function ring(refs) {
    var out = [];
    for (var j = 0; j < refs.length; j++) {
      var r = refs[j], a = r < 0 ? arcs[~r].slice().reverse() : arcs[r];
      for (var p = (j ? 1 : 0); p < a.length; p++) out.push(a[p]);
    }
    out.pop();  // Leaflet closes rings itself
    return out;
  }
  return g.shapes.map(function (shape) {
    return shape.map(function (poly) { return poly.map(ring); });
  });
}
"""
