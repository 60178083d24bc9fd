"""Swing arithmetic: Butler two-party swing, the swing a party needs to win a seat, and the swing
that would cost it a seat it holds. Everything is vectorised over seats and keeps exact values:
round only for display, and then round *up* (:func:`seatmap._format.fmt_up`), because a needed
swing of 0.13 points shown as 0.1 would not be enough.

Notation (shares are percentages of valid votes, 0-100): ``s_P`` is party P's share in a seat,
``W`` the winner's share, ``R`` the runner-up's share, ``M = W - R`` the majority in points
(``majority_pct``).

Two-party (Butler) swing from A to B between elections 1 and 2::

    swing(A -> B) = ((B2 - B1) - (A2 - A1)) / 2

i.e. the average of B's gain and A's loss, in percentage points. A positive value is a swing
towards B.

Swing needed by a challenger P that does not hold a seat (``method="pairwise"``, the default)::

    needed(P) = max over parties X ahead of P of (s_X - s_P) / 2  =  (W - s_P) / 2

P overtakes X when the two-party swing from X to P exceeds ``(s_X - s_P) / 2`` (whatever the
mix of P's gain and X's loss), so P wins when the swing from *each* party ahead of it reaches
that party's threshold. The binding party is always the winner, so the figure equals
``(W - s_P) / 2``; for the runner-up it is ``M / 2`` (half the majority). For a party in third
place or lower this is the swing from each party ahead of it (at least ``(s_X - s_P) / 2`` from
every X ahead, ``(W - s_P) / 2`` from the winner), the usual uniform-swing convention.

``method="from_winner"`` is the stricter reading for a third-placed party: all of P's gain comes
from the winner and the other parties stand still, so P must also overtake the runner-up on its
own gain::

    needed(P) = max((W - s_P) / 2, R - s_P)

(identical to the pairwise figure when P is second).

Swing that would lose a seat P holds (to the runner-up, or to a named opponent X)::

    to_lose(P) = (s_P - R) / 2 = M / 2          to_lose(P, X) = (s_P - s_X) / 2

which is exactly the swing X needs to take the seat from P.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pandas as pd

from ._validate import SeatmapError
from .parties import PARTIES, party_code

#: What :func:`butler_swing` works on: shares as numbers, numpy arrays or pandas Series (all four
#: of one kind; the result is of the same kind).
Shares = TypeVar("Shares", float, np.ndarray, pd.Series)

__all__ = [
    "METHODS",
    "butler_swing",
    "national_shares",
    "seat_swing",
    "share_frame",
    "swing_needed",
    "swing_to_lose",
    "winner_share",
]

METHODS = ("pairwise", "from_winner")

# Columns that can gather several candidates (so their share is not one candidate's share).
LUMPED = ("other", "ind")


def butler_swing(a_before: Shares, b_before: Shares, a_after: Shares, b_after: Shares
                 ) -> Shares:
    """Two-party (Butler) swing from party A to party B, in percentage points.

    ``swing = ((B2 - B1) - (A2 - A1)) / 2``: positive values are a swing towards B.
    Works on scalars, numpy arrays and aligned pandas Series alike.

    Parameters
    ----------
    a_before, b_before : float or array-like
        Shares (0-100) of A and B at the first election.
    a_after, b_after : float or array-like
        Shares of A and B at the second election.

    Examples
    --------
    National Con to Lab swing 2017 -> 2019 (GB+NI shares 42.3 -> 43.6 and 40.0 -> 32.1):

    >>> round(butler_swing(42.3, 40.0, 43.6, 32.1), 2)
    -4.6
    """
    swing: Shares = ((b_after - b_before) - (a_after - a_before)) / 2.0
    return swing


def parties_of(seats: pd.DataFrame) -> list[str]:
    """Party codes with a ``{party}_pct`` column in ``seats`` (in :data:`PARTIES` order)."""
    listed = seats.attrs.get("parties")
    if listed:
        return [p for p in listed if f"{p}_pct" in seats.columns]
    return [p for p in PARTIES if f"{p}_pct" in seats.columns]


def check_party(party: str, seats: pd.DataFrame | None = None) -> str:
    """Return the party code for ``party``; raise listing the valid parties if it is unknown.

    With ``seats``, the party must also have stood somewhere in that frame.
    """
    code = party_code(party)
    if seats is not None and code not in parties_of(seats):
        e = seats.attrs.get("election", "this election")
        raise SeatmapError(
            f"Party {code!r} has no votes column in the {e} results. "
            f"Parties with results there: {', '.join(parties_of(seats))}."
        )
    return code


def share_frame(seats: pd.DataFrame, parties: list[str] | None = None) -> pd.DataFrame:
    """Shares (0-100) of valid votes per seat and party, columns named by party code."""
    parties = parties or parties_of(seats)
    shares = seats[[f"{p}_pct" for p in parties]].astype("float64")
    shares.columns = parties
    return shares.fillna(0.0)


def majority_points(seats: pd.DataFrame) -> pd.Series:
    """The majority in points of valid votes, exact: ``100 * majority / valid_votes``.

    Falls back to the ``majority_pct`` column (which may be rounded) where votes are missing.
    """
    exact = pd.Series(np.nan, index=seats.index)
    if "majority" in seats and "valid_votes" in seats:
        valid = seats["valid_votes"].astype("float64")
        exact = 100.0 * seats["majority"].astype("float64") / valid.where(valid > 0)
    if "majority_pct" in seats:
        exact = exact.fillna(seats["majority_pct"].astype("float64"))
    exact.name = "majority_pct"
    return exact


def winner_share(seats: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The winner's and runner-up's shares in each seat, in points of valid votes.

    Taken from the winner's and runner-up's party columns; where one of them is a lumped column
    (``other``, ``ind``: several candidates) or missing, it is recovered from the other and the
    published majority (``majority_pct``), so ``W - R`` always equals the published majority.

    Returns
    -------
    (pandas.Series, pandas.Series)
        ``W`` and ``R`` indexed like ``seats``.
    """
    shares = share_frame(seats)
    cols = {p: i for i, p in enumerate(shares.columns)}
    arr = shares.to_numpy()
    rows = np.arange(len(seats))

    named = [p for p in cols if p not in LUMPED]
    lookup = pd.Index(named)
    positions = np.array([cols[p] for p in named] + [-1])

    def pick(who: pd.Series) -> np.ndarray:
        idx = positions[lookup.get_indexer(who.astype("object").to_numpy())]
        return np.where(idx >= 0, arr[rows, np.clip(idx, 0, None)], np.nan)

    w = pick(seats["winner"])
    r = pick(seats["runner_up"])
    if "majority_pct" in seats or "majority" in seats:
        m = majority_points(seats).to_numpy()
        w = np.where(np.isnan(w), r + m, w)
        r = np.where(np.isnan(r), w - m, r)
    # last resort: the largest shares on the row
    srt = np.sort(arr, axis=1)
    w = np.where(np.isnan(w), srt[:, -1], w)
    r = np.where(np.isnan(r), srt[:, -2] if arr.shape[1] > 1 else 0.0, r)
    return pd.Series(w, index=seats.index), pd.Series(r, index=seats.index)


