"""Target and defence lists with an explainable priority score.

:func:`targets` ranks the seats a party does not hold by the swing it needs to win them;
:func:`defences` ranks the seats it holds by the swing against it that would lose them. Both take
any party (Lab, Con, LD, SNP, PC, Green, Reform/Brexit, the Northern Ireland parties), any
election, filters (region, nation, maximum swing, opponent) and return one row per seat with the
holder, runner-up, majority in votes and points, the swing (exact; displayed rounded up), the
leave share, town class, deprivation, history and a priority score whose every component's
contribution is its own column.

Priority score
--------------
Each component is normalised to 0-1 (1 = higher priority) over every seat of the election, so a
seat's score does not depend on the filters applied:

``swing``
    Winnability: ``1 - swing / swing_cap`` clipped to 0-1 (``swing_cap`` 10 points by default).
    For defences the swing is the swing to lose, so the most vulnerable seats score highest.
``leave``
    EU referendum leave share, min-max scaled over all seats (1 = the most leave-voting seat).
``deprivation``
    UK composite IMD decile: ``(10 - decile) / 9`` (1 = the most deprived tenth of seats).
``town``
    Share of the population living in towns (large, medium and small towns in the Commons
    Library classification) / 100: 1 for an all-town seat, 0 for a city or village seat.
``turnout``
    ``1 -`` min-max scaled turnout: low-turnout seats have more non-voters to mobilise.
``history``
    Share of the earlier elections on the boundary set (from 2005) that the party won the seat.

A component that cannot be computed for a seat takes the neutral value 0.5: town class in
Northern Ireland, and on the 2024 boundaries (where the Commons Library classification does not
exist; ``town_class`` then shows the Centre for Cities class: City, Hinterland, Deep rural).
``score = 100 * sum(w_i * c_i) / sum(w_i)`` and each row carries
``score_<component> = 100 * w_i * c_i / sum(w_i)``; the contributions add up to the score.
Default weights follow the red-wall report's logic (winnable, leave-voting, deprived towns):
swing 0.4, leave 0.2, deprivation 0.2, town 0.2, turnout 0, history 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .elections import DEFAULT_ELECTION, Election
from .elections import election as _election
from .elections import nation as _nation
from .elections import region as _region
from .parties import PARTIES, party_label
from .swing import (
    LUMPED,
    check_party,
    majority_points,
    parties_of,
    swing_needed,
    swing_to_lose,
    winner_share,
)

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "defences",
    "previous_winner",
    "priority_components",
    "priority_score",
    "reasons",
    "results_text",
    "targets",
]

COMPONENTS: dict[str, str] = {
    "swing": "winnability: 1 - swing / swing_cap, clipped to 0-1 (for defences: vulnerability)",
    "leave": "EU referendum leave share, min-max scaled over all seats",
    "deprivation": "UK composite IMD decile, (10 - decile) / 9 (1 = most deprived tenth)",
    "town": "share of the population in large, medium and small towns / 100",
    "turnout": "1 - min-max scaled turnout (low turnout = more voters to mobilise)",
    "history": "share of the earlier elections from 2005 the party won the seat",
}
DEFAULT_WEIGHTS: dict[str, float] = {
    "swing": 0.4, "leave": 0.2, "deprivation": 0.2, "town": 0.2, "turnout": 0.0, "history": 0.0,
}
SWING_CAP = 10.0
_TOWN_COLS = ("large_town_pct", "medium_town_pct", "small_town_pct")


# --------------------------------------------------------------------------- helpers

def load_frame(election: int | str | Election = DEFAULT_ELECTION,
               seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """The seat frame to rank: ``seats`` if given, else ``load_seats(election, geometry=False)``."""
    if seats is not None:
        return seats
    from .datasets import load_seats

    return load_seats(_election(election), geometry=False)


def _col(seats: pd.DataFrame, name: str, dtype: str = "float64") -> pd.Series:
    if name in seats.columns:
        return seats[name].astype(dtype) if dtype else seats[name]
    return pd.Series(np.nan if dtype == "float64" else pd.NA, index=seats.index, dtype=dtype)


def history_columns(seats: pd.DataFrame) -> list[str]:
    """``winner_YYYY`` columns up to the frame's election, oldest first."""
    year = _election(seats.attrs["election"]).year if seats.attrs.get("election") else 9999
    cols = [c for c in seats.columns if c.startswith("winner_") and c[7:].isdigit()]
    return sorted((c for c in cols if int(c[7:]) <= year), key=lambda c: int(c[7:]))


