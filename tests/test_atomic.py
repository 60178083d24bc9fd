"""Atomic writes leave nothing behind: not on error, not on SIGTERM, not after a killed process."""

import os
import signal
import subprocess
import sys
import time

import pytest

from seatmap._atomic import atomic_path, atomic_write, clean_stale


def _temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "out.csv") as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert not list(tmp_path.iterdir())


def test_the_next_write_removes_temporary_files_of_dead_processes(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".big.csv.seatmap-{int(dead.stdout)}-x1y2.tmp"
    stale.write_bytes(b"0" * 1000)
    mine = tmp_path / f".other.csv.seatmap-{os.getpid()}-abcd.tmp"  # a write in progress
    mine.write_text("busy")
    old = tmp_path / f".old.csv.seatmap-{os.getpid()}-efgh.tmp"
    old.write_text("ancient")
    os.utime(old, (time.time() - 3 * 86400,) * 2)
    unrelated = tmp_path / ".notes.tmp"  # not seatmap's: never touched
    unrelated.write_text("keep")
    atomic_write(tmp_path / "out.csv", b"a,b\n")
    assert _temps(tmp_path) == [".notes.tmp", mine.name]
    assert (tmp_path / "out.csv").read_bytes() == b"a,b\n"
    assert clean_stale(tmp_path / "no-such-folder") == []


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path):
    code = (
        "import sys, time\n"
        "from seatmap._atomic import atomic_path\n"
        f"with atomic_path({str(tmp_path / 'out.csv')!r}) as tmp:\n"
        "    tmp.write_text('partial')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout.readline().strip() == "writing"
            assert len(_temps(tmp_path)) == 1
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 128 + signal.SIGTERM
        finally:
            if proc.poll() is None:
                proc.kill()
    assert not list(tmp_path.iterdir())  # neither the temporary file nor a partial output
