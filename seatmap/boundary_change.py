"""Carry seat-level figures between the 2010 and 2024 boundary sets.

:func:`crosswalk` moves a table keyed by the seats of one boundary set onto the seats of the other
through the population (or area) overlaps of every pair of old and new seats (mySociety's
geographic overlaps, ``data/lookups/pcon2010_pcon2024.csv``):

- **counts** (votes, members, electors, population) are *apportioned*: a new seat gets each old
  seat's count times the share of the old seat's population that lives in the new seat;
- **rates** (percentages, averages, scores) are *re-weighted*: a new seat's rate is the average of
  the old seats' rates weighted by how much of the new seat's population each supplies;
- **categories** (text, flags, and numbers that are ranks, classes or codes, such as a deprivation
  decile) are never apportioned: they take the value of the old seat that supplies most of the new
  seat, whose share is given in ``main_source_share_pct``.

Each column's treatment and the reason for it are in ``attrs["crosswalk"]``; ``counts=``,
``rates=`` and ``categories=`` override them.

Results tables (``{party}_votes`` and ``valid_votes`` columns, as :func:`seatmap.load_results`
returns) are recognised: votes are apportioned and shares, winner, runner-up, majority and turnout
are recomputed from them. :func:`validate_crosswalk` measures the method against Rallings and
Thrasher's notional 2019 results on the 2024 seats (Great Britain as the headline, all-UK beside).

Apportioned counts are estimates: they are not rounded to whole numbers, only cleared of
floating-point noise (to 6 decimals), and stay integers when every value is whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import SeatmapError, choice
from .datasets import OVERLAP_WEIGHTS, load_overlaps
from .elections import BoundarySet, boundary_set
from .parties import PARTIES

__all__ = ["CrosswalkValidation", "crosswalk", "overlaps", "validate_crosswalk"]

WEIGHTS = OVERLAP_WEIGHTS
_COUNT_NAMES = re.compile(
    r"(^|_)(votes|electorate|population|pop|members|membership|count|people|households|"
    r"voters|electors|canvassed|contacts|volunteers|donors|signups|area_km2)$|^(n|num|count)_",
    re.IGNORECASE,
)
_RATE_NAMES = re.compile(r"(_pct|_share|_rate|_ratio|_score|_index|_mean|_median|_avg|_average|"
                         r"_per_\w+|(^|_)age|(^|_)percent|(^|_)turnout)$|"
                         r"^(pct|share|rate|mean|median|average|avg|percent)_", re.IGNORECASE)
_RANK_NAMES = re.compile(r"(^|_)(decile|deciles|quintile|quartile|tercile|percentile|rank|ranking|"
                         r"band|class|group|cluster|category|type|code|id|year|tier|flag)(_|$)",
                         re.IGNORECASE)
_RESULT_DROP = ("result", "mp")  # meaningless on other boundaries
_NONE = np.array(None, dtype=object)  # for np.where: its stubs take no bare None (same result)


# the overlaps are data: loaded in seatmap.datasets (so seatmap.names can use them too)
overlaps = load_overlaps


def _keys_of(table: pd.DataFrame, code: str | None) -> pd.Series:
    """The column (or index) naming each row's seat, as text."""
    if code is not None:
        if code not in table.columns:
            raise SeatmapError(f"No column {code!r} holding seat codes. Columns: "
                               f"{', '.join(map(str, table.columns))}.")
        return table[code].astype("string").reset_index(drop=True)
    if "code" in table.columns and table.index.name != "code":
        return table["code"].astype("string").reset_index(drop=True)
    return pd.Series(table.index.astype("string"))


def _codes_of(table: pd.DataFrame, code: str | None, src: str | None = None) -> pd.Index:
    """GSS codes of the table's rows; seat names of ``src`` are matched to codes as join does."""
    keys = _keys_of(table, code)
    codes = pd.Index(keys.str.strip().str.upper(), name="code")
    if src is None or codes.hasnans or codes.str.fullmatch(r"[EWSN]\d{8}").all():
        return codes
    from .join import match_seats

    m = match_seats(keys, src)
    bad = m[m["status"] != "matched"]
    if len(bad):
        shown = [f"{r.value!r} ({r.status}" + (f"; did you mean {r.suggestions}?" if r.suggestions
                                                else "") + (f"; {r.note}" if r.note else "") + ")"
                 for r in bad.head(5).itertuples()]
        raise SeatmapError(f"{len(bad)} of {len(m)} seat names are not seats of the {src} "
                           f"boundary set: {', '.join(shown)}. Fix the names or use GSS codes "
                           "(seatmap.join.match_seats shows every match).")
    return pd.Index(m["code"].astype("string").to_numpy(), name="code")


