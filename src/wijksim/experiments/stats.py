"""Statistics of a comparison: trajectories with intervals, end values, paired differences.

Every scenario runs with the same seeds (common random numbers), so the difference between
two scenarios is taken seed by seed and summarised with a t-interval over seeds: the shared
noise cancels and the interval is about the funding regime, not about the draw.

The end value of a run is its last simulated year: the mean over its last 52 weeks for states
(cohesion, trust, ...) and the yearly total for weekly counts and costs (escalations, ...),
that is 52 x their weekly mean.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

# Weekly counts and money: summed over the last year instead of averaged.
FLOWS = frozenset({
    "escalations", "escalation_cost", "help_requests", "help_offers", "informal_helps",
    "formal_requests", "netwerkberaden", "found_by_outreach", "provider_changes", "staff_left",
    "burnouts", "place_visits", "heat_at_risk", "heat_unreached", "heat_harmed",
    "spend_casework", "spend_community", "spend_admin", "spend_idle", "spend_places",
    "spend_initiatives", "spend_overhead", "spend_total"})
SMOOTH_WEEKS = {"escalations": 13}  # noisy weekly counts: plot a rolling mean per run
CONFIDENCE = 0.95
KEYS = ("label", "point", "seed")


def t_interval(mean: np.ndarray | pd.Series, sd: np.ndarray | pd.Series,
               n: np.ndarray | pd.Series, confidence: float = CONFIDENCE):
    """Half-width of the t-interval of a mean; NaN with fewer than two values."""
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        q = stats.t.ppf(0.5 + confidence / 2, np.where(n > 1, n - 1, np.nan))
        return q * np.asarray(sd, dtype=float) / np.sqrt(n)


def end_values(ticks: pd.DataFrame, outcomes: Iterable[str]) -> pd.DataFrame:
    """One row per run: the last year's mean (states) or total (flows) of each outcome."""
    outcomes = list(outcomes)
    last = ticks[ticks["week"] > ticks.groupby("run_id")["week"].transform("max") - 52]
    g = last.groupby(["run_id", *KEYS], sort=False, observed=True)
    states = [o for o in outcomes if o not in FLOWS]
    flows = [o for o in outcomes if o in FLOWS]
    parts = []
    if states:
        parts.append(g[states].mean())
    if flows:
        # mean weekly value x 52, which is right also when only every k-th week is recorded
        parts.append(g[flows].mean() * 52)
    out = pd.concat(parts, axis=1)[outcomes].reset_index()
    return out.sort_values(list(KEYS), kind="stable").reset_index(drop=True)


def summarise(values: pd.DataFrame, outcomes: Iterable[str],
              by: Sequence[str] = ("label",)) -> pd.DataFrame:
    """Mean and 95% t-interval over seeds, long format: by..., outcome, mean, low, high, n."""
    long = values.melt(id_vars=list(by), value_vars=list(outcomes), var_name="outcome")
    g = long.groupby([*by, "outcome"], sort=False, observed=True)["value"]
    out = g.agg(mean="mean", sd="std", n="count").reset_index()
    half = t_interval(out["mean"], out["sd"], out["n"])
    out["low"], out["high"] = out["mean"] - half, out["mean"] + half
    return out.drop(columns="sd")[[*by, "outcome", "mean", "low", "high", "n"]]


def trajectories(ticks: pd.DataFrame, outcomes: Iterable[str]) -> pd.DataFrame:
    """Per scenario (and point) and week: mean over seeds and its 95% interval, long format.
    Noisy weekly counts (escalations) are first smoothed per run with a 13-week mean."""
    outcomes = list(outcomes)
    df = ticks[[*KEYS, "run_id", "week", "year", *outcomes]].copy()
    for col, weeks in SMOOTH_WEEKS.items():
        if col in df:
            df[col] = df.groupby("run_id", sort=False)[col].transform(
                lambda s: s.rolling(weeks, min_periods=1).mean())
    out = summarise(df, outcomes, by=("label", "point", "week", "year"))
    return out.sort_values(["outcome", "label", "point", "week"], kind="stable"
                           ).reset_index(drop=True)


def paired_differences(values: pd.DataFrame, outcomes: Iterable[str],
                       pairs: Sequence[tuple[str, str]] | None = None) -> pd.DataFrame:
    """For each pair (a, b): b - a per seed (same point), mean and 95% t-interval.

    ``pairs`` defaults to every pair of scenarios in the order they first appear (the later
    minus the earlier). Seeds missing in either scenario are left out of that pair.
    """
    labels = list(dict.fromkeys(values["label"]))
    pairs = list(pairs) if pairs is not None else list(combinations(labels, 2))
    outcomes = list(outcomes)
    wide = values.set_index(["label", "point", "seed"])[outcomes]
    rows = []
    for a, b in pairs:
        diff = (wide.xs(b, level="label") - wide.xs(a, level="label")).dropna(how="all")
        for o in outcomes:
            d = diff[o].dropna()
            n = len(d)
            mean = float(d.mean()) if n else np.nan
            half = float(t_interval(mean, d.std(), n)) if n else np.nan
            base = wide.xs(a, level="label")[o].mean()
            rows.append({"outcome": o, "a": a, "b": b, "mean": mean, "low": mean - half,
                         "high": mean + half, "n": n,
                         "relative": mean / base if base else np.nan,
                         "b_higher_share": float((d > 0).mean()) if n else np.nan})
    return pd.DataFrame(rows)


def response(values: pd.DataFrame, points: pd.DataFrame, outcomes: Iterable[str]
             ) -> pd.DataFrame:
    """Sweep response: per scenario and design point, the varied values and each outcome's
    mean and 95% interval over seeds (long format). Reference runs have point -1."""
    s = summarise(values, outcomes, by=("label", "point"))
    return s.merge(points.reset_index(), on="point", how="left")
