"""Column-by-column schemas for the processed tables (one place for each column's meaning).

Every processed CSV is declared as a :class:`Table` of :class:`Field` s. The build validates each
table against its schema before writing it, writes ``data/datapackage.json`` (read at run time to
type the columns) and generates the data dictionary in ``data/README.md`` from the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._validate import SeatmapError

__all__ = ["BuildCheckError", "Field", "Table", "ensure", "validate"]


class BuildCheckError(SeatmapError):
    """A processed table failed a schema check or a check against the published record."""


def ensure(ok, message: str) -> None:
    """Raise :class:`BuildCheckError` with ``message`` unless ``ok``: the build's one way to
    state a check (a source's layout, a figure of the published record).

    Examples
    --------
    >>> ensure(650 == 650, "650 seats")
    >>> ensure(649 == 650, "649 seats, expected 650")
    Traceback (most recent call last):
    ...
    seatmap.build._schema.BuildCheckError: 649 seats, expected 650
    """
    if not bool(ok):
        raise BuildCheckError(message)


@dataclass(frozen=True)
class Field:
    """One column of a processed table.

    ``type`` is one of ``string``, ``integer``, ``number``, ``boolean``. ``unit`` is free text
    (``votes``, ``percent (0-100)``, ``rank``...). ``decimals`` rounds ``number`` columns when
    written so that builds are byte-for-byte reproducible.
    """

    name: str
    type: str
    description: str
    unit: str = ""
    required: bool = True
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple | None = None
    decimals: int = 4

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"name": self.name, "type": self.type,
                               "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        cons: dict[str, Any] = {}
        if self.required:
            cons["required"] = True
        if self.unique:
            cons["unique"] = True
        if self.minimum is not None:
            cons["minimum"] = self.minimum
        if self.maximum is not None:
            cons["maximum"] = self.maximum
        if self.enum is not None:
            cons["enum"] = list(self.enum)
        if cons:
            out["constraints"] = cons
        return out


@dataclass(frozen=True)
class Table:
    """A processed table: a CSV under ``data/`` with its schema and sources."""

    path: str  # relative to data/, e.g. "results/ge2019.csv"
    title: str
    description: str
    sources: tuple[str, ...]
    fields: tuple[Field, ...]
    rows: int | None = None  # expected row count, if fixed
    primary_key: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[0].replace("/", "_")

    def to_dict(self) -> dict:
        out: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "sources": list(self.sources),
            "schema": {"fields": [f.to_dict() for f in self.fields]},
        }
        if self.primary_key:
            out["schema"]["primaryKey"] = list(self.primary_key)
        if self.rows is not None:
            out["rows"] = self.rows
        out.update(self.extra)
        return out


def validate(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Check ``df`` against ``table``'s schema and return it with columns in schema order.

    Raises
    ------
    BuildCheckError
        Naming the table, column and offending values.
    """
    names = [f.name for f in table.fields]
    missing = [n for n in names if n not in df.columns]
    extra = [c for c in df.columns if c not in names]
    if missing or extra:
        raise BuildCheckError(
            f"{table.path}: columns differ from the schema (missing {missing}, undeclared {extra})."
        )
    if table.rows is not None and len(df) != table.rows:
        raise BuildCheckError(f"{table.path}: {len(df)} rows, expected {table.rows}.")
    if table.primary_key and df.duplicated(list(table.primary_key)).any():
        dups = df.loc[df.duplicated(list(table.primary_key), keep=False), list(table.primary_key)]
        raise BuildCheckError(f"{table.path}: duplicate keys {dups.head().to_dict('records')}.")
    for f in table.fields:
        col = df[f.name]
        if f.required and col.isna().any():
            raise BuildCheckError(f"{table.path}.{f.name}: {int(col.isna().sum())} missing values.")
        if f.unique and col.dropna().duplicated().any():
            raise BuildCheckError(f"{table.path}.{f.name}: values are not unique.")
        if f.type in ("integer", "number"):
            num = pd.to_numeric(col, errors="coerce")
            bad = num.isna() & col.notna()
            if bad.any():
                raise BuildCheckError(
                    f"{table.path}.{f.name}: non-numeric values {col[bad].unique()[:5].tolist()}."
                )
            if f.type == "integer" and (num.dropna() % 1 != 0).any():
                raise BuildCheckError(f"{table.path}.{f.name}: non-integer values.")
            never = pd.Series(False, index=num.index)
            low = num < f.minimum if f.minimum is not None else never
            high = num > f.maximum if f.maximum is not None else never
            if low.any() or high.any():
                raise BuildCheckError(
                    f"{table.path}.{f.name}: values outside {f.minimum}..{f.maximum}: "
                    f"{num[low | high].head().tolist()}."
                )
        if f.enum is not None:
            bad = ~col.dropna().isin(f.enum)
            if bad.any():
                raise BuildCheckError(
                    f"{table.path}.{f.name}: values outside {list(f.enum)}: "
                    f"{col.dropna()[bad].unique()[:5].tolist()}."
                )
    return df[names]


def format_for_csv(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Round and type columns so that the written CSV is deterministic and compact."""
    out = df.copy()
    for f in table.fields:
        if f.type == "number":
            out[f.name] = pd.to_numeric(out[f.name]).astype(float).round(f.decimals)
        elif f.type == "integer":
            out[f.name] = pd.to_numeric(out[f.name]).round().astype("Int64")
        elif f.type == "boolean":
            out[f.name] = out[f.name].astype("boolean")
    return out
