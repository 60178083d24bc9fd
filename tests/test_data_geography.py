"""Geography data: seat registers, boundaries, hex layouts and the 2010 -> 2024 lookup.

Tests on data/ always run; tests that rebuild from the raw sources skip when they are absent.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from seatmap._geostore import read_geometries, write_geometries
from seatmap.build import _boundaries, _georecord, _geosources, geography
from seatmap.build._io import SourceMissingError
from seatmap.build._schema import BuildCheckError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "sources"
SETS = ("2010", "2024")

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"raw sources not found at {SOURCES} (clone them beside the checkout)"
)


def _csv(rel: str) -> pd.DataFrame:
    return pd.read_csv(DATA / rel, dtype={"code": str, "code_2010": str, "code_2024": str,
                                          "la_code": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def seats() -> dict[str, pd.DataFrame]:
    return {s: _csv(f"seats/pcon{s}.csv").set_index("code") for s in SETS}


@pytest.fixture(scope="module")
def boundaries() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {s: read_geometries(DATA / f"boundaries/pcon{s}.npz") for s in SETS}


@pytest.fixture(scope="module")
def reports(boundaries) -> dict[str, dict]:
    return {s: geography.boundary_report(*boundaries[s]) for s in SETS}


# ---------------------------------------------------------------------------------------------
# Seat registers


def test_register_columns_exactly(seats):
    expected = ["name", "nation", "region", "county", "la_code", "la_name", "la_share_pct",
                "la_count", "area_km2", "lon", "lat"]
    for s in SETS:
        assert seats[s].columns.tolist() == expected
        assert seats[s].index.is_unique and len(seats[s]) == 650


@pytest.mark.parametrize("set_id", SETS)
def test_seats_by_nation(seats, set_id):
    counts = seats[set_id]["nation"].value_counts().to_dict()
    assert counts == _georecord.NATION_COUNTS[set_id]
    prefixes = seats[set_id].index.str[:3].value_counts().to_dict()
    ni = "N06" if set_id == "2010" else "N05"
    assert prefixes == {"E14": counts["England"], "W07": counts["Wales"],
                        "S14": counts["Scotland"], ni: 18}


def test_region_counts_match_the_published_record(seats):
    assert seats["2010"]["region"].value_counts().to_dict() == {
        "South East": 84, "North West": 75, "London": 73, "West Midlands": 59, "Scotland": 59,
        "East of England": 58, "South West": 55, "Yorkshire and The Humber": 54,
        "East Midlands": 46, "Wales": 40, "North East": 29, "Northern Ireland": 18}
    # 2023 review: seats allocated to each English region
    assert seats["2024"]["region"].value_counts().to_dict() == {
        "South East": 91, "London": 75, "North West": 73, "East of England": 61,
        "South West": 58, "West Midlands": 57, "Scotland": 57, "Yorkshire and The Humber": 54,
        "East Midlands": 47, "Wales": 32, "North East": 27, "Northern Ireland": 18}


def test_known_seats(seats):
    s10, s24 = seats["2010"], seats["2024"]
    assert s10.loc["E14000582", ["name", "region", "county"]].tolist() == [
        "Boston and Skegness", "East Midlands", "Lincolnshire"]
    assert s10.loc["E14000611", ["name", "region", "county", "la_name", "la_share_pct"]].tolist() == [
        "Bury North", "North West", "Greater Manchester", "Bury", 100.0]
    assert s10.loc["W07000041", "name"] == "Ynys Môn"
    assert s10.loc["E14000530", ["county", "la_name", "la_share_pct", "la_count"]].tolist() == [
        "Hampshire", "Rushmoor", 89.91, 2]  # Aldershot: Rushmoor and Hart
    assert s24.loc["E14001114", ["name", "region"]].tolist() == ["Boston and Skegness", "East Midlands"]
    assert s24.loc["E14001144", "county"] == "Greater Manchester"  # Bury North
    assert s24.loc["W07000102", "name"] == "Montgomeryshire and Glyndŵr"  # diacritic restored
    assert s24.loc["W07000112", "name"] == "Ynys Môn"
    assert s24.loc["S14000111", "name"] == "West Aberdeenshire and Kincardine"
    assert s10.loc[s10["region"] == "London", "county"].eq("London").all()


def test_only_the_five_unchanged_scottish_codes_are_shared(seats):
    shared = sorted(set(seats["2010"].index) & set(seats["2024"].index))
    assert shared == ["S14000021", "S14000027", "S14000045", "S14000048", "S14000051"]
    for code in shared:
        assert seats["2010"].loc[code, "name"] == seats["2024"].loc[code, "name"]


def test_main_local_authority_fields(seats):
    for s in SETS:
        df = seats[s]
        assert df["la_code"].str.match(r"^(E0[6789]|W06|S12|N09)\d{6}$").all()
        assert df["la_share_pct"].between(25, 100).all()
        assert (df["la_count"] >= 1).all() and (df.loc[df["la_share_pct"] < 100, "la_count"] >= 2).all()
        outside_england = df["nation"] != "England"
        assert (df.loc[outside_england, "region"] == df.loc[outside_england, "nation"]).all()
        assert (df.loc[outside_england, "county"] == df.loc[outside_england, "la_name"]).all()
    # most 2010 seats lie within one authority (mySociety overlaps: 465 of 650 for LAD23)
    assert (seats["2010"]["la_count"] == 1).sum() == 466


def test_area_and_label_points_come_from_the_stored_geometry(seats, boundaries):
    from pyproj import Transformer

    to_bng = Transformer.from_crs(4326, 27700, always_xy=True)
    for s in SETS:
        codes, geoms = boundaries[s]
        df = seats[s].loc[codes]
        np.testing.assert_allclose(df["area_km2"], shapely.area(geoms) / 1e6, atol=0.0006)
        x, y = to_bng.transform(df["lon"].to_numpy(), df["lat"].to_numpy())
        assert shapely.contains_xy(geoms, x, y).all()
    # Ynys Môn (Anglesey): ONS gives 714 km² for the island constituency
    assert seats["2010"].loc["W07000041", "area_km2"] == pytest.approx(714, rel=0.01)


# ---------------------------------------------------------------------------------------------
# Boundaries


@pytest.mark.parametrize("set_id", SETS)
def test_boundaries_are_a_clean_coverage(boundaries, reports, seats, set_id):
    codes, _geoms = boundaries[set_id]
    assert sorted(codes) == sorted(seats[set_id].index) and len(codes) == 650
    rep = reports[set_id]
    assert rep["invalid"] == 0 and rep["empty"] == 0
    assert rep["overlap_km2"] <= _georecord.OVERLAP_TOLERANCE_KM2
    assert rep["overlap_pairs"] == 0
    assert rep["narrow_gaps"] == 0  # no repair slivers narrower than 20 m
    # unmatched edges: a handful where a hole touches a neighbour at one vertex
    assert rep["invalid_coverage_edges"] <= 20


@pytest.mark.parametrize("set_id", SETS)
def test_areas_by_nation_close_to_ons(reports, set_id):
    for nation, ons in _georecord.ONS_AREA_KM2[set_id].items():
        assert reports[set_id]["area_km2"][nation] == pytest.approx(ons, rel=0.01), nation


def test_detail_of_each_set(reports):
    # about 100 m detail: several times the ONS BUC (56,964 vertices in 2010, 37,372 in 2024)
    assert 400_000 < reports["2010"]["vertices"] < 460_000
    assert 130_000 < reports["2024"]["vertices"] < 160_000


def test_geometry_file_is_plain_npz_in_bng():
    with np.load(DATA / "boundaries/pcon2010.npz") as z:
        assert str(z["crs"]) == "EPSG:27700"
        assert z["codes"].shape == (650,)


# ---------------------------------------------------------------------------------------------
# Hex layouts


@pytest.mark.parametrize("set_id", SETS)
def test_hex_layouts(seats, set_id):
    hexes = _csv(f"hexmaps/pcon{set_id}.csv")
    assert hexes.columns.tolist() == ["code", "q", "r"]
    assert sorted(hexes["code"]) == sorted(seats[set_id].index)
    assert not hexes.duplicated(["q", "r"]).any()


def test_hex_positions_and_layout_are_recorded():
    h10 = _csv("hexmaps/pcon2010.csv").set_index("code")
    h24 = _csv("hexmaps/pcon2024.csv").set_index("code")
    assert h10.loc["E14000530", ["q", "r"]].tolist() == [-3, -11]  # Aldershot
    assert h24.loc["E14001063", ["q", "r"]].tolist() == [56, -40]
    assert (h10["q"].min(), h10["q"].max(), h10["r"].min(), h10["r"].max()) == (-17, 13, -16, 28)
    for table in (geography.HEX_2010, geography.HEX_2024):
        assert table.to_dict()["layout"] == "odd-r"
        assert "odd-r" in table.description


# ---------------------------------------------------------------------------------------------
# 2010 -> 2024 lookup


@pytest.fixture(scope="module")
def lookup() -> pd.DataFrame:
    return _csv("lookups/pcon2010_pcon2024.csv")


def test_lookup_covers_both_sets(lookup, seats):
    assert set(lookup["code_2010"]) == set(seats["2010"].index)
    assert set(lookup["code_2024"]) == set(seats["2024"].index)
    assert len(lookup) == 1326 and not lookup.duplicated(["code_2010", "code_2024"]).any()


def test_lookup_shares_sum_to_100(lookup):
    for col, key in (("pop_share_of_2010_pct", "code_2010"), ("pop_share_of_2024_pct", "code_2024"),
                     ("area_share_of_2010_pct", "code_2010"), ("area_share_of_2024_pct", "code_2024")):
        sums = lookup.groupby(key)[col].sum()
        assert sums.between(99.99, 100.01).all(), col


def test_lookup_known_pairs(lookup):
    pairs = lookup.set_index(["code_2010", "code_2024"])
    # Aldershot: all of the 2010 seat (105,218 people) is in the new Aldershot
    row = pairs.loc[("E14000530", "E14001063")]
    assert row["overlap_pop"] == 105218.0 and row["pop_share_of_2010_pct"] == 100.0
    assert row["pop_share_of_2024_pct"] == pytest.approx(94.744)
    # Orkney and Shetland is unchanged and keeps its code
    assert pairs.loc[("S14000051", "S14000051"), "pop_share_of_2024_pct"] == 100.0
    # Bury North's largest successor is the new Bury North
    bury = lookup[lookup["code_2010"] == "E14000611"]
    assert bury.loc[bury["pop_share_of_2010_pct"].idxmax(), "code_2024"] == "E14001144"


# ---------------------------------------------------------------------------------------------
# _geostore round trip (no data needed)


def test_geostore_round_trip_is_exact_and_deterministic(tmp_path):
    geoms = np.array([
        shapely.box(0, 0, 10, 10),
        shapely.MultiPolygon([shapely.box(100_000, 20, 160_000, 30),
                              shapely.box(40, 40, 50, 50).difference(shapely.box(42, 42, 44, 44))]),
    ])
    path = tmp_path / "g.npz"
    write_geometries(path, ["B", "A"], geoms)
    first = path.read_bytes()
    codes, back = read_geometries(path)
    assert codes.tolist() == ["B", "A"]
    assert shapely.equals(back, geoms).all() and (shapely.get_type_id(back) == 6).all()
    time.sleep(1.1)  # a different wall-clock time must not change the bytes
    write_geometries(path, ["B", "A"], geoms)
    assert path.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["g.npz"]  # no temporary files left


def test_geostore_rejects_bad_input(tmp_path):
    with pytest.raises(ValueError, match="not \\(Multi\\)Polygons"):
        write_geometries(tmp_path / "x.npz", ["A"], [shapely.Point(0, 0)])
    with pytest.raises(ValueError, match="unique"):
        write_geometries(tmp_path / "x.npz", ["A", "A"], [shapely.box(0, 0, 1, 1)] * 2)
    (tmp_path / "y.npz").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    with pytest.raises(ValueError, match="not a seatmap geometry file"):
        read_geometries(tmp_path / "y.npz")


def test_failed_repair_falls_back_to_the_reference_polygon():
    # a "bow tie" whose repair keeps both triangles (half the square's area) and a valid square
    bow_tie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    square = shapely.box(20, 0, 30, 10)
    reference = pd.Series([shapely.box(0, 0, 10, 10), square], index=["A", "B"])
    fixed, failed = _boundaries.repair(np.array(["A", "B"]), np.array([bow_tie, square]), reference)
    assert failed == ["A"]
    assert fixed[0].equals(reference["A"]) and fixed[1].equals(square)


# ---------------------------------------------------------------------------------------------
# Bad sources (need the raw sources)


def _sources_copy(tmp_path: Path, without: str | None = None, copy: str | None = None) -> Path:
    """A sources folder of symlinks, minus ``without``, with ``copy`` as a writable real copy."""
    root = tmp_path / "sources"
    root.mkdir()
    for folder in SOURCES.iterdir():
        if folder.name == without:
            continue
        if folder.name == copy:
            shutil.copytree(folder, root / folder.name)
            for f in (root / folder.name).rglob("*"):
                f.chmod(0o644 if f.is_file() else 0o755)
        else:
            (root / folder.name).symlink_to(folder)
    return root


@needs_sources
def test_missing_source_folder_is_named(tmp_path):
    src = _sources_copy(tmp_path, without="lookup-mysociety-local-authorities")
    with pytest.raises(SourceMissingError, match="lookup-mysociety-local-authorities"):
        geography.build(src, tmp_path / "out")


@needs_sources
def test_changed_columns_fail_clearly(tmp_path):
    folder = "lookup-mysociety-local-authorities"
    src = _sources_copy(tmp_path, copy=folder)
    csv = src / folder / "uk_local_authorities_future.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("nice-name", "short-name", 1),
                   encoding="utf-8")
    with pytest.raises(BuildCheckError, match="nice-name"):
        geography.build(src, tmp_path / "out")


@needs_sources
def test_changed_hexjson_layout_fails_clearly(tmp_path):
    folder = "hexmap-odileeds-hexmaps"
    src = _sources_copy(tmp_path, copy=folder)
    path = src / folder / "constituencies.hexjson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["layout"] = "even-q"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BuildCheckError, match="odd-r"):
        geography.build(src, tmp_path / "out")


@needs_sources
def test_changed_topojson_properties_fail_clearly(tmp_path):
    original = SOURCES / "boundaries-pcon2010-martinjc-topojson" / "ni" / "topo_wpc.json"
    topo = json.loads(original.read_text(encoding="utf-8"))
    for g in topo["objects"]["wpc"]["geometries"]:
        g["properties"]["PCON_ID"] = g["properties"].pop("PC_ID")
    path = tmp_path / "topo_wpc.json"
    path.write_text(json.dumps(topo), encoding="utf-8")
    with pytest.raises(BuildCheckError, match="PC_ID"):
        _geosources.decode_topojson(path, "PC_ID", "ni/topo_wpc.json")


# The rebuild check (byte for byte, exactly the declared files) is the one full rebuild test in
# tests/test_build_framework.py.
