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

Examples
--------
>>> import shapely
>>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
>>> web = encode_planar(squares, ["a", "b"], quantum=0.5)
>>> len(web.arcs)  # the shared edge is stored once: 2 outer arcs + 1 shared arc
3
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ._cache import cache_path, save_npz

__all__ = [
    "DECODER_JS",
    "WebGeometry",
    "boundary_web_geometry",
    "check_web_geometry",
    "encode_planar",
    "encode_polyline",
    "web_geometry",
]

#: Default simplification tolerance (metres): "about 100 m detail".
DEFAULT_TOLERANCE_M = 100.0
#: Default quantisation grid (metres at the southern edge of the map).
DEFAULT_QUANTUM_M = 20.0
_M_PER_DEG = 111_320.0
_SHIFT = np.int64(1) << np.int64(24)


# --------------------------------------------------------------------------------------------
# encoded polyline (Google's algorithm), vectorised


def encode_polyline(values: np.ndarray) -> str:
    """Pack a flat array of signed integers as an encoded-polyline string.

    Each value is zig-zag encoded and written in 5-bit chunks, low bits first, as characters
    63-126 (``?`` to ``~``); a chunk with more to follow has bit 5 set. The caller delta-encodes.

    Examples
    --------
    >>> encode_polyline(np.array([0, 1, -1, 16, -300]))
    '?A@_@vQ'
    >>> decode_polyline('?A@_@vQ').tolist()
    [0, 1, -1, 16, -300]
    """
    v = np.asarray(values, dtype=np.int64)
    if v.size == 0:
        return ""
    z = np.where(v < 0, ~(v << 1), v << 1).astype(np.int64)
    # number of 5-bit chunks needed per value (at least one)
    nbits = np.maximum(1, np.floor(np.log2(np.maximum(z, 1))).astype(np.int64) + 1)
    nchunks = (nbits + 4) // 5
    maxc = int(nchunks.max())
    shifts = 5 * np.arange(maxc, dtype=np.int64)
    chunks = (z[:, None] >> shifts[None, :]) & 31
    pos = np.arange(maxc)[None, :]
    cont = pos < (nchunks[:, None] - 1)
    codes = chunks + np.where(cont, 32, 0) + 63
    keep = pos < nchunks[:, None]
    return codes[keep].astype(np.uint8).tobytes().decode("ascii")


def decode_polyline(text: str) -> np.ndarray:
    """Inverse of :func:`encode_polyline` (used by the checks and tests)."""
    out, value, shift = [], 0, 0
    for ch in text.encode("ascii"):
        b = ch - 63
        value |= (b & 31) << shift
        shift += 5
        if b < 32:
            out.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    return np.asarray(out, dtype=np.int64)


# --------------------------------------------------------------------------------------------
# the encoded geometry


