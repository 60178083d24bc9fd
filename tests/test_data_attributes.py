"""Seat attributes (EU referendum, classification, deprivation, Census 2011/2021) against the record.

The first group reads the committed files under ``data/attributes`` and always runs. The second
rebuilds from ``../shared/sources`` (skipped when the sources are absent): a fresh build must
equal the committed files byte for byte, and damaged sources must fail with clear errors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from seatmap.build import _attr, census, classification, deprivation, euref
from seatmap.build._io import SourceMissingError
from seatmap.build._schema import BuildCheckError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "sources"
ATTRIBUTE_MODULES = (euref, classification, deprivation, census)
ATTRIBUTE_TABLES = [t for m in ATTRIBUTE_MODULES for t in m.TABLES]


def build_attributes(sources: Path, out: Path) -> list[Path]:
    """Run the four attribute build modules, as ``python -m seatmap.build`` does."""
    return [p for m in ATTRIBUTE_MODULES for p in m.build(sources, out)]


def read(path: str) -> pd.DataFrame:
    """A processed CSV indexed by code, empty cells as NaN."""
    return pd.read_csv(DATA / path, dtype={"code": str}, keep_default_na=False,
                       na_values=[""]).set_index("code")


def nation(df: pd.DataFrame) -> pd.Series:
    return df.index.str[0]


# ---------------------------------------------------------------------------------------------
# Committed data
# ---------------------------------------------------------------------------------------------
class TestEuref:
    def test_2010_published_figures(self):
        eu = read("attributes/euref_pcon2010.csv")
        assert len(eu) == 650
        assert eu.loc["E14000582", "leave_pct"] == pytest.approx(75.65, abs=0.005)  # Boston
        assert eu.loc["E14000720", "leave_pct"] == pytest.approx(20.48, abs=0.005)  # Hackney N
        gb = eu[nation(eu) != "N"]
        assert int((gb["leave_pct"] > 50).sum()) == 403
        assert gb["leave_pct"].idxmax() == "E14000582"
        assert gb["leave_pct"].idxmin() == "E14000720"

    def test_2010_northern_ireland_counts(self):
        eu = read("attributes/euref_pcon2010.csv")
        ni = eu[nation(eu) == "N"]
        assert len(ni) == 18 and ni["leave_known"].all()
        assert ni.loc["N06000001", "leave_pct"] == pytest.approx(100 * 21918 / (21918 + 20728))
        assert round(ni.loc["N06000001", "leave_pct"], 2) == 51.40  # corrected from 51.94
        assert ni.loc["N06000008", "leave_pct"] == pytest.approx(21.74, abs=0.005)  # Foyle
        assert ni.loc["N06000018", "leave_pct"] == pytest.approx(33.15, abs=0.005)  # W Tyrone
        assert int((ni["leave_pct"] > 50).sum()) == 7

    def test_2010_known_flag_follows_the_figure_used(self):
        eu = read("attributes/euref_pcon2010.csv")
        assert eu.loc["E14000530", "leave_known"]  # Aldershot: Rosenbaum/Greenwood count
        assert eu.loc["E14000530", "leave_pct"] == pytest.approx(57.8978, abs=1e-4)
        # Ward counts exist for Carshalton and Wallington, but Hanretty's figure is the estimate
        assert not eu.loc["E14000621", "leave_known"]
        assert eu.loc["E14000621", "leave_basis"] == "estimate (Hanretty 2017)"
        assert eu.loc["S14000007", "leave_basis"] == "estimate (Hanretty 2017, adjusted)"
        counts = eu["leave_basis"].value_counts()
        assert counts["count (Rosenbaum/Greenwood, BBC)"] == 113
        assert counts["count (council data)"] == 13
        assert int(eu["leave_known"].sum()) == 126 + 18

    def test_2024_set(self):
        eu = read("attributes/euref_pcon2024.csv")
        assert len(eu) == 650 and not eu["leave_known"].any()
        assert eu.loc["E14001114", "leave_pct"] == pytest.approx(76.19, abs=0.005)  # Boston
        # the five provisional Scottish codes are replaced by the final ones
        assert {"S14000107", "S14000108", "S14000109", "S14000110", "S14000111"} <= set(eu.index)
        assert not {"S14000006", "S14000008", "S14000010", "S14000040", "S14000058"} & set(eu.index)
        assert eu.loc["S14000111", "leave_pct"] == pytest.approx(39.08, abs=0.005)
        ni = eu[nation(eu) == "N"]
        assert len(ni) == 18
        assert (ni["leave_basis"] == "estimate (NI counts by population overlap)").all()
        # Foyle takes population only from old Foyle; West Tyrone mostly from old West Tyrone
        assert ni.loc["N05000008", "leave_pct"] == pytest.approx(21.74, abs=0.005)
        assert ni.loc["N05000018", "leave_pct"] == pytest.approx(33.15, abs=0.05)
        assert ni["leave_pct"].between(21.7, 62.3).all()


class TestOneOverlapLookup:
    """Issue 18: the town/city and NI leave carries use the published lookup's 1,326 pairs (they
    used mySociety's PARL10->PARL25 table alone, 1,306 pairs, missing 20 pairs and 53,131 people)."""

    def test_every_carry_uses_the_published_pairs(self):
        pairs = _attr.overlap_pairs(SOURCES)
        lookup = pd.read_csv(DATA / "lookups" / "pcon2010_pcon2024.csv")
        assert len(pairs) == _attr.OVERLAP_PAIRS == len(lookup) == 1326
        only_back = pairs.merge(
            pd.read_csv(SOURCES / _attr.OVERLAPS / _attr.OVERLAP_FILE)[["PARL10", "PARL25"]],
            how="left", indicator=True).query("_merge == 'left_only'")
        assert len(only_back) == 20 and round(only_back["overlap_pop"].sum()) == 53131

    def test_norwich_north_is_not_all_city(self):
        # Norwich North draws 20,000+ people from the old Broadland (a PARL25->PARL10-only pair):
        # 94.5 % Other City, 1.4 % town, 4.2 % village (was 100 % Other City as built)
        c = read("attributes/classification_pcon2024.csv").loc["E14001408"]
        town = c[["large_town_pct", "medium_town_pct", "small_town_pct"]].sum()
        assert (round(c["other_city_pct"], 1), round(town, 1), round(c["village_pct"], 1)) == \
            (94.5, 1.4, 4.2)
        assert c["town_pct_high"] == pytest.approx(5.53, abs=0.01)

    def test_belfast_west_leave_from_all_pairs(self):
        eu = read("attributes/euref_pcon2024.csv")
        assert round(eu.loc["N05000004", "leave_pct"], 2) == 29.01  # 27.65 with 1,306 pairs
        assert round(eu.loc["N05000002", "leave_pct"], 2) == 48.70  # Belfast North


