"""Google's encoded-polyline algorithm, vectorised: signed integers as printable ASCII.

The maps store each border as delta-encoded integer grid coordinates packed with this algorithm
(about two characters a coordinate); :data:`seatmap.webgeom.DECODER_JS` reverses it in the
browser.
"""

from __future__ import annotations

import numpy as np

__all__ = ["decode_polyline", "encode_polyline"]


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
