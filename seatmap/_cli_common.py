"""Argument helpers shared by every ``seatmap`` sub-command (one definition of each option).

The command modules (``seatmap.cli`` and ``seatmap._cli_*``) import these instead of each other,
so the CLI's dependencies point one way: ``cli`` -> ``_cli_*`` -> ``_cli_common``. How a command
is added is described at the top of :mod:`seatmap.cli`.

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_election(p)
>>> add_out(p, "table (.csv, .xlsx or .json)")
>>> args = p.parse_args(["-e", "2024", "-o", "t.csv"])
>>> args.election, args.out
('2024', 't.csv')
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["Register", "add_election", "add_model", "add_out", "election_help", "model_kwargs"]

#: A command's registration function: adds one sub-parser (with ``func`` set) to ``sub``.
Register = Callable[[argparse._SubParsersAction], None]


def election_help(default: str | None = None) -> str:
    """Help text listing the elections of the registry (:data:`seatmap.elections.ELECTIONS`).

    Examples
    --------
    >>> election_help()
    '2010, 2015, 2017, 2019, 2019-notional or 2024'
    """
    from .elections import ELECTIONS

    ids = list(ELECTIONS)
    text = ", ".join(ids[:-1]) + " or " + ids[-1] if len(ids) > 1 else ids[0]
    return text if default is None else f"{text} (default: {default})"


def add_election(p: argparse.ArgumentParser, default: str | None = None) -> None:
    """Add ``--election``/``-e`` (any election of the registry, or an alias such as ``2019n``);
    the default is the registry's :data:`~seatmap.elections.DEFAULT_ELECTION`."""
    from .elections import DEFAULT_ELECTION

    default = DEFAULT_ELECTION if default is None else default
    p.add_argument("--election", "-e", default=default,
                   help=election_help("%(default)s"))


def add_out(p: argparse.ArgumentParser, help: str, default: str | None = None) -> None:
    """Add ``--out``/``-o FILE``: where the command writes its result.

    ``help`` says what is written and in which formats; with a ``default`` the help says so.
    """
    if default is not None:
        help = f"{help} (default: %(default)s)"
    p.add_argument("--out", "-o", metavar="FILE", default=default, help=help)


def add_model(p: argparse.ArgumentParser, every: bool = False) -> None:
    """Add the seat model's options: ``--model``/``-m`` (default: the model the backtest
    supports; with ``every``, ``all`` runs every model), ``--tactical`` and ``--stands-down``."""
    from .projection import MODELS, default_model

    choices = (*MODELS, "all") if every else MODELS
    p.add_argument("--model", "-m", default=None, choices=choices,
                   help=f"projection model (default: {default_model()}, the one the "
                        "forward-chained backtest supports"
                        + ("; all = every model" if every else "") + ")")
    p.add_argument("--tactical", action="append", metavar="AGAINST:P1,P2=RATE",
                   help="tactical voting, e.g. 'con:lab,ld,green=0.35' (supporters of a bloc "
                        "party not in the top two move to the best-placed one where AGAINST is "
                        "in the top two; optional 'Scotland/' prefix; repeatable), or '2024' "
                        "for the rates published before the 2024 election (docs/forecasting.md)")
    p.add_argument("--stands-down", action="append", metavar="PARTY=SEAT;SEAT",
                   help="a pact: PARTY does not stand in these seats (names or GSS codes; "
                        "repeatable)")
    p.add_argument("--drop-personal-votes", action="store_true",
                   help="treat strong independents' votes as any other (default: kept)")


def model_kwargs(args: argparse.Namespace) -> dict:
    """``standing=`` and ``tactical=`` for :func:`seatmap.project` from :func:`add_model`'s
    options.

    Examples
    --------
    >>> ns = argparse.Namespace(tactical=["2024"], stands_down=["reform=Clacton;Boston and "
    ...                         "Skegness"], drop_personal_votes=False)
    >>> kw = model_kwargs(ns)
    >>> kw["standing"], kw["tactical"][0]["against"]
    ({'reform': {'not': ['Clacton', 'Boston and Skegness']}}, 'con')
    """
    from ._validate import SeatmapError
    from .tactical import EVIDENCE_2024

    tactical: list = []
    for item in getattr(args, "tactical", None) or []:
        tactical += EVIDENCE_2024 if item.strip() == "2024" else [item]
    standing: dict = {}
    for item in getattr(args, "stands_down", None) or []:
        if "=" not in item:
            raise SeatmapError(f"Write --stands-down as PARTY=SEAT;SEAT, not {item!r}.")
        party, seats = (part.strip() for part in item.split("=", 1))
        names = [x.strip() for x in seats.split(";") if x.strip()]
        if not names:
            raise SeatmapError(f"--stands-down {item!r} names no seat.")
        standing.setdefault(party, {"not": []})["not"] += names
    if getattr(args, "drop_personal_votes", False):
        standing["ind"] = "drop"
    return {"standing": standing or None, "tactical": tactical or None}