class TestClassification:
    def test_commons_library_classes(self):
        c = read("attributes/classification_pcon2010.csv")
        assert len(c) == 650
        assert c.loc["E14000733", "large_town_pct"] == pytest.approx(96.5, abs=0.05)  # Hartlepool
        assert c.loc["E14000733", "primary_class"] == "Large Town"
        assert c.loc["E14000733", "settlement"] == "town"
        assert c.loc["E14000807", "core_city_pct"] == pytest.approx(100)  # Manchester Central
        assert c.loc["E14000775", "core_city_pct"] == pytest.approx(57.6, abs=0.05)  # Knowsley
        assert c.loc["E14000775", "settlement"] == "city"
        assert c.loc["E14000819", "primary_class"] == "Other City"  # Middlesbrough
        assert c.loc["W07000041", "primary_class"] == "Village or smaller"  # Ynys Mon
        shares = c.filter(regex="^(core|other|large|medium|small|village).*_pct$")
        assert len(shares.columns) == 7
        gb = nation(c) != "N"
        assert (shares[gb].sum(axis=1) - 100).abs().max() < 0.01

    def test_settlement_counts_and_northern_ireland(self):
        c = read("attributes/classification_pcon2010.csv")
        assert c["settlement"].value_counts().to_dict() == {
            "town": 353, "city": 182, "village": 87, "unclassified": 18, "mixed": 10}
        ni = c[nation(c) == "N"]
        assert (ni["primary_class"] == "Unclassified").all()
        assert ni.filter(regex="^(core|other|large|medium|small|village)").isna().all().all()
        assert ni["ruc_label"].notna().all()  # the urban/rural profile covers NI

    def test_urban_rural_profile(self):
        c = read("attributes/classification_pcon2010.csv")
        assert c.loc["E14000530", "ruc_label"] == "Urban"  # Aldershot
        assert c.loc["E14000533", "ruc_urban_pct"] == pytest.approx(83.24, abs=0.01)
        assert c.loc["E14000533", "ruc_label"] == "Urban with rural areas"  # Amber Valley
        ruc = c[["ruc_urban_pct", "ruc_rural_pct", "ruc_highly_rural_pct"]].sum(axis=1)
        assert (ruc - 100).abs().max() < 0.01

    def test_2024_set(self):
        c = read("attributes/classification_pcon2024.csv")
        assert len(c) == 650 and c["ruc_label"].notna().all()
        assert c["cfc_class"].value_counts().to_dict() == {
            "City": 310, "Hinterland": 200, "Deep rural": 65}
        assert c.loc["E14001272", "cfc_class"] == "Hinterland"  # Hartlepool
        assert c.loc["E14001105", "cfc_pua"] == "Blackpool"  # Blackpool South
        assert c.loc[nation(c).isin(["S", "N"]), ["cfc_class", "cfc_pua"]].isna().all().all()
        assert c["cfc_pua"].notna().sum() == 310

    def test_2024_library_classes_carried_with_bounds(self):
        """Library classes on the 2024 seats: estimates, kept only where the bounds allow."""
        c = read("attributes/classification_pcon2024.csv")
        gb = nation(c) != "N"
        assert c["settlement"].value_counts().to_dict() == {
            "town": 279, "city": 177, "uncertain": 125, "village": 48, "unclassified": 18,
            "mixed": 3}
        assert (c.loc[~gb, "settlement"] == "unclassified").all()
        kept = c["large_town_pct"].notna()
        assert int(kept.sum()) == 406 and not kept[~gb].any()
        town = c[["large_town_pct", "medium_town_pct", "small_town_pct"]].sum(axis=1)
        # the estimate lies inside the bounds, and the bounds are within 10 points of it
        assert (town[kept] >= c.loc[kept, "town_pct_low"] - 1e-3).all()
        assert (town[kept] <= c.loc[kept, "town_pct_high"] + 1e-3).all()
        worst = pd.concat([town - c["town_pct_low"], c["town_pct_high"] - town], axis=1).max(axis=1)
        assert (worst[kept] <= 10 + 1e-3).all()
        # Hartlepool was a single 2010 seat (96.5% Large Town); it is unchanged in 2024
        assert c.loc["E14001272", "large_town_pct"] == pytest.approx(96.5, abs=0.05)
        assert c.loc["E14001272", "settlement"] == "town"
        # Manchester Central: certainly a city seat, but its town share is not pinned down
        assert c.loc["E14001352", "settlement"] == "city"
        assert pd.isna(c.loc["E14001352", "large_town_pct"])

    def test_2024_priority_town_component(self):
        import seatmap
        from seatmap.targeting import priority_components

        s = seatmap.load_seats(2024, geometry=False)
        town = s[["large_town_pct", "medium_town_pct", "small_town_pct"]].sum(axis=1, min_count=1)
        assert town.notna().sum() == 406
        comp = priority_components(s, "lab", pd.Series(0.0, index=s.index))
        assert comp.loc["E14001272", "town"] == pytest.approx(0.965, abs=0.001)  # Hartlepool
        assert comp.loc["E14001352", "town"] == 0.5  # neutral: the estimate is not good enough
        assert int((comp["town"] == 0.5).sum()) == 650 - 406


