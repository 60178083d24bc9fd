"""Test-session settings: keep seatmap's disk cache out of the user's home directory."""

import atexit
import os
import shutil
import tempfile

# Web geometry and the point index are cached between processes (seatmap._cache). Tests use a
# cache of their own, shared by the subprocesses they start and removed at the end, unless one
# is chosen explicitly.
if "SEATMAP_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="seatmap-test-cache-")
    os.environ["SEATMAP_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)
