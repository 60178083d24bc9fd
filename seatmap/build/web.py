"""Web geometry for the interactive maps, made once at build time and shipped in the package.

Each boundary set's polygons (written by :mod:`seatmap.build.geography`) are simplified as a
coverage at the maps' default detail (100 m, topology preserved: neighbours keep one shared
border) and encoded as shared, quantised arcs (see :mod:`seatmap.geometry`). Checks: every seat
present, no gaps or overlaps introduced between neighbours, areas kept.
"""

from __future__ import annotations

from pathlib import Path

from .._geostore import read_geometries, write_npz
from .._validate import SeatmapError
from ._schema import BuildCheckError

TABLES: list = []
RESOURCES = [
    {
        "path": f"boundaries/web_pcon{set_id}.npz",
        "title": f"Web geometry for maps, {set_id} boundary set",
        "description": (
            f"The {set_id}-set boundaries simplified as a coverage at 100 m "
            "(shapely.coverage_simplify) and encoded as shared arcs on a 20 m grid in WGS84 "
            "longitude/latitude (TopoJSON's model): what seatmap's HTML maps embed. Arrays "
            "`points` (grid coordinates), `lengths` (points per arc) and `meta` (JSON: codes, "
            "rings as arc references, grid transform, statistics). Derived from "
            f"boundaries/pcon{set_id}.npz; checked for gaps and overlaps between neighbours."
        ),
        "sources": (["boundaries-pcon2010-martinjc-topojson"] if set_id == "2010" else
                    ["boundaries-pcon2024-oi-bgc-simplified", "boundaries-pcon2024-uk-buc-ons"]),
        "format": "npz",
        "crs": "EPSG:4326",
    }
    for set_id in ("2010", "2024")
]


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Simplify and encode both boundary sets from ``out_dir/boundaries`` and check them.

    Parameters
    ----------
    sources : Path
        The raw sources directory (unused: this step derives from the built boundaries).
    out_dir : Path
        The data directory being built; ``boundaries/pcon<set>.npz`` must already be there.

    Returns
    -------
    list of Path
        The files written.
    """
    import geopandas as gpd

    from ..geometry import check_web_geometry, simplify_and_encode, to_arrays

    written = []
    for set_id in ("2010", "2024"):
        source = Path(out_dir) / "boundaries" / f"pcon{set_id}.npz"
        if not source.exists():
            raise BuildCheckError(f"{source} is missing: the geography step must run first.")
        codes, geoms = read_geometries(source)
        web = simplify_and_encode(geoms, list(codes))
        polygons = gpd.GeoSeries(geoms, index=list(codes), crs=27700)
        try:  # gaps or overlaps introduced between neighbours, areas kept
            check_web_geometry(web, polygons)
        except SeatmapError as err:
            raise BuildCheckError(f"{set_id} boundary set: {err}") from None
        if sorted(web.codes) != sorted(map(str, codes)):
            raise BuildCheckError(f"web geometry for the {set_id} set lost seats.")
        path = Path(out_dir) / "boundaries" / f"web_pcon{set_id}.npz"
        write_npz(path, to_arrays(web))
        written.append(path)
    return written