class TestDeprivation:
    def test_england_commons_library(self):
        d = read("attributes/deprivation_pcon2010.csv")
        assert d.loc["E14000794", "eng_imd_rank"] == 1  # Liverpool, Walton
        assert d.loc["E14000794", "eng_imd_score"] == pytest.approx(55.676)
        assert d.loc["E14000573", "eng_imd_rank"] == 3  # Blackpool South
        assert d.loc["E14000573", "eng_imd_score"] == pytest.approx(48.355)
        assert d.loc["E14000819", "eng_top10_pct"] == pytest.approx(59.6, abs=0.05)  # M'bro
        assert d.loc["E14000775", "eng_top10_pct"] == pytest.approx(52.2, abs=0.05)  # Knowsley
        eng = nation(d) == "E"
        assert sorted(d.loc[eng, "eng_imd_rank"]) == list(range(1, 534))
        assert d.loc[~eng, ["eng_imd_rank", "eng_imd_score", "eng_top10_pct"]].isna().all().all()
        assert (d.loc[eng, "national_top10_pct"] == d.loc[eng, "eng_top10_pct"]).all()
        assert (d.loc[eng, "national_rank"] == d.loc[eng, "eng_imd_rank"]).all()

    def test_uk_composite(self):
        d = read("attributes/deprivation_pcon2010.csv")
        assert d["imd_uk_score"].idxmax() == "N06000004"  # Belfast West
        assert d["imd_uk_score"].max() == pytest.approx(71.9, abs=0.05)
        assert d.loc["N06000004", ["imd_uk_decile", "imd_uk_quintile"]].tolist() == [1, 1]
        d24 = read("attributes/deprivation_pcon2024.csv")
        assert len(d24) == 650
        assert d24["imd_uk_score"].idxmax() == "N05000004"
        assert d24["imd_uk_score"].max() == pytest.approx(72.52, abs=0.005)

    def test_national_indices(self):
        d = read("attributes/deprivation_pcon2010.csv")
        assert d.loc["W07000052", "national_score"] == pytest.approx(33.8, abs=0.05)  # Rhondda
        assert d.loc["W07000052", "national_rank"] == 1
        assert d.loc["S14000032", "national_top10_pct"] == pytest.approx(49, abs=0.5)  # Glasgow NE
        assert d.loc["S14000030", "national_top10_pct"] == pytest.approx(44, abs=0.5)  # Glasgow E
        assert d.loc["N06000004", "national_top10_pct"] == pytest.approx(46, abs=0.5)  # Belfast W
        assert d.loc["N06000008", "national_top10_pct"] == pytest.approx(31, abs=0.5)  # Foyle
        assert d.loc[nation(d).isin(["S", "N"]), "national_score"].isna().all()
        for n, size in {"E": 533, "W": 40, "S": 59, "N": 18}.items():
            assert sorted(d.loc[nation(d) == n, "national_rank"]) == list(range(1, size + 1))


