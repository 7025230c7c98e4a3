"""Statistics of a comparison: trajectories with intervals, end values, paired differences.

Every scenario runs with the same seeds (common random numbers), so the difference between
two scenarios is taken seed by seed and summarised with a t-interval over seeds: the shared
noise cancels and the interval is about the funding regime, not about the draw.

The end value of a run is its last simulated year: the mean over its last 52 weeks for states
(cohesion, trust, ...) and the yearly total for weekly counts and costs (escalations, ...),
that is 52 x their weekly mean.
"""

from __future__ import annotations

import math
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


# -- honest intervals: never outside what an outcome can be ------------------------------------
UNIT_SCALES = frozenset({"vraagverlegenheid", "aanbodverlegenheid", "vraagverlegenheid_in_need",
                         "trust", "prof_trust", "wijkkennis", "beraad_skill", "clustering"})
INTERVAL_METHOD = {
    "en": ("Intervals of levels (a scenario's mean) are 95 % t-intervals over seeds, computed "
           "on the logit scale for shares and 0-1 scales and transformed back (delta method), "
           "and for counts and money cut at zero (a mean cannot be negative, so the cut "
           "interval covers it as often); they never leave the possible range (0-100 %, 0-1, "
           "at least 0). Intervals of paired differences are 95 % t-intervals over the "
           "per-seed differences; where one would leave the possible range of a difference, a "
           "percentile bootstrap over seeds (scipy.stats.bootstrap) is used instead. A "
           "difference B - A is then cut to what it can be against the baseline's mean A: B "
           "cannot be negative (nor above 1 for a share or 0-1 scale), so the interval stays "
           "within [-A, 1 - A] (at least -A for counts and money). Relative changes divide "
           "the difference and its interval by the baseline's mean, so they never fall below "
           "-100 %. Both take the baseline's mean as the reference; its own uncertainty is in "
           "its level interval. With two seeds the t-interval has one degree of freedom "
           "(t = 12.7): such intervals are wide, and the cut only removes what is impossible."),
    "nl": ("Intervallen van niveaus (het gemiddelde van een scenario) zijn 95%-t-intervallen "
           "over seeds, berekend op de logitschaal voor aandelen en 0-1-schalen en daarna "
           "terugvertaald (deltamethode), en voor aantallen en geld afgekapt bij nul (een "
           "gemiddelde kan niet negatief zijn, dus het afgekapte interval bevat het even "
           "vaak); ze vallen nooit buiten het mogelijke bereik (0-100%, 0-1, minstens 0). "
           "Intervallen van gepaarde "
           "verschillen zijn 95%-t-intervallen over de verschillen per seed; waar zo'n interval "
           "buiten het mogelijke bereik van een verschil zou vallen, wordt een "
           "percentiel-bootstrap over seeds (scipy.stats.bootstrap) gebruikt. Een verschil "
           "B - A wordt daarna afgekapt tot wat het kan zijn ten opzichte van het gemiddelde "
           "A van de basislijn: B kan niet negatief zijn (en bij een aandeel of 0-1-schaal "
           "niet boven 1), dus het interval blijft binnen [-A, 1 - A] (minstens -A bij "
           "aantallen en geld). Relatieve veranderingen delen het verschil en zijn interval "
           "door het gemiddelde van de basislijn en komen dus nooit onder -100%. Beide nemen "
           "het gemiddelde van de basislijn als referentie; de onzekerheid daarvan staat in "
           "het eigen interval van de basislijn. Met twee seeds heeft het t-interval één "
           "vrijheidsgraad (t = 12,7): zulke intervallen zijn breed, en het afkappen haalt "
           "alleen weg wat onmogelijk is."),
}


def outcome_range(outcome: str) -> tuple[float | None, float | None]:
    """What an outcome can possibly be: the materiality table's range where it states one,
    else 0-1 for shares and 0-1 scales, else non-negative (every count, mean and cost)."""
    from ..analysis.materiality import THRESHOLDS

    t = THRESHOLDS.get(outcome)
    if t is not None:
        return t.low, t.high
    if outcome.endswith("_share") or outcome in UNIT_SCALES:
        return 0.0, 1.0
    return 0.0, None


def bounded_interval(outcome: str, mean, sd, n, confidence: float = CONFIDENCE):
    """(low, high) of the mean's interval inside the outcome's possible range.

    0-1 outcomes: a t-interval on the logit scale, the standard error carried over by the
    delta method, transformed back. Non-negative outcomes: the t-interval cut at 0. Why: a
    symmetric interval around a share of 2 % from 3 seeds easily dips below 0 - an
    impossible value.
    With no spread (every seed equal) the interval is the point itself.
    """
    m = np.asarray(mean, dtype=float)
    s = np.asarray(sd, dtype=float)
    nn = np.asarray(n, dtype=float)
    lo_b, hi_b = outcome_range(outcome)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        q = stats.t.ppf(0.5 + confidence / 2, np.where(nn > 1, nn - 1, np.nan))
        se = s / np.sqrt(nn)
        if lo_b is not None and hi_b is not None:
            width = hi_b - lo_b
            p = np.clip((m - lo_b) / width, 1e-12, 1 - 1e-12)
            z = np.log(p / (1 - p))
            dz = q * se / width / (p * (1 - p))
            low = lo_b + width / (1 + np.exp(-(z - dz)))
            high = lo_b + width / (1 + np.exp(-(z + dz)))
        elif lo_b is not None:  # the t-interval cut at the bound: the mean cannot be below
            # it, so the cut interval covers it as often as the whole one (a log scale
            # would blow up for rare counts with a large spread between seeds)
            low, high = np.maximum(m - q * se, lo_b), m + q * se
        else:
            low, high = m - q * se, m + q * se
        flat = s == 0
        low = np.where(flat, m, low)
        high = np.where(flat, m, high)
    return low, high


