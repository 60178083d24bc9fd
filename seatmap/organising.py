"""Pilot selection: N seats per region from any ranked list, with constraints and reasons.

:func:`pilots` walks a ranked list (``targets``, ``defences`` or any frame indexed by GSS code,
best first) region by region and picks the best seats that satisfy the constraints: distinct
local authorities (so one council's campaign does not run two pilots), an optional mix of town
sizes (one large, one medium and one small town by default when asked), and exclusions. The
choice is deterministic (same list, same picks) and every pick carries a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import pandas as pd

from ._validate import SeatmapError, choice
from .elections import DEFAULT_ELECTION, REGIONS
from .elections import region as _region

__all__ = ["DEFAULT_REGIONS", "TOWN_CLASSES", "TOWN_MIX", "pilots"]

# England's nine regions, Wales and Scotland (Northern Ireland is opt-in).
DEFAULT_REGIONS = REGIONS[:11]
TOWN_CLASSES = ("Core City (London)", "Core City (outside London)", "Other City", "Large Town",
                "Medium Town", "Small Town", "Village or smaller")
TOWN_MIX = {"Large Town": 1, "Medium Town": 1, "Small Town": 1}
_CONTEXT = ("seat", "region", "la_code", "la_name", "town_class")


def _context(ranked: pd.DataFrame, seats: pd.DataFrame | None) -> pd.DataFrame:
    """The ranked rows with seat, region, local authority and town class filled in."""
    missing = [c for c in _CONTEXT if c not in ranked.columns]
    if not missing:
        return ranked
    if seats is None:
        from .datasets import load_seats

        seats = load_seats(ranked.attrs.get("election") or DEFAULT_ELECTION, geometry=False)
    src = pd.DataFrame({
        "seat": seats.get("name", pd.NA),
        "region": seats.get("region", pd.NA),
        "la_code": seats.get("la_code", pd.NA),
        "la_name": seats.get("la_name", pd.NA),
        "town_class": seats.get("primary_class", pd.NA),
    }, index=seats.index)
    out = ranked.join(src[missing], how="left")
    out.attrs = dict(ranked.attrs)
    return out


def _town_mix(mix: bool | str | Sequence[str] | Mapping[str, int] | None,
              per_region: int) -> dict[str, int]:
    if mix is None or mix is False:
        return {}
    if mix is True:
        mix = TOWN_MIX
    if isinstance(mix, str | list | tuple):
        items = [mix] if isinstance(mix, str) else list(mix)
        counts: dict[str, int] = {}
        for item in items:
            k = choice(item, TOWN_CLASSES, "town class",
                       aliases={"large": "Large Town", "medium": "Medium Town",
                                "small": "Small Town", "village": "Village or smaller",
                                "city": "Other City", "core": "Core City (outside London)"})
            counts[k] = counts.get(k, 0) + 1
        mix = counts
    out = {}
    # a mapping by now (names and lists became counts above)
    for key, n in dict(cast("Mapping[str, int]", mix)).items():
        k = choice(key, TOWN_CLASSES, "town class",
                   aliases={"large": "Large Town", "medium": "Medium Town", "small": "Small Town",
                            "village": "Village or smaller", "city": "Other City"})
        if int(n) < 0:
            raise SeatmapError(f"Town-mix counts must be zero or more, not {n!r} for {k!r}.")
        out[k] = int(n)
    if sum(out.values()) > per_region:
        raise SeatmapError(f"The town mix asks for {sum(out.values())} seats per region but "
                           f"per_region is {per_region}.")
    return out


def _exclusions(exclude: str | Sequence[str] | None, frame: pd.DataFrame) -> set[str]:
    """GSS codes of the seats to exclude (names resolved forgivingly, unknown names rejected)."""
    if not exclude:
        return set()
    items = [exclude] if isinstance(exclude, str) else list(exclude)
    from .elections import election
    from .names import SeatIndex, find_seat

    index = SeatIndex(frame.index, frame["seat"].astype("string").fillna(""))
    eid = frame.attrs.get("election")
    bset = election(eid or DEFAULT_ELECTION).boundary_set
    out = set()
    for item in items:
        codes, _ = index.candidates(item)
        if len(codes) > 1:
            index.lookup(item)  # raises: ambiguous
        if codes:
            out.add(codes[0])
            continue
        try:  # a real seat that is not in the list: nothing to exclude, but not an error
            out.add(find_seat(item, bset))
        except FileNotFoundError:
            index.lookup(item)  # raises with suggestions from the list
    return out


def pilots(ranked: pd.DataFrame, per_region: int = 3, *,
           regions: str | Sequence[str] | None = None, include_ni: bool = False,
           distinct_la: bool = True,
           town_mix: bool | str | Sequence[str] | Mapping[str, int] | None = None,
           exclude: str | Sequence[str] | None = None,
           seats: pd.DataFrame | None = None, level: str = "seat",
           **community_options: object) -> pd.DataFrame:
    """Pick ``per_region`` pilot seats in each region from a ranked list.

    Parameters
    ----------
    ranked : pandas.DataFrame
        Indexed by GSS code, best first (sorted by its ``rank`` column if it has one), e.g.
        ``targets("lab")`` or ``defences("con", sort="score")``.
    per_region : int, default 3
    regions : str or list of str, optional
        Regions to cover (default: England's nine regions, Wales and Scotland).
    include_ni : bool, default False
        Add Northern Ireland to the default regions.
    distinct_la : bool, default True
        At most one pilot per local authority (``la_code``, the seat's main council).
    town_mix : bool, dict, list or str, optional
        Town classes to include in each region, e.g. ``True`` (one Large, one Medium and one
        Small Town), ``{"Large Town": 2, "Small Town": 1}`` or ``["medium", "small"]``. Slots a
        region cannot fill from those classes go to the best remaining seats.
    exclude : str or list of str, optional
        Seats (names or codes) never to pick.
    seats : pandas.DataFrame, optional
        Where to find region, local authority and town class if ``ranked`` lacks them.
    level : {"seat", "community"}, default "seat"
        ``"community"``: pilots in held-back communities inside the list's seats, at most one
        per local authority, with shortfalls per region (see
        :func:`seatmap.heldback.community_pilots`; ``town_mix`` and ``seats`` do not apply).
    **community_options
        With ``level="community"``: ``election``, ``level`` of deprivation is ``deprivation=``
        (``"decile"`` or ``"quintile"``), ``rule``, ``data``, ``on`` and ``distance`` as in
        :func:`seatmap.communities`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``region``, ``pick`` (1..N), ``rank`` (position in the list
        passed, 1 = its first row, whatever ranks that list carried),
        ``seat``, ``la_code``, ``la_name``, ``town_class``, the list's swing/score columns where
        present, and ``reason``. ``attrs["shortfalls"]`` is the one list of shortfalls,
        always filled: a line for every region covered (the defaults, ``regions``, Northern
        Ireland with ``include_ni``) with fewer than ``per_region`` picks, e.g. ``"London: 1 of
        3 (1 seat in the list there)"`` (0 where the list has no seat there, as for Scotland in
        a red-wall list); ``attrs["regions_not_in_list"]`` names the regions with no seat in
        the list. ``attrs["message"]`` explains an empty result.

    Examples
    --------
    >>> from seatmap import targets
    >>> p = pilots(targets("lab", 2019), per_region=3, town_mix=True)
    >>> len(p), p.iloc[3]["seat"]
    (33, 'Bury North')
    """
    if choice(level, ("seat", "community"), "pilot level") == "community":
        from .heldback import community_pilots

        opts: dict[str, Any] = dict(community_options)  # checked by community_pilots
        opts["level"] = opts.pop("deprivation", "decile")
        return community_pilots(ranked, per_region, regions=regions, include_ni=include_ni,
                                distinct_la=distinct_la, exclude=exclude, **opts)
    if community_options:
        raise SeatmapError(f"{sorted(community_options)} apply only with level='community'.")
    if int(per_region) < 1:
        raise SeatmapError(f"per_region must be at least 1, not {per_region!r}.")
    per_region = int(per_region)
    frame = ranked.sort_values("rank", kind="stable") if "rank" in ranked.columns else ranked
    frame = _context(frame, seats)
    # ranks refer to the list passed (a red-wall subset of the targets ranks 1..54, not 1..429)
    frame = frame.assign(rank=range(1, len(frame) + 1))
    wanted = _wanted_regions(regions, include_ni)
    mix = _town_mix(town_mix, per_region)
    skip = _exclusions(exclude, frame)
    extra = [c for c in ("swing_needed", "swing_to_lose", "score") if c in frame.columns]
    detail = _detail(frame, ranked.attrs.get("sort") == "score")
    rows, shortfalls, without = [], [], []
    for reg in wanted:
        cand = frame[(frame["region"].astype("string") == reg) & ~frame.index.isin(skip)]
        picked = _pick_region(cand, per_region, mix, distinct_la, len(frame), detail)
        if len(picked) < per_region:
            shortfalls.append(f"{reg}: {len(picked)} of {per_region} "
                              f"({len(cand)} seat{'s' if len(cand) != 1 else ''} in the "
                              "list there)")
        if not len(cand):
            without.append(reg)
        rows += [_pilot_row(code, reg, i, cand.loc[code], extra, reason)
                 for i, (code, reason) in enumerate(picked, start=1)]
    cols = ["code", "region", "pick", "rank", "seat", "la_code", "la_name", "town_class",
            *extra, "reason"]
    out = pd.DataFrame(rows, columns=cols).set_index("code")
    out.attrs = {**{k: v for k, v in ranked.attrs.items() if k != "message"},
                 "kind": "pilots", "source_kind": ranked.attrs.get("kind"),
                 "list_length": len(frame), "per_region": per_region, "town_mix": mix,
                 "distinct_la": distinct_la, "excluded": sorted(skip), "shortfalls": shortfalls,
                 "regions_not_in_list": without}
    if out.empty:
        out.attrs["message"] = ("No pilot seats: the ranked list has no seats in "
                                f"{', '.join(wanted)} after exclusions.")
    return out


def _wanted_regions(regions: str | Sequence[str] | None, include_ni: bool) -> list[str]:
    """The regions to cover: ``regions`` (default :data:`DEFAULT_REGIONS`), and Northern Ireland
    with ``include_ni``."""
    if regions is None:
        return list(DEFAULT_REGIONS) + (["Northern Ireland"] if include_ni else [])
    items = [regions] if isinstance(regions, str) else list(regions)
    wanted = [_region(r) for r in items]
    if include_ni and "Northern Ireland" not in wanted:
        wanted.append("Northern Ireland")
    return wanted


def _pilot_row(code: str, region: str, pick: int, r: pd.Series, extra: list[str],
               reason: str) -> dict[str, Any]:
    """One row of the pilots: the seat ``r`` picked ``pick``-th in ``region``."""
    return {"code": code, "region": region, "pick": pick, "rank": int(r["rank"]),
            "seat": r["seat"], "la_code": r["la_code"], "la_name": r["la_name"],
            "town_class": r["town_class"], **{c: r[c] for c in extra}, "reason": reason}


def _detail(frame: pd.DataFrame, by_score: bool) -> dict[str, str]:
    """What ranks each seat, for the reasons: its score and components, or its swing."""
    out = {}
    parts = [c for c in frame.columns if c.startswith("score_")]
    swing = next((c for c in ("swing_needed", "swing_to_lose") if c in frame.columns), None)
    for code, r in frame.iterrows():
        if by_score and "score" in frame.columns and pd.notna(r["score"]):
            comp = " + ".join(f"{c[6:]} {r[c]:.1f}" for c in parts if pd.notna(r[c]) and r[c] > 0)
            out[code] = f"score {r['score']:.1f}" + (f" ({comp})" if comp else "")
        elif swing and pd.notna(r[swing]):
            out[code] = f"{swing.replace('_', ' ')} {_up(r[swing])} points"
        else:
            out[code] = ""
    return out


def _up(x: float) -> str:
    from ._text import fmt_up

    return fmt_up(x)


def _pick_region(cand: pd.DataFrame, n: int, mix: dict[str, int], distinct_la: bool,
                 total: int, detail: dict[str, str]) -> list[tuple[str, str]]:
    """Greedy, deterministic picks for one region: (code, reason) in rank order.

    Each reason says where the seat stands in the list, what ranks it (score components or
    swing), why it was picked (best remaining seat, or a town-mix slot), the council rule, the
    seats passed over and, for the region's last pick, the next seat in line and why it missed.
    """
    picks = _RegionPicks(cand, n, distinct_la, total, detail)
    unfilled = picks.town_mix(mix)
    label = "best remaining seat in the region"
    if unfilled:
        label += f" (no eligible {' / '.join(unfilled)} left for the town mix)"
    picks.sweep(lambda row: True, lambda row: label)
    return picks.in_rank_order()


class _RegionPicks:
    """The picks of one region so far: the seats chosen, their reasons, the councils used and
    the seats passed over (and why)."""

    def __init__(self, cand: pd.DataFrame, n: int, distinct_la: bool, total: int,
                 detail: dict[str, str]) -> None:
        self.cand, self.n, self.distinct_la, self.total, self.detail = (cand, n, distinct_la,
                                                                        total, detail)
        self.used_la: dict[str, str] = {}
        self.chosen: list[str] = []
        self.reasons: dict[str, str] = {}
        self.skipped: dict[str, str] = {}

    def blocked(self, row: pd.Series) -> str | None:
        """Why the council rule rules ``row`` out, or None."""
        la = row["la_code"]
        if self.distinct_la and pd.notna(la) and la in self.used_la:
            return f"same local authority as {self.used_la[la]}"
        return None

    def take(self, code: str, row: pd.Series, why: str, passed: list[str]) -> None:
        """Choose ``code``, with its reason: rank, detail, ``why``, council, seats passed over."""
        self.chosen.append(code)
        if pd.notna(row["la_code"]):
            self.used_la[row["la_code"]] = row["seat"]
        la = row["la_name"] if pd.notna(row["la_name"]) else "local authority unknown"
        what = f"; {self.detail[code]}" if self.detail.get(code) else ""
        note = ""
        if passed:
            more = f" and {len(passed) - 3} more" if len(passed) > 3 else ""
            note = f"; passed over {'; '.join(passed[:3])}{more}"
        self.reasons[code] = (f"rank {int(row['rank'])} of {self.total} in the list{what}; "
                              f"{why}; {la}{' (first pilot there)' if self.distinct_la else ''}"
                              f"{note}")

    def sweep(self, eligible: Callable[[pd.Series], bool], why: Callable[[pd.Series], str]
              ) -> None:
        """Walk the list in order, taking each ``eligible`` seat the council rule allows until
        the region is full; ``why(row)`` is the reason of a pick."""
        passed: list[str] = []
        for code, row in self.cand.iterrows():
            if len(self.chosen) >= self.n:
                break
            if code in self.chosen or not eligible(row):
                continue
            reason = self.blocked(row)
            if reason:
                passed.append(f"{row['seat']}, {reason}")
                self.skipped[code] = reason
                continue
            self.take(code, row, why(row), passed)
            passed = []

    def town_mix(self, mix: dict[str, int]) -> list[str]:
        """Fill the town-mix slots first; return the town classes left unfilled."""
        if not mix:
            return []
        quota = dict(mix)

        def fill(row: pd.Series) -> str:
            cls = row["town_class"]
            quota[cls] -= 1
            return f"best-ranked eligible {cls} in the region (town-mix slot)"

        self.sweep(lambda row: quota.get(row["town_class"], 0) > 0, fill)
        return [k for k, v in quota.items() if v > 0]

    def in_rank_order(self) -> list[tuple[str, str]]:
        """The picks in list order, the last one saying who was next in line and why not."""
        order = sorted(self.chosen, key=lambda c: int(self.cand.loc[c, "rank"]))
        if order:
            self.reasons[order[-1]] += self.next_in_line(order)
        return [(c, self.reasons[c]) for c in order]

    def next_in_line(self, order: list[str]) -> str:
        """The note on the last pick: the next seat of the list below it, and why it missed."""
        last = max(int(self.cand.loc[c, "rank"]) for c in order)
        rest = [c for c in self.cand.index
                if c not in self.chosen and int(self.cand.loc[c, "rank"]) > last]
        if not rest:
            return "; no other seat of the list in the region"
        nxt = self.cand.loc[rest[0]]
        why = (self.skipped.get(rest[0]) or self.blocked(nxt)
               or f"the region's {self.n} places were filled")
        extra = f", {self.detail[rest[0]].split(' (')[0]}" if self.detail.get(rest[0]) else ""
        return f"; next in line: {nxt['seat']} (rank {int(nxt['rank'])}{extra}), not picked: {why}"
