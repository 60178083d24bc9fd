"""The data build's framework: schema validation, deterministic writing, clear errors."""

from pathlib import Path

import pandas as pd
import pytest

from seatmap.build import __main__ as build_main
from seatmap.build._io import SourceMissingError, require_columns, source_path, write_table
from seatmap.build._schema import BuildCheckError, Field, Table

TABLE = Table(
    path="t/example.csv", title="Example", description="A test table.",
    sources=("results-hoc-ge2019",), rows=2, primary_key=("code",),
    fields=(Field("code", "string", "GSS code", unique=True),
            Field("share_pct", "number", "A share", unit="percent (0-100)", minimum=0,
                  maximum=100, decimals=2),
            Field("votes", "integer", "Votes", required=False)),
)


def test_write_table_is_deterministic_and_typed(tmp_path):
    df = pd.DataFrame({"votes": [10, None], "share_pct": [33.3333, 66.6667],
                       "code": ["E2", "E1"]})
    path = write_table(df, TABLE, tmp_path)
    first = path.read_bytes()
    assert first.decode().splitlines() == ["code,share_pct,votes", "E1,66.67,", "E2,33.33,10"]
    write_table(df.sample(frac=1, random_state=1), TABLE, tmp_path)
    assert path.read_bytes() == first


@pytest.mark.parametrize(
    ("frame", "message"),
    [(pd.DataFrame({"code": ["E1", "E1"], "share_pct": [1, 2], "votes": [1, 2]}), "duplicate"),
     (pd.DataFrame({"code": ["E1", "E2"], "share_pct": [1, 101], "votes": [1, 2]}), "outside"),
     (pd.DataFrame({"code": ["E1", "E2"], "share_pct": [1, 2]}), "missing"),
     (pd.DataFrame({"code": ["E1"], "share_pct": [1], "votes": [1]}), "1 rows, expected 2"),
     (pd.DataFrame({"code": ["E1", None], "share_pct": [1, 2], "votes": [1, 2]}), "missing values")],
)
def test_schema_violations_are_named(tmp_path, frame, message):
    with pytest.raises(BuildCheckError, match=message):
        write_table(frame, TABLE, tmp_path)


def test_missing_source_folder_and_changed_columns_are_clear(tmp_path):
    with pytest.raises(SourceMissingError, match=r"shared sources"):
        source_path(tmp_path, "results-hoc-ge2019")
    (tmp_path / "results-hoc-ge2019").mkdir()
    with pytest.raises(SourceMissingError, match="missing from"):
        source_path(tmp_path, "results-hoc-ge2019", "nope.csv")
    with pytest.raises(BuildCheckError, match="layout has changed"):
        require_columns(pd.DataFrame({"a": [1]}), ["ons_id"], "HoC 2019")


