"""assign_points: known places, every input form, nothing dropped, and exact agreement with sjoin."""

import json
import pickle
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import seatmap
from seatmap import SeatmapError
from seatmap._pointindex import FORMAT_VERSION
from seatmap.points import STATUSES, PolygonIndex, UnassignedPointsWarning, assign_points

# (lon, lat) of well-known places and the seat they are in, on each boundary set
PLACES = pd.DataFrame(
    {"lon": [-0.1246, -2.2995, -2.2453, -2.9664, -5.9301],
     "lat": [51.4996, 53.5933, 53.4794, 53.4388, 54.5966]},
    index=pd.Index(["big_ben", "bury", "manchester_town_hall", "goodison_park", "belfast_city_hall"],
                   name="place"),
)
SEATS_2010 = ["E14000639", "E14000611", "E14000807", "E14000794", "N06000003"]
NAMES_2010 = ["Cities of London and Westminster", "Bury North", "Manchester Central",
              "Liverpool, Walton", "Belfast South"]
SEATS_2024 = ["E14001172", "E14001144", "E14001352", "E14001339", "N05000003"]
NAMES_2024 = ["Cities of London and Westminster", "Bury North", "Manchester Central",
              "Liverpool Walton", "Belfast South and Mid Down"]


def _names(codes, set_id):
    return codes.astype("string").map(seatmap.load_constituencies(set_id)["name"]).tolist()


@pytest.mark.parametrize(("set_id", "codes", "names"), [("2010", SEATS_2010, NAMES_2010),
                                                        ("2024", SEATS_2024, NAMES_2024)])
def test_known_places_on_both_boundary_sets(set_id, codes, names):
    got = assign_points(PLACES, set_id)
    assert got.tolist() == codes
    assert _names(got, set_id) == names
    assert got.index.equals(PLACES.index) and got.name == "code"
    report = got.attrs["report"]
    assert report.total == report.assigned == 5 and report.unassigned == 0


def test_default_is_the_current_2024_seats():
    assert assign_points(PLACES).tolist() == SEATS_2024
    assert seatmap.assign_points is assign_points


def test_lonlat_and_british_national_grid_inputs_agree():
    gdf = gpd.GeoDataFrame(PLACES, geometry=gpd.points_from_xy(PLACES.lon, PLACES.lat), crs=4326)
    bng = gdf.to_crs(27700)
    xy = pd.DataFrame({"easting": bng.geometry.x, "northing": bng.geometry.y}, index=PLACES.index)
    results = [
        assign_points(gdf, "2010"),
        assign_points(bng, "2010"),
        assign_points(bng.geometry, "2010"),
        assign_points(xy, "2010"),  # columns found by name
        assign_points(xy, "2010", x="easting", y="northing"),
        assign_points(lon=PLACES.lon.to_numpy(), lat=PLACES.lat.to_numpy(), boundary_set="2010"),
        assign_points(PLACES[["lon", "lat"]].to_numpy(), "2010"),  # detected as lon/lat
        assign_points(bng.get_coordinates().to_numpy(), "2010", crs=27700),
        assign_points(gdf.to_crs(3857), "2010"),  # another CRS is projected first
    ]
    for r in results:
        assert r.tolist() == SEATS_2010
    assert results[3].attrs["report"].crs.startswith("British National Grid")
    assert results[6].attrs["report"].crs == ("longitude/latitude, the coordinate array look like "
                                             "longitude/latitude (EPSG:4326)")


