"""Election results per seat and per party (2010-2024) and the seat-history table.

Writes, for every election id in :data:`seatmap.elections.ELECTIONS`,

- ``results/ge{id}.csv``: one row per seat (650): electorate, valid and invalid votes,
  turnout, winner, runner-up, majority, the published result text and the MP;
- ``results/ge{id}_votes.csv``: one row per seat and party as published, with the number of
  candidates behind the row and their votes (summing to the seat's valid votes);

and ``results/history.csv``, the winner of every 2010-set seat from the 2005 notional result
to 2019.

The sources and their limits:

- 2015, 2017, 2019: Commons Library candidate files (every candidate); 2017 and 2019 also have
  constituency files (electorate, invalid votes, official majority, result text), which are
  checked against the candidate-level figures. 2015 takes the electorate from the Commons
  Library 1918-2017 file and (Great Britain only) rejected ballots from the BES file.
- 2010: party detail for Great Britain from the British Election Study (BES) file (Con, Lab,
  LD, SNP, PC, UKIP, Green, BNP; everything else is one residual row); electorate and valid
  votes from the Commons Library 1918-2017 file, which lumps every Northern Ireland candidate
  together: NI seats have no party detail, winner, runner-up or majority.
- 2019-notional: Rallings & Thrasher's notional 2019 result on the 2024 boundaries, with ~60
  minor-party columns (each mapped to the party name the Commons Library 2019 file uses).
- 2024: Commons Library constituency file; candidates outside the twelve named parties are one
  lumped column, from which the winner's votes (``Of which other winner``) and a runner-up's
  votes (winner's votes minus the majority) are split out.

The package, one module per job: :mod:`.sources` (files, column lists, readers),
:mod:`.record` (the published figures), :mod:`.tables` (per-election metadata and schemas),
:mod:`.derive` (ranking and party rows shared by every election), one parser per source
(:mod:`.bes2010`, :mod:`.hoc`, :mod:`.rallings_thrasher`, :mod:`.hoc2024`), :mod:`.checks`, and
:func:`build` here, which runs the parser :data:`PARSERS` names for every election of the
registry (:data:`seatmap.elections.ELECTIONS`).

Every build checks the output against the published record (seats won, national votes,
individual majorities, 2019 gains) and raises :class:`BuildCheckError` if anything differs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...elections import BOUNDARY_SETS, ELECTIONS
from .._io import write_table
from .._schema import BuildCheckError
from .bes2010 import ge2010
from .checks import check_2010_spot, check_across, check_election
from .derive import finish_seats
from .hoc import ge2015, ge_hoc
from .hoc2024 import ge2024
from .rallings_thrasher import ge2019_notional
from .record import SEATS_WON
from .sources import (
    BES_COLS,
    CAND_COLS,
    FILES,
    HOC_1918,
    HOC_1918_COLS,
    check_sources_present,
    party_codes,
    read_bes_results,
    read_source,
    to_ints,
)
from .tables import HISTORY, META, RESOURCES, TABLE_BY_PATH, TABLES, file_stub

__all__ = ["ELECTION_IDS", "PARSERS", "RESOURCES", "TABLES", "build"]

#: The elections built: every election of the registry, in its order.
ELECTION_IDS = tuple(ELECTIONS)

#: election id -> parser, called with the sources read once: ``(sources, bes, hoc1918, cand)``;
#: returns ``(seats, votes)``. Adding an election adds its parser here.
PARSERS = {
    "2010": lambda src, bes, hoc1918, cand: ge2010(hoc1918, bes),
    "2015": lambda src, bes, hoc1918, cand: ge2015(cand["2015"], hoc1918, bes),
    "2017": lambda src, bes, hoc1918, cand: ge_hoc(src, "2017", cand["2017"]),
    "2019": lambda src, bes, hoc1918, cand: ge_hoc(src, "2019", cand["2019"]),
    "2019-notional": lambda src, bes, hoc1918, cand: ge2019_notional(src, cand["2019"]),
    "2024": lambda src, bes, hoc1918, cand: ge2024(src),
}


def _registry_is_complete() -> None:
    """Every election of the registry has a parser and a published seat count, and vice versa."""
    for what, table in (("parser in seatmap/build/results/__init__.py PARSERS", PARSERS),
                        ("metadata in seatmap/build/results/tables.py META", META),
                        ("published seat totals in seatmap/build/results/record.py SEATS_WON",
                         SEATS_WON)):
        missing = [e for e in ELECTIONS if e not in table]
        unknown = [e for e in table if e not in ELECTIONS]
        if missing or unknown:
            raise BuildCheckError(
                f"Elections {missing} of seatmap.elections.ELECTIONS have no {what}"
                + (f"; {unknown} there are not in the registry" if unknown else "")
                + ". Add an election in both places (see the README's 'Add an election').")


def history(seats: dict[str, pd.DataFrame], bes: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=seats["2019"]["code"].sort_values().to_numpy())
    b = bes.set_index("ONSConstID")
    out["winner_2005"] = party_codes(b["Winner05"], "BES Winner05", strict=True)
    for eid in BOUNDARY_SETS["2010"].elections:
        out[f"winner_{eid}"] = seats[eid].set_index("code")["winner"]
    return out.rename_axis("code").reset_index()


def write(df: pd.DataFrame, path: str, out_dir: Path) -> Path:
    table = TABLE_BY_PATH[path]
    return write_table(df[[f.name for f in table.fields]], table, out_dir)


def build(sources: Path, out_dir: Path) -> list[Path]:
    """Build every results table from the raw sources and check it against the record.

    Parameters
    ----------
    sources : Path
        The raw sources directory (``../shared/sources``).
    out_dir : Path
        Output root; files go to ``out_dir/results/``.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    SourceMissingError
        If a source folder or file is absent (checked before anything is read).
    BuildCheckError
        If a source's layout changed or a result differs from the published record.
    """
    sources, out_dir = Path(sources), Path(out_dir)
    _registry_is_complete()
    check_sources_present(sources)
    bes = read_bes_results(sources, BES_COLS)
    hoc1918 = read_source(sources, "hoc1918", HOC_1918_COLS)
    hoc1918 = hoc1918[hoc1918["election"].isin(["2010", "2015"])]
    hoc1918 = to_ints(hoc1918, ["electorate", "con_votes", "lib_votes", "lab_votes",
                              "total_votes"], f"{HOC_1918}/{FILES['hoc1918'][1]}")
    cand = {eid: to_ints(read_source(sources, f"hoc{eid}_cand", CAND_COLS), ["votes"],
                       "/".join(FILES[f"hoc{eid}_cand"][:2]))
            for eid in ("2015", "2017", "2019")}

    results = {eid: PARSERS[eid](sources, bes, hoc1918, cand) for eid in ELECTION_IDS}
    seats = {}
    for eid, (s, v) in results.items():
        seats[eid] = finish_seats(s)
        check_election(eid, seats[eid], v)
    check_across(seats)
    check_2010_spot(seats["2010"], results["2010"][1])

    paths = []
    for eid, (_, v) in results.items():
        paths.append(write(seats[eid], f"{file_stub(eid)}.csv", out_dir))
        paths.append(write(v, f"{file_stub(eid)}_votes.csv", out_dir))
    paths.append(write(history(seats, bes), HISTORY.path, out_dir))
    return paths