def swing_needed(seats: pd.DataFrame, party: str, method: str = "pairwise") -> pd.Series:
    """The swing (points) party P needs to win each seat it does not hold.

    ``pairwise`` (default): ``(W - s_P) / 2``, the two-party swing needed from each party ahead
    of P (the winner being the binding one); for the runner-up this is half the majority.
    ``from_winner``: ``max((W - s_P) / 2, R - s_P)``, if P's whole gain comes from the winner.
    See the module docstring for the derivation. Exact values: round up only for display.

    Parameters
    ----------
    seats : pandas.DataFrame
        A results frame (``load_seats`` / ``load_results``): ``winner``, ``runner_up``,
        ``majority_pct`` and ``{party}_pct`` columns.
    party : str
        Any spelling :func:`seatmap.party_code` accepts.
    method : {"pairwise", "from_winner"}

    Returns
    -------
    pandas.Series
        Points of swing; NaN where P holds the seat or did not stand.

    Examples
    --------
    >>> from seatmap import load_results
    >>> need = swing_needed(load_results(2019), "lab")
    >>> round(float(need["E14000611"]), 3)  # Bury North: majority 105 of 46,841 votes
    0.112
    """
    from ._validate import choice

    method = choice(method, METHODS, "swing method")
    p = check_party(party, seats)
    w, r = winner_share(seats)
    s = seats[f"{p}_pct"].astype("float64").fillna(0.0)
    need = (w - s) / 2.0
    if method == "from_winner":
        third = seats["runner_up"] != p
        need = need.where(~third, np.maximum(need, r - s))
    if "majority_pct" in seats or "majority" in seats:  # runner-up: half the published majority
        half = majority_points(seats) / 2.0
        need = need.where(~((seats["runner_up"] == p) & half.notna()), half)
    stood = seats[f"{p}_votes"].fillna(0) > 0 if f"{p}_votes" in seats else s > 0
    need = need.where((seats["winner"] != p) & stood)
    need.name = "swing_needed"
    return need