class TestCensus:
    def test_published_figures(self):
        c = read("attributes/census2011_pcon2010.csv")
        assert len(c) == 632 and "N" not in set(nation(c))
        assert c.loc["E14000733", "routine_pct"] == pytest.approx(34.4, abs=0.05)  # Hartlepool
        assert c.loc["E14000775", "routine_pct"] == pytest.approx(34.3, abs=0.05)  # Knowsley
        assert c.loc["E14000807", "level4_pct"] == pytest.approx(29.7, abs=0.05)  # Manchester C
        assert c.loc["E14000733", "population"] == 92028

    def test_shares(self):
        c = read("attributes/census2011_pcon2010.csv")
        nssec = c.filter(regex="^nssec_(?!5_7)")
        assert len(nssec.columns) == 9
        assert (nssec.sum(axis=1) - 100).abs().max() < 0.01
        assert (c["routine_pct"] - c["nssec_semi_routine_pct"] - c["nssec_routine_pct"]).abs().max() < 1e-3
        scot = nation(c) == "S"
        assert c.loc[scot, "degree_pct"].isna().all() and c.loc[~scot, "degree_pct"].notna().all()
        assert (c.loc[~scot, "degree_pct"] < c.loc[~scot, "level4_pct"]).all()


class TestCensus2021:
    """Figures verified from Ralph Scott's file (see its PROVENANCE.md)."""

    def test_published_figures(self):
        c = read("attributes/census2021_pcon2024.csv")
        assert len(c) == 632 and set(nation(c)) == {"E", "W", "S"}
        assert c.loc["E14001272", "routine_pct"] == pytest.approx(30.5, abs=0.05)  # Hartlepool
        assert c.loc["E14001317", "routine_pct"] == pytest.approx(30.7, abs=0.05)  # Knowsley
        assert c.loc["E14001367", "routine_pct"] == pytest.approx(30.7, abs=0.05)  # Middlesbrough
        assert c.loc["E14001105", "routine_pct"] == pytest.approx(30.8, abs=0.05)  # Blackpool S
        assert c.loc["E14001352", "routine_pct"] == pytest.approx(21.7, abs=0.05)  # Manchester C
        assert c.loc["E14001352", "level4_pct"] == pytest.approx(40.7, abs=0.05)
        assert c.loc["E14001272", "level4_pct"] == pytest.approx(24.8, abs=0.05)
        assert c.loc["E14001272", "population"] == 92338
        # Hartlepool: 14.8 semi-routine + 15.7 routine + 6.8 lower supervisory
        assert c.loc["E14001272", "nssec_5_7_pct"] == pytest.approx(37.3, abs=0.05)
        assert c.loc["E14001272", "cars_none_pct"] == pytest.approx(29.6, abs=0.05)
        assert c.loc["E14001272", "industry_health_social_work_pct"] == pytest.approx(16.8, abs=0.05)

    def test_scotland_has_only_what_its_census_offered(self):
        c = read("attributes/census2021_pcon2024.csv")
        scot = nation(c) == "S"
        assert scot.sum() == 57
        for col in ["routine_pct", "nssec_5_7_pct", "level4_pct", "no_quals_pct",
                    "owned_outright_pct", "cars_none_pct", "health_bad_pct",
                    "industry_manufacturing_pct"]:
            assert c.loc[scot, col].isna().all(), col
            assert c.loc[~scot, col].notna().all(), col
        for col in ["population", "age_65_74_pct", "ethnicity_white_pct", "born_uk_pct"]:
            assert c[col].notna().all(), col

    def test_same_names_as_census_2011(self):
        c11 = read("attributes/census2011_pcon2010.csv")
        c21 = read("attributes/census2021_pcon2024.csv")
        shared = set(c11.columns) & set(c21.columns)
        assert {"population", "routine_pct", "nssec_5_7_pct", "level4_pct", "no_quals_pct",
                *c11.filter(regex="^nssec_").columns} <= shared
        # Hartlepool's NS-SeC 6-7 share fell from 34.4% (2011, old seat) to 30.5% (2021)
        assert c11.loc["E14000733", "routine_pct"] > c21.loc["E14001272", "routine_pct"]

    def test_groups_sum_to_100(self):
        c = read("attributes/census2021_pcon2024.csv")
        ew = nation(c) != "S"
        for cols in [c.filter(regex="^nssec_(?!5_7)").columns, c.filter(regex="^age_").columns,
                     c.filter(regex="^industry_").columns]:
            assert (c.loc[ew, cols].sum(axis=1) - 100).abs().max() <= 0.5

    def test_share_alike_in_the_data_dictionary(self):
        readme = (DATA / "README.md").read_text()
        assert "census2021_pcon2024.csv" in readme
        assert "CC BY-SA 4.0" in readme and "ShareAlike" in readme

    def test_loaders(self):
        import seatmap

        assert len(seatmap.load_census(2024)) == 632
        seats = seatmap.load_seats(2024, geometry=False)
        assert seats.loc["E14001272", "routine_pct"] == pytest.approx(30.5, abs=0.05)
        assert seats.loc[seats.index.str.startswith("N"), "routine_pct"].isna().all()


