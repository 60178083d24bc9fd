"""Dask support for :func:`seatmap.assign_points`: a lazy result computed partition by partition.

The index is built once on the client (polygons given by the caller) and shipped to each worker
once, or, for seatmap's own boundaries, only the boundary set's name is shipped and each worker
builds (and caches) the index itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._locate import STATUSES, Locator, assign, custom_locator, seat_locator
from ._pointinput import coordinates
from ._validate import SeatmapError
from .elections import BoundarySet
from .elections import boundary_set as _boundary_set


def _is_dask(obj) -> bool:
    return type(obj).__module__.split(".")[0] in ("dask", "dask_geopandas", "dask_expr")


def _assign_partition(part, payload, boundary_set_value, opts):
    loc = seat_locator(*payload) if isinstance(payload, tuple) else payload
    return assign(part, boundary_set_value, locator=loc, progress=None, warn=False, **opts)


def _head(part, n: int = 200):
    return part.head(n)


def _detect_partitions(ddf, lon, lat, x, y) -> str:
    """The coordinate system of a dask frame without a CRS, from the first rows of every partition.

    Fails now, not at compute time, when the partitions disagree (say one file of lon/lat and
    one of grid references) or a partition's coordinates cannot be read.
    """
    from dask.base import compute  # the defining modules: dask's top level re-exports
    from dask.delayed import delayed  # them implicitly, which the type check refuses

    samples = compute(*[delayed(_head)(p) for p in ddf.to_delayed()])
    found: dict[str, list[int]] = {}
    for i, sample in enumerate(samples):
        try:
            _, xs, _ys, key, _ = coordinates(sample, lon, lat, x, y, None)
        except SeatmapError as err:
            raise SeatmapError(f"Partition {i} of the dask frame: {err}") from err
        if np.isfinite(xs).any():
            found.setdefault(key, []).append(i)
    if len(found) > 1:
        names = {"4326": "longitude/latitude", "27700": "British National Grid"}
        parts = "; ".join(f"partitions {', '.join(map(str, v[:5]))}{' ...' if len(v) > 5 else ''}"
                          f" look like {names.get(k, k)}" for k, v in found.items())
        raise SeatmapError(f"The partitions of the dask frame hold coordinates in different "
                           f"systems ({parts}). Convert them to one system and pass crs=, or "
                           "assign each file separately.")
    return next(iter(found), "27700")


def _shared(loc: Locator):
    """The index of polygons given by the caller, shipped to each worker once."""
    from dask.delayed import delayed

    try:
        from distributed import get_client

        return get_client().scatter(loc, broadcast=True)
    except (ImportError, ValueError):  # no distributed client: local schedulers share memory
        return delayed(loc, name=f"seatmap-point-index-{id(loc):x}", traverse=False)


def assign_dask(ddf: Any, boundary_set_value: int | str | BoundarySet, *, lon: Any, lat: Any, x: Any, y: Any,
                crs: Any, boundaries: Any, on_border: str, nearest: float | None,
                status: bool) -> Any:  # dask has no stubs: a dask Series or DataFrame
    meta_part = ddf._meta
    # the CRS decides which index to use: from the arguments, the frame, or a small sample
    if crs is None and getattr(ddf, "crs", None) is not None:
        crs = ddf.crs
    if crs is not None or lon is not None:
        _, _, _, key, _ = coordinates(meta_part, lon, lat, x, y, crs)
    else:
        key = _detect_partitions(ddf, lon, lat, x, y)
    opts = {"lon": lon, "lat": lat, "x": x, "y": y, "crs": crs if crs is not None else key,
            "boundaries": None, "on_border": on_border, "nearest": nearest, "status": status}
    if boundaries is None:
        # seatmap's own boundaries: ship only their name; each worker builds (and caches) the
        # index from its own copy of the data, so the task graph stays small
        from .datasets import load_constituencies

        set_id = _boundary_set(boundary_set_value).id
        payload = (set_id, "4326" if key == "4326" else "27700")
        codes = np.sort(np.asarray(load_constituencies(set_id).index.astype(str)))
    else:
        loc = custom_locator(boundaries)
        payload, codes = _shared(loc), loc.codes
    code_meta = pd.Series(pd.Categorical([], categories=pd.Index(codes, dtype="string")),
                          index=meta_part.index[:0], name="code")
    meta = code_meta
    if status:
        meta = pd.DataFrame({"code": code_meta,
                             "status": pd.Categorical([], categories=STATUSES)},
                            index=meta_part.index[:0])
    return ddf.map_partitions(_assign_partition, payload, boundary_set_value, opts, meta=meta,
                              align_dataframes=False)
