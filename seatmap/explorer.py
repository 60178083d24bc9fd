"""The explorer: one offline HTML file where the polls move and the seats, lists and map follow.

:func:`explorer` writes a single self-contained page (no server, no network, no remote script):
the analyst sets national shares, per-nation overrides for Scotland and Wales, the projection
model and the priority weights, and the page recomputes, on every change, the seat totals, the
map (geographic and hex), the seats changing hands and the chosen party's target and defence
lists. It can be emailed to someone who does not use Python.

What the page computes is what :func:`seatmap.project`, :func:`seatmap.targets` and
:func:`seatmap.defences` compute (the browser tests compare them seat by seat):

- The controls hold **absolute GB shares** (Great Britain, as pollsters publish them). The page
  turns them into the change specification of :func:`seatmap.project`::

      {"Great Britain": {party: share - base GB share, ...},   # every GB party, changed or not
       "Scotland": {party: share - base Scottish share, ...},   # only with the override on
       "Wales": {...},                                           # idem
       "Northern Ireland": {}}                       # NI is not in GB polls: unchanged

  (:meth:`Explorer.change` does the same in Python), which is what ``project(poll=...)`` does
  with a GB poll. With a :mod:`seatmap.projection` that has no Great Britain area, the GB entry
  is ``"*"``, whose reference share is the UK share (GB plus Northern Ireland's few votes for
  the same parties): then a party cannot go below ``base GB share - base UK share`` (a fraction
  of a point) and the sliders stop there rather than raise the error Python would.
- **Keeping the total at 100:** when one party's share changes, the other GB parties that are
  not held (each row has a "hold" box) are scaled in proportion to their shares above their
  floor, so they keep their relative sizes; the Speaker's share does not move with the sliders.
  A preset (a poll) sets the parties it names; the parties it does not name (the Speaker
  included) share what is left in proportion to their base GB shares, as ``project(poll=...)``
  does; named shares adding up to between 100 and 103 are scaled down to 100.
- Target and defence lists are those of ``targets(party, seats=projection.frame())`` and
  ``defences(party, seats=projection.frame())``, with the page's weights, sort and area filter.

Examples
--------
>>> page = explorer("lab", 2024)
>>> page.payload["meta"]["party"], len(page.payload["seats"]["code"])
('lab', 650)
>>> page.change({"lab": 30.0, "con": 27.0})[page.gb_key]["lab"] == 30.0 - page.gb_base["lab"]
True
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ._validate import SeatmapError
from .elections import BOUNDARY_SETS, NATIONS, REGIONS
from .elections import election as _election
from .parties import PARTIES, party_code

__all__ = ["Explorer", "explorer", "gb_key"]

_ASSETS = Path(__file__).resolve().parent / "_assets"
#: Nations that can carry their own shares in the page (Northern Ireland stays unchanged).
OVERRIDE_NATIONS = ("Scotland", "Wales")
_FIXED = ("speaker",)  # parties whose share the page never moves
_NI = "Northern Ireland"
_POLL_TOLERANCE = 3.0  # named shares up to 103 (rounding in published tables) are scaled to 100


def gb_key() -> str:
    """The change key :func:`seatmap.project` reads as Great Britain (``"*"`` if it has none).

    Examples
    --------
    >>> gb_key() in ("Great Britain", "*")
    True
    """
    from .projection import normalise_change

    try:
        spec = normalise_change({"Great Britain": {"lab": 0.0}})
    except SeatmapError:
        return "*"
    return "Great Britain" if next(iter(spec))[0] == "gb" else "*"


# --------------------------------------------------------------------------------------------
# inputs


def _base_frame(e, seats: pd.DataFrame | None) -> pd.DataFrame:
    if seats is not None:
        frame = seats
    else:
        from .datasets import load_seats

        frame = load_seats(e, geometry=False)
    missing = [c for c in ("name", "region", "nation", "winner", "runner_up", "valid_votes")
               if c not in frame.columns]
    if missing:
        raise SeatmapError(f"The seat frame has no {', '.join(missing)} column(s); pass a frame "
                           "from seatmap.load_seats(election, geometry=False).")
    return frame


def _gb_shares(frame: pd.DataFrame) -> pd.Series:
    """Each party's share of the valid votes in Great Britain (seats outside Northern Ireland)."""
    from .swing import national_shares

    gb = frame[frame["nation"].astype("string") != _NI]
    return national_shares(gb).iloc[0]


