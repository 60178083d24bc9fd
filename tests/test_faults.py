"""Fault injection: every command that writes a file, against every way a write can fail.

Each (command, fault) case must end with a one-line message on standard error (no traceback,
no "Exception ignored"), a non-zero exit status, the previous file intact (byte for byte) and
no temporary file left behind; a command that writes another file first (``map --out`` before
``--png``) may leave that one. The faults:

- ``full_disk``: the output's folder is on a small tmpfs filled to the last byte (where the
  machine allows mounting one, as CI's root does); otherwise ``ENOSPC`` injected into the
  atomic writer's final rename;
- ``read_only``: the folder is a read-only mount (a real ``EROFS``, even for root); otherwise a
  folder without write permission, or (root without mounts) both the permission check and the
  temporary file refused;
- ``folder``: the output path is an existing folder;
- ``input``: the output is one of the command's input files (commands that read one);
- ``two_outputs``: two outputs of the command are one file (commands with two outputs);
- ``sigterm``: ``SIGTERM`` delivered to the process during the write (the signal is real: the
  writer's handler turns it into a clean exit, status 143).

The number of cases is published in docs/your-data.md and asserted below. A real ``kill -9``
(``SIGKILL``) and a real ``SIGTERM`` from outside, mid-stream, are tested on ``seatmap assign``
in subprocesses at the end.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import seatmap._atomic as atomic
from seatmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = b"previous contents, which must survive\n"
TEMP = re.compile(r"\..*\.seatmap-\d+-.*\.tmp$")
POLL = "lab=30,con=20,reform=25,ld=12,green=8"


@dataclass(frozen=True)
class Writer:
    """One command writing one file: ``argv`` with ``{out}`` (and ``{in}``/``{other}``)."""

    name: str
    argv: tuple[str, ...]
    suffix: str
    inputs: bool = False    # reads a file: the "output is an input" fault applies
    sibling: str | None = None  # another output option of the command (two_outputs fault)


WRITERS = (
    Writer("audit", ("audit", "--out", "{out}"), ".md"),
    Writer("targets", ("targets", "lab", "--out", "{out}"), ".xlsx"),
    Writer("defences", ("defences", "lab", "--out", "{out}"), ".csv"),
    Writer("pilots", ("pilots", "lab", "--out", "{out}"), ".json"),
    Writer("project", ("project", "--change", "lab=+5,con=-5", "--out", "{out}"), ".csv"),
    Writer("redwall", ("redwall", "--out", "{out}"), ".xlsx"),
    Writer("communities", ("communities", "--out", "{out}"), ".xlsx"),
    Writer("backtest", ("backtest", "--out", "{out}"), ".csv"),
    Writer("battleground", ("battleground", "lab", "--poll", POLL, "--simulate", "0",
                            "--out", "{out}"), ".json"),
    Writer("map --out", ("map", "--no-tiles", "--out", "{out}"), ".html", sibling="--png"),
    Writer("map --png", ("map", "--no-tiles", "--out", "{other}.html", "--png", "{out}"),
           ".png", sibling="--out"),
    Writer("explore", ("explore", "--out", "{out}"), ".html"),
    Writer("assign --out (CSV, streamed)", ("assign", "{in}", "--lon", "lon", "--lat", "lat",
                                            "--out", "{out}"), ".csv", inputs=True,
           sibling="--counts"),
    Writer("assign --out (XLSX)", ("assign", "{in}", "--lon", "lon", "--lat", "lat",
                                   "--out", "{out}"), ".xlsx", inputs=True, sibling="--counts"),
    Writer("assign --counts", ("assign", "{in}", "--lon", "lon", "--lat", "lat", "--out",
                               "{other}.csv", "--counts", "{out}"), ".csv", inputs=True,
           sibling="--out"),
    Writer("join --out", ("join", "{in}", "--on", "seat", "--out", "{out}"), ".xlsx",
           inputs=True, sibling="--report"),
    Writer("join --report", ("join", "{in}", "--on", "seat", "--report", "{out}"), ".csv",
           inputs=True, sibling="--out"),
    Writer("crosswalk", ("crosswalk", "{in}", "--code", "seat", "--out", "{out}"), ".csv",
           inputs=True),
)

FAULTS = ("full_disk", "read_only", "folder", "input", "two_outputs", "sigterm")


def _applies(writer: Writer, fault: str) -> bool:
    if fault == "input":
        return writer.inputs
    if fault == "two_outputs":
        return writer.sibling is not None
    return True


CASES = [(w, f) for w in WRITERS for f in FAULTS if _applies(w, f)]

#: The count published in docs/your-data.md (writers x the faults that apply to each).
PUBLISHED_CASES = 85


def test_the_published_count_of_cases():
    assert len(WRITERS) == 18 and len(CASES) == PUBLISHED_CASES
    doc = (ROOT / "docs" / "your-data.md").read_text()
    assert f"**{PUBLISHED_CASES} (command x fault) cases**" in doc
    table = {"full disk": "full_disk", "read-only folder": "read_only",
             "path is a folder": "folder", "output is an input": "input",
             "two outputs, one file": "two_outputs", "`SIGTERM` mid-write": "sigterm"}
    for row, fault in table.items():
        n = sum(f == fault for _, f in CASES)
        assert re.search(rf"^\| {re.escape(row)} \|.*\| {n} \|$", doc, re.M), (row, n)


def test_every_command_that_writes_a_file_is_in_the_suite():
    """A new command or output option (``--out``, ``--png``...) must join WRITERS."""
    from seatmap.cli import FILES, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    writing = set()
    for name, p in sub.choices.items():
        for dest in FILES.get(name, (("out",), ()))[0]:
            if any(a.dest == dest for a in p._actions):
                writing.add((name, dest))
    covered = {(w.argv[0], w.argv[w.argv.index("{out}") - 1].lstrip("-")) for w in WRITERS}
    assert writing == covered, writing ^ covered


# ------------------------------------------------------------------ mounts (tmpfs) if allowed

def _mount(folder: Path, options: str) -> bool:
    # SEATMAP_TEST_NO_MOUNT=1 tries the fallbacks of a machine that cannot mount
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or os.environ.get("SEATMAP_TEST_NO_MOUNT"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str):
    """A tmpfs mounted on ``folder`` for the block (None where mounting is not allowed)."""
    if not _mount(folder, options):
        yield None
        return
    try:
        yield folder
    finally:
        _umount(folder)


@pytest.fixture(scope="module")
def disk(tmp_path_factory):
    """A 2 MB tmpfs that tests fill up."""
    with _tmpfs(tmp_path_factory.mktemp("disk"), "size=2m,mode=0777") as folder:
        yield folder


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    """A tmpfs that tests remount read-only."""
    with _tmpfs(tmp_path_factory.mktemp("frozen"), "size=1m,mode=0777") as folder:
        yield folder


def _remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True,
                   capture_output=True)


def _fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte; return the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:
        block = b"\0" * 65536
        with contextlib.suppress(OSError):
            while True:
                fh.write(block)
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 512)
    return filler


# ------------------------------------------------------------------ the inputs

MEMBERS = ("id,lon,lat,seat\n1,-0.1246,51.4996,Bury North\n2,-2.2995,53.5933,Bolton West\n"
           "3,1.9,53.0,Wigan\n")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    members = folder / "members.csv"
    members.write_text(MEMBERS)
    return members


def _argv(writer: Writer, out: Path, members: Path, other: Path) -> list[str]:
    return [a.replace("{out}", str(out)).replace("{in}", str(members))
            .replace("{other}", str(other)) for a in writer.argv]


def _temps(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [str(p) for p in folder.rglob("*") if TEMP.search(p.name)]
    return found


# ------------------------------------------------------------------ one fault, set up

@dataclass
class Case:
    """Where one (writer, fault) case writes: the folder, the output, what to undo after the
    command, and the exit status it must end with."""

    folder: Path
    out: Path
    inputs: Path
    cleanup: list = field(default_factory=list)
    expect_status: int = 2

    def move_to(self, mount: Path, writer: Writer) -> None:
        """Write into a folder of its own on ``mount`` (a tmpfs shared by the cases)."""
        self.folder = mount / re.sub(r"\W+", "_", writer.name)
        self.folder.mkdir()
        self.out = self.folder / self.out.name


def _full_disk(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    if disk is not None:
        case.move_to(disk, writer)
        case.out.write_bytes(PREVIOUS)
        filler = _fill(disk)
        case.cleanup.append(filler.unlink)
        return
    # no tmpfs here: the disk fills up as the finished file is renamed into place
    case.out.write_bytes(PREVIOUS)

    def no_space(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), src)

    monkeypatch.setattr(atomic.os, "replace", no_space)


def _read_only(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    if frozen is not None:
        _remount(frozen, "rw")
        case.move_to(frozen, writer)
        case.out.write_bytes(PREVIOUS)
        _remount(frozen, "ro")
        case.cleanup.append(lambda: _remount(frozen, "rw"))
        return
    folder = case.folder
    case.out.write_bytes(PREVIOUS)
    folder.chmod(0o555)
    case.cleanup.append(lambda: folder.chmod(0o755))
    if os.geteuid() == 0:  # root writes anyway: refuse as a read-only mount would
        import seatmap._userfiles as uf

        real_access = os.access
        monkeypatch.setattr(uf.os, "access", lambda p, m: False if Path(p) == folder
                            else real_access(p, m))

        def read_only(*a, **k):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))

        monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)


def _folder(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    case.out.mkdir()
    (case.out / "keep.txt").write_bytes(PREVIOUS)


def _input(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    case.out = case.inputs


def _two_outputs(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    case.out.write_bytes(PREVIOUS)


def _sigterm(case: Case, writer: Writer, disk, frozen, monkeypatch) -> None:
    out = case.out
    out.write_bytes(PREVIOUS)
    real_replace = os.replace
    # the writer leaves a handler someone else installed alone: start from the default
    saved = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    case.cleanup.append(lambda: signal.signal(signal.SIGTERM, saved))

    def killed(src, dst):
        if Path(dst).resolve() == out.resolve():
            assert signal.getsignal(signal.SIGTERM) == atomic._SignalsToExit._handler, \
                "the writer's SIGTERM handler is not installed: the signal would kill pytest"
            os.kill(os.getpid(), signal.SIGTERM)  # the handler raises here
            time.sleep(1)  # (signals are handled between bytecodes: this is not reached)
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", killed)
    case.expect_status = 128 + signal.SIGTERM


#: How each fault is set up (``FAULTS``, in order).
ARRANGE = {"full_disk": _full_disk, "read_only": _read_only, "folder": _folder,
           "input": _input, "two_outputs": _two_outputs, "sigterm": _sigterm}


def _case_argv(writer: Writer, fault: str, out: Path, members: Path, other: Path) -> list[str]:
    """The command line of a case; ``two_outputs``: the other output option names ``out`` too."""
    if fault != "two_outputs":
        return _argv(writer, out, members, other)
    if "{other}" in " ".join(writer.argv):
        argv = _argv(writer, out, members, out.with_suffix(""))
        return [str(out) if a.startswith(str(out.with_suffix(""))) else a for a in argv]
    return [*_argv(writer, out, members, other), writer.sibling, str(out)]


def _run(argv: list[str], cleanup: list) -> tuple[int, list[str]]:
    """Run the command, then undo the case's setup; the status, and the exceptions Python could
    only print ("Exception ignored in ZipFile...")."""
    unraisable: list[str] = []
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: unraisable.append(repr(u.exc_value))
    try:
        status = main(argv)
        gc.collect()  # a ZipFile left open would complain now
    finally:
        sys.unraisablehook = hook
        for undo in reversed(cleanup):
            undo()
    return status, unraisable


def _assert_one_line(err: str, stdout: str, out: Path) -> None:
    """Standard error ends with one ``seatmap:`` line, the only one naming the output (notes
    may come first: pilots' thin regions), without a traceback; the output is not reported as
    written."""
    lines = err.strip().splitlines()
    assert lines[-1].startswith("seatmap: "), err
    assert [s for s in lines if s.startswith("seatmap:") or str(out) in s] == lines[-1:]
    assert "Traceback" not in err
    assert not re.search(rf"(Wrote|[Ww]ritten to) {re.escape(str(out))}\b", stdout)


def _assert_nothing_lost(case: Case, fault: str, before: bytes | None, members: bytes,
                         tmp_path: Path) -> None:
    """The previous output, the folder in its place and the input are intact; no temporary file
    is left."""
    out = case.out
    if before is not None:
        assert out.read_bytes() == before == (PREVIOUS if fault != "input" else members)
    if fault == "folder":
        assert out.is_dir() and (out / "keep.txt").read_bytes() == PREVIOUS
    assert case.inputs.read_bytes() == members
    assert _temps(case.folder, tmp_path, case.inputs.parent) == []


@pytest.mark.parametrize("writer, fault", CASES, ids=[f"{w.name}-{f}" for w, f in CASES])
def test_a_failed_write_is_one_line_and_loses_nothing(writer, fault, tmp_path, inputs, disk,
                                                      frozen, monkeypatch, capsys):
    other = tmp_path / "elsewhere" / "other"
    other.parent.mkdir()
    folder = tmp_path / "out"
    folder.mkdir()
    case = Case(folder, folder / f"result{writer.suffix}", inputs)
    ARRANGE[fault](case, writer, disk, frozen, monkeypatch)

    argv = _case_argv(writer, fault, case.out, inputs, other)
    before = case.out.read_bytes() if case.out.is_file() else None
    members_before = inputs.read_bytes()
    status, unraisable = _run(argv, case.cleanup)
    captured = capsys.readouterr()

    assert status == case.expect_status, (status, captured.err)
    _assert_one_line(captured.err, captured.out, case.out)
    assert not unraisable, unraisable
    _assert_nothing_lost(case, fault, before, members_before, tmp_path)


# ------------------------------------------------------------------ real signals, mid-stream

def _big_members(path: Path, rows: int = 60_000) -> None:
    with open(path, "w") as fh:
        fh.write("id,lon,lat\n")
        for i in range(rows):
            fh.write(f"{i},{-2.3 + (i % 100) / 1000:.4f},{53.59 + (i % 77) / 1000:.4f}\n")


def _stream(tmp_path: Path):
    src = tmp_path / "members.csv"
    _big_members(src)
    out = tmp_path / "out.csv"
    out.write_bytes(PREVIOUS)
    argv = [sys.executable, "-m", "seatmap", "assign", str(src), "--lon", "lon", "--lat",
            "lat", "--out", str(out), "--chunk-rows", "500", "--progress", "never"]
    return src, out, argv


def _wait_for_temp(proc, folder: Path, timeout: float = 120) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        temps = _temps(folder)
        if temps and os.path.getsize(temps[0]) > 0:  # part of the file has been written
            return temps
        time.sleep(0.02)
    raise AssertionError("the write did not start")


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_a_real_signal_mid_stream_keeps_the_previous_file(tmp_path, sig):
    src, out, argv = _stream(tmp_path)
    with subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, cwd=tmp_path) as proc:
        try:
            _wait_for_temp(proc, tmp_path)
            proc.send_signal(getattr(signal, sig))
            status = proc.wait(timeout=60)
            err = proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
    assert out.read_bytes() == PREVIOUS
    if sig == "SIGTERM":  # cleaned up on the way out, with one line
        assert status == 128 + signal.SIGTERM
        assert err.strip().splitlines() == [
            f"seatmap: stopped by SIGTERM while writing {str(out)!r}: it was not written (any "
            "earlier version is unchanged)"]
        assert _temps(tmp_path) == []
    else:  # nothing can run after SIGKILL: the next write to the folder removes the remains
        assert status == -signal.SIGKILL
        assert len(_temps(tmp_path)) == 1
        assert main(["assign", str(src), "--lon", "lon", "--lat", "lat", "--out",
                     str(tmp_path / "again.csv"), "--progress", "never"]) == 0
        assert _temps(tmp_path) == [] and out.read_bytes() == PREVIOUS
