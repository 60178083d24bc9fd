"""Test-session settings (seatmap's disk cache kept out of the user's home directory) and the
fixtures several test files share."""

import atexit
import os
import shutil
import tempfile

import pytest

import seatmap

# Web geometry and the point index are cached between processes (seatmap._cache). Tests use a
# cache of their own, shared by the subprocesses they start and removed at the end, unless one
# is chosen explicitly.
if "SEATMAP_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="seatmap-test-cache-")
    os.environ["SEATMAP_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)


# The results of one election without geometry, loaded once per test module (a test file may
# define its own under the same name, e.g. with geometry).
@pytest.fixture(scope="module")
def seats24():
    return seatmap.load_seats(2024, geometry=False)


@pytest.fixture(scope="module")
def seats19():
    return seatmap.load_seats(2019, geometry=False)


@pytest.fixture(scope="module")
def seats17():
    return seatmap.load_seats(2017, geometry=False)
