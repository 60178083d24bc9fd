"""Compact, fast storage for constituency polygons (the files under ``data/boundaries/``).

Format (``.npz``: a zip of ``.npy`` arrays, readable with :func:`numpy.load`):

- ``codes``: GSS codes (unicode array, one per geometry, in file order);
- ``dx``, ``dy``: coordinates in whole metres of British National Grid (EPSG:27700), delta-encoded
  (each value is the difference from the previous vertex of the whole file, the first one from 0)
  as little-endian ``int16``, stored as a ``(2, n)`` ``uint8`` array of byte planes (low bytes,
  then high bytes: "byte shuffling", which deflates better). A delta outside +-32767 is stored as
  -32768 and its value is taken, in order, from ``dx_big`` / ``dy_big`` (``int32``);
- ``ring_len``: vertices in each ring (closing vertex included);
- ``poly_rings``: rings in each polygon (exterior first, then holes);
- ``geom_polys``: polygons in each geometry (every geometry is stored as a MultiPolygon);
- ``crs`` (``"EPSG:27700"``) and ``version`` (format version, currently 1).

Shuffled 16-bit deltas of integer metres take about 2.2 bytes a vertex once deflated (a quarter of
float64 coordinates), and reading is a decompression, a cumulative sum and one
:func:`shapely.from_ragged_array` call. Files are
written atomically and byte-for-byte deterministically (fixed zip timestamps and attributes), so a
rebuild from the same sources reproduces them exactly.

This module imports only numpy at module level; shapely is imported when a function runs.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import numpy as np

from ._atomic import atomic_write

__all__ = ["FORMAT_VERSION", "read_geometries", "write_geometries"]

FORMAT_VERSION = 1
CRS = "EPSG:27700"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MEMBERS = ("codes", "dx", "dx_big", "dy", "dy_big", "ring_len", "poly_rings", "geom_polys", "crs",
            "version")
_ESCAPE = -32768


def _npy_bytes(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.asarray(arr), allow_pickle=False)
    return buf.getvalue()


def _shuffle16(deltas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int16 byte planes of ``deltas`` with the escape value, and the escaped values."""
    big = np.abs(deltas) > 32767
    small = np.where(big, _ESCAPE, deltas).astype("<i2")
    planes = small.view(np.uint8).reshape(-1, 2).T.copy()
    return planes, _int32(deltas[big], "coordinate delta")


def _unshuffle16(planes: np.ndarray, big: np.ndarray) -> np.ndarray:
    small = np.empty(planes.shape[1], dtype="<i2")
    interleaved = small.view(np.uint8).reshape(-1, 2)
    interleaved[:, 0] = planes[0]
    interleaved[:, 1] = planes[1]
    deltas = small.astype(np.int64)
    escaped = deltas == _ESCAPE
    if int(escaped.sum()) != big.size:
        raise ValueError("corrupt geometry file: escaped deltas do not match their values.")
    deltas[escaped] = big
    return deltas


def _int32(values: np.ndarray, what: str) -> np.ndarray:
    values = np.asarray(values, dtype=np.int64)
    if values.size and (values.min() < np.iinfo(np.int32).min or values.max() > np.iinfo(np.int32).max):
        raise ValueError(f"{what} does not fit in int32; are the coordinates in metres?")
    return values.astype("<i4")