def _check_shares(label: str, shares: Mapping, base: Mapping[str, float],
                  area: str) -> dict[str, float]:
    """Checked ``{party: share}`` of a poll for an area whose base shares are ``base``."""
    out: dict[str, float] = {}
    for key, value in shares.items():
        p = party_code(key)
        if p not in base:
            raise SeatmapError(f"Poll {label!r}: {p!r} has no results in this election; parties "
                               f"with results: {', '.join(base)}.")
        if not base[p] > 0:
            stood = ", ".join(q for q, v in base.items() if v > 0)
            raise SeatmapError(f"Poll {label!r}: {p!r} had no votes in {area} in this election, "
                               f"so the page cannot move it there; parties with votes: {stood}.")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise SeatmapError(f"Poll {label!r}: the share of {p!r} must be a number, not "
                               f"{value!r}.") from None
        if not np.isfinite(v) or v < 0 or v > 100:
            raise SeatmapError(f"Poll {label!r}: the share of {p!r} must be between 0 and 100, "
                               f"not {value!r}.")
        out[p] = out.get(p, 0.0) + v
    total = sum(out.values())
    if total > 100.0 + _POLL_TOLERANCE:
        raise SeatmapError(f"Poll {label!r}: the shares add up to {total:.1f}; they cannot "
                           f"exceed 100 (up to {100 + _POLL_TOLERANCE:g} is taken as rounding and "
                           "scaled down; parties not named share what is left).")
    return out


def _poll_preset(label: str, poll: Mapping, gb: Mapping[str, float],
                 nations: Mapping[str, Mapping[str, float]]) -> dict:
    """A preset from ``{party: share}`` (GB) or ``{"GB"|"Scotland"|"Wales": {party: share}}``."""
    if not isinstance(poll, Mapping) or not poll:
        raise SeatmapError(f"Poll {label!r} must be a mapping of party to share, e.g. "
                           "{'reform': 29, 'lab': 22}.")
    nested = [isinstance(v, Mapping) for v in poll.values()]
    if any(nested) and not all(nested):
        raise SeatmapError(f"Poll {label!r} mixes parties and areas: put GB shares under 'GB'.")
    areas = dict(poll) if all(nested) else {"GB": poll}
    out: dict = {"label": str(label), "gb": None, "nations": {}}
    for area, shares in areas.items():
        key = str(area).strip()
        if key.upper() in ("GB", "*", "GREAT BRITAIN", "NATIONAL"):
            out["gb"] = _check_shares(label, shares, gb, "Great Britain")
            continue
        match = [n for n in OVERRIDE_NATIONS if n.casefold() == key.casefold()]
        if not match:
            raise SeatmapError(f"Poll {label!r}: area {area!r} is not 'GB', 'Scotland' or "
                               "'Wales' (Northern Ireland is not part of GB polls).")
        out["nations"][match[0]] = _check_shares(f"{label} ({match[0]})", shares,
                                                 nations[match[0]], match[0])
    if out["gb"] is None:
        raise SeatmapError(f"Poll {label!r} has nation shares but no GB shares (key 'GB').")
    return out


def _election_preset(eid: str, parties: list[str], label: str) -> dict:
    """The GB, Scottish and Welsh shares of an election, in the base election's parties."""
    from .swing import national_shares
    from .swingmodels import frame as base_frame

    frame = base_frame(eid, None)
    gb = _gb_shares(frame)
    by = national_shares(frame, by="nation")

    def fold(row: pd.Series) -> dict[str, float]:
        out = dict.fromkeys(parties, 0.0)
        for p, v in row.items():
            key = p if p in out else ("other" if "other" in out else None)
            if key is not None and np.isfinite(v):
                out[key] += float(v)
        return {p: v for p, v in out.items() if v > 0}

    return {"label": label, "gb": fold(gb),
            "nations": {n: fold(by.loc[n]) for n in OVERRIDE_NATIONS if n in by.index}}


# --------------------------------------------------------------------------------------------
# the payload


_TACTICAL = ("runner_up", "squeeze", "incumbent")


