"""Joint calibration of the defaults against published Dutch figures.

Pattern-oriented modelling asks for one set of defaults that reproduces all targets together,
not one target at a time. ``calibrate`` minimises a weighted squared distance between the
model's measures and the targets in ``wijksim/data/calibration_targets.csv`` over the free
parameters, with common random numbers (fixed seeds) so the objective is deterministic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd
from scipy import optimize

from ..model import WijkModel
from ..scenario import load_scenario


@dataclass(frozen=True)
class Target:
    id: str
    measure: str  # outcome column, averaged over the calibration window
    value: float
    tolerance: float  # one unit of loss per tolerance away
    population: str


# How each calibration row of the CSV is measured in the model (see docs/validation.md).
MEASURES = {
    "volunteer_year": ("volunteer_year_share", 0.03),
    "volunteer_4wk": ("volunteer_4wk_share", 0.03),
    "volunteer_hours": ("volunteer_hours", 0.4),
    "lonely_any": ("lonely_share", 0.02),
    "lonely_strong": ("strongly_lonely_share", 0.02),
    "neighbour_weekly": ("neighbour_contact_weekly", 0.03),
    "informal_help_given": ("informal_help_year_share", 0.03),
    "unmet_support_need": ("unmet_share", 0.04),
}
# Derived from the unmet_support_need row's source (SCP 2015, NOS 2017): about 2 million adults
# received support and 400,000 needed it but got none, of about 13.7 million adults.
DERIVED = [("support_need_prevalence", "need_prevalence", 0.175, 0.03, "Dutch adults, 2015")]

# The free parameters and their search ranges (schema keys with status 'calibrated').
FREE = {
    "meeting.friend_time": (0.5, 8.0),
    "meeting.triadic_rate": (0.0, 0.6),
    "meeting.street_rate": (0.02, 0.6),
    "meeting.contacts_per_visit": (0.5, 5.0),
    "help.ask_base": (-3.0, 4.0),
    "help.offer_rate": (0.01, 0.5),
    "help.formal_base": (-5.0, 1.0),
    "needs.arrival_rate": (0.002, 0.03),
    "residents.friends_elsewhere_mean": (0.0, 4.0),
    "help.informal_amount": (0.05, 1.5),
    "professionals.help_per_hour": (0.02, 0.6),
}


def targets() -> list[Target]:
    path = resources.files("wijksim") / "data" / "calibration_targets.csv"
    df = pd.read_csv(path.open())
    out = []
    for row in df.itertuples():
        if row.id in MEASURES:
            measure, tol = MEASURES[row.id]
            out.append(Target(row.id, measure, float(row.value), tol, row.population))
    out += [Target(*d) for d in DERIVED]
    return out


def measure(values: Mapping[str, Any], seeds=(1, 2), residents: int = 4000,
            years: int = 2, scenario: str = "tender_3y") -> dict[str, float]:
    """Outcomes averaged over the last year of ``years``, and over seeds."""
    rows = []
    for seed in seeds:
        m = WijkModel(scenario, seed=seed, **{"wijk.residents": residents, "run.years": years,
                                              **values})
        df = m.run()
        rows.append(df[df["week"] > (years - 1) * 52].mean(numeric_only=True))
    return pd.concat(rows, axis=1).mean(axis=1).to_dict()


def loss(measures: Mapping[str, float], tgts: list[Target]) -> float:
    total = sum(((measures[t.measure] - t.value) / t.tolerance) ** 2 for t in tgts)
    # pattern: seniors lonelier than adults in general (vzinfo: 0.56 vs 0.486)
    gap = measures["lonely_senior_share"] - measures["lonely_share"]
    total += max(0.0, 0.05 - gap) ** 2 / 0.02 ** 2
    return float(total)


def calibrate(free: Mapping[str, tuple[float, float]] = FREE, start: Mapping[str, float] |
              None = None, max_evals: int = 80, log: Callable[[str], None] = print,
              **measure_kw) -> dict[str, Any]:
    """Nelder-Mead over the free parameters (scaled to [0, 1]); returns the best values."""
    names = list(free)
    lo = np.array([free[k][0] for k in names])
    hi = np.array([free[k][1] for k in names])
    base = load_scenario(None).values
    x0 = np.array([(start or base)[k] for k in names])
    tgts = targets()
    history = []

    def objective(z):
        x = lo + np.clip(z, 0, 1) * (hi - lo)
        values = dict(zip(names, map(float, x)))
        ms = measure(values, **measure_kw)
        value = loss(ms, tgts) + 100 * float(np.sum(np.maximum(0, -z) + np.maximum(0, z - 1)))
        history.append((value, values, {t.measure: ms[t.measure] for t in tgts}))
        log(f"{len(history):3d} loss {value:8.2f}  " + json.dumps(
            {k: round(v, 4) for k, v in values.items()}))
        return value

    z0 = (x0 - lo) / (hi - lo)
    optimize.minimize(objective, z0, method="Nelder-Mead",
                      options={"maxfev": max_evals, "xatol": 1e-3, "fatol": 0.05,
                               "initial_simplex": _simplex(z0)})
    best = min(history, key=lambda h: h[0])
    return {"loss": best[0], "values": best[1], "measures": best[2],
            "targets": {t.measure: t.value for t in tgts}, "evaluations": len(history)}


def _simplex(z0: np.ndarray, step: float = 0.15) -> np.ndarray:
    pts = [z0]
    for i in range(z0.size):
        z = z0.copy()
        z[i] = z[i] + step if z[i] + step <= 1 else z[i] - step
        pts.append(z)
    return np.array(pts)
