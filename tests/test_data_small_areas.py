"""Small areas (issue 22): counts, the 2010 best fit against mySociety's lookup, labels."""

from pathlib import Path

import pandas as pd
import pytest

import seatmap
from seatmap._store import read_table
from seatmap.build._io import DEFAULT_SOURCES

SOURCES = Path(DEFAULT_SOURCES)


@pytest.fixture(scope="module")
def areas():
    return seatmap.load_small_areas("2024")


def test_counts_per_nation_and_the_most_deprived_tenth(areas):
    assert len(areas) == 42619 and areas.index.is_unique
    assert areas.groupby("nation").size().to_dict() == {"E": 32844, "N": 890, "S": 6976, "W": 1909}
    top = areas[areas["imd_uk_decile"] == 1]
    assert len(top) == 4222
    assert top["seat_2024"].nunique() == 420
    # every seat of both sets holds at least one small area; populations are mid-2019
    assert areas["seat_2024"].nunique() == 650 and areas["seat_2010"].nunique() == 650
    assert int(areas["population"].sum()) == 66_796_831
    assert areas[["seat", "seat_name", "region", "la_name", "neighbourhood"]].notna().all().all()


def test_best_fit_2010_agrees_with_mysociety_for_99_65_percent():
    table = read_table("smallareas/small_areas.csv")
    differ = table["mysociety_seat_2010"].notna()
    assert int((~differ).sum()) == 42470
    assert round(100 * (~differ).mean(), 2) == 99.65
    assert table.loc[differ, "nation"].value_counts().to_dict() == {"E": 101, "S": 46, "W": 2}
    assert (table.loc[differ, "mysociety_seat_2010"] != table.loc[differ, "seat_2010"]).all()


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared sources not available")
def test_best_fit_2010_against_the_published_lookup_itself(areas):
    lookup = pd.read_csv(SOURCES / "deprivation-small-area-national-indices" / "pcon_lsoa.csv",
                         dtype=str).set_index("lsoa11")["pcon"]
    agree = (areas["seat_2010"] == lookup.reindex(areas.index)).mean()
    assert round(100 * agree, 2) == 99.65


def test_seat_follows_the_boundary_set():
    old, new = seatmap.load_small_areas("2010"), seatmap.load_small_areas(2024)
    assert (old["seat"] == old["seat_2010"]).all() and (new["seat"] == new["seat_2024"]).all()
    # Hartlepool's seat kept its name; its neighbourhoods are Hartlepool's named places
    hart = new[new["seat_name"] == "Hartlepool"]
    assert {"Headland & West View", "Jesmond"} <= set(hart["neighbourhood"])
    assert set(hart["la_name"]) == {"Hartlepool"}


def test_neighbourhood_is_a_place_in_the_same_seat(areas):
    places = read_table("smallareas/neighbourhoods.csv").set_index("code")
    placed = seatmap.assign_points(None, "2024", x=places["x"].to_numpy(float),
                                   y=places["y"].to_numpy(float), crs=27700, on_border="first",
                                   nearest=2000, warn=False)
    seat_of_place = pd.Series(placed.astype(str).to_numpy(), index=places.index)
    same = seat_of_place.reindex(areas["neighbourhood_code"]).to_numpy() == areas["seat"].to_numpy()
    assert same.mean() > 0.999  # only seats without any named place borrow a neighbour's
    kinds = {n: set(g) for n, g in areas.groupby("nation")["neighbourhood_kind"]}  # pyarrow too
    assert kinds == {"E": {"MSOA"}, "W": {"MSOA"}, "S": {"ward"}, "N": {"SOA"}}


def test_generic_names_are_flagged(areas):
    generic = areas.loc[areas["neighbourhood_generic"].astype(bool), "neighbourhood"]
    assert {"North East", "East Centre"} <= set(generic)  # Glasgow's wards
    assert not areas.loc[areas["neighbourhood"] == "Headland & West View",
                         "neighbourhood_generic"].any()


def test_people_name_drops_soa_numbers():
    from seatmap.build.smallareas import people_name

    assert people_name("Falls 2", "SOA") == "Falls"
    assert people_name("Crumlin 2 (Antrim LGD)", "SOA") == "Crumlin"