@dataclass
class WebGeometry:
    """Polygons of a set of seats as shared, quantised arcs (TopoJSON's model).

    Attributes
    ----------
    codes : list of str
        Seat codes, in the order of ``shapes``.
    arcs : list of numpy.ndarray
        Each arc an ``(n, 2)`` array of absolute integer grid coordinates (x, y).
    shapes : list
        Per seat, a list of polygons; each polygon a list of rings (exterior first); each ring a
        list of arc references (``i``, or ``~i`` for arc ``i`` reversed).
    transform : tuple of float
        ``(x0, y0, kx, ky)``: a grid point ``(i, j)`` is at ``(x0 + i * kx, y0 + j * ky)``
        (longitude, latitude for geographic maps; layout units for hex cartograms).
    planar : bool
        True for abstract layouts (hex cartograms) drawn with Leaflet's ``CRS.Simple``.
    stats : dict
        What the encoder did: vertices in and out, rings dropped, tolerance and grid.
    """

    codes: list[str]
    arcs: list[np.ndarray]
    shapes: list[list[list[list[int]]]]
    transform: tuple[float, float, float, float]
    planar: bool = False
    stats: dict = field(default_factory=dict)

    @property
    def n_vertices(self) -> int:
        """Number of stored vertices (each shared border counted once)."""
        return int(sum(len(a) for a in self.arcs))

    def bounds(self) -> list[list[float]]:
        """``[[south, west], [north, east]]`` of all arcs (Leaflet's order)."""
        allp = np.concatenate(self.arcs)
        x0, y0, kx, ky = self.transform
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        return [[y0 + lo[1] * ky, x0 + lo[0] * kx], [y0 + hi[1] * ky, x0 + hi[0] * kx]]

    def payload(self) -> dict:
        """The JSON-ready form that :data:`DECODER_JS` decodes.

        ``{"t": transform, "arcs": [polyline strings], "shapes": [...], "codes": [...]}``;
        each arc string holds the first point's absolute grid coordinates, then deltas.
        """
        arcs = []
        for a in self.arcs:
            d = np.diff(a, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
            arcs.append(encode_polyline(d.ravel()))
        return {"t": [float(v) for v in self.transform], "arcs": arcs,
                "shapes": self.shapes, "codes": list(self.codes)}

    def ring_coords(self, refs: Sequence[int]) -> np.ndarray:
        """Grid coordinates of a ring given its arc references (closed: last == first)."""
        parts = []
        for j, r in enumerate(refs):
            a = self.arcs[~r][::-1] if r < 0 else self.arcs[r]
            parts.append(a if j == 0 else a[1:])
        return np.concatenate(parts)

    def to_shapely(self) -> np.ndarray:
        """Decode to shapely (Multi)Polygons in the output coordinates (lon/lat or layout)."""
        import shapely

        x0, y0, kx, ky = self.transform
        out = []
        for shape in self.shapes:
            polys = []
            for poly in shape:
                rings = []
                for refs in poly:
                    g = self.ring_coords(refs).astype(float)
                    rings.append(np.column_stack([x0 + g[:, 0] * kx, y0 + g[:, 1] * ky]))
                polys.append(shapely.Polygon(rings[0], rings[1:]))
            out.append(shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0])
        return np.asarray(out, dtype=object)


# --------------------------------------------------------------------------------------------
# building the topology


def _rings_of(geoms: np.ndarray):
    """Flatten (Multi)Polygons to rings: coordinates, ring id per point, and ring metadata."""
    import shapely

    parts, seat_of_part = shapely.get_parts(geoms, return_index=True)
    rings, part_of_ring = shapely.get_rings(parts, return_index=True)
    n_int = shapely.get_num_interior_rings(parts)
    # the first ring of each part is its exterior
    first = np.zeros(len(rings), dtype=bool)
    starts = np.concatenate([[0], np.cumsum(n_int + 1)[:-1]])
    first[starts] = True
    coords, ring_of_pt = shapely.get_coordinates(rings, return_index=True)
    return coords, ring_of_pt, part_of_ring, seat_of_part[part_of_ring], first


