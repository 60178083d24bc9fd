"""Cells of a seat map's tooltips and seat cards: each column formatted as text (vectorised
where it matters: 650 rows), and the compact payload a page decodes (:func:`column_payload`).
Shared by :mod:`seatmap.mapspec` and the renderers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .colours import is_party_column
from .parties import PARTIES

__all__ = ["CellTable", "cells", "column_payload", "first_column", "format_column", "int_cells",
           "join_cells", "party_name_cells", "pct_cells", "plain_cells", "points_up_cells"]


# --------------------------------------------------------------------------------------------
# formatting columns for tooltips and cards (vectorised where it matters; 650 rows)


def cells(values, fmt) -> list[str]:
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
            else fmt(v) for v in values]


def pct_cells(s: pd.Series, d: int = 1) -> list[str]:
    return cells(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: f"{v:.{d}f}%")


def int_cells(s: pd.Series) -> list[str]:
    return cells(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: f"{round(v):,}")


def points_up_cells(s: pd.Series) -> list[str]:
    from ._format import fmt_up

    return cells(s.astype("Float64").to_numpy(dtype=object, na_value=None),
                lambda v: fmt_up(v) + " pts, rounded up")


def party_name_cells(s: pd.Series) -> list[str]:
    return cells(s.astype(object).where(s.notna(), None).to_numpy(),
                lambda v: PARTIES[v].name if v in PARTIES else str(v))


def plain_cells(s: pd.Series) -> list[str]:
    def f(v):
        if isinstance(v, (float, np.floating)):
            return f"{v:,.2f}".rstrip("0").rstrip(".") if abs(float(v)) < 1e6 else f"{v:,.0f}"
        if isinstance(v, (bool, np.bool_)):
            return "yes" if v else "no"
        return str(v)

    return cells(s.astype(object).where(s.notna(), None).to_numpy(), f)


def format_column(frame: pd.DataFrame, col: str) -> list[str]:
    s = frame[col]
    if col.endswith("_pct") and pd.api.types.is_numeric_dtype(s):
        return pct_cells(s)
    if col in ("swing_needed", "swing_to_lose"):
        return points_up_cells(s)
    if col in ("majority", "electorate", "valid_votes", "population") or col.endswith("_votes"):
        return int_cells(s)
    if is_party_column(s.astype("string")):
        return party_name_cells(s)
    return plain_cells(s)


def first_column(frame: pd.DataFrame, names: Sequence[str]) -> str | None:
    for n in names:
        if n in frame.columns and frame[n].notna().any():
            return n
    return None


def join_cells(*parts: list[str], sep: str = " · ") -> list[str]:
    return [sep.join(p for p in row if p) for row in zip(*parts, strict=True)]


def column_payload(values: list[str]) -> dict:
    """Dictionary-code a column of strings when that is smaller."""
    distinct = sorted(set(values))
    if len(distinct) * 2 < len(values):
        pos = {v: i for i, v in enumerate(distinct)}
        return {"d": distinct, "i": [pos[v] for v in values]}
    return {"v": values}


@dataclass
class CellTable:
    labels: list[str] = field(default_factory=list)
    cols: list[list[str]] = field(default_factory=list)
    strong: list[bool] = field(default_factory=list)

    def add(self, label: str, values: list[str], strong: bool = False) -> None:
        if any(values):
            self.labels.append(label)
            self.cols.append(values)
            self.strong.append(strong)

    def payload(self) -> dict:
        return {"labels": self.labels, "cols": [column_payload(c) for c in self.cols],
                "strong": self.strong}


