"""Notional 2010, 2015 and 2017 results on the 2024 seats: seatmap's estimates, validated.

Writes ``results/notional_pcon2024.csv``: for each 2024 seat, the winner, runner-up, majority,
turnout and main parties' shares of the 2010, 2015 and 2017 elections as they would have been on
the 2024 boundaries, estimated with :func:`seatmap.crosswalk` (each 2010 seat's votes apportioned
to the 2024 seats by population overlap, then shares and winners recomputed). Every column ends in
``_est``. The method is validated at build time the only way a check exists: the 2019 results
carried the same way are compared with Rallings & Thrasher's notional 2019 results, on Great
Britain's 632 seats (Northern Ireland has no Labour, Conservative or Liberal Democrat votes to
compare, which flatters an all-UK mean error) with the all-UK figure beside it.

The estimates are built from the processed results and overlaps already under ``data/`` (the
``results`` and ``geography`` steps run first).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._attr import BUILD_DOC, ensure
from ._io import write_table
from ._schema import Field, Table

__all__ = ["RESOURCES", "TABLES", "build", "validate"]

YEARS = (2010, 2015, 2017)
PARTIES = ("con", "lab", "ld", "snp", "pc", "green", "ukip")
PCT = "percent (0-100)"
METHOD = "seatmap estimate: votes apportioned by population overlap (mySociety)"

# The validation as published in the table description, docs/targeting.md and the tests.
PUBLISHED = {"GB": (622, 632, 1.35, 1.32, 0.69), "UK": (640, 650, 1.31, 1.28, 0.67)}


def validate() -> dict:
    """Carry the 2019 results onto the 2024 seats and compare with the notional 2019.

    The check is :func:`seatmap.boundary_change.validate_crosswalk` (population weights), the
    method these estimates use.

    Returns
    -------
    dict
        ``{"GB": CrosswalkValidation, "UK": CrosswalkValidation}``: Great Britain's 632 seats (the
        honest figure) and all 650 (flattered by Northern Ireland, where the three parties
        compared have no votes).

    Examples
    --------
    >>> v = validate()
    >>> v["GB"].figures()
    (622, 632, 1.35, 1.32, 0.69)
    """
    from ..boundary_change import validate_crosswalk

    v = validate_crosswalk("population")
    return {"GB": v, "UK": v.uk}


def _fields() -> tuple[Field, ...]:
    fields = [Field("code", "string", "GSS code of the constituency (2024 boundary set).",
                    unique=True)]
    for y in YEARS:
        # 2010: the sources have no party detail for Northern Ireland, so its 18 seats' winner,
        # runner-up, majority and shares are empty (never 'other' with 100 % and Con second)
        empty = " Empty in Northern Ireland (no party detail in the sources)." if y == 2010 else ""
        fields += [
            Field(f"winner_{y}_est", "string", f"Estimated winner of the {y} election on the "
                  f"2024 boundaries (party code; estimate).{empty}", required=not empty),
            Field(f"runner_up_{y}_est", "string", f"Estimated runner-up in {y} (estimate).{empty}",
                  required=False),
            Field(f"majority_pct_{y}_est", "number", f"Estimated {y} majority, points of valid "
                  f"votes (estimate).{empty}", unit="percentage points", minimum=0, maximum=100,
                  decimals=2, required=not empty),
            Field(f"turnout_pct_{y}_est", "number", f"Estimated {y} turnout (estimate).",
                  unit=PCT, minimum=0, maximum=100, decimals=2),
            *(Field(f"{p}_pct_{y}_est", "number", f"Estimated {p} share of valid votes in {y} "
                    f"(estimate).{empty}", unit=PCT, minimum=0, maximum=100, decimals=2,
                    required=not empty)
              for p in PARTIES),
        ]
    return tuple(fields)


def _description() -> str:
    gb, uk = PUBLISHED["GB"], PUBLISHED["UK"]
    return (
        "Notional results of the 2010, 2015 and 2017 general elections on the 2024 boundaries: "
        "**seatmap's estimates, not official or academic notionals** (every column ends in "
        "`_est`). Method: each 2010-set seat's votes (and electorate, valid votes) are "
        "apportioned to the 2024 seats in proportion to the share of its population each takes "
        "(mySociety's population overlaps, about 2019), then shares, winner, runner-up, "
        "majority and turnout are recomputed (`seatmap.crosswalk`). This assumes each party's "
        "vote was spread evenly within each old seat. Validation, the only check that exists: "
        "the 2019 results carried the same way against Rallings & Thrasher's notional 2019 "
        f"results: in Great Britain the winner agrees in {gb[0]} of {gb[1]} seats "
        f"({100 * gb[0] / gb[1]:.1f}%) and the mean absolute error is Con {gb[2]:.2f}, Lab "
        f"{gb[3]:.2f}, LD {gb[4]:.2f} points (all 650 UK seats: {uk[0]} of {uk[1]}, Con "
        f"{uk[2]:.2f}, Lab {uk[3]:.2f}, LD {uk[4]:.2f}; Northern Ireland, where these parties "
        "have no votes, flatters the UK figure). Rallings & Thrasher use ward results and "
        "local knowledge, so their figures are the better notionals where both exist. "
        "`load_history(2024)` uses these winners for 2010-2017, Rallings & Thrasher's for 2019 "
        "and the declared 2024 result.")


NOTIONAL_2024 = Table(
    path="results/notional_pcon2024.csv",
    title="Notional 2010, 2015 and 2017 results on the 2024 boundaries (seatmap estimates)",
    description=_description(),
    sources=("lookup-mysociety-geographic-overlaps", "results-bes-ge2019", "results-hoc-1918-2017",
             "results-hoc-ge2015", "results-hoc-ge2017", "results-hoc-ge2019",
             "results-notional2019-2024bnd"),
    fields=_fields(),
    rows=650,
    primary_key=("code",),
)

TABLES = [NOTIONAL_2024]
RESOURCES: list[dict] = []


def _notional() -> pd.DataFrame:
    from ..boundary_change import crosswalk
    from ..datasets import load_overlaps, load_results

    pairs = load_overlaps("2010", "2024")
    cols = {}
    for y in YEARS:
        results = load_results(y)
        new = crosswalk(results, "2010", "2024")
        ensure(len(new) == 650 and new["coverage_pct"].sub(100).abs().max() < 1e-6,
               f"Notional {y}: {len(new)} seats carried, or some not fully covered.")
        # a new seat drawing on any old seat whose winner is unknown (NI 2010: one lumped
        # 'other' row) gets no party estimate: its winner, shares and majority stay empty
        unknown = pairs.loc[pairs["source"].isin(results.index[results["winner"].isna()]),
                            "target"].unique()
        party_cols = ["winner", "runner_up", "majority_pct",
                      *(f"{p}_pct" for p in PARTIES if f"{p}_pct" in new)]
        new.loc[new.index.isin(unknown), party_cols] = pd.NA
        cols[f"winner_{y}_est"] = new["winner"]
        cols[f"runner_up_{y}_est"] = new["runner_up"]
        cols[f"majority_pct_{y}_est"] = new["majority_pct"]
        cols[f"turnout_pct_{y}_est"] = new["turnout_pct"]
        for p in PARTIES:
            cols[f"{p}_pct_{y}_est"] = new.get(f"{p}_pct", 0.0)
    out = pd.DataFrame(cols)
    out.index.name = "code"
    return out.reset_index()


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build this module's tables from ``sources`` into ``out_dir``; return the paths written."""
    got = {area: v.figures() for area, v in validate().items()}
    ensure(got == PUBLISHED, f"Notional results: the validation against Rallings & Thrasher "
           f"gives {got}, published {PUBLISHED}; update PUBLISHED, docs/targeting.md and the "
           "tests together.")
    frame = _notional()
    # Published record: the estimate must reproduce each election's seat totals roughly; the
    # boundaries changed, so exact totals are not expected. Hartlepool was unchanged in 2024.
    ni_2010 = frame.loc[frame["code"].str.startswith("N"), "winner_2010_est"]
    ensure(len(ni_2010) == 18 and ni_2010.isna().all() and frame["winner_2010_est"].notna().sum()
           == 632, "Notional results: 2010 winners must be estimated in the 632 GB seats and "
           "empty in Northern Ireland's 18 (no party detail for NI 2010 in the sources).")
    hartlepool = frame.set_index("code").loc["E14001272"]
    ensure(hartlepool["winner_2015_est"] == "lab" and hartlepool["winner_2017_est"] == "lab",
           "Notional results: Hartlepool (unchanged seat) should be Labour in 2015 and 2017.")
    return [write_table(frame, NOTIONAL_2024, out_dir)]


build.__doc__ = BUILD_DOC.format(what="notional results").replace(
    "``out_dir/attributes/``", "``out_dir/results/``")