def _encode(coords_q: np.ndarray, ring_of_pt: np.ndarray, part_of_ring: np.ndarray,
            seat_of_ring: np.ndarray, is_exterior: np.ndarray, n_seats: int,
            min_area_q: float) -> tuple[list[np.ndarray], list, dict]:
    """Cut quantised rings into shared arcs. Returns arcs, shapes and counters."""
    stats = {}
    n_rings = len(part_of_ring)
    # 1. drop consecutive duplicate points (quantisation collapses some)
    same = np.zeros(len(coords_q), dtype=bool)
    same[1:] = (coords_q[1:] == coords_q[:-1]).all(axis=1) & (ring_of_pt[1:] == ring_of_pt[:-1])
    pts, ring_of_pt = coords_q[~same], ring_of_pt[~same]
    counts = np.bincount(ring_of_pt, minlength=n_rings)
    # a closed ring needs at least 4 points (a triangle plus the closing point)
    ok_ring = counts >= 4
    # 2. edges and who shares them
    packed = pts[:, 0] * _SHIFT + pts[:, 1]
    is_last = np.zeros(len(pts), dtype=bool)
    ends = np.cumsum(counts)[counts > 0] - 1
    is_last[ends] = True
    e_from = np.flatnonzero(~is_last)  # edge i: point i -> point i+1
    e_ring = ring_of_pt[e_from]
    a, b = packed[e_from], packed[e_from + 1]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keyed = np.column_stack([lo, hi])
    _, edge_id = np.unique(keyed, axis=0, return_inverse=True)
    edge_id = edge_id.ravel()
    n_edges = int(edge_id.max()) + 1 if len(edge_id) else 0
    cnt = np.bincount(edge_id, minlength=n_edges)
    rmin = np.full(n_edges, np.iinfo(np.int64).max)
    rmax = np.full(n_edges, -1)
    np.minimum.at(rmin, edge_id, e_ring)
    np.maximum.at(rmax, edge_id, e_ring)
    # signature of an edge: the rings that use it
    sig = rmin.astype(np.int64) * (n_rings + 1) + np.where(cnt > 1, rmax + 1, 0)
    e_sig = sig[edge_id]
    shared = cnt[edge_id] > 1
    # 3. drop free rings (sharing no edge with anything) smaller than min_area
    x, y = pts[:, 0].astype(float), pts[:, 1].astype(float)
    cross = np.zeros(len(pts))
    cross[e_from] = x[e_from] * y[e_from + 1] - x[e_from + 1] * y[e_from]
    area = np.abs(np.bincount(ring_of_pt, weights=cross, minlength=n_rings)) / 2.0
    ring_shared = np.bincount(e_ring, weights=shared.astype(float), minlength=n_rings) > 0
    small_free = (~ring_shared) & (area < min_area_q)
    drop_ring = ~ok_ring | small_free
    # a part whose exterior is dropped goes whole; keep each seat's largest part regardless
    part_dropped = np.zeros(part_of_ring.max() + 1 if n_rings else 0, dtype=bool)
    part_dropped[part_of_ring[is_exterior & drop_ring]] = True
    ext_area = np.where(is_exterior, area, -1.0)
    best_ring = np.full(n_seats, -1)
    order = np.lexsort((-ext_area, seat_of_ring))
    seat_sorted = seat_of_ring[order]
    firsts = order[np.r_[True, seat_sorted[1:] != seat_sorted[:-1]]]
    best_ring[seat_of_ring[firsts]] = firsts
    part_dropped[part_of_ring[best_ring[best_ring >= 0]]] = False
    keep_ring = ~drop_ring & ~part_dropped[part_of_ring]
    keep_ring[best_ring[best_ring >= 0]] = True
    stats["rings_in"] = int(n_rings)
    stats["rings_dropped_small"] = int((small_free & ~keep_ring).sum() + 0)
    stats["rings_dropped_degenerate"] = int((~ok_ring & ~keep_ring).sum())
    # 4. cut points: where the signature changes along a ring
    edge_start = np.concatenate([[0], np.cumsum(np.bincount(e_ring, minlength=n_rings))])
    prev_sig = np.empty_like(e_sig)
    prev_sig[1:] = e_sig[:-1]
    # the edge before a ring's first edge is its last edge
    has = edge_start[1:] > edge_start[:-1]
    rs, re_ = edge_start[:-1][has], edge_start[1:][has]
    prev_sig[rs] = e_sig[re_ - 1]
    cut = e_sig != prev_sig
    # 5. split rings into arcs, store each arc once
    arcs: list[np.ndarray] = []
    arc_index: dict[bytes, int] = {}

    def ref_of(seq_packed: np.ndarray, seq_pts: np.ndarray, closed: bool) -> int:
        if closed:  # a whole ring shared with at most one other: canonical start and direction
            ring = seq_packed[:-1]
            k = int(np.argmin(ring))
            fwd = np.concatenate([ring[k:], ring[:k], ring[k:k + 1]])
            rev = fwd[::-1]
            key_f, key_r = fwd.tobytes(), rev.tobytes()
            if key_f in arc_index:
                return arc_index[key_f]
            if key_r in arc_index:
                return ~arc_index[key_r]
            idx = np.concatenate([np.arange(k, len(ring)), np.arange(0, k), [k]])
            arc_index[key_f] = len(arcs)
            arcs.append(seq_pts[:-1][idx])
            return len(arcs) - 1
        key_f = seq_packed.tobytes()
        if key_f in arc_index:
            return arc_index[key_f]
        key_r = seq_packed[::-1].tobytes()
        if key_r in arc_index:
            return ~arc_index[key_r]
        arc_index[key_f] = len(arcs)
        arcs.append(seq_pts)
        return len(arcs) - 1

    pt_start = np.concatenate([[0], np.cumsum(counts)])
    ring_refs: dict[int, list[int]] = {}
    for r in np.flatnonzero(keep_ring):
        p0, p1 = pt_start[r], pt_start[r + 1]
        rp, rpts = packed[p0:p1], pts[p0:p1]
        e0, e1 = edge_start[r], edge_start[r + 1]
        cuts = np.flatnonzero(cut[e0:e1])
        if len(cuts) == 0:
            ring_refs[r] = [ref_of(rp, rpts, closed=True)]
            continue
        n = len(rp) - 1  # distinct points
        # rotate so the ring starts at the first cut
        s = cuts[0]
        order_idx = np.concatenate([np.arange(s, n), np.arange(0, s), [s]])
        rp, rpts = rp[order_idx], rpts[order_idx]
        bounds = np.concatenate([cuts - s, [n]])
        refs = [ref_of(rp[i:j + 1], rpts[i:j + 1], closed=False)
                for i, j in itertools.pairwise(bounds)]
        ring_refs[r] = refs
    # 6. shapes: seat -> polygons -> rings
    shapes: list[list[list[list[int]]]] = [[] for _ in range(n_seats)]
    current_part = -1
    for r in np.flatnonzero(keep_ring):
        if is_exterior[r] or part_of_ring[r] != current_part:
            current_part = part_of_ring[r]
            shapes[seat_of_ring[r]].append([])
        shapes[seat_of_ring[r]][-1].append(ring_refs[r])
    stats["vertices_out"] = int(sum(len(a) for a in arcs))
    stats["arcs"] = len(arcs)
    return arcs, shapes, stats


