"""Where the processed data lives: ``seatmap/data`` installed, ``data/`` in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Return the directory holding the processed data files."""
    installed = _HERE / "data"
    if (installed / "datapackage.json").exists():
        return installed
    checkout = _HERE.parent / "data"
    if (checkout / "datapackage.json").exists():
        return checkout
    raise FileNotFoundError(
        "seatmap's processed data was not found (looked in "
        f"{installed} and {checkout}). Reinstall seatmap, or in a source checkout run "
        "`python -m seatmap.build` to regenerate data/ from ../shared/sources."
    )
