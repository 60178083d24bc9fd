"""The explorer: one offline HTML file where the polls move and the seats, lists and map follow.

:func:`explorer` writes a single self-contained page (no server, no network, no remote script):
the analyst sets national shares, per-nation overrides for Scotland and Wales, the projection
model and the priority weights, and the page recomputes, on every change, the seat totals, the
map (geographic and hex), the seats changing hands and the chosen party's target and defence
lists. It can be emailed to someone who does not use Python.

What the page computes is what :func:`seatmap.project`, :func:`seatmap.targets` and
:func:`seatmap.defences` compute (the browser tests compare them seat by seat; a Node test
compares the model alone over random scenarios):

- The controls hold a **poll**: absolute GB shares (Great Britain as pollsters publish it, the
  Speaker's seat aside) and, when switched on, Scotland's and Wales's own shares. The page
  projects ``project(poll=Explorer.poll(gb, nations), model=...)``: a nested poll, delivered
  over Great Britain as a whole and over each nation given (:mod:`seatmap.scenario`);
  Northern Ireland keeps its result. A preset names the parties of its poll and the page
  completes the others as :mod:`seatmap.scenario` does; once a slider is moved, the poll names
  every party the page shows, with the shares it shows.
- The model runs in the page (``seatmap/_assets/seatmap-model.js``) on data computed here by
  :func:`model_payload`: the steps of :func:`seatmap.projection.run_model` (poll completion,
  standing, the model's seat pattern, tactical voting, delivery) with the same iteration rules
  and tolerance.
- **Keeping the total at 100:** when one party's share changes, the other parties that are not
  held (each row has a "hold" box) are scaled in proportion to their shares, so they keep their
  relative sizes.
- Target and defence lists are those of ``targets(party, seats=projection.frame())`` and
  ``defences(party, seats=projection.frame())``, with the page's weights, sort and area filter.

Examples
--------
>>> page = explorer("lab", 2024)
>>> page.payload["meta"]["party"], len(page.payload["seats"]["code"])
('lab', 650)
>>> page.poll({"lab": 30.0, "con": 27.0})
{'Great Britain': {'lab': 30.0, 'con': 27.0}}
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._cache import memoized
from ._validate import SeatmapError
from .elections import BOUNDARY_SETS, NATIONS, REGIONS, Election
from .elections import election as _election
from .parties import PARTIES, party_code

if TYPE_CHECKING:
    from .engine import Base

__all__ = ["Explorer", "explorer", "model_payload"]

_ASSETS = Path(__file__).resolve().parent / "_assets"
#: Nations that can carry their own shares in the page (Northern Ireland stays unchanged).
OVERRIDE_NATIONS = ("Scotland", "Wales")
_GB = "Great Britain"


# --------------------------------------------------------------------------------------------
# inputs


def _base_frame(e: Election, seats: pd.DataFrame | None) -> pd.DataFrame:
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


def _area_shares(base: Base, area: str) -> np.ndarray:
    """Vote-weighted shares of an area (the Speaker's seat aside), as the poll resolver counts."""
    from .scenario import area_of

    if area == _GB:
        mask = base.nation != "Northern Ireland"
    else:
        name = area_of(area)
        mask = (base.nation == name) if name in NATIONS else (base.region == name)
    w = np.where(mask & ~base.speaker, base.votes, 0.0)
    return w @ base.shares / w.sum() if w.sum() > 0 else np.zeros(len(base.parties))


def _poll_preset(label: str, poll: Mapping[str, Any], base: Base) -> dict[str, Any]:
    """A preset from ``{party: share}`` (GB) or ``{"GB"|"Scotland"|"Wales": {party: share}}``.

    Parsed and checked by :mod:`seatmap.scenario` (the poll parser of :func:`seatmap.project`):
    the preset is refused with the error ``project(poll=...)`` would raise.
    """
    from .projection import run_model
    from .scenario import area_of
    from .swingmodels import party_values

    if not isinstance(poll, Mapping) or not poll:
        raise SeatmapError(f"Poll {label!r} must be a mapping of party to share, e.g. "
                           "{'reform': 29, 'lab': 22}.")
    nested = [isinstance(v, Mapping) for v in poll.values()]
    if any(nested) and not all(nested):
        raise SeatmapError(f"Poll {label!r} mixes parties and areas: put GB shares under 'GB'.")
    areas = dict(poll) if all(nested) else {"GB": poll}
    out: dict[str, Any] = {}
    for area, shares in areas.items():
        try:
            name = area_of(area)
        except SeatmapError:
            name = None
        if name not in (_GB, *OVERRIDE_NATIONS):
            raise SeatmapError(f"Poll {label!r}: area {area!r} is not 'GB', 'Scotland' or "
                               "'Wales' (Northern Ireland is not part of GB polls).")
        if name in out:
            raise SeatmapError(f"Poll {label!r}: the area {name!r} is given twice.")
        try:
            out[name] = party_values(dict(shares), f"poll share in {name}", 0.0, 100.0)
        except SeatmapError as err:
            raise SeatmapError(f"Poll {label!r}: {err}") from None
    if _GB not in out:
        raise SeatmapError(f"Poll {label!r} has nation shares but no GB shares (key 'GB').")
    out = {_GB: out.pop(_GB), **out}
    try:
        run_model(base, "uniform", poll=out)
    except SeatmapError as err:
        raise SeatmapError(f"Poll {label!r}: {err}") from None
    return {"label": str(label), "poll": out}


def _election_preset(eid: str, base: Base, label: str) -> dict[str, Any]:
    """The GB, Scottish and Welsh shares of an election, in the base election's parties.

    A party the base has no column for, or a lumped column (``other``, ``ind``) with no votes in
    the area in the base (it cannot stand there), counts as ``other`` (or is left out).
    """
    from .engine import LUMPED, base_arrays
    from .swingmodels import frame as base_frame

    other = base_arrays(base_frame(eid, None))

    def fold(area: str) -> dict[str, float]:
        here = dict(zip(base.parties, _area_shares(base, area), strict=True))
        out = dict.fromkeys(base.parties, 0.0)
        for p, v in zip(other.parties, _area_shares(other, area), strict=True):
            key = p if p in out and (p not in LUMPED or here[p] > 0) else "other"
            if key in out and (key not in LUMPED or here[key] > 0) and np.isfinite(v):
                out[key] += float(v)
        return {p: v for p, v in out.items() if v > 0}

    poll = {_GB: fold(_GB)}
    poll.update({n: fold(n) for n in OVERRIDE_NATIONS if (other.nation == n).any()})
    return {"label": label, "poll": poll}


# --------------------------------------------------------------------------------------------
# the payload


def model_payload(seats: pd.DataFrame) -> dict[str, Any]:
    """What the page's model (``seatmap-model.js``) needs: everything that does not depend on the
    scenario, computed by the model's own public functions.

    Base shares, valid votes, nation and region (:func:`seatmap.engine.base_arrays`), the
    Speaker's seat, the lumped columns' winner factors, the personal votes kept
    (:func:`seatmap.standing.personal_votes`), each party's entry share in the seats it did not
    contest (:func:`seatmap.standing.entry_shares`), the mixed model's ``k``
    (:func:`seatmap.seatmodel.mix_k`), the demographic terms per seat and party for a
    growth of 1 (:func:`seatmap.seatmodel.demographic_terms` is linear in the growth; ``None``
    where the frame has no leave or census data), and the constants of the poll resolver and of
    delivery. Numbers are written in full: the page must reproduce Python within 1e-9.

    Parameters
    ----------
    seats : pandas.DataFrame
        The base frame (``load_seats(election, geometry=False)``).

    Returns
    -------
    dict

    Examples
    --------
    >>> from seatmap import load_seats
    >>> m = model_payload(load_seats(2024, geometry=False))
    >>> len(m["votes"]), m["constants"]["poll_tolerance"], m["default_model"] in m["models"]
    (650, 3.0, True)
    """
    from . import engine, scenario, seatmodel, standing, tactical
    from .projection import MODELS, default_model

    b = engine.base_arrays(seats)
    parties = b.parties
    n_seats, n_parties = b.shares.shape
    nations = list(dict.fromkeys(str(n) for n in b.nation))
    regions = list(dict.fromkeys(str(r) for r in b.region))
    fixed = standing.personal_votes(b, True)
    entry: dict[str, Any] = {}
    for j, p in enumerate(parties):
        if p in engine.LUMPED:
            continue
        home = engine.NATION_PARTIES.get(p)
        can = (b.nation == home) if home else (
            b.nation == "Northern Ireland" if p in engine.NI_PARTIES else np.ones(n_seats, bool))
        rows = np.flatnonzero(can & ~b.stood[:, j] & ~b.speaker)
        if len(rows):
            e = standing.entry_shares(b, p)
            entry[str(j)] = [[int(i), None if np.isnan(e[i]) else float(e[i])] for i in rows]
    try:
        terms = seatmodel.demographic_terms(seats, parties, np.ones((n_seats, n_parties)),
                                            np.arange(n_seats))
        demo = {str(j): _floats(terms[:, j]) for j in range(n_parties) if np.any(terms[:, j])}
    except SeatmapError:
        demo = None
    models = [m for m in MODELS if m != "demographic" or demo is not None]
    default = default_model()
    return {
        "parties": parties, "nations": nations, "regions": regions,
        "nation": [nations.index(str(n)) for n in b.nation],
        "region": [regions.index(str(r)) for r in b.region],
        "votes": _floats(b.votes),
        "speaker": [int(i) for i in np.flatnonzero(b.speaker)],
        "shares": [[x for j in np.flatnonzero(row > 0) for x in (int(j), float(row[j]))]
                   for row in b.shares],
        "fixed": [[int(i), int(j), float(fixed[i, j])] for i, j in np.argwhere(fixed > 0)],
        "lumped_factor": {str(j): _floats(b.lumped[:, j]) for j in range(n_parties)
                          if not np.all(b.lumped[:, j] == 1.0)},
        "entry": entry,
        "mix_k": float(seatmodel.mix_k()),
        "demo": demo,
        "models": models,
        "default_model": default if default in models else models[0],
        "constants": {"poll_tolerance": float(scenario.POLL_TOLERANCE),
                      "delivery_tolerance": float(engine.DELIVERY_TOLERANCE),
                      "max_iter": int(engine.MAX_ITER)},
        "nation_parties": [[p, h] for p, h in engine.NATION_PARTIES.items()],
        "ni_parties": list(engine.NI_PARTIES), "lumped": list(engine.LUMPED),
        "additive": list(engine.ADDITIVE),
        "english_regions": list(scenario.ENGLISH_REGIONS), "all_regions": list(REGIONS),
        "tactical": {"default_bloc": list(tactical.DEFAULT_BLOC),
                     "evidence": tactical.EVIDENCE_2024},
    }


def _floats(values: object) -> list[float | None]:
    return [None if v is None or not np.isfinite(v) else float(v)
            for v in np.asarray(values, dtype="float64")]


def _strings(series: pd.Series) -> list[str | None]:
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


def _payload(e: Election, party: str, frame: pd.DataFrame, presets: list[dict[str, Any]],
             title: str) -> dict[str, Any]:
    from .engine import base_arrays
    from .swing import parties_of
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
    base = base_arrays(frame)
    comp = priority_components(frame, party, pd.Series(0.0, index=frame.index))
    common = common_columns(frame, party)
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
                 "boundary_set": bs, "majority": len(frame) // 2 + 1, "seats": len(frame),
                 "history": [c[7:] for c in hist], "history_note": _history_note(bs, hist),
                 "swing_cap": SWING_CAP,
                 "overrides": list(OVERRIDE_NATIONS)},
        "parties": [{"code": p, "label": PARTIES[p].label, "name": PARTIES[p].name,
                     "colour": PARTIES[p].colour} for p in parties],
        # the poll resolver's area shares (the Speaker's seat aside): the sliders' start
        "base": {"gb": _floats(_area_shares(base, _GB)),
                 "nation": {n: _floats(_area_shares(base, n)) for n in OVERRIDE_NATIONS
                            if (base.nation == n).any()}},
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
        "model": model_payload(frame),
        "communities": _communities_payload(e, pos),
    }