def test_nothing_is_dropped_and_everything_is_reported():
    frame = pd.DataFrame(
        {"lon": [-0.1246, 1.9, 2.35, np.nan, -0.1246, 200.0, -2.2995],
         "lat": [51.4996, 53.0, 48.85, 51.5, np.nan, 51.0, 53.5933]},
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    with pytest.warns(UnassignedPointsWarning, match="2 of 7 points assigned"):
        out = assign_points(frame, "2024", status=True)
    assert list(out.index) == [10, 11, 12, 13, 14, 15, 16]
    assert out["code"].tolist() == ["E14001172", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, "E14001144"]
    assert out["status"].tolist() == ["within", "outside", "outside", "missing", "missing",
                                      "invalid", "within"]
    assert list(out["status"].cat.categories) == list(STATUSES)
    report = out.attrs["report"]
    assert report.counts == {"within": 2, "border": 0, "nearest": 0, "outside": 2, "missing": 2,
                             "invalid": 1}
    assert list(report.rows["outside"]) == [11, 12] and list(report.rows["missing"]) == [13, 14]
    assert report.to_frame()["points"].sum() == 7
    assert "at sea or outside the UK" in report.summary()


def test_code_is_categorical_over_every_seat_so_empty_seats_count_zero():
    out = assign_points(PLACES, "2024")
    counts = out.value_counts()
    assert len(counts) == 650 and counts.sum() == 5 and (counts == 0).sum() == 645


def test_geodataframe_with_missing_geometry_and_non_points():
    gdf = gpd.GeoDataFrame(geometry=[shapely.Point(-0.1246, 51.4996), None, shapely.Point()],
                           crs=4326)
    out = assign_points(gdf, "2024", status=True, warn=False)
    assert out["status"].tolist() == ["within", "missing", "missing"]
    with pytest.raises(SeatmapError, match="needs point geometries"):
        assign_points(gpd.GeoSeries([shapely.box(0, 0, 1, 1)], crs=27700))


def test_helpful_errors():
    swapped = pd.DataFrame({"lon": [51.4996, 53.59], "lat": [-0.1246, -2.29]})
    with pytest.raises(SeatmapError, match="look swapped"):
        assign_points(swapped, lon="lon", lat="lat")
    with pytest.raises(SeatmapError, match="Did you mean 'latitude'"):
        assign_points(pd.DataFrame({"longitude": [0.0], "latitude": [51.0]}), lon="longitude",
                      lat="latitud")
    with pytest.raises(SeatmapError, match="Which columns"):
        assign_points(pd.DataFrame({"a": [1.0], "b": [2.0]}))
    with pytest.raises(SeatmapError, match="every value looks like longitude/latitude"):
        assign_points(x=[-0.12], y=[51.5], crs=27700)
    with pytest.raises(SeatmapError, match="Cannot tell the coordinate system"):
        assign_points(x=[5e7], y=[5e7])
    with pytest.raises(SeatmapError, match="Unknown on_border"):
        assign_points(PLACES, on_border="nearest")


def test_exactly_the_same_as_sjoin_within_including_borders_and_sea():
    """Vertices (exactly on borders and coasts), tiny jitters around them, and random points."""
    seats = seatmap.load_boundaries("2024")
    rng = np.random.default_rng(5)
    coords = shapely.get_coordinates(np.asarray(seats.geometry.array))
    pick = coords[rng.integers(0, len(coords), 4000)]
    jitter = rng.normal(0, 1, pick.shape) * rng.choice([0, 1e-6, 1e-2, 10, 500], (len(pick), 1))
    x0, y0, x1, y1 = seats.total_bounds
    random = np.column_stack([rng.uniform(x0, x1, 8000), rng.uniform(y0, y1, 8000)])
    xy = np.vstack([pick, pick + jitter, random])
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=27700)
    ours = assign_points(pts, "2024", status=True, warn=False)
    joined = gpd.sjoin(pts, seats[["geometry"]], predicate="within", how="left")
    right = "index_right" if "index_right" in joined else "code"
    theirs = joined[right].groupby(level=0).min().reindex(pts.index)
    assert ours["code"].astype("string").fillna("").tolist() == theirs.fillna("").tolist()
    # the vertices lie on a boundary: within no seat, reported as such
    assert (ours["status"].iloc[:4000] == "border").all()
    first = assign_points(pts.iloc[:4000], "2024", on_border="first", status=True, warn=False)
    touching = gpd.sjoin(pts.iloc[:4000], seats[["geometry"]], predicate="intersects")
    lowest = touching[right].groupby(level=0).min()
    assert first["code"].astype("string").tolist() == lowest.reindex(first.index).tolist()
    assert (first["status"] == "border").all()


def test_nearest_gives_coastal_points_a_seat_within_the_distance():
    squares = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)],
                               index=["A", "B"], crs=27700)
    pts = pd.DataFrame({"x": [50, 150, 205, 260, 100], "y": [50, 50, 50, 50, 50]})
    plain = assign_points(pts, boundaries=squares, crs=27700, status=True, warn=False)
    assert plain["code"].tolist() == ["A", "B", pd.NA, pd.NA, pd.NA]
    assert plain["status"].tolist() == ["within", "within", "outside", "outside", "border"]
    near = assign_points(pts, boundaries=squares, crs=27700, nearest=10, on_border="first",
                         status=True, warn=False)
    assert near["code"].tolist() == ["A", "B", "B", pd.NA, "A"]
    assert near["status"].tolist() == ["within", "within", "nearest", "outside", "border"]


def test_progress_callback_and_no_warning_when_all_assigned():
    calls = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assign_points(PLACES, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(5, 5)]


