"""One party vocabulary for every election, with display names and colours.

Every processed table and every function uses the lower-case codes below. Source spellings
("Lab Coop", "RUK", "APNI", "Spk", "Brexit", "Scottish National Party", ...) are mapped onto
them by :func:`party_code`. The Brexit Party (2019) and Reform UK (2024) are one party,
``reform``: the Brexit Party renamed itself Reform UK in January 2021.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._validate import UnknownNameError, close_matches, match_key

__all__ = ["PARTIES", "Party", "party_code", "party_colour", "party_label", "party_name"]


@dataclass(frozen=True)
class Party:
    """A party in seatmap's vocabulary."""

    code: str
    label: str
    name: str
    colour: str


# code, short label, full name, colour (hex). Colours follow the parties' own branding, adjusted
# (issue 19) so that every two parties that can neighbour on a map differ by CIEDE2000 >= 15
# for normal vision, deuteranopia and protanopia (tests/test_colours.py computes it).
_TABLE = [
    ("con", "Con", "Conservative", "#0087DC"),
    ("lab", "Lab", "Labour", "#E4003B"),
    ("ld", "LD", "Liberal Democrats", "#EA9E02"),
    ("snp", "SNP", "Scottish National Party", "#FDF38E"),
    ("pc", "PC", "Plaid Cymru", "#287B74"),
    ("green", "Green", "Green", "#0AA97B"),
    ("reform", "Reform", "Reform UK / Brexit Party", "#12B6CF"),
    ("ukip", "UKIP", "UK Independence Party", "#6D3177"),
    ("dup", "DUP", "Democratic Unionist Party", "#D45A3C"),
    ("sf", "SF", "Sinn Féin", "#326760"),
    ("sdlp", "SDLP", "Social Democratic and Labour Party", "#1AA87C"),
    ("uup", "UUP", "Ulster Unionist Party", "#48A5EE"),
    ("alliance", "Alliance", "Alliance Party of Northern Ireland", "#F6CB2F"),
    ("tuv", "TUV", "Traditional Unionist Voice", "#0C3A6A"),
    ("pbp", "PBP", "People Before Profit", "#8E2420"),
    ("speaker", "Speaker", "The Speaker", "#383838"),
    ("ind", "Ind", "Independent", "#D8D8D8"),
    ("other", "Other", "Other parties", "#A8849C"),
]

PARTIES: dict[str, Party] = {row[0]: Party(*row) for row in _TABLE}

_ALIASES = {
    "conservative": "con", "conservatives": "con", "tory": "con", "tories": "con",
    "conservativeandunionist": "con",
    "labour": "lab", "labcoop": "lab", "labourcooperative": "lab", "labourandcooperative": "lab",
    "labourcoop": "lab",
    "libdem": "ld", "libdems": "ld", "liberaldemocrat": "ld", "liberaldemocrats": "ld",
    "scottishnationalparty": "snp", "plaidcymru": "pc", "plaid": "pc",
    "grn": "green", "greenparty": "green", "greens": "green",
    "brexit": "reform", "brexitparty": "reform", "brx": "reform", "ruk": "reform",
    "reformuk": "reform", "ref": "reform",
    "ukindependenceparty": "ukip",
    "democraticunionistparty": "dup", "sinnfein": "sf", "sinnféin": "sf",
    "socialdemocraticandlabourparty": "sdlp", "ulsterunionistparty": "uup",
    "apni": "alliance", "all": "alliance", "allianceparty": "alliance",
    "traditionalunionistvoice": "tuv", "pbpa": "pbp", "peoplebeforeprofit": "pbp",
    "peoplebeforeprofitalliance": "pbp",
    "spk": "speaker", "spkr": "speaker", "thespeaker": "speaker",
    "independent": "ind", "others": "other", "oth": "other",
}
_LOOKUP = {**{match_key(p.code): p.code for p in PARTIES.values()},
           **{match_key(p.label): p.code for p in PARTIES.values()},
           **{match_key(p.name): p.code for p in PARTIES.values()},
           **{match_key(k): v for k, v in _ALIASES.items()}}


def party_code(value: str, *, strict: bool = True) -> str:
    """Return seatmap's code for a party name, label or source abbreviation.

    Parameters
    ----------
    value : str
        Any common spelling: ``"Lab"``, ``"Labour"``, ``"Lab Coop"``, ``"RUK"``, ``"Brexit"``...
    strict : bool, default True
        If True an unknown party raises :class:`~seatmap.UnknownNameError` listing the valid codes;
        if False it returns ``"other"``.

    Examples
    --------
    >>> party_code("Lab Coop"), party_code("RUK"), party_code("Scottish National Party")
    ('lab', 'reform', 'snp')
    """
    code = _LOOKUP.get(match_key(value))
    if code is not None:
        return code
    if not strict:
        return "other"
    near = close_matches(value, [p.code for p in PARTIES.values()] + list(_ALIASES))
    codes = list(dict.fromkeys(_LOOKUP[match_key(n)] for n in near))  # distinct, best first
    hint = f" Did you mean {' or '.join(repr(c) for c in codes)}?" if codes else ""
    raise UnknownNameError(
        f"Unknown party {value!r}.{hint} Valid parties: {', '.join(PARTIES)} "
        "(names such as 'Labour' or 'Reform UK' are accepted too)."
    )


def party_colour(code: str) -> str:
    """Return the hex colour of a party (any spelling :func:`party_code` accepts).

    Examples
    --------
    >>> party_colour("Labour")
    '#E4003B'
    """
    return PARTIES[party_code(code, strict=False)].colour


def party_label(code: str) -> str:
    """Return the short display label of a party code.

    Examples
    --------
    >>> party_label("reform")
    'Reform'
    """
    return PARTIES[party_code(code, strict=False)].label


def party_name(code: str, year: int | str | None = None) -> str:
    """Return a party's full name, as it stood at an election when ``year`` is given.

    ``reform`` is the Brexit Party before 2021 and Reform UK from then (the one party renamed
    itself in January 2021); without a year it is "Reform UK / Brexit Party".

    Examples
    --------
    >>> party_name("reform", 2024), party_name("reform", "2019-notional"), party_name("lab")
    ('Reform UK', 'Brexit Party', 'Labour')
    """
    code = party_code(code, strict=False)
    if code == "reform" and year is not None:
        return "Reform UK" if int(str(year)[:4]) >= 2021 else "Brexit Party"
    return PARTIES[code].name