def _quantise(coords: np.ndarray, origin: tuple[float, float], scale: tuple[float, float]):
    q = np.rint((coords - np.asarray(origin)) / np.asarray(scale)).astype(np.int64)
    return q


def encode_planar(geoms, codes: Sequence[str], *, quantum: float, min_area: float = 0.0,
                  origin: tuple[float, float] | None = None,
                  scale: tuple[float, float] | None = None, planar: bool = True) -> WebGeometry:
    """Encode polygons (already simplified, in output coordinates) as shared quantised arcs.

    Parameters
    ----------
    geoms : sequence of shapely (Multi)Polygon
        One per code, in output coordinates (longitude/latitude, or layout units).
    codes : sequence of str
        The seat codes.
    quantum : float
        Grid step in output units (both axes unless ``scale`` is given).
    min_area : float, default 0
        Drop rings sharing no border with any other seat whose area (output units squared) is
        below this: small islands and estuary holes. Each seat's largest part is always kept.
    origin, scale : tuple of float, optional
        Grid origin and step per axis; by default the lower-left corner and ``quantum``.
    planar : bool, default True
        Marks the result as an abstract layout (drawn with ``CRS.Simple``).

    Returns
    -------
    WebGeometry
    """
    geoms = np.asarray(list(geoms), dtype=object)
    coords, ring_of_pt, part_of_ring, seat_of_ring, is_ext = _rings_of(geoms)
    if origin is None:
        origin = (float(np.floor(coords[:, 0].min() / quantum) * quantum),
                  float(np.floor(coords[:, 1].min() / quantum) * quantum))
    scale = scale or (quantum, quantum)
    q = _quantise(coords, origin, scale)
    arcs, shapes, stats = _encode(q, ring_of_pt, part_of_ring, seat_of_ring, is_ext, len(geoms),
                                  min_area / (scale[0] * scale[1]))
    stats["vertices_in"] = len(coords)
    return WebGeometry(list(codes), arcs, shapes, (origin[0], origin[1], scale[0], scale[1]),
                       planar=planar, stats=stats)


# --------------------------------------------------------------------------------------------
# geographic pipeline


def _to_bng(geometry):
    """A GeoSeries in British National Grid (metres); input without a CRS is taken as BNG."""
    import geopandas as gpd

    gs = geometry if isinstance(geometry, gpd.GeoSeries) else gpd.GeoSeries(geometry)
    if gs.crs is None:
        return gs.set_crs(27700)
    return gs if gs.crs.to_epsg() == 27700 else gs.to_crs(27700)


