"""assign_points on dask and dask-geopandas frames, partition by partition on a local cluster.

Needs the ``seatmap[scale]`` extra (dask, dask-geopandas, distributed); skipped without it.
"""

import numpy as np
import pandas as pd
import pytest
import shapely

dd = pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install 'seatmap[scale]')")
dgpd = pytest.importorskip("dask_geopandas", reason="dask-geopandas is not installed")
distributed = pytest.importorskip("distributed", reason="distributed is not installed")
pytestmark = pytest.mark.scale  # the scale group: its own extra, run separately in CI

import geopandas as gpd  # noqa: E402

import seatmap  # noqa: E402
from seatmap.points import assign_points  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def members():
    """20,000 points: most inside seats (around the seat centres), some at sea, some missing."""
    rng = np.random.default_rng(3)
    reg = seatmap.load_constituencies("2024")
    pick = rng.integers(0, len(reg), 20_000)
    lon = reg["lon"].to_numpy()[pick] + rng.normal(0, 0.01, len(pick))
    lat = reg["lat"].to_numpy()[pick] + rng.normal(0, 0.01, len(pick))
    lon[:50], lat[:50] = np.nan, np.nan
    lon[50:100], lat[50:100] = rng.uniform(-4.5, -3.8, 50), rng.uniform(53.6, 53.9, 50)  # sea
    return pd.DataFrame({"member_id": np.arange(len(lon)), "lon": lon, "lat": lat},
                        index=pd.RangeIndex(len(lon)) + 1000)


def _same(a: pd.Series, b: pd.Series) -> bool:
    return a.astype("string").fillna("").equals(b.astype("string").fillna(""))


def test_dask_dataframe_gives_the_same_answer_partition_by_partition(client, members):
    ddf = dd.from_pandas(members, npartitions=6)
    lazy = assign_points(ddf, lon="lon", lat="lat", status=True)
    assert isinstance(lazy, dd.DataFrame) and lazy.npartitions == 6
    got = lazy.compute()
    expected = assign_points(members, lon="lon", lat="lat", status=True, warn=False)
    assert got.index.equals(expected.index)
    assert _same(got["code"], expected["code"])
    assert got["status"].astype(str).tolist() == expected["status"].astype(str).tolist()
    counts = lazy["status"].value_counts().compute()
    assert counts["missing"] == 50 and counts["outside"] >= 50 and counts.sum() == len(members)
    # the result can be attached to the frame lazily
    ddf = ddf.assign(code=assign_points(ddf, lon="lon", lat="lat"))
    assert ddf.compute()["code"].notna().sum() == expected["code"].notna().sum()


def test_dask_geopandas_frame_on_the_2010_set(client, members):
    gdf = gpd.GeoDataFrame(members, geometry=gpd.points_from_xy(members.lon, members.lat),
                           crs=4326).to_crs(27700)
    dgdf = dgpd.from_geopandas(gdf, npartitions=4)
    got = assign_points(dgdf, "2010").compute()
    assert _same(got, assign_points(gdf, "2010", warn=False))


def test_custom_polygons_are_shipped_to_the_workers(client):
    squares = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)],
                               index=["left", "right"], crs=27700)
    pts = pd.DataFrame({"x": [5.0, 15.0, 25.0, 10.0], "y": [5.0, 5.0, 5.0, 5.0]})
    got = assign_points(dd.from_pandas(pts, npartitions=2), boundaries=squares, x="x", y="y",
                        crs=27700, status=True).compute()
    assert got["code"].tolist() == ["left", "right", pd.NA, pd.NA]
    assert got["status"].astype(str).tolist() == ["within", "within", "outside", "border"]


def test_partitions_in_different_coordinate_systems_fail_before_compute(client):
    # issue 9: a dask input with mixed CRS failed only at compute time
    lonlat = pd.DataFrame({"x": [-2.2995, -0.1246], "y": [53.5933, 51.4996]})
    grid = pd.DataFrame({"x": [380300.0, 530273.0], "y": [410800.0, 179518.0]}, index=[2, 3])
    mixed = dd.concat([dd.from_pandas(lonlat, npartitions=1), dd.from_pandas(grid, npartitions=1)])
    with pytest.raises(seatmap.SeatmapError, match="partitions 0 look like longitude/latitude; "
                                                   "partitions 1 look like British National Grid"):
        assign_points(mixed, x="x", y="y")
    got = assign_points(dd.from_pandas(grid, npartitions=2), x="x", y="y").compute()
    assert got.tolist() == ["E14001144", "E14001172"]
