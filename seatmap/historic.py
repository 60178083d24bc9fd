"""The general elections of 1950-2005 in Great Britain, in five vote groups, for backtesting
(:func:`load_historic`, :func:`history_pair`; built by :mod:`seatmap.build.history`).

Loaders beside :mod:`seatmap.datasets`, which re-exports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._cache import memoized
from ._store import read_table
from ._validate import SeatmapError, choice
from .elections import HISTORIC_ELECTIONS, HISTORIC_PAIRS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["HISTORIC_FILE", "HISTORIC_PARTIES", "history_pair", "load_historic"]


#: The historic elections' table (Great Britain, 1950-2005, five vote groups; see
#: :func:`load_historic`).
HISTORIC_FILE = "results/history_1950_2005.csv"
HISTORIC_PARTIES = ("con", "lab", "ld", "snp", "pc", "other")
_HISTORIC_ALIASES = {"feb1974": "1974F", "1974feb": "1974F", "february1974": "1974F",
                     "oct1974": "1974O", "1974oct": "1974O", "october1974": "1974O"}


def _historic_id(election: int | str) -> str:
    if str(election).strip() == "1974":
        raise SeatmapError("There were two elections in 1974: pass '1974F' (28 February) or "
                           "'1974O' (10 October).")
    return choice(str(election), HISTORIC_ELECTIONS, "historic election", _HISTORIC_ALIASES)


@memoized(maxsize=1)
def _historic_table() -> pd.DataFrame:
    return read_table(HISTORIC_FILE)


@memoized(maxsize=16)
def _historic_cached(eid: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    t = _historic_table()
    t = t[t["election"] == eid].set_index("code")
    votes = t[list(HISTORIC_PARTIES)].astype("int64")
    valid = t["valid_votes"].astype("float64")
    arr = votes.to_numpy()
    order = np.argsort(-arr, axis=1, kind="stable")
    rows = np.arange(len(t))
    second = np.array(HISTORIC_PARTIES)[order[:, 1]]
    majority = arr[rows, order[:, 0]] - arr[rows, order[:, 1]]
    out = pd.concat([
        t[["name", "nation", "region", "electorate", "valid_votes"]],
        votes.add_suffix("_votes"),
        votes.div(valid, axis=0).mul(100.0).add_suffix("_pct"),
    ], axis=1)
    out["turnout_pct"] = 100.0 * valid / t["electorate"].astype("float64")
    out["winner"] = t["winner"]
    out["runner_up"] = pd.array(second, dtype="string")
    out["majority"] = pd.array(majority, dtype="Int64")
    out["majority_pct"] = 100.0 * majority / valid
    out["note"] = t["note"]
    out.index.name = "code"
    out.attrs["election"] = eid
    out.attrs["boundary_set"] = str(t["boundary_set"].iloc[0])
    out.attrs["parties"] = list(HISTORIC_PARTIES)
    return out


def load_historic(election: int | str) -> pd.DataFrame:
    """Results per seat of a general election 1950-2005 in Great Britain, in five vote groups.

    From the Commons Library file of results 1918-2017, checked against the published seats won
    by each party at every election (see ``data/README.md`` for the corrections made to the
    file). Shaped like :func:`load_results` for the parties ``con``, ``lab``, ``ld`` (Liberals,
    the Alliance in 1983-87, Liberal Democrats), ``snp``, ``pc`` and ``other`` (every other
    candidate lumped together, and the Speaker), so it works with :func:`seatmap.project` and
    :func:`seatmap.backtesting.share_change`. Northern Ireland is not included; nor are Bradford
    South 1951 (Labour and the National Liberal lumped together in the file) and the six
    unopposed seats of 1950-51 (all in Northern Ireland). ``other`` lumps several candidates:
    where it won (the Speaker, independents such as Martin Bell in Tatton 1997) its votes include
    the minor candidates', so ``majority`` there overstates the winner's own majority.

    Parameters
    ----------
    election : int or str
        ``1950``, ``1951``, ``1955``, ``1959``, ``1964``, ``1966``, ``1970``, ``"1974F"``
        (February), ``"1974O"`` (October), ``1979``, ``1983``, ``1987``, ``1992``, ``1997``,
        ``2001`` or ``2005`` (:data:`seatmap.elections.HISTORIC_ELECTIONS`).

    Returns
    -------
    pandas.DataFrame
        One row per seat, indexed by a seat key (``code``, ``"<boundary set>/<name>"``) stable
        across the elections of a boundary set; columns ``name``, ``nation``, ``region``,
        ``electorate``, ``valid_votes``, ``{party}_votes`` and ``{party}_pct`` (0-100),
        ``turnout_pct``, ``winner``, ``runner_up``, ``majority``, ``majority_pct`` and
        ``note`` (a correction to the file's figures). ``attrs`` holds ``election``,
        ``boundary_set`` and ``parties``.

    Raises
    ------
    SeatmapError
        For an election that is not one of the sixteen (``1974`` alone is ambiguous).

    Examples
    --------
    >>> r = load_historic(1997)
    >>> r.attrs["boundary_set"], len(r)
    ('1997-2001', 641)
    >>> int(r["winner"].value_counts()["lab"])
    418
    >>> r.loc["1997-2001/tatton", "winner"]  # Martin Bell, independent
    'other'
    """
    eid = _historic_id(election)
    out = _historic_cached(eid).copy()
    out.attrs = dict(_historic_cached(eid).attrs)
    return out


def history_pair(before: int | str, after: int | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two consecutive historic elections on the same seats, aligned row for row.

    The pairs fought on unchanged boundaries are :data:`seatmap.elections.HISTORIC_PAIRS`
    (``("2001", "2005")`` is England and Wales only: Scotland's seats changed in 2005). Only
    seats in both elections are kept; the others are listed in ``attrs["dropped"]`` of each frame
    (e.g. Milton Keynes, split in two for 1992).

    Parameters
    ----------
    before, after : int or str
        Election ids as for :func:`load_historic`, ``before`` earlier than ``after``.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        :func:`load_historic` frames of both elections with the same index, in the same order.
        ``attrs["pair"]`` is ``(before, after)`` and ``attrs["dropped"]`` the seat keys of that
        election with no counterpart.

    Raises
    ------
    SeatmapError
        If the two elections are not on the same seats (not a pair of ``HISTORIC_PAIRS``).

    Examples
    --------
    >>> b, a = history_pair(1987, 1992)
    >>> len(b), b.index.equals(a.index)
    (632, True)
    >>> b.attrs["dropped"]
    ['1983-1992/milton-keynes']
    >>> a.attrs["dropped"]
    ['1983-1992/milton-keynes-north-east', '1983-1992/milton-keynes-south-west']
    """
    pair = (_historic_id(before), _historic_id(after))
    if pair not in HISTORIC_PAIRS:
        listing = ", ".join(f"{a}-{b}" for a, b in HISTORIC_PAIRS)
        raise SeatmapError(f"{pair[0]} and {pair[1]} are not consecutive elections on the same "
                           f"seats. Pairs on unchanged boundaries: {listing}.")
    first, second = load_historic(pair[0]), load_historic(pair[1])
    if pair == ("2001", "2005"):  # Scotland's seats were redrawn for 2005
        first = first[first["nation"] != "Scotland"]
        second = second[second["nation"] != "Scotland"]
    common = first.index.intersection(second.index, sort=False)
    out = []
    for frame, other in ((first, second), (second, first)):
        aligned = frame.loc[common]
        aligned.attrs = dict(frame.attrs)
        aligned.attrs["pair"] = pair
        aligned.attrs["dropped"] = sorted(set(frame.index) - set(other.index))
        out.append(aligned)
    return out[0], out[1]