def _demographic(frame: pd.DataFrame, parties: list[str]) -> dict | None:
    """What the page needs to run ``project(model="demographic")``: None if it is not there.

    The page mirrors :func:`seatmap.seatmodel.apply_demographic` with its terms written as
    ``u_ip += beta_tp * growth_ip * x_ti`` (one coefficient per party and one value per seat for
    each term t: the leave share, the graduates share), plus the optional tactical coefficients,
    nomination rule and nation-only parties (``seatmodel.nation_rows``);
    ``tests/test_explorer.py`` checks the page against ``project``. A coefficient the page does
    not know (a new term) means the model is not offered.
    """
    try:
        from . import projection, seatmodel

        if "demographic" not in getattr(projection, "MODELS", ()):
            return None
        coefs = seatmodel.coefficients()
        families = set(seatmodel.FAMILIES.values())
        known = families | {f"{f}_graduates" for f in families} | set(_TACTICAL)
        if set(coefs) - known:  # a term the page does not know: do not offer a wrong model
            return None
        fam = [seatmodel.FAMILIES.get(p, "") for p in parties]
        terms = [{"beta": [float(coefs.get(f, 0.0)) for f in fam],
                  "x": _floats(seatmodel._leave(frame))}]
        if hasattr(seatmodel, "_graduates"):
            terms.append({"beta": [float(coefs.get(f"{f}_graduates", 0.0)) for f in fam],
                          "x": _floats(seatmodel._graduates(frame))})
        nominate = getattr(seatmodel, "NOMINATE", {})
        homes = getattr(seatmodel, "NATION_PARTIES", {})
        return {"terms": terms,
                "nation_parties": {str(j): homes[p] for j, p in enumerate(parties) if p in homes},
                "tactical": {k: float(coefs.get(k, 0.0)) for k in _TACTICAL},
                "nominate": {str(j): list(nominate[p]) for j, p in enumerate(parties)
                             if p in nominate},
                "iter": int(seatmodel._ITER)}
    except (ImportError, AttributeError, SeatmapError):
        return None


def _floats(values) -> list:
    return [None if v is None or not np.isfinite(v) else float(v)
            for v in np.asarray(values, dtype="float64")]


def _strings(series: pd.Series) -> list:
    return [None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v)
            for v in series.astype(object)]


def _history_note(bs: str, hist: list[str]) -> str:
    """Which of the history's winners are notional, e.g. '2010, 2015 notional estimates'."""
    try:
        from .datasets import history_basis

        basis = history_basis(bs)
    except (ImportError, FileNotFoundError):  # pragma: no cover - older data
        return ""
    kinds: dict[str, list[str]] = {}
    for c in hist:
        if c[7:] in basis:
            kinds.setdefault(basis[c[7:]], []).append(c[7:])
    plural = {"notional estimate": "notional estimates"}
    return "; ".join(f"{', '.join(years)} {plural.get(kind, kind) if len(years) > 1 else kind}"
                     for kind, years in kinds.items())


