"""The map command (seatmap._cli_maps): `seatmap map`, its gains view and insets."""

import pytest

pytest.importorskip("folium")
pytest.importorskip("mapclassify")


def test_cli_map(tmp_path, capsys):
    from seatmap.cli import main

    out = tmp_path / "map.html"
    rc = main(["map", "--election", "2019", "--metric", "leave", "--layers", "targets,defences",
               "--party", "lab", "--top", "20", "--out", str(out)])
    assert rc == 0 and out.exists()
    text = capsys.readouterr().out
    assert "650 seats" in text and "Lab targets (20): 20 seats" in text
    assert main(["map", "--layers", "targets", "--out", str(out)]) == 2
    assert "needs --party" in capsys.readouterr().err
    assert main(["map", "--layers", "targts", "--party", "lab", "--out", str(out)]) == 2
    assert "Valid values: targets, defences, pilots" in capsys.readouterr().err


def test_cli_map_gains_and_insets(tmp_path, capsys):
    from seatmap.cli import main

    out, png = tmp_path / "g.html", tmp_path / "g.png"
    assert main(["map", "--election", "2024", "--gains", "--hex", "--out", str(out),
                 "--png", str(png), "--inset", "none"]) == 0
    text = capsys.readouterr().out
    # against the notional 2019 result, the previous election on the 2024 boundaries
    assert "layer Seats changing hands (" in text and png.stat().st_size > 20_000
    assert main(["map", "--election", "2019", "--out", str(tmp_path / "i.html"),
                 "--png", str(tmp_path / "i.png"), "--inset", "london, MANCHESTER"]) == 0
    assert main(["map", "--election", "2019", "--metric", "leave", "--gains",
                 "--out", str(tmp_path / "x.html")]) == 2
    assert "must hold parties" in capsys.readouterr().err
