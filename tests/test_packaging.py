"""The wheel carries every processed data file: pyproject lists each data folder and pattern."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages, patterns = set(config["packages"]), config["package-data"]
    data = ROOT / "data"
    missing = []
    for path in data.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.name == "__init__.py":
            continue
        rel = path.relative_to(data)
        package = ".".join(["seatmap.data", *rel.parts[:-1]])
        if package not in packages or not any(
                fnmatch.fnmatch(rel.name, pat) for pat in patterns.get(package, [])):
            missing.append(str(rel))
    assert not missing, f"add these to pyproject's packages/package-data: {missing}"


def test_every_asset_is_packaged():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["seatmap._assets"]
    assets = [p.name for p in (ROOT / "seatmap" / "_assets").iterdir() if p.is_file()]
    assert assets and all(any(fnmatch.fnmatch(a, pat) for pat in patterns) for a in assets)