def _payload(e, party: str, frame: pd.DataFrame, presets: list[dict], title: str,
             key: str) -> dict:
    from .swing import LUMPED, national_shares, parties_of
    from .swingmodels import lumped_factor
    from .targeting import (
        COMPONENTS,
        DEFAULT_WEIGHTS,
        SWING_CAP,
        common_columns,
        history_columns,
        priority_components,
    )
    from .webgeom import boundary_web_geometry

    parties = parties_of(frame)
    shares = frame[[f"{p}_pct" for p in parties]].astype("float64").fillna(0.0).to_numpy()
    sparse = []
    for row in shares:
        nz = np.flatnonzero(row > 0)
        sparse.append([x for j in nz for x in (int(j), float(row[j]))])
    lf = lumped_factor(frame, parties)
    lumped = {str(j): [float(v) for v in lf[:, j]] for j, p in enumerate(parties)
              if p in LUMPED and not np.all(lf[:, j] == 1.0)}
    comp = priority_components(frame, party, pd.Series(0.0, index=frame.index))
    common = common_columns(frame, party)
    uk = national_shares(frame).iloc[0].reindex(parties).fillna(0.0)
    by_nation = national_shares(frame, by="nation").reindex(columns=parties).fillna(0.0)
    gb = _gb_shares(frame).reindex(parties).fillna(0.0)
    bs = e.boundary_set
    web = boundary_web_geometry(bs)
    pos = {c: i for i, c in enumerate(frame.index.astype(str))}
    missing = [c for c in web.codes if c not in pos]
    if len(missing) or len(web.codes) != len(frame):
        raise SeatmapError(f"The seat frame's codes do not match the {bs} boundary set "
                           f"({len(frame)} seats, {len(missing)} not in the frame).")
    from .datasets import load_hexmap

    hexes = load_hexmap(bs)[["q", "r"]].reindex(frame.index)
    regions = [r for r in REGIONS if r in set(frame["region"].astype(str))]
    nations = [n for n in NATIONS if n in set(frame["nation"].astype(str))]
    codes = {p: i for i, p in enumerate(parties)}
    valid = frame["valid_votes"].astype("float64")
    hist = history_columns(frame)
    return {
        "meta": {"title": title, "party": party, "election": e.id, "description": e.description,
                 "gb_key": key,
                 "boundary_set": bs, "majority": len(frame) // 2 + 1, "seats": len(frame),
                 "history": [c[7:] for c in hist], "history_note": _history_note(bs, hist),
                 "swing_cap": SWING_CAP,
                 "fixed": [p for p in _FIXED if p in parties], "overrides": list(OVERRIDE_NATIONS)},
        "parties": [{"code": p, "label": PARTIES[p].label, "name": PARTIES[p].name,
                     "colour": PARTIES[p].colour} for p in parties],
        "base": {"star": _floats(uk if key == "*" else gb), "gb": _floats(gb),
                 "nation": {n: _floats(by_nation.loc[n]) for n in by_nation.index}},
        "components": list(COMPONENTS), "component_help": COMPONENTS,
        "weights": DEFAULT_WEIGHTS,
        "regions": regions, "nations": nations,
        "seats": {
            "code": [str(c) for c in frame.index],
            "name": _strings(frame["name"]),
            "region": [regions.index(r) if r in regions else -1
                       for r in frame["region"].astype(str)],
            "nation": [nations.index(n) if n in nations else -1
                       for n in frame["nation"].astype(str)],
            "winner": [codes.get(w, -1) for w in frame["winner"].astype(object)],
            "runner": [codes.get(w, -1) for w in frame["runner_up"].astype(object)],
            "valid": [int(v) for v in valid.fillna(0)],
            "majority": [None if pd.isna(v) else int(v) for v in frame.get(
                "majority", pd.Series(np.nan, index=frame.index))],
            "shares": sparse,
            "lumped": lumped,
            "comp": {k: _floats(comp[k]) for k in COMPONENTS if k != "swing"},
            "leave": _floats(common["leave_pct"]),
            "town": _strings(common["town_class"]),
            "imd": [None if pd.isna(v) else int(v) for v in common["imd_uk_decile"]],
            "turnout": _floats(common["turnout_pct"]),
            "history": _strings(common["history"]),
            "la": _strings(common["la_name"]),
            "hex": [[int(q), int(r)] if pd.notna(q) else None
                    for q, r in zip(hexes["q"], hexes["r"], strict=True)],
            "geo": [pos[c] for c in web.codes],
        },
        "geo": web.payload(),
        "presets": presets,
        "demo": _demographic(frame, parties),
    }


# --------------------------------------------------------------------------------------------
# the page


