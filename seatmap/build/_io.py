"""Reading raw sources defensively and writing processed files deterministically."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._atomic import atomic_write
from ._schema import BuildCheckError, Table, format_for_csv, validate

__all__ = ["SourceMissingError", "atomic_write", "require_columns", "source_path", "write_table"]

DEFAULT_SOURCES = Path(__file__).resolve().parents[2].parent / "shared" / "sources"


class SourceMissingError(BuildCheckError):
    """A raw source folder or file is not where the build expects it."""


def source_path(sources: Path, folder: str, filename: str | None = None) -> Path:
    """Return ``sources/folder[/filename]``, raising a clear error if it is absent."""
    base = Path(sources) / folder
    if not base.is_dir():
        raise SourceMissingError(
            f"Source folder {folder!r} is missing from {sources}. Put the shared sources beside "
            "the checkout (../shared/sources) or pass --sources PATH; each folder's PROVENANCE.md "
            "says where its files come from."
        )
    if filename is None:
        return base
    path = base / filename
    if not path.exists():
        raise SourceMissingError(
            f"Source file {filename!r} is missing from {base}. See {base / 'PROVENANCE.md'}."
        )
    return path


def require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Fail with the list of missing and available columns if a source's layout changed."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise BuildCheckError(
            f"{what}: expected columns {missing} are missing; the source's layout has changed. "
            f"Columns found: {list(df.columns)}. Update the build code and PROVENANCE.md together."
        )


def write_table(df: pd.DataFrame, table: Table, out_dir: Path) -> Path:
    """Validate ``df`` against ``table`` and write it as a deterministic UTF-8 CSV."""
    df = validate(df, table)
    if table.primary_key:
        df = df.sort_values(list(table.primary_key), kind="stable")
    df = format_for_csv(df, table)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    path = Path(out_dir) / table.path
    atomic_write(path, buf.getvalue().encode("utf-8"))
    return path
