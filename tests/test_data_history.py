"""The build of the historic results 1950-2005 (seatmap.build.history): it fails loudly when a
published total disagrees or a correction is undone. Skipped when ../shared/sources is absent."""

from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"raw sources not found at {SOURCES} (clone shared/sources)"
)


@needs_sources
def test_build_fails_loudly_if_a_published_total_disagrees(monkeypatch):
    from seatmap.build import history
    from seatmap.build._schema import BuildCheckError

    assert len(history.history_table(SOURCES)) == 9994
    monkeypatch.setitem(history.SEATS_WON, "1964", {**history.SEATS_WON["1964"], "lab": 318})
    with pytest.raises(BuildCheckError, match="1964 seats won"):
        history.history_table(SOURCES)


@needs_sources
def test_build_fails_if_a_correction_is_undone(monkeypatch):
    from seatmap.build import history
    from seatmap.build._schema import BuildCheckError

    monkeypatch.setattr(history, "SWAPPED", {})  # St Marylebone and Hereford 1951 back to Lab
    with pytest.raises(BuildCheckError, match="1951 seats won"):
        history.history_table(SOURCES)