# ---------------------------------------------------------------------------------------------
# Rebuilding from the sources
# ---------------------------------------------------------------------------------------------
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(),
                                   reason=f"raw sources not found at {SOURCES}")


def _sources_copy(tmp: Path, copy: str | None = None, drop: str | None = None) -> Path:
    """A sources tree of symlinks, with one folder copied (to damage it) or left out."""
    root = tmp / "sources"
    root.mkdir()
    for src in SOURCES.iterdir():
        if src.name == drop:
            continue
        if src.name == copy:
            (root / src.name).mkdir()
            for f in src.iterdir():
                shutil.copyfile(f, root / src.name / f.name)
        else:
            (root / src.name).symlink_to(src)
    return root


# The fresh-build check (every file byte for byte, and exactly the declared tables) is the one
# full rebuild test in tests/test_build_framework.py.


@needs_sources
@pytest.mark.parametrize("folder", ["euref-hanretty-2016", "classification-hoc-city-town",
                                    "lookup-openinnovations-pcon"])
def test_missing_folder(tmp_path, folder):
    sources = _sources_copy(tmp_path, drop=folder)
    with pytest.raises(SourceMissingError, match=folder):
        build_attributes(sources, tmp_path / "out")


@needs_sources
def test_missing_file(tmp_path):
    sources = _sources_copy(tmp_path, copy="euref-hanretty-2016")
    (sources / "euref-hanretty-2016" / "brexit-ni-constituencies.xlsx").unlink()
    with pytest.raises(SourceMissingError, match="brexit-ni-constituencies"):
        build_attributes(sources, tmp_path / "out")


def _edit_csv(path: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = path.read_text(encoding=encoding)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding=encoding)