def test_polygon_index_semantics():
    boxes = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(0.5, 0.5, 1.5, 1.5)]
    idx = PolygonIndex(boxes[:2])
    x = np.array([0.5, 1.5, 1.0, 1.0, 3.0, np.nan])
    y = np.array([0.5, 0.5, 0.5, 1.0, 0.5, 0.5])
    assert idx.lookup(x, y).tolist() == [0, 1, -1, -1, -1, -1]  # shared edge: within neither
    assert idx.touching(x[2:5], y[2:5]).tolist() == [0, 0, -1]  # the lowest polygon touched
    overlapping = PolygonIndex([boxes[2], boxes[0]])
    assert overlapping.lookup([0.75, 0.25], [0.75, 0.25]).tolist() == [0, 1]  # lowest position
    again = pickle.loads(pickle.dumps(idx))
    assert again.lookup(x, y).tolist() == idx.lookup(x, y).tolist()


def test_index_cache_between_processes(tmp_path, monkeypatch):
    squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    monkeypatch.setenv("SEATMAP_CACHE_DIR", str(tmp_path))
    built = PolygonIndex.cached(squares, "test")
    files = list(tmp_path.glob("pointindex-test-*.npz"))
    assert len(files) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the cached index should have been used")

    monkeypatch.setattr(PolygonIndex, "__init__", no_build)
    loaded = PolygonIndex.cached(squares, "test")
    x, y = np.array([0.5, 1.5, 1.0, 9.0]), np.array([0.5, 0.5, 0.5, 0.5])
    assert loaded.lookup(x, y).tolist() == built.lookup(x, y).tolist() == [0, 1, -1, -1]
    files[0].write_bytes(b"not an index")  # a damaged cache file is rebuilt, not trusted
    monkeypatch.undo()
    monkeypatch.setenv("SEATMAP_CACHE_DIR", str(tmp_path))
    assert PolygonIndex.cached(squares, "test").lookup(x, y).tolist() == [0, 1, -1, -1]
    moved = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 3, 1)]  # other polygons, other key
    PolygonIndex.cached(moved, "test")
    assert len(list(tmp_path.glob("pointindex-test-*.npz"))) == 1  # the stale build is removed
    monkeypatch.setenv("SEATMAP_CACHE_DIR", "0")
    PolygonIndex.cached(squares, "off")
    assert not list(tmp_path.glob("pointindex-off-*"))


def test_a_cache_entry_is_trusted_only_if_its_stored_key_matches(tmp_path, monkeypatch):
    # issue 9: a valid index copied under another entry's name gave wrong codes
    monkeypatch.setenv("SEATMAP_CACHE_DIR", str(tmp_path))
    left = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    right = [shapely.box(1, 0, 2, 1), shapely.box(0, 0, 1, 1)]  # same squares, other order
    PolygonIndex.cached(left, "a")
    PolygonIndex.cached(right, "b")
    (a,), (b,) = tmp_path.glob("pointindex-a-*.npz"), tmp_path.glob("pointindex-b-*.npz")
    b.write_bytes(a.read_bytes())  # a valid index under the other entry's name
    x, y = np.array([0.5, 1.5]), np.array([0.5, 0.5])
    assert PolygonIndex.cached(right, "b").lookup(x, y).tolist() == [1, 0]  # rebuilt, not trusted
    with np.load(b) as z:  # and the entry now holds its own key
        assert str(z["key"]) == PolygonIndex.cache_key(right, "b")
    key = json.loads(PolygonIndex.cache_key(right, "b"))
    assert key["format"] == FORMAT_VERSION and key["name"] == "b"
    assert len(key["geometry_sha256"]) == 64


def test_seat_locator_cache_key_names_the_boundary_set_and_crs(tmp_path, monkeypatch):
    from seatmap._cache import clear_memory

    monkeypatch.setenv("SEATMAP_CACHE_DIR", str(tmp_path))
    clear_memory()
    try:
        assign_points(PLACES, "2010")
    finally:
        clear_memory()
    (entry,) = tmp_path.glob("pointindex-*.npz")
    with np.load(entry) as z:
        assert json.loads(str(z["key"]))["name"] == "pcon2010-4326"


def test_on_border_first_summary_says_the_border_points_were_assigned():
    # issue 9: "897 of 897 assigned ... Not assigned: 897"
    squares = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)],
                               index=["A", "B"], crs=27700)
    pts = pd.DataFrame({"x": [100.0, 100.0], "y": [50.0, 20.0]})
    report = assign_points(pts, boundaries=squares, crs=27700, on_border="first",
                           warn=False).attrs["report"]
    assert report.assigned == 2 and "Not assigned" not in report.summary()
    assert "Given a seat another way: 2 points exactly on a boundary, given the touching seat" \
        in report.summary()
    left = assign_points(pts, boundaries=squares, crs=27700, warn=False).attrs["report"]
    assert "Not assigned: 2 points exactly on a boundary" in left.summary()