_SKELETON = """<header class="sx-head"><h1 id="sx-title"></h1><p id="sx-sub"></p></header>
<div class="sx-sticky" id="sx-sticky">
 <div class="sx-totals" id="sx-totals" aria-live="polite"></div>
 <div class="sx-panels" role="tablist" aria-label="Show">
  <button type="button" role="tab" id="sx-show-controls" aria-controls="sx-controls"
   aria-selected="false">Shares</button>
  <button type="button" role="tab" id="sx-show-mapcol" aria-controls="sx-mapcol"
   aria-selected="true">Map</button>
  <button type="button" role="tab" id="sx-show-lists" aria-controls="sx-lists"
   aria-selected="false">Seats</button></div>
</div>
<main class="sx-grid" id="sx-grid" data-panel="mapcol">
<section class="sx-controls" id="sx-controls" aria-label="Scenario">
 <div class="sx-row"><label for="sx-preset">Scenario</label><select id="sx-preset"></select></div>
 <div class="sx-row"><label for="sx-model">Model</label><select id="sx-model">
  <option value="uniform">Uniform swing</option><option value="proportional">Proportional
  (transition)</option></select></div>
 <fieldset id="sx-gb"><legend>GB vote shares (%)</legend><div class="sx-parties"></div>
  <p class="sx-total"></p></fieldset>
 <div id="sx-nations"></div>
 <details id="sx-weights"><summary>Priority score weights</summary><div class="sx-w"></div>
 </details>
 <p class="sx-note" id="sx-how"></p>
</section>
<section class="sx-mapcol" id="sx-mapcol" aria-label="Map">
 <div class="sx-maptools"><div role="group" aria-label="Map view">
  <button type="button" id="sx-view-geo" aria-pressed="true">Map</button>
  <button type="button" id="sx-view-hex" aria-pressed="false">Hex</button></div>
  <div role="group" aria-label="Colour seats by">
  <button type="button" id="sx-mode-winners" aria-pressed="true">Winners</button>
  <button type="button" id="sx-mode-gains" aria-pressed="false">Gains</button></div>
  <button type="button" id="sx-zoom-in" aria-label="Zoom in">+</button>
  <button type="button" id="sx-zoom-out" aria-label="Zoom out">&minus;</button>
  <button type="button" id="sx-zoom-reset">Reset</button>
  <label for="sx-find" class="sx-vh">Find a seat</label>
  <input id="sx-find" type="search" list="sx-names" placeholder="Find a seat" autocomplete="off">
  <datalist id="sx-names"></datalist></div>
 <div class="sx-map" id="sx-map"></div>
 <p class="sx-hint" id="sx-hint"></p>
</section>
<aside class="sx-card" id="sx-card" aria-live="polite" aria-label="Seat" hidden></aside>
<section class="sx-lists" id="sx-lists" aria-label="Lists">
 <div class="sx-tabs" role="tablist">
  <button type="button" role="tab" id="sx-tab-targets" aria-selected="true">Targets</button>
  <button type="button" role="tab" id="sx-tab-defences" aria-selected="false">Defences</button>
  <button type="button" role="tab" id="sx-tab-changes" aria-selected="false">Changing hands</button>
 </div>
 <div class="sx-listtools">
  <label for="sx-area">Area</label><select id="sx-area"></select>
  <label for="sx-sort">Sort</label><select id="sx-sort"><option value="swing">Swing</option>
  <option value="score">Priority score</option></select>
  <button type="button" id="sx-csv">Download CSV</button></div>
 <p class="sx-listnote" id="sx-listnote"></p>
 <div class="sx-table" id="sx-list"></div>
</section>
</main>
<footer class="sx-foot" id="sx-foot"></footer>"""

_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; base-uri 'none'; form-action 'none'")