def _communities_payload(e: Election, pos: dict[str, int]) -> dict[str, Any]:
    """Held-back communities (:func:`seatmap.communities`, most deprived tenth) as compact arrays:
    centre, people, UK deprivation score, name and seat (row of the page's seat arrays)."""
    from .heldback import communities

    c = communities(e)
    return {"lat": [round(float(v), 4) for v in c["lat"]],
            "lon": [round(float(v), 4) for v in c["lon"]],
            "people": [int(v) for v in c["population"]],
            "score": [round(float(v), 1) for v in c["imd_uk_score"]],
            "name": [str(v) for v in c["name"]],
            "seat": [pos.get(str(v), -1) for v in c["seat"]]}


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
  <button type="button" id="sx-comm" aria-pressed="false"
   title="Held-back communities: small areas in the UK's most deprived tenth"
   >Communities</button>
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


def _inline_json(obj: object) -> str:
    """JSON safe inside ``<script type="application/json">`` (NaN is refused, not written)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_INLINE_ESCAPES)


def _render(payload: dict[str, Any]) -> str:
    from .webgeom import DECODER_JS

    css = (_ASSETS / "seatmap-explorer.css").read_text(encoding="utf-8")
    js = "\n".join([DECODER_JS.strip(), (_ASSETS / "seatmap-model.js").read_text(encoding="utf-8"),
                    (_ASSETS / "seatmap-explorer.js").read_text(encoding="utf-8")])
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


@memoized(maxsize=4)
def _hex_names(bs: str, regions: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Where the hex view names its regions: off the hexagons (seatmap.mapspec's placement),
    in the page's hex coordinates (10 units between neighbours, y downwards)."""
    from .datasets import load_hexmap
    from .mapspec import place_region_names

    region = pd.Series(dict(regions))
    hexes = load_hexmap(bs).reindex(region.index)
    ok = hexes.geometry.notna().to_numpy()
    labels, leaders = place_region_names(hexes.geometry.values[ok], region.to_numpy()[ok])
    return {"labels": [[name, round(10 * x, 2), round(-10 * y, 2)] for name, y, x in labels],
            "leaders": [[[round(10 * x, 2), round(-10 * y, 2)] for y, x in line]
                        for line in leaders]}


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
    payload: dict[str, Any]
    gb_base: dict[str, float]
    parties: list[str]
    nation_base: dict[str, dict[str, float]] = field(default_factory=dict)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path."""
        from ._atomic import atomic_write

        out = Path(path)
        atomic_write(out, self.html.encode("utf-8"))
        return out

    def poll(self, gb: Mapping[str, float] | None,
             nations: Mapping[str, Mapping[str, float]] | None = None
             ) -> dict[str, dict[str, float]]:
        """The poll the page projects, as :func:`seatmap.project` takes it (``poll=``).

        Parameters
        ----------
        gb : dict or None
            The GB shares the page's poll names (a preset's parties, or every party the page
            shows once a slider has moved); None for no GB poll.
        nations : dict, optional
            ``{"Scotland": {party: share}, "Wales": {...}}`` for the overrides that are on.

        Returns
        -------
        dict
            ``{"Great Britain": {...}, "Scotland": {...}, ...}``: nested, each area delivered
            as a whole (:mod:`seatmap.scenario`); Northern Ireland keeps its result.

        Examples
        --------
        >>> page = explorer("lab", 2024)
        >>> page.poll({"reform": 29.0, "lab": 22.0}, {"Scotland": {"snp": 30.0}})
        {'Great Britain': {'reform': 29.0, 'lab': 22.0}, 'Scotland': {'snp': 30.0}}
        """
        out: dict[str, dict[str, float]] = {}
        if gb:
            out[_GB] = {party_code(p): float(v) for p, v in gb.items()}
        for n, shares in (nations or {}).items():
            if shares:
                out[n] = {party_code(p): float(v) for p, v in shares.items()}
        return out

    def _repr_html_(self) -> str:  # pragma: no cover - notebooks
        src = html.escape(self.html, quote=True)
        return (f'<iframe srcdoc="{src}" style="width:100%;height:820px;border:0" '
                'sandbox="allow-scripts allow-downloads"></iframe>')


def explorer(party: str = "lab", election: int | str | Election = 2024, *,
             polls: Mapping[str, Mapping[str, Any]] | None = None,
             out: str | os.PathLike[str] | None = None,
             title: str | None = None, seats: pd.DataFrame | None = None) -> Explorer:
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
    from .engine import base_arrays
    from .swing import check_party, parties_of

    e = _election(election)
    frame = _base_frame(e, seats)
    p = check_party(party, frame)
    parties = parties_of(frame)
    base = base_arrays(frame)
    presets = [{"label": f"{e.id} result" if not e.notional else f"{e.year} notional result",
                "poll": None}]
    for other in BOUNDARY_SETS[e.boundary_set].elections:
        if other == e.id:
            continue
        o = _election(other)
        label = f"{o.year} notional shares" if o.notional else f"{o.id} shares"
        try:
            presets.append(_election_preset(other, base, label))
        except FileNotFoundError:  # pragma: no cover - partial data installs
            continue
    gb_base = dict(zip(parties, map(float, _area_shares(base, _GB)), strict=True))
    nation_base = {n: dict(zip(parties, map(float, _area_shares(base, n)), strict=True))
                   for n in OVERRIDE_NATIONS if (base.nation == n).any()}
    first_poll = len(presets)  # the page opens on the user's first poll, if any
    for label, poll in (polls or {}).items():
        presets.append(_poll_preset(str(label), poll, base))
    desc = e.description[:1].lower() + e.description[1:]
    title = title or f"{PARTIES[p].name}: seat explorer from the {desc}"
    payload = _payload(e, p, frame, presets, str(title))
    payload["meta"]["start"] = first_poll if len(presets) > first_poll else 0
    payload["hexnames"] = _hex_names(e.boundary_set,
                                     tuple(frame["region"].astype(str).items()))
    page = Explorer(html=_render(payload), payload=payload, gb_base=gb_base, parties=parties,
                    nation_base=nation_base)
    if out is not None:
        page.save(out)
    return page

