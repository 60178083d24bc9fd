"""Typed reading of the processed files listed in ``datapackage.json`` (cached per process)."""

from __future__ import annotations

import json

from ._cache import memoized
from ._paths import data_dir

_DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


@memoized(maxsize=1)
def datapackage() -> dict:
    """The parsed ``datapackage.json``."""
    with open(data_dir() / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def resource(path: str) -> dict:
    """The datapackage entry for a processed file (``results/ge2019.csv``...)."""
    for res in datapackage()["resources"]:
        if res["path"] == path:
            return res
    raise FileNotFoundError(f"{path} is not listed in seatmap's datapackage.json.")


def source_ids(res: dict) -> list[str]:
    """The seatmap source ids (``seatmap.sources.SOURCES`` keys) behind a datapackage resource.

    Examples
    --------
    >>> source_ids(resource("results/ge2019.csv"))
    ['results-hoc-ge2019']
    """
    # a package written before sources were objects listed the ids themselves
    return [s["name"] if isinstance(s, dict) else s for s in res.get("sources", [])]


@memoized(maxsize=64)
def _read_cached(path: str):
    import pandas as pd

    res = resource(path)
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _DTYPES[f["type"]] for f in fields}
    return pd.read_csv(data_dir() / path, dtype=dtypes, keep_default_na=False,
                       na_values=[""], engine="c")


def read_table(path: str):
    """Return a fresh copy of a processed CSV, typed from its schema."""
    return _read_cached(path).copy()