def test_build_without_sources_explains_what_to_do(tmp_path, capsys):
    missing = tmp_path / "no-sources"
    assert build_main.main(["--check", "--skip-missing", "--sources", str(missing)]) == 0
    assert "skipping the data check" in capsys.readouterr().out
    with pytest.raises(SourceMissingError, match="does not exist"):
        build_main.build(missing, tmp_path / "out", verbose=False)
    assert build_main.main(["--sources", str(missing), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_committed_datapackage_lists_every_file_it_describes():
    import json

    from seatmap._paths import data_dir

    root = data_dir()
    pkg = json.loads((root / "datapackage.json").read_text())
    paths = {r["path"] for r in pkg["resources"]}
    for p in paths:
        assert (root / p).is_file(), p
    described_elsewhere = {"datapackage.json", "README.md", "__init__.py"}
    on_disk = {str(p.relative_to(root)) for p in Path(root).rglob("*")
               if p.is_file() and p.name not in described_elsewhere and "__pycache__" not in p.parts}
    assert on_disk == paths, (sorted(on_disk - paths), sorted(paths - on_disk))
    ids = {s["name"] for s in pkg["sources"]}
    for r in pkg["resources"]:
        assert {s["name"] for s in r["sources"]} <= ids


def test_committed_datapackage_is_a_valid_frictionless_data_package():
    """`frictionless validate` passes: names on every resource (the .npz files too), sources as
    objects, seatmap's own keys namespaced, and each file's size and sha256 hash as recorded (so
    this also fails when a processed file is edited by hand). CI runs the same validation."""
    frictionless = pytest.importorskip("frictionless")
    import json

    from seatmap._paths import data_dir

    pkg = json.loads((data_dir() / "datapackage.json").read_text())
    assert all(r["name"] and r["hash"].startswith("sha256:") for r in pkg["resources"])
    report = frictionless.validate(str(data_dir() / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]


def test_committed_datapackage_has_a_version_and_standard_licences():
    """The package's ``version`` is seatmap's; ``licenses`` (the specification's property) names
    the sources' standard licences, for the package and for each file: the House of Commons
    results are under the Open Parliament Licence, the ONS boundaries under the OGL."""
    import json

    import seatmap
    from seatmap._paths import data_dir

    pkg = json.loads((data_dir() / "datapackage.json").read_text())
    assert pkg["version"] == seatmap.__version__
    assert [lic.get("name") for lic in pkg["licenses"]] == [
        None, "OGL-UK-3.0", "CC-BY-4.0", "CC-BY-SA-4.0", "MIT"]
    by_name = {r["name"]: r for r in pkg["resources"]}
    assert [lic["title"] for lic in by_name["results_ge2019"]["licenses"]] == [
        "Open Parliament Licence v3.0"]
    assert [lic["name"] for lic in by_name["boundaries_pcon2024"]["licenses"]] == ["OGL-UK-3.0"]
    # a source with no licence stated adds none (Hanretty's leave estimates)
    assert "licenses" not in by_name["attributes_euref_pcon2010"]


def test_a_module_that_writes_less_than_it_declares_fails(tmp_path):
    """The build compares what each module wrote with the tables it declares, so a build step
    that silently writes nothing (or an undeclared file) fails instead of passing."""
    import types

    silent = types.SimpleNamespace(__name__="seatmap.build.silent", TABLES=[TABLE], RESOURCES=[])
    with pytest.raises(BuildCheckError, match=r"wrote 0 files but declares 1: missing \['t/example.csv'\]"):
        build_main._check_declared(silent, [], tmp_path)
    stray = tmp_path / "t" / "other.csv"
    with pytest.raises(BuildCheckError, match=r"undeclared \['t/other.csv'\]"):
        build_main._check_declared(silent, [tmp_path / TABLE.path, stray], tmp_path)
    build_main._check_declared(silent, [tmp_path / TABLE.path], tmp_path)


SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"raw sources not found at {SOURCES}")
@pytest.mark.slow
def test_fresh_build_equals_committed_data(capsys):
    """The one full rebuild check (CI runs it here, not again as a separate step): every module
    writes exactly what it declares, and data/ equals a fresh build byte for byte."""
    code = build_main.main(["--check", "--sources", str(SOURCES)])
    assert code == 0, capsys.readouterr().out


def test_committed_datapackage_matches_the_committed_files():
    """Each file's size and sha256 in datapackage.json are the committed file's: a file changed
    without the build (a refit, a hand edit) is named, with what to run."""
    import hashlib
    import json

    from seatmap._paths import data_dir

    root = data_dir()
    stale = []
    for r in json.loads((root / "datapackage.json").read_text())["resources"]:
        data = (root / r["path"]).read_bytes()
        if r["bytes"] != len(data) or r["hash"] != "sha256:" + hashlib.sha256(data).hexdigest():
            stale.append(r["path"])
    assert not stale, (f"{stale} changed without the build: run `python -m seatmap.build` and "
                       "commit data/ (datapackage.json records each file's size and hash)")