def _history(seats: pd.DataFrame, party: str) -> pd.DataFrame:
    """History string, last year the party won, first year of its current run, earlier-win share."""
    cols = history_columns(seats)
    out = pd.DataFrame(index=seats.index)
    if not cols:
        out["history"] = pd.Series(pd.NA, index=seats.index, dtype="string")
        out["last_won"] = pd.Series(pd.NA, index=seats.index, dtype="Int64")
        out["held_since"] = pd.Series(pd.NA, index=seats.index, dtype="Int64")
        out["history_share"] = np.nan
        return out
    labels = {p: PARTIES[p].label for p in PARTIES}
    hist = seats[cols].astype("object").apply(lambda s: s.map(labels).fillna("–"))
    out["history"] = hist[cols[0]].str.cat([hist[c] for c in cols[1:]], sep=" ").astype("string")
    won = seats[cols].astype("object").eq(party).to_numpy()
    years = np.array([int(c[7:]) for c in cols])
    last = np.where(won.any(axis=1), years[np.argmax(np.where(won, years, -1), axis=1)], -1)
    out["last_won"] = pd.array(np.where(last > 0, last, 0), dtype="Int64")
    out.loc[last < 0, "last_won"] = pd.NA
    # the unbroken run of wins ending at the latest election in the history
    run = np.cumprod(won[:, ::-1], axis=1)[:, ::-1].astype(bool)
    since = years[np.argmax(run, axis=1)]
    out["held_since"] = pd.array(np.where(run[:, -1], since, 0), dtype="Int64")
    out.loc[~run[:, -1], "held_since"] = pd.NA
    year = _election(seats.attrs["election"]).year if seats.attrs.get("election") else None
    earlier = [i for i, c in enumerate(cols) if year is None or int(c[7:]) < year]
    known = seats[[cols[i] for i in earlier]].notna().to_numpy() if earlier else None
    if known is not None:  # some earlier election is in the history
        out["history_share"] = won[:, earlier].sum(axis=1) / np.maximum(known.sum(axis=1), 1)
        out.loc[known.sum(axis=1) == 0, "history_share"] = np.nan
    else:
        out["history_share"] = np.nan
    return out


def _minmax(x: pd.Series) -> pd.Series:
    lo, hi = x.min(), x.max()
    if not np.isfinite(lo) or hi == lo:
        return pd.Series(0.5, index=x.index)
    return (x - lo) / (hi - lo)


def check_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """Validate priority weights; keys not given are 0. ``None`` gives :data:`DEFAULT_WEIGHTS`."""
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    out = dict.fromkeys(COMPONENTS, 0.0)
    for key, value in weights.items():
        k = choice(key, COMPONENTS, "priority weight key",
                   aliases={"winnable": "swing", "winnability": "swing", "vulnerability": "swing",
                            "imd": "deprivation", "deprived": "deprivation", "towns": "town",
                            "eu": "leave", "brexit": "leave"})
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise SeatmapError(f"Weight for {k!r} must be a number, not {value!r}.") from None
        if v < 0 or not np.isfinite(v):
            raise SeatmapError(f"Weight for {k!r} must be zero or positive, not {value!r}.")
        out[k] = v
    if sum(out.values()) <= 0:
        raise SeatmapError(f"At least one weight must be positive (keys: {', '.join(COMPONENTS)}).")
    return out


