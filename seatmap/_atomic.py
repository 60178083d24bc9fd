"""Atomic file output: a file appears complete or not at all (standard library only).

The data go to a hidden temporary file beside the target (``.NAME.seatmap-PID-RANDOM.tmp``),
renamed over the target when complete. Nothing is left behind by an interrupted write:

- an exception or Ctrl-C (``KeyboardInterrupt``) removes the temporary file;
- ``SIGTERM`` and ``SIGHUP`` (a closed terminal, a job killed by a scheduler) are turned into a
  clean exit while a write is in progress, so the temporary file is removed too;
- a process killed outright (``SIGKILL``, a power cut) cannot clean up: the next write to the
  same folder removes temporary files whose process is gone (or that are over a day old).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

_TAG = "seatmap"
_STALE_SECONDS = 24 * 3600
_TEMP = re.compile(r"^\..+\." + _TAG + r"-(\d+)-[^.]+\.tmp$")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove seatmap's temporary files in ``folder`` left by writes that never finished.

    A temporary file is stale when the process that wrote it is gone, or it is over a day old.

    Parameters
    ----------
    folder : path-like

    Returns
    -------
    list of pathlib.Path
        The files removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".out.csv.seatmap-999999999-abc.tmp").write_text("half a file")
    >>> [p.name for p in clean_stale(d)]
    ['.out.csv.seatmap-999999999-abc.tmp']
    """
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = _TEMP.match(entry.name)
            if not m or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if not _alive(int(m.group(1))) or now - entry.stat().st_mtime > _STALE_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


class Interrupted(SystemExit):
    """A write stopped by ``SIGTERM`` or ``SIGHUP``: exit status 128 + the signal's number.

    Raised (from the signal handler) while :func:`atomic_path` is active, so the temporary file
    is removed on the way out; ``seatmap``'s command line prints it as one line.
    """

    code: int  # SystemExit's code, always 128 + signum here

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum
        self.path: str | None = None  # the file being written (set by atomic_path)

    def __str__(self) -> str:
        try:
            name = signal.Signals(self.signum).name
        except ValueError:
            name = f"signal {self.signum}"
        if self.path is None:
            return f"stopped by {name} while writing a file; it was not written"
        return (f"stopped by {name} while writing {self.path!r}: it was not written (any "
                "earlier version is unchanged)")


class _SignalsToExit:
    """While active (main thread only), SIGTERM and SIGHUP raise SystemExit so cleanup runs."""

    _depth = 0
    _saved: ClassVar[dict] = {}
    _lock = threading.Lock()

    @staticmethod
    def _handler(signum, frame):
        raise Interrupted(signum)

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            self.active = False
            return self
        self.active = True
        with self._lock:
            if _SignalsToExit._depth == 0:
                for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
                    if sig is None:
                        continue
                    with contextlib.suppress(ValueError, OSError):
                        if signal.getsignal(sig) == signal.SIG_DFL:  # leave others' handlers be
                            _SignalsToExit._saved[sig] = signal.signal(sig, self._handler)
            _SignalsToExit._depth += 1
        return self

    def __exit__(self, *exc):
        if not self.active:
            return False
        with self._lock:
            _SignalsToExit._depth -= 1
            if _SignalsToExit._depth == 0:
                for sig, old in _SignalsToExit._saved.items():
                    with contextlib.suppress(ValueError, OSError):
                        signal.signal(sig, old)
                _SignalsToExit._saved.clear()
        return False


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` if the block succeeds.

    The file gets the usual permissions for new files (0666 less the umask), not mkstemp's 0600.
    Stale temporary files of earlier, interrupted writes in the folder are removed first.

    An ``OSError`` about the temporary file (a full disk, a read-only folder...) is raised with
    ``filename`` set to ``path`` (and an attribute ``writing = True``), so the message names the
    file the user asked for, not the hidden temporary one.
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(path.parent)
        with _SignalsToExit():
            fd, tmp = tempfile.mkstemp(dir=path.parent,
                                       prefix=f".{path.name}.{_TAG}-{os.getpid()}-", suffix=".tmp")
            os.close(fd)
            try:
                yield Path(tmp)
                os.chmod(tmp, 0o666 & ~_umask())
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
    except Interrupted as stop:
        if stop.path is None:
            stop.path = str(path)
        raise
    except OSError as err:
        name = Path(str(err.filename)).name if err.filename is not None else ""
        if err.filename is None or name.startswith(f".{path.name}.{_TAG}-") or (
                tmp is None and Path(err.filename) in (path, path.parent)):
            named = OSError(err.errno, err.strerror, str(path))  # PermissionError... as before
            # for messages: the error is about writing that file (OSError declares no such field)
            setattr(named, "writing", True)  # noqa: B010
            raise named from err
        raise


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
