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

__all__ = ["Register", "add_election", "add_out", "election_help"]

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
