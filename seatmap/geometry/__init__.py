"""Pure geometry shared by the data build and the maps (no I/O beyond ``.npz`` arrays, no drawing).

- :mod:`seatmap.geometry.polyline`: the encoded-polyline algorithm;
- :mod:`seatmap.geometry.arcs`: :class:`WebGeometry` (polygons as shared, quantised arcs), its
  encoder and its ``.npz`` storage;
- :mod:`seatmap.geometry.simplify`: coverage simplification to web detail;
- :mod:`seatmap.geometry.checks`: overlaps, gaps and areas of encoded geometry against its source.

This is a lower layer than both :mod:`seatmap.build` (which writes the packaged web geometry) and
:mod:`seatmap.webgeom` (which caches it for the maps): neither imports the other.
"""

from .arcs import WebGeometry, encode_planar, from_npz, to_arrays
from .checks import check_web_geometry
from .polyline import decode_polyline, encode_polyline
from .simplify import DEFAULT_QUANTUM_M, DEFAULT_TOLERANCE_M, simplify_and_encode

__all__ = [
    "DEFAULT_QUANTUM_M",
    "DEFAULT_TOLERANCE_M",
    "WebGeometry",
    "check_web_geometry",
    "decode_polyline",
    "encode_planar",
    "encode_polyline",
    "from_npz",
    "simplify_and_encode",
    "to_arrays",
]
