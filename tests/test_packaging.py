"""The wheel carries every processed data file: pyproject lists each data folder and pattern."""

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import seatmap

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


def test_every_asset_is_listed_in_the_assets_readme():
    """seatmap/_assets/README.md says what each inlined file is and where it comes from."""
    readme = (ROOT / "seatmap" / "_assets" / "README.md").read_text()
    assets = [p.name for p in (ROOT / "seatmap" / "_assets").iterdir() if p.is_file()]
    missing = [a for a in assets if f"`{a}`" not in readme]
    assert not missing, f"describe these in seatmap/_assets/README.md: {missing}"


def test_the_package_is_marked_typed():
    """PEP 561: ``seatmap/py.typed`` ships, so type checkers read seatmap's annotations."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["seatmap"]
    assert (ROOT / "seatmap" / "py.typed").is_file() and "py.typed" in patterns


def test_every_python_package_is_packaged():
    """A new sub-package (e.g. seatmap/build/results/) must be listed, or the wheel lacks it."""
    packages = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "seatmap").rglob("__init__.py")
             if "__pycache__" not in p.parts}
    assert found <= packages, f"add to pyproject's packages: {sorted(found - packages)}"


def test_lazy_api_and_type_checking_imports_agree():
    """seatmap/__init__.py names each lazy public name twice (the run-time table and the imports
    type checkers follow): both lists, and __all__, must hold the same names and modules."""
    import ast

    import seatmap

    tree = ast.parse((ROOT / "seatmap" / "__init__.py").read_text())
    checked = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imp in node.body:
                for alias in imp.names:
                    assert alias.asname == alias.name, f"re-export {alias.name} as itself"
                    checked[alias.name] = imp.module
    assert checked == seatmap._LAZY
    assert set(seatmap._LAZY) <= set(seatmap.__all__)
    for name, module in seatmap._LAZY.items():  # each module defines (or re-exports) its name
        assert name in (ROOT / "seatmap" / f"{module}.py").read_text(), (name, module)


def test_import_is_cheap_and_lazy():
    code = ("import sys, seatmap; heavy = [m for m in ('geopandas', 'folium', 'matplotlib', "
            "'pandas', 'shapely', 'branca') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert "load_seats" in dir(seatmap)
    with pytest.raises(AttributeError):
        seatmap.no_such_function  # noqa: B018


def _imports(path: Path) -> set[str]:
    """seatmap modules a file imports (relative or absolute), anywhere in it: inside functions
    and inside an `if __name__ == "__main__"` guard too (a guard hides a cycle; it does not
    remove it)."""
    import ast

    tree = ast.parse(path.read_text())
    package = list(path.relative_to(ROOT).parts[:-1])  # a module's or an __init__'s package
    found = set()

    def visit(node):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(mod if node.module else f"{mod}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in found if m.startswith("seatmap")}


FOUNDATION = ("seatmap._validate", "seatmap._paths", "seatmap._atomic", "seatmap._cache",
              "seatmap._crs", "seatmap._text", "seatmap.geometry")
#: The presentation layer of docs/architecture.md (draw, write files, print; ``__main__`` is the
#: command line's entry point). Every other module is below it.
PRESENTATION = ("seatmap.mapspec", "seatmap.mapping", "seatmap.static", "seatmap.reports",
                "seatmap.colours", "seatmap.webgeom", "seatmap.export", "seatmap._xlsxlayout",
                "seatmap.assignfile",
                "seatmap.explorer",
                "seatmap._map", "seatmap._assets", "seatmap.cli", "seatmap._cli_",
                "seatmap._format", "seatmap.__main__")


def test_dependencies_point_one_way():
    """The layering of docs/architecture.md: the foundation imports nothing above it; analysis
    (and the data access and registries below it) never imports presentation; the data build
    never imports presentation; no library module imports the build; and command modules never
    import seatmap.cli (the CLI lists them explicitly). The package's ``__init__`` (the lazy
    public API) is the one module that names every layer."""
    problems = []
    for path in sorted((ROOT / "seatmap").rglob("*.py")):
        mod = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for imp in _imports(path):
            if mod.startswith(FOUNDATION) and not imp.startswith(FOUNDATION) and imp != "seatmap":
                problems.append(f"{mod} (foundation) imports {imp}")
            if (mod != "seatmap" and not mod.startswith(("seatmap.build", *PRESENTATION))
                    and imp.startswith(PRESENTATION)):
                problems.append(f"{mod} (analysis or below) imports {imp} (presentation)")
            if mod.startswith("seatmap.build") and imp.startswith(PRESENTATION):
                problems.append(f"{mod} (data build) imports {imp} (presentation)")
            if not mod.startswith("seatmap.build") and imp.startswith("seatmap.build"):
                problems.append(f"{mod} imports the data build ({imp})")
            if mod.startswith("seatmap._cli_") and imp == "seatmap.cli":
                problems.append(f"{mod} imports seatmap.cli (use seatmap._cli_common)")
    assert not problems, problems


def test_command_modules_import_only_the_shared_helpers():
    """A command module (``seatmap/_cli_*.py``) imports no other command module: what two of them
    share lives in ``seatmap._cli_common``. ``seatmap.cli`` is the one module that imports the
    command modules, and it imports every one of them (``cli.command_modules``)."""
    commands = {f"seatmap.{p.stem}" for p in (ROOT / "seatmap").glob("_cli_*.py")} - {
        "seatmap._cli_common"}
    problems = []
    for path in sorted((ROOT / "seatmap").rglob("*.py")):
        mod = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for imp in _imports(path):
            if imp.startswith("seatmap._cli_") and imp != "seatmap._cli_common" and mod != "seatmap.cli":
                problems.append(f"{mod} imports {imp} (share it through seatmap._cli_common)")
    assert not problems, problems
    assert commands and commands <= _imports(ROOT / "seatmap" / "cli.py"), \
        sorted(commands - _imports(ROOT / "seatmap" / "cli.py"))


def _modules() -> dict[str, Path]:
    """Every seatmap module (``seatmap.x.y``) and its file."""
    out = {}
    for path in sorted((ROOT / "seatmap").rglob("*.py")):
        out[".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")] = path
    return out


def _module_of(name: str, modules: dict) -> str:
    """The module an imported dotted name lives in (``seatmap.swing.LUMPED`` -> ``seatmap.swing``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_imports(mod: str, tree, package: list[str], modules: dict) -> tuple[list, dict]:
    """The private names ``mod`` imports from seatmap modules, and the local names it binds to
    seatmap modules (``from . import mapspec`` binds ``mapspec``; ``import seatmap.x``,
    ``seatmap``)."""
    import ast

    problems, bound = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("seatmap"):
                    bound[alias.asname or "seatmap"] = alias.name if alias.asname else "seatmap"
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names if target.startswith("seatmap") else ():
                if f"{target}.{alias.name}" in modules:  # a module, imported whole
                    bound[alias.asname or alias.name] = f"{target}.{alias.name}"
                elif _private(alias.name):
                    problems.append(f"{mod} imports {target}.{alias.name}")
    return problems, bound


def _private_attributes(mod: str, tree, bound: dict, modules: dict) -> list[str]:
    """``module._name`` in ``mod``, where ``module`` is another seatmap module it imported."""
    import ast

    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _private(node.attr):
            continue
        chain, value = [], node.value  # `a.b._c` -> the module `a.b` names, if any
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if isinstance(value, ast.Name) and value.id in bound:
            target = ".".join([bound[value.id], *chain])
            if target in modules and target != mod and f"{target}.{node.attr}" not in modules:
                problems.append(f"{mod} uses {target}.{node.attr}")
    return problems


def test_no_private_names_cross_modules():
    """A name starting with ``_`` belongs to its module: another module that needs it needs a
    public name (in a lower module if need be), whether it imports the name or reaches it as an
    attribute of the module (``mapspec._txt`` after ``from . import mapspec``). Private *modules*
    (``seatmap._pointindex``) are fine to use, for their public names. The data build is held to
    the same rule."""
    import ast

    modules = _modules()
    problems = []
    for mod, path in modules.items():
        tree = ast.parse(path.read_text())
        imported, bound = _private_imports(mod, tree, list(path.relative_to(ROOT).parts[:-1]),
                                           modules)
        problems += imported + _private_attributes(mod, tree, bound, modules)
    assert not problems, problems


def test_no_import_cycles():
    """No two seatmap modules import each other, directly or round a longer loop, counting
    imports inside functions too (a deferred import hides a cycle; it does not remove it)."""
    modules = _modules()
    graph = {m: {_module_of(i, modules) for i in _imports(p)} - {m, "seatmap", ""}
             for m, p in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def strong(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    assert not cycles, cycles


#: Public functions not yet fully annotated, each with its reason (issue 21 item 4).
UNTYPED_PUBLIC: dict[str, str] = {}


def test_public_functions_are_annotated():
    """Every public function names the types of its parameters and its result, and an
    ``election`` parameter takes ``int | str | Election`` (a year, an id or the registry's
    object), so a type checker reading ``seatmap/py.typed`` checks a user's calls."""
    import inspect

    import seatmap

    problems = []
    for name in seatmap.__all__:
        obj = getattr(seatmap, name)
        if name in UNTYPED_PUBLIC or inspect.isclass(obj) or not callable(obj):
            continue
        sig = inspect.signature(inspect.unwrap(obj))
        for p in sig.parameters.values():
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            if p.annotation is inspect.Parameter.empty:
                problems.append(f"{name}({p.name}) has no type")
            elif p.name == "election" and "Election" not in str(p.annotation) \
                    and name != "load_historic":  # 1950-2005 ids, not registry elections
                problems.append(f"{name}(election: {p.annotation}) lacks Election")
        if sig.return_annotation is inspect.Signature.empty:
            problems.append(f"{name}() has no return type")
    assert not problems, problems


def test_mypy_is_strict_on_every_public_module():
    """Every module that defines a public name (``seatmap.__all__``) is in pyproject's strict
    ``[[tool.mypy.overrides]]``, with every flag of mypy's --strict that is a per-module option."""
    import seatmap

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    strict = [o for o in config["overrides"] if o.get("disallow_untyped_defs")]
    assert len(strict) == 1, "one strict override: the public API"
    modules = set(strict[0]["module"])
    defining = {"seatmap"} | {f"seatmap.{m}" for m in seatmap._LAZY.values()} | {
        getattr(seatmap, name).__module__ for name in seatmap.__all__
        if name not in seatmap._LAZY and hasattr(getattr(seatmap, name), "__module__")}
    assert defining <= modules, f"add to the strict mypy override: {sorted(defining - modules)}"
    flags = {"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls",
             "disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs",
             "disallow_untyped_decorators", "warn_unused_ignores", "warn_return_any",
             "no_implicit_reexport", "strict_equality", "extra_checks"}
    assert {f for f in flags if strict[0].get(f) is not True} == set()


def test_changelog_unreleased_is_one_line_per_change():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    lines = [ln for ln in unreleased.splitlines() if ln.strip()]
    bullets = [ln for ln in lines if ln.startswith("- ")]
    # a change is one "- " line: no wrapped continuation lines, no nested bullets
    wrapped = [ln for ln in lines if ln.startswith((" ", "\t"))]
    assert not wrapped, f"Unreleased has continuation lines: {wrapped[:3]}"
    assert len(bullets) > 50
    sections = [ln for ln in lines if ln.startswith("### ")]
    assert sections and set(sections) <= {"### Added", "### Changed", "### Deprecated",
                                          "### Removed", "### Fixed", "### Security",
                                          "### Internal"}, sections


# Tests mirror modules (docs/architecture.md, "Where does my change go?"): the tests of
# seatmap/<module>.py are in tests/test_<module>.py, a leading underscore dropped
# (seatmap/_cli_data.py -> tests/test_cli_data.py), a large module's parts in
# test_<module>_<part>.py; the data build's in test_data_<tables>.py (the tables it writes) and
# test_build_framework.py. Every public module with a public function or class, and every
# command module (`_cli_<group>.py` with COMMANDS), has its file, but for these, each tested
# through the file(s) named first, for the reason given:
TESTED_IN = {
    "datasets": "test_api.py: the loaders, as the README shows them",
    "mapspec": "test_mapping.py, test_static.py: the spec both renderers draw, through them",
    "swingmodels": "test_projection.py, test_engine.py, test_polls.py: the projection arithmetic "
                   "every forecast module shares",
}
# Test files by theme, not by module: each runs across many modules.
THEMES = {
    "test_api.py": "the README's first steps: load_seats and the loaders as a user calls them",
    "test_packaging.py": "the wheel, the public API, the layering rules and this convention",
    "test_faults.py": "every command that writes a file, against every fault (docs/your-data.md)",
    "test_hostile_inputs.py": "hostile user files, paths and options, every command",
    "test_bad_inputs.py": "meaningless options refused with one clear line",
    "test_user_data_properties.py": "property tests: every row of a user's file accounted for",
    "test_examples.py": "every script in examples/",
    "test_browser.py": "the HTML maps in headless Chromium",
    "test_maps_glance.py": "the maps read at a glance (browser and PNG)",
    "test_phone.py": "the maps and the explorer on a phone (browser)",
    "test_dask.py": "the scale group: assign_points on dask (pip install -e '.[test,scale]')",
    "test_build_framework.py": "the data build's machinery and the full rebuild check",
}


def _public_or_command_module(path: Path) -> bool:
    import ast

    if path.stem.startswith("_") and not path.stem.startswith("_cli_"):
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path.stem.startswith("_cli_"):
        return any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "COMMANDS"
                                                     for t in n.targets) for n in tree.body)
    return any(isinstance(n, ast.FunctionDef | ast.ClassDef) and not n.name.startswith("_")
               for n in tree.body)


def test_tests_mirror_modules():
    """A maintainer finds the tests of what they change: a new module without its test file
    fails here (add tests/test_<module>.py, or its line in TESTED_IN with the reason), and so
    does a test file that is neither a module's nor a listed theme."""
    import re

    tests = ROOT / "tests"
    modules = {p.stem for p in (ROOT / "seatmap").glob("*.py") if _public_or_command_module(p)}
    missing = sorted(m for m in modules - set(TESTED_IN)
                     if not (tests / f"test_{m.lstrip('_')}.py").is_file())
    assert not missing, f"add tests/test_<module>.py (or a TESTED_IN line) for: {missing}"
    for module, reason in TESTED_IN.items():  # the exceptions stay true
        assert module in modules, f"TESTED_IN names {module}, not a public or command module"
        assert not (tests / f"test_{module.lstrip('_')}.py").is_file(), \
            f"tests/test_{module}.py exists: remove {module} from TESTED_IN"
        named = re.findall(r"test_[a-z_*]+\.py", reason.split(":")[0])
        assert named and all(list(tests.glob(n)) for n in named), (module, named)
    stems = {p.stem.lstrip("_") for p in (ROOT / "seatmap").glob("*.py")}
    homes = {n for reason in TESTED_IN.values() for n in re.findall(r"test_[a-z_]+\.py", reason)}
    strays = []
    for path in sorted(tests.glob("test_*.py")):
        name = path.stem.removeprefix("test_")
        if path.name in THEMES or path.name in homes or name.startswith("data_") or name in stems \
                or any(name.startswith(f"{s.lstrip('_')}_") for s in modules):
            continue
        strays.append(path.name)
    assert not strays, f"name these after the module they test, or list them in THEMES: {strays}"
    assert all((tests / name).is_file() for name in THEMES), "THEMES names a file that is gone"
