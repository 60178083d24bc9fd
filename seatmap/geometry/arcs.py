"""Polygons as shared, quantised arcs (TopoJSON's model): :class:`WebGeometry` and its encoder.

Coordinates are snapped to an integer grid (TopoJSON's "transform"); rings are cut where the
set of seats sharing a border changes, and each border ("arc") is stored once, seats referring to
arcs by index (``~i`` when reversed). :func:`to_arrays` and :func:`from_npz` store the result in
an ``.npz`` file (the data build's ``boundaries/web_pcon<set>.npz`` and the on-disk cache).

Examples
--------
>>> import shapely
>>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
>>> web = encode_planar(squares, ["a", "b"], quantum=0.5)
>>> len(web.arcs)  # the shared edge is stored once: 2 outer arcs + 1 shared arc
3
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .polyline import encode_polyline

__all__ = ["WebGeometry", "encode_planar", "from_npz", "to_arrays"]

_SHIFT = np.int64(1) << np.int64(24)


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


@dataclass
class _Rings:
    """Quantised rings without repeated points, and their edges (edge i: point i -> i + 1)."""

    pts: np.ndarray  # (n, 2) grid coordinates
    ring_of_pt: np.ndarray
    counts: np.ndarray  # points per ring
    packed: np.ndarray  # one int64 per point (x, y packed)
    e_from: np.ndarray  # first point of each edge
    e_ring: np.ndarray  # ring of each edge
    e_sig: np.ndarray  # signature of each edge: the rings that use it
    shared: np.ndarray  # edge used by more than one ring


def _rings_and_edges(coords_q: np.ndarray, ring_of_pt: np.ndarray, n_rings: int) -> _Rings:
    """Steps 1-2: drop consecutive duplicate points, find each edge and who shares it."""
    # 1. drop consecutive duplicate points (quantisation collapses some)
    same = np.zeros(len(coords_q), dtype=bool)
    same[1:] = (coords_q[1:] == coords_q[:-1]).all(axis=1) & (ring_of_pt[1:] == ring_of_pt[:-1])
    pts, ring_of_pt = coords_q[~same], ring_of_pt[~same]
    counts = np.bincount(ring_of_pt, minlength=n_rings)
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
    return _Rings(pts, ring_of_pt, counts, packed, e_from, e_ring, sig[edge_id],
                  cnt[edge_id] > 1)


def _rings_to_keep(g: _Rings, part_of_ring: np.ndarray, seat_of_ring: np.ndarray,
                   is_exterior: np.ndarray, n_seats: int, min_area_q: float):
    """Step 3: drop degenerate rings and free rings (sharing no edge) smaller than min_area.

    A part whose exterior is dropped goes whole; each seat's largest part is kept regardless.
    Returns the mask of rings kept and the counters.
    """
    n_rings = len(part_of_ring)
    # a closed ring needs at least 4 points (a triangle plus the closing point)
    ok_ring = g.counts >= 4
    x, y = g.pts[:, 0].astype(float), g.pts[:, 1].astype(float)
    e_from = g.e_from
    cross = np.zeros(len(g.pts))
    cross[e_from] = x[e_from] * y[e_from + 1] - x[e_from + 1] * y[e_from]
    area = np.abs(np.bincount(g.ring_of_pt, weights=cross, minlength=n_rings)) / 2.0
    ring_shared = np.bincount(g.e_ring, weights=g.shared.astype(float), minlength=n_rings) > 0
    small_free = (~ring_shared) & (area < min_area_q)
    drop_ring = ~ok_ring | small_free
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
    stats = {"rings_in": int(n_rings),
             "rings_dropped_small": int((small_free & ~keep_ring).sum() + 0),
             "rings_dropped_degenerate": int((~ok_ring & ~keep_ring).sum())}
    return keep_ring, stats


class _ArcStore:
    """Arcs stored once each; a reference is ``i``, or ``~i`` for arc ``i`` reversed."""

    def __init__(self) -> None:
        self.arcs: list[np.ndarray] = []
        self._index: dict[bytes, int] = {}

    def _add(self, key: bytes, points: np.ndarray) -> int:
        self._index[key] = len(self.arcs)
        self.arcs.append(points)
        return len(self.arcs) - 1

    def ref(self, seq_packed: np.ndarray, seq_pts: np.ndarray, closed: bool) -> int:
        if closed:  # a whole ring shared with at most one other: canonical start and direction
            ring = seq_packed[:-1]
            k = int(np.argmin(ring))
            fwd = np.concatenate([ring[k:], ring[:k], ring[k:k + 1]])
            rev = fwd[::-1]
            key_f, key_r = fwd.tobytes(), rev.tobytes()
            if key_f in self._index:
                return self._index[key_f]
            if key_r in self._index:
                return ~self._index[key_r]
            idx = np.concatenate([np.arange(k, len(ring)), np.arange(0, k), [k]])
            return self._add(key_f, seq_pts[:-1][idx])
        key_f = seq_packed.tobytes()
        if key_f in self._index:
            return self._index[key_f]
        key_r = seq_packed[::-1].tobytes()
        if key_r in self._index:
            return ~self._index[key_r]
        return self._add(key_f, seq_pts)


def _cut_into_arcs(g: _Rings, keep_ring: np.ndarray, n_rings: int):
    """Steps 4-5: cut each kept ring where its edges' signature changes; store each arc once.

    Returns the arcs and, per kept ring, its list of arc references.
    """
    edge_start = np.concatenate([[0], np.cumsum(np.bincount(g.e_ring, minlength=n_rings))])
    e_sig = g.e_sig
    prev_sig = np.empty_like(e_sig)
    prev_sig[1:] = e_sig[:-1]
    # the edge before a ring's first edge is its last edge
    has = edge_start[1:] > edge_start[:-1]
    rs, re_ = edge_start[:-1][has], edge_start[1:][has]
    prev_sig[rs] = e_sig[re_ - 1]
    cut = e_sig != prev_sig
    store = _ArcStore()
    pt_start = np.concatenate([[0], np.cumsum(g.counts)])
    ring_refs: dict[int, list[int]] = {}
    for r in np.flatnonzero(keep_ring).tolist():
        p0, p1 = pt_start[r], pt_start[r + 1]
        rp, rpts = g.packed[p0:p1], g.pts[p0:p1]
        e0, e1 = edge_start[r], edge_start[r + 1]
        cuts = np.flatnonzero(cut[e0:e1])
        if len(cuts) == 0:
            ring_refs[r] = [store.ref(rp, rpts, closed=True)]
            continue
        n = len(rp) - 1  # distinct points
        # rotate so the ring starts at the first cut
        s = cuts[0]
        order_idx = np.concatenate([np.arange(s, n), np.arange(0, s), [s]])
        rp, rpts = rp[order_idx], rpts[order_idx]
        bounds = np.concatenate([cuts - s, [n]])
        ring_refs[r] = [store.ref(rp[i:j + 1], rpts[i:j + 1], closed=False)
                        for i, j in itertools.pairwise(bounds)]
    return store.arcs, ring_refs


def _encode(coords_q: np.ndarray, ring_of_pt: np.ndarray, part_of_ring: np.ndarray,
            seat_of_ring: np.ndarray, is_exterior: np.ndarray, n_seats: int,
            min_area_q: float) -> tuple[list[np.ndarray], list, dict]:
    """Cut quantised rings into shared arcs. Returns arcs, shapes and counters."""
    n_rings = len(part_of_ring)
    g = _rings_and_edges(coords_q, ring_of_pt, n_rings)
    keep_ring, stats = _rings_to_keep(g, part_of_ring, seat_of_ring, is_exterior, n_seats,
                                      min_area_q)
    arcs, ring_refs = _cut_into_arcs(g, keep_ring, n_rings)
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
