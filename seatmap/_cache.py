"""One on-disk cache for work that is slow to redo in every process (web geometry, point index).

Entries are ``.npz`` files named by a content hash, so a stale entry is never reused.
``SEATMAP_CACHE_DIR`` names the folder (default ``$XDG_CACHE_HOME/seatmap`` or
``~/.cache/seatmap``); ``SEATMAP_CACHE_DIR=off`` turns caching off. Failures to read or write
the cache are ignored: the work is then simply redone.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from ._atomic import atomic_write

ENV = "SEATMAP_CACHE_DIR"
_OFF = ("", "0", "off", "false", "none", "no")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "seatmap"


def cache_path(name: str) -> Path | None:
    """Path of the cache entry ``name`` (a file name), or None when caching is off."""
    folder = cache_dir()
    return None if folder is None else folder / name


def save_npz(name: str, arrays: dict, prune_prefix: str | None = None,
             compress: bool = True) -> None:
    """Store ``arrays`` as entry ``name``; remove other entries starting with ``prune_prefix``.

    ``compress=False`` trades disk space for load speed (for entries read on every first call).
    """
    path = cache_path(name)
    if path is None:
        return
    import numpy as np

    buf = io.BytesIO()
    (np.savez_compressed if compress else np.savez)(buf, **arrays)
    with contextlib.suppress(OSError):
        atomic_write(path, buf.getvalue())
        if prune_prefix:
            for old in path.parent.glob(f"{prune_prefix}*.npz"):
                if old != path:
                    old.unlink()
