"""The steady-state check (docs/ODD.md 3.4): under constant status-quo terms a run has no trend.

A 30-year run of ``tender_3y`` after the default burn-in must not move, between its first and
its last three years, beyond bounds stated before the check. The slow test
(tests/model/test_steady_state.py) asks it of the mean over four seeds; with many seeds
(experiments/validation/steady_state.py) the same per-seed changes give a 95 % interval, and a
trend is shown to stay within its bound only when the whole interval does (an equivalence
test: two one-sided tests at 2.5 % each).
"""

from __future__ import annotations

import pandas as pd

from .materiality import THRESHOLDS
from .stats import t_interval

SPAN_YEARS = 3  # compare the first three years with the last three
# Bounds on |last three years - first three years|; "relative" ones are shares of the first
# three years' mean.
BOUNDS: dict[str, tuple[str, float]] = {
    "cohesion": ("relative", 0.015),          # the bound
    "trust": ("absolute", THRESHOLDS["trust"].smallest),  # its materiality threshold
    # two materiality thresholds: seniors' friendships decline slowly (docs/ODD.md 3.4)
    "lonely_share": ("absolute", 2 * THRESHOLDS["lonely_share"].smallest),
    # one tender outcome per seed at each end: a lost or won re-tender moves wijkkennis by
    # about 0.4, so per-seed differences have sd 0.1-0.2; 0.15 is what four seeds can resolve
    "wijkkennis": ("absolute", 0.15),
    # one or two initiatives at 3,000 residents; a drift of more than 1.5 would be a trend
    "initiatives": ("absolute", 1.5),
    "vraagverlegenheid": ("absolute", 0.005),
}


def first_and_last(ticks: pd.DataFrame, years: int) -> tuple[pd.Series, pd.Series]:
    """One run's means over its first and its last SPAN_YEARS years (week 0, the end of the
    burn-in, left out)."""
    run = ticks[ticks["week"] >= 1]
    columns = list(BOUNDS)
    return (run[run["year"] < SPAN_YEARS][columns].mean(),
            run[run["year"] >= years - SPAN_YEARS][columns].mean())


def drift_table(ticks: pd.DataFrame, years: int) -> pd.DataFrame:
    """Per outcome, over the seeds in ``ticks``: the mean change from the first to the last
    years, its per-seed sd and 95 % interval, each in the bound's terms (relative ones divided
    by the first years' mean), the bound, and whether the mean and the whole interval lie
    within it."""
    firsts, changes = [], []
    for _, run in ticks.groupby("seed"):
        first, last = first_and_last(run, years)
        firsts.append(first)
        changes.append(last - first)
    first = pd.concat(firsts, axis=1).mean(axis=1)
    change = pd.concat(changes, axis=1)
    rows = []
    for name, (kind, bound) in BOUNDS.items():
        scale = abs(first[name]) if kind == "relative" else 1.0
        d = change.loc[name].to_numpy() / scale
        mean, sd = d.mean(), d.std(ddof=1)
        half = float(t_interval(mean, sd, d.size))
        rows.append({"outcome": name, "kind": kind, "seeds": d.size, "change": mean, "sd": sd,
                     "low": mean - half, "high": mean + half, "bound": bound,
                     "mean_within": abs(mean) < bound,
                     "interval_within": -bound < mean - half and mean + half < bound})
    return pd.DataFrame(rows).set_index("outcome")