def write_geometries(path: str | os.PathLike, codes, geometries) -> None:
    """Write polygons and their codes to a compact ``.npz`` file (atomically, deterministically).

    Parameters
    ----------
    path : str or path-like
        Destination file (parent directories are created).
    codes : array-like of str
        One identifier per geometry (GSS codes), unique.
    geometries : array-like of shapely Polygon or MultiPolygon
        In British National Grid (EPSG:27700) metres. Coordinates are rounded to whole metres, so
        snap them to a 1 m grid first (``shapely.set_precision(g, 1.0)``) if validity after
        rounding matters; polygons are stored as MultiPolygons.

    Raises
    ------
    ValueError
        If codes and geometries differ in length, codes repeat, or a geometry is missing, empty
        or not polygonal.
    """
    import shapely

    codes = np.asarray(codes, dtype=str)
    geoms = np.asarray(geometries, dtype=object)
    if codes.ndim != 1 or geoms.shape != codes.shape:
        raise ValueError(f"{len(codes)} codes but {geoms.size} geometries; give one code each.")
    if len(np.unique(codes)) != len(codes):
        raise ValueError("codes must be unique.")
    types = shapely.get_type_id(geoms)
    bad = ~np.isin(types, (3, 6)) | shapely.is_empty(geoms)
    if bad.any():
        raise ValueError(
            f"{int(bad.sum())} geometries are missing, empty or not (Multi)Polygons, e.g. for "
            f"{codes[bad][:3].tolist()}."
        )
    # promote Polygons so that every geometry is a MultiPolygon in the ragged layout
    multi = geoms.copy()
    polys = np.flatnonzero(types == 3)
    multi[polys] = shapely.multipolygons(geoms[polys].reshape(-1, 1))
    _, coords, (ring_off, poly_off, geom_off) = shapely.to_ragged_array(multi)
    xy = np.rint(coords).astype(np.int64)
    deltas = np.diff(xy, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    (dx, dx_big), (dy, dy_big) = _shuffle16(deltas[:, 0]), _shuffle16(deltas[:, 1])
    arrays = {
        "codes": codes,
        "dx": dx, "dx_big": dx_big, "dy": dy, "dy_big": dy_big,
        "ring_len": _int32(np.diff(ring_off), "ring length"),
        "poly_rings": _int32(np.diff(poly_off), "rings per polygon"),
        "geom_polys": _int32(np.diff(geom_off), "polygons per geometry"),
        "crs": np.array(CRS),
        "version": np.array(FORMAT_VERSION, dtype="<i4"),
    }
    write_npz(path, {name: arrays[name] for name in _MEMBERS})


def write_npz(path: str | os.PathLike, arrays: dict) -> None:
    """Write arrays as a deflated ``.npz`` (readable by ``numpy.load``), byte for byte the same
    for the same arrays: members in the given order with a fixed timestamp. Atomic."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, arr in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, _npy_bytes(arr), compresslevel=9)
    atomic_write(Path(path), buf.getvalue())


def read_geometries(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """Read a file written by :func:`write_geometries`.

    Parameters
    ----------
    path : str or path-like
        A ``data/boundaries/*.npz`` file.

    Returns
    -------
    codes : numpy.ndarray of str
        One GSS code per geometry.
    geometries : numpy.ndarray of shapely.MultiPolygon
        In British National Grid (EPSG:27700) metres, in the same order as ``codes``.

    Raises
    ------
    ValueError
        If the file is not in this format (missing members, other CRS or version).

    Examples
    --------
    >>> from seatmap._paths import data_dir
    >>> codes, geoms = read_geometries(data_dir() / "boundaries" / "pcon2010.npz")
    >>> len(codes), geoms[0].geom_type
    (650, 'MultiPolygon')
    """
    import shapely

    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        missing = [m for m in _MEMBERS if f"{m}.npy" not in names]
        if missing:
            raise ValueError(f"{path} is not a seatmap geometry file (no {missing}).")
        arr = {m: np.lib.format.read_array(io.BytesIO(zf.read(f"{m}.npy")), allow_pickle=False)
               for m in _MEMBERS}
    if int(arr["version"]) != FORMAT_VERSION or str(arr["crs"]) != CRS:
        raise ValueError(
            f"{path}: format version {int(arr['version'])} in {arr['crs']}; this seatmap reads "
            f"version {FORMAT_VERSION} in {CRS}. Rebuild the data or upgrade seatmap."
        )
    coords = np.empty((arr["dx"].shape[1], 2), dtype=np.float64)
    coords[:, 0] = np.cumsum(_unshuffle16(arr["dx"], arr["dx_big"]))
    coords[:, 1] = np.cumsum(_unshuffle16(arr["dy"], arr["dy_big"]))

    def offsets(counts):
        out = np.zeros(counts.size + 1, dtype=np.int64)
        np.cumsum(counts, out=out[1:])
        return out

    geoms = shapely.from_ragged_array(
        shapely.GeometryType.MULTIPOLYGON,
        coords,
        (offsets(arr["ring_len"]), offsets(arr["poly_rings"]), offsets(arr["geom_polys"])),
    )
    return arr["codes"].astype(str), geoms