def priority_components(seats: pd.DataFrame, party: str, swing: pd.Series,
                        swing_cap: float = SWING_CAP) -> pd.DataFrame:
    """The normalised (0-1, 1 = priority) components of the score for every seat.

    Parameters
    ----------
    seats : pandas.DataFrame
        The whole election's seat frame (normalisation uses every seat in it).
    party : str
        Party code (for the history component).
    swing : pandas.Series
        Swing needed (targets) or swing to lose (defences), points.
    swing_cap : float
        Swing at which winnability reaches 0.
    """
    comp = pd.DataFrame(index=seats.index)
    comp["swing"] = (1.0 - swing.astype("float64") / swing_cap).clip(0.0, 1.0)
    comp["leave"] = _minmax(_col(seats, "leave_pct"))
    comp["deprivation"] = (10.0 - _col(seats, "imd_uk_decile")) / 9.0
    if all(c in seats.columns for c in _TOWN_COLS):
        town = seats[list(_TOWN_COLS)].astype("float64")
        comp["town"] = (town.sum(axis=1, min_count=1) / 100.0).clip(0.0, 1.0)
    else:
        comp["town"] = np.nan
    comp["turnout"] = 1.0 - _minmax(_col(seats, "turnout_pct"))
    comp["history"] = _history(seats, party)["history_share"]
    return comp.fillna(0.5)