def _digest(geoms: np.ndarray, codes: Sequence[str], *params) -> str:
    import shapely

    h = hashlib.sha256()
    for c in codes:
        h.update(str(c).encode())
    for g in shapely.to_wkb(geoms, output_dimension=2):
        h.update(g)
    h.update(repr(params).encode())
    return h.hexdigest()


_CACHE: dict[str, WebGeometry] = {}


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
    gs = _to_bng(geometry)
    codes = list(gs.index if codes is None else codes)
    geoms = np.asarray(gs.values, dtype=object)
    min_area = tolerance ** 2 if min_area is None else min_area
    key = _digest(geoms, codes, tolerance, quantum, min_area, _FORMAT)
    hit = _CACHE.get(key) or _disk_read(key)
    if hit is not None:
        _CACHE[key] = hit
        return hit
    web = simplify_and_encode(geoms, codes, tolerance=tolerance, quantum=quantum,
                              min_area=min_area)
    _CACHE[key] = web
    _disk_write(key, web)
    return web


def simplify_and_encode(geoms, codes: Sequence[str], *, tolerance: float = DEFAULT_TOLERANCE_M,
                        quantum: float = DEFAULT_QUANTUM_M,
                        min_area: float | None = None) -> WebGeometry:
    """The work behind :func:`web_geometry`, uncached: British National Grid polygons in,
    shared quantised arcs in longitude/latitude out (also used by the data build)."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    min_area = tolerance ** 2 if min_area is None else min_area
    stats: dict = {"tolerance_m": tolerance, "quantum_m": quantum, "min_area_m2": min_area}
    source_vertices = int(shapely.get_num_coordinates(geoms).sum())
    if not shapely.is_valid(geoms).all():
        geoms = shapely.make_valid(geoms, method="structure", keep_collapsed=False)
        stats["repaired_invalid"] = True
    cleaned = False
    if not shapely.coverage_is_valid(geoms):
        geoms = shapely.coverage_clean(geoms)
        cleaned = True
    stats["cleaned"] = cleaned
    simple = shapely.coverage_simplify(geoms, tolerance) if tolerance > 0 else geoms
    import geopandas as gpd

    ll = gpd.GeoSeries(simple, crs=27700).to_crs(4326).values
    coords = shapely.get_coordinates(ll)
    lon0, lat0 = np.floor(coords.min(axis=0) * 100) / 100
    ky = quantum / _M_PER_DEG
    kx = quantum / (_M_PER_DEG * np.cos(np.radians(lat0 + 0.0)))
    # min_area in degrees² at the map's mid latitude
    mid = np.radians((coords[:, 1].min() + coords[:, 1].max()) / 2)
    min_area_deg = min_area / (_M_PER_DEG ** 2 * np.cos(mid))
    web = encode_planar(ll, list(codes), quantum=ky, min_area=min_area_deg, origin=(lon0, lat0),
                        scale=(kx, ky), planar=False)
    web.stats.update(stats)
    web.stats["vertices_source"] = source_vertices
    web.stats["vertices_simplified"] = int(shapely.get_num_coordinates(simple).sum())
    return web


# Each boundary set is simplified once per machine rather than once per process (the CLI and
# notebooks start new processes): results go to seatmap's cache (see seatmap._cache), keyed by
# the geometry's content, the parameters and the encoding version.
_FORMAT = 1


def to_arrays(web: WebGeometry, key: str = "") -> dict:
    """The arrays that store a :class:`WebGeometry` in an ``.npz`` file (see :func:`from_npz`)."""
    import json

    meta = {"key": key, "codes": web.codes, "shapes": web.shapes,
            "transform": list(web.transform), "planar": web.planar, "stats": web.stats}
    return {"points": np.concatenate(web.arcs).astype(np.int64),
            "lengths": np.array([len(a) for a in web.arcs], dtype=np.int64),
            "meta": np.array(json.dumps(meta, default=float, sort_keys=True))}


def from_npz(path, key: str | None = None) -> WebGeometry | None:
    """Read a :class:`WebGeometry` stored with :func:`to_arrays`; None if absent, unreadable or
    (with ``key``) made from other geometry."""
    import json

    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if key is not None and meta.get("key") != key:
                return None
            pts, lens = z["points"], z["lengths"]
    except (OSError, ValueError, KeyError):
        return None
    arcs = np.split(pts, np.cumsum(lens)[:-1]) if len(lens) else []
    return WebGeometry(meta["codes"], list(arcs), meta["shapes"], tuple(meta["transform"]),
                       planar=meta["planar"], stats=meta["stats"])


def _disk_read(key: str) -> WebGeometry | None:
    path = cache_path(f"webgeom-{key[:32]}.npz")
    return None if path is None else from_npz(path, key)


def _disk_write(key: str, web: WebGeometry) -> None:
    save_npz(f"webgeom-{key[:32]}.npz", to_arrays(web, key))


def boundary_web_geometry(boundaries="2010", *, tolerance: float = DEFAULT_TOLERANCE_M,
                          quantum: float = DEFAULT_QUANTUM_M) -> WebGeometry:
    """The bundled boundaries of a set (``"2010"`` or ``"2024"``) as web geometry.

    At the default tolerance and grid this is read from the package (``data/boundaries/
    web_pcon<set>.npz``, made by the data build), so no map ever waits for simplification;
    other settings are computed once and cached (see :func:`web_geometry`).
    """
    from .datasets import load_boundaries
    from .elections import boundary_set

    set_id = boundary_set(boundaries).id
    if tolerance == DEFAULT_TOLERANCE_M and quantum == DEFAULT_QUANTUM_M:
        key = f"packaged-{set_id}"
        if key not in _CACHE:
            from ._paths import data_dir

            packaged = from_npz(data_dir() / "boundaries" / f"web_pcon{set_id}.npz")
            if packaged is not None:
                _CACHE[key] = packaged
        if key in _CACHE:
            return _CACHE[key]
    b = load_boundaries(set_id)
    return web_geometry(b.geometry, list(b.index), tolerance=tolerance, quantum=quantum)


def hex_web_geometry(layout) -> WebGeometry:
    """Hexagons of a hex layout (frame with ``q``, ``r``, indexed by code) as web geometry.

    Hexagons are drawn in layout units (neighbouring centres one unit apart) on a grid of
    1/100 unit; neighbouring hexagons share their edges exactly.
    """
    from ._hex import hexagons

    hexes = hexagons(layout)
    return encode_planar(hexes.geometry.values, list(hexes.index), quantum=0.01, planar=True)


# --------------------------------------------------------------------------------------------
# checks


def check_web_geometry(web: WebGeometry, source=None, *, raise_on_error: bool = True,
                       displacement: bool = False) -> dict:
    """Decode encoded geometry and check it against its source: overlaps, gaps, areas.

    Definitions (areas in British National Grid):

    - *overlap*: area shared by two seats' decoded polygons (pairs of neighbours);
    - *gap*: an uncovered hole in the union of all decoded seats, larger than 0.01 km² (the
      map's detail: 100 m by 100 m), that was land in the source (over 80 % of its area inside
      some source seat). Water that a simplified coastline encloses (a narrow inlet whose mouth
      closes) was never covered, so it is not a gap;
    - *invalid*: OGC validity of the decoded rings. Rounding to the grid can pinch a ring at a
      point or cross two edges within one grid cell; browsers draw these correctly, so they are
      reported, not failed. Overlaps and gaps are measured on repaired copies.

    Parameters
    ----------
    web : WebGeometry
        From :func:`web_geometry` (or :func:`encode_planar` for layouts).
    source : geopandas.GeoSeries, optional
        The polygons it was made from (indexed by code, any CRS). Without it only the decoded
        geometry's own overlaps and enclosed holes are checked.
    raise_on_error : bool, default True
        Raise :class:`~seatmap.SeatmapError` if neighbours overlap by more than 0.01 km² in
        all (beyond any overlap already in the source) or any gap appears.
    displacement : bool, default False
        Also compute each seat's Hausdorff distance to its source polygon (slow: about 45 s for
        the detailed UK boundaries).

    Returns
    -------
    dict
        ``overlap_km2`` (source and web), ``gaps`` (count and km²), ``invalid`` (code: reason),
        ``area_ratio`` (min, median, max of web over source area per seat), optionally
        ``hausdorff_m`` (median and max), and ``ok``.
    """
    import geopandas as gpd
    import shapely

    from ._validate import SeatmapError

    out = np.asarray(web.to_shapely(), dtype=object)
    dec = gpd.GeoSeries(out, index=web.codes, crs=None if web.planar else 4326)
    if not web.planar:
        dec = dec.to_crs(27700)
    d = np.asarray(dec.values, dtype=object)
    invalid = ~shapely.is_valid(d)
    reasons = {web.codes[i]: shapely.is_valid_reason(d[i]) for i in np.flatnonzero(invalid)}
    d = shapely.make_valid(d, method="structure", keep_collapsed=False)
    s = None
    if source is not None and not web.planar:
        src = _to_bng(source).reindex(web.codes)
        s = np.asarray(src.values, dtype=object)
        s = np.where(shapely.is_valid(s), s, shapely.make_valid(s, method="structure"))
    unit = 1.0 if web.planar else 1e6  # report km² for maps, layout units² for hexes

    def overlap(g):
        i, j = shapely.STRtree(g).query(g, predicate="intersects")
        m = i < j
        area = shapely.area(shapely.intersection(g[i[m]], g[j[m]]))
        return float(area.sum()), i[m], j[m], area

    ov_web, ii, jj, pair_area = overlap(d)
    ov_src = overlap(s)[0] if s is not None else 0.0
    # holes of the union of the decoded seats
    u = shapely.union_all(d)
    polys = shapely.get_parts(u)
    holes = np.array([shapely.Polygon(r) for p in polys for r in p.interiors], dtype=object)
    if len(holes):  # a hole may hold islands of the map: keep only what is uncovered
        parts = shapely.get_parts(d)
        inside = shapely.point_on_surface(parts)
        hk, pk = shapely.STRtree(inside).query(holes, predicate="contains")
        for k in np.unique(hk):
            holes[k] = shapely.difference(holes[k], shapely.union_all(parts[pk[hk == k]]))
    land_share = np.ones(len(holes))
    if s is not None and len(holes):
        hi, si = shapely.STRtree(s).query(holes, predicate="intersects")
        inter = shapely.area(shapely.intersection(holes[hi], s[si]))
        land_share = np.bincount(hi, weights=inter, minlength=len(holes)) / shapely.area(holes)
    gap_tol = 1e4 if not web.planar else 1e-6
    gaps = holes[(land_share > 0.8) & (shapely.area(holes) > gap_tol)] if len(holes) else holes
    report = {
        "seats": len(web.codes),
        "vertices": web.n_vertices,
        "arcs": len(web.arcs),
        "overlap_km2": {"source": round(ov_src / unit, 4), "web": round(ov_web / unit, 4)},
        "gaps": {"count": len(gaps), "km2": round(float(shapely.area(gaps).sum()) / unit, 4),
                 "where": [[round(float(v)) for v in shapely.get_coordinates(shapely.centroid(g))[0]]
                           for g in gaps[:10]]},
        "enclosed_water": {"count": int(len(holes) - len(gaps)),
                           "km2": round(float(shapely.area(holes).sum()
                                              - shapely.area(gaps).sum()) / unit, 3)},
        "invalid": reasons,
    }
    if s is not None:
        ratio = shapely.area(d) / shapely.area(s)
        report["area_ratio"] = {"min": round(float(ratio.min()), 4),
                                "median": round(float(np.median(ratio)), 4),
                                "max": round(float(ratio.max()), 4)}
        if displacement:
            haus = shapely.hausdorff_distance(d, s)
            report["hausdorff_m"] = {"median": round(float(np.median(haus)), 1),
                                     "p95": round(float(np.quantile(haus, 0.95)), 1),
                                     "max": round(float(haus.max()), 1)}
    problems = []
    if (ov_web - ov_src) / unit > 0.01:
        big = np.argsort(-pair_area)[:10]
        pairs = [f"{web.codes[ii[k]]}/{web.codes[jj[k]]}" for k in big]
        problems.append(f"neighbours overlap by {ov_web / unit:.3f} km² (source "
                        f"{ov_src / unit:.3f} km²), largest: {', '.join(pairs)}")
    if len(gaps):
        problems.append(f"{len(gaps)} gaps between seats ({report['gaps']['km2']} km²) at "
                        f"{report['gaps']['where']}")
    report["ok"] = not problems
    if problems and raise_on_error:
        raise SeatmapError("Web geometry check failed: " + "; ".join(problems))
    return report


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
