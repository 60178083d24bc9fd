"""Tactical voting as an input to a projection (``tactical=``; off by default).

A bloc is "voters of these parties act together against that party":

    {"against": "con", "parties": ["lab", "ld", "green"], "rate": 0.35}

In every seat of the bloc's area where the party ``against`` is in the projected top two and
the best-placed bloc party is the other of the two, each other bloc party's supporters move to
the best-placed one at ``rate`` (a fraction 0-1 of its share there; a ``{party: rate}`` dict
gives each party its own). Several blocs apply in turn (a list), each optionally limited to
areas (``"area": "Scotland"`` or a list of nations/regions).

It is applied to the model's seat pattern **before** the area totals are matched, so the poll
is still delivered exactly: tactical voting moves votes between seats of one party, never the
national share (the poll already counts tactical voters where they vote).

Evidence for rates, published before polling day in 2024:

* Electoral Calculus / Find Out Now for The Independent (September 2023, 2,881 adults): asked
  how likely they were to switch to their second choice where their first could not win, about
  35% answered 8-10 out of 10; Labour, Liberal Democrat and Green supporters mostly name each
  other as second choice. :data:`EVIDENCE_2024` uses 0.35 for the anti-Conservative bloc.
* YouGov (1 July 2024): 22% of voters said they would vote tactically, 39% of Liberal Democrat
  and 29% of Labour voters, mostly to keep the Conservatives out (89% of tactical Labour and 85%
  of tactical Liberal Democrat voters).
"""

from __future__ import annotations

import numpy as np

from ._validate import SeatmapError

__all__ = ["EVIDENCE_2024", "apply_tactical", "parse_tactical"]

#: Anti-Conservative tactical voting as published before the 2024 election (see the module text).
EVIDENCE_2024 = [{"against": "con", "parties": ["lab", "ld", "green"], "rate": 0.35}]
DEFAULT_BLOC = ("lab", "ld", "green")


def parse_tactical(spec, parties: list[str]) -> list[dict]:
    """Checked blocs: ``[{"against": j, "parties": [j...], "rate": array, "areas": [...]}]``.

    Also accepts the CLI's text form ``"con:lab,ld,green=0.35"`` (optionally ``"Scotland/..."``).

    Examples
    --------
    >>> b = parse_tactical("con:lab,ld,green=0.35", ["con", "lab", "ld", "green"])
    >>> b[0]["against"], b[0]["parties"], b[0]["rate"].tolist()
    (0, [1, 2, 3], [0.0, 0.35, 0.35, 0.35])
    """
    from .parties import party_code
    from .scenario import area_of
    from .swingmodels import number

    if spec is None:
        return []
    if isinstance(spec, str):
        spec = [_from_text(spec)]
    elif isinstance(spec, dict):
        spec = [spec]
    out = []
    for bloc in spec:
        if isinstance(bloc, str):
            bloc = _from_text(bloc)
        if not isinstance(bloc, dict) or "against" not in bloc:
            raise SeatmapError("Give tactical voting as {'against': 'con', 'parties': ['lab', "
                               "'ld', 'green'], 'rate': 0.35} (or a list of such blocs).")
        unknown = set(bloc) - {"against", "parties", "rate", "area"}
        if unknown:
            raise SeatmapError(f"Unknown tactical key(s) {sorted(unknown)}: use against, "
                               "parties, rate, area.")
        against = party_code(bloc["against"])
        members = [party_code(p) for p in bloc.get("parties", DEFAULT_BLOC)]
        if against in members:
            raise SeatmapError(f"A tactical bloc against {against} cannot include {against}.")
        members = [p for p in members if p in parties]
        if against not in parties or len(members) < 2:
            raise SeatmapError(f"A tactical bloc needs the party against ({against}) and two "
                               f"bloc parties with results; parties: {', '.join(parties)}.")
        raw = bloc.get("rate", 0.35)
        rate = np.zeros(len(parties))
        if isinstance(raw, dict):
            for p, r in raw.items():
                rate[parties.index(party_code(p))] = number(r, f"The tactical rate of {p}",
                                                            0.0, 1.0)
        else:
            r = number(raw, "The tactical rate", 0.0, 1.0)
            for p in members:
                rate[parties.index(p)] = r
        areas = bloc.get("area")
        if isinstance(areas, str):
            areas = [areas]
        out.append({"against": parties.index(against),
                    "parties": [parties.index(p) for p in members], "rate": rate,
                    "areas": [area_of(a) for a in areas] if areas else None})
    return out


def _from_text(text: str) -> dict:
    body = text.strip()
    area = None
    if "/" in body:
        area, body = body.split("/", 1)
    try:
        against, rest = body.split(":", 1)
        members, rate = rest.rsplit("=", 1)
        out = {"against": against.strip(), "parties": [m.strip() for m in members.split(",")
                                                        if m.strip()], "rate": float(rate)}
    except ValueError:
        raise SeatmapError(f"Tactical voting {text!r}: write AGAINST:P1,P2,...=RATE, e.g. "
                           "'con:lab,ld,green=0.35' (optionally 'Scotland/con:lab,ld=0.3').") \
            from None
    if area:
        out["area"] = area.strip()
    return out


def apply_tactical(shares: np.ndarray, blocs: list[dict], nation: np.ndarray,
                   region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Move bloc supporters to the best-placed bloc party; returns (shares, votes moved).

    Examples
    --------
    Con 40, Lab 20, LD 35, Green 5: LD is the challenger, so 35% of Labour and Green move to it

    >>> s = np.array([[40.0, 20.0, 35.0, 5.0]])
    >>> b = parse_tactical({"against": "con", "rate": 0.35}, ["con", "lab", "ld", "green"])
    >>> out, moved = apply_tactical(s, b, np.array(["England"]), np.array(["London"]))
    >>> out.round(2).tolist(), moved.round(2).tolist()
    ([[40.0, 13.0, 43.75, 3.25]], [8.75])
    """
    from .scenario import members

    out = shares.copy()
    moved = np.zeros(len(shares))
    rows = np.arange(len(shares))
    for bloc in blocs:
        mask = np.ones(len(shares), dtype=bool)
        if bloc["areas"]:
            mask = np.zeros(len(shares), dtype=bool)
            for a in bloc["areas"]:
                mask |= members(a, nation, region)
        in_bloc = np.array(bloc["parties"])
        a = bloc["against"]
        order = np.argsort(-out, axis=1, kind="stable")
        first, second = order[:, 0], order[:, 1]
        sub = out[:, in_bloc]
        best = in_bloc[np.argmax(sub, axis=1)]
        contest = (((first == a) & (second == best)) | ((second == a) & (first == best)))
        contest &= mask & (out[rows, best] > 0)
        if not contest.any():
            continue
        give = np.zeros_like(out)
        give[:, in_bloc] = out[:, in_bloc] * bloc["rate"][in_bloc][None, :]
        give[rows, best] = 0.0
        give[~contest] = 0.0
        # a party in the top two does not give (it is the contender)
        give[rows, first] = 0.0
        give[rows, second] = 0.0
        total = give.sum(axis=1)
        out -= give
        out[rows, best] += total
        moved += total
    return out, moved
