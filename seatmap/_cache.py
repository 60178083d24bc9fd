r"""seatmap's one cache module: on disk for work slow to redo in every process (web geometry, point
index), and named in-memory caches for the current process.

Disk entries are ``.npz`` files named by a content hash, so a stale entry is never reused.
``SEATMAP_CACHE_DIR`` names the folder (default: the platform's user cache folder from
``platformdirs``: ``$XDG_CACHE_HOME/seatmap`` or ``~/.cache/seatmap`` on Linux,
``~/Library/Caches/seatmap`` on macOS, ``%LOCALAPPDATA%\seatmap\Cache`` on Windows);
``SEATMAP_CACHE_DIR=off`` turns caching off. Failures to read or write the cache are ignored: the
work is then simply redone.

In memory, :func:`memory_cache` hands each module a named dict, :func:`memoized` is an
``lru_cache`` registered here, and :func:`clear_memory` empties them all (tests and benchmarks
use it to measure a cold start), so nothing reaches into another module's private cache.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar, cast

from ._atomic import atomic_write

ENV = "SEATMAP_CACHE_DIR"
_P = ParamSpec("_P")
_R = TypeVar("_R")
_OFF = ("", "0", "off", "false", "none", "no")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("seatmap", appauthor=False)


_MEMORY: dict[str, dict] = {}


def memory_cache(name: str) -> dict:
    """The in-memory cache ``name`` (a dict, created on first use, shared by every caller).

    Examples
    --------
    >>> memory_cache("example")["k"] = 1
    >>> clear_memory()
    >>> memory_cache("example")
    {}
    """
    return _MEMORY.setdefault(name, {})


_MEMOIZED: list = []


def memoized(maxsize: int = 128) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """``functools.lru_cache`` that :func:`clear_memory` also empties (decorator).

    Examples
    --------
    >>> @memoized(maxsize=4)
    ... def square(x):
    ...     return x * x
    >>> square(3), square.cache_info().currsize
    (9, 1)
    >>> clear_memory(); square.cache_info().currsize
    0
    """
    from functools import lru_cache

    def decorate(fn: Callable[_P, _R]) -> Callable[_P, _R]:
        cached = lru_cache(maxsize=maxsize)(fn)
        _MEMOIZED.append(cached)
        # lru_cache keeps fn's signature (and adds cache_info...); its stub forgets the signature
        return cast("Callable[_P, _R]", cached)

    return decorate


def clear_memory() -> None:
    """Empty every in-memory cache (disk entries stay: a later call reads them back)."""
    for entries in _MEMORY.values():
        entries.clear()
    for cached in _MEMOIZED:
        cached.cache_clear()


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
