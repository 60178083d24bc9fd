"""The sources registry (seatmap.sources): every source has its licence and attribution."""

from seatmap.sources import SOURCES, attribution


def test_every_source_has_licence_and_attribution():
    for s in SOURCES.values():
        assert s.licence and s.attribution and s.publisher
    assert "Open Parliament Licence" in attribution(["results-hoc-ge2019"])[0]
