"""Reading the geography build's sources: CSV, JSON, hexjson, GeoJSON and TopoJSON files, each
checked for the columns it needs, and coordinates projected to the British National Grid."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._io import require_columns, source_path
from ._schema import BuildCheckError

# ---------------------------------------------------------------------------------------------
# Reading sources


def read_csv(path: Path, columns: list[str], what: str, **kwargs) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", **kwargs)
    df.columns = df.columns.str.strip()
    require_columns(df, columns, what)
    return df


def _read_json(path: Path, what: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BuildCheckError(f"{what}: {path} is not valid UTF-8 JSON ({err}).") from err


def read_hexjson(sources: Path, folder: str, filename: str, region_key: str) -> pd.DataFrame:
    what = f"{folder}/{filename}"
    data = _read_json(source_path(sources, folder, filename), what)
    if data.get("layout") != "odd-r" or not isinstance(data.get("hexes"), dict):
        raise BuildCheckError(
            f"{what}: expected an 'odd-r' HexJSON with a 'hexes' object; found layout "
            f"{data.get('layout')!r}. The layout has changed."
        )
    df = pd.DataFrame.from_dict(data["hexes"], orient="index")
    require_columns(df, ["n", "q", "r", region_key], what)
    df = df.rename_axis("code").reset_index()
    return df.rename(columns={"n": "name", region_key: "hex_region"})[
        ["code", "name", "q", "r", "hex_region"]]


def read_geojson(path: Path, columns: list[str], what: str):
    import geopandas as gpd

    gdf = gpd.read_file(path)
    require_columns(gdf, columns, what)
    return gdf.set_crs(4326, allow_override=True)


# WGS84 -> British National Grid through the OSGB36 Helmert transformation (EPSG:1314, "OSGB36
# to WGS 84 (6)", about 2 m), pinned so that the build gives the same coordinates whether or not
# the OSTN15 grid is installed (the data are at ~100 m detail; byte-identical rebuilds matter more).
BNG_PIPELINE = (
    "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=push +v_3 "
    "+step +proj=cart +ellps=WGS84 +step +inv +proj=helmert +x=446.448 +y=-125.157 +z=542.06 "
    "+rx=0.15 +ry=0.247 +rz=0.842 +s=-20.489 +convention=position_vector "
    "+step +inv +proj=cart +ellps=airy +step +proj=pop +v_3 "
    "+step +proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy"
)


def _bng_transformer():
    from pyproj import Transformer

    return Transformer.from_pipeline(BNG_PIPELINE)


def _to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _bng_transformer().transform(lon, lat)


def to_wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _bng_transformer().transform(x, y, direction="INVERSE")


def geoms_to_bng(geoms: np.ndarray) -> np.ndarray:
    import shapely

    return shapely.transform(np.asarray(geoms, dtype=object),
                             lambda xy: np.column_stack(_to_bng(xy[:, 0], xy[:, 1])))


def decode_topojson(path: Path, code_key: str, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Polygons of a TopoJSON object ``wpc`` in EPSG:27700, built from its shared arcs."""
    import shapely

    topo = _read_json(path, what)
    try:
        scale = np.asarray(topo["transform"]["scale"], dtype=float)
        translate = np.asarray(topo["transform"]["translate"], dtype=float)
        arcs = topo["arcs"]
        objects = topo["objects"]["wpc"]["geometries"]
    except (KeyError, TypeError) as err:
        raise BuildCheckError(
            f"{what}: expected a quantised TopoJSON with arcs, transform and object 'wpc' "
            f"({err!r} missing); the layout has changed."
        ) from err
    props = pd.DataFrame([g.get("properties", {}) for g in objects])
    require_columns(props, [code_key], what)
    # decode every arc once (delta-encoded quantised positions), then project them together, so
    # that the arcs shared by neighbours stay identical
    lengths = np.array([len(a) for a in arcs])
    q = np.concatenate([np.asarray(a, dtype=np.int64) for a in arcs])
    arc_id = np.repeat(np.arange(len(arcs)), lengths)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    cum = np.cumsum(q, axis=0)
    base = np.r_[np.zeros((1, 2), dtype=np.int64), cum[starts[1:] - 1]]
    q = cum - base[arc_id]
    x, y = _to_bng(q[:, 0] * scale[0] + translate[0], q[:, 1] * scale[1] + translate[1])
    xy = np.column_stack([x, y])
    arc_xy = np.split(xy, starts[1:])

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arc_xy[i] if i >= 0 else arc_xy[~i][::-1] for i in indices]
        return np.concatenate([parts[0], *[p[1:] for p in parts[1:]]])

    geoms = []
    for g in objects:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            raise BuildCheckError(f"{what}: geometry type {g.get('type')!r}; expected polygons.")
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        geoms.append(shapely.MultiPolygon(
            [shapely.Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polygons]))
    return props[code_key].to_numpy(dtype=str), np.array(geoms, dtype=object)




def same_codes(codes, expected, what: str, against: str) -> None:
    codes, expected = pd.Index(codes), pd.Index(expected)
    if codes.duplicated().any() or set(codes) != set(expected):
        raise BuildCheckError(
            f"{what}: codes differ from the {against}: duplicated "
            f"{codes[codes.duplicated()].tolist()[:5]}, missing "
            f"{sorted(set(expected) - set(codes))[:5]}, unexpected "
            f"{sorted(set(codes) - set(expected))[:5]}."
        )


