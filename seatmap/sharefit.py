"""The red wall's regression: a party's share fitted on seat demographics.

Kanagasooriam's 2019 red wall was seats Labour held where the Conservatives ran below what the
seat's demographics predict. :func:`demographic_model` fits that prediction (ordinary least
squares on Census class and qualifications, deprivation and rurality) and
:func:`below_prediction` is the mask of seats running ``threshold`` points below it, which
:mod:`seatmap.definitions` wraps as the ``con_below_demographics`` building blocks.

Not the seat model's ``demographic`` pattern (:mod:`seatmap.engine`): this module only explains
a past result, it projects nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import SeatmapError
from .parties import party_code

__all__ = [
    "DEMOGRAPHIC_ELECTION",
    "DEMOGRAPHIC_FEATURES",
    "DEMOGRAPHIC_THRESHOLD",
    "DemographicModel",
    "below_prediction",
    "demographic_model",
    "require_columns",
    "seat_frame",
]

# Census 2011 and deprivation columns used to predict a seat's Conservative share (plus
# dummies for Wales and Scotland). Age and ethnicity are not in seatmap's census table.
DEMOGRAPHIC_FEATURES = (
    "level4_pct", "no_quals_pct", "routine_pct", "nssec_higher_pct", "nssec_small_employer_pct",
    "nssec_student_pct", "imd_uk_score", "ruc_rural_pct",
)
DEMOGRAPHIC_THRESHOLD = 5.0
DEMOGRAPHIC_ELECTION = "2017"


def require_columns(seats: pd.DataFrame, *cols: str) -> None:
    """Raise a :class:`~seatmap.SeatmapError` naming the ``cols`` the seat frame lacks (a red-wall
    definition or the regression reads them), and which frame to pass instead."""
    missing = [c for c in cols if c not in seats.columns]
    if missing:
        raise SeatmapError(
            f"This definition needs the column(s) {', '.join(missing)}, which the seat frame "
            f"(election {seats.attrs.get('election', '?')}) lacks. The 2019 red-wall "
            "definitions read load_seats(2019) (2010 boundaries, history back to 2005), the 2024 "
            "ones load_seats(2024); pass election=2024 to carry a 2019 definition onto the "
            "2024 seats.")


def seat_frame(seats: pd.DataFrame | None, election="2019") -> pd.DataFrame:
    """``seats``, or the bundled seat frame of ``election`` (without geometry) when it is None."""
    if seats is not None:
        return seats
    from .datasets import load_seats

    return load_seats(election, geometry=False)


@dataclass
class DemographicModel:
    """An OLS model of a party's share from seat demographics.

    Attributes
    ----------
    coef : pandas.Series
        Coefficients (points of share per point of each feature; ``const``, ``wales``,
        ``scotland`` dummies).
    r2 : float
        Coefficient of determination on the seats fitted.
    n : int
        Seats fitted.
    resid_sd : float
        Residual standard deviation (points, degrees-of-freedom corrected).
    predicted, residual : pandas.Series
        Per fitted seat: the prediction and ``actual - predicted`` (negative = the party ran
        below its demographics).
    party : str
    features : tuple of str
    """

    coef: pd.Series
    r2: float
    n: int
    resid_sd: float
    predicted: pd.Series
    residual: pd.Series
    party: str
    features: tuple


def demographic_model(seats: pd.DataFrame | None = None, party: str = "con",
                      features=DEMOGRAPHIC_FEATURES,
                      election: int | str | None = DEMOGRAPHIC_ELECTION) -> DemographicModel:
    """Fit a party's share on Census 2011 class and qualifications, deprivation and rurality.

    ``share = b0 + sum_k b_k x_k + b_W [Wales] + b_S [Scotland] + e`` by ordinary least squares
    (``numpy.linalg.lstsq``) over every Great Britain seat the party contested. Features
    (:data:`DEMOGRAPHIC_FEATURES`): NS-SeC higher managerial/professional, small employers,
    routine and semi-routine (6+7) and full-time students; level 4+ and no qualifications
    (Census 2011); the UK composite IMD score; the share of the population in rural areas.

    Parameters
    ----------
    seats : pandas.DataFrame, optional
        A seat frame with the features (default ``load_seats(2019)``).
    party : str, default "con"
    features : sequence of str
    election : int or str or None, default 2017
        Election whose shares are modelled (a 2010-set election). The default, 2017, follows
        Kanagasooriam, who in 2019 looked for seats where the Conservatives' last result ran
        below their demographics; ``None`` models the shares in ``seats`` itself.

    Returns
    -------
    DemographicModel

    Examples
    --------
    >>> m = demographic_model()
    >>> m.n, round(m.r2, 2)
    (631, 0.8)
    """
    seats = seat_frame(seats)
    p = party_code(party)
    feats = tuple(features)
    if election is not None:
        from .datasets import load_results

        past = load_results(election)
        if not past.index.isin(seats.index).all():
            raise SeatmapError(f"The demographic model's election ({election}) is on another "
                               "boundary set than these seats; pass election=None.")
        seats = seats.assign(**{f"{p}_pct": past[f"{p}_pct"].reindex(seats.index),
                                f"{p}_votes": past[f"{p}_votes"].reindex(seats.index)})
    require_columns(seats, f"{p}_pct", f"{p}_votes", "nation", *feats)
    fit = seats[(seats["nation"] != "Northern Ireland") & (seats[f"{p}_votes"].fillna(0) > 0)]
    x = fit[list(feats)].astype("float64")
    x = x.assign(wales=(fit["nation"] == "Wales").astype(float),
                 scotland=(fit["nation"] == "Scotland").astype(float))
    ok = x.notna().all(axis=1)
    fit, x = fit[ok], x[ok]
    x.insert(0, "const", 1.0)
    y = fit[f"{p}_pct"].astype("float64").to_numpy()
    beta, *_ = np.linalg.lstsq(x.to_numpy(), y, rcond=None)
    pred = x.to_numpy() @ beta
    res = y - pred
    r2 = 1.0 - float((res**2).sum() / ((y - y.mean()) ** 2).sum())
    sd = float(np.sqrt((res**2).sum() / (len(y) - x.shape[1])))
    return DemographicModel(coef=pd.Series(beta, index=x.columns), r2=r2, n=len(y), resid_sd=sd,
                            predicted=pd.Series(pred, index=fit.index, name="predicted"),
                            residual=pd.Series(res, index=fit.index, name="residual"),
                            party=p, features=feats)


def below_prediction(seats: pd.DataFrame, party: str = "con",
                     threshold: float = DEMOGRAPHIC_THRESHOLD,
                     election: int | str | None = DEMOGRAPHIC_ELECTION) -> pd.Series:
    """The seats of ``seats`` where ``party``'s share (at ``election``) ran at least ``threshold``
    points below what :func:`demographic_model` predicts, as a boolean mask (missing: not fitted).

    Parameters
    ----------
    seats : pandas.DataFrame
        A seat frame with the features.
    party : str, default "con"
    threshold : float, default 5
        Points below the prediction.
    election : int or str or None, default 2017
        As in :func:`demographic_model`.

    Returns
    -------
    pandas.Series
        Aligned with ``seats``: True below, False otherwise, missing for seats not fitted
        (Northern Ireland, seats the party did not contest).

    Examples
    --------
    >>> from seatmap.datasets import load_seats
    >>> int(below_prediction(load_seats(2019, geometry=False)).sum())
    144
    """
    res = demographic_model(seats, party, election=election).residual
    return (res <= -threshold).reindex(seats.index)