# characters that could end or confuse an inline <script> block, written as JSON escapes instead
_INLINE_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _inline_json(obj) -> str:
    """JSON safe inside ``<script type="application/json">`` (NaN is refused, not written)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_INLINE_ESCAPES)


def _render(payload: dict) -> str:
    from .webgeom import DECODER_JS

    css = (_ASSETS / "seatmap-explorer.css").read_text(encoding="utf-8")
    js = DECODER_JS.strip() + "\n" + (_ASSETS / "seatmap-explorer.js").read_text(encoding="utf-8")
    if re.search(r"</style", css, re.IGNORECASE) or re.search(r"</script", js, re.IGNORECASE):
        raise SeatmapError("An inline asset closes its own tag.")  # pragma: no cover
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(payload['meta']['title'])}</title>\n"
        f"<style>{css}</style></head>\n<body>\n{_SKELETON}\n"
        f"<script type=\"application/json\" id=\"sx-data\">{_inline_json(payload)}</script>\n"
        f"<script>{js}</script>\n</body></html>\n"
    )


@dataclass
class Explorer:
    """An explorer page: its HTML, the data it embeds, and the Python side of its arithmetic.

    Attributes
    ----------
    html : str
        The whole page.
    payload : dict
        The data embedded in it (seats, shares, geometry, presets).
    gb_base : dict
        Base GB share of each party (the page's starting point).
    parties : list of str
        The election's parties (page order).
    """

    html: str
    payload: dict
    gb_base: dict[str, float]
    parties: list[str]
    nation_base: dict[str, dict[str, float]] = field(default_factory=dict)
    gb_key: str = "Great Britain"

    def save(self, path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path."""
        from ._atomic import atomic_write

        path = Path(path)
        atomic_write(path, self.html.encode("utf-8"))
        return path

    def change(self, gb: Mapping[str, float],
               nations: Mapping[str, Mapping[str, float]] | None = None) -> dict:
        """The :func:`seatmap.project` change specification for absolute shares in the page.

        Parameters
        ----------
        gb : dict
            GB share of each party the page shows (every GB party; the Speaker may be left out).
        nations : dict, optional
            ``{"Scotland": {party: share}, "Wales": {...}}`` for the overrides that are on.

        Returns
        -------
        dict
            ``{"Great Britain": {party: share - base GB share}, "Northern Ireland": {}, ...}``
            (``"*"`` for ``"Great Britain"`` where :func:`seatmap.project` has no GB area).

        Examples
        --------
        >>> page = explorer("lab", 2024)
        >>> spec = page.change({"reform": 29.0, "lab": 22.0})
        >>> round(spec[page.gb_key]["reform"], 2), spec["Northern Ireland"]
        (14.31, {})
        """
        gbp = [p for p in self.parties if self.gb_base.get(p, 0.0) > 0]
        out: dict = {self.gb_key: {p: float(gb.get(p, self.gb_base[p])) - self.gb_base[p] for p in gbp},
                     _NI: {}}
        for n, shares in (nations or {}).items():
            base = self.nation_base[n]
            out[n] = {p: float(shares[p]) - base[p] for p in shares}
        return out

    def _repr_html_(self) -> str:  # pragma: no cover - notebooks
        src = html.escape(self.html, quote=True)
        return (f'<iframe srcdoc="{src}" style="width:100%;height:820px;border:0" '
                'sandbox="allow-scripts allow-downloads"></iframe>')


def explorer(party: str = "lab", election=2024, *, polls: Mapping[str, Mapping] | None = None,
             out=None, title: str | None = None, seats: pd.DataFrame | None = None) -> Explorer:
    """Build the offline scenario explorer for one party and election.

    Parameters
    ----------
    party : str, default "lab"
        The party whose targets and defences the page lists (any spelling).
    election : int or str, default 2024
        The results the page starts from (``2024``, ``2019``, ``"2019-notional"``...).
    polls : dict, optional
        Presets in the page: ``{label: {party: share}}`` (GB shares, 0-100; parties not named
        share what is left in proportion to their current shares), or
        ``{label: {"GB": {...}, "Scotland": {...}, "Wales": {...}}}``.
    out : str or path, optional
        Also write the page there.
    title : str, optional
        Page title (shown as text, never as HTML).
    seats : pandas.DataFrame, optional
        A seat frame to use instead of ``load_seats(election, geometry=False)`` (same seats).

    Returns
    -------
    Explorer

    Examples
    --------
    >>> page = explorer("lab", 2024, polls={"Poll": {"reform": 29, "lab": 22, "con": 18}})
    >>> [p["label"] for p in page.payload["presets"]]
    ['2024 result', '2019 notional shares', 'Poll']
    >>> len(page.html) < 2_000_000
    True
    """
    from .swing import check_party, national_shares, parties_of

    e = _election(election)
    frame = _base_frame(e, seats)
    p = check_party(party, frame)
    parties = parties_of(frame)
    presets = [{"label": f"{e.id} result" if not e.notional else f"{e.year} notional result",
                "gb": None, "nations": {}}]
    for other in BOUNDARY_SETS[e.boundary_set].elections:
        if other == e.id:
            continue
        o = _election(other)
        label = f"{o.year} notional shares" if o.notional else f"{o.id} shares"
        try:
            presets.append(_election_preset(other, parties, label))
        except FileNotFoundError:  # pragma: no cover - partial data installs
            continue
    gb = _gb_shares(frame).reindex(parties).fillna(0.0)
    by_nation = national_shares(frame, by="nation").reindex(columns=parties).fillna(0.0)
    gb_base = {q: float(gb[q]) for q in parties}
    nation_base = {n: {q: float(by_nation.loc[n, q]) for q in parties} for n in by_nation.index}
    first_poll = len(presets)  # the page opens on the user's first poll, if any
    for label, poll in (polls or {}).items():
        presets.append(_poll_preset(str(label), poll, gb_base, nation_base))
    desc = e.description[:1].lower() + e.description[1:]
    title = title or f"{PARTIES[p].name}: seat explorer from the {desc}"
    key = gb_key()
    payload = _payload(e, p, frame, presets, str(title), key)
    payload["meta"]["start"] = first_poll if len(presets) > first_poll else 0
    page = Explorer(html=_render(payload), payload=payload, gb_base=gb_base, parties=parties,
                    nation_base=nation_base, gb_key=key)
    if out is not None:
        page.save(out)
    return page