def swing_to_lose(seats: pd.DataFrame, party: str, against: str | None = None) -> pd.Series:
    """The swing (points) against party P that would lose each seat it holds.

    ``(s_P - R) / 2`` (half the majority) against the runner-up, or ``(s_P - s_X) / 2`` against a
    named opponent X, which is the swing X needs to take the seat.

    Parameters
    ----------
    seats : pandas.DataFrame
        A seat frame with shares, winner and majority (``load_seats`` or ``load_results``).
    party : str
        The defending party (any spelling).
    against : str, optional
        The challenger; default the runner-up in each seat.

    Returns
    -------
    pandas.Series
        Points of swing; NaN where P does not hold the seat (or, with ``against``, where the
        opponent did not stand).

    Examples
    --------
    >>> from seatmap import load_results
    >>> lose = swing_to_lose(load_results(2019), "lab", against="con")
    >>> round(float(lose["E14000552"]), 2)  # Bedford: Labour ahead by 145 votes
    0.15
    """
    p = check_party(party, seats)
    s = seats[f"{p}_pct"].astype("float64").fillna(0.0)
    if against is None:
        lose = majority_points(seats) / 2.0
    else:
        x = check_party(against, seats)
        if x == p:
            raise SeatmapError(f"A party cannot defend against itself ({p!r}).")
        lose = (s - seats[f"{x}_pct"].astype("float64").fillna(0.0)) / 2.0
        lose = lose.where(seats[f"{x}_votes"].fillna(0) > 0)
    lose = lose.where(seats["winner"] == p)
    lose.name = "swing_to_lose"
    return lose


def national_shares(seats: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Vote shares (0-100) from summed votes, nationally or per ``nation``/``region``.

    Returns
    -------
    pandas.DataFrame
        One row per area (``"UK"`` for the whole frame) and one column per party.

    Examples
    --------
    >>> from seatmap import load_results
    >>> round(float(national_shares(load_results(2019)).loc["UK", "con"]), 1)
    43.6
    """
    parties = parties_of(seats)
    votes = seats[[f"{p}_votes" for p in parties]].astype("float64").fillna(0.0)
    votes.columns = parties
    valid = seats["valid_votes"].astype("float64")
    if by is None:
        out = pd.DataFrame([100.0 * votes.sum() / valid.sum()], index=pd.Index(["UK"], name="area"))
    else:
        if by not in ("nation", "region"):
            raise SeatmapError(f"Shares can be grouped by 'nation' or 'region', not {by!r}.")
        keys = seats[by].astype("string")
        out = votes.groupby(keys, sort=False).sum().mul(100.0).div(
            valid.groupby(keys, sort=False).sum(), axis=0)
        out.index.name = "area"
    return out


def seat_swing(before: pd.DataFrame, after: pd.DataFrame, from_party: str,
               to_party: str) -> pd.Series:
    """Butler swing from one party to another in each seat between two elections.

    Both frames must be on the same boundary set (they are joined on the GSS code).

    Examples
    --------
    >>> from seatmap import load_results
    >>> sw = seat_swing(load_results(2017), load_results(2019), "lab", "con")
    >>> round(float(sw["E14000611"]), 2)  # Bury North
    4.68
    """
    a, b = check_party(from_party), check_party(to_party)
    sb, sa = before.attrs.get("boundary_set"), after.attrs.get("boundary_set")
    if sb and sa and sb != sa:
        raise SeatmapError(
            f"Seat-level swing needs results on one boundary set; got {sb} and {sa}. Compare "
            "2019-notional with 2024, or elections from 2010 to 2019.")
    idx = before.index.intersection(after.index)

    def col(df: pd.DataFrame, p: str) -> pd.Series:
        c = f"{p}_pct"
        return df[c].astype("float64").reindex(idx).fillna(0.0) if c in df else pd.Series(0.0, idx)

    out = butler_swing(col(before, a), col(before, b), col(after, a), col(after, b))
    out.name = f"swing_{a}_to_{b}"
    return out