def difference_interval(outcome: str, d: pd.Series, confidence: float = CONFIDENCE,
                        seed: int = 12345, baseline: float | None = None
                        ) -> tuple[float, float]:
    """Paired t-interval of per-seed differences; a percentile bootstrap over seeds where the
    t-interval would leave the possible range of a difference (+-the outcome's range).

    ``baseline``: the mean of A over the same seeds. Given it, the interval of B - A is also
    cut to what B - A can be (:func:`cut_to_baseline`): with 2 seeds a t-interval has 1
    degree of freedom (t = 12.7) and would say a count fell by 1,371 %."""
    low, high = _difference_interval(outcome, d, confidence, seed)
    if baseline is not None:
        low, high = cut_to_baseline(outcome, low, high, baseline)
    return low, high


def cut_to_baseline(outcome: str, low: float, high: float, baseline: float
                    ) -> tuple[float, float]:
    """Cut the interval of a difference B - A to B's possible range, read against A's mean:
    B cannot be below the outcome's lower bound (0: a count, a cost, a share) nor above its
    upper bound (1 for shares and 0-1 scales), so B - A lies in [low_bound - A, high_bound - A],
    and a relative change (B - A) / A of a non-negative outcome is never below -100 %.
    Like the relative change, this takes A's mean as the reference; the mean of B - A over
    the seeds always lies inside, and zero does too (A is within the range), so a verdict
    of 'unclear' or not never changes by the cut."""
    lo_b, hi_b = outcome_range(outcome)
    if baseline is None or not math.isfinite(baseline):
        return low, high
    if lo_b is not None and math.isfinite(low):
        low = max(low, lo_b - baseline)
    if hi_b is not None and math.isfinite(high):
        high = min(high, hi_b - baseline)
    return low, high


def _difference_interval(outcome: str, d: pd.Series, confidence: float,
                         seed: int) -> tuple[float, float]:
    d = np.asarray(d, dtype=float)
    n = len(d)
    if n < 2:
        return np.nan, np.nan
    mean = float(d.mean())
    half = float(t_interval(mean, d.std(ddof=1), n, confidence))
    low, high = mean - half, mean + half
    lo_b, hi_b = outcome_range(outcome)
    if lo_b is not None and hi_b is not None:
        span = hi_b - lo_b
        if low < -span or high > span:
            res = stats.bootstrap((d,), np.mean, confidence_level=confidence,
                                  method="percentile", n_resamples=2000,
                                  rng=np.random.default_rng(seed))
            low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
    return low, high


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
    """Mean and 95% interval over seeds, long format: by..., outcome, mean, low, high, n.
    The interval stays within the outcome's possible range (:func:`bounded_interval`)."""
    long = values.melt(id_vars=list(by), value_vars=list(outcomes), var_name="outcome")
    g = long.groupby([*by, "outcome"], sort=False, observed=True)["value"]
    out = g.agg(mean="mean", sd="std", n="count").reset_index()
    out["low"], out["high"] = np.nan, np.nan
    for o, idx in out.groupby("outcome", sort=False).groups.items():
        r = out.loc[idx]
        low, high = bounded_interval(o, r["mean"], r["sd"], r["n"])
        out.loc[idx, "low"], out.loc[idx, "high"] = low, high
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
    """For each pair (a, b): b - a per seed (same point), mean and 95% t-interval, cut to
    what b - a can be given a's mean (:func:`cut_to_baseline`).

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
            base_at = wide.xs(a, level="label")[o]
            low, high = difference_interval(o, d, baseline=base_at.reindex(d.index).mean()
                                            if n else None)
            base = base_at.mean()
            rows.append({"outcome": o, "a": a, "b": b, "mean": mean, "low": low,
                         "high": high, "n": n, "baseline": base,
                         "relative": mean / base if base else np.nan,
                         "b_higher_share": float((d > 0).mean()) if n else np.nan})
    return pd.DataFrame(rows)


def response(values: pd.DataFrame, points: pd.DataFrame, outcomes: Iterable[str]
             ) -> pd.DataFrame:
    """Sweep response: per scenario and design point, the varied values and each outcome's
    mean and 95% interval over seeds (long format). Reference runs have point -1."""
    s = summarise(values, outcomes, by=("label", "point"))
    return s.merge(points.reset_index(), on="point", how="left")