def priority_score(components: pd.DataFrame,
                   weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Weighted score (0-100) and each component's contribution (``score_<component>``).

    Examples
    --------
    >>> comp = pd.DataFrame({k: [1.0, 0.0] for k in COMPONENTS})
    >>> priority_score(comp)["score"].tolist()
    [100.0, 0.0]
    """
    w = check_weights(weights)
    total = sum(w.values())
    contrib = pd.DataFrame({f"score_{k}": 100.0 * w[k] / total * components[k] for k in COMPONENTS},
                           index=components.index)
    contrib.insert(0, "score", contrib.sum(axis=1))
    return contrib


def previous_winner(seats: pd.DataFrame) -> tuple[pd.Series, str | None]:
    """Each seat's winner at the previous election on the same boundaries, and its year.

    The latest ``winner_YYYY`` history column before the frame's election (2017 for 2019; the
    notional 2019 result for 2024; the notional 2005 result for 2010). Missing where the sources
    do not name it (Northern Ireland 2010) or the frame has no history.
    """
    cols = [c for c in history_columns(seats)
            if seats.attrs.get("election") is None
            or int(c[7:]) < _election(seats.attrs["election"]).year]
    if not cols:
        return pd.Series(pd.NA, index=seats.index, dtype="string"), None
    return seats[cols[-1]].astype("string"), cols[-1][7:]


def results_text(seats: pd.DataFrame) -> pd.Series:
    """Each seat's result in words: ``"Con gain from Lab"``, ``"Lab hold"``.

    From the winner and :func:`previous_winner` (the previous election on the same boundaries,
    which for 2024 is the notional 2019 result, as the Commons Library states 2024's gains);
    ``"SF win"`` where the previous winner is not known. Checked against every published
    result string (2017, 2019, 2024) in the tests.

    Examples
    --------
    >>> from seatmap import load_seats
    >>> results_text(load_seats(2019, geometry=False)).loc["E14000611"]  # Bury North
    'Con gain from Lab'
    """
    prev, _ = previous_winner(seats)
    win = seats["winner"].astype("string")
    text = [("" if pd.isna(w) else
             f"{party_label(w)} win" if pd.isna(p) else
             f"{party_label(w)} hold" if w == p else
             f"{party_label(w)} gain from {party_label(p)}")
            for w, p in zip(win, prev, strict=True)]
    return pd.Series(text, index=seats.index, dtype="string").replace("", pd.NA)


def _areas(values: str | Sequence[str] | None, fn: Callable[[str], str]) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [v for v in values.split(",") if v.strip()] if "," in values else [values]
    return [fn(v.strip() if isinstance(v, str) else v) for v in values]


class _Steps:
    """Applies filters one by one, remembering counts for an 'empty selection' message."""

    def __init__(self, frame: pd.DataFrame, what: str):
        self.frame, self.steps = frame, [f"{what}: {len(frame)}"]

    def keep(self, mask: pd.Series, label: str) -> None:
        self.frame = self.frame[mask.reindex(self.frame.index).fillna(False).astype(bool)]
        self.steps.append(f"{label}: {len(self.frame)}")

    def message(self) -> str:
        return "No seats match (" + "; ".join(self.steps) + ")."


def _limit(limit: object) -> int:
    """``limit=`` as a whole number of rows, at least 0 (a clear error otherwise)."""
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer, float, np.floating)) \
            or not np.isfinite(limit) or limit != int(limit) or limit < 0:
        raise SeatmapError(f"limit={limit!r} must be a whole number of rows, 0 or more "
                           "(or None for every row).")
    return int(limit)


def _max_swing(value: Any) -> float:  # whatever the caller passed, checked here
    """``max_swing=`` as a finite number of points (a clear error for NaN, text or infinity)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if isinstance(value, bool) or not np.isfinite(number):
        raise SeatmapError(f"max_swing={value!r} must be a finite number of percentage points, "
                           "e.g. max_swing=5.")
    return number


def _finish(frame: pd.DataFrame, key: pd.Series, tiebreak: pd.Series, sort: str,
            limit: int | None, steps: _Steps, attrs: dict[str, Any]) -> pd.DataFrame:
    frame = frame.assign(_k=key, _t=tiebreak, _n=frame["seat"].astype("string"))
    if sort == "score":
        frame = frame.sort_values(["score", "_k", "_n"], ascending=[False, True, True])
    else:
        frame = frame.sort_values(["_k", "_t", "_n"], ascending=[True, True, True])
    frame = frame.drop(columns=["_k", "_t", "_n"])
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    if limit is not None:
        frame = frame.head(_limit(limit))
    frame.index.name = "code"
    frame.attrs = {**attrs, "sort": sort, "filters": steps.steps[1:]}
    if frame.empty:
        frame.attrs["message"] = steps.message()
    return frame


def common_columns(seats: pd.DataFrame, p: str) -> pd.DataFrame:
    """Columns shared by target and defence lists, for every seat."""
    hist = _history(seats, p)
    town = _col(seats, "primary_class", dtype="string")
    for fallback in ("settlement", "cfc_class"):  # cfc_class: Centre for Cities, 2024 set
        if town.isna().all():
            town = _col(seats, fallback, dtype="string")
    return pd.DataFrame({
        "leave_pct": _col(seats, "leave_pct"),
        "town_class": town,
        "imd_uk_decile": _col(seats, "imd_uk_decile", dtype="Int64"),
        "turnout_pct": _col(seats, "turnout_pct"),
        "history": hist["history"],
        "last_won": hist["last_won"],
        "held_since": hist["held_since"],
        "la_code": _col(seats, "la_code", dtype="string"),
        "la_name": _col(seats, "la_name", dtype="string"),
    }, index=seats.index)


def _filter_area(steps: _Steps, seats: pd.DataFrame, region: str | Sequence[str] | None,
                 nation: str | Sequence[str] | None) -> None:
    regions = _areas(region, _region)
    if regions:
        steps.keep(seats["region"].isin(regions), f"in {', '.join(regions)}")
    nations = _areas(nation, _nation)
    if nations:
        steps.keep(seats["nation"].isin(nations), f"in {', '.join(nations)}")


def _check_sort(sort: str) -> str:
    return choice(sort, ("swing", "score"), "sort order", aliases={"priority": "score"})


# --------------------------------------------------------------------------- public API

def targets(party: str, election: int | str | Election = DEFAULT_ELECTION, against: str | None = None,
            *, region: str | Sequence[str] | None = None, nation: str | Sequence[str] | None = None,
            max_swing: float | None = None, method: str = "pairwise",
            weights: dict[str, float] | None = None, sort: str = "swing", limit: int | None = None,
            swing_cap: float = SWING_CAP, seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rank the seats a party does not hold by the swing it needs to win them.

    Parameters
    ----------
    party : str
        The challenger (any spelling: ``"lab"``, ``"Labour"``, ``"Brexit"``...).
    election : int or str, default :data:`~seatmap.elections.DEFAULT_ELECTION` ("2024")
        Election whose results are the starting point (``2019`` for the 2019 result on the 2010
        boundaries).
    against : str, optional
        Only seats held by this party (e.g. Labour's targets against the Conservatives).
    region, nation : str or list of str, optional
        Keep seats in these ONS regions / nations (errors list the valid names).
    max_swing : float, optional
        Keep seats needing at most this swing (points).
    method : {"pairwise", "from_winner"}
        How the swing needed from third place or lower is defined (see :mod:`seatmap.swing`).
    weights : dict, optional
        Priority weights by component (see :data:`COMPONENTS`); keys not given are 0.
    sort : {"swing", "score"}
        Rank by swing needed (the classic target list, default) or by priority score.
    limit : int, optional
        Keep the first ``limit`` rows after ranking.
    swing_cap : float, default 10
        Swing (points) at which the winnability component reaches 0.
    seats : pandas.DataFrame, optional
        A seat frame to use instead of ``load_seats(election)`` (e.g. a projection's result).

    Returns
    -------
    pandas.DataFrame
        Indexed by GSS ``code``: ``rank``, ``seat``, ``region``, ``nation``, ``holder``,
        ``runner_up``, ``position`` (the party's place), ``party_pct``, ``holder_pct``,
        ``majority`` (votes), ``majority_pct`` (points), ``behind_votes`` and ``behind_pct``
        (the party's deficit to the holder), ``swing_needed`` (exact points), ``leave_pct``,
        ``town_class``, ``imd_uk_decile``, ``turnout_pct``, ``history`` (winners, oldest first),
        ``last_won`` (last year the party won the seat), ``la_code``,
        ``la_name``, ``score`` and ``score_<component>``. Empty (with ``attrs["message"]`` saying
        which filter removed the last seats) when nothing matches. Seats held by the Speaker are
        not targets.

    Examples
    --------
    >>> t = targets("lab", 2019)
    >>> t["seat"].head(3).tolist()
    ['Bury North', 'Kensington', 'Bury South']
    """
    seats = load_frame(election, seats)
    p = check_party(party, seats)
    x = check_party(against, seats) if against is not None else None
    if x == p:
        raise SeatmapError(f"A party cannot target seats held by itself ({p!r}).")
    need = swing_needed(seats, p, method=method)
    w_share, _ = winner_share(seats)
    share = _col(seats, f"{p}_pct").fillna(0.0)
    votes = _col(seats, f"{p}_votes").fillna(0.0)
    holder_votes = (w_share * _col(seats, "valid_votes") / 100.0).round()
    rank_in_seat = share_rank(seats, p)
    comp = priority_components(seats, p, need, swing_cap)
    frame = pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": _col(seats, "region", dtype="string"),
        "nation": _col(seats, "nation", dtype="string"),
        "holder": seats["winner"].astype("string"),
        "result": results_text(seats),
        "runner_up": seats["runner_up"].astype("string"),
        "position": rank_in_seat,
        "party_pct": share,
        "holder_pct": w_share,
        "majority": _col(seats, "majority", dtype="Int64"),
        "majority_pct": majority_points(seats),
        "behind_votes": (holder_votes - votes).astype("Int64"),
        "behind_pct": w_share - share,
        "swing_needed": need,
    }, index=seats.index)
    frame = pd.concat([frame, common_columns(seats, p), priority_score(comp, weights)], axis=1)
    frame = frame.drop(columns=["held_since"])
    steps = _Steps(frame, f"seats {PARTIES[p].label} does not hold")
    steps.keep(seats["winner"] != p, f"not held by {PARTIES[p].label}")
    steps.keep(need.notna(), f"where {PARTIES[p].label} stood")
    steps.keep(seats["winner"] != "speaker", "not the Speaker's seat")
    if x is not None:
        steps.keep(seats["winner"] == x, f"held by {PARTIES[x].label}")
    _filter_area(steps, seats, region, nation)
    if max_swing is not None:
        steps.keep(need <= _max_swing(max_swing), f"swing needed <= {max_swing}")
    sort = _check_sort(sort)
    attrs = {"kind": "targets", "party": p, "against": x, "election": seats.attrs.get("election"),
             "method": method, "weights": check_weights(weights), "swing_cap": swing_cap,
             "history_elections": [c[7:] for c in history_columns(seats)]}
    sel = steps.frame
    return _finish(sel, sel["swing_needed"], sel["behind_votes"].astype("float64"), sort, limit,
                   steps, attrs)


def share_rank(seats: pd.DataFrame, party: str) -> pd.Series:
    """The party's place in each seat (1 = winner), by share among the named parties.

    A lumped column (``other``, ``ind``: several candidates) is never ranked as one candidate
    by its ``_pct`` (in 2024 it out-polls the real runner-up in 7 seats, e.g. Oxford East);
    the published ``winner`` and ``runner_up`` say where one of its candidates placed.
    """
    named = [q for q in parties_of(seats) if q not in LUMPED]
    shares = seats[[f"{q}_pct" for q in named]].astype("float64").fillna(0.0)
    own = _col(seats, f"{party}_pct").fillna(0.0)
    place = (shares.gt(own, axis=0)).sum(axis=1) + 1
    for col in ("winner", "runner_up"):  # a lumped candidate who won or came second
        place += (seats[col].isin(LUMPED) & (seats[col] != party)).fillna(False).astype(int)
    place = place.where(seats["winner"] != party, 1)
    place = place.where(~((seats["runner_up"] == party) & (seats["winner"] != party)), 2)
    return place.astype("Int64").where(own > 0)


def defences(party: str, election: int | str | Election = DEFAULT_ELECTION, against: str | None = None,
             *, region: str | Sequence[str] | None = None, nation: str | Sequence[str] | None = None,
             max_swing: float | None = None, weights: dict[str, float] | None = None,
             sort: str = "swing", limit: int | None = None, swing_cap: float = SWING_CAP,
             seats: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rank the seats a party holds by the swing against it that would lose them.

    Without ``against`` the challenger in each seat is the runner-up and the lead is the
    published majority; with ``against`` (e.g. Labour's defences against the Conservatives) the
    challenger is that party in every seat where it stood, and the lead is the votes between them.

    Parameters
    ----------
    party : str
        The defending party.
    election, region, nation, max_swing, weights, sort, limit, swing_cap, seats
        As in :func:`targets` (``max_swing`` keeps seats lost on at most that swing).
    against : str, optional
        The challenging party.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``rank``, ``seat``, ``region``, ``nation``, ``holder``,
        ``challenger``, ``party_pct``, ``challenger_pct``, ``lead_votes``, ``lead_pct``,
        ``majority`` and ``majority_pct`` (published, over the runner-up), ``swing_to_lose``
        (exact points), then the same context and score columns as :func:`targets`, with
        ``held_since`` (first year of the party's unbroken run in the seat within the history;
        the first history year, 2005 on the 2010 boundaries, means "at least since") for
        ``last_won``.

    Examples
    --------
    >>> d = defences("lab", 2019, against="con")
    >>> d.iloc[0]["seat"], int(d.iloc[0]["lead_votes"])
    ('Bedford', 145)
    """
    seats = load_frame(election, seats)
    p = check_party(party, seats)
    x = check_party(against, seats) if against is not None else None
    lose = swing_to_lose(seats, p, x)
    share = _col(seats, f"{p}_pct").fillna(0.0)
    votes = _col(seats, f"{p}_votes").fillna(0.0)
    if x is None:
        challenger = seats["runner_up"].astype("string")
        _, r_share = winner_share(seats)
        ch_share = r_share
        lead_votes = _col(seats, "majority")
    else:
        challenger = pd.Series(x, index=seats.index, dtype="string")
        ch_share = _col(seats, f"{x}_pct").fillna(0.0)
        lead_votes = votes - _col(seats, f"{x}_votes").fillna(0.0)
    comp = priority_components(seats, p, lose, swing_cap)
    frame = pd.DataFrame({
        "seat": seats["name"].astype("string"),
        "region": _col(seats, "region", dtype="string"),
        "nation": _col(seats, "nation", dtype="string"),
        "holder": seats["winner"].astype("string"),
        "result": results_text(seats),
        "challenger": challenger,
        "party_pct": share,
        "challenger_pct": ch_share,
        "lead_votes": lead_votes.round().astype("Int64"),
        "lead_pct": share - ch_share,
        "majority": _col(seats, "majority", dtype="Int64"),
        "majority_pct": majority_points(seats),
        "swing_to_lose": lose,
    }, index=seats.index)
    frame = pd.concat([frame, common_columns(seats, p), priority_score(comp, weights)], axis=1)
    frame = frame.drop(columns=["last_won"])
    steps = _Steps(frame, "seats")
    steps.keep(seats["winner"] == p, f"held by {PARTIES[p].label}")
    if x is not None:
        steps.keep(lose.notna(), f"where {PARTIES[x].label} stood")
    _filter_area(steps, seats, region, nation)
    if max_swing is not None:
        steps.keep(lose <= _max_swing(max_swing), f"swing to lose <= {max_swing}")
    sort = _check_sort(sort)
    attrs = {"kind": "defences", "party": p, "against": x, "election": seats.attrs.get("election"),
             "weights": check_weights(weights), "swing_cap": swing_cap,
             "history_elections": [c[7:] for c in history_columns(seats)]}
    sel = steps.frame
    return _finish(sel, sel["swing_to_lose"], sel["lead_votes"].astype("float64"), sort, limit,
                   steps, attrs)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _reason(r: pd.Series, kind: str, party: str, by_score: bool, year: int | None) -> str:
    def num(col: str, fmt: str) -> str | None:
        v = r.get(col)
        return None if v is None or pd.isna(v) else format(float(v), fmt)

    def pct(col: str) -> str | None:  # a majority under one point keeps two decimals: 0.05%, not 0.0%
        v = r.get(col)
        return None if v is None or pd.isna(v) else format(float(v), ".2f" if abs(v) < 1 else ".1f")

    holder = party_label(r["holder"]) if pd.notna(r.get("holder")) else "–"
    result = r.get("result")
    result = f"{holder} win" if result is None or pd.isna(result) else str(result)
    if year:
        result += f" in {year}"
    if kind == "targets":
        parts = [f"{result}, majority {num('majority', ',.0f') or '–'} "
                 f"({pct('majority_pct') or '–'}%)"]
        pos = r.get("position")
        if pos is not None and pd.notna(pos) and int(pos) > 2:
            parts[0] += (f", {party_label(party)} {_ordinal(int(pos))} and "
                         f"{num('behind_votes', ',.0f')} votes behind")
    else:
        rival = party_label(r["challenger"]) if pd.notna(r.get("challenger")) else "–"
        parts = [f"{result}, lead {num('lead_votes', ',.0f') or '–'} "
                 f"({pct('lead_pct') or '–'}%) over {rival}"]
    if num("leave_pct", ".0f"):
        parts.append(f"leave {num('leave_pct', '.0f')}%")
    if pd.notna(r.get("town_class")):
        parts.append(str(r["town_class"]).lower().replace("london", "London"))
    if num("imd_uk_decile", ".0f"):
        parts.append(f"deprivation decile {num('imd_uk_decile', '.0f')}")
    if by_score and num("score", ".1f"):
        parts.append(f"score {num('score', '.1f')}")
    return "; ".join(parts)


def reasons(ranked: pd.DataFrame) -> pd.Series:
    """A one-line reason per row of a target or defence list, for people reading the list.

    Parameters
    ----------
    ranked : pandas.DataFrame
        The result of :func:`targets` or :func:`defences`.

    Returns
    -------
    pandas.Series of str
        Indexed like ``ranked``: the seat's result (gain or hold, from :func:`results_text`)
        and majority (or lead), the party's place when it is third or lower, the leave share,
        town class, deprivation decile and, for a list ranked by score, the score.

    Examples
    --------
    >>> reasons(targets("lab", 2019).head(1)).iloc[0]
    'Con gain from Lab in 2019, majority 105 (0.22%); leave 54%; large town; deprivation decile 4'
    >>> reasons(targets("lab").head(1)).iloc[0]
    'Con hold in 2024, majority 20 (0.05%); leave 66%; town; deprivation decile 4'
    """
    a = ranked.attrs
    kind = a.get("kind") or ("targets" if "swing_needed" in ranked.columns else "defences")
    by_score = a.get("sort") == "score"
    party = a.get("party", "other")
    year = _election(a["election"]).year if a.get("election") else None
    return pd.Series([_reason(r, kind, party, by_score, year) for _, r in ranked.iterrows()],
                     index=ranked.index, dtype="object", name="reason")


def describe(ranked: pd.DataFrame) -> str:
    """One-line description of a ranked list (party, kind, election, opponent)."""
    a = ranked.attrs
    p = party_label(a.get("party", "other"))
    what = "targets" if a.get("kind") == "targets" else "defences"
    vs = f" against {party_label(a['against'])}" if a.get("against") else ""
    basis = _election(a["election"]).basis if a.get("election") else "results given"
    return f"{p} {what}{vs}, {basis}"
