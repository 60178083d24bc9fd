"""The polygon index behind :func:`seatmap.assign_points`: exact point-in-polygon by array look-ups.

:class:`PolygonIndex` is a multi-level grid built once per set of polygons (about two seconds for
650 seats) and kept in seatmap's cache folder between processes (see :mod:`seatmap._cache`). A
cache entry stores its own key (the entry's name, e.g. boundary set and coordinate system, a
hash of the polygons and the build parameters, and :data:`FORMAT_VERSION`) and is used only when
that key matches the one asked for, so a file copied or renamed onto another entry is rebuilt,
not trusted.
"""

from __future__ import annotations

import json

import numpy as np

from ._cache import cache_dir, save_npz

__all__ = ["FORMAT_VERSION", "OUTSIDE", "PolygonIndex"]

OUTSIDE = -1  # PolygonIndex result for a point within no polygon

#: Version of the index's build and cache layout. Bump it when a change to this module changes
#: the arrays an index is built into (cache entries of other versions are then rebuilt); editing
#: docstrings or comments does not invalidate users' caches.
FORMAT_VERSION = 2
_FACTOR_BITS = 3  # lookup blocks are 8 x 8
_EMPTY = np.iinfo(np.int32).min


def _unique(a: np.ndarray) -> np.ndarray:
    """Sorted unique values (sorting is much faster than numpy's hash-based unique here)."""
    a = np.sort(a)
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def _sort_pairs(cell: np.ndarray, poly: np.ndarray, npoly: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort (cell, polygon) pairs by cell, then polygon."""
    key = np.sort(cell.astype(np.int64) * npoly + poly)
    return np.divmod(key, npoly)


def _in_sorted(a: np.ndarray, sorted_b: np.ndarray) -> np.ndarray:
    """Whether each value of ``a`` is in the sorted array ``sorted_b``."""
    if not len(sorted_b):
        return np.zeros(len(a), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_b, a), len(sorted_b) - 1)
    return sorted_b[pos] == a


def _first_of_runs(a: np.ndarray) -> np.ndarray:
    """Positions where a run of equal values starts in a sorted array."""
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return np.flatnonzero(keep)


class PolygonIndex:
    """Exact, vectorised point-in-polygon lookup over a fixed set of polygons.

    Answers "which polygon is this point *within*" with exactly the semantics of
    ``geopandas.sjoin(points, polygons, predicate="within")`` (a point on a boundary is within
    no polygon; where polygons overlap, the lowest position wins), but resolves most points by
    array indexing instead of a geometric test.

    Space is cut into square cells whose sides are powers of two (in the CRS's units), so the
    cell of a point, ``floor(x / size)``, is computed without rounding error. A cell is a
    *boundary cell* if a polygon ring passes through it: rings are cut into pieces no longer
    than the finest cell and every cell a piece's (slightly widened) bounding box touches is
    marked, so marking can only err towards "boundary". A cell no ring touches lies wholly
    inside one polygon or outside all, so its centre classifies every point in it. Boundary
    cells are split in four, down to the finest level; points in a finest boundary cell get the
    exact GEOS test (``shapely.contains_xy``) against the polygons whose rings cross the cell
    (plus any polygon containing the whole cell, which only overlapping polygons produce). For
    lookup the quadtree is flattened into a dense top grid and two levels of blocks, so a point
    needs at most three array look-ups.

    Parameters
    ----------
    geometries : array-like of shapely (Multi)Polygons
        The polygons, in the order whose positions :meth:`lookup` returns.
    top_cells : int, default 256
        About how many top-level cells span the longer side of the polygons' extent.
    depth : int, default 5
        Number of times a boundary cell is halved; the finest cells are ``2**depth`` times
        smaller than the top cells (128 m for the UK on British National Grid). Deeper indexes
        send fewer points to the exact test but take longer to build and more memory.

    Examples
    --------
    >>> import shapely
    >>> idx = PolygonIndex([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    >>> idx.lookup([0.5, 1.5, 1.0, 3.0], [0.5, 0.5, 0.5, 0.5]).tolist()
    [0, 1, -1, -1]
    """

    def __init__(self, geometries, top_cells: int = 256, depth: int = 5):
        import shapely

        if not 1 <= depth <= 9:
            raise ValueError("depth must be between 1 and 9")
        geoms = np.asarray(geometries, dtype=object)
        if geoms.ndim != 1 or not len(geoms):
            raise ValueError("PolygonIndex needs a non-empty 1-d array of polygons")
        kinds = shapely.get_type_id(geoms)
        if not np.isin(kinds, (3, 6)).all():
            raise ValueError("PolygonIndex only indexes Polygon and MultiPolygon geometries")
        self.geoms = geoms
        self.depth = depth
        # build levels at which each lookup level ends: at most 3 halvings (8 x 8 blocks) each
        nlev = -(-depth // _FACTOR_BITS)
        self.cuts = [0] + [round(depth * (j + 1) / nlev) for j in range(nlev)]
        self.bounds = shapely.bounds(geoms)
        minx, miny = np.nanmin(self.bounds[:, :2], axis=0)
        maxx, maxy = np.nanmax(self.bounds[:, 2:], axis=0)
        extent = max(maxx - minx, maxy - miny, np.finfo(float).tiny)
        # top cell size: a power of two, so x / size and its floor are exact
        self.size0 = float(2.0 ** np.floor(np.log2(extent / top_cells)))
        self.ix0 = int(np.floor(minx / self.size0))
        self.iy0 = int(np.floor(miny / self.size0))
        self.nx = int(np.floor(maxx / self.size0)) - self.ix0 + 1
        self.ny = int(np.floor(maxy / self.size0)) - self.iy0 + 1
        self._prepare()
        self._build()

    # -- a cache between processes -----------------------------------------------------------
    _ARRAYS = ("top", "cand_ptr", "cand_poly")
    _SCALARS = ("size0", "ix0", "iy0", "nx", "ny", "depth", "n_exact_cells")

    @classmethod
    def cache_key(cls, geometries, name: str, **params) -> str:
        """The key a cached build of these polygons is stored under and checked against.

        It names the entry (``name``: for seatmap's seats the boundary set and coordinate system,
        e.g. ``pcon2024-4326``), hashes the polygons' WKB and the build parameters, and carries
        :data:`FORMAT_VERSION`.
        """
        import hashlib

        import shapely

        digest = hashlib.sha256()
        for blob in shapely.to_wkb(np.asarray(geometries, dtype=object)):
            digest.update(blob)
        return json.dumps({"format": FORMAT_VERSION, "name": name,
                           "geometry_sha256": digest.hexdigest(),
                           "params": sorted(params.items())}, sort_keys=True)

    @classmethod
    def cached(cls, geometries, name: str, **params) -> PolygonIndex:
        """Build the index, or load it from the cache folder if this exact build was kept.

        The entry stores its key (see :meth:`cache_key`: name, polygons' hash, parameters and
        format version) and is used only when the stored key equals the one asked for: an entry
        copied or renamed onto another's file name, written by another version of the index, or
        damaged, is rebuilt rather than trusted. Failures to read or write the cache are ignored
        (the index is then simply built).
        """
        import hashlib

        geoms = np.asarray(geometries, dtype=object)
        folder = cache_dir()
        if folder is None:
            return cls(geoms, **params)
        key = cls.cache_key(geoms, name, **params)
        entry = f"pointindex-{name}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.npz"
        try:
            with np.load(folder / entry) as z:
                if str(z["key"]) == key:
                    return cls._from_arrays(geoms, z)
        except Exception:  # absent, unreadable, corrupt or without a key: build it
            pass
        index = cls(geoms, **params)
        # keep this build; drop stale builds of these polygons
        # uncompressed: loading it is part of every process's first call
        arrays = index._arrays()
        arrays["key"] = np.array(key)
        save_npz(entry, arrays, prune_prefix=f"pointindex-{name}-", compress=False)
        return index

    def _arrays(self) -> dict:
        arrays = {k: getattr(self, k) for k in self._ARRAYS}
        arrays.update({f"block{j}": b for j, b in enumerate(self.blocks)})
        arrays["scalars"] = np.array([getattr(self, k) for k in self._SCALARS], dtype=np.float64)
        arrays["cuts"] = np.asarray(self.cuts, dtype=np.int64)
        return arrays

    @classmethod
    def _from_arrays(cls, geoms, z) -> PolygonIndex:
        import shapely

        self = cls.__new__(cls)
        self.geoms = geoms
        self.bounds = shapely.bounds(geoms)
        for k, v in zip(self._SCALARS, z["scalars"], strict=True):
            setattr(self, k, float(v) if k == "size0" else int(v))
        self.cuts = [int(c) for c in z["cuts"]]
        for k in self._ARRAYS:
            setattr(self, k, z[k])
        self.blocks = [z[f"block{j}"] for j in range(len(self.cuts) - 1)]
        self.sides = [1 << (self.cuts[j + 1] - self.cuts[j]) for j in range(len(self.cuts) - 1)]
        self._top_padded = np.pad(self.top, 1, constant_values=OUTSIDE).ravel()
        self._prepare()
        return self

    # -- pickling (dask ships the index to workers): geometries travel as WKB, prepared on arrival
    def __getstate__(self):
        import shapely

        state = self.__dict__.copy()
        state["geoms"] = shapely.to_wkb(self.geoms)
        return state

    def __setstate__(self, state):
        import shapely

        state["geoms"] = shapely.from_wkb(state["geoms"])
        self.__dict__.update(state)
        self._prepare()

    def _prepare(self):
        import shapely

        shapely.prepare(self.geoms)

    # -- building -----------------------------------------------------------------------------
    def _touching_pairs(self) -> list[np.ndarray]:
        """For every level (0 = top ... depth = finest), the sorted keys ``cell * n + polygon`` of
        the (cell, polygon) pairs where a ring of the polygon passes through the cell."""
        import shapely

        npoly = len(self.geoms)
        fine = self.size0 / 2**self.depth
        width, height = self.nx << self.depth, self.ny << self.depth
        parts, part_of = shapely.get_parts(self.geoms, return_index=True)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        coords, ring_of = shapely.get_coordinates(rings, return_index=True)
        same = ring_of[1:] == ring_of[:-1]
        owner = part_of[ring_part[ring_of[:-1][same]]].astype(np.int64)
        ax, ay = coords[:-1][same, 0], coords[:-1][same, 1]
        bx, by = coords[1:][same, 0], coords[1:][same, 1]
        # cut each segment into pieces no longer than a finest cell
        n = np.maximum(np.ceil(np.hypot(bx - ax, by - ay) / fine), 1).astype(np.int64)
        seg = np.repeat(np.arange(len(n)), n)
        step = np.arange(len(seg)) - np.repeat(np.cumsum(n) - n, n)
        t0, t1 = step / n[seg], (step + 1) / n[seg]
        dx, dy = (bx - ax)[seg], (by - ay)[seg]
        px0, px1 = ax[seg] + t0 * dx, ax[seg] + t1 * dx
        py0, py1 = ay[seg] + t0 * dy, ay[seg] + t1 * dy
        owner = owner[seg]
        eps = fine * 1e-6  # widen: interpolated piece ends may be off the segment by rounding
        ox, oy = self.ix0 << self.depth, self.iy0 << self.depth
        lox = np.floor((np.minimum(px0, px1) - eps) / fine).astype(np.int64) - ox
        hix = np.floor((np.maximum(px0, px1) + eps) / fine).astype(np.int64) - ox
        loy = np.floor((np.minimum(py0, py1) - eps) / fine).astype(np.int64) - oy
        hiy = np.floor((np.maximum(py0, py1) + eps) / fine).astype(np.int64) - oy
        span = int(max((hix - lox).max(), (hiy - loy).max()))
        keys = []
        for ix in range(span + 1):
            for iy in range(span + 1):
                cx, cy = lox + ix, loy + iy
                ok = (cx <= hix) & (cy <= hiy) & (cx >= 0) & (cy >= 0) & (cx < width) & (cy < height)
                keys.append((cy[ok] * width + cx[ok]) * npoly + owner[ok])
        levels = [_unique(np.concatenate(keys))]
        for k in range(self.depth, 0, -1):
            w = self.nx << k
            cell, poly = np.divmod(levels[0], npoly)
            y, x = np.divmod(cell, w)
            levels.insert(0, _unique(((y >> 1) * (w >> 1) + (x >> 1)) * npoly + poly))
        return levels

    def _centre_hits(self, cell, poly, cx, cy, size) -> np.ndarray:
        """For (cell, polygon) pairs, whether the polygon contains the cell's centre."""
        import shapely

        if not len(cell):
            return np.zeros(0, dtype=bool)
        return shapely.contains_xy(self.geoms[poly], (cx[cell] + 0.5) * size,
                                   (cy[cell] + 0.5) * size)

    def _bbox_keep(self, cell, poly, cx, cy, size) -> np.ndarray:
        """Whether each polygon's bounding box meets its (closed) cell."""
        b = self.bounds[poly]
        x0, y0 = cx[cell] * size, cy[cell] * size
        return (b[:, 0] <= x0 + size) & (b[:, 2] >= x0) & (b[:, 1] <= y0 + size) & (b[:, 3] >= y0)

    def _build(self) -> None:
        """Classify cells level by level.

        A cell is *plain* if no ring passes through it: its centre's polygon (among the candidates)
        is the answer for the whole cell. Otherwise it is a *boundary* cell and is split. The
        candidates of a cell are the polygons whose rings pass through its parent plus those that
        contain its parent entirely (none when the polygons do not overlap), so the candidate lists
        stay short and no polygon that could contain a point of the cell is ever missed.
        """
        import shapely

        npoly = len(self.geoms)
        touch = self._touching_pairs()
        depth, nx, ny = self.depth, self.nx, self.ny
        iy, ix = np.divmod(np.arange(nx * ny, dtype=np.int64), nx)
        keys, cx, cy = iy * nx + ix, ix + self.ix0, iy + self.iy0
        size = self.size0
        # top level: candidates are the polygons whose bounding box meets the cell
        tree = shapely.STRtree(shapely.box(*self.bounds.T))
        cand_cell, cand_poly = tree.query(shapely.box(cx * size, cy * size, (cx + 1) * size,
                                                      (cy + 1) * size))
        cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
        levels = []
        for k in range(depth + 1):
            size = self.size0 / 2**k
            t_cell, t_poly = np.divmod(touch[k], npoly)
            is_bnd = np.zeros(len(keys), dtype=bool)
            t_pos = np.searchsorted(keys, t_cell)
            is_bnd[t_pos] = True
            vals = np.full(len(keys), _EMPTY, dtype=np.int32)
            # plain cells: the lowest candidate containing the centre
            plain = ~is_bnd[cand_cell]
            pc, pp = cand_cell[plain], cand_poly[plain]
            hit = self._centre_hits(pc, pp, cx, cy, size)
            vals[~is_bnd] = OUTSIDE
            first = _first_of_runs(pc[hit])
            vals[pc[hit][first]] = pp[hit][first]
            # boundary cells: touching polygons, plus candidates not touching that contain it
            bc, bp = cand_cell[~plain], cand_poly[~plain]
            other = ~_in_sorted(keys[bc] * npoly + bp, touch[k])
            inside = np.zeros(len(bc), dtype=bool)
            inside[other] = self._centre_hits(bc[other], bp[other], cx, cy, size)
            cand_cell = np.concatenate([t_pos, bc[inside]])
            cand_poly = np.concatenate([t_poly, bp[inside]])
            cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
            levels.append((keys, vals, is_bnd))
            if k == depth:
                break
            # children of the boundary cells, sorted by key, with their parents' candidates
            bnd = np.flatnonzero(is_bnd)
            w = nx << k
            ky, kx = np.divmod(keys[bnd], w)
            sub = np.arange(4)
            ckeys = (((ky << 1)[:, None] + (sub >> 1)) * (w << 1) + (kx << 1)[:, None] + (sub & 1)).ravel()
            ccx = ((cx[bnd] << 1)[:, None] + (sub & 1)).ravel()
            ccy = ((cy[bnd] << 1)[:, None] + (sub >> 1)).ravel()
            order = np.argsort(ckeys, kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            pos = np.full(len(keys), -1, dtype=np.int64)
            pos[bnd] = np.arange(len(bnd))
            child = rank[((pos[cand_cell] * 4)[:, None] + sub).ravel()]
            cpoly = np.repeat(cand_poly, 4)
            keys, cx, cy = ckeys[order], ccx[order], ccy[order]
            keep = self._bbox_keep(child, cpoly, cx, cy, size / 2)
            cand_cell, cand_poly = child[keep], cpoly[keep]
            cand_cell, cand_poly = _sort_pairs(cand_cell, cand_poly, npoly)
        self._pack(levels, cand_cell, cand_poly)

    def _pack(self, levels, cand_cell, cand_poly) -> None:
        """Flatten the quadtree into a dense top grid and a few levels of square blocks.

        Lookup level ``j`` (1, 2...) holds build levels ``cuts[j-1] + 1 ... cuts[j]``; each of its
        blocks belongs to one boundary cell of build level ``cuts[j-1]`` and has
        ``2 ** (cuts[j] - cuts[j-1])`` cells a side.
        """
        cuts = self.cuts
        nlev = len(cuts) - 1
        owners = [levels[c][0][levels[c][2]] for c in cuts[:-1]]
        sides = [1 << (cuts[j + 1] - cuts[j]) for j in range(nlev)]
        top = levels[0][1].copy()
        blocks = [np.full(len(o) * f * f, _EMPTY, dtype=np.int32) for o, f in zip(owners, sides, strict=True)]
        # exact cells: the boundary cells of the finest level, with their candidate polygons
        keys_f, _, bnd_f = levels[self.depth]
        n_exact = int(bnd_f.sum())
        exact_pos = np.full(len(keys_f), -1, dtype=np.int64)
        exact_pos[bnd_f] = np.arange(n_exact)
        counts = np.bincount(exact_pos[cand_cell], minlength=n_exact)
        self.cand_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.cand_poly = cand_poly.astype(np.int32)  # sorted by (cell, polygon) already
        for k in range(self.depth + 1):
            keys, vals, is_bnd = levels[k]
            if k == 0:
                bnd = np.flatnonzero(is_bnd)
                top[bnd] = -2 - np.arange(len(bnd))  # pointers to level-1 blocks
                continue
            if k == self.depth:
                vals = vals.copy()
                vals[is_bnd] = -2 - exact_pos[is_bnd]  # exact cells
                sel = np.arange(len(keys))
            else:
                sel = np.flatnonzero(~is_bnd)
            j = int(np.searchsorted(cuts, k))  # lookup level holding build level k
            f, base = sides[j - 1], cuts[j - 1]
            rep = 1 << (cuts[j] - k)  # lookup cells a side covered by one build cell
            shift = k - base
            w, w_owner = self.nx << k, self.nx << base
            ky, kx = np.divmod(keys[sel], w)
            block = np.searchsorted(owners[j - 1], (ky >> shift) * w_owner + (kx >> shift))
            oy = (ky & ((1 << shift) - 1)) * rep
            ox = (kx & ((1 << shift) - 1)) * rep
            dy, dx = np.divmod(np.arange(rep * rep), rep)
            flat = ((block * f * f + oy * f + ox)[:, None] + (dy * f + dx)[None, :]).ravel()
            blocks[j - 1][flat] = np.repeat(vals[sel], rep * rep)
            if k == cuts[j] and k < self.depth:
                # boundary cells at the end of a lookup level point to the next level's blocks
                b = np.flatnonzero(is_bnd)
                kyb, kxb = np.divmod(keys[b], w)
                ob = np.searchsorted(owners[j - 1], (kyb >> shift) * w_owner + (kxb >> shift))
                flatb = ob * f * f + (kyb & (f - 1)) * f + (kxb & (f - 1))
                blocks[j - 1][flatb] = -2 - np.searchsorted(owners[j], keys[b])
        for j, blk in enumerate(blocks):
            if (blk == _EMPTY).any():  # pragma: no cover - internal consistency
                raise RuntimeError(f"PolygonIndex: unfilled cells in lookup level {j + 1}")
        self.top = top.reshape(self.ny, self.nx)
        self._top_padded = np.pad(self.top, 1, constant_values=OUTSIDE).ravel()
        self.blocks = blocks
        self.sides = sides
        self.n_exact_cells = n_exact

    # -- querying -----------------------------------------------------------------------------
    def lookup(self, x, y, *, return_exact: bool = False):
        """Position of the polygon each point is within, or ``OUTSIDE`` (-1).

        Parameters
        ----------
        x, y : array-like of float
            Coordinates in the polygons' CRS. NaN gives ``OUTSIDE``.
        return_exact : bool, default False
            Also return the positions of the points that needed the exact geometric test (the
            only ones that can lie on a boundary).

        Returns
        -------
        numpy.ndarray of int32 (and of intp positions with ``return_exact``)
        """
        x = np.ascontiguousarray(x, dtype=np.float64)
        y = np.ascontiguousarray(y, dtype=np.float64)
        inv = 1.0 / self.size0
        # top grid, padded with a ring of OUTSIDE cells: clipping sends every point beyond the
        # polygons' extent there (NaN coordinates are sent there explicitly)
        with np.errstate(invalid="ignore"):
            fx = np.clip(np.floor(x * inv) - (self.ix0 - 1), 0, self.nx + 1)
            fy = np.clip(np.floor(y * inv) - (self.iy0 - 1), 0, self.ny + 1)
        nan = np.isnan(fx) | np.isnan(fy)
        if nan.any():
            fx[nan] = 0
            fy[nan] = 0
        flat = fy.astype(np.intp)
        flat *= self.nx + 2
        flat += fx.astype(np.intp)
        out = self._top_padded.take(flat)
        ptr = np.flatnonzero(out <= -2)
        for j, (blocks, f) in enumerate(zip(self.blocks, self.sides, strict=True), start=1):
            if not len(ptr):
                break
            inv_j = inv * 2.0 ** self.cuts[j]
            sx = np.floor(x[ptr] * inv_j).astype(np.intp) & (f - 1)
            sy = np.floor(y[ptr] * inv_j).astype(np.intp) & (f - 1)
            block = -2 - out[ptr].astype(np.intp)
            out[ptr] = blocks.take(block * (f * f) + sy * f + sx)
            ptr = ptr[out[ptr] <= -2]
        exact = ptr  # points in finest-level boundary cells
        if len(exact):
            out[exact] = self._exact(x[exact], y[exact], (-2 - out[exact]).astype(np.intp))
        if return_exact:
            return out, exact
        return out

    def _exact(self, x, y, cell) -> np.ndarray:
        """The exact test for points in boundary cells, candidate by candidate.

        Candidates are in ascending order, so the first that contains a point is the answer:
        each round tests the next candidate only for the points still unresolved.
        """
        import shapely

        res = np.full(len(x), OUTSIDE, dtype=np.int32)
        start, stop = self.cand_ptr[cell], self.cand_ptr[cell + 1]
        todo = np.flatnonzero(stop > start)
        r = 0
        while len(todo):
            poly = self.cand_poly[start[todo] + r]
            hit = shapely.contains_xy(self.geoms[poly], x[todo], y[todo])
            res[todo[hit]] = poly[hit]
            r += 1
            todo = todo[~hit & (stop[todo] > start[todo] + r)]
        return res

    def touching(self, x, y) -> np.ndarray:
        """Position of the lowest polygon each point *intersects* (boundary included), or -1.

        Used for the few points that are within no polygon, to tell points on a boundary from
        points outside every polygon.
        """
        import shapely

        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        out = np.full(len(x), OUTSIDE, dtype=np.int32)
        if not len(x):
            return out
        tree = shapely.STRtree(shapely.box(*self.bounds.T))
        pt, poly = tree.query(shapely.points(x, y))
        hit = shapely.intersects_xy(self.geoms[poly], x[pt], y[pt])
        order = np.lexsort((poly[hit], pt[hit]))
        pts, polys = pt[hit][order], poly[hit][order]
        first = _first_of_runs(pts)
        out[pts[first]] = polys[first]
        return out

    @property
    def nbytes(self) -> int:
        """Memory used by the lookup arrays (not counting the polygons)."""
        return int(self.top.nbytes + sum(b.nbytes for b in self.blocks)
                   + self.cand_ptr.nbytes + self.cand_poly.nbytes)