@needs_sources
@pytest.mark.parametrize(("folder", "filename", "old", "new", "message"), [
    ("classification-hoc-city-town", "pcon-classification.csv", "percent_of_constituency",
     "share", "percent_of_constituency"),
    ("classification-mysociety-uk-ruc", "pcon_2025_ruc.csv", "highly_rural", "highly-rural",
     "highly_rural"),
    ("euref-hanretty-2024bnd", "Hanretty_Brexit_estimates_2024_boundaries.csv", "LeavePct",
     "Leave", "LeavePct"),
    ("lookup-mysociety-geographic-overlaps", "PARL10_PARL25_combo_overlap.from_parquet.csv",
     ",overlap_pop,", ",pop_overlap,", "overlap_pop"),
    ("classification-hoc-city-town", "pcon-classification.csv", "Medium Town", "Mid Town",
     "unknown classes"),
])
def test_changed_csv_layout(tmp_path, folder, filename, old, new, message):
    sources = _sources_copy(tmp_path, copy=folder)
    _edit_csv(sources / folder / filename, old, new)
    with pytest.raises(BuildCheckError, match=message):
        build_attributes(sources, tmp_path / "out")


@needs_sources
def test_changed_workbook_columns(tmp_path):
    folder = "euref-hanretty-2016"
    name = "Final estimates of the Leave vote share in the EU referendum.xlsx"
    sources = _sources_copy(tmp_path, copy=folder)
    gb = pd.read_excel(SOURCES / folder / name, sheet_name="google_sheets")
    gb.rename(columns={"Figure to use": "Figure"}).to_excel(
        sources / folder / name, sheet_name="google_sheets", index=False)
    with pytest.raises(BuildCheckError, match="Figure to use"):
        build_attributes(sources, tmp_path / "out")


@needs_sources
def test_unexpected_belfast_east_value(tmp_path):
    folder, name = "euref-hanretty-2016", "brexit-ni-constituencies.xlsx"
    sources = _sources_copy(tmp_path, copy=folder)
    ni = pd.read_excel(SOURCES / folder / name, sheet_name="Sheet1")
    ni.loc[ni["gss_code"] == "N06000001", "figure_to_use"] = 49.0
    ni.to_excel(sources / folder / name, sheet_name="Sheet1", index=False)
    with pytest.raises(BuildCheckError, match="Belfast East"):
        build_attributes(sources, tmp_path / "out")


@needs_sources
def test_carrying_2010_shares_to_2024_is_unreliable():
    """Why the Commons Library classes are not carried onto the 2024 seats (see the schema).

    Spread evenly by population overlap, mySociety's 2010-seat urban shares miss its own 2024
    figures by more than 10 points in 70 of 650 seats.
    """
    ruc10 = pd.read_csv(SOURCES / "classification-mysociety-uk-ruc" / "pcon_ruc.csv")
    values = (100 * ruc10.set_index("gss-code")[["urban"]])
    parl25 = _attr.parl25_codes(SOURCES)
    carried = _attr.carry_to_2024(values, SOURCES, parl25)["urban"]
    published = read("attributes/classification_pcon2024.csv")["ruc_urban_pct"]
    error = (carried - published.reindex(carried.index)).abs()
    assert len(carried) == 650
    assert int((error > 10).sum()) == 70
    assert error.max() > 50
    # ... unless the worst case allowed by the overlaps is small: then it is accurate
    bounds = _attr.carry_with_bounds(values, SOURCES, parl25)
    worst = pd.concat([carried - bounds["low"]["urban"], bounds["high"]["urban"] - carried],
                      axis=1).max(axis=1)
    kept = worst <= 10
    assert int(kept.sum()) == 450  # 451 before the 20 PARL25->PARL10-only pairs (issue 18)
    assert int((error[kept] > 10).sum()) == 1 and error[kept].max() < 10.5
    assert error[kept].mean() < 1.2 and error.mean() > 3.4


@needs_sources
def test_wrong_scottish_code_remapping_is_caught(tmp_path, monkeypatch):
    swapped = dict(euref.PROVISIONAL_SCOTTISH_2024)
    swapped["S14000006"], swapped["S14000008"] = swapped["S14000008"], swapped["S14000006"]
    monkeypatch.setattr(euref, "PROVISIONAL_SCOTTISH_2024", swapped)
    with pytest.raises(BuildCheckError, match="provisional Scottish codes"):
        euref.build(SOURCES, tmp_path)
