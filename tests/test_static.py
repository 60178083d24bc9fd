"""The PNG map (seatmap.static): the same colours as the HTML map, titles, the London inset,
legends and region names placed off the seats."""

import numpy as np
import pytest

import seatmap
from seatmap import SeatmapError
from seatmap.parties import PARTIES

pytest.importorskip("folium")
pytest.importorskip("mapclassify")


def test_png_uses_the_same_colours(tmp_path):
    mpl_image = pytest.importorskip("matplotlib.image")
    from seatmap.static import seats_to_png

    path = tmp_path / "winner.png"
    fig = seats_to_png(2019, "winner", path, dpi=100)
    assert fig is not None and path.stat().st_size > 20_000
    img = (mpl_image.imread(path)[:, :, :3] * 255).round().astype(int)
    counts = {}
    for p in ("con", "lab", "snp"):
        rgb = np.array([int(PARTIES[p].colour[i:i + 2], 16) for i in (1, 3, 5)])
        counts[p] = int((np.abs(img - rgb).max(axis=2) <= 2).sum())
    # Conservative blue dominates (365 mostly rural seats), then the SNP's yellow, then Labour
    assert counts["con"] > counts["snp"] > counts["lab"] > 500, counts


def test_png_takes_any_title(tmp_path):
    from seatmap.static import seats_to_png

    # "$" would start matplotlib mathematics (and an odd number of them fails): shown as written
    fig = seats_to_png(2019, "leave", tmp_path / "t.svg", title="Cost $5 and $x_1 {{ 7*7 }}",
                       dpi=40)
    assert fig._suptitle.get_text() == r"Cost \$5 and \$x_1 {{ 7*7 }}"
    assert (tmp_path / "t.svg").stat().st_size > 10_000


def _data_box(ax, artist):
    """An artist's drawn extent in the axes' data coordinates, as a shapely box."""
    import shapely

    fig = ax.figure
    fig.canvas.draw()
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(
        artist.get_window_extent(fig.canvas.get_renderer()).get_points())
    return shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def test_png_london_inset_legend_off_the_land_and_only_its_sources(tmp_path):
    """Issue 19: an inset of London (and metro areas on request), a legend over no seat and
    a sources footer naming only what the picture shows."""
    import shapely

    from seatmap.static import seats_to_png

    fig = seats_to_png(2024, "winner", tmp_path / "w.png", dpi=50)
    ax = fig.axes[0]
    insets = [a for a in ax.child_axes]
    assert [a.get_title(loc="left") for a in insets] == ["London"]
    land = shapely.union_all(seatmap.load_seats(2024).to_crs(27700).geometry.values)
    assert not _data_box(ax, ax.get_legend()).intersects(land)
    # the inset shows London's 75 seats large: their box is most of the inset's view
    x0, x1 = insets[0].get_xlim()
    assert 40_000 < x1 - x0 < 70_000  # about 55 km across, versus 800 km for the UK
    footer = fig.texts[-1].get_text().replace("\n", " ")
    # the boundaries' and the results' publishers only, not those of every column of the table
    assert footer.count("(") == 3 and "House of Commons Library" in footer
    assert "Hanretty" not in footer and "Centre for Cities" not in footer
    spec = seatmap.mapspec.map_spec(2024)
    assert len(spec.drawn_src_ids) == 3 < len(spec.src_ids)
    fig = seats_to_png(2019, "leave", None, insets=["London", "Manchester", "Birmingham"])
    assert [a.get_title(loc="left") for a in fig.axes[0].child_axes] == [
        "London", "Manchester", "Birmingham"]
    assert "Hanretty" in fig.texts[-1].get_text()  # the leave estimates' own source
    assert seats_to_png(2019, "leave", None, insets=[]).axes[0].child_axes == []
    with pytest.raises(SeatmapError, match="Unknown inset 'Atlantis'"):
        seats_to_png(2019, "leave", None, insets=["Atlantis"])


def test_hex_region_names_hide_no_seat(tmp_path):
    import shapely

    from seatmap.static import seats_to_png

    fig = seats_to_png(2024, "winner", tmp_path / "h.png", hexmap=True, dpi=80)
    ax = fig.axes[0]
    hexes = shapely.union_all(seatmap.datasets.load_hexmap("pcon2024").geometry.values)
    names = [t for t in ax.texts]
    assert len(names) == 12
    for t in names:  # each drawn name, as the PNG renders it, is clear of every hexagon
        assert not _data_box(ax, t).intersects(hexes), t.get_text()
    boxes = [_data_box(ax, t) for t in names]
    for i, a in enumerate(boxes):  # and of each other
        assert not any(a.intersects(b) for b in boxes[i + 1:]), names[i].get_text()