def _check_codes(codes: pd.Index, src: str, dst: str) -> None:
    from .datasets import load_constituencies

    if codes.hasnans:
        raise SeatmapError(f"{int(codes.isna().sum())} rows have no seat code.")
    dup = codes[codes.duplicated()].unique()
    if len(dup):
        raise SeatmapError(f"Seat codes appear more than once: {', '.join(map(str, dup[:10]))}. "
                           "Aggregate to one row per seat first.")
    valid = load_constituencies(src).index
    unknown = codes[~codes.isin(valid)]
    if len(unknown):
        other = load_constituencies(dst).index
        hint = (f" They are {dst}-set codes: pass from_set={dst!r}."
                if unknown.isin(other).all() else "")
        raise SeatmapError(f"{len(unknown)} codes are not seats of the {src} boundary set "
                           f"(e.g. {', '.join(map(str, unknown[:5]))}).{hint}")


def _result_parties(table: pd.DataFrame) -> list[str]:
    parties = [p for p in PARTIES if f"{p}_votes" in table.columns]
    return parties if len(parties) >= 2 and "valid_votes" in table.columns else []


def _treatments(table: pd.DataFrame, counts: Sequence[str] | None, rates: Sequence[str] | None,
                categories: Sequence[str] | None,
                parties: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """How each column is carried (count, rate, category, derived or dropped), and why."""
    chosen: dict[str, str] = {}
    for kind, cols in (("count", counts), ("rate", rates), ("category", categories)):
        if isinstance(cols, str):
            cols = [cols]
        for c in cols or ():
            if c not in table.columns:
                raise SeatmapError(f"No column {c!r} (given as a {kind}). Columns: "
                                   f"{', '.join(map(str, table.columns))}.")
            if c in chosen and chosen[c] != kind:
                raise SeatmapError(f"Column {c!r} is given both as a {chosen[c]} and as a {kind}; "
                                   "give each column once (counts=, rates= or categories=).")
            if kind in ("count", "rate") and not _numeric(table[c]):
                raise SeatmapError(f"Column {c!r} holds text, so it cannot be a {kind}; give it as "
                                   "a category (carried from the main source seat) or convert it "
                                   "to numbers first.")
            chosen[c] = kind
    out, why = {}, {}
    derived = set()
    if parties:
        derived = {f"{p}_pct" for p in parties} | {"winner", "runner_up", "majority",
                                                   "majority_pct", "turnout_pct"}
    for c in table.columns:
        if c in chosen:
            out[c], why[c] = chosen[c], "as given"
        elif c == "name":
            out[c], why[c] = "dropped", "replaced by the target seat's own name"
        elif c in derived:
            out[c], why[c] = "derived", "recomputed from the apportioned votes"
        elif parties and c in _RESULT_DROP:
            out[c], why[c] = "dropped", "meaningless on other boundaries"
        else:
            out[c], why[c] = _classify(str(c), table[c])
    return out, why


def _numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _classify(name: str, s: pd.Series) -> tuple[str, str]:
    """Kind of a column not named in counts=, rates= or categories=, and the reason."""
    if pd.api.types.is_bool_dtype(s):
        return "category", "true/false flag"
    if not _numeric(s):
        return "category", "text"
    if _RANK_NAMES.search(name):
        return "category", "named like a rank, class or code (not apportioned)"
    if _COUNT_NAMES.search(name):
        return "count", "named like a count"
    if _RATE_NAMES.search(name):
        return "rate", "named like a rate"
    values = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    values = values[~np.isnan(values)]
    if pd.api.types.is_integer_dtype(s) or (len(values) and np.all(values == np.round(values))):
        return "count", "whole numbers (pass rates= or categories= if it is not a count)"
    return "rate", "fractional numbers (pass counts= if it is a count)"


def _tidy_count(values: np.ndarray,
                total: float | None = None) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """Apportioned counts without floating-point noise (``14.488320000000002`` -> ``14.48832``),
    as whole numbers (nullable integers) when every value is whole.

    With ``total`` (the input's sum), what rounding to 6 decimals loses or adds (a count split
    four ways can lose 0.000001) is put back on the largest value, so the total is conserved.
    """
    values = np.round(values, 6)
    if total is not None and len(values) and not np.isnan(values).any():
        residual = round(float(total) - float(values.sum()), 6)
        if residual:
            values[int(np.argmax(np.abs(values)))] += residual
            values = np.round(values, 6)
    known = values[~np.isnan(values)]
    if len(known) and np.all(known == np.round(known)) and np.all(np.abs(known) < 2**53):
        return pd.array(values, dtype="Float64").astype("Int64")
    return values


def crosswalk(table: pd.DataFrame, from_set: int | str | BoundarySet = "2010",
              to_set: int | str | BoundarySet = "2024", weight: str = "population", *,
              code: str | None = None, counts: Sequence[str] | None = None,
              rates: Sequence[str] | None = None, categories: Sequence[str] | None = None
              ) -> pd.DataFrame:
    """Carry a seat-level table from one boundary set to the other.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per seat of ``from_set``, keyed by GSS code: the index, a ``code`` column, or the
        column named by ``code``.
    from_set, to_set : {"2010", "2024"}
        Boundary sets (an election works too: 2019 means the 2010 set).
    weight : {"population", "area"}, default "population"
        Overlap measure: population (mySociety's postcode-based estimate, about 2019) suits
        anything about people; area suits land.
    code : str, optional
        Column holding the codes, if not the index or ``code``.
    counts, rates, categories : list of str, optional
        Say how these columns are carried (a column may be in one list only). Otherwise:
        text and true/false flags are categories; numbers named like ranks, classes or codes
        (``*_decile``, ``*_quintile``, ``*_rank``, ``*_band``, ``*_class``, ``*_code``,
        ``*_year``...) are categories too, never apportioned; numbers named like counts
        (``*_votes``, ``electorate``, ``population``, ``members``, ``count``...) are counts;
        named like rates (``*_pct``, ``*_share``, ``*_score``, averages) are rates; other
        numbers are counts when every value is a whole number, else rates.
        ``attrs["crosswalk"]["reasons"]`` says why each column was treated as it was.

    Returns
    -------
    pandas.DataFrame
        One row per seat of ``to_set`` that overlaps a seat in ``table``, indexed by ``code``,
        with the target seat's ``name``, the carried columns in their original order, and
        ``coverage_pct``: the share of the target seat (by ``weight``) whose source seats are in
        ``table`` (below 100 where the table misses some source seats: counts are then too low).
        A count is missing if any source seat contributing to it has it missing; a rate is
        re-weighted over the sources that have it. A category is the value of the source seat
        that supplies most of the target seat; ``main_source_share_pct`` (added when there are
        categories) is that seat's share of the target. ``attrs["crosswalk"]`` records the sets,
        the weight, each column's treatment (count, rate, category, derived, dropped) and the
        reason for it.

    Raises
    ------
    SeatmapError
        If the table is empty, codes are missing, repeated or not seats of ``from_set`` (saying
        when they belong to the other set), a named column does not exist or holds text where
        numbers are needed, or a column is given in more than one of counts=, rates= and
        categories=.

    Examples
    --------
    >>> from seatmap import load_results
    >>> new = crosswalk(load_results(2019), "2010", "2024")
    >>> len(new), int(new["winner"].eq("con").sum())
    (650, 370)
    """
    if not isinstance(table, pd.DataFrame):
        raise SeatmapError("crosswalk needs a pandas DataFrame with one row per seat.")
    if table.empty:
        raise SeatmapError("The table is empty: crosswalk needs one row per seat of the "
                           "from_set boundary set, keyed by GSS code.")
    src, dst = boundary_set(from_set).id, boundary_set(to_set).id
    if src == dst:
        out = table.copy()
        out.attrs = dict(table.attrs)
        return out
    weight = choice(weight, WEIGHTS, "crosswalk weight", aliases={"pop": "population"})
    codes = _codes_of(table, code, src)
    _check_codes(codes, src, dst)
    data = table.drop(columns=[c for c in (code, "code") if c is not None and c in table.columns
                               and (c == code or table.index.name != "code")])
    data = data.set_axis(codes, axis=0)
    parties = _result_parties(data)
    how, why = _treatments(data, counts, rates, categories, parties)
    ov = _Overlap(overlaps(src, dst, weight), data)
    frame = ov.carry(data, how)
    if parties:
        _derive_results(frame, parties, how)
    from .datasets import load_constituencies

    names = load_constituencies(dst)["name"].reindex(ov.targets)
    frame.insert(0, "name", names.array)
    ordered = ["name"] + [c for c in data.columns if how[c] != "dropped" and c in frame.columns]
    frame = frame[ordered]
    frame["coverage_pct"] = ov.cover
    if "category" in how.values():
        # categories come from the main source seat: how much of the target seat that is
        name = "main_source_share_pct"
        while name in frame.columns:
            name = "_" + name
        frame[name] = ov.main_share.to_numpy()
    attrs = {k: v for k, v in table.attrs.items() if k not in ("crosswalk",)}
    attrs["boundary_set"] = dst
    attrs["crosswalk"] = {"from": src, "to": dst, "weight": weight, "columns": how,
                          "reasons": why}
    frame.attrs = attrs
    return frame


class _Overlap:
    """The overlaps of the table's seats with the target seats, and how values cross them."""

    def __init__(self, ov: pd.DataFrame, data: pd.DataFrame):
        present = ov["source"].isin(data.index).to_numpy()
        ov = ov[present | ov["target"].isin(ov.loc[present, "target"]).to_numpy()]
        has = ov["source"].isin(data.index).to_numpy()
        self.targets = pd.Index(sorted(ov["target"].unique()), name="code")
        t_pos = self.targets.get_indexer(ov["target"])
        # how much of each target seat the table's seats cover
        self.cover = np.bincount(t_pos, weights=np.where(has, ov["rate_share_pct"], 0.0),
                                 minlength=len(self.targets))
        self.ov, self.t_pos = ov[has], t_pos[has]
        self.rows = data.reindex(self.ov["source"])
        self.cshare = self.ov["count_share_pct"].to_numpy() / 100.0
        self.rshare = self.ov["rate_share_pct"].to_numpy()
        # the source seat supplying most of each target (ties: first code)
        order = np.lexsort((self.ov["source"].to_numpy(), -self.rshare, self.t_pos))
        first = order[np.r_[True, self.t_pos[order][1:] != self.t_pos[order][:-1]]]
        self.main = pd.Series(self.ov["source"].to_numpy()[first],
                              index=self.targets[self.t_pos[first]])
        self.main_share = pd.Series(self.rshare[first],
                                    index=self.targets[self.t_pos[first]]).reindex(self.targets)

    def _sum(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.t_pos, weights=weights, minlength=len(self.targets))

    def apportion(self, col: str) -> np.ndarray:
        """A count split by the overlaps' count shares (missing if any part is missing)."""
        v = pd.to_numeric(self.rows[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        total = self._sum(np.nan_to_num(v) * self.cshare)
        gap = self._sum((np.isnan(v) & (self.cshare > 0)).astype(float))
        return np.where(gap > 0, np.nan, total)

    def reweight(self, col: str) -> np.ndarray:
        """A rate averaged over the overlaps, weighted by their rate shares."""
        v = self.rows[col]
        v = v.astype("Float64") if pd.api.types.is_bool_dtype(v) else pd.to_numeric(v, errors="coerce")
        v = v.to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(v)
        num = self._sum(np.where(ok, v * self.rshare, 0.0))
        den = self._sum(np.where(ok, self.rshare, 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / den, np.nan)

    def carry(self, data: pd.DataFrame, how: dict[str, str]) -> pd.DataFrame:
        """Every column carried onto the target seats as its treatment says."""
        out = {}
        for col, kind in how.items():
            if kind == "count":
                given = pd.to_numeric(data.loc[self.ov["source"].unique(), col], errors="coerce")
                out[col] = _tidy_count(self.apportion(col), float(given.sum()))
            elif kind == "rate":
                out[col] = self.reweight(col)
            elif kind == "category":  # from the main source seat; keeps the dtype
                out[col] = data[col].reindex(self.main.reindex(self.targets).to_numpy()).array
        return pd.DataFrame(out, index=self.targets)


def _derive_results(frame: pd.DataFrame, parties: list[str], how: dict[str, str]) -> None:
    """Recompute shares, winner, runner-up, majority and turnout from apportioned votes."""
    votes = frame[[f"{p}_votes" for p in parties]].to_numpy(dtype=float)
    valid = frame["valid_votes"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i, p in enumerate(parties):
            if f"{p}_pct" in how:
                frame[f"{p}_pct"] = 100.0 * votes[:, i] / valid
        ranked = np.argsort(-np.nan_to_num(votes, nan=-1.0), axis=1, kind="stable")
        top = np.take_along_axis(votes, ranked[:, :2], axis=1)
        known = ~np.isnan(votes).any(axis=1)
        names = np.asarray(parties, dtype=object)
        if "winner" in how:
            frame["winner"] = pd.array(np.where(known, names[ranked[:, 0]], _NONE), dtype="string")
        if "runner_up" in how:
            frame["runner_up"] = pd.array(np.where(known, names[ranked[:, 1]], _NONE), dtype="string")
        majority = top[:, 0] - top[:, 1]
        if "majority" in how:
            frame["majority"] = majority
        if "majority_pct" in how:
            frame["majority_pct"] = 100.0 * majority / valid
        if "turnout_pct" in how and "electorate" in frame:
            frame["turnout_pct"] = 100.0 * valid / frame["electorate"].to_numpy(dtype=float)


@dataclass(frozen=True)
class CrosswalkValidation:
    """Crosswalked 2019 results against Rallings and Thrasher's notional 2019 results.

    The headline (``area="GB"``) is Great Britain's 632 seats: Northern Ireland's 18 have no
    Conservative, Labour or Liberal Democrat votes to compare, which would flatter the mean
    errors. ``uk`` is the all-UK figure beside it (``area="UK"``, 650 seats).
    """

    weight: str
    seats: int
    winners_agree: int
    con_mae: float
    lab_mae: float
    ld_mae: float
    disagreements: pd.DataFrame
    area: str = "GB"
    uk: CrosswalkValidation | None = None

    @property
    def winner_agreement_pct(self) -> float:
        """Seats whose crosswalked winner matches the notional winner, in percent."""
        return 100.0 * self.winners_agree / self.seats

    def figures(self) -> tuple[int, int, float, float, float]:
        """(winners agreeing, seats, Con, Lab, LD mean absolute error rounded to 2 dp)."""
        return (self.winners_agree, self.seats, round(self.con_mae, 2), round(self.lab_mae, 2),
                round(self.ld_mae, 2))

    def _figures_text(self) -> str:
        return (f"winner agrees in {self.winners_agree} of {self.seats} seats "
                f"({self.winner_agreement_pct:.1f}%); mean absolute error Con {self.con_mae:.2f}, "
                f"Lab {self.lab_mae:.2f}, LD {self.ld_mae:.2f} points")

    def summary(self) -> str:
        """The validation in a few lines: the headline area, then the all-UK figure beside it."""
        where = "Great Britain" if self.area == "GB" else "the UK"
        text = (f"Crosswalk of the 2019 results onto the 2024 seats ({self.weight} weights) against "
                f"Rallings & Thrasher's notional 2019, {where}: {self._figures_text()}.")
        if self.uk is not None:
            text += (f"\nAll {self.uk.seats} UK seats: {self.uk._figures_text()} (Northern "
                     "Ireland has no Con, Lab or LD votes to compare, which flatters this figure).")
        return text


def validate_crosswalk(weight: str = "population") -> CrosswalkValidation:
    """Crosswalk the 2019 results onto the 2024 seats and compare with the notional 2019 results.

    Parameters
    ----------
    weight : {"population", "area"}, default "population"

    Returns
    -------
    CrosswalkValidation
        Great Britain's figures (the headline): winner agreement, mean absolute error of the
        Conservative, Labour and Liberal Democrat shares (points), the seats whose winner
        differs; ``.uk`` the same over all 650 UK seats.

    Examples
    --------
    >>> v = validate_crosswalk()
    >>> v.winners_agree, v.seats, round(v.con_mae, 2), round(v.lab_mae, 2), round(v.ld_mae, 2)
    (622, 632, 1.35, 1.32, 0.69)
    >>> v.uk.figures()
    (640, 650, 1.31, 1.28, 0.67)
    """
    from .datasets import load_results

    ours = crosswalk(load_results("2019"), "2010", "2024", weight)
    rt = load_results("2019-notional").reindex(ours.index)

    def measure(mask: np.ndarray, area: str,
                uk: CrosswalkValidation | None = None) -> CrosswalkValidation:
        o, r = ours[mask], rt[mask]
        agree = (o["winner"] == r["winner"]).to_numpy()
        dis = pd.DataFrame({"name": r["name"], "crosswalk": o["winner"], "notional": r["winner"],
                            "crosswalk_majority_pct": o["majority_pct"],
                            "notional_majority_pct": r["majority_pct"]})[~agree]

        def mae(p: str) -> float:
            return float((o[f"{p}_pct"] - r[f"{p}_pct"]).abs().mean())

        return CrosswalkValidation(weight, int(mask.sum()), int(agree.sum()), mae("con"),
                                   mae("lab"), mae("ld"), dis, area, uk)

    uk = measure(np.ones(len(ours), dtype=bool), "UK")
    return measure(~ours.index.str.startswith("N"), "GB", uk)
