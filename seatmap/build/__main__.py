"""Command line for the data build: ``python -m seatmap.build [--check] [--sources PATH]``."""

from __future__ import annotations

import argparse
import filecmp
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

from . import MODULES
from ._datapackage import datapackage
from ._io import DEFAULT_SOURCES, SourceMissingError, atomic_write
from ._schema import BuildCheckError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
KEEP = {"__init__.py"}


def _modules(names=MODULES):
    return [importlib.import_module(f"seatmap.build.{m}") for m in names]


def declared_paths(mod) -> list[str]:
    """The files (relative to data/) a build module declares in ``TABLES`` and ``RESOURCES``."""
    return [t.path for t in mod.TABLES] + [r["path"] for r in getattr(mod, "RESOURCES", [])]


def _check_declared(mod, paths: list[Path], out_dir: Path) -> None:
    """A module must write exactly the files it declares (a build that writes nothing fails)."""
    wrote = sorted(str(Path(p).relative_to(out_dir)) for p in paths)
    declared = sorted(declared_paths(mod))
    if wrote != declared:
        raise BuildCheckError(
            f"{mod.__name__} wrote {len(wrote)} files but declares {len(declared)}: missing "
            f"{sorted(set(declared) - set(wrote))}, undeclared {sorted(set(wrote) - set(declared))}. "
            "Declare every file in the module's TABLES or RESOURCES and write each one.")


def build(sources: Path, out_dir: Path, verbose: bool = True) -> list[Path]:
    """Build every processed file into ``out_dir``; return the paths written."""
    sources = Path(sources)
    if not sources.is_dir():
        raise SourceMissingError(
            f"The sources directory {sources} does not exist. Clone the shared sources beside "
            "this checkout (../shared/sources) or pass --sources PATH."
        )
    mods = _modules()
    written: list[Path] = []
    for mod in mods:
        t0 = time.perf_counter()
        paths = mod.build(sources, out_dir)
        _check_declared(mod, paths, Path(out_dir))
        written.extend(paths)
        if verbose:
            print(f"  {mod.__name__.rsplit('.', 1)[1]:<12} {len(paths):>3} files "
                  f"({time.perf_counter() - t0:.1f} s)")
    pkg = datapackage(mods, out_dir)
    path = Path(out_dir) / "datapackage.json"
    atomic_write(path, (json.dumps(pkg, indent=1, ensure_ascii=False) + "\n").encode())
    written.append(path)
    from ._readme import render_readme

    readme = Path(out_dir) / "README.md"
    atomic_write(readme, render_readme(pkg).encode())
    written.append(readme)
    return written


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and p.name not in KEEP and "__pycache__" not in p.parts}


def check(sources: Path, data_dir: Path = DATA_DIR) -> list[str]:
    """Rebuild into a temporary directory and list how the committed data differs."""
    with tempfile.TemporaryDirectory() as tmp:
        build(sources, Path(tmp), verbose=False)
        fresh, committed = _tree(Path(tmp)), _tree(data_dir)
        problems = [f"missing from data/: {p}" for p in sorted(fresh - committed)]
        problems += [f"not produced by the build: {p}" for p in sorted(committed - fresh)]
        for rel in sorted(fresh & committed):
            if not filecmp.cmp(Path(tmp) / rel, data_dir / rel, shallow=False):
                problems.append(f"differs from a fresh build: {rel}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m seatmap.build [--check]``: rebuild data/, or check it equals a fresh build."""
    parser = argparse.ArgumentParser(
        prog="python -m seatmap.build",
        description="Regenerate seatmap's processed data (data/) from the raw sources.",
    )
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                        help=f"raw sources directory (default: {DEFAULT_SOURCES})")
    parser.add_argument("--out", type=Path, default=DATA_DIR,
                        help="output directory (default: the checkout's data/)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; fail if the committed data differs from a fresh build")
    parser.add_argument("--skip-missing", action="store_true",
                        help="with --check: exit 0 with a message when the sources are absent")
    args = parser.parse_args(argv)
    if args.check and args.skip_missing and not args.sources.is_dir():
        print(f"seatmap.build: sources not found at {args.sources}; skipping the data check "
              "(clone the shared sources beside the checkout to run it).")
        return 0
    try:
        if args.check:
            problems = check(args.sources, args.out)
            if problems:
                print("The committed data differs from a fresh build:", *problems, sep="\n  ")
                print("Run `python -m seatmap.build` and commit the result.")
                return 1
            print("data/ matches a fresh build of the sources.")
            return 0
        print(f"Building seatmap data from {args.sources} into {args.out}")
        paths = build(args.sources, args.out)
        print(f"Wrote {len(paths)} files; all checks against the published record passed.")
        return 0
    except BuildCheckError as err:
        print(f"seatmap.build: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
