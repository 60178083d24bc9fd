"""The claims audit as Markdown and maps (seatmap.reports): `seatmap audit --out`, and the published
docs/audit.md is what it writes today."""

from seatmap.audit import audit_claims
from seatmap.cli import main
from seatmap.reports import audit_report


def test_report_and_cli(tmp_path, capsys):
    path = audit_report(tmp_path / "audit.md")
    text = path.read_text()
    assert text.count("**Verdict:") == 7 and "| Bury North | target | con | 105 |" in text
    assert main(["audit", "--out", str(tmp_path / "cli.md")]) == 0
    out = capsys.readouterr().out
    assert "Supported under some definitions" in out and "cli.md" in out


def test_published_audit_in_docs_is_current():
    """docs/audit.md is what `seatmap audit --out docs/audit.md --maps` writes today."""
    from pathlib import Path

    from seatmap.reports import MAP_FILES, render_markdown

    docs = Path(__file__).resolve().parents[1] / "docs"
    maps = {caption: fname for caption, _column, fname in MAP_FILES}
    assert (docs / "audit.md").read_text() == render_markdown(audit_claims(), maps)
    for fname in maps.values():
        assert (docs / fname).read_bytes()[:4] == b"\x89PNG"
